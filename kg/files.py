"""Files written so that a reader sees the old content or the new, never a torn one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def current_umask() -> int:
    """The process's umask (reading it means setting it: it is set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write a file so that readers see the old or the new content, never a torn one.

    The data goes to a hidden temporary file in the same folder and is renamed
    over ``path``. The file keeps the mode of the one it replaces (a new one
    gets the usual umask mode, not mkstemp's 0600).

    Args:
        path: the file to write.
        data: its new content.
        durable: flush to disk before the rename, and sync the folder after.
            A cache needs no durability (a file lost in a crash is extracted
            again), and syncing each of 10,000 small files cost more than a
            minute on a cold cached build.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~current_umask()
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _AtomicFile:
    """A file written under a hidden temporary name and renamed over ``path`` on commit."""

    def __init__(self, path: Path):
        self.path = Path(path)
        fd, self.tmp = tempfile.mkstemp(prefix="." + self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        self.fh = os.fdopen(fd, "wb", buffering=1 << 20)

    def write(self, data: bytes) -> int:
        return self.fh.write(data)

    def flush(self) -> None:
        self.fh.flush()

    def commit(self) -> Path:
        try:
            mode = self.path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~current_umask()
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.path)
        _fsync_dir(self.path.parent)
        return self.path

    def __enter__(self) -> "_AtomicFile":
        return self

    def __exit__(self, *exc) -> None:
        if not self.fh.closed:
            self.fh.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
