"""Nothing reaches a user that ../shared/facts/kazakhstan.md does not state: every web address,
phone number, law number and cited article in content/ is checked against that file.

A user's clone has no ../shared, so these tests skip there with the reason; CI always has it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from bot.content import LANGUAGES, load_catalog

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
FACTS = Path(os.environ.get("BOT_FACTS_FILE", ROOT.parent / "shared" / "facts" / "kazakhstan.md"))
URL = re.compile(r"https?://[^\s\"'<>]+")
LAW_NUMBER = re.compile(r"\b\d{1,4}-[IVX]{1,6}\b")


@pytest.fixture(scope="module")
def facts() -> str:
    if not FACTS.is_file():
        pytest.skip(f"no facts file at {FACTS} (it lives in ../shared, which CI has)")
    return FACTS.read_text(encoding="utf-8")


def content_lines() -> list[tuple[str, int, str]]:
    """(file, line number, text) of every content line that is not a YAML comment."""
    found = []
    for path in sorted(CONTENT_DIR.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.lstrip().startswith("#"):
                found.append((str(path.relative_to(ROOT)), number, line))
    return found


def stated(url: str, facts: str) -> bool:
    """The facts file gives the address, in full or as a bare site name (eotinish.gov.kz)."""
    bare = url.split("://", 1)[1].rstrip("/")
    return (
        url in facts or re.search(rf"(?<![\w./-]){re.escape(bare)}(?![\w/-])", facts) is not None
    )


def test_every_web_address_is_in_the_facts_file(facts):
    missing = [
        f"{file}:{line}: {url}"
        for file, line, text in content_lines()
        for url in URL.findall(text)
        if not stated(url.rstrip(".,;"), facts)
    ]
    assert not missing, "addresses the facts file does not give:\n" + "\n".join(missing)


def test_every_phone_number_is_in_the_facts_file(facts, catalog):
    phones = {c.phone for c in catalog.contacts.values() if c.phone}
    assert phones, "the content defines no phone numbers"
    missing = sorted(p for p in phones if not re.search(rf"(?<![\d+]){re.escape(p)}(?!\d)", facts))
    assert not missing, f"phone numbers the facts file does not give: {missing}"


def test_every_law_number_is_in_the_facts_file(facts):
    missing = [
        f"{file}:{line}: {number}"
        for file, line, text in content_lines()
        for number in LAW_NUMBER.findall(text)
        if not re.search(rf"\b{re.escape(number)}\b", facts)
    ]
    assert not missing, "law numbers the facts file does not give:\n" + "\n".join(missing)


def test_every_cited_article_quotes_the_facts_file(facts):
    laws = yaml.safe_load((CONTENT_DIR / "laws.yaml").read_text(encoding="utf-8"))["laws"]
    quotes = [
        (lid, a, q) for lid, law in laws.items() for a, q in (law.get("articles") or {}).items()
    ]
    assert quotes, "content/laws.yaml lists no articles"
    missing = [
        f"{lid} {article}: {quote!r}" for lid, article, quote in quotes if quote not in facts
    ]
    assert not missing, "articles whose quoted words are not in the facts file:\n" + "\n".join(
        missing
    )


def test_every_listed_number_is_in_the_facts_file(facts, catalog):
    missing = sorted(n for n in catalog.other_numbers if not re.search(rf"\b{n}\b", facts))
    assert not missing, f"numbers under other_numbers the facts file does not give: {missing}"


def test_every_source_names_a_section_of_the_facts_file(facts, catalog):
    headings = set(re.findall(r"^#{2,3} (\d{1,2}[a-z]?(?:\.\d{1,2})?)[. :]", facts, re.MULTILINE))
    missing = sorted(
        f"{s.id}: §{s.facts}" for s in catalog.sources.values() if s.facts not in headings
    )
    assert not missing, f"sources pointing at no section of the facts file: {missing}"


def test_every_section_cites_its_sources_in_every_language(catalog):
    for lang in LANGUAGES:
        for topic in catalog.pack(lang).topics.values():
            for section in topic.sections:
                assert section.sources, f"{lang}/{topic.id}/{section.id} cites no sources"


def test_the_content_loads(catalog):
    assert load_catalog(CONTENT_DIR).topic_order == catalog.topic_order
