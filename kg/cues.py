"""Cue families (``rules/cues.yaml``) spliced into the extraction stages' own regular expressions.

A stage keeps the shape of what it matches in code, as a :class:`CueTemplate`: a
regular expression in which ``{:family}`` stands for any cue of that family. The
rules give the words; each template is compiled once per rule set, when first used.
"""

from __future__ import annotations

import re

from .ruleset import CuesFile

#: a family's slot in a template
_SLOT = re.compile(r"\{:([a-z_]+)\}")
#: what a family with no cues matches: nothing
_NOTHING = r"(?!x)x"
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


class Cues:
    """The cue families of a rule set, and the templates compiled with them."""

    def __init__(self, cues: CuesFile):
        self.alternations = {name: _alternation([rule.pattern for rule in getattr(cues, name)]) for name in CuesFile.model_fields}
        self._compiled: dict[CueTemplate, re.Pattern] = {}

    def compile(self, template: CueTemplate) -> re.Pattern:
        """The template with each slot replaced by its family's cues, compiled (once)."""
        compiled = self._compiled.get(template)
        if compiled is None:
            source = _SLOT.sub(lambda m: self._family(m.group(1)), template.source)
            compiled = self._compiled[template] = re.compile(source, template.flags)
        return compiled

    def compile_all(self) -> None:
        """Compile every template made so far."""
        for template in TEMPLATES:
            self.compile(template)

    def _family(self, name: str) -> str:
        try:
            return self.alternations[name]
        except KeyError:
            raise KeyError(f"a template names no cue family of cues.yaml: '{name}'") from None


def _alternation(patterns: list[str]) -> str:
    """One group matching any of the patterns, tried in their order."""
    if not patterns:
        return _NOTHING
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"
