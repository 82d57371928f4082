"""The people of the document's facts: each mention, alias and role, the authors, the participants."""

from __future__ import annotations

from ..model import Mention, Person, Role
from ..ruleset import slugify
from .state import DocState


class PeopleFacts(DocState):
    """People facts: the people of the document's facts, with their mentions, aliases and roles."""

    def _finish_people(self) -> None:
        for mention in self.persons:
            key = mention.person
            person = self.facts.people.get(key)
            if person is None:
                if key in self.gaz.people:
                    person = self.gaz.person_node(key)
                else:
                    base = self.new_people[key]
                    person = Person(key, base.name, base.country, list(self.text_roles.get(key, [])))
                self.facts.people[key] = person
            surface = " ".join(mention.surface.split())
            if mention.alias and surface != person.name and surface.casefold() not in {a.casefold() for a in person.aliases}:
                person.aliases.add(surface)
            ev = self.evidence(mention.start, mention.end, "person:" + mention.rule)
            self.facts.mentions.append(Mention("person", key, mention.surface, ev))
        for key, roles in self.text_roles.items():
            person = self.facts.people.get(key)
            if person is not None:
                for role in roles:
                    if role not in person.roles:
                        person.roles.append(role)
        for name in self.authors:
            key = slugify(name)
            self.facts.authors.append(key)
            if key not in self.facts.people:
                if key in self.gaz.people:
                    self.facts.people[key] = self.gaz.person_node(key)
                else:
                    self.facts.people[key] = Person(key, name, None, [Role("Author", "journalist")])
        # participants are people of this document too
        for meeting in self.facts.meetings:
            for key in meeting.participants:
                if key not in self.facts.people:
                    self.facts.people[key] = self.gaz.person_node(key) if key in self.gaz.people else Person(key, key)
