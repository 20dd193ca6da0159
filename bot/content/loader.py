"""Loads content/ into a validated, immutable Catalog, or raises ContentError with every problem.

Layout (the shared files are read by bot.content.registry):
  content/<lang>/contacts.yaml   contact names and "when to use it" lines
  content/<lang>/regions.yaml    the wording of the regional screens
  content/<lang>/safety.yaml     the quick exit, the self-check and the danger words
  content/<lang>/topics/*.yaml   one topic per file; the file name is the topic id
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .model import (
    LANGUAGES,
    Catalog,
    Citation,
    Contact,
    ContactText,
    Html,
    LanguagePack,
    Law,
    RegionTexts,
    Safety,
    Section,
    SelfCheck,
    Source,
    Topic,
)
from .parity import LoadedPack, check_parity
from .problems import ContentError, Location, Problem
from .reader import Reader
from .registry import (
    Menu,
    contact_ids,
    document,
    load_contacts,
    load_laws,
    load_menu,
    load_regions,
    load_sources,
    rel,
)
from .rules import (
    CONTACT_CARD_LIMIT,
    CONTACT_NAME_LIMIT,
    CONTACT_WHEN_LIMIT,
    CONTACT_WHO_LIMIT,
    DANGER_WORD,
    EXIT_MESSAGE_LIMIT,
    FORGET_DONE_LIMIT,
    MAX_QUESTIONS,
    NUMBER_PATTERN,
    QUESTION_LIMIT,
    SECTION_LIMIT,
    SUMMARY_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    check_plain,
    check_text,
    last_paragraph,
)
from .yaml_source import Map, Seq

CONTACT_TEXT_KEYS = frozenset({"name", "when", "who", "card", "aliases"})
REGION_TEXT_KEYS = ("title", "choose", "no_local", "local")  # checked in this order
SAFETY_KEYS = frozenset({"exit_message", "forget_done", "selfcheck", "danger_words"})
SELFCHECK_KEYS = frozenset({"title", "intro", "questions", "result_yes", "result_no"})
TOPIC_KEYS = frozenset({"title", "summary", "reviewed", "contacts", "sections", "keywords"})
SECTION_KEYS = frozenset({"id", "title", "text", "sources", "basis", "keywords"})
WORD = re.compile(r"[\w-]+")
# Words that point at something under a section's text; there only its buttons are.
BELOW = {
    "en": re.compile(r"\bbelow\b", re.IGNORECASE),
    "ru": re.compile(r"\bниже\b", re.IGNORECASE),
    "kk": re.compile(r"\bтөменде(?:гі\w*)?\b", re.IGNORECASE),  # not төмендеді ("fell")
}


@dataclass
class Shared:
    """What every language's files are checked against."""

    contacts: dict[str, Contact]
    sources: dict[str, Source]
    laws: dict[str, Law]
    known_numbers: frozenset[str]


def known_numbers(
    contacts: dict[str, Contact], other_numbers: dict[str, str], laws: dict[str, Law]
) -> frozenset[str]:
    """Digit groups a text may show: phones, listed numbers, law numbers and articles."""
    known = {c.phone for c in contacts.values() if c.phone} | set(other_numbers)
    for law in laws.values():
        if law.number:
            known.add(law.number.split("-")[0])
        for article in law.articles:
            known |= {article.replace("-", ""), article.split("-")[0]}
    return frozenset(known)


def load_catalog(content_dir: Path | str) -> Catalog:
    catalog, problems = read_catalog(content_dir)
    if problems:
        raise ContentError(problems)
    return catalog


