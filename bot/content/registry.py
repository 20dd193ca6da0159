"""Readers for the files every language shares: contacts, menu, regions, sources and laws.

content/contacts.yaml   numbers and addresses, defined once, with their sources
content/menu.yaml       topic order and which contacts the home and help screens show
content/regions.yaml    the 20 regions and cities, their names, their checked local contacts
content/sources/*.yaml  the pages and documents sections cite, as the facts file gives them
content/laws.yaml       the laws sections rest on, and the articles the facts file states
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple
from urllib.parse import urlsplit

from .model import LANGUAGES, Contact, Law, Region, Source
from .problems import Location
from .reader import Reader
from .rules import (
    ARTICLE_PATTERN,
    FACTS_SECTION_PATTERN,
    HOURS_VALUES,
    LAW_NAME_LIMIT,
    LAW_NUMBER_PATTERN,
    PHONE_PATTERN,
    REGION_NAME_LIMIT,
    SOURCE_DATE_PATTERN,
    SOURCE_NAME_LIMIT,
    URL_PATTERN,
    is_year,
)
from .yaml_source import Map, load_yaml

# The keys each kind of mapping may hold; any other key is reported as unknown. The editor
# schemas in content/schema/ offer exactly these (tests/test_schema.py keeps them in sync).
CONTACTS_FILE_KEYS = frozenset({"contacts", "other_numbers"})
CONTACT_KEYS = frozenset(
    {"phone", "url", "hours", "free", "languages", "source", "source_date", "verified", "region"}
)
OTHER_NUMBER_KEYS = frozenset({"meaning", "source"})
CONTACT_LISTS = ("home_emergency", "emergency_card", "help_contacts")
MENU_KEYS = frozenset({"topics", *CONTACT_LISTS})
REGIONS_FILE_KEYS = frozenset({"national_contacts", "regions"})
REGION_KEYS = frozenset({*LANGUAGES, "contacts"})
SOURCES_FILE_KEYS = frozenset({"sources"})
SOURCE_KEYS = frozenset({"url", "name", "date", "facts", "unofficial"})
LAWS_FILE_KEYS = frozenset({"laws"})
LAW_KEYS = frozenset({*LANGUAGES, "number", "articles"})


class Menu(NamedTuple):
    topics: dict[str, Location]  # topic id -> where menu.yaml lists it
    home_emergency: tuple[str, ...]
    emergency_card: tuple[str, ...]
    help_contacts: tuple[str, ...]


def rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def document(
    reader: Reader, path: Path, name: str, keys: frozenset[str] | None = None
) -> Map | None:
    """A file's top-level mapping with its keys checked; None if the file is missing or
    broken (the reader then holds the problem)."""
    doc = reader.expect_map(load_yaml(path, name, reader.problems), name, Location(name, 1, 1))
    if doc is not None and keys is not None:
        reader.only_keys(doc, keys, name)
    return doc


def entries(reader: Reader, section: Map | None, what: str) -> Iterator[tuple[str, Map, Location]]:
    """The mappings under a section with a valid id, and where their key is; every problem
    on the way is reported."""
    if section is None:
        return
    for key, node in section.items.items():
        entry = reader.expect_map(node, f"{what} {key!r}", section.loc)
        if entry is not None and reader.identifier(key, section.key_locs[key], f"{what} id"):
            yield key, entry, section.key_locs[key]


def load_contacts(root: Path, reader: Reader) -> tuple[dict[str, Contact], dict[str, str]]:
    path = root / "contacts.yaml"
    doc = document(reader, path, rel(root, path), CONTACTS_FILE_KEYS)
    if doc is None:
        return {}, {}
    contacts: dict[str, Contact] = {}
    section = reader.expect_map(doc.items.get("contacts"), "'contacts'", doc.loc)
    for cid, entry, _ in entries(reader, section, "contact"):
        reader.only_keys(entry, CONTACT_KEYS, f"contact {cid!r}")
        phone = reader.text(entry, "phone", required=False)
        url = reader.text(entry, "url", required=False)
        if phone is None and url is None:
            reader.error(entry.loc, f"contact {cid!r} needs a phone or a url")
        if phone is not None and not PHONE_PATTERN.match(phone):
            reader.error(entry.items["phone"].loc, f"phone {phone!r} must be digits only")
        for key in ("url", "source"):
            value = reader.text(entry, key, required=key == "source")
            if value is not None and not URL_PATTERN.match(value):
                reader.error(entry.items[key].loc, f"{key} {value!r} is not a web address")
        hours = reader.text(entry, "hours", required=False)
        if hours is not None and hours not in HOURS_VALUES:
            reader.error(entry.items["hours"].loc, f"hours must be one of {sorted(HOURS_VALUES)}")
        languages = []
        for code, loc in reader.text_list(entry, "languages", required=False):
            if code in LANGUAGES:
                languages.append(code)
            else:
                reader.error(loc, f"language {code!r} must be one of {', '.join(LANGUAGES)}")
        contacts[cid] = Contact(
            id=cid,
            phone=phone,
            url=url,
            hours=hours,
            free=reader.flag(entry, "free"),
            languages=tuple(languages),
            source=reader.text(entry, "source") or "",
            source_date=reader.text(entry, "source_date") or "",
            verified=reader.date(entry, "verified") or "",
            region=reader.text(entry, "region", required=False),
        )
    _check_phones_defined_once(contacts, section, reader)
    return contacts, _load_other_numbers(doc, reader)


def _check_phones_defined_once(
    contacts: dict[str, Contact], section: Map | None, reader: Reader
) -> None:
    """One number, one contact; except a short number each region runs itself (109)."""
    seen: dict[tuple[str, str | None], str] = {}
    national = {c.phone for c in contacts.values() if c.phone and c.region is None}
    for contact in contacts.values():
        if not contact.phone or section is None:
            continue
        key = (contact.phone, contact.region)
        clash = seen.get(key)
        if clash is None and contact.region is not None and contact.phone in national:
            clash = next(c.id for c in contacts.values() if c.phone == contact.phone)
        if clash is not None:
            reader.error(
                section.items[contact.id].loc,
                f"phone {contact.phone} is already defined as {clash!r}",
                "define each number once and refer to it by id",
            )
        seen.setdefault(key, contact.id)


def _load_other_numbers(doc: Map, reader: Reader) -> dict[str, str]:
    other: dict[str, str] = {}
    others = doc.items.get("other_numbers")
    if others is not None and (others := reader.expect_map(others, "'other_numbers'", doc.loc)):
        for digits, node in others.items.items():
            entry = reader.expect_map(node, f"number {digits!r}", others.loc)
            if not digits.isdigit():
                reader.error(others.key_locs[digits], f"{digits!r} must be digits only")
            if entry is None:
                continue
            reader.only_keys(entry, OTHER_NUMBER_KEYS, f"number {digits!r}")
            meaning = reader.text(entry, "meaning")
            reader.text(entry, "source")
            other[digits] = meaning or ""
    return other


def contact_ids(
    reader: Reader, node: Map, key: str, contacts: dict[str, Contact], *, required: bool = True
) -> tuple[str, ...]:
    """Contact ids listed under `key`; a local contact belongs only on its region's screen."""
    ids = []
    for cid, loc in reader.text_list(node, key, required=required):
        contact = contacts.get(cid)
        if contact is None:
            reader.error(loc, f"unknown contact {cid!r}", "contacts are defined in contacts.yaml")
        elif contact.region is not None:
            reader.error(
                loc,
                f"{cid!r} is a local contact of {contact.region!r}",
                "list it under that region in regions.yaml, not here",
            )
        else:
            ids.append(cid)
    return tuple(ids)


