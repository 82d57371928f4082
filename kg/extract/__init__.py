"""Extract people, places, organizations, issues and meetings from one document.

:func:`extract` is a pure function of the document and the rules: it reads no
other document, so it can run in any process or on any cluster worker.
Cross-document merging happens afterwards, in :mod:`kg.merge`.

The stages, in the order the data flows; each reads what earlier ones wrote to the
shared :class:`~kg.extract.state.DocState`, where every attribute is declared:

1. ``sentences`` splits the text into sentences (``sentences``).
2. ``zones`` tells the page's parts apart: the headline repeated in the body
   (``_headlines``), the dateline and its city (``_dateline_city``, ``_title_city``),
   photo captions. Read by the meeting stages.
3. ``names`` finds the gazetteer's name hits (``_shadow_places``) and makes the new
   people a title cue introduces (``new_people``, ``text_roles``, ``persons``).
4. ``people`` resolves each name, surname, honorific and title cue to a person
   (``persons``, ``_hits``, ``_titled``).
5. ``coreference`` adds counterparts, pronouns and a transcript's first person to
   ``persons``, and marks who only relays the news (``PersonMention.speaker``).
6. ``places`` records place and organization mentions (``facts.mentions``,
   ``facts.places``, ``facts.orgs``), capitals named by demonym, arrivals (``_arrivals``).
7. ``topics`` (first half) records issue mentions (``facts.mentions``).
8. ``frames`` finds each sentence's meeting triggers and context phrases
   (``_context_at``, ``_org_hits``, ``_persons_in``) and makes one candidate per trigger;
   for each it calls, in turn:

   - ``meeting_places``: the candidate's place and setting;
   - ``meeting_dates``: its date and duration (``_paragraph_dates``, ``_last_date``);
   - ``frames`` again: its status and format, and the events the candidates tell;
   - ``participants``: who took part in each event.

9. ``assemble`` merges the candidates into the document's meetings, finds the one it
   reports, dates it by the report's day when the text names no other (``meeting_dates``),
   and places meetings by arrival and dateline (``_told_in``, ``_evidence_score``);
   on the way, ``title_meetings`` adds the meeting the document's title tells (a headline
   naming one side over a transcript, a joint press conference).
10. ``topics`` (second half) links the issues each meeting discussed, and the stances taken.
11. ``facts`` writes the people of the document's facts (``facts.people``, ``facts.authors``).
"""

from __future__ import annotations

from ..gazetteer import gazetteer_for
from ..model import DocFacts, Document
from ..ruleset import RuleSet
from .assemble import Assembly
from .coreference import Coreference
from .facts import PeopleFacts
from .frames import MeetingFrames
from .meeting_dates import MeetingDates
from .meeting_places import MeetingPlaces
from .names import NameMentions
from .participants import Participants
from .people import PersonMentions
from .places import PlaceMentions
from .sentences import MAX_SENTENCE, Sentence, split_sentences
from .state import DocState, PersonMention
from .title_meetings import TitleMeetings
from .topics import Topics
from .zones import Zones

__all__ = ["MAX_SENTENCE", "DocState", "PersonMention", "Sentence", "extract", "split_sentences"]


class _DocExtractor(Zones, NameMentions, PersonMentions, Coreference, PlaceMentions, MeetingFrames, MeetingPlaces, MeetingDates, Participants, Assembly, TitleMeetings, Topics, PeopleFacts):
    """Every stage over one document's state."""

    def run(self) -> DocFacts:
        """Run the stages in order; return the document's facts."""
        hits = self._name_hits()
        self._people(hits)
        self._places_orgs(hits)
        concept_hits = self._concepts()
        candidates = self._meetings(hits)
        meetings, reported = self._assemble_meetings(candidates)
        self._link_issues(meetings, reported, concept_hits)
        self.facts.meetings = meetings
        self._finish_people()
        return self.facts


def extract(doc: Document, rules: RuleSet) -> DocFacts:
    """Extract every fact one document states.

    Args:
        doc: the document, with its resolved date.
        rules: the validated rule set.
    """
    return _DocExtractor(doc, gazetteer_for(rules)).run()