def read_catalog(content_dir: Path | str) -> tuple[Catalog, list[Problem]]:
    """The catalog as far as it could be read, and every problem. Only the preview site uses a
    catalog with problems (to show them on the screens they affect); the bot never serves one."""
    root = Path(content_dir)
    problems: list[Problem] = []
    reader = Reader(problems)
    contacts, other_numbers = load_contacts(root, reader)
    menu = load_menu(root, reader, contacts)
    regions, region_contacts = load_regions(root, reader, contacts)
    sources = load_sources(root, reader)
    laws = load_laws(root, reader)
    shared = Shared(contacts, sources, laws, known_numbers(contacts, other_numbers, laws))
    packs = {lang: _load_language(root, lang, reader, shared, menu) for lang in LANGUAGES}
    check_parity(packs, reader, root)
    catalog = Catalog(
        contacts=MappingProxyType(contacts),
        other_numbers=MappingProxyType(other_numbers),
        topic_order=tuple(menu.topics),
        home_emergency=menu.home_emergency,
        emergency_card=menu.emergency_card,
        help_contacts=menu.help_contacts,
        regions=MappingProxyType(regions),
        region_contacts=region_contacts,
        languages=MappingProxyType({lang: loaded.pack for lang, loaded in packs.items()}),
        sources=MappingProxyType(sources),
        laws=MappingProxyType(laws),
        known_numbers=shared.known_numbers,
    )
    return catalog, sorted(problems, key=lambda p: p.location)


def _load_contact_texts(
    root: Path, lang: str, reader: Reader, shared: Shared
) -> dict[str, ContactText]:
    path = root / lang / "contacts.yaml"
    doc = document(reader, path, rel(root, path))
    texts: dict[str, ContactText] = {}
    if doc is None:
        return texts
    for cid, node in doc.items.items():
        if cid not in shared.contacts:
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
        name = reader.text(entry, "name", max_len=CONTACT_NAME_LIMIT)
        when = reader.text(entry, "when", max_len=CONTACT_WHEN_LIMIT)
        who = reader.text(entry, "who", required=False, max_len=CONTACT_WHO_LIMIT)
        card = reader.text(entry, "card", required=False, max_len=CONTACT_CARD_LIMIT)
        for key, value in (("name", name), ("when", when), ("who", who), ("card", card)):
            if value is not None:
                check_plain(reader, entry.items[key].loc, value, shared.known_numbers)
        aliases = tuple(a for a, _ in reader.text_list(entry, "aliases", required=False))
        texts[cid] = ContactText(name or cid, when or "", who or "", card or "", aliases)
    for cid in shared.contacts:
        if cid not in doc.items:
            reader.error(
                doc.loc,
                f"contact {cid!r} has no name in {lang}",
                f"add '{cid}:' with name and when",
            )
    return texts


def _load_region_texts(
    root: Path, lang: str, reader: Reader, known: frozenset[str]
) -> RegionTexts:
    path = root / lang / "regions.yaml"
    doc = document(reader, path, rel(root, path), frozenset(REGION_TEXT_KEYS))
    values: dict[str, str] = {}
    if doc is not None:
        for key in REGION_TEXT_KEYS:
            value = reader.text(doc, key, max_len=TITLE_LIMIT if key == "title" else None)
            if value is not None and key in ("title", "local"):
                check_plain(reader, doc.items[key].loc, value, known)
            elif value is not None:
                check_text(reader, doc.items[key].loc, value, known, TEXT_LIMIT)
            values[key] = value or ""
    return RegionTexts(
        title=values.get("title", ""),
        choose=Html(values.get("choose", "")),
        no_local=Html(values.get("no_local", "")),
        local=values.get("local", ""),
    )


def _load_safety(root: Path, lang: str, reader: Reader, known: frozenset[str]) -> Safety:
    path = root / lang / "safety.yaml"
    empty = Safety("", Html(""), SelfCheck("", Html(""), (), Html(""), Html("")), ())
    doc = document(reader, path, rel(root, path), SAFETY_KEYS)
    if doc is None:
        return empty
    exit_message = reader.text(doc, "exit_message", max_len=EXIT_MESSAGE_LIMIT) or ""
    if exit_message:
        check_plain(reader, doc.items["exit_message"].loc, exit_message, known)
    forget_done = reader.text(doc, "forget_done") or ""
    if forget_done:
        check_text(reader, doc.items["forget_done"].loc, forget_done, known, FORGET_DONE_LIMIT)
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
        return Safety(exit_message, Html(forget_done), empty.selfcheck, tuple(danger_words))
    reader.only_keys(check, SELFCHECK_KEYS, "selfcheck")
    values = {}
    for key in ("title", "intro", "result_yes", "result_no"):
        value = reader.text(check, key, max_len=TITLE_LIMIT if key == "title" else None)
        if value is not None and key == "title":
            check_plain(reader, check.items[key].loc, value, known)
        elif value is not None:
            check_text(reader, check.items[key].loc, value, known, TEXT_LIMIT)
        values[key] = value or ""
    questions = []
    for question, loc in reader.text_list(check, "questions"):
        if len(question) > QUESTION_LIMIT:
            reader.error(loc, f"question is {len(question)} characters; at most {QUESTION_LIMIT}")
        check_plain(reader, loc, question, known)
        questions.append(question)
    if not 1 <= len(questions) <= MAX_QUESTIONS:
        reader.error(check.loc, f"the self-check needs 1 to {MAX_QUESTIONS} questions")
    selfcheck = SelfCheck(
        values["title"],
        Html(values["intro"]),
        tuple(questions),
        Html(values["result_yes"]),
        Html(values["result_no"]),
    )
    return Safety(exit_message, Html(forget_done), selfcheck, tuple(danger_words))