def load_menu(root: Path, reader: Reader, contacts: dict[str, Contact]) -> Menu:
    path = root / "menu.yaml"
    doc = document(reader, path, rel(root, path), MENU_KEYS)
    if doc is None:
        return Menu({}, (), (), ())
    topics: dict[str, Location] = {}
    for tid, loc in reader.text_list(doc, "topics"):
        if tid in topics:
            reader.error(loc, f"topic {tid!r} is listed twice")
        elif reader.identifier(tid, loc, "topic id"):
            topics[tid] = loc
    home, card, help_contacts = (contact_ids(reader, doc, key, contacts) for key in CONTACT_LISTS)
    return Menu(topics, home, card, help_contacts)


def load_regions(
    root: Path, reader: Reader, contacts: dict[str, Contact]
) -> tuple[dict[str, Region], tuple[str, ...]]:
    path = root / "regions.yaml"
    doc = document(reader, path, rel(root, path), REGIONS_FILE_KEYS)
    if doc is None:
        return {}, ()
    national = contact_ids(reader, doc, "national_contacts", contacts)
    regions: dict[str, Region] = {}
    section = reader.expect_map(doc.items.get("regions"), "'regions'", doc.loc)
    for rid, entry, _ in entries(reader, section, "region"):
        reader.only_keys(entry, REGION_KEYS, f"region {rid!r}")
        names = {
            lang: reader.text(entry, lang, max_len=REGION_NAME_LIMIT) or rid for lang in LANGUAGES
        }
        local = []
        for cid, loc in reader.text_list(entry, "contacts"):
            contact = contacts.get(cid)
            if contact is None:
                reader.error(
                    loc, f"unknown contact {cid!r}", "contacts are defined in contacts.yaml"
                )
            elif contact.region not in (None, rid):
                reader.error(loc, f"{cid!r} is a local contact of {contact.region!r}, not {rid!r}")
            else:
                local.append(cid)
        regions[rid] = Region(rid, MappingProxyType(names), tuple(local))
    for contact in contacts.values():
        if contact.region is not None and contact.region not in regions:
            reader.error(
                doc.loc, f"contact {contact.id!r} names an unknown region {contact.region!r}"
            )
        elif contact.region is not None and contact.id not in regions[contact.region].contacts:
            reader.error(
                regions_loc(doc, contact.region),
                f"local contact {contact.id!r} is not listed under its region",
                f"add it to the contacts of {contact.region}",
            )
    return regions, national


