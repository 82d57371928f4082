"""Cue families (kg/rules/cues.yaml): the words the stages' own expressions look for.

Each family gets one cue from a --rules folder and must change what kg finds in a
document written for it; every case is also run without the cue, which must not
give the same. Then the file's schema: its errors name file, entry and key.
"""

from __future__ import annotations

import json
import re

import pytest

from kg.cues import TEMPLATES, Cues
from kg.errors import RuleError
from kg.extract import extract
from kg.gazetteer import gazetteer_for
from kg.ruleset import CuesFile, load_rules

from .conftest import ROOT
from .test_extraction import doc, names


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _with_cue(folder, family: str, words: str):
    folder.mkdir(exist_ok=True)
    (folder / "cues.yaml").write_text(f"{family}:\n  - {{id: added, words: {json.dumps(words)}}}\n", encoding="utf-8")
    return load_rules(folder)


def met(facts) -> list[list[str]]:
    """Each meeting's people, by name, in text order."""
    return [sorted(names(facts, m.participants)) for m in facts.meetings]


def places(facts) -> list:
    return [m.place for m in facts.meetings]


def starts(facts) -> list:
    return [m.start.lexical()[0] if not m.start.is_empty else None for m in facts.meetings]


def start_with(facts, name: str) -> list:
    """The start of each meeting the person attended."""
    return [m.start.lexical()[0] if not m.start.is_empty else None for m in facts.meetings if name in names(facts, m.participants)]


def roles(facts, name: str) -> list[tuple[str, str]]:
    return [(r.title, r.kind) for p in facts.people.values() if p.name == name for r in p.roles]


def meeting_with(facts, name: str):
    return [sorted(names(facts, m.participants)) for m in facts.meetings if name in names(facts, m.participants)]


def met_on(facts, day: str) -> list[list[str]]:
    """The people of each meeting on that day."""
    return [sorted(names(facts, m.participants)) for m in facts.meetings if not m.start.is_empty and m.start.lexical()[0] == day]


WONG_WANG = [["Penny Wong", "Wang Yi"]]
PUTIN_TOKAYEV = "President of Russia Vladimir Putin: Mr President, friends, welcome to Moscow.\nI am glad to see you again."
ASUNCION = ("ASUNCION, Dec 8 (Wire) - Brazilian President Luiz Inácio Lula da Silva and Argentine President Javier Milei held "
            "their first meeting on Friday on the sidelines of the Mercosur summit in Asuncion.\n"
            "Paraguayan President Santiago Peña, who hosted the summit, {verb} he was pleased {sides} had met.")
BEIJING_18 = "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on 18 March 2024.\n"
MFA_CN = {"publisher": "Ministry of Foreign Affairs of the People's Republic of China"}
CALL = "President Lula on Tuesday held a phone call with President Emmanuel Macron and {} a summit in the near future."
CALL_AND_PLAN = [("phone", "held"), ("in-person", "planned")]
BIDEN_XI = "President Joe Biden met President Xi Jinping in Woodside on Wednesday."
BLINKEN_WANG = "Secretary Antony Blinken held talks with Foreign Minister Wang Yi in San Francisco on Tuesday."
LAVROV_MINSK = "Foreign Minister Sergei Lavrov met his Belarusian counterpart Maxim Ryzhenkov in Minsk on Thursday. "
BOURITA = ("\n\nBourita met with Jordanian Foreign Minister Ayman Safadi to discuss bilateral cooperation.\n\n"
           "He also held talks with Foreign Minister Sameh Shoukry.")

