"""The immutable catalog the bot serves: contacts, topics and sections in every language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")


@dataclass(frozen=True)
class Contact:
    """One way to get help, defined once for all languages."""

    id: str
    phone: str | None
    url: str | None
    hours: str | None
    free: bool | None
    text_requests: bool
    languages: tuple[str, ...]
    source: str
    source_date: str
    verified: str


@dataclass(frozen=True)
class ContactText:
    name: str
    when: str
    who: str = ""  # who runs the service, where the sources say so


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: str
    reviewed: str
    contacts: tuple[str, ...]
    sections: tuple[Section, ...]
    keywords: tuple[str, ...] = ()  # extra words people use for this topic, for search

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class Region:
    """One of the 17 regions or 3 cities, with its name in every language."""

    id: str
    names: Mapping[str, str]
    contacts: tuple[str, ...]  # verified local contacts, defined in contacts.yaml


@dataclass(frozen=True)
class RegionTexts:
    """The wording of the regional screens in one language; `text` holds a {region} slot."""

    title: str
    choose: str
    text: str
    no_local: str
    local: str


@dataclass(frozen=True)
class SelfCheck:
    """ "Is this abuse?": yes/no questions; answers live only in the buttons of the screen."""

    title: str
    intro: str
    questions: tuple[str, ...]
    result_yes: str
    result_no: str


@dataclass(frozen=True)
class Safety:
    exit_message: str  # the one harmless message left after a quick exit
    forget_done: str
    selfcheck: SelfCheck
    danger_words: tuple[str, ...]


@dataclass(frozen=True)
class LanguagePack:
    code: str
    topics: Mapping[str, Topic]  # in menu order
    contacts: Mapping[str, ContactText]
    regions: RegionTexts
    safety: Safety


@dataclass(frozen=True)
class Catalog:
    contacts: Mapping[str, Contact]
    other_numbers: Mapping[str, str]  # digits -> what they are, for the phone-number guard
    topic_order: tuple[str, ...]
    home_emergency: tuple[str, ...]
    emergency_card: tuple[str, ...]
    help_contacts: tuple[str, ...]
    regions: Mapping[str, Region]  # in display order
    region_contacts: tuple[str, ...]  # national contacts shown on every region screen
    languages: Mapping[str, LanguagePack]

    def pack(self, lang: str) -> LanguagePack:
        return self.languages[lang]

    @property
    def phone_numbers(self) -> frozenset[str]:
        return frozenset(c.phone for c in self.contacts.values() if c.phone)
