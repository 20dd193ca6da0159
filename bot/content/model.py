"""The immutable catalog the bot serves: contacts, topics and sections in every language."""

from __future__ import annotations

import copyreg
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NewType

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")


def read_only(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


# The catalog's read-only mappings pickle as their items: a reload builds the catalog in
# another process and sends it back whole (bot.content_store).
copyreg.pickle(MappingProxyType, lambda proxy: (read_only, (dict(proxy),)))

# Text an editor wrote in Telegram's HTML, validated by the loader: views insert it as it is.
# Every other string (names, titles, labels) is plain text that views must escape.
Html = NewType("Html", str)


@dataclass(frozen=True)
class Contact:
    """One way to get help, defined once for all languages."""

    id: str
    phone: str | None
    url: str | None
    hours: str | None
    free: bool | None
    languages: tuple[str, ...]
    source: str
    source_date: str
    verified: str
    region: str | None = None  # a local service: shown only on that region's screen


@dataclass(frozen=True)
class ContactText:
    name: str
    when: str
    who: str = ""  # who runs the service, where the sources say so
    card: str = ""  # the shorter "when" of the emergency card, which must fit one phone screen
    # How texts in this language name the contact; a topic whose text uses one must list it.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A page or document that a section's facts come from, as the facts file cites it."""

    id: str
    url: str | None  # None for a document the facts file cites without an address
    name: str  # what the user sees: the site or document, e.g. "zakon.kz"
    date: str  # "YYYY-MM-DD", "YYYY-MM", "YYYY" or "undated", as the page shows it
    facts: str  # where the facts file holds it, e.g. "7.8"
    unofficial: bool = False  # an unofficial copy of a law's text, which users are told


@dataclass(frozen=True)
class Law:
    """A law a section rests on, with the articles the facts file states."""

    id: str
    names: Mapping[str, str]  # language -> the name shown in a section's "Legal basis" line
    number: str  # e.g. "245-VIII"; "" for a code or the Constitution
    articles: Mapping[str, str]  # article -> the words of the facts file that state it


@dataclass(frozen=True)
class Citation:
    """One item of a section's legal basis: a law, or one article of it."""

    law: str
    article: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: Html
    sources: tuple[str, ...] = ()  # ids of Source
    basis: tuple[Citation, ...] = ()
    keywords: tuple[str, ...] = ()  # words people use for this section, for search


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: Html
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
    """The wording of the regional screens in one language."""

    title: str
    choose: Html  # the list of regions: what every region shares, said once
    no_local: Html
    local: str


@dataclass(frozen=True)
class SelfCheck:
    """ "Is this abuse?": yes/no questions; answers live only in the buttons of the screen."""

    title: str
    intro: Html
    questions: tuple[str, ...]
    result_yes: Html
    result_no: Html


@dataclass(frozen=True)
class Safety:
    exit_message: str  # the one harmless message left after a quick exit
    forget_done: Html
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
    sources: Mapping[str, Source]
    laws: Mapping[str, Law]
    known_numbers: frozenset[str]  # digit groups a text may show: phones, listed numbers, laws

    def pack(self, lang: str) -> LanguagePack:
        return self.languages[lang]