# (family, the cue added, text, document date, metadata, what kg finds with the cue, and not without it)
CASES = [
    # -- zones
    ("photo_credit", "Snapshot", "Foreign Minister Penny Wong meets Foreign Minister Wang Yi in Beijing.\n(Snapshot: DFAT)\n\nThe visit goes on.",
     "2024-03-20", {}, lambda f: f.meetings == []),
    ("credit_mark", "via", "Foreign Minister Penny Wong meets Foreign Minister Wang Yi in Beijing.\n(Photo via DFAT)\n\nThe visit goes on.",
     "2024-03-20", {}, lambda f: f.meetings == []),
    # -- names
    ("name_particle", '"dei"', "Italian Foreign Minister Ana dei Rossi met Foreign Minister Wang Yi in Rome on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Ana dei Rossi", "Wang Yi"]]),
    ("royal", "Amir", "Saudi Foreign Minister Amir Faisal bin Farhan met Secretary of State Antony Blinken in Riyadh on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Antony Blinken", "Faisal bin Farhan Al Saud"]]),
    ("state_word", "Emirate", "The Foreign Minister of the Emirate of Qatar met Secretary of State Antony Blinken in Doha on Monday.",
     "2024-01-09", {}, lambda f: met(f) == [["Antony Blinken", "Mohammed bin Abdulrahman Al Thani"]]),
    # -- people
    ("honorific", "Mheshimiwa", "Kenyan Foreign Minister Mheshimiwa Musa Kamau met Foreign Minister Wang Yi in Beijing on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Musa Kamau", "Wang Yi"]]),
    # (a surname two officials share, a man and a woman: alone it names nobody)
    ("honorific_male", "Herr", "Herr Harris met Foreign Minister Wang Yi in Beijing on Monday.",
     "2025-03-20", {}, lambda f: met(f) == [["Simon Harris", "Wang Yi"]]),
    ("honorific_female", "Frau", "Frau Hicks met Defence Minister Boris Pistorius in Berlin on Monday.",
     "2023-06-14", {}, lambda f: met(f) == [["Boris Pistorius", "Kathleen Hicks"]]),
    ("honorific_any", "Prof", "Prof Harris met Foreign Minister Wang Yi in Beijing on Monday.",
     "2025-03-20", {}, lambda f: met(f) == [["Simon Harris", "Wang Yi"]]),
    ("former", "erstwhile", "The talks in Beijing on Monday brought together the erstwhile Japanese Prime Minister and President Xi Jinping.",
     "2024-03-20", {}, lambda f: f.meetings == []),
    ("elect", '"in-waiting"', "The Prime Minister-in-waiting met President Xi Jinping in Beijing on Monday.",
     "2024-03-20", {"publisher": "Prime Minister's Office, 10 Downing Street"}, lambda f: f.meetings == []),
    ("portfolio", "Questions", "Minister for European Questions Jean Dupont met Foreign Minister Wang Yi in Beijing on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Jean Dupont", "Wang Yi"]]),
    ("body_end", "Caucus", "Foreign Minister Wang Yi met Chairman of the Riverlands Caucus Jane Doe in Beijing on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Jane Doe", "Wang Yi"]]),
    ("deputy_rank", "Senior", "Senior Foreign Minister Lim Teck Wah met Foreign Minister Wang Yi in Beijing on Monday.",
     "2024-03-20", {}, lambda f: roles(f, "Lim Teck Wah") == [("Senior Foreign Minister", "deputy-foreign-minister")]),
    ("rank", "Senior", "Senior Foreign Minister Lim Teck Wah met Foreign Minister Wang Yi in Beijing on Monday.",
     "2024-03-20", {}, lambda f: roles(f, "Lim Teck Wah") == [("Senior Foreign Minister", "other")]),
    ("post_preposition", "in", "Chinese Ambassador in Vietnam Xiong Bo met Foreign Minister Bui Thanh Son in Hanoi on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Bui Thanh Son", "Xiong Bo"]]),
    ("lower_case_title", '"ambassador"', "Foreign Minister Wang Yi met the visiting ambassador Jane Doe in Beijing on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Jane Doe", "Wang Yi"]]),
    ("surname_event", '"discussions"', "Erdogan's discussions with Prime Minister Anthony Albanese in Sydney on Monday went well.",
     "2024-01-08", {}, lambda f: met(f) == [["Anthony Albanese", "Recep Tayyip Erdogan"]]),
    ("surname_suffix", '"brokered"', "The Erdogan-brokered talks between Foreign Minister Sergey Lavrov and Foreign Minister Dmytro Kuleba "
     "took place in Antalya on Thursday.", "2022-03-11", {}, lambda f: met(f) == [["Dmytro Kuleba", "Sergey Lavrov"]]),
    ("named_for_surname", '"clan"', "Officials of the Erdogan clan met Secretary of State Antony Blinken in Ankara on Monday.",
     "2024-01-08", {}, lambda f: f.meetings == []),
    # -- coreference
    ("counterpart", 'opposite "number"', "Foreign Minister Penny Wong met her Chinese opposite number in Beijing on Monday.",
     "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("counterparts", "opposite numbers", "Foreign Minister Penny Wong met her French and German opposite numbers in Paris on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Annalena Baerbock", "Penny Wong", "Stéphane Séjourné"]]),
    ("pronoun_adverb", "again", "Foreign Minister Wang Yi arrived in Canberra on Sunday.\nHe again met Foreign Minister Penny Wong on Monday.",
     "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("pronoun_meeting_verb", "conferred", "Foreign Minister Wang Yi arrived in Canberra on Sunday.\nHe conferred with Foreign Minister Penny Wong on Monday.",
     "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("byline", "Von", "Von Olaf Scholz\n\nHe met Premier Li Qiang in Beijing on Monday.", "2024-04-17", {}, lambda f: f.meetings == []),
    ("said_tail", "divulge", "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday, "
     "Chinese Foreign Minister Qin Gang divulged.", "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("said_tail_adjunct", "amid", "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing, "
     "Chinese Foreign Minister Qin Gang said amid the talks.", "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("opening_adverbial", "Thereafter", "Foreign Minister Penny Wong arrived in China on Sunday. Thereafter, she met Foreign Minister Wang Yi in Beijing.",
     "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("opening_phrase", "Commenting", "Commenting after talks with his Egyptian counterpart in Cairo on Monday, Turkish Foreign Minister "
     "Hakan Fidan said the two countries would cooperate.", "2024-02-06", {}, lambda f: met(f) == [["Hakan Fidan", "Sameh Shoukry"]]),
    ("own_meeting", '"discussions"', "A readout from Foreign Secretary James Cleverly's discussions with Foreign Minister Wang Yi in London "
     "on Monday said they covered trade.", "2023-08-29", {}, lambda f: met(f) == [["James Cleverly", "Wang Yi"]]),
    # ('whereupon', longer than the built-in words: what stands before the pronoun is read 24 characters back)
    ("pronoun_place", "whereupon", "President Cyril Ramaphosa returned to Pretoria on Monday. He read out a statement, whereupon he had "
     "two phone calls with Donald Trump on Saturday.", "2025-05-26", {}, lambda f: met(f) == [["Cyril Ramaphosa", "Donald Trump"]]),
    # (an ambassador told as his embassy's voice: no participant)
    ("spokesperson", '"ambassador"', "Foreign Minister Wang Yi met Secretary of State Antony Blinken and Ambassador Nicholas Burns in Beijing "
     "on Friday.", "2024-04-26", {}, lambda f: met(f) == [["Antony Blinken", "Wang Yi"]]),
    ("said_before_name", '"remarked"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday, remarked Chinese "
     "Foreign Minister Qin Gang.", "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("message_to", '"compliments"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday and passed on her "
     "compliments to Premier Li Qiang.", "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("under_leadership", '"stewardship"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday to build ties under "
     "the stewardship of President Xi Jinping.", "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("principal_role", '"deputy" to', "Foreign Minister Wang Yi met Jake Sullivan, deputy to President Joe Biden, in Vienna on Monday.",
     "2024-03-20", {}, lambda f: met(f) == [["Jake Sullivan", "Wang Yi"]]),
    ("said_that", '"disclosed"', "Chinese Foreign Minister Qin Gang disclosed that Penny Wong met Wang Yi in Beijing on Monday.",
     "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("tells_quote", '"remarked"', 'Chinese Foreign Minister Qin Gang remarked at a briefing in Beijing, "Foreign Minister Penny Wong met '
     'Foreign Minister Wang Yi on Monday."', "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("quote_source_after", '"stated"', 'Foreign Minister Penny Wong arrived in Beijing on Monday.\n"I held talks with Foreign Minister '
     'Wang Yi today," she stated.', "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("quote_source_before", "stated", 'In Beijing on Monday, Penny Wong stated, "I held talks with Foreign Minister Wang Yi today."',
     "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    # -- places
    ("capital", '"metropolis"', "Foreign Minister Sergey Lavrov met President Serdar Berdimuhamedow in the Turkmen metropolis on Monday.",
     "2023-06-20", {}, lambda f: places(f) == ["ashgabat-tm"]),
    ("after_capital", "amid", "Foreign Minister Sergey Lavrov met President Serdar Berdimuhamedow in the Turkmen capital amid heavy rain.",
     "2023-06-20", {}, lambda f: places(f) == ["ashgabat-tm"]),
    # -- frames
    ("past", "beforehand", "Foreign Minister Penny Wong held talks with Foreign Minister Wang Yi in Beijing beforehand.",
     "2024-03-20", {}, lambda f: [m.reported_in for m in f.meetings] == [[]]),
    ("clause_conjunction", "yet", "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday, yet Prime Minister "
     "Anthony Albanese is due to travel to Shanghai.", "2024-03-20", {}, lambda f: [m.status for m in f.meetings][:1] == ["held"]),
    ("said_aside", '"noted"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday, Albanese noted ahead of "
     "his planned trip to Shanghai.", "2024-03-20", {}, lambda f: [m.status for m in f.meetings] == ["held"]),
    ("relative_who", "that", "Foreign Minister Penny Wong met Foreign Minister Wang Yi, that thanked her for the support of "
     "Prime Minister Anthony Albanese.", "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("relative_which", "that", "Foreign Minister Penny Wong met Foreign Minister Wang Yi on Monday at the ceremony, that took place in Hiroshima.",
     "2024-03-20", {}, lambda f: places(f) == [None]),
    ("time_mark", "amid", "French President Emmanuel Macron spoke with Ukrainian President Volodymyr Zelensky on Wednesday "
     "amid Trump's call with Putin.", "2025-02-13", {}, lambda f: meeting_with(f, "Emmanuel Macron") == [["Emmanuel Macron", "Volodymyr Zelenskyy"]]),
    ("setting_noun", '"edges"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi on Monday on the edges of a regional summit "
     "with Foreign Minister Ahmed Attaf near Geneva.", "2024-03-20", {}, lambda f: [(len(m.participants), m.place) for m in f.meetings] == [(3, "geneva-ch")]),
    ("denial_determiner", "this", "President Recep Tayyip Erdogan refused to take this urgent phone call from Prime Minister Benjamin "
     "Netanyahu, a channel reported.", "2024-03-20", {}, lambda f: f.meetings == []),
    ("plan_verb", '"resolved"', CALL.format("resolved to hold"), "2024-02-21", {},
     lambda f: [(m.format, m.status) for m in f.meetings] == CALL_AND_PLAN),
    ("plan_meeting_verb", '"stage"', CALL.format("agreed to stage"), "2024-02-21", {},
     lambda f: [(m.format, m.status) for m in f.meetings] == CALL_AND_PLAN),
    # -- meeting_places
    ("named_for_place", "Symposium", "Foreign Minister Penny Wong met Foreign Minister Wang Yi on the sidelines of the "
     "Munich Security Symposium on Saturday.", "2024-02-19", {}, lambda f: places(f) == ["munich-de"]),
    ("place_preposition", "within", "Foreign Minister Penny Wong met Foreign Minister Wang Yi within Geneva on Monday.",
     "2024-03-20", {}, lambda f: places(f) == ["geneva-ch"]),
    ("place_kind_after_in", '"metropolis"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi in the Saudi metropolis of Jeddah on Monday.",
     "2024-03-20", {}, lambda f: places(f) == ["jeddah-sa"]),
    ("country_preposition", '"journey" to', "Foreign Minister Penny Wong met Foreign Minister Wang Yi during her journey to Vietnam on Monday.",
     "2024-03-20", {}, lambda f: places(f) == ["vn"]),
    ("topic_before_in", '"unrest"', "Foreign Minister Penny Wong held talks with Foreign Minister Wang Yi about the unrest in Myanmar.",
     "2024-03-20", {}, lambda f: places(f) == [None]),
    ("place_kind", '"suburb"', "President Vladimir Putin met Foreign Minister Wang Yi in the Moscow suburb of Barvikha on Tuesday.",
     "2024-04-10", {}, lambda f: places(f) == [None]),
    ("named_after_place", '"track"', "Foreign Minister Penny Wong held talks with Foreign Minister Wang Yi on Monday in the Geneva track.",
     "2024-03-20", {}, lambda f: places(f) == [None]),
    ("attribution", '"relayed" by', "Foreign Minister Penny Wong met Foreign Minister Wang Yi on Monday, as relayed by a news agency in Canberra.",
     "2024-03-20", {}, lambda f: places(f) == [None]),
    ("at_context", "for", "Foreign Minister Penny Wong met Foreign Minister Wang Yi for the UN General Assembly.",
     "2023-09-22", {}, lambda f: places(f) == ["new-york-city-us"]),
    ("past_event_adjective", '"former"', "President Gabriel Boric met Prime Minister Kyriakos Mitsotakis on Tuesday, after his former visit to Lima.",
     "2024-05-22", {}, lambda f: places(f) == [None]),
    ("trip_noun", '"voyage"', "President Gabriel Boric met Prime Minister Kyriakos Mitsotakis on Tuesday, after his recent voyage to Lima.",
     "2024-05-22", {}, lambda f: places(f) == [None]),
    ("gathering", '"congress"', "The party congress opened in Vienna on Monday. Foreign Minister Penny Wong met Foreign Minister Wang Yi on the sidelines.",
     "2024-03-20", {}, lambda f: places(f) == ["vienna-at"]),
    ("meeting_modifier", '"crucial"', "Putin, who arrived in Abu Dhabi on Wednesday, met UAE President Sheikh Mohamed bin Zayed Al Nahyan "
     "before flying to Riyadh for crucial talks with Crown Prince Mohammed bin Salman.", "2023-12-07", {},
     lambda f: [m.place for m in f.meetings if "mohammed-bin-salman" in m.participants] == ["riyadh-sa"]),
    # -- meeting_dates
    ("same_day", 'that "afternoon"', BEIJING_18 + "That afternoon, Penny Wong held talks with Premier Li Qiang.",
     "2024-03-20", {}, lambda f: start_with(f, "Li Qiang") == ["2024-03-18"]),
    ("day_before", '"the evening prior"', BEIJING_18 + "The evening prior, Penny Wong held talks with Premier Li Qiang.",
     "2024-03-20", {}, lambda f: start_with(f, "Li Qiang") == ["2024-03-17"]),
    # ('a day after meeting X' counts a day from the day told last, as a day before it)
    ("day_after", '"the day after"', BEIJING_18 + "Penny Wong held talks with Premier Li Qiang the day after meeting Wang Yi.",
     "2024-03-20", {}, lambda f: start_with(f, "Li Qiang") == ["2024-03-17"]),
    ("day_after_what", '"dining"', BEIJING_18 + "Penny Wong held talks with Premier Li Qiang a day after dining with Wang Yi.",
     "2024-03-20", {}, lambda f: start_with(f, "Li Qiang") == ["2024-03-17"]),
    ("next_day", '"the morning after"', BEIJING_18 + "The morning after, Penny Wong held talks with Premier Li Qiang.",
     "2024-03-20", {}, lambda f: start_with(f, "Li Qiang") == ["2024-03-19"]),
    ("own_clause", "as", "Foreign Minister Penny Wong and Foreign Minister Wang Yi held their first meeting as Anthony Albanese "
     "became prime minister in May.", "2022-07-10", {}, lambda f: starts(f) == [None]),
    ("own_clause_verb", '"formed"', "Foreign Minister Penny Wong and Foreign Minister Wang Yi held their first meeting since Albanese "
     "formed government in May.", "2022-07-10", {}, lambda f: starts(f) == [None]),
    ("said_in", '"tweet"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing, the ministry said in a tweet on Friday.",
     "2024-03-20", {}, lambda f: starts(f) == [None]),
    ("date_opening", "Then", "Then on 23 October 2023, heavy rain fell in Kazan. President Vladimir Putin held talks with President Xi Jinping.",
     "2023-10-25", {}, lambda f: starts(f) == ["2023-10-23"]),
    ("plan_before", '"penciled"', "The talks between Foreign Minister Penny Wong and Foreign Minister Wang Yi, penciled in for Sunday, "
     "were postponed.", "2024-03-20", {}, lambda f: starts(f) == ["2024-03-24"]),
    ("now_tense", '"has" "convened"', "Foreign Minister Penny Wong has convened talks with Foreign Minister Wang Yi in Beijing. Parliament sits "
     "again next week.",
     "2024-03-20", {}, lambda f: starts(f) == ["2024-03-20"]),
    ("not_now", '"annually"', "Foreign Minister Penny Wong has held talks with Foreign Minister Wang Yi in Beijing annually.",
     "2024-03-20", {}, lambda f: starts(f) == [None]),
    # -- participants
    ("named_summit", '"meeting"', "Prime Minister Fumio Kishida said that the 29th Japan-EU meeting held in July had given ties new momentum.",
     "2023-09-20", {}, lambda f: met(f) == [["Charles Michel", "Fumio Kishida", "Ursula von der Leyen"]]),
    ("named_summit_gap", '"Strategic"', "Prime Minister Fumio Kishida said that the 29th Japan-EU Strategic Summit held in July had given ties new momentum.",
     "2023-09-20", {}, lambda f: met(f) == [["Charles Michel", "Fumio Kishida", "Ursula von der Leyen"]]),
    ("during_meeting", '"amid"', "Prime Minister Robert Abela proposed to set up a joint fund amid the talks with President Nikos Christodoulides in Valletta on Monday.",
     "2024-03-20", {}, lambda f: [m.status for m in f.meetings] == ["held"]),
    ("topic_cue", "fault", "Foreign Minister Penny Wong held talks with Foreign Minister Wang Yi in Beijing, faulting Vladimir Putin "
     "for the invasion.", "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("topic_list_cue", "notably", "Foreign Minister Penny Wong and Foreign Minister Wang Yi held talks in Beijing on regional matters, "
     "notably Vladimir Putin.", "2024-03-20", {}, lambda f: met(f) == WONG_WANG),
    ("accompanied", "flanked", "Foreign Minister Penny Wong met Foreign Minister Wang Yi, who was flanked by Vice Foreign Minister Sun Weidong.",
     "2024-03-20", {}, lambda f: met(f) == [["Penny Wong", "Sun Weidong", "Wang Yi"]]),
    ("possessed_meeting", '"dinner"', "Foreign Minister Penny Wong joined Anthony Albanese's dinner with Premier Li Qiang in Canberra on Monday.",
     "2024-06-20", {}, lambda f: met(f) == [["Anthony Albanese", "Li Qiang", "Penny Wong"]]),
    ("group_noun", "counterparts", "On Monday, Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing. On Tuesday, Penny Wong, "
     "Antony Blinken, Yoko Kamikawa and S. Jaishankar met in Tokyo. On Wednesday, the four counterparts met again in Kyoto.",
     "2024-03-21", {}, lambda f: met(f)[-1] == ["Antony Blinken", "Penny Wong", "S. Jaishankar", "Yoko Kamikawa"]),
    ("time_measure", '"mere"', "President Emmanuel Macron met King Charles in London on Sunday, mere hours after his clash with Donald Trump.",
     "2025-03-03", {}, lambda f: met(f) == [["Emmanuel Macron", "King Charles III"]]),
    ("trailing_time", '"prior to"', "President Emmanuel Macron met King Charles in London on Sunday, a day prior to his clash with Donald Trump.",
     "2025-03-03", {}, lambda f: met(f) == [["Emmanuel Macron", "King Charles III"]]),
    ("lead_phrase", "Recapping", "Secretary of State Antony J. Blinken met today with Foreign Minister Penny Wong in Vientiane. Recapping "
     "the President's June 29 meeting with Yoon and Kishida, Secretary Blinken discussed the next steps.", "2024-07-27", {},
     lambda f: meeting_with(f, "Yoon Suk Yeol") == [["Fumio Kishida", "Yoon Suk Yeol"]]),
    ("reporting_verb", "remark", ASUNCION.format(verb="remarked", sides="the two"), "2024-12-08", {},
     lambda f: met(f) == [["Javier Milei", "Luiz Inácio Lula da Silva"]]),
    ("the_sides", "the parties", ASUNCION.format(verb="said", sides="the parties"), "2024-12-08", {},
     lambda f: met(f) == [["Javier Milei", "Luiz Inácio Lula da Silva"]]),
    # ('the two ...' are the people of the last meeting whose people all hold the office the group names, else the one reported)
    ("group_diplomats", '"envoys"', f"{BIDEN_XI} Separately, {BLINKEN_WANG} The two top envoys met again on Thursday.", "2023-11-17", {},
     lambda f: met_on(f, "2023-11-16") == [["Antony Blinken", "Wang Yi"]]),
    ("group_foreign_ministers", '"foreign secretaries"', f"{BIDEN_XI} Separately, {BLINKEN_WANG} The two foreign secretaries met again "
     "on Thursday.", "2023-11-17", {}, lambda f: met_on(f, "2023-11-16") == [["Antony Blinken", "Wang Yi"]]),
    ("group_leaders", '"statesmen"', f"{BLINKEN_WANG} Separately, {BIDEN_XI} The two statesmen met again on Thursday.", "2023-11-17", {},
     lambda f: met_on(f, "2023-11-16") == [["Joe Biden", "Xi Jinping"]]),
    ("group_heads_of_government", '"premiers"', f"{BLINKEN_WANG} Separately, Prime Minister Anthony Albanese met Premier Li Qiang in "
     "Canberra on Wednesday. The two premiers met again on Thursday.", "2023-11-17", {},
     lambda f: met_on(f, "2023-11-16") == [["Anthony Albanese", "Li Qiang"]]),
    # -- topics
    ("group_subject", 'The "duo"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday.\nThe duo discussed climate change.",
     "2024-03-20", {}, lambda f: [m.issues for m in f.meetings] == [["climate-change"]]),
    ("speech_goes_on", '"intends"', "On January 24, Foreign Minister Wang Yi held a phone call with Secretary of State Marco Rubio. "
     "Wang Yi said that the two countries should get along. China intends to settle the Taiwan question.", "2025-01-24", MFA_CN,
     lambda f: [m.issues for m in f.meetings] == [["taiwan"]]),
    ("talks_subject", '"exchange"', "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday.\nThe exchange covered climate change.",
     "2024-03-20", {}, lambda f: [m.issues for m in f.meetings] == [["climate-change"]]),
    ("talks_opening", "deliberations", "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday.\nDeliberations covered climate change.",
     "2024-03-20", {}, lambda f: [m.issues for m in f.meetings] == [["climate-change"]]),
    ("discussed_adverb", "thoroughly", LAVROV_MINSK + "The situation around the Union State was thoroughly discussed.", "2024-10-18", {},
     lambda f: [m.issues for m in f.meetings] == [["belarus"]]),
    ("discussed_passive", '"covered"', LAVROV_MINSK + "The situation around the Union State was also covered.", "2024-10-18", {},
     lambda f: [m.issues for m in f.meetings] == [["belarus"]]),
    # -- assemble
    # (a side's meetings told one by one after it met a group of them take the group's place and day)
    ("group_quantifier", 'a "dozen" of', "Foreign Minister Nasser Bourita held talks, Wednesday in Cairo, with a dozen of his Arab counterparts."
     + BOURITA, "2024-03-07", {}, lambda f: places(f) == ["cairo-eg", "cairo-eg"] and starts(f) == ["2024-03-06", "2024-03-06"]),
    ("series_meetings", '"consultations"', "Foreign Minister Nasser Bourita met Arab counterparts in Cairo on Wednesday in a series of "
     "consultations." + BOURITA, "2024-03-07", {}, lambda f: places(f) == ["cairo-eg", "cairo-eg"] and starts(f) == ["2024-03-06", "2024-03-06"]),
    # -- title_meetings
    ("subject_in_title", '"dinner"', PUTIN_TOKAYEV, "2024-05-09", {"title": "Dinner with President of Kazakhstan Kassym-Jomart Tokayev"},
     lambda f: met(f) == [["Kassym-Jomart Tokayev", "Vladimir Putin"]]),
    ("press_title", 'press "point"', "Press point, Wellington\nPenny Wong, Foreign Minister: It is good to be here in Wellington with Winston Peters.\n"
     "Winston Peters, Foreign Minister: Thank you, Penny.\n", None, {"title": "Press point, Wellington", "publisher": "Australian Minister for Foreign Affairs"},
     lambda f: met(f) == [["Penny Wong", "Winston Peters"]]),
    ("with_line", "Alongside", "Press conference, Wellington\nAlongside the Hon Winston Peters, Minister of Foreign Affairs\n"
     "Penny Wong, Foreign Minister: It is good to be here.\n", None, {"title": "Press conference, Wellington", "publisher": "Australian Minister for Foreign Affairs"},
     lambda f: met(f) == [["Penny Wong", "Winston Peters"]]),
]


def test_every_family_has_a_case():
    assert sorted(c[0] for c in CASES) == sorted(CuesFile.model_fields)


@pytest.fixture(scope="module")
def builtin_facts(rules):
    """Every case's facts with the built-in cues alone (all first: one gazetteer)."""
    return {c[0]: extract(doc(c[2], c[3], **c[4]), rules) for c in CASES}


@pytest.mark.parametrize("family, cue, text, published, meta, found", CASES, ids=[c[0] for c in CASES])
def test_a_cue_added_to_a_family_changes_what_is_found(rules, builtin_facts, tmp_path, family, cue, text, published, meta, found):
    assert not found(builtin_facts[family])  # the built-in cues alone find something else
    added = _with_cue(tmp_path / "rules", family, cue)
    assert [r.id for r in getattr(added.cues, family)][-1:] == ["added"]
    assert found(extract(doc(text, published, **meta), added))


def test_the_gender_of_an_honorific_counts(tmp_path):
    """'Frau' told as a man's honorific: Kathleen Hicks does not fit it."""
    added = _with_cue(tmp_path / "rules", "honorific_male", "Frau")
    facts = extract(doc("Frau Hicks met Defence Minister Boris Pistorius in Berlin on Monday.", "2023-06-14"), added)
    assert facts.meetings == []


def test_a_cue_with_a_built_in_id_adds_to_its_family(rules, tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "cues.yaml").write_text("said_tail:\n  - {id: said, words: divulge}\n", encoding="utf-8")
    added = load_rules(folder)
    assert [r.id for r in added.cues.said_tail] == ["said", "said"]
    for verb in ("said", "divulged"):
        text = f"Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday, Chinese Foreign Minister Qin Gang {verb}."
        assert met(extract(doc(text, "2024-03-20"), added)) == WONG_WANG


def test_every_template_compiles_with_the_built_in_cues(rules):
    import kg.extract  # noqa: F401  (the stages make their templates when imported)

    cues = Cues(rules.cues)
    cues.compile_all()
    assert len(TEMPLATES) > 40
    used = {family for template in TEMPLATES for family in template.families}
    assert used == set(CuesFile.model_fields)  # no family unused, none missing
    assert all(rules.cues.model_dump()[family] for family in CuesFile.model_fields)


def test_the_guard_of_first_letters_changes_no_match(rules):
    """Each family behind its guard matches where and what it matches without it."""
    from kg.cues import _alternation
    from kg.gazetteer import plain

    texts = [plain(c[2]) for c in CASES] + [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))]
    for family in CuesFile.model_fields:
        patterns = [r.pattern for r in getattr(rules.cues, family)]
        bare = "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"
        assert _alternation(patterns).endswith(bare)
        for flags in (0, re.IGNORECASE):
            guarded, unguarded = re.compile(_alternation(patterns), flags), re.compile(bare, flags)
            for text in texts:
                assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in unguarded.finditer(text)], family