def _load_language(
    root: Path, lang: str, reader: Reader, shared: Shared, menu: Menu
) -> LoadedPack:
    contact_texts = _load_contact_texts(root, lang, reader, shared)
    region_texts = _load_region_texts(root, lang, reader, shared.known_numbers)
    safety = _load_safety(root, lang, reader, shared.known_numbers)
    files: dict[str, str] = {}
    topics: dict[str, Topic] = {}
    topic_dir = root / lang / "topics"
    for path in sorted(topic_dir.glob("*.yaml")) if topic_dir.is_dir() else []:
        fname = rel(root, path)
        tid = path.stem
        if not reader.identifier(tid, Location(fname, 1, 1), "topic file name"):
            continue
        if tid not in menu.topics:
            reader.error(Location(fname, 1, 1), f"topic {tid!r} is not listed in menu.yaml")
        topic = _load_topic(path, fname, tid, lang, reader, shared, contact_texts)
        if topic is not None:
            topics[tid] = topic
            files[tid] = fname
    for tid, loc in menu.topics.items():
        if not (topic_dir / f"{tid}.yaml").exists():
            reader.error(loc, f"topic {tid!r} has no file {lang}/topics/{tid}.yaml")
    ordered = {tid: topics[tid] for tid in menu.topics if tid in topics}
    pack = LanguagePack(
        lang, MappingProxyType(ordered), MappingProxyType(contact_texts), region_texts, safety
    )
    return LoadedPack(pack, files)


def _load_topic(
    path: Path,
    fname: str,
    tid: str,
    lang: str,
    reader: Reader,
    shared: Shared,
    contact_texts: dict[str, ContactText],
) -> Topic | None:
    doc = document(reader, path, fname, TOPIC_KEYS)
    if doc is None:
        return None
    known = shared.known_numbers
    title = reader.text(doc, "title", max_len=TITLE_LIMIT)
    summary = reader.text(doc, "summary", max_len=SUMMARY_LIMIT)
    if title is not None:
        check_plain(reader, doc.items["title"].loc, title, known)
    if summary is not None:
        check_text(reader, doc.items["summary"].loc, summary, known, SUMMARY_LIMIT)
    reviewed = reader.date(doc, "reviewed")
    topic_contacts = contact_ids(reader, doc, "contacts", shared.contacts)
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
            section = _load_section(entry, lang, reader, shared, contact_texts) if entry else None
            if section is None or entry is None:
                continue
            if any(s.id == section.id for s in sections):
                reader.error(entry.items["id"].loc, f"duplicate section id {section.id!r}")
                continue
            sections.append(section)
        if not raw_sections.items:
            reader.error(raw_sections.loc, "a topic needs at least one section")
    topic = Topic(
        id=tid,
        title=title or tid,
        summary=Html(summary or ""),
        reviewed=reviewed or "",
        contacts=topic_contacts,
        sections=tuple(sections),
        keywords=keywords,
    )
    _check_named_contacts(topic, doc, reader, shared, contact_texts)
    return topic


