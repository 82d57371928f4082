"""Trigger patterns from ``--rules`` files, matched in linear time (RE2).

Python's ``re`` backtracks: a pattern such as ``(a+)+$`` takes twice as long
with each extra character of a sentence, and one such rule in a user's file
would hang the build. RE2 matches in time linear in the text, whatever the
pattern; it lacks look-around and back-references, which a rule file is told
about when it is loaded. The built-in rules are kg's own and keep ``re``.
"""

from __future__ import annotations

from typing import Optional

import re2


def _options() -> "re2.Options":
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the reason goes into kg's own one-line error
    return options


def compile_user(pattern: str):
    """A case-insensitive RE2 pattern with ``re``'s ``search``/``finditer``/``match`` (RE2 must accept it)."""
    return re2.compile(pattern, _options())


def user_problem(pattern: str) -> Optional[str]:
    """Why RE2 refuses a pattern, or None when it accepts it."""
    try:
        compile_user(pattern)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        return (
            f"not supported by the linear-time engine (RE2) that runs --rules patterns: {reason}; "
            "drop look-around (?= (?! (?<= and back-references"
        )
    return None
