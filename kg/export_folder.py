"""An export folder replaced as a whole, so that it always holds one build or the other.

A build writes its files into a new folder beside the export folder, then
swaps the two in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames, with a moment when the folder is missing but never mixed). Killed at
any point, the export folder holds the old build whole or the new one whole.
A lock on the folder keeps a second build out while one writes. The new
folder is removed on every failure; one a SIGKILL left is removed by the
next build.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .errors import ExportError
from .files import _fsync_dir, current_umask

_RENAME_EXCHANGE = 2
#: the query stores (kg.query) are rebuilt for a new export, never carried over
_NOT_CARRIED = (".kg-store",)


def _stage_prefix(folder: Path) -> str:
    return f".{folder.name}.kg-"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the export folder's lock: a second build into it is refused at once.

    Raises:
        ExportError: another build holds it.
    """
    while True:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ExportError(f"{folder}: another kg build is writing this folder; wait for it to finish or choose another --out") from None
        # a build that swapped the folder while we waited locked the old one: lock the new one
        if os.fstat(fd).st_ino == os.stat(folder).st_ino:
            break
        os.close(fd)
    try:
        yield
    finally:
        os.close(fd)


def _exchange(new: Path, folder: Path) -> bool:
    """Swap two folders in one step; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(folder), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(folder))


def _carry(old: Path, new: Path, owned: Iterable[str]) -> None:
    """Link into the new folder what the user keeps in the old one (not kg's exports, which the new build replaces)."""
    owned = set(owned)
    for entry in old.iterdir():
        if entry.name in owned or entry.name in _NOT_CARRIED or entry.name.endswith(".tmp") or (new / entry.name).exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, new / entry.name)


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def remove_debris(folder: Path) -> None:
    """Remove what a killed build left beside ``folder`` (its new or old folder)."""
    for entry in folder.parent.glob(_stage_prefix(folder) + "*"):
        shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def replacing(out_dir: str | Path, owned: Iterable[str] = ()) -> Iterator[Path]:
    """Give a new, empty folder to write a build into; swap it in for ``out_dir`` when the block ends well.

    Args:
        out_dir: the export folder (made if missing; a link to a folder is followed).
        owned: file names kg writes there: an old one the new build does not
            write is dropped with the old build, not carried over.

    Raises:
        ExportError: the folder cannot be made, locked, written beside or swapped.
    """
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: exists and is not a folder; choose another --out")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create the export folder ({_reason(exc)})") from None
    folder = folder.resolve()
    with locked(folder):
        remove_debris(folder)
        try:
            new = Path(tempfile.mkdtemp(prefix=_stage_prefix(folder) + "new-", dir=folder.parent))
        except OSError as exc:
            raise ExportError(
                f"{folder}: cannot write the new export beside it in {folder.parent} ({_reason(exc)}); "
                "kg writes a build whole before it replaces the old one"
            ) from None
        try:
            try:
                new.chmod(folder.stat().st_mode & 0o7777 or 0o777 & ~current_umask())
            except OSError:
                pass
            yield new
            try:
                _carry(folder, new, owned)
                _fsync_dir(new)
                if _exchange(new, folder):
                    pass  # ``new`` now names the old build
                else:
                    old = Path(tempfile.mkdtemp(prefix=_stage_prefix(folder) + "old-", dir=folder.parent))
                    os.rmdir(old)
                    os.rename(folder, old)
                    try:
                        os.rename(new, folder)
                    except OSError:
                        os.rename(old, folder)  # put the old build back before saying so
                        raise
                    new = old
                _fsync_dir(folder.parent)
            except OSError as exc:
                raise ExportError(f"{folder}: cannot put the new export in place ({_reason(exc)}); the old one is unchanged") from None
        finally:
            shutil.rmtree(new, ignore_errors=True)
