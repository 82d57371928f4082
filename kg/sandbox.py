"""The limits a query's child process runs under (Linux; elsewhere each is skipped).

A query runs in a forked child (see :func:`kg.query.run_isolated`). In it,
before the query:

* it dies with its parent (``PR_SET_PDEATHSIG``): SIGTERM or SIGKILL to
  ``kg serve`` or ``kg query`` leaves no child burning a core;
* its address space may grow by at most a given number of bytes
  (``RLIMIT_AS``): a cross join fails in the child, not the machine;
* it may be cut off from the network (a network namespace of its own, with
  only a loopback that is down): whatever the text of a query, the engine
  cannot fetch a URL (SPARQL SERVICE) on a caller's behalf.
"""

from __future__ import annotations

import ctypes
import faulthandler
import os
import resource
import signal
import sys
from typing import Optional

_PR_SET_PDEATHSIG = 1
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def _libc():
    return ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent(parent: int) -> None:
    """End this process with SIGKILL when ``parent`` (the forking process) ends."""
    libc = _libc()
    if libc is not None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the line above: follow it now
        os._exit(1)


def _vm_size() -> int:
    """This process's address space now, in bytes (0 where /proc does not tell)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def cap_memory(extra_bytes: int) -> None:
    """Let this process's address space grow by at most ``extra_bytes`` beyond what it holds now."""
    # the fork shares the parent's mappings (the loaded store, thread stacks): count from them
    limit = _vm_size() + extra_bytes
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def cut_network() -> bool:
    """Move this process into a network namespace of its own, with no way out; False if the system forbids it."""
    libc = _libc()
    if libc is None:
        return False
    # root may make a network namespace alone; others need a user namespace with it
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


def confine(parent: int, memory: Optional[int], network: bool) -> bool:
    """Apply every limit in the child; returns whether the network is cut.

    Args:
        parent: the pid of the process that forked this one.
        memory: bytes the query may add to the address space (None: no cap).
        network: whether the query may reach the network (False: cut it off).
    """
    die_with_parent(parent)
    cut = False if network else cut_network()
    if memory is not None:
        cap_memory(memory)
        # past the cap, native code aborts with a dump to stderr; the parent reports it in one line
        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    return cut
