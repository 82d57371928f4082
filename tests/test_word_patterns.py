"""Word patterns (``words:``): the compiler, its errors, the built-in rules written with it, and a --rules folder using it."""

from __future__ import annotations

import re
import typing

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import RuleError, WordPatternError
from kg.ruleset import PatternRule, TriggersFile, load_rules
from kg.user_patterns import compile_user, user_problem
from kg.word_patterns import compile_words, forms


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def matches(words: str, text: str) -> bool:
    """Whether the compiled pattern finds ``text``, checked on both engines (re for built-ins, RE2 for --rules)."""
    source = compile_words(words)
    found = re.search(source, text, re.IGNORECASE) is not None
    assert (compile_user(source).search(text) is not None) == found, (words, text)
    return found


# -- the compiler --------------------------------------------------------------------------


def test_compiles_to_the_kind_of_regex_the_rules_hold():
    assert compile_words("hold talks with") == r"\b(?:holding|holds|held|hold)\s+talks\s+with\b"
    assert compile_words("stressed") == r"\bstressed\b"
    assert compile_words('"sat" down with') == r"\bsat\s+down\s+with\b"


@pytest.mark.parametrize(
    "words, yes, no",
    [
        # irregular verbs: the base or an irregular form stands for the whole group
        ("hold talks with", ["held talks with", "holds talks with", "holding talks with", "HOLD TALKS WITH"], ["holder talks with", "held talk with"]),
        ("held talks with", ["hold talks with", "holding talks with"], []),
        ("speak with", ["spoke with", "spoken with", "speaks with", "speaking with"], ["speaker with"]),
        ("pay a call on", ["paid a call on", "pays a call on", "paying a call on"], ["paid as call on"]),
        ("meet with", ["met with", "meets with", "meeting with"], ["meetings with"]),
        ("be received by", ["was received by", "were received by", "is received by"], []),
        # regular: -s/-es/-ies, -ed/-d/-ied, -ing, a final e dropped, a final consonant doubled
        ("visit", ["visits", "visited", "visiting"], ["visitor"]),
        ("host", ["hosts", "hosted", "hosting"], []),
        ("agree", ["agrees", "agreed", "agreeing"], ["agreement"]),
        ("discuss", ["discusses", "discussed", "discussing"], ["discussion"]),
        ("rally", ["rallies", "rallied", "rallying"], []),
        ("plan", ["plans", "planned", "planning"], ["planed"]),
        ("travel to", ["traveled to", "travelled to", "traveling to", "travelling to"], []),
        ("confer with", ["conferred with", "conferring with", "confers with"], []),
        ("co-chair", ["co-chaired", "co-chairs", "co-chairing"], ["chaired"]),
        # a noun in -ing takes its plural; a word already inflected stands for itself
        ("meeting", ["meeting", "meetings"], ["met", "meet"]),
        ("talks", ["talks"], ["talk", "talked"]),
        ("stressed", ["stressed"], ["stress", "stresses"]),
        ("agreed", ["agreed"], ["agree"]),
        # function words, adverbs and names stand for themselves
        ("met separately with", ["met separately with"], ["met separatelies with"]),
        ("a meeting", ["a meeting"], ["as meeting"]),
        ("in Beijing", ["in Beijing"], ["in Beijings"]),
        ("Xi's visit", ["Xi's visit", "Xi’s visit", "xi's visits"], ["Xis visit"]),
        # a word with a non-ASCII letter at its edge matches on both engines
        ("at the Élysée", ["at the Élysée", "at the élysée palace"], []),
        # quoted: exact
        ('"sat" down with', ["sat down with"], ["sit down with", "sits down with"]),
        ('"held talks" with', ["held talks with"], ["holds talks with"]),
        # gaps
        ("hold ... talks with", ["held talks with", "held their first face-to-face talks with", "held one two three four talks with"], ["held one two three four five talks with", "held them. Talks with"]),
        ("meet ...{6} in", ["met Wang Yi on Monday and Tuesday in"], ["met a b c d e f g in"]),
        ("meet ...{1,2} in", ["met Wang in", "met Wang Yi in"], ["met in"]),
        ("meet ... in", ["met him, briefly, in"], ["met him; in", "met him: in", "met him! in", "met him? in"]),
        # alternatives
        ("(talks | consultations | a meeting) with", ["talks with", "consultations with", "a meeting with", "a meetings with"], ["meeting with", "talk with"]),
        ("urged | called (on | for)", ["urged", "called on", "called for"], ["called in"]),
        # optional words
        ("pay a [courtesy] call on", ["paid a courtesy call on", "paid a call on"], ["paid courtesy call on"]),
        ("[a | the] meeting", ["a meeting", "the meeting", "meeting"], []),
        ("meet [separately | privately | briefly] with", ["met with", "met privately with"], ["met separately privately with"]),
        ("sat down [with ...{2}] in", ["sat down in", "sat down with him in"], []),
        # whitespace between words may be any whitespace
        ("hold talks with", ["held  talks\nwith"], []),
    ],
)
def test_what_a_word_pattern_matches(words, yes, no):
    for text in yes:
        assert matches(words, text), (words, text, compile_words(words))
    for text in no:
        assert not matches(words, text), (words, text, compile_words(words))


