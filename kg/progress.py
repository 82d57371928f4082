"""The progress bar of long builds on a terminal: click's, with a total and an ETA."""

from __future__ import annotations

from typing import TextIO

import click


class ProgressBar:
    """A click progress bar over documents, made when the build first reports and knows the total.

    Args:
        label: what is being done ("extracting").
        stream: the terminal to draw on.
    """

    def __init__(self, label: str, stream: TextIO):
        self.label = label
        self.stream = stream
        self._bar = None

    def advance(self, n: int, total: int) -> None:
        """Count ``n`` more documents done, of ``total``."""
        if self._bar is None:
            self._bar = click.progressbar(length=total, label=self.label, file=self.stream, show_eta=True, show_pos=True)
            self._bar.__enter__()
        self._bar.update(n)

    def close(self) -> None:
        """Finish the bar's line."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
