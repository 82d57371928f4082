"""The per-document extraction cache: entries signed with a key kept outside the cache folder.

An entry is pickled facts, and unpickling runs whatever the bytes say; so an
entry is read only if its HMAC-SHA256, under a key in the user's own config
folder, matches. Whoever can write the cache folder but not that key can make
kg extract again, never run code in it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .files import write_atomic

MAGIC = b"kg-cache-1\n"
SUFFIX = ".kgc"


def key_file() -> Path:
    """Where the signing key lives: ``$KG_CACHE_KEY``, else ``$XDG_CONFIG_HOME/kg/cache.key`` (~/.config)."""
    if os.environ.get("KG_CACHE_KEY"):
        return Path(os.environ["KG_CACHE_KEY"])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "kg" / "cache.key"


@lru_cache(maxsize=4)
def _key(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
    except FileExistsError:  # another build made it first: use theirs
        return path.read_bytes()
    except OSError:
        pass  # no writable config folder: this run's entries are good for this run only
    return key


def _signature(name: str, payload: bytes) -> bytes:
    # the name is signed too: a valid entry moved under another document's name is refused
    return hmac.new(_key(key_file()), name.encode("utf-8") + b"\0" + payload, hashlib.sha256).digest()


def load(folder: Path, name: str) -> Optional[object]:
    """The object stored under ``name``, or None when missing, torn, or not signed with this user's key."""
    try:
        data = (folder / (name + SUFFIX)).read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    payload = data[head:]
    if not hmac.compare_digest(data[len(MAGIC) : head], _signature(name, payload)):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # signed but from another kg version's classes: extract again
        return None


def save(folder: Path, name: str, value: object) -> None:
    """Store ``value`` under ``name``, signed."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    write_atomic(folder / (name + SUFFIX), MAGIC + _signature(name, payload) + payload, durable=False)
