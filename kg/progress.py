"""A dependency-free progress line for long builds on a terminal."""

from __future__ import annotations

import time
from typing import TextIO


class ProgressBar:
    """Counts finished items on one terminal line, redrawn at most ten times a second.

    Args:
        label: what is being counted.
        stream: the terminal to draw on.
    """

    def __init__(self, label: str, stream: TextIO):
        self.label = label
        self.stream = stream
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._drawn >= 0.1:
            self._drawn = now
            rate = self.done / max(now - self.started, 1e-9)
            self.stream.write(f"\r{self.label}: {self.done} documents ({rate:,.0f}/s)")
            self.stream.flush()

    def close(self) -> None:
        if self.done:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