def test_cues_are_compiled_once_per_rule_set(rules):
    from kg.extract.coreference import _SAID_TAIL

    gaz = gazetteer_for(rules)
    assert gaz.cues[_SAID_TAIL] is gaz.cues[_SAID_TAIL]


# -- the schema ------------------------------------------------------------------------


def _problems(tmp_path, text: str) -> list[str]:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "cues.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(folder)
    return err.value.problems


def test_an_unknown_key_names_file_entry_and_key(tmp_path):
    problems = _problems(tmp_path, "past:\n  - {id: bygone, words: bygone, colour: red}\n")
    assert problems == [
        f"{tmp_path / 'rules' / 'cues.yaml'}: past[0] (bygone): colour: unknown key; remove it or check its spelling (allowed: id, pattern, words)"
    ]


def test_a_bad_pattern_names_file_entry_and_key(tmp_path):
    path = tmp_path / "rules" / "cues.yaml"
    # words that do not parse
    assert _problems(tmp_path, "said_tail:\n  - {id: open, words: '(told | informed'}\n") == [
        f"{path}: said_tail[0] (open): words: unbalanced brackets: '(' at character 1 is never closed"
    ]
    # a regular expression that does not compile
    (problem,) = _problems(tmp_path, "said_tail:\n  - {id: broken, pattern: 'told (reporters'}\n")
    assert re.match(rf"{re.escape(str(path))}: said_tail\[0\] \(broken\): pattern: .*not a valid regular expression", problem)
    # a regular expression that compiles: a --rules cue takes words only
    assert _problems(tmp_path, "said_tail:\n  - {id: regex, pattern: 'told\\s+\\w+'}\n") == [
        f"{path}: said_tail[0] (regex): pattern: a cue from --rules takes 'words' only; a cue is spliced into one of kg's own "
        "regular expressions, run by Python's re, where only a word pattern is sure not to backtrack without end"
    ]


