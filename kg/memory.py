"""Keeping large builds lean: the cyclic garbage collector paused while lasting objects are made."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore it as it was.

    Unpickling or reading 10,000 documents' facts makes millions of objects
    that all survive and form no cycles; the collector would walk them again
    and again for no garbage (half the time of loading the extraction cache).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
