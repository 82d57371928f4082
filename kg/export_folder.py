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
import glob
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .errors import ExportError
from .files import _fsync_dir, current_umask

_RENAME_EXCHANGE = 2
#: the query stores (kg.query) are rebuilt for a new export, never carried over
_NOT_CARRIED = (".kg-store",)


def _stage_prefix(folder: Path) -> str:
    return f".{folder.name}.kg-"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class BuildLock:
    """The lock of one export folder, held by this process (see :func:`locked`)."""

    def __init__(self, folder: Path, path: Path, fd: int):
        self.folder = folder
        self.path = path
        self.fd = fd


def _lock_path(folder: Path) -> Path:
    # beside the folder, not in it: the folder itself is replaced by each build
    return folder.parent / (_stage_prefix(folder) + "lock")


def _folder(out_dir: str | Path) -> Path:
    """The export folder as an absolute path with its links resolved (it may not exist yet)."""
    return Path(out_dir).expanduser().resolve()


@contextmanager
def locked(out_dir: str | Path, held: Optional[BuildLock] = None) -> Iterator[BuildLock]:
    """Hold the export folder's lock for a whole build: a second build into it is refused at once.

    The lock is a file beside the folder (``.NAME.kg-lock``), locked with
    ``flock`` and removed when the build ends; a build killed with SIGKILL
    releases it with its process. The folder itself need not exist yet.

    Args:
        out_dir: the export folder.
        held: a lock this process already holds on it: used as it is.

    Raises:
        ExportError: another build holds it, or the lock cannot be made beside the folder.
    """
    folder = _folder(out_dir)
    if held is not None and held.folder == folder:
        yield held
        return
    path = _lock_path(folder)
    while True:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise ExportError(f"{folder}: cannot write beside it in {folder.parent} ({_reason(exc)}); kg writes a build there before it replaces the old one") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ExportError(f"{folder}: another kg build is writing this folder; wait for it to finish or choose another --out") from None
        # the build that held it may have removed the file meanwhile: then lock the one now there
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    lock = BuildLock(folder, path, fd)
    try:
        yield lock
    finally:
        try:
            os.unlink(path)  # while still locked: a waiting build then makes a new one
        except OSError:
            pass
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
    """Remove what a killed build left beside ``folder`` (its new or old folder). Call with the lock held.

    Where a build was killed between the two renames of the fallback swap
    (systems without an exchange), the folder is missing: its old build is put back.
    """
    prefix = glob.escape(_stage_prefix(folder))
    if not os.path.lexists(folder):
        for old in sorted(folder.parent.glob(prefix + "old-*")):
            os.rename(old, folder)
            break
    for kind in ("new-", "old-"):
        for entry in folder.parent.glob(prefix + kind + "*"):
            shutil.rmtree(entry, ignore_errors=True)


def _holds_cwd(folder: Path) -> bool:
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        return False
    return cwd == folder or folder in cwd.parents


def _keep_modes(old: Path, new: Path, owned: Iterable[str]) -> None:
    """Give each export the mode of the one it replaces (a user who made graph.html world-readable keeps it so)."""
    for name in owned:
        try:
            os.chmod(new / name, (old / name).stat().st_mode & 0o7777)
        except OSError:
            pass


@contextmanager
def replacing(out_dir: str | Path, owned: Iterable[str] = (), held: Optional[BuildLock] = None) -> Iterator[Path]:
    """Give a new, empty folder to write a build into; swap it in for ``out_dir`` when the block ends well.

    The new folder is removed whatever happens in the block (an error, Ctrl-C,
    the SIGTERM ``kg build`` turns into an exception); one a SIGKILL left is
    removed by the next build into the same folder.

    Args:
        out_dir: the export folder (made if missing; a link to a folder is followed).
        owned: file names kg writes there: an old one the new build does not
            write is dropped with the old build, not carried over.
        held: the folder's lock, when the caller took it for the whole build (:func:`locked`).

    Raises:
        ExportError: the folder cannot be made, locked, written beside or swapped.
    """
    shown = Path(out_dir)
    if shown.exists() and not shown.is_dir():
        raise ExportError(f"{shown}: exists and is not a folder; choose another --out")
    folder = _folder(shown)
    if _holds_cwd(folder):
        raise ExportError(f"{shown}: is the current folder or holds it; kg replaces the export folder as a whole: choose a folder of its own for --out")
    owned = list(owned)
    with locked(folder, held):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"{shown}: cannot create the export folder ({_reason(exc)})") from None
        try:
            remove_debris(folder)
            new = Path(tempfile.mkdtemp(prefix=_stage_prefix(folder) + "new-", dir=folder.parent))
        except OSError as exc:
            raise ExportError(
                f"{shown}: cannot write the new export beside it in {folder.parent} ({_reason(exc)}); "
                "kg writes a build whole before it replaces the old one"
            ) from None
        try:
            try:
                new.chmod(folder.stat().st_mode & 0o7777 or 0o777 & ~current_umask())
            except OSError:
                pass
            yield new
            try:
                _keep_modes(folder, new, owned)
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
                raise ExportError(f"{shown}: cannot put the new export in place ({_reason(exc)}); the old one is unchanged") from None
        finally:
            shutil.rmtree(new, ignore_errors=True)