def regions_loc(doc: Map, rid: str) -> Location:
    section = doc.items.get("regions")
    if isinstance(section, Map) and rid in section.key_locs:
        return section.key_locs[rid]
    return doc.loc


def load_sources(root: Path, reader: Reader) -> dict[str, Source]:
    """Every file under content/sources/; an id or an address is defined only once."""
    sources: dict[str, Source] = {}
    where: dict[str, str] = {}  # url -> source id
    folder = root / "sources"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        name = rel(root, path)
        doc = document(reader, path, name, SOURCES_FILE_KEYS)
        section = (
            reader.expect_map(doc.items.get("sources"), "'sources'", doc.loc) if doc else None
        )
        for sid, entry, key_loc in entries(reader, section, "source"):
            reader.only_keys(entry, SOURCE_KEYS, f"source {sid!r}")
            if sid in sources:
                reader.error(key_loc, f"source {sid!r} is defined twice")
                continue
            url = reader.text(entry, "url", required=False)
            if url is not None and not URL_PATTERN.match(url):
                reader.error(entry.items["url"].loc, f"url {url!r} is not a web address")
            if url is not None and url in where:
                reader.error(
                    entry.items["url"].loc,
                    f"this address is already source {where[url]!r}",
                    "cite that id instead",
                )
            shown = reader.text(entry, "name", required=url is None, max_len=SOURCE_NAME_LIMIT)
            if shown is not None and not plain_name(shown):
                reader.error(
                    entry.items["name"].loc,
                    "a source's name is shown as typed: no tags, and no number that could be "
                    "read as a phone (a document code like K1400000226 is fine)",
                )
            date = reader.text(entry, "date") or "undated"
            if not SOURCE_DATE_PATTERN.match(date):
                reader.error(
                    entry.items["date"].loc,
                    f"date {date!r} must be as the page shows it",
                    'e.g. "2026-03-03", "2026-03", "2026" or "undated"',
                )
            facts = reader.text(entry, "facts") or ""
            if facts and not FACTS_SECTION_PATTERN.match(facts):
                reader.error(
                    entry.items["facts"].loc,
                    f"facts {facts!r} must name a section of the facts file",
                    'e.g. "7.8" for §7.8, or "2b"',
                )
            if url is not None:
                where.setdefault(url, sid)
            host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
            unofficial = bool(reader.flag(entry, "unofficial"))
            sources[sid] = Source(sid, url, shown or host, date, facts, unofficial)
    return sources


def plain_name(name: str) -> bool:
    """No HTML, and no free-standing group of 3+ digits other than a year."""
    if re.search(r"</?[a-zA-Z]", name):
        return False
    return all(
        is_year(group) for group in re.findall(r"(?<![A-Za-z\d])\d{3,}(?![A-Za-z\d])", name)
    )


def load_laws(root: Path, reader: Reader) -> dict[str, Law]:
    path = root / "laws.yaml"
    if not path.exists():
        return {}
    doc = document(reader, path, rel(root, path), LAWS_FILE_KEYS)
    section = reader.expect_map(doc.items.get("laws"), "'laws'", doc.loc) if doc else None
    laws: dict[str, Law] = {}
    for lid, entry, _ in entries(reader, section, "law"):
        reader.only_keys(entry, LAW_KEYS, f"law {lid!r}")
        names = {
            lang: reader.text(entry, lang, max_len=LAW_NAME_LIMIT) or lid for lang in LANGUAGES
        }
        number = reader.text(entry, "number", required=False) or ""
        if number and not LAW_NUMBER_PATTERN.match(number):
            reader.error(
                entry.items["number"].loc, f"law number {number!r} must look like 245-VIII"
            )
        articles: dict[str, str] = {}
        listed = entry.items.get("articles")
        if listed is not None and (listed := reader.expect_map(listed, "'articles'", entry.loc)):
            for article in listed.items:
                if not ARTICLE_PATTERN.match(article):
                    reader.error(
                        listed.key_locs[article],
                        f"article {article!r} must be a number like 131 or 125-1",
                    )
                    continue
                quote = reader.text(listed, article)
                if quote is not None and article.split("-")[0] not in quote:
                    reader.error(
                        listed.items[article].loc,
                        f"the words quoted for article {article} do not contain its number",
                        "copy the words of the facts file that state this article",
                    )
                articles[article] = quote or ""
        laws[lid] = Law(lid, MappingProxyType(names), number, MappingProxyType(articles))
    return laws
