"""Loads content/ into a validated, immutable Catalog, or raises ContentError with every problem.

Layout:
  content/contacts.yaml          numbers and addresses, defined once, with their sources
  content/menu.yaml              topic order and which contacts the home and help screens show
  content/<lang>/contacts.yaml   contact names and "when to use it" lines
  content/<lang>/topics/*.yaml   one topic per file; the file name is the topic id
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from .model import (
    LANGUAGES,
    Catalog,
    Contact,
    ContactText,
    LanguagePack,
    Region,
    RegionTexts,
    Safety,
    Section,
    SelfCheck,
    Topic,
)
from .problems import ContentError, Location, Problem
from .reader import Reader
from .telegram_text import SCREEN_HARD_LIMIT, check_html, utf16_len
from .yaml_source import Map, Seq, load_yaml

TITLE_LIMIT = 32  # a button label that still fits a phone screen
MAX_QUESTIONS = 12  # answers travel in callback data, one letter each
SUMMARY_LIMIT = 600
# Room left in a screen for the heading, footer and contact lines the bot adds around a text.
TEXT_LIMIT = SCREEN_HARD_LIMIT - 600
HOURS_VALUES = frozenset({"24/7"})
PHONE_PATTERN = re.compile(r"^\+?\d{2,15}$")
URL_PATTERN = re.compile(r"^https?://[^\s<>\"']+$")
# Digit groups that could be read as a phone number: 3+ digits, maybe split by spaces, - or ().
HREF = re.compile(r"href\s*=\s*[\"']([^\"']*)")
NUMBER_PATTERN = re.compile(r"\+?\d(?:[\d\-() ]*\d)?")

# The keys each kind of mapping may hold; any other key is reported as unknown. The editor
# schemas in content/schema/ offer exactly these (tests/test_schema.py keeps them in sync).
CONTACTS_FILE_KEYS = frozenset({"contacts", "other_numbers"})
CONTACT_KEYS = frozenset(
    {
        "phone",
        "url",
        "hours",
        "free",
        "text_requests",
        "languages",
        "source",
        "source_date",
        "verified",
    }
)
OTHER_NUMBER_KEYS = frozenset({"meaning", "source"})
REGIONS_FILE_KEYS = frozenset({"national_contacts", "regions"})
REGION_KEYS = frozenset({*LANGUAGES, "contacts"})
CONTACT_TEXT_KEYS = frozenset({"name", "when", "who"})
REGION_TEXT_KEYS = ("title", "choose", "text", "no_local", "local")  # checked in this order
SAFETY_KEYS = frozenset({"exit_message", "forget_done", "selfcheck", "danger_words"})
SELFCHECK_KEYS = frozenset({"title", "intro", "questions", "result_yes", "result_no"})
TOPIC_KEYS = frozenset({"title", "summary", "reviewed", "contacts", "sections", "keywords"})
SECTION_KEYS = frozenset({"id", "title", "text"})


def is_year(digits: str) -> bool:
    return len(digits) == 4 and 1990 <= int(digits) <= 2099


def unknown_numbers(text: str, known: frozenset[str]) -> list[str]:
    """Digit groups in `text` that are neither a defined contact, a listed number nor a year."""
    found = []
    for match in NUMBER_PATTERN.finditer(text):
        for token in match.group().split():
            digits = re.sub(r"\D", "", token)
            if len(digits) >= 3 and digits not in known and not is_year(digits):
                found.append(match.group().strip())
                break
    return found


def load_catalog(content_dir: Path | str) -> Catalog:
    root = Path(content_dir)
    problems: list[Problem] = []
    reader = Reader(problems)
    contacts, other_numbers = _load_contacts(root, reader)
    menu = _load_menu(root, reader, contacts)
    regions, region_contacts = _load_regions(root, reader, contacts)
    known_numbers = frozenset({c.phone for c in contacts.values() if c.phone} | set(other_numbers))
    packs = {
        lang: _load_language(root, lang, reader, contacts, menu, known_numbers)
        for lang in LANGUAGES
    }
    _check_parity(packs, reader, root)
    if problems:
        raise ContentError(problems)
    topic_order, home_emergency, emergency_card, help_contacts = menu
    return Catalog(
        contacts=MappingProxyType(contacts),
        other_numbers=MappingProxyType(other_numbers),
        topic_order=tuple(topic_order),
        home_emergency=home_emergency,
        emergency_card=emergency_card,
        help_contacts=help_contacts,
        regions=MappingProxyType(regions),
        region_contacts=region_contacts,
        languages=MappingProxyType({lang: pack for lang, (pack, _) in packs.items()}),
    )


def _document(
    reader: Reader, path: Path, name: str, keys: frozenset[str] | None = None
) -> Map | None:
    """A file's top-level mapping with its keys checked; None if the file is missing or
    broken (the reader then holds the problem)."""
    doc = reader.expect_map(load_yaml(path, name, reader.problems), name, Location(name, 1, 1))
    if doc is not None and keys is not None:
        reader.only_keys(doc, keys, name)
    return doc


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _load_contacts(root: Path, reader: Reader) -> tuple[dict[str, Contact], dict[str, str]]:
    path = root / "contacts.yaml"
    name = _rel(root, path)
    doc = _document(reader, path, name, CONTACTS_FILE_KEYS)
    if doc is None:
        return {}, {}
    contacts: dict[str, Contact] = {}
    section = reader.expect_map(doc.items.get("contacts"), "'contacts'", doc.loc)
    for cid, node in (section.items if section else {}).items():
        entry = reader.expect_map(node, f"contact {cid!r}", doc.loc)
        if entry is None or not reader.identifier(cid, section.key_locs[cid], "contact id"):
            continue
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
            text_requests=bool(reader.flag(entry, "text_requests")),
            languages=tuple(languages),
            source=reader.text(entry, "source") or "",
            source_date=reader.text(entry, "source_date") or "",
            verified=reader.date(entry, "verified") or "",
        )
    phones: dict[str, str] = {}
    for contact in contacts.values():
        if contact.phone and contact.phone in phones:
            reader.error(
                section.items[contact.id].loc,
                f"phone {contact.phone} is already defined as {phones[contact.phone]!r}",
                "define each number once and refer to it by id",
            )
        elif contact.phone:
            phones[contact.phone] = contact.id
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
    return contacts, other


CONTACT_LISTS = ("home_emergency", "emergency_card", "help_contacts")
MENU_KEYS = frozenset({"topics", *CONTACT_LISTS})
Menu = tuple[dict[str, Location], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _load_menu(root: Path, reader: Reader, contacts: dict[str, Contact]) -> Menu:
    path = root / "menu.yaml"
    name = _rel(root, path)
    doc = _document(reader, path, name, MENU_KEYS)
    if doc is None:
        return {}, (), (), ()
    topics: dict[str, Location] = {}
    for tid, loc in reader.text_list(doc, "topics"):
        if tid in topics:
            reader.error(loc, f"topic {tid!r} is listed twice")
        elif reader.identifier(tid, loc, "topic id"):
            topics[tid] = loc
    lists = []
    for key in CONTACT_LISTS:
        ids = []
        for cid, loc in reader.text_list(doc, key):
            if cid not in contacts:
                reader.error(
                    loc, f"unknown contact {cid!r}", "contacts are defined in contacts.yaml"
                )
            else:
                ids.append(cid)
        lists.append(tuple(ids))
    return topics, lists[0], lists[1], lists[2]


def _contact_ids(
    reader: Reader, node: Map, key: str, contacts: dict[str, Contact]
) -> tuple[str, ...]:
    ids = []
    for cid, loc in reader.text_list(node, key):
        if cid not in contacts:
            reader.error(loc, f"unknown contact {cid!r}", "contacts are defined in contacts.yaml")
        else:
            ids.append(cid)
    return tuple(ids)


def _load_regions(
    root: Path, reader: Reader, contacts: dict[str, Contact]
) -> tuple[dict[str, Region], tuple[str, ...]]:
    path = root / "regions.yaml"
    name = _rel(root, path)
    doc = _document(reader, path, name, REGIONS_FILE_KEYS)
    if doc is None:
        return {}, ()
    national = _contact_ids(reader, doc, "national_contacts", contacts)
    regions: dict[str, Region] = {}
    section = reader.expect_map(doc.items.get("regions"), "'regions'", doc.loc)
    for rid, node in (section.items if section else {}).items():
        entry = reader.expect_map(node, f"region {rid!r}", section.loc)
        if entry is None or not reader.identifier(rid, section.key_locs[rid], "region id"):
            continue
        reader.only_keys(entry, REGION_KEYS, f"region {rid!r}")
        names = {lang: reader.text(entry, lang, max_len=40) or rid for lang in LANGUAGES}
        regions[rid] = Region(
            rid, MappingProxyType(names), _contact_ids(reader, entry, "contacts", contacts)
        )
    return regions, national


def _load_region_texts(
    root: Path, lang: str, reader: Reader, known_numbers: frozenset[str]
) -> RegionTexts:
    path = root / lang / "regions.yaml"
    name = _rel(root, path)
    doc = _document(reader, path, name, frozenset(REGION_TEXT_KEYS))
    values: dict[str, str] = {}
    if doc is not None:
        for key in REGION_TEXT_KEYS:
            value = reader.text(doc, key, max_len=TITLE_LIMIT if key == "title" else None)
            if value is not None and key in ("title", "local"):
                _check_plain(reader, doc.items[key].loc, value, known_numbers)
            elif value is not None:
                _check_text(reader, doc.items[key].loc, value, known_numbers, TEXT_LIMIT)
            if value is not None:
                if key == "text" and "{region}" not in value:
                    reader.error(
                        doc.items[key].loc,
                        "'text' must contain {region}",
                        "the bot puts the region's name there",
                    )
                if "{" in value.replace("{region}", "") and key == "text":
                    reader.error(doc.items[key].loc, "only the {region} placeholder is allowed")
            values[key] = value or ""
    return RegionTexts(**{k: values.get(k, "") for k in REGION_TEXT_KEYS})


QUESTION_LIMIT = 200
DANGER_WORD = re.compile(r"^[^\s*]+\*?(?: [^\s*]+\*?)*$")


def _load_safety(root: Path, lang: str, reader: Reader, known_numbers: frozenset[str]) -> Safety:
    path = root / lang / "safety.yaml"
    name = _rel(root, path)
    empty = Safety("", "", SelfCheck("", "", (), "", ""), ())
    doc = _document(reader, path, name, SAFETY_KEYS)
    if doc is None:
        return empty
    exit_message = reader.text(doc, "exit_message", max_len=50) or ""
    if exit_message:
        _check_plain(reader, doc.items["exit_message"].loc, exit_message, known_numbers)
    forget_done = reader.text(doc, "forget_done") or ""
    if forget_done:
        _check_text(reader, doc.items["forget_done"].loc, forget_done, known_numbers, 600)
    danger_words = []
    for word, loc in reader.text_list(doc, "danger_words"):
        if DANGER_WORD.match(word.strip()):
            danger_words.append(word.strip())
        else:
            reader.error(
                loc,
                f"danger word {word!r} is not words separated by single spaces",
                "a * may end a word to match every ending, e.g. избива*",
            )
    check = reader.expect_map(doc.items.get("selfcheck"), "'selfcheck'", doc.loc)
    if check is None:
        return Safety(exit_message, forget_done, empty.selfcheck, tuple(danger_words))
    reader.only_keys(check, SELFCHECK_KEYS, "selfcheck")
    values = {}
    for key in ("title", "intro", "result_yes", "result_no"):
        value = reader.text(check, key, max_len=TITLE_LIMIT if key == "title" else None)
        if value is not None and key == "title":
            _check_plain(reader, check.items[key].loc, value, known_numbers)
        elif value is not None:
            _check_text(reader, check.items[key].loc, value, known_numbers, TEXT_LIMIT)
        values[key] = value or ""
    questions = []
    for question, loc in reader.text_list(check, "questions"):
        if len(question) > QUESTION_LIMIT:
            reader.error(loc, f"question is {len(question)} characters; at most {QUESTION_LIMIT}")
        _check_plain(reader, loc, question, known_numbers)
        questions.append(question)
    if not 1 <= len(questions) <= MAX_QUESTIONS:
        reader.error(check.loc, f"the self-check needs 1 to {MAX_QUESTIONS} questions")
    selfcheck = SelfCheck(
        values["title"],
        values["intro"],
        tuple(questions),
        values["result_yes"],
        values["result_no"],
    )
    return Safety(exit_message, forget_done, selfcheck, tuple(danger_words))


def _check_plain(reader: Reader, loc: Location, text: str, known_numbers: frozenset[str]) -> None:
    """Titles, names and button labels are shown as typed: no HTML, no stray numbers."""
    if re.search(r"</?[a-zA-Z]", text):
        reader.error(
            loc, "this is plain text: HTML tags here would be shown as typed", "remove the tags"
        )
    for number in unknown_numbers(text, known_numbers):
        reader.error(
            loc,
            f"{number!r} looks like a phone number that is not a defined contact",
            "add it to content/contacts.yaml with its source, or remove it",
        )


def _check_text(
    reader: Reader, loc: Location, text: str, known_numbers: frozenset[str], limit: int
) -> None:
    errors, visible = check_html(text)
    for message in errors:
        reader.error(loc, message)
    if utf16_len(visible) > limit:
        reader.error(
            loc,
            f"text is {utf16_len(visible)} characters long; at most {limit}",
            "split it into two sections",
        )
    # A number hidden in a link reaches users too (wa.me/..., tel-like paths).
    hrefs = " ".join(HREF.findall(text))
    for number in unknown_numbers(visible + " " + hrefs, known_numbers):
        reader.error(
            loc,
            f"{number!r} looks like a phone number that is not a defined contact",
            "add it to content/contacts.yaml with its source, or remove it",
        )


def _load_language(
    root: Path,
    lang: str,
    reader: Reader,
    contacts: dict[str, Contact],
    menu: Menu,
    known_numbers: frozenset[str],
) -> tuple[LanguagePack, dict[str, str]]:
    """Returns the pack and, per topic id, its file name (for parity messages)."""
    lang_dir = root / lang
    contact_texts: dict[str, ContactText] = {}
    path = lang_dir / "contacts.yaml"
    name = _rel(root, path)
    doc = _document(reader, path, name)
    if doc is not None:
        for cid, node in doc.items.items():
            if cid not in contacts:
                reader.error(
                    doc.key_locs[cid],
                    f"unknown contact {cid!r}",
                    "contacts are defined in content/contacts.yaml",
                )
                continue
            entry = reader.expect_map(node, f"contact {cid!r}", doc.loc)
            if entry is None:
                continue
            reader.only_keys(entry, CONTACT_TEXT_KEYS, f"contact {cid!r}")
            cname = reader.text(entry, "name", max_len=60)
            when = reader.text(entry, "when", max_len=300)
            who = reader.text(entry, "who", required=False, max_len=200)
            for key, value in (("name", cname), ("when", when), ("who", who)):
                if value is not None:
                    _check_plain(reader, entry.items[key].loc, value, known_numbers)
            contact_texts[cid] = ContactText(cname or cid, when or "", who or "")
        for cid in contacts:
            if cid not in doc.items:
                reader.error(
                    doc.loc,
                    f"contact {cid!r} has no name in {lang}",
                    f"add '{cid}:' with name and when",
                )

    region_texts = _load_region_texts(root, lang, reader, known_numbers)
    safety = _load_safety(root, lang, reader, known_numbers)
    topic_order = menu[0]
    files: dict[str, str] = {}
    topics: dict[str, Topic] = {}
    topic_dir = lang_dir / "topics"
    paths = sorted(topic_dir.glob("*.yaml")) if topic_dir.is_dir() else []
    for path in paths:
        fname = _rel(root, path)
        tid = path.stem
        if not reader.identifier(tid, Location(fname, 1, 1), "topic file name"):
            continue
        if tid not in topic_order:
            reader.error(Location(fname, 1, 1), f"topic {tid!r} is not listed in menu.yaml")
        topic = _load_topic(path, fname, tid, reader, contacts, known_numbers)
        if topic is not None:
            topics[tid] = topic
            files[tid] = fname
    for tid, loc in topic_order.items():
        if not (topic_dir / f"{tid}.yaml").exists():
            reader.error(loc, f"topic {tid!r} has no file {lang}/topics/{tid}.yaml")
    ordered = {tid: topics[tid] for tid in topic_order if tid in topics}
    pack = LanguagePack(
        lang, MappingProxyType(ordered), MappingProxyType(contact_texts), region_texts, safety
    )
    return pack, files


def _load_topic(
    path: Path,
    fname: str,
    tid: str,
    reader: Reader,
    contacts: dict[str, Contact],
    known_numbers: frozenset[str],
) -> Topic | None:
    doc = _document(reader, path, fname, TOPIC_KEYS)
    if doc is None:
        return None
    title = reader.text(doc, "title", max_len=TITLE_LIMIT)
    summary = reader.text(doc, "summary", max_len=SUMMARY_LIMIT)
    if title is not None:
        _check_plain(reader, doc.items["title"].loc, title, known_numbers)
    if summary is not None:
        _check_text(reader, doc.items["summary"].loc, summary, known_numbers, SUMMARY_LIMIT)
    reviewed = reader.date(doc, "reviewed")
    topic_contacts = _contact_ids(reader, doc, "contacts", contacts)
    keywords = tuple(word for word, _loc in reader.text_list(doc, "keywords", required=False))
    sections: list[Section] = []
    raw_sections = doc.items.get("sections")
    if raw_sections is None:
        reader.error(doc.loc, "missing 'sections'")
    elif not isinstance(raw_sections, Seq):
        reader.error(
            raw_sections.loc, "'sections' must be a list of sections (lines starting with -)"
        )
    else:
        for node in raw_sections.items:
            entry = reader.expect_map(node, "a section", raw_sections.loc)
            if entry is None:
                continue
            reader.only_keys(entry, SECTION_KEYS, "section")
            sid = reader.text(entry, "id")
            stitle = reader.text(entry, "title", max_len=TITLE_LIMIT)
            text = reader.text(entry, "text")
            if stitle is not None:
                _check_plain(reader, entry.items["title"].loc, stitle, known_numbers)
            if text is not None:
                _check_text(reader, entry.items["text"].loc, text, known_numbers, TEXT_LIMIT)
            if sid is None or not reader.identifier(sid, entry.items["id"].loc, "section id"):
                continue
            if any(s.id == sid for s in sections):
                reader.error(entry.items["id"].loc, f"duplicate section id {sid!r}")
                continue
            sections.append(Section(sid, stitle or sid, text or ""))
        if not raw_sections.items:
            reader.error(raw_sections.loc, "a topic needs at least one section")
    return Topic(
        id=tid,
        title=title or tid,
        summary=summary or "",
        reviewed=reviewed or "",
        contacts=topic_contacts,
        sections=tuple(sections),
        keywords=keywords,
    )


def _majority(values: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], list[str]]:
    """The value most languages share (en's on a tie) and the languages that differ from it."""
    counts = Counter(values.values())
    best = max(values.values(), key=lambda v: (counts[v], v == values.get("en")))
    return best, [lang for lang, value in values.items() if value != best]


def _check_parity(
    packs: dict[str, tuple[LanguagePack, dict[str, str]]], reader: Reader, root: Path
) -> None:
    """kk, ru and en must offer the same topics, sections, contacts and self-check questions.
    A difference is reported in the file of the language that differs from the other two."""

    def report(
        values: dict[str, tuple[str, ...]], what: str, where: Callable[[str], Location], hint: str
    ) -> None:
        best, odd = _majority(values)
        for lang in odd:
            others = " and ".join(sorted((x for x in values if x != lang), key=_en_first))
            reader.error(
                where(lang),
                f"{what} differ from {others}: {list(values[lang])} vs {list(best)}",
                hint,
            )

    counts = {
        lang: tuple(pack.safety.selfcheck.questions)
        and (str(len(pack.safety.selfcheck.questions)),)
        for lang, (pack, _) in packs.items()
    }
    best, odd = _majority(counts)
    for lang in odd:
        reader.error(
            Location(_rel(root, root / lang / "safety.yaml"), 1, 1),
            f"the self-check has {len(packs[lang][0].safety.selfcheck.questions)} questions; "
            f"the other languages have {best[0] if best else 0}",
            "ask the same questions in every language",
        )
    # "who runs it" is optional, but then written in every language or in none.
    contact_ids = set.intersection(*(set(pack.contacts) for pack, _ in packs.values()))
    for cid in sorted(contact_ids):
        written = {
            lang: ("who",) if pack.contacts[cid].who else () for lang, (pack, _) in packs.items()
        }
        report(
            written,
            f"{cid}: 'who' lines",
            lambda lang: Location(_rel(root, root / lang / "contacts.yaml"), 1, 1),
            "write 'who' in every language, or in none",
        )
    # Topics missing in a language are reported by the menu check; compare the rest.
    shared = set.intersection(*(set(pack.topics) for pack, _ in packs.values()))
    for tid in sorted(shared):

        def where(lang: str, tid: str = tid) -> Location:
            return Location(packs[lang][1][tid], 1, 1)

        topics = {lang: pack.topics[tid] for lang, (pack, _) in packs.items()}
        report(
            {lang: t.contacts for lang, t in topics.items()},
            "contacts",
            where,
            "use the same contacts in every language",
        )
        report(
            {lang: tuple(s.id for s in t.sections) for lang, t in topics.items()},
            "sections",
            where,
            "use the same section ids in the same order in every language",
        )


def _en_first(lang: str) -> tuple[bool, str]:
    return (lang != "en", lang)
