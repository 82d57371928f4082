"""Cue families (``rules/cues.yaml``) spliced into the extraction stages' own regular expressions.

A stage keeps the shape of what it matches in code, as a :class:`CueTemplate`: a
regular expression in which ``{:family}`` stands for any cue of that family. The
rules give the words; each template is compiled once per rule set, when first used:
``gaz.cues[template]``.
"""

from __future__ import annotations

import re

from .ruleset import CuesFile

try:
    from re import _parser as _sre_parse  # (private, but what re itself compiles with)
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: a family's slot in a template
_SLOT = re.compile(r"\{:([a-z_]+)\}")
#: what a family with no cues matches: nothing
_NOTHING = r"(?!x)x"
#: a family that may start with more characters than this gets no guard of its first letters
_MAX_GUARD = 64
#: every template made, to compile them all at once (tests, benchmarks)
TEMPLATES: list["CueTemplate"] = []


class CueTemplate:
    """A regular expression with ``{:family}`` slots, and its flags.

    Args:
        source: the expression; each slot is replaced by the family's cues, one of them.
        flags: the ``re`` flags it is compiled with.
    """

    __slots__ = ("source", "flags", "families")

    def __init__(self, source: str, flags: int = 0):
        self.source = source
        self.flags = flags
        self.families = tuple(_SLOT.findall(source))
        TEMPLATES.append(self)

    def __repr__(self) -> str:
        return f"CueTemplate({self.source!r})"


class Cues(dict):
    """The cue families of a rule set, and the templates compiled with them: ``cues[template]`` (compiled once)."""

    def __init__(self, cues: CuesFile):
        super().__init__()
        self.alternations = {name: _alternation([rule.pattern for rule in getattr(cues, name)]) for name in CuesFile.model_fields}

    def __missing__(self, template: CueTemplate) -> re.Pattern:
        source = _SLOT.sub(lambda m: self._family(m.group(1)), template.source)
        compiled = self[template] = re.compile(source, template.flags)
        return compiled

    def compile_all(self) -> None:
        """Compile every template made so far."""
        for template in TEMPLATES:
            self[template]

    def _family(self, name: str) -> str:
        try:
            return self.alternations[name]
        except KeyError:
            raise KeyError(f"a template names no cue family of cues.yaml: '{name}'") from None


def _alternation(patterns: list[str]) -> str:
    """One group matching any of the patterns, tried in their order, behind a guard of their first letters.

    ``(?=[...])``: sre tests the letter once where it would enter each pattern in turn
    (a word pattern opens with ``\\b``, which keeps sre from skipping by letter itself).
    """
    if not patterns:
        return _NOTHING
    body = "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"
    first = _first_chars(_sre_parse.parse(body))
    if first is None or not first[0] or first[1] or len(first[0]) > _MAX_GUARD:
        return body
    return "(?=[" + "".join(re.escape(c) for c in sorted(first[0])) + "])" + body


def _first_chars(items) -> "tuple[set[str], bool] | None":
    """The characters a parsed sequence can start with, and whether it can match nothing; None: unknown."""
    out: set[str] = set()
    for op, av in items:
        name = op.name
        if name == "AT":  # \b ^ $: zero-width
            continue
        if name == "LITERAL":
            return out | {chr(av)}, False
        if name == "IN":
            for kind, value in av:
                if kind.name == "LITERAL":
                    out.add(chr(value))
                elif kind.name == "RANGE" and value[1] - value[0] < _MAX_GUARD:
                    out.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    return None
            return out, False
        if name == "SUBPATTERN" and not av[1] and not av[2]:  # (no inline flags)
            branches = [av[3]]
        elif name == "BRANCH":
            branches = av[1]
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            branches = [av[2]] + ([[]] if av[0] == 0 else [])
        else:
            return None
        can_be_empty = False
        for branch in branches:
            sub = _first_chars(branch)
            if sub is None:
                return None
            out |= sub[0]
            can_be_empty = can_be_empty or sub[1]
        if not can_be_empty:
            return out, False
    return out, True
