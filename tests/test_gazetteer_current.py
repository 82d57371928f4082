"""The gazetteer knows who held which office in 2025-2026.

Short readout sentences dated 2025 and 2026: the officials are found by name, and
'his Japanese counterpart', 'the Secretary' and 'the Foreign Secretary' resolve to
whoever held the office on the document's date, so each check fails if a role's
dates are wrong or a role that ended still runs open.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract
from kg.gazetteer import gazetteer_for
from kg.model import Document


def _facts(rules, text: str, published: str):
    day = dt.date.fromisoformat(published)
    return extract(Document(id="g", text=text, published=day, date=day), rules)


def _people(facts) -> set[str]:
    return set(facts.people)


# (text, document date, the counterpart it must resolve to)
COUNTERPARTS = [
    # Japan's prime minister changed on 2025-10-21 (Ishiba -> Takaichi)
    ("Prime Minister Anthony Albanese spoke with his Japanese counterpart by phone on Monday.", "2025-10-20", "shigeru-ishiba"),
    ("Prime Minister Anthony Albanese spoke with his Japanese counterpart by phone on Wednesday.", "2025-10-22", "sanae-takaichi"),
    ("Prime Minister Anthony Albanese spoke with his Japanese counterpart by phone on Tuesday.", "2026-03-03", "sanae-takaichi"),
    # and its foreign minister the same day (Iwaya -> Motegi)
    ("Secretary of State Marco Rubio met with his Japanese counterpart in Washington on Friday.", "2025-02-07", "takeshi-iwaya"),
    ("Secretary of State Marco Rubio met with his Japanese counterpart in Tokyo on Tuesday.", "2025-10-28", "toshimitsu-motegi"),
    # Canada (Joly -> Anand, May 2025), Germany (Baerbock -> Wadephul, May 2025)
    ("Secretary of State Marco Rubio met with his Canadian counterpart in Ottawa on Monday.", "2025-02-03", "melanie-joly"),
    ("Secretary of State Marco Rubio met with his Canadian counterpart in Ottawa on Monday.", "2025-06-02", "anita-anand"),
    ("Secretary of State Marco Rubio met with his German counterpart in Berlin on Monday.", "2025-03-03", "annalena-baerbock"),
    ("Secretary of State Marco Rubio met with his German counterpart in Berlin on Monday.", "2025-06-02", "johann-wadephul"),
    # United Kingdom (Lammy -> Cooper, September 2025)
    ("Foreign Minister Wang Yi met with his British counterpart in Beijing on Monday.", "2025-03-03", "david-lammy"),
    ("Foreign Minister Wang Yi met with his British counterpart in Beijing on Monday.", "2025-10-20", "yvette-cooper"),
    # the US national security advisor: Waltz, then Rubio acting from May 2025
    ("National Security Advisor Ajit Doval spoke with his American counterpart by phone on Monday.", "2025-03-03", "mike-waltz"),
    ("National Security Advisor Ajit Doval spoke with his American counterpart by phone on Tuesday.", "2025-06-10", "marco-rubio"),
    # Ukraine's defence minister: Umerov, Shmyhal (July 2025), Fedorov (January 2026)
    ("Defense Secretary Pete Hegseth met with his Ukrainian counterpart in Brussels on Wednesday.", "2025-06-04", "rustem-umerov"),
    ("Defense Secretary Pete Hegseth met with his Ukrainian counterpart in Brussels on Wednesday.", "2025-09-10", "denys-shmyhal"),
    ("Defense Secretary Pete Hegseth met with his Ukrainian counterpart in Brussels on Thursday.", "2026-02-12", "mykhailo-fedorov"),
    # Poland's president (Duda -> Nawrocki, August 2025), Hungary's prime minister (Orbán -> Magyar, May 2026)
    ("President Emmanuel Macron spoke with his Polish counterpart by phone on Monday.", "2025-06-02", "andrzej-duda"),
    ("President Emmanuel Macron spoke with his Polish counterpart by phone on Tuesday.", "2025-09-02", "karol-nawrocki"),
    ("Prime Minister Donald Tusk spoke with his Hungarian counterpart by phone on Monday.", "2025-06-02", "viktor-orban"),
    ("Prime Minister Donald Tusk spoke with his Hungarian counterpart by phone on Monday.", "2026-06-01", "peter-magyar"),
    # France's prime minister (Bayrou -> Lecornu, September 2025)
    ("Prime Minister Keir Starmer spoke with his French counterpart by phone on Monday.", "2025-06-02", "francois-bayrou"),
    ("Prime Minister Keir Starmer spoke with his French counterpart by phone on Monday.", "2025-11-03", "sebastien-lecornu"),
    # Venezuela after Maduro's capture (January 2026)
    ("President Emmanuel Macron spoke with his Venezuelan counterpart by phone on Monday.", "2026-02-02", "delcy-rodriguez"),
]


@pytest.mark.parametrize("text, published, want", COUNTERPARTS, ids=[f"{c[2]}@{c[1]}" for c in COUNTERPARTS])
def test_counterpart_is_the_holder_on_the_document_date(rules, text, published, want):
    facts = _facts(rules, text, published)
    # the speaker named in the sentence, and the counterpart: no one else
    assert want in facts.people and len(facts.people) == 2, sorted(facts.people)
    (meeting,) = facts.meetings
    assert want in meeting.participants


# (kind, country, date, the one holder the gazetteer must name)
HOLDERS = [
    ("head-of-state", "US", "2025-06-01", "donald-trump"),
    ("foreign-minister", "US", "2026-06-01", "marco-rubio"),
    ("defense-minister", "US", "2025-10-01", "pete-hegseth"),
    ("finance-minister", "US", "2025-06-01", "scott-bessent"),
    ("commerce-minister", "US", "2025-06-01", "howard-lutnick"),
    ("trade-minister", "US", "2025-06-01", "jamieson-greer"),
    ("deputy-foreign-minister", "US", "2025-06-01", "christopher-landau"),
    ("central-bank-governor", "US", "2026-01-15", "jerome-powell"),
    ("central-bank-governor", "US", "2026-06-15", "kevin-warsh"),
    ("head-of-government", "CA", "2025-06-01", "mark-carney"),
    ("defense-minister", "CA", "2025-06-01", "david-mcguinty"),
    ("head-of-government", "DE", "2025-06-01", "friedrich-merz"),
    ("finance-minister", "DE", "2025-06-01", "lars-klingbeil"),
    ("head-of-state", "KR", "2025-06-05", "lee-jae-myung"),
    ("head-of-government", "KR", "2025-08-01", "kim-min-seok"),
    ("foreign-minister", "KR", "2025-08-01", "cho-hyun"),
    ("defense-minister", "KR", "2025-08-01", "ahn-gyu-back"),
    ("national-security-advisor", "KR", "2025-08-01", "wi-sung-lac"),
    ("defense-minister", "JP", "2025-11-01", "shinjiro-koizumi"),
    ("finance-minister", "JP", "2025-11-01", "satsuki-katayama"),
    ("defense-minister", "FR", "2025-11-01", "catherine-vautrin"),
    ("head-of-government", "UA", "2025-08-01", "yulia-svyrydenko"),
    ("national-security-advisor", "UA", "2025-08-01", "rustem-umerov"),
    ("head-of-government", "NL", "2026-03-01", "rob-jetten"),
    ("foreign-minister", "NL", "2026-03-01", "tom-berendsen"),
    ("head-of-state", "LB", "2025-06-01", "joseph-aoun"),
    ("head-of-government", "LB", "2025-06-01", "nawaf-salam"),
    ("foreign-minister", "SY", "2025-06-01", "asaad-al-shaibani"),
    ("head-of-state", "IR", "2026-01-15", "ali-khamenei"),
    ("head-of-state", "IR", "2026-04-01", "mojtaba-khamenei"),
    ("national-security-advisor", "IR", "2025-10-01", "ali-larijani"),
    ("military-chief", "IL", "2025-06-01", "eyal-zamir"),
    ("head-of-government", "TH", "2025-10-01", "anutin-charnvirakul"),
    ("head-of-government", "BD", "2026-03-01", "tarique-rahman"),
    ("head-of-state", "VA", "2025-01-15", "pope-francis"),
    ("head-of-state", "VA", "2025-06-01", "pope-leo-xiv"),
]


@pytest.mark.parametrize("kind, country, day, want", HOLDERS, ids=[f"{h[0]}-{h[1]}@{h[2]}" for h in HOLDERS])
def test_one_holder_of_the_office(rules, kind, country, day, want):
    gaz = gazetteer_for(rules)
    assert gaz.holders(kind, country, dt.date.fromisoformat(day)) == [want]


@pytest.mark.parametrize(
    "kind, country, day, successor",
    [
        ("head-of-state", "VA", "2025-05-01", "pope-leo-xiv"),  # sede vacante between Francis and Leo XIV
        ("defense-minister", "KR", "2025-03-01", "ahn-gyu-back"),  # vacant after Kim Yong-hyun resigned
        ("head-of-government", "HU", "2026-05-08", "peter-magyar"),  # sworn in on the 9th
        ("foreign-minister", "GB", "2025-09-04", "yvette-cooper"),  # Foreign Secretary from the 5th
        ("head-of-state", "VE", "2026-01-02", "delcy-rodriguez"),  # acting president after Maduro's capture
    ],
)
def test_office_not_held_by_a_successor_too_early(rules, kind, country, day, successor):
    gaz = gazetteer_for(rules)
    holders = gaz.holders(kind, country, dt.date.fromisoformat(day))
    assert successor not in holders
    assert len(holders) <= 1


def test_roles_that_ended_are_closed(rules):
    """Officials replaced in 2025-2026 no longer hold the office on a late-2026 date."""
    gaz = gazetteer_for(rules)
    day = dt.date(2026, 11, 23)
    ended = {
        ("foreign-minister", "JP"): "takeshi-iwaya",
        ("head-of-government", "JP"): "shigeru-ishiba",
        ("foreign-minister", "GB"): "david-lammy",
        ("foreign-minister", "CA"): "melanie-joly",
        ("head-of-government", "FR"): "francois-bayrou",
        ("head-of-government", "UA"): "denys-shmyhal",
        ("head-of-state", "PL"): "andrzej-duda",
        ("head-of-government", "HU"): "viktor-orban",
        ("head-of-state", "IR"): "ali-khamenei",
        ("head-of-state", "VE"): "nicolas-maduro",
        ("head-of-government", "BD"): "muhammad-yunus",
        ("international-official", None): "moussa-faki-mahamat",
    }
    for (kind, country), key in ended.items():
        assert key not in gaz.holders(kind, country, day), key


def test_the_secretary_is_rubio_in_2025(rules):
    text = "Secretary Rubio met Foreign Minister Toshimitsu Motegi in Kuala Lumpur on Monday. The Secretary underscored the strength of the alliance."
    facts = _facts(rules, text, "2025-10-27")
    assert _people(facts) == {"marco-rubio", "toshimitsu-motegi"}
    assert "the Secretary" in facts.people["marco-rubio"].aliases


def test_the_foreign_secretary_is_cooper_after_september_2025(rules):
    text = "Foreign Secretary Yvette Cooper met Wang Yi in Beijing on Monday. The Foreign Secretary raised concerns about Hong Kong."
    facts = _facts(rules, text, "2025-10-20")
    assert _people(facts) == {"yvette-cooper", "wang-yi"}
    assert "the Foreign Secretary" in facts.people["yvette-cooper"].aliases
    (meeting,) = facts.meetings
    assert set(meeting.participants) == {"yvette-cooper", "wang-yi"}


@pytest.mark.parametrize(
    "text, published, want",
    [
        # Japanese MOFA style, family name first, and with the family name in capitals
        ("Prime Minister Takaichi Sanae held a telephone call with President Lee Jae-myung.", "2025-10-22", {"sanae-takaichi", "lee-jae-myung"}),
        ("Prime Minister TAKAICHI Sanae received Secretary of Defense Pete Hegseth.", "2025-10-29", {"sanae-takaichi", "pete-hegseth"}),
        ("Secretary Hegseth met Japanese Defense Minister Koizumi Shinjiro in Tokyo on Wednesday.", "2025-10-29", {"pete-hegseth", "shinjiro-koizumi"}),
        ("Special Envoy Steve Witkoff met President Vladimir Putin in the Kremlin. Kirill Dmitriev also attended.", "2025-08-06", {"steve-witkoff", "vladimir-putin", "kirill-dmitriev"}),
        ("Vice President JD Vance met Pope Leo XIV at the Vatican on Monday.", "2025-05-19", {"jd-vance", "pope-leo-xiv"}),
        ("Prime Minister Mark Carney met President Donald Trump at the White House on Tuesday.", "2025-10-07", {"mark-carney", "donald-trump"}),
        ("Foreign Minister Johann Wadephul received Syrian Foreign Minister Asaad al-Shaibani in Berlin.", "2025-06-02", {"johann-wadephul", "asaad-al-shaibani"}),
    ],
)
def test_new_officials_are_found_by_name(rules, text, published, want):
    facts = _facts(rules, text, published)
    assert _people(facts) == want
    assert all(facts.people[k].in_gazetteer for k in want)


def test_secretary_of_war_is_a_title_of_the_defense_secretary(rules):
    """From September 2025 the Pentagon styled Hegseth 'Secretary of War': same person, same kind of office."""
    gaz = gazetteer_for(rules)
    hegseth = gaz.people["pete-hegseth"]
    on = {r.title for r in hegseth.roles if r.active_on(dt.date(2025, 10, 1))}
    assert on == {"Secretary of Defense", "Secretary of War"}
    assert {r.kind for r in hegseth.roles} == {"defense-minister"}
    assert not any(r.active_on(dt.date(2025, 1, 24)) for r in hegseth.roles)


# --- the wider gazetteer: offices outside the G7, 2021-2026 -------------------------------

def _held_on(person, day: dt.date) -> set[tuple[str, str]]:
    """(kind, title) of the roles a person held on a day, as the extracted person carries them."""
    return {
        (r.kind, r.title)
        for r in person.roles
        if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)
    }


# (sentence, document date, person named in it, the office that person must hold that day)
NAMED_IN_OFFICE = [
    ("Foreign Minister Giorgos Gerapetritis met Secretary of State Antony Blinken in Athens on Monday.",
     "2024-02-19", "giorgos-gerapetritis", ("foreign-minister", "Foreign Minister")),
    # Dendias left the foreign ministry for defence in June 2023
    ("Defence Minister Nikos Dendias met Defense Secretary Lloyd Austin at the Pentagon on Tuesday.",
     "2024-01-09", "nikos-dendias", ("defense-minister", "Defence Minister")),
    ("Foreign Minister Ahmed Attaf met Foreign Minister Wang Yi in Beijing on Friday.",
     "2024-03-08", "ahmed-attaf", ("foreign-minister", "Foreign Minister")),
    ("President Bassirou Diomaye Faye received President Emmanuel Macron in Dakar on Thursday.",
     "2024-06-20", "bassirou-diomaye-faye", ("head-of-state", "President")),
    ("Prime Minister Hristijan Mickoski met Prime Minister Giorgia Meloni in Rome on Wednesday.",
     "2024-10-02", "hristijan-mickoski", ("head-of-government", "Prime Minister")),
]


@pytest.mark.parametrize("text, published, key, office", NAMED_IN_OFFICE, ids=[f"{c[2]}@{c[1]}" for c in NAMED_IN_OFFICE])
def test_a_newly_listed_official_is_found_with_the_office_held_that_day(rules, text, published, key, office):
    facts = _facts(rules, text, published)
    assert key in facts.people and facts.people[key].in_gazetteer
    (meeting,) = facts.meetings
    assert key in meeting.participants
    held = _held_on(facts.people[key], dt.date.fromisoformat(published))
    assert office in held, held
    # one office of that kind on the day: no role left open after its holder moved on
    assert len([k for k, _ in held if k == office[0]]) == 1


def test_a_former_office_is_not_held_after_it_ended(rules):
    """Dendias was foreign minister until 2023: in 2024 he is the defence minister only."""
    facts = _facts(rules, "Defence Minister Nikos Dendias met Defense Secretary Lloyd Austin at the Pentagon on Tuesday.", "2024-01-09")
    kinds = {k for k, _ in _held_on(facts.people["nikos-dendias"], dt.date(2024, 1, 9))}
    assert kinds == {"defense-minister"}


WIDER_COUNTERPARTS = [
    # Greece's foreign minister: Dendias, then Gerapetritis (June 2023)
    ("Secretary of State Antony Blinken met with his Greek counterpart in Athens on Monday.", "2022-02-21", "nikos-dendias"),
    ("Secretary of State Antony Blinken met with his Greek counterpart in Athens on Monday.", "2024-02-19", "giorgos-gerapetritis"),
    # Romania's president: Iohannis, then Nicusor Dan (May 2025)
    ("President Emmanuel Macron spoke with his Romanian counterpart by phone on Monday.", "2024-06-03", "klaus-iohannis"),
    ("President Emmanuel Macron spoke with his Romanian counterpart by phone on Monday.", "2025-06-02", "nicusor-dan"),
    # Tunisia's foreign minister between Jerandi and Nafti
    ("Foreign Minister Wang Yi met with his Tunisian counterpart in Beijing on Wednesday.", "2023-05-31", "nabil-ammar"),
    # Slovakia's prime minister: Heger, then Fico (October 2023)
    ("Chancellor Olaf Scholz spoke with his Slovak counterpart by phone on Monday.", "2022-06-06", "eduard-heger"),
    ("Chancellor Olaf Scholz spoke with his Slovak counterpart by phone on Monday.", "2024-01-08", "robert-fico"),
]


@pytest.mark.parametrize("text, published, want", WIDER_COUNTERPARTS, ids=[f"{c[2]}@{c[1]}" for c in WIDER_COUNTERPARTS])
def test_counterpart_outside_the_g7_is_the_holder_that_day(rules, text, published, want):
    facts = _facts(rules, text, published)
    assert want in facts.people and len(facts.people) == 2, sorted(facts.people)
    (meeting,) = facts.meetings
    assert want in meeting.participants


WIDER_HOLDERS = [
    ("head-of-state", "CL", "2023-06-01", "gabriel-boric"),
    ("head-of-government", "NP", "2023-06-01", "pushpa-kamal-dahal"),
    ("defense-minister", "ZA", "2024-09-01", "angie-motshekga"),
    ("finance-minister", "FR", "2025-03-01", "eric-lombard"),
    ("foreign-minister", "MK", "2025-01-15", "timco-mucunski"),
    ("head-of-government", "DK", "2024-06-01", "mette-frederiksen"),
    ("foreign-minister", "US", "2024-06-01", "antony-blinken"),
    # Syria between Assad's fall and al-Sharaa's presidency: al-Sharaa led, al-Bashir was prime minister
    ("head-of-state", "SY", "2024-12-20", "ahmed-al-sharaa"),
    ("head-of-government", "SY", "2024-12-20", "mohammed-al-bashir"),
]


@pytest.mark.parametrize("kind, country, day, want", WIDER_HOLDERS, ids=[f"{h[0]}-{h[1]}@{h[2]}" for h in WIDER_HOLDERS])
def test_one_holder_of_the_office_outside_the_g7(rules, kind, country, day, want):
    gaz = gazetteer_for(rules)
    assert gaz.holders(kind, country, dt.date.fromisoformat(day)) == [want]
