"""Which screens a line of a content file is shown on, so a problem `bot check` reports at
file:line becomes a badge on those screens, in the language of the file.

Spans are read from the YAML files themselves (bot.content.yaml_source keeps every node's
line): a topic's title and summary are on its screen, a section on its section and sources
screens, a contact on its cards and on every screen that lists it, and so on. A line inside
several spans belongs to the innermost one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..callbacks import (
    Go,
    OpenContact,
    OpenRegion,
    OpenSection,
    OpenSources,
    OpenTopic,
    Place,
    SelfCheckStep,
    TopicContacts,
)
from ..content import LANGUAGES, Catalog, Location
from ..content.registry import rel
from ..content.yaml_source import Map, Seq, load_yaml
from .crawl import SEARCH, START, Page, parse

END = 10**9  # the last line of a file, whatever it is


@dataclass(frozen=True)
class Span:
    file: str
    first: int
    last: int
    keys: frozenset[str]
    lang: str | None  # None: a shared file, shown in every language

    def __contains__(self, loc: Location) -> bool:
        return loc.file == self.file and self.first <= loc.line <= self.last


def _key_ranges(node: Map, end: int) -> dict[str, tuple[int, int]]:
    """Each key of a mapping from its line to the line before the next key."""
    keys = sorted(node.key_locs.items(), key=lambda item: item[1].line)
    ranges = {}
    for i, (key, loc) in enumerate(keys):
        last = keys[i + 1][1].line - 1 if i + 1 < len(keys) else end
        ranges[key] = (loc.line, max(loc.line, last))
    return ranges


def _read(root: Path, path: Path) -> tuple[str, Map | None]:
    name = rel(root, path)
    doc = load_yaml(path, name, []) if path.exists() else None
    return name, doc if isinstance(doc, Map) else None


class Places:
    def __init__(
        self,
        root: Path,
        catalog: Catalog,
        pages: dict[str, Page],
        lists_contact: Callable[[str, str], set[str]],
    ) -> None:
        """`lists_contact(lang, contact_id)`: keys of the screens whose text lists it."""
        self.root = root
        self.catalog = catalog
        self.pages = pages
        self.lists_contact = lists_contact
        self.spans: list[Span] = []
        self._shared()
        for lang in LANGUAGES:
            self._language(lang)

    def _keys(self, wanted: Iterable[str]) -> frozenset[str]:
        return frozenset(key for key in wanted if key in self.pages)

    def _where(self, test: Callable[[object], bool]) -> frozenset[str]:
        return frozenset(key for key in self.pages if test(parse(key)))

    def _add(
        self, name: str, lines: tuple[int, int], keys: frozenset[str], lang: str | None
    ) -> None:
        if keys:
            self.spans.append(Span(name, lines[0], lines[1], keys, lang))

    def contact_screens(self, cid: str, lang: str | None) -> frozenset[str]:
        cards = self._where(lambda b: isinstance(b, OpenContact) and b.contact == cid)
        langs = [lang] if lang else list(LANGUAGES)
        listed = set().union(*(self.lists_contact(code, cid) for code in langs))
        return cards | self._keys(listed)

    def _entries(
        self, name: str, node: object, lang: str | None, keys: Callable[[str], frozenset[str]]
    ) -> None:
        """Each entry of a mapping (a contact, a region, a law…) on the screens that show it."""
        if isinstance(node, Map):
            for entry, lines in _key_ranges(node, END).items():
                self._add(name, lines, keys(entry), lang)

    def _shared(self) -> None:
        root = self.root
        name, doc = _read(root, root / "contacts.yaml")
        if doc is not None:
            self._entries(
                name, doc.items.get("contacts"), None, lambda c: self.contact_screens(c, None)
            )
        name, doc = _read(root, root / "menu.yaml")
        if doc is not None:
            home = self._keys([START, SEARCH])
            shown = {
                "topics": home,
                "home_emergency": home,
                "emergency_card": self._keys([Go(to=Place.SOS).pack()]),
                "help_contacts": self._keys([Go(to=Place.HELP).pack()]),
            }
            for key, lines in _key_ranges(doc, END).items():
                self._add(name, lines, shown.get(key, frozenset()), None)
        name, doc = _read(root, root / "regions.yaml")
        if doc is not None:
            every = self._where(lambda b: isinstance(b, OpenRegion))
            self._add(name, (1, END), every, None)
            self._entries(name, doc.items.get("regions"), None, self._region)
        name, doc = _read(root, root / "laws.yaml")
        if doc is not None:
            self._entries(name, doc.items.get("laws"), None, self._citing_law)
        for path in sorted((root / "sources").glob("*.yaml")):
            name, doc = _read(root, path)
            if doc is not None:
                self._entries(name, doc.items.get("sources"), None, self._citing_source)

    def _region(self, rid: str) -> frozenset[str]:
        return self._keys([OpenRegion(region=rid).pack()])

    def _sections(self, test: Callable[[object], bool]) -> frozenset[str]:
        keys = []
        for topic in self.catalog.pack("en").topics.values():
            for section in topic.sections:
                if test(section):
                    keys.append(OpenSection(topic=topic.id, section=section.id).pack())
                    keys.append(OpenSources(topic=topic.id, section=section.id).pack())
        return self._keys(keys)

    def _citing_source(self, sid: str) -> frozenset[str]:
        return self._sections(lambda s: sid in getattr(s, "sources", ()))

    def _citing_law(self, lid: str) -> frozenset[str]:
        return self._sections(lambda s: any(c.law == lid for c in getattr(s, "basis", ())))

    def _language(self, lang: str) -> None:
        root = self.root / lang
        name, doc = _read(self.root, root / "contacts.yaml")
        if doc is not None:
            self._entries(name, doc, lang, lambda c: self.contact_screens(c, lang))
        name, doc = _read(self.root, root / "regions.yaml")
        if doc is not None:
            regions = self._where(lambda b: isinstance(b, OpenRegion))
            self._add(name, (1, END), regions | self._keys([Go(to=Place.REGIONS).pack()]), lang)
        name, doc = _read(self.root, root / "safety.yaml")
        if doc is not None:
            shown = {
                "selfcheck": self._where(lambda b: isinstance(b, SelfCheckStep)),
                "exit_message": self._keys([Go(to=Place.EXIT).pack()]),
            }
            for key, lines in _key_ranges(doc, END).items():
                self._add(name, lines, shown.get(key, frozenset()), lang)
        for path in sorted((root / "topics").glob("*.yaml")):
            self._topic(lang, path)

    def _topic(self, lang: str, path: Path) -> None:
        tid = path.stem
        name, doc = _read(self.root, path)
        screen = self._keys([OpenTopic(topic=tid).pack()])
        self._add(name, (1, END), screen, lang)
        if doc is None:
            return
        contacts = self._keys([TopicContacts(topic=tid).pack()])
        for key, lines in _key_ranges(doc, END).items():
            self._add(name, lines, contacts if key == "contacts" else screen, lang)
            sections = doc.items.get("sections")
            if key != "sections" or not isinstance(sections, Seq):
                continue
            items = sections.items
            for i, item in enumerate(items):
                first = item.loc.line
                last = items[i + 1].loc.line - 1 if i + 1 < len(items) else lines[1]
                sid = item.items.get("id") if isinstance(item, Map) else None
                value = getattr(sid, "value", None)
                if isinstance(item, Map) and isinstance(value, str):
                    self._section(name, lang, tid, value, item, (first, max(first, last)))

    def _section(
        self, name: str, lang: str, tid: str, sid: str, entry: Map, lines: tuple[int, int]
    ) -> None:
        """The text is on the section's screen, its sources on the sources screen; its id,
        title and legal basis on both."""
        text = self._keys([OpenSection(topic=tid, section=sid).pack()])
        sources = self._keys([OpenSources(topic=tid, section=sid).pack()])
        self._add(name, lines, text | sources, lang)
        shown = {"text": text, "keywords": text, "sources": sources}
        for key, (first, last) in _key_ranges(entry, lines[1]).items():
            self._add(name, (first, min(last, lines[1])), shown.get(key, text | sources), lang)

    def find(self, loc: Location) -> Span | None:
        """The innermost span holding this line, if any screen shows it."""
        holding = [span for span in self.spans if loc in span]
        return min(holding, key=lambda s: s.last - s.first, default=None)

    def section_location(self, lang: str, tid: str, sid: str) -> Location:
        """Where a section starts in its language's file (for badges computed from the
        catalog rather than reported by `bot check`)."""
        name = rel(self.root, self.root / lang / "topics" / f"{tid}.yaml")
        keys = {OpenSection(topic=tid, section=sid).pack()}
        for span in self.spans:
            if span.file == name and span.lang == lang and keys <= span.keys:
                return Location(name, span.first, 1)
        return Location(name, 1, 1)