def _load_section(
    entry: Map, lang: str, reader: Reader, shared: Shared, contact_texts: dict[str, ContactText]
) -> Section | None:
    reader.only_keys(entry, SECTION_KEYS, "section")
    sid = reader.text(entry, "id")
    title = reader.text(entry, "title", max_len=TITLE_LIMIT)
    text = reader.text(entry, "text")
    if title is not None:
        check_plain(reader, entry.items["title"].loc, title, shared.known_numbers)
    if text is not None:
        loc = entry.items["text"].loc
        visible = check_text(reader, loc, text, shared.known_numbers, SECTION_LIMIT)
        if BELOW[lang].search(visible):
            reader.error(
                loc,
                "nothing is below a section's text but its buttons",
                "name the contact or the button instead",
            )
        if not _mentions(last_paragraph(visible), shared, contact_texts):
            reader.error(
                loc,
                "the last paragraph names no way to get help",
                "end with a contact that works, e.g. 111 or e-Otinish, so nobody is left stuck",
            )
    cited = reader.text_list(entry, "sources", required=False)
    sources = []
    for source_id, loc in cited:
        if source_id not in shared.sources:
            reader.error(
                loc, f"unknown source {source_id!r}", "sources are defined in content/sources/"
            )
        else:
            sources.append(source_id)
    if not cited:  # no key, or an empty list: either way the section cites nothing
        reader.error(
            entry.items["sources"].loc if "sources" in entry.items else entry.loc,
            "this section cites no sources",
            "add 'sources: [id, ...]' with the ids from content/sources/ its facts come from",
        )
    basis = []
    for ref, loc in reader.text_list(entry, "basis", required=False):
        citation = _citation(ref, loc, reader, shared.laws)
        if citation is not None:
            basis.append(citation)
    keywords = tuple(word for word, _loc in reader.text_list(entry, "keywords", required=False))
    if sid is None or not reader.identifier(sid, entry.items["id"].loc, "section id"):
        return None
    return Section(sid, title or sid, Html(text or ""), tuple(sources), tuple(basis), keywords)


def _citation(ref: str, loc: Location, reader: Reader, laws: dict[str, Law]) -> Citation | None:
    """'ccp 131' (an article) or 'law_245' (a whole law), as defined in content/laws.yaml."""
    law_id, _, article = ref.strip().partition(" ")
    law = laws.get(law_id)
    if law is None:
        reader.error(loc, f"unknown law {law_id!r}", "laws are defined in content/laws.yaml")
        return None
    if article and article not in law.articles:
        reader.error(
            loc,
            f"article {article} of {law_id!r} is not in content/laws.yaml",
            "add it there with the words of the facts file that state it",
        )
        return None
    return Citation(law_id, article or None)


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _names(words: list[str], alias: str) -> bool:
    """Whether the text's words hold the alias, each alias word starting a word in a row: the
    alias "бесплатн юридическ помощ" names "бесплатной юридической помощи"."""
    wanted = _words(alias)
    span = len(wanted)
    return span > 0 and any(
        all(words[i + j].startswith(wanted[j]) for j in range(span))
        for i in range(len(words) - span + 1)
    )


def _mentions(text: str, shared: Shared, contact_texts: dict[str, ContactText]) -> set[str]:
    """National contacts a text names: by number, or by a name its language's file gives."""
    digits = {re.sub(r"\D", "", m.group()) for m in NUMBER_PATTERN.finditer(text)}
    words = _words(text)
    named = set()
    for cid, contact in shared.contacts.items():
        if contact.region is not None:
            continue
        if contact.phone and contact.phone in digits:
            named.add(cid)
        aliases = contact_texts[cid].aliases if cid in contact_texts else ()
        if any(_names(words, alias) for alias in aliases):
            named.add(cid)
    return named


def _check_named_contacts(
    topic: Topic, doc: Map, reader: Reader, shared: Shared, texts: dict[str, ContactText]
) -> None:
    """Every contact a topic's text names is on its "Where to get help" screen."""
    text = " ".join([topic.summary, *(s.text for s in topic.sections)])
    for cid in sorted(_mentions(text, shared, texts) - set(topic.contacts)):
        reader.error(
            doc.items["contacts"].loc if "contacts" in doc.items else doc.loc,
            f"the text names {cid!r}, but the topic's contacts do not list it",
            f"add {cid} to 'contacts'",
        )
