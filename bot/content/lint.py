"""What `python -m bot check` adds to validation for editors: warnings about stale contacts and
translations that may no longer match the text they were made from.

Translation drift: content/translations.lock records a short hash of every topic text in each
language as last confirmed by an editor. When the text changes in some languages but not in
the others, the unchanged ones are flagged until an editor reviews them and runs
`python -m bot check --confirm`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .loader import load_catalog
from .model import LANGUAGES, Catalog
from .problems import ContentError, Location, Problem
from .yaml_source import Map, Seq, load_yaml

LOCK_FILE = "translations.lock"


@dataclass(frozen=True)
class LintResult:
    catalog: Catalog | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def lint(content_dir: Path, today: dt.date, stale_days: int = 180) -> LintResult:
    root = Path(content_dir)
    try:
        catalog = load_catalog(root)
    except ContentError as exc:
        return LintResult(None, exc.problems)
    warnings = stale_contacts(root, catalog, today, stale_days) + drift(root, catalog)
    return LintResult(catalog, sorted(warnings, key=lambda p: p.location))


def stale_contacts(root: Path, catalog: Catalog, today: dt.date, days: int) -> list[Problem]:
    locations = _contact_verified_lines(root)
    problems = []
    for contact in catalog.contacts.values():
        age = (today - dt.date.fromisoformat(contact.verified)).days
        if age > days:
            problems.append(
                Problem(
                    locations.get(contact.id, Location(f"{root.name}/contacts.yaml", 1, 1)),
                    f"{contact.id} was last verified {age} days ago ({contact.verified})",
                    "check the number or address against its source or by calling it, "
                    "then update 'verified'",
                    warning=True,
                )
            )
    return problems


def _contact_verified_lines(root: Path) -> dict[str, Location]:
    doc = load_yaml(root / "contacts.yaml", f"{root.name}/contacts.yaml", [])
    found: dict[str, Location] = {}
    contacts = doc.items.get("contacts") if isinstance(doc, Map) else None
    if isinstance(contacts, Map):
        for cid, node in contacts.items.items():
            if isinstance(node, Map) and "verified" in node.items:
                found[cid] = node.items["verified"].loc
    return found


def text_hashes(catalog: Catalog) -> dict[str, dict[str, str]]:
    """topic/section -> language -> short hash of the title and text shown."""
    hashes: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for topic in catalog.pack(lang).topics.values():
            parts = {f"{topic.id}/": f"{topic.title}\n{topic.summary}"}
            parts |= {f"{topic.id}/{s.id}": f"{s.title}\n{s.text}" for s in topic.sections}
            for key, text in parts.items():
                digest = hashlib.sha256(text.strip().encode()).hexdigest()[:12]
                hashes.setdefault(key, {})[lang] = digest
    return hashes


def drift(root: Path, catalog: Catalog) -> list[Problem]:
    lock_path = root / LOCK_FILE
    if not lock_path.exists():
        return []
    confirmed: dict[str, dict[str, str]] = json.loads(lock_path.read_text(encoding="utf-8"))
    problems = []
    for key, now in text_hashes(catalog).items():
        before = confirmed.get(key)
        if not before:
            continue  # new text: nothing to compare with until it is confirmed
        changed = [lang for lang in LANGUAGES if now.get(lang) != before.get(lang)]
        if not changed or len(changed) == len(LANGUAGES):
            continue
        topic, _, section = key.partition("/")
        for lang in LANGUAGES:
            if lang in changed:
                continue
            problems.append(
                Problem(
                    _text_location(root, lang, topic, section),
                    f"may be out of date: the {' and '.join(changed)} text changed since the "
                    "translations were last confirmed",
                    "compare it with the changed text, update it if needed, then run "
                    "python -m bot check --confirm",
                    warning=True,
                )
            )
    return problems


def _text_location(root: Path, lang: str, topic: str, section: str) -> Location:
    name = f"{root.name}/{lang}/topics/{topic}.yaml"
    doc = load_yaml(root / lang / "topics" / f"{topic}.yaml", name, [])
    if isinstance(doc, Map):
        if not section and "title" in doc.items:
            return doc.items["title"].loc
        sections = doc.items.get("sections")
        if isinstance(sections, Seq):
            for node in sections.items:
                if (
                    isinstance(node, Map)
                    and getattr(node.items.get("id"), "value", None) == section
                ):
                    return node.items.get("text", node).loc
    return Location(name, 1, 1)


def confirm(root: Path, catalog: Catalog) -> Path:
    """Record the current texts as reviewed in every language."""
    lock_path = Path(root) / LOCK_FILE
    lock_path.write_text(
        json.dumps(text_hashes(catalog), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return lock_path