def test_forms():
    assert forms("hold") == ["hold", "holds", "held", "holding"]
    assert forms("meeting") == ["meeting", "meetings"]
    assert forms("with") == ["with"]
    assert forms("Beijing") == ["Beijing"]
    assert sorted(forms("tie")) == ["tie", "tied", "ties", "tying"]
    assert sorted(forms("stop")) == ["stop", "stopped", "stopping", "stops"]


def test_re2_accepts_every_compiled_pattern():
    for words in ["hold ... talks with", "pay a [courtesy] call on", "(a | the) meeting", "meet ...{1,6} in", "Xi's visit"]:
        assert user_problem(compile_words(words)) is None


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, message",
    [
        ("(talks | consultations with", "unbalanced brackets: '(' at character 1 is never closed"),
        ("pay a [courtesy call on", "unbalanced brackets: '[' at character 7 is never closed"),
        ("talks) with", "unbalanced brackets: ')' at character 6 has no matching '('"),
        ("talks] with", "unbalanced brackets: ']' at character 6 has no matching '['"),
        ("(talks] with", "unbalanced brackets: ']' at character 7 closes '(' at character 1"),
        ("(talks | ) with", "empty alternative after '|' at character 8"),
        ("( | talks) with", "empty alternative before '|' at character 3"),
        ("talks | ", "empty alternative after '|' at character 7"),
        ("met () with", "empty brackets '()' at character 5"),
        ("met {PERSON} in", "unknown slot '{PERSON}' at character 5: word patterns have no slots; write the words around the name, or use 'pattern'"),
        ("met {PLACE", "unbalanced brackets: '{' at character 5 is never closed"),
        ('met "privately with', "unclosed quote '\"' at character 5"),
        ('met "" with', "empty quotes at character 5"),
        ("... met", "a gap '...' cannot start a pattern; it stands between words"),
        ("met ...", "a gap '...' cannot end a pattern; it stands between words"),
        ("met ...{12} in", "bad gap '...{12}' at character 5: give '...{n}' or '...{m,n}' with m <= n and 0 < n <= 10"),
        ("met ...{3,1} in", "bad gap '...{3,1}' at character 5: give '...{n}' or '...{m,n}' with m <= n and 0 < n <= 10"),
        ("[courtesy] [call]", "'[courtesy] [call]' may match no word at all; give it a word that is not optional"),
        ("met \\w+ with", "a backslash at character 5: words take no escapes; use 'pattern' for a regular expression"),
        ("   ", "no words"),
    ],
)
def test_a_bad_word_pattern_says_what_and_where(words, message):
    with pytest.raises(WordPatternError) as err:
        compile_words(words)
    assert str(err.value) == message


def test_a_bad_words_value_is_a_rule_error_naming_file_entry_id_and_key(tmp_path):
    folder = write(tmp_path / "rules", "triggers.yaml", (
        "meeting:\n"
        "  - {id: fine, words: 'hold [courtesy] talks with'}\n"
        "  - {id: open, words: '(talks | consultations with'}\n"
        "  - {id: hollow, words: '(talks | ) with'}\n"
        "  - {id: person, words: 'met {PERSON} in'}\n"
        "  - {id: both, words: 'met with', pattern: 'met with'}\n"
        "  - {id: neither, format: in-person}\n"
        "negation:\n"
        "  - {id: never, words: 'never [met'}\n"
    ))
    with pytest.raises(RuleError) as err:
        load_rules(folder, builtin=False)
    path = folder / "triggers.yaml"
    assert err.value.problems == [
        f"{path}: meeting[1] (open): words: unbalanced brackets: '(' at character 1 is never closed",
        f"{path}: meeting[2] (hollow): words: empty alternative after '|' at character 8",
        f"{path}: meeting[3] (person): words: unknown slot '{{PERSON}}' at character 5: word patterns have no slots; write the words around the name, or use 'pattern'",
        f"{path}: meeting[4] (both): words: give either 'pattern' or 'words', not both",
        f"{path}: meeting[5] (neither): pattern: required key is missing; give 'pattern' (a regular expression) or 'words' (a word pattern)",
        f"{path}: negation[0] (never): words: unbalanced brackets: '[' at character 7 is never closed",
    ]