def test_an_unknown_family_names_file_and_key(tmp_path):
    (problem,) = _problems(tmp_path, "said_tale:\n  - {id: divulged, words: divulged}\n")
    assert problem.startswith(f"{tmp_path / 'rules' / 'cues.yaml'}: top level: said_tale: unknown key; remove it or check its spelling (allowed: photo_credit, ")
    assert "said_tail" in problem


def test_a_cue_entry_needs_an_id_and_words(tmp_path):
    path = tmp_path / "rules" / "cues.yaml"
    assert _problems(tmp_path, "past:\n  - {words: bygone}\n  - {id: nothing}\n") == [
        f"{path}: past[0]: id: required key is missing",
        f"{path}: past[1] (nothing): pattern: required key is missing; give 'pattern' (a regular expression) or 'words' (a word pattern)",
    ]


# -- the speech cues that name their source after them ------------------------------------------


def test_a_speech_cue_naming_its_source_after_it(rules, tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    text = "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday, as told by Foreign Minister Qin Gang."
    (folder / "triggers.yaml").write_text("speech:\n  - {id: as-told-by, words: 'as told by', names_after: true}\n", encoding="utf-8")
    assert met(extract(doc(text, "2024-03-20"), load_rules(folder))) == WONG_WANG
    (folder / "triggers.yaml").write_text("speech:\n  - {id: as-told-by, words: 'as told by'}\n", encoding="utf-8")
    assert met(extract(doc(text, "2024-03-20"), load_rules(folder))) != WONG_WANG
    assert {r.id for r in rules.triggers.speech if r.names_after} == {"according-to", "readout-from", "attributable-to"}