def test_every_trigger_family_takes_words(tmp_path):
    families = [name for name, f in TriggersFile.model_fields.items() if typing.get_args(f.annotation) == (PatternRule,)]
    assert {"meeting", "status", "format", "context", "stance", "discussion", "speech", "group_anaphora", "negation", "distributive", "arrival"} <= set(families)
    text = "".join(f"{family}:\n  - {{id: w-{family.replace('_', '-')}, words: 'hold [courtesy] talks with'}}\n" for family in families)
    rules = load_rules(write(tmp_path / "rules", "triggers.yaml", text))
    for family in families:
        rule = next(r for r in getattr(rules.triggers, family) if r.id.startswith("w-"))
        assert rule.words == "hold [courtesy] talks with" and rule.pattern == compile_words(rule.words) and rule.user


# -- the built-in rules written as words -----------------------------------------------------

#: the regular expressions these built-in rules held before they were written as words
WERE = {
    "met-with": r"\b(?:met|meets|meet|meeting) (?:separately |privately |briefly )?with\b",
    "sat-down-with": r"\bsat down with\b",
    "raised-by": r"\bwere raised by\b|\bwas raised by\b",
    "emphasized": r"\bemphasi[sz]ed\b",
    "underscored": r"\bunderscored\b",
    "stressed": r"\bstressed\b",
    "urged": r"\burged\b|\bcalled (?:on|for)\b",
    "reiterated": r"\breiterated\b|\breaffirmed\b",
    "pressed": r"\bpressed\b|\bpushed for\b",
    "welcomed": r"\bwelcomed\b",
    "noted": r"\bnoted\b",
    "addressed": r"\baddressed\b",
    "warned": r"\bwarned\b",
    "condemned": r"\bcondemned\b|\bdenounced\b",
    "discussed": r"\bdiscuss(?:ed|es|ing|ion|ions)?\b",
    "agreed": r"\bagreed\b",
    "covered": r"\b(?:covered|touched on|focused on|centred on|centered on|centred around|centered around)\b",
}


def test_builtin_rules_written_as_words_match_what_their_regexes_did(rules):
    from .conftest import ROOT

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts.append(
        "He met with Wang; they meet privately with aides, meeting briefly with staff, and meets separately with him. "
        "She sat down with Lammy but sits down with nobody. Concerns were raised by Rubio and was raised by Wang. "
        "He emphasized, emphasised, emphasizes, underscored, stressed the stress, urged, urges, called on, called for, called in, "
        "reiterated, reaffirmed, pressed, pushed for, pushes for, welcomed, noted, addressed, warned, condemned, denounced; "
        "they discuss, discussed, discusses, discussing, discussion, discussions, agreed, agrees, covered, touched on, focused on, "
        "centred on, centered on, centred around, centered around and centers on."
    )
    seen = set()
    for family in ("meeting", "stance", "discussion"):
        for rule in getattr(rules.triggers, family):
            if rule.id in WERE and rule.words is not None:
                seen.add(rule.id)
                old, new = re.compile(WERE[rule.id], re.I), re.compile(rule.pattern, re.I)
                for text in texts:
                    assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)], rule.id
    assert seen == set(WERE)


# -- a --rules folder written with words, end to end ---------------------------------------

VISIT = "Foreign Minister Penny Wong paid her respects to President Joko Widodo in Jakarta on Monday.\n"


def _build(tmp_path, *rules) -> str:
    docs = tmp_path / "docs"
    write(docs, "visit.txt", VISIT)
    write(docs, "visit.meta.json", '{"published": "2023-06-14", "publisher": "DFAT"}')
    out = tmp_path / ("out-rules" if rules else "out")
    args = ["build", str(docs), "--out", str(out), "--no-html"] + [a for r in rules for a in ("--rules", str(r))]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_words_trigger_in_a_rules_folder_finds_a_meeting_the_builtin_rules_miss(tmp_path):
    # 'paid a courtesy call on' and 'made a courtesy visit to President X' are built in already; 'paid her respects to' is not
    assert "0 meetings" in _build(tmp_path)
    rules = write(tmp_path / "rules", "triggers.yaml", 'meeting:\n  - {id: paid-respects, words: "pay (her | his | their) respects to", format: in-person}\n')
    assert "1 meeting," in _build(tmp_path, rules)
    import kg

    graph = kg.load(tmp_path / "out-rules")
    (meeting,) = graph.meetings()
    assert sorted(meeting.participants) == ["Joko Widodo", "Penny Wong"]
    assert meeting.start == "2023-06-12" and meeting.place == "Jakarta"
