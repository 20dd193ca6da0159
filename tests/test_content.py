"""The content editors write: the real files load, the three languages match, and every kind of
mistake is reported at the file and line where the editor made it.

Broken fixtures are copies of the real content/ in tmp_path with one thing broken. The copy is
named `content`, so problems are reported as `content/<lang>/topics/<id>.yaml:<line>:<column>`,
exactly as `python -m bot check` prints them for the real directory. Most of them break an
example the tests write into the copy themselves (`example`: a topic, a contact, a law and two
sources, in every language), so a test names the very text it breaks and does not depend on
sentences editors rewrite.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from bot.__main__ import main
from bot.callbacks import Feedback, OpenContact, OpenSection, OpenSources
from bot.content import (
    LANGUAGES,
    Catalog,
    ContentError,
    Problem,
    load_catalog,
    unknown_numbers,
)
from bot.content.rules import SECTION_LIMIT, TITLE_LIMIT

from .helpers import CONTENT_DIR, replace, set_line

MENU_TOPICS = tuple(
    yaml.safe_load((CONTENT_DIR / "menu.yaml").read_text(encoding="utf-8"))["topics"]
)
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Section titles that are rightly the same word in Kazakh and Russian, with their exact text.
KK_TITLES_SAME_AS_RU = {("disability", "inclusive"): "Инклюзия"}


# --- the example the broken fixtures break -----------------------------------------------------

# `content` (conftest.py) is a private copy of the real content directory, to break one thing in;
# `example` is that copy with the example below written into it.

EN, RU, KK = (f"{lang}/topics/example.yaml" for lang in ("en", "ru", "kk"))
SOURCES = "sources/zz_example.yaml"
WORDS = {
    "en": {
        "title": "Example topic",
        "summary": "A topic the tests write and break. Call 111.",
        "first": "First section",
        "heading": "What the law says",
        "body": "Plain words for the tests.",
        "call": "Call 111.",
        "second": "Second section",
        "body2": "Second words for the tests.",
        "danger": "In danger now, call 112.",
        "line": "Example line",
        "when": "When the tests call.",
        "alias": "Example Helpline",
    },
    "ru": {
        "title": "Пример темы",
        "summary": "Тема, которую тесты пишут и ломают. Звоните 111.",
        "first": "Первый раздел",
        "heading": "Что говорит закон",
        "body": "Простые слова для тестов.",
        "call": "Звоните 111.",
        "second": "Второй раздел",
        "body2": "Второй текст для тестов.",
        "danger": "В опасности звоните 112.",
        "line": "Пример линии",
        "when": "Когда звонят тесты.",
        "alias": "Линия примера",
    },
    "kk": {
        "title": "Мысал тақырып",
        "summary": "Сынақтар жазып, бұзатын тақырып. 111 нөміріне қоңырау шалыңыз.",
        "first": "Бірінші бөлім",
        "heading": "Заң не дейді",
        "body": "Сынақтарға арналған қарапайым сөздер.",
        "call": "111 нөміріне қоңырау шалыңыз.",
        "second": "Екінші бөлім",
        "body2": "Сынақтарға арналған екінші мәтін.",
        "danger": "Қауіп төнсе, 112 нөміріне қоңырау шалыңыз.",
        "line": "Мысал желісі",
        "when": "Сынақтар қоңырау шалғанда.",
        "alias": "Мысал желі",
    },
}
TOPIC = """\
# yaml-language-server: $schema=../../schema/topic.schema.json
# Written by tests/test_content.py into a copy of content/, to break one thing in.
title: "{title}"
summary: "{summary}"
reviewed: "2026-11-30"
contacts: [emergency_112, line_111]
sections:
  - id: first
    title: "{first}"
    sources: [example_source]
    basis: ["example_law 312"]
    text: |
      <b>{heading}</b>
      {body}

      {call}
  - id: second
    title: "{second}"
    sources: [example_source, example_copy]
    text: |
      {body2}

      {danger}
"""
CONTACT = """\
  example_line:
    phone: "5550"
    hours: "24/7"
    free: true
    source: "https://example.org/example-line"
    source_date: "2026-01-01"
    verified: "2026-11-30"
"""
CONTACT_TEXT = """\
example_line:
  name: "{line}"
  when: "{when}"
  aliases: ["{alias}"]
"""
LAW = """\
  example_law:
    kk: "Мысал заңы"
    ru: "Пример закона"
    en: "Example law"
    number: "901-VIII"
    articles:
      "312": "Art. 312 of the example law"
"""
SOURCE_FILE = """\
# yaml-language-server: $schema=../schema/sources.schema.json
sources:
  example_source:
    url: "https://example.org/example-source"
    date: "2026-01-01"
    facts: "1"
  example_copy:
    name: "Example Code (unofficial copy)"
    date: "2026-01"
    facts: "7.8"
    unofficial: true
"""


def insert_after_line(path: Path, line: str, text: str) -> None:
    """Insert `text` right after the only line equal to `line`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines.count(line) == 1, f"{line!r} must be a line of {path.name} exactly once"
    at = lines.index(line) + 1
    lines[at:at] = text.rstrip("\n").split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def append(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    path.write_text(content.rstrip("\n") + "\n" + text, encoding="utf-8")


def add_contact(root: Path, block: str) -> None:
    """Add a contact at the end of the 'contacts' mapping of contacts.yaml."""
    path = root / "contacts.yaml"
    content = path.read_text(encoding="utf-8")
    if "\nother_numbers:" in content:
        at = content.index("\nother_numbers:") + 1
        path.write_text(content[:at] + block + content[at:], encoding="utf-8")
    else:
        append(path, block)


def add_example(root: Path) -> None:
    insert_after_line(root / "menu.yaml", "topics:", "  - example\n")
    add_contact(root, CONTACT)
    insert_after_line(root / "laws.yaml", "laws:", LAW)
    (root / SOURCES).write_text(SOURCE_FILE, encoding="utf-8")
    for lang, words in WORDS.items():
        (root / f"{lang}/topics/example.yaml").write_text(TOPIC.format(**words), "utf-8")
        append(root / f"{lang}/contacts.yaml", CONTACT_TEXT.format(**words))


@pytest.fixture
def example(content: Path) -> Path:
    add_example(content)
    return content


def test_the_example_loads_as_written(example):
    catalog = load_catalog(example)
    for lang, words in WORDS.items():
        topic = catalog.pack(lang).topics["example"]
        assert topic.title == words["title"]
        assert [s.id for s in topic.sections] == ["first", "second"]
        assert topic.sections[-1].text.strip().endswith(words["danger"])
    assert catalog.contacts["example_line"].phone == "5550"
    assert catalog.sources["example_copy"].unofficial


# --- helpers ---------------------------------------------------------------------------------


def line_of(root: Path, rel: str, needle: str) -> int:
    """The 1-based line of the only occurrence of `needle` in content/<rel>."""
    text = (root / rel).read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once in {rel}"
    return text[: text.index(needle)].count("\n") + 1


def _text_index(lines: list[str], section_id: str) -> int:
    """0-based index of the `text:` line of the section `- id: <section_id>`."""
    start = lines.index(f"  - id: {section_id}")
    return next(i for i in range(start, len(lines)) if lines[i].startswith("    text:"))


def text_line(root: Path, rel: str, section_id: str) -> int:
    """The line of a section's `text:` key: problems inside a text are reported there."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return _text_index(lines, section_id) + 1


def set_text(root: Path, rel: str, section_id: str, value: str) -> int:
    """Replace a section's whole text block with `text: <value>`; return that line."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").splitlines()
    text_at = _text_index(lines, section_id)
    end = text_at + 1
    while end < len(lines) and (lines[end].startswith("      ") or not lines[end].strip()):
        end += 1
    lines[text_at:end] = [f"    text: {value}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return text_at + 1


def block(text: str) -> str:
    """`text` as a YAML block under a section's `text:` key (paragraphs apart by blank lines)."""
    return "|\n" + "\n".join(f"      {line}" if line else "" for line in text.split("\n"))


def remove_section(root: Path, rel: str, section_id: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {section_id}\n")
    end = text.find("\n  - id: ", start)
    rest = text[end + 1 :] if end != -1 else ""
    path.write_text(text[:start] + rest, encoding="utf-8")


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as info:
        load_catalog(root)
    return info.value.problems


def listing(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


def find(problems: list[Problem], rel: str, line: int, message_part: str) -> Problem:
    """The problem reported at content/<rel>:<line> whose message contains `message_part`."""
    where = f"content/{rel}:{line}:"
    found = [p for p in problems if str(p).startswith(where) and message_part in p.message]
    assert found, f"expected {where} ...{message_part}... among:\n{listing(problems)}"
    return found[0]


def only(problems: list[Problem], rel: str, line: int, message_part: str) -> Problem:
    """Like find(), and nothing else is reported: the editor sees one clear line."""
    problem = find(problems, rel, line, message_part)
    assert problems == [problem], f"expected only {problem}, got:\n{listing(problems)}"
    return problem


def all_in(problems: list[Problem], rel: str) -> None:
    """Every problem is in content/<rel>: the editor is sent to the one file they changed."""
    assert {p.location.file for p in problems} == {f"content/{rel}"}, listing(problems)


def shown_texts(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of content text a user can see, in every language."""
    for lang, pack in catalog.languages.items():
        for tid, topic in pack.topics.items():
            yield f"{lang}/{tid}/title", topic.title
            yield f"{lang}/{tid}/summary", topic.summary
            for s in topic.sections:
                yield f"{lang}/{tid}/{s.id}/title", s.title
                yield f"{lang}/{tid}/{s.id}/text", s.text
        for cid, contact in pack.contacts.items():
            yield f"{lang}/contacts/{cid}/name", contact.name
            yield f"{lang}/contacts/{cid}/when", contact.when
            for key in ("who", "card"):
                if getattr(contact, key):
                    yield f"{lang}/contacts/{cid}/{key}", getattr(contact, key)
        for key, text in vars(pack.regions).items():
            yield f"{lang}/regions/{key}", text
    for rid, region in catalog.regions.items():
        for lang, name in region.names.items():
            yield f"regions/{rid}/{lang}", name
    for lid, law in catalog.laws.items():
        for lang, name in law.names.items():
            yield f"laws/{lid}/{lang}", name


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


# --- 1. the real content ---------------------------------------------------------------------


def test_real_content_has_every_menu_topic_in_menu_order(catalog):
    assert catalog.topic_order == MENU_TOPICS
    assert tuple(catalog.languages) == LANGUAGES
    for lang in LANGUAGES:
        assert tuple(catalog.pack(lang).topics) == MENU_TOPICS, lang
        files = {p.stem for p in (CONTENT_DIR / lang / "topics").glob("*.yaml")}
        assert files == set(MENU_TOPICS), lang


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_real_content_is_the_same_in_every_language(catalog, lang):
    """The same topics, sections in the same order, the same sources, legal basis and contacts
    as in English: a reader switching languages finds the same screens."""
    pack, en = catalog.pack(lang), catalog.pack("en")
    assert tuple(pack.topics) == tuple(en.topics)
    for tid, topic in pack.topics.items():
        ref = en.topics[tid]
        assert topic.contacts == ref.contacts, (lang, tid)
        assert [s.id for s in topic.sections] == [s.id for s in ref.sections], (lang, tid)
        for section, other in zip(topic.sections, ref.sections, strict=True):
            assert section.sources == other.sources, (lang, tid, section.id)
            assert section.basis == other.basis, (lang, tid, section.id)
    assert set(pack.contacts) == set(en.contacts) == set(catalog.contacts)
    for cid, text in pack.contacts.items():
        for key in ("who", "card"):
            assert bool(getattr(text, key)) == bool(getattr(en.contacts[cid], key)), (cid, key)
    assert len(pack.safety.selfcheck.questions) == len(en.safety.selfcheck.questions)


def test_real_content_every_screen_has_something_to_show(catalog):
    for where, text in shown_texts(catalog):
        assert text.strip(), where
    for pack in catalog.languages.values():
        for topic in pack.topics.values():
            assert topic.sections, topic.id
            assert topic.contacts, topic.id
            assert set(topic.contacts) <= set(catalog.contacts)
            for section in topic.sections:
                assert section.sources, (topic.id, section.id)
                assert set(section.sources) <= set(catalog.sources)
    # the home screen and the language picker show 112 first
    assert catalog.home_emergency[0] == "emergency_112"


def fits(*buttons: OpenSection | OpenSources | OpenContact | Feedback) -> bool:
    return all(len(button.pack().encode()) <= 64 for button in buttons)


def test_real_content_ids_fit_in_callback_data(catalog):
    # Telegram refuses a button whose callback_data is over 64 bytes; aiogram raises on pack().
    # The buttons that carry two ids are the longest.
    for topic in catalog.pack("en").topics.values():
        assert fits(*(OpenSection(topic=topic.id, section=s.id) for s in topic.sections))
        assert fits(*(OpenSources(topic=topic.id, section=s.id) for s in topic.sections))
        assert fits(*(OpenContact(contact=c, topic=topic.id) for c in topic.contacts))
        assert fits(Feedback(topic=topic.id, helpful=False))
    longest = "a" * 20  # the longest id the validator accepts
    assert fits(
        OpenSection(topic=longest, section=longest),
        OpenSources(topic=longest, section=longest),
        OpenContact(contact=longest, topic=longest),
        Feedback(topic=longest, helpful=False),
    )


# --- 2. every class of mistake, at its file and line -----------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            'title: "Пример темы"',
            "title: Пример: темы",
            "mapping values are not allowed here",
            id="colon-in-unquoted-text",
        ),
        pytest.param(
            '    title: "Первый раздел"',
            '\ttitle: "Первый раздел"',
            "cannot start any token",
            id="tab-indent",
        ),
        pytest.param(
            '    title: "Первый раздел"',
            '   title: "Первый раздел"',
            "expected <block end>",
            id="wrong-indent",
        ),
    ],
)
def test_yaml_syntax_error(example, old, new, message):
    line = replace(example, RU, old, new)
    problem = only(problems_of(example), RU, line, message)
    assert problem.message.startswith("YAML syntax error")


def test_yaml_unclosed_list_points_at_its_line(example):
    line = replace(example, RU, "contacts: [emergency_112, line_111]", "contacts: [emergency_112")
    (problem,) = problems_of(example)
    assert problem.location.line == line or f"line {line}" in str(problem), str(problem)


@pytest.mark.parametrize(
    ("old", "new", "value"),
    [
        pytest.param('phone: "112"', "phone: 112", "112", id="112"),
        pytest.param('phone: "5550"', "phone: 0123", "0123", id="0123"),
    ],
)
def test_unquoted_phone_number(example, old, new, value):
    line = replace(example, "contacts.yaml", old, new)
    problem = only(problems_of(example), "contacts.yaml", line, "would not be read as text")
    assert repr(value) in problem.message
    assert "quote" in problem.hint


@pytest.mark.parametrize(
    ("rel", "after", "prefix"),
    [
        pytest.param("contacts.yaml", "  example_line:", "    hours:", id="hours"),
        pytest.param("en/contacts.yaml", "example_line:", "  when:", id="when"),
    ],
)
def test_unquoted_time(example, rel, after, prefix):
    line = set_line(example, rel, prefix, f"{prefix} 10:30", after=after)
    problems = problems_of(example)
    problem = find(problems, rel, line, "'10:30' would not be read as text")
    assert "quote" in problem.hint
    assert all(str(p).startswith(f"content/{rel}:{line}:") for p in problems), listing(problems)


@pytest.mark.parametrize(
    ("rel", "old", "new", "word"),
    [
        pytest.param(
            "contacts.yaml",
            '    phone: "5550"\n    hours: "24/7"\n    free: true',
            '    phone: "5550"\n    hours: "24/7"\n    free: yes',
            "yes",
            id="free-yes",
        ),
        pytest.param(
            "contacts.yaml",
            '    phone: "5550"\n    hours: "24/7"\n    free: true',
            '    phone: "5550"\n    hours: "24/7"\n    free: no',
            "no",
            id="free-no",
        ),
        pytest.param(
            "en/contacts.yaml", 'when: "When the tests call."', "when: No", "No", id="when-No"
        ),
    ],
)
def test_unquoted_yes_no(example, rel, old, new, word):
    line = line_of(example, rel, old) + old.count("\n")
    replace(example, rel, old, new)
    problem = only(problems_of(example), rel, line, f"{word!r} would be read as yes/no")
    assert "double quotes" in problem.hint
    assert "true/false" in problem.hint


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        pytest.param(RU, 'reviewed: "2026-11-30"', "reviewed: 2026-11-30", id="topic-reviewed"),
        pytest.param(
            "contacts.yaml",
            'source_date: "2026-01-01"\n    verified: "2026-11-30"',
            'source_date: "2026-01-01"\n    verified: 2026-11-30',
            id="contact-verified",
        ),
    ],
)
def test_unquoted_date(example, rel, old, new):
    line = line_of(example, rel, old) + old.count("\n")
    replace(example, rel, old, new)
    problem = only(problems_of(example), rel, line, "'2026-11-30' would not be read as text")
    assert "double quotes" in problem.hint


def test_date_in_another_format(example):
    line = replace(example, RU, 'reviewed: "2026-11-30"', 'reviewed: "30.11.2026"')
    problem = only(problems_of(example), RU, line, "'reviewed' must be a real date")
    assert '"2026-11-30"' in problem.message


def test_impossible_calendar_date(example):
    # November has 30 days; the bot could not write this date out in words
    line = replace(example, RU, 'reviewed: "2026-11-30"', 'reviewed: "2026-11-31"')
    only(problems_of(example), RU, line, "'reviewed' must be a real date")


def test_duplicate_key_in_a_topic(example):
    line = replace(example, RU, "contacts: [", 'title: "Дети"\ncontacts: [')
    only(problems_of(example), RU, line, "duplicate key 'title'")


def test_contact_pasted_twice(example):
    path = example / "contacts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(CONTACT, CONTACT + CONTACT), encoding="utf-8")
    line = line_of(example, "contacts.yaml", CONTACT + CONTACT) + CONTACT.count("\n")
    only(problems_of(example), "contacts.yaml", line, "duplicate key 'example_line'")


def test_unknown_key(example):
    id_line = line_of(example, RU, "  - id: first\n")
    line = replace(example, RU, '    title: "Первый', '    titel: "Первый')
    problems = problems_of(example)
    problem = find(problems, RU, line, "unknown key 'titel' in section")
    assert "title" in problem.hint.split(", ")
    find(problems, RU, id_line, "missing 'title'")
    assert len(problems) == 2, listing(problems)


def test_unknown_top_level_key(content):
    line = replace(content, "menu.yaml", "home_emergency:", "home_emergencies:")
    problems = problems_of(content)
    problem = find(problems, "menu.yaml", line, "unknown key 'home_emergencies'")
    assert "home_emergency" in problem.hint


@pytest.mark.parametrize(
    ("old", "line_of_map"),
    [
        # a topic without a title: reported at the top of the file
        pytest.param('title: "Пример темы"\n', 'summary: "', id="topic-title"),
        # a section without a title: reported at the section's first line
        pytest.param('    title: "Первый раздел"\n', "  - id: first", id="section"),
    ],
)
def test_missing_title(example, old, line_of_map):
    replace(example, RU, old, "")
    line = line_of(example, RU, line_of_map)
    only(problems_of(example), RU, line, "missing 'title'")


@pytest.mark.parametrize(
    "value", ['""', "", '"   "', "|\n\n"], ids=["quotes", "nothing", "blank", "block"]
)
def test_empty_text(example, value):
    line = set_text(example, RU, "first", value)
    only(problems_of(example), RU, line, "'text' is empty")


@pytest.mark.parametrize(
    ("old", "new", "tag"),
    [
        pytest.param("слова для тестов.\n", "слова для тестов.<br>\n", "br", id="br"),
        pytest.param("Простые слова", "<p>Простые слова</p>", "p", id="p"),
    ],
)
def test_unsupported_html_tag(example, old, new, tag):
    """Problems inside a text are reported at the line of its `text:` key."""
    replace(example, RU, old, new)
    line = text_line(example, RU, "first")
    problems = problems_of(example)
    find(problems, RU, line, f"tag <{tag}> is not supported by Telegram")
    assert all(str(p).startswith(f"content/{RU}:{line}:") for p in problems)


def test_unclosed_tag(example):
    replace(example, RU, "<b>Что говорит закон</b>", "<b>Что говорит закон")
    line = text_line(example, RU, "first")
    only(problems_of(example), RU, line, "tag <b> is never closed")


def test_bare_ampersand(example):
    replace(example, EN, "Plain words for the tests.", "Plain words & tests.")
    line = text_line(example, EN, "first")
    only(problems_of(example), EN, line, "a bare & must be written as &amp;")


def test_region_texts_keep_no_text_of_their_own(content):
    """What every region shares is said once, in 'choose': the old per-region 'text' is gone."""
    rel = "en/regions.yaml"
    line = replace(content, rel, "no_local:", 'text: "Help in {region}."\nno_local:')
    problem = only(problems_of(content), rel, line, "unknown key 'text'")
    assert "choose" in problem.hint


def test_region_texts_need_the_list_screen_text(content):
    rel = "kk/regions.yaml"
    path = content / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("choose:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and lines[i][0] != " ")
    del lines[start:end]
    path.write_text("\n".join(lines), encoding="utf-8")
    first_key = next(i for i, line in enumerate(lines) if line and line[0] not in "# ") + 1
    problems = problems_of(content)
    find(problems, rel, first_key, "missing 'choose'")
    all_in(problems, rel)


# --- sections: sources, length, wording, a way out -------------------------------------------


def test_section_without_sources(example):
    line = line_of(example, EN, "  - id: first")
    replace(example, EN, "    sources: [example_source]\n", "")
    problems = problems_of(example)
    problem = find(problems, EN, line, "this section cites no sources")
    assert "content/sources/" in problem.hint
    all_in(problems, EN)  # and en's sources now differ from kk and ru: the same file


def test_section_with_an_empty_list_of_sources(example):
    for rel in (EN, RU, KK):
        replace(example, rel, "    sources: [example_source]\n", "    sources: []\n")
    line = line_of(example, EN, "    sources: []")
    find(problems_of(example), EN, line, "cites no sources")


def test_unknown_source_id(example):
    line = replace(
        example, EN, "sources: [example_source]", "sources: [example_source, no_such_source]"
    )
    problem = only(problems_of(example), EN, line, "unknown source 'no_such_source'")
    assert "content/sources/" in problem.hint


@pytest.mark.parametrize(
    ("body", "counted"),
    [
        pytest.param("a" * (SECTION_LIMIT - 9), SECTION_LIMIT + 1, id="letters"),
        # Telegram counts UTF-16 code units: an emoji is two
        pytest.param("🙂" * (SECTION_LIMIT // 2 - 4), SECTION_LIMIT + 2, id="emoji"),
    ],
)
def test_section_over_length_limit(example, body, counted):
    line = set_text(example, EN, "first", f'"{body} Call 111."')
    problem = only(problems_of(example), EN, line, f"text is {counted} characters long")
    assert f"at most {SECTION_LIMIT}" in problem.message
    assert "split" in problem.hint


def test_section_at_length_limit_loads(example):
    assert SECTION_LIMIT == 1000  # about one phone screen; longer ones are split in two
    # tags do not count towards the limit: Telegram counts the text after parsing
    body = "a" * (SECTION_LIMIT - len(" Call 111."))
    set_text(example, EN, "first", f'"<b>{body}</b> Call 111."')
    section = load_catalog(example).pack("en").topics["example"].section("first")
    assert len(plain(section.text)) == SECTION_LIMIT


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        pytest.param(EN, "Plain words for the tests.", "See the buttons below.", id="en"),
        pytest.param(EN, "Plain words for the tests.", "Below: the rules.", id="en-capital"),
        pytest.param(RU, "Простые слова для тестов.", "Смотрите ниже.", id="ru"),
        pytest.param(KK, "Сынақтарға арналған қарапайым сөздер.", "Төменде қараңыз.", id="kk"),
        pytest.param(
            KK, "Сынақтарға арналған қарапайым сөздер.", "Толығы төмендегі тізімде.", id="kk-case"
        ),
    ],
)
def test_section_pointing_below_its_text(example, rel, old, new):
    """Under a section's text there are only its buttons."""
    replace(example, rel, old, new)
    line = text_line(example, rel, "first")
    problem = only(problems_of(example), rel, line, "nothing is below a section's text")
    assert "button" in problem.hint


def test_words_that_only_contain_below_are_accepted(example):
    replace(example, EN, "Plain words for the tests.", "My elbow hurts.")
    replace(example, RU, "Простые слова для тестов.", "Нижеследующие слова.")
    load_catalog(example)


@pytest.mark.parametrize(
    "last",
    [
        pytest.param("That is all.", id="no-contact"),
        pytest.param("See article 312.", id="a-number-that-is-no-contact"),
    ],
)
def test_last_paragraph_names_no_way_to_get_help(example, last):
    line = set_text(example, EN, "first", block(f"Plain words. Call 111.\n\n{last}"))
    problem = only(problems_of(example), EN, line, "the last paragraph names no way to get help")
    assert "111" in problem.hint


def test_last_paragraph_may_name_a_contact_by_its_alias(example):
    for rel in (EN, RU, KK):
        replace(
            example,
            rel,
            "contacts: [emergency_112, line_111]",
            "contacts: [emergency_112, line_111, example_line]",
        )
    set_text(example, EN, "first", block("Plain words. Call 111.\n\nAsk the Example Helpline."))
    section = load_catalog(example).pack("en").topics["example"].section("first")
    assert section.text.strip().endswith("Ask the Example Helpline.")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(
            "Call 111.\n  - id: second", "Call 111 or 5550.\n  - id: second", id="number"
        ),
        pytest.param(
            "Call 111.\n  - id: second",
            "Call 111 or the Example Helplines.\n  - id: second",
            id="alias",
        ),
        pytest.param("and break. Call 111.", "and break. Call 5550.", id="summary"),
    ],
)
def test_topic_text_names_a_contact_its_contacts_do_not_list(example, old, new):
    """A contact the text names is on the topic's "Where to get help" screen."""
    replace(example, EN, old, new)
    line = line_of(example, EN, "contacts: [")
    problem = only(problems_of(example), EN, line, "the text names 'example_line'")
    assert "the topic's contacts do not list it" in problem.message
    assert "add example_line to 'contacts'" in problem.hint


@pytest.mark.parametrize(
    ("lang", "what"), [("kk", "sources"), ("ru", "basis"), ("en", "sources"), ("en", "basis")]
)
def test_languages_citing_different_sources_or_basis(example, lang, what):
    """Reported in the file of the language that differs from the other two."""
    rel = f"{lang}/topics/example.yaml"
    if what == "sources":
        replace(example, rel, "sources: [example_source]", "sources: [example_copy]")
        message = "first: sources differ from"
    else:
        replace(example, rel, 'basis: ["example_law 312"]', 'basis: ["example_law"]')
        message = "first: legal basis differ from"
    problem = only(problems_of(example), rel, 1, message)
    others = " and ".join(sorted((x for x in LANGUAGES if x != lang), key=lambda x: x != "en"))
    assert f"differ from {others}:" in problem.message
    assert "every language" in problem.hint


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        pytest.param("no_such_law 312", "unknown law 'no_such_law'", id="unknown-law"),
        pytest.param(
            "example_law 313",
            "article 313 of 'example_law' is not in content/laws.yaml",
            id="article-not-listed",
        ),
    ],
)
def test_basis_citing_what_laws_yaml_does_not_define(example, ref, message):
    line = replace(example, EN, '["example_law 312"]', f'["{ref}"]')
    problems = problems_of(example)
    problem = find(problems, EN, line, message)
    assert "laws.yaml" in str(problem)
    all_in(problems, EN)  # en's basis now differs from kk and ru: the same file


def test_law_quote_without_its_article_number(example):
    line = replace(
        example,
        "laws.yaml",
        '"312": "Art. 312 of the example law"',
        '"312": "Art. three hundred and twelve"',
    )
    problem = only(problems_of(example), "laws.yaml", line, "do not contain its number")
    assert "article 312" in problem.message


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        pytest.param(
            '  later_copy:\n    url: "https://example.org/example-source"\n',
            3,
            "this address is already source 'example_source'",
            id="same-url",
        ),
        pytest.param(
            '  example_source:\n    url: "https://example.org/another"\n',
            2,
            "source 'example_source' is defined twice",
            id="same-id",
        ),
    ],
)
def test_source_defined_twice_in_two_files(example, entry, line, message):
    rel = "sources/zz_later.yaml"  # read after zz_example.yaml
    (example / rel).write_text(
        f'sources:\n{entry}    date: "undated"\n    facts: "1"\n', encoding="utf-8"
    )
    only(problems_of(example), rel, line, message)


@pytest.fixture(scope="module")
def local_contact(catalog) -> str:
    return next(c.id for c in catalog.contacts.values() if c.region is not None)


@pytest.mark.parametrize(
    ("rel", "prefix"),
    [
        ("menu.yaml", "help_contacts: ["),
        ("menu.yaml", "emergency_card: ["),
        ("regions.yaml", "national_contacts: ["),
        (EN, "contacts: ["),
    ],
)
def test_local_contact_in_a_national_list(example, local_contact, rel, prefix):
    """A local service is shown only on its region's screen."""
    lines = (example / rel).read_text(encoding="utf-8").split("\n")
    old = next(line for line in lines if line.startswith(prefix))
    line = set_line(example, rel, prefix, old.replace("[", f"[{local_contact}, ", 1))
    problem = only(problems_of(example), rel, line, f"{local_contact!r} is a local contact")
    assert "regions.yaml" in problem.hint


def local(cid: str, phone: str, region: str) -> str:
    return (
        f'  {cid}:\n    phone: "{phone}"\n    region: {region}\n'
        '    source: "https://example.org/local"\n    source_date: "undated"\n'
        '    verified: "2026-11-30"\n'
    )


def add_local(root: Path, cid: str, phone: str, region: str) -> None:
    """A local contact, listed under its region and named in every language."""
    add_contact(root, local(cid, phone, region))
    path = root / "regions.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  {region}:")
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("    contacts: ["))
    lines[at] = lines[at].replace("[", f"[{cid}, ", 1).replace(", ]", "]")
    path.write_text("\n".join(lines), encoding="utf-8")
    for lang in LANGUAGES:
        append(root / f"{lang}/contacts.yaml", f'{cid}:\n  name: "{cid}"\n  when: "Local."\n')


def test_a_short_local_number_may_serve_several_regions(example, catalog):
    """Like 109: each region runs its own line under the same short number."""
    first, second = list(catalog.regions)[:2]
    add_local(example, "local_a", "5551", first)
    add_local(example, "local_b", "5551", second)
    loaded = load_catalog(example)
    assert loaded.contacts["local_a"].phone == loaded.contacts["local_b"].phone == "5551"
    assert "local_a" in loaded.regions[first].contacts
    assert "local_b" in loaded.regions[second].contacts


@pytest.mark.parametrize(
    ("phone", "clash"),
    [
        pytest.param("5551", "local_a", id="twice-for-one-region"),
        pytest.param("112", "emergency_112", id="a-national-number"),
    ],
)
def test_a_short_local_number_is_defined_once_per_region(example, catalog, phone, clash):
    region = next(iter(catalog.regions))
    add_local(example, "local_a", "5551", region)
    add_local(example, "local_b", phone, region)
    line = line_of(example, "contacts.yaml", "  local_b:\n") + 1
    problem = only(
        problems_of(example), "contacts.yaml", line, f"phone {phone} is already defined as"
    )
    assert repr(clash) in problem.message


# --- titles, parity, ids ----------------------------------------------------------------------


def test_title_over_length_limit(example):
    title = "Первый раздел, слишком длинный для кнопки"
    assert len(title) > TITLE_LIMIT
    line = replace(example, RU, '"Первый раздел"', f'"{title}"')
    problem = only(problems_of(example), RU, line, f"'title' is {len(title)} characters")
    assert f"at most {TITLE_LIMIT}" in problem.message


@pytest.mark.parametrize(
    ("rel", "edit", "shown"),
    [
        pytest.param(KK, "remove", "'second'", id="section-missing-in-kk"),
        pytest.param(RU, "rename", "'secnd'", id="section-id-typo-in-ru"),
    ],
)
def test_section_parity(example, rel, edit, shown):
    if edit == "remove":
        remove_section(example, rel, "second")
    else:
        replace(example, rel, "  - id: second", "  - id: secnd")
    problem = only(problems_of(example), rel, 1, "sections differ from en")
    assert shown in problem.message
    assert "same section ids" in problem.hint


def test_section_missing_only_in_english_is_reported_in_the_english_file(example):
    remove_section(example, EN, "second")
    problems = problems_of(example)
    find(problems, EN, 1, "second")
    all_in(problems, EN)


def test_contacts_parity(example):
    old = "contacts: [emergency_112, line_111]"
    replace(example, KK, old, "contacts: [emergency_112, line_111, police_102]")
    problem = only(problems_of(example), KK, 1, "contacts differ from en")
    assert "['emergency_112', 'line_111', 'police_102']" in problem.message
    assert "same contacts" in problem.hint


def test_unknown_contact_in_a_topic(example):
    old = "contacts: [emergency_112, line_111]"
    line = replace(example, RU, old, "contacts: [emergency_112, line_111, hotline_999]")
    problem = only(problems_of(example), RU, line, "unknown contact 'hotline_999'")
    assert "contacts.yaml" in problem.hint


def test_unknown_contact_in_the_menu(content):
    lines = (content / "menu.yaml").read_text(encoding="utf-8").split("\n")
    old = next(line for line in lines if line.startswith("home_emergency: ["))
    line = set_line(content, "menu.yaml", "home_emergency: [", old.replace("]", ", line_911]"))
    problem = only(problems_of(content), "menu.yaml", line, "unknown contact 'line_911'")
    assert "contacts.yaml" in problem.hint


def test_topic_file_not_in_menu(example):
    shutil.copy(example / RU, example / "ru/topics/housing.yaml")
    only(
        problems_of(example),
        "ru/topics/housing.yaml",
        1,
        "topic 'housing' is not listed in menu.yaml",
    )


def test_menu_topic_missing_in_one_language(example):
    (example / KK).unlink()
    line = line_of(example, "menu.yaml", "  - example\n")
    only(
        problems_of(example),
        "menu.yaml",
        line,
        "topic 'example' has no file kk/topics/example.yaml",
    )


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["8 800 080 7777", "1888", "+7 701 234 5678", "8-800-080-77-77", "409"],
)
def test_phone_number_not_defined_as_contact_is_rejected(example, number):
    replace(example, RU, "Простые слова для тестов.", f"Простые слова. Звоните {number}.")
    line = text_line(example, RU, "first")
    problem = only(problems_of(example), RU, line, f"{number!r} looks like a phone number")
    assert "contacts.yaml" in problem.hint


def test_phone_number_in_contact_line_is_rejected(example):
    line = replace(
        example, "en/contacts.yaml", '"When the tests call."', '"When the tests call 1888."'
    )
    only(problems_of(example), "en/contacts.yaml", line, "'1888' looks like a phone number")


def test_defined_numbers_and_years_are_accepted(example, catalog):
    """Listed contacts, years, listed other numbers, law numbers and their articles."""
    other = next(iter(catalog.other_numbers))
    text = (
        f"С 2024 года, по закону № 901-VIII, статья 312, в 17 областях; {other}. "
        "Звоните <b>112</b> или 111-ге."
    )
    replace(example, RU, "Простые слова для тестов.", text)
    section = load_catalog(example).pack("ru").topics["example"].section("first")
    assert "901-VIII" in section.text


def test_phone_number_hidden_in_a_link_is_rejected(example):
    link = '<a href="https://wa.me/77001234567">WhatsApp</a>'
    replace(example, RU, "Простые слова для тестов.", f"Простые слова. {link}")
    line = text_line(example, RU, "first")
    only(problems_of(example), RU, line, "77001234567")


@pytest.mark.parametrize(
    "bad_id",
    ["второй", "second_section_is_long", "Second", "2second"],
    ids=["non-ascii", "too-long", "capital", "digit-first"],
)
def test_invalid_section_id(example, bad_id):
    line = replace(example, KK, "  - id: second", f"  - id: {bad_id}")
    problems = problems_of(example)
    problem = find(problems, KK, line, f"section id {bad_id!r} is not a valid id")
    assert "latin" in problem.hint
    assert "1-20 characters" in problem.hint
    # the section is left out, so kk no longer matches en: that is reported too, in the same file
    all_in(problems, KK)


def test_section_id_of_twenty_characters_is_accepted(example):
    long_id = "second_section_12345"
    assert len(long_id) == 20
    for rel in (EN, RU, KK):
        replace(example, rel, "  - id: second", f"  - id: {long_id}")
    topic = load_catalog(example).pack("kk").topics["example"]
    assert topic.sections[-1].id == long_id
    assert fits(OpenSection(topic="example", section=long_id))
    assert fits(OpenSources(topic="example", section=long_id))


def test_contact_without_phone_or_url(example):
    line = replace(example, "contacts.yaml", '    phone: "5550"\n', "")
    # reported at the first line left in the entry
    only(problems_of(example), "contacts.yaml", line, "'example_line' needs a phone or a url")


def test_same_phone_defined_twice(example):
    second = CONTACT.replace("example_line", "example_twin")
    add_contact(example, second)
    for lang in LANGUAGES:
        append(
            example / f"{lang}/contacts.yaml", 'example_twin:\n  name: "Twin"\n  when: "Twice."\n'
        )
    line = line_of(example, "contacts.yaml", second) + 1
    problem = only(
        problems_of(example),
        "contacts.yaml",
        line,
        "phone 5550 is already defined as 'example_line'",
    )
    assert "once" in problem.hint


def test_empty_file(example):
    (example / RU).write_text("", encoding="utf-8")
    problems = problems_of(example)
    find(problems, RU, 1, "the file is empty")


def test_syntax_error_in_english_topic_is_reported_once(example):
    line = replace(example, EN, 'title: "Example topic"', "title: Example: topic")
    only(problems_of(example), EN, line, "YAML syntax error")


def test_ampersand_in_a_plain_text_title_is_accepted(example):
    # titles are escaped when shown, so a bare & is right there (and &amp; would show as typed)
    replace(example, EN, '"First section"', '"First & only section"')
    topic = load_catalog(example).pack("en").topics["example"]
    assert topic.section("first").title == "First & only section"


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        pytest.param(EN, '"First section"', '"<b>First</b> section"', id="section-title"),
        pytest.param(EN, 'title: "Example topic"', 'title: "<i>Example</i> topic"', id="topic"),
        pytest.param(
            "en/contacts.yaml",
            '"When the tests call."',
            '"When the <b>tests</b> call."',
            id="when",
        ),
    ],
)
def test_html_tag_in_plain_text_is_rejected(example, rel, old, new):
    # titles are button labels and contact lines are escaped: a tag would show as typed
    line = replace(example, rel, old, new)
    only(problems_of(example), rel, line, "plain text")


# --- 3. all problems at once -----------------------------------------------------------------


def test_problems_in_several_files_are_reported_together(example):
    phone = replace(example, "contacts.yaml", 'phone: "112"', "phone: 112")
    lines = (example / "menu.yaml").read_text(encoding="utf-8").split("\n")
    old = next(line for line in lines if line.startswith("home_emergency: ["))
    menu = set_line(example, "menu.yaml", "home_emergency: [", old.replace("]", ", line_911]"))
    name = replace(example, "kk/contacts.yaml", '  name: "Мысал желісі"', '  nam: "Мысал желісі"')
    replace(example, EN, "Plain words for the tests.", "Plain words & tests.")
    reviewed = replace(example, RU, 'reviewed: "2026-11-30"', "reviewed: 2026-11-30")
    expected = [  # in the order an editor reads them: by file, then line
        (f"content/contacts.yaml:{phone}:", "'112' would not be read as text"),
        (f"content/{EN}:{text_line(example, EN, 'first')}:", "a bare &"),
        (f"content/kk/contacts.yaml:{name}:", "unknown key 'nam'"),
        (f"content/kk/contacts.yaml:{name}:", "missing 'name'"),
        (f"content/menu.yaml:{menu}:", "unknown contact 'line_911'"),
        (f"content/{RU}:{reviewed}:", "'2026-11-30' would not be read as text"),
    ]
    problems = problems_of(example)
    assert len(problems) == len(expected), listing(problems)
    for problem, (where, part) in zip(problems, expected, strict=True):
        assert str(problem).startswith(where), listing(problems)
        assert part in problem.message, listing(problems)


# --- 4. Kazakh is Kazakh ---------------------------------------------------------------------


def not_kazakh(catalog: Catalog) -> list[str]:
    """Kazakh texts with no Kazakh-only letter, and Kazakh texts or titles copied from Russian.

    Titles are only compared with Russian: short Kazakh titles such as "Жоспар деген не" are
    good Kazakh without any of the letters Russian lacks.
    """
    found = []
    kk, ru = catalog.pack("kk"), catalog.pack("ru")

    def text(where: str, kazakh: str, russian: str) -> None:
        if not set(kazakh) & KAZAKH_LETTERS:
            found.append(f"{where}: no Kazakh letter in {kazakh[:40]!r}")
        if kazakh == russian:
            found.append(f"{where}: same as ru")

    def title(where: str, kazakh: str, russian: str, same_word: str | None = None) -> None:
        if kazakh == russian and kazakh != same_word:
            found.append(f"{where}: same as ru")

    for tid, topic in kk.topics.items():
        ref = ru.topics[tid]
        title(f"kk/{tid}/title", topic.title, ref.title)
        text(f"kk/{tid}/summary", topic.summary, ref.summary)
        for s, r in zip(topic.sections, ref.sections, strict=True):
            same_word = KK_TITLES_SAME_AS_RU.get((tid, s.id))
            title(f"kk/{tid}/{s.id}/title", s.title, r.title, same_word)
            text(f"kk/{tid}/{s.id}/text", s.text, r.text)
    for cid, contact in kk.contacts.items():
        text(f"kk/contacts/{cid}/when", contact.when, ru.contacts[cid].when)
    for key, value in vars(kk.regions).items():
        text(f"kk/regions/{key}", value, getattr(ru.regions, key))
    return found


def test_kazakh_content_is_kazakh(catalog):
    assert not_kazakh(catalog) == []


def test_russian_pasted_into_kazakh_is_caught(example):
    # the loader cannot tell languages apart, so this test is the guard
    shutil.copy(example / RU, example / KK)
    found = not_kazakh(load_catalog(example))
    assert "kk/example/first/text: same as ru" in found
    assert "kk/example/second/title: same as ru" in found
    assert any(f.startswith("kk/example/first/text: no Kazakh letter") for f in found)
    assert all(f.startswith("kk/example/") for f in found), found


@pytest.fixture(scope="module")
def detector() -> Callable[[str], str | None]:
    """The language code lingua reads a text as, choosing among kk, ru and en only."""
    lingua = pytest.importorskip(
        "lingua", reason="lingua-language-detector is not installed (a test dependency)"
    )
    languages = {
        lingua.Language.KAZAKH: "kk",
        lingua.Language.RUSSIAN: "ru",
        lingua.Language.ENGLISH: "en",
    }
    built = lingua.LanguageDetectorBuilder.from_languages(*languages).build()

    def detect(text: str) -> str | None:
        found = built.detect_language_of(text)
        return languages.get(found) if found is not None else None

    return detect


def test_every_topic_text_is_detected_as_its_language(catalog, detector):
    """A detector that knows only Kazakh, Russian and English reads every summary and section
    text as the language of its file: Russian left in a Kazakh screen shows up here."""
    wrong = []
    for lang, pack in catalog.languages.items():
        for tid, topic in pack.topics.items():
            texts = [(f"{tid}/summary", topic.summary)]
            texts += [(f"{tid}/{s.id}", s.text) for s in topic.sections]
            for where, text in texts:
                found = detector(plain(text))
                if found != lang:
                    wrong.append(f"{lang}/{where}: read as {found}")
    assert wrong == []


def test_the_detector_tells_russian_in_a_kazakh_file(example, detector):
    shutil.copy(example / RU, example / KK)
    topic = load_catalog(example).pack("kk").topics["example"]
    assert detector(plain(topic.section("first").text)) == "ru"


# --- 5. UNVERIFIED facts are never shown -----------------------------------------------------

UNVERIFIED_PHRASES = (
    "антисептик",  # the 2020 example of the 102 code word: "поступили антисептики, маски"
    "кодовое слово",
    "кодовая фраза",
    "кодовую фразу",
    "кодтық сөз",
    "code word",
    "code phrase",
)


def test_unverified_facts_are_not_shown(catalog):
    for where, text in shown_texts(catalog):
        # the Action Plan decree number was only recalled, never found in a source
        assert not re.search(r"(?<!\d)409(?!\d)", text), where
        lowered = text.lower()
        for phrase in UNVERIFIED_PHRASES:
            assert phrase not in lowered, (where, phrase)


def names(number: str, text: str) -> bool:
    return re.search(rf"(?<!\d){number}(?!\d)", text) is not None


def test_150_is_named_only_with_111_to_call_instead(catalog):
    """Whether 150 still works is unverified: it is not on the emergency card, and every text
    that names it also names 111, for when it does not answer."""
    line_150 = next(c.id for c in catalog.contacts.values() if c.phone == "150")
    assert line_150 not in catalog.emergency_card
    assert line_150 in catalog.help_contacts
    texts = [(where, text) for where, text in shown_texts(catalog) if "/title" not in where]
    naming = [(where, text) for where, text in texts if names("150", text)]
    assert naming  # the children's topic still names it
    assert [where for where, text in naming if not names("111", text)] == []


KNOWN = frozenset({"112", "111", "102", "150", "1414", "1325"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Звоните 112 или 111.", []),
        ("<b>111</b>-ге хабарласыңыз", []),
        ("eGov: 1414. Resolution 1325.", []),
        ("Since 2024; in 1995 and 2099.", []),
        ("17 regions, 3 cities, 20 in all", []),
        ("Call 8 800 080 7777 now", ["8 800 080 7777"]),
        ("call 1888", ["1888"]),
        ("+7 701 234 5678", ["+7 701 234 5678"]),
        ("8-800-080-77-77", ["8-800-080-77-77"]),
        ("Decree No. 409", ["409"]),
        ("in 1989", ["1989"]),  # not a year the guard allows: 1990-2099
        ("112 and 1888 and 150", ["1888"]),
    ],
)
def test_unknown_numbers(text, expected):
    assert unknown_numbers(text, KNOWN) == expected


def test_real_content_shows_only_defined_numbers(catalog):
    known = catalog.known_numbers
    assert {c.phone for c in catalog.contacts.values() if c.phone} <= known
    assert set(catalog.other_numbers) <= known
    for where, text in shown_texts(catalog):
        assert not unknown_numbers(plain(text), known), where


# --- 6. python -m bot check ------------------------------------------------------------------


def test_check_command_on_real_content(catalog, capsys):
    assert main(["check", "--content", str(CONTENT_DIR)]) == 0
    out, err = capsys.readouterr()
    topics, contacts = len(catalog.topic_order), len(catalog.contacts)
    assert topics == len(MENU_TOPICS)
    assert out == f"OK: {topics} topics and {contacts} contacts in kk, ru and en.\n"
    assert "problem" not in err


def test_check_command_prints_file_line_problems(example, capsys):
    phone = replace(example, "contacts.yaml", 'phone: "112"', "phone: 112")
    replace(example, RU, "<b>Что говорит закон</b>", "<b>Что говорит закон")
    text = text_line(example, RU, "first")
    assert main(["check", "--content", str(example)]) != 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert lines[0].startswith(f"content/contacts.yaml:{phone}:12: '112' would not be read")
    assert "(hint: " in lines[0]
    assert lines[1] == f"content/{RU}:{text}:11: tag <b> is never closed"
    assert all(re.match(r"^content/\S+\.yaml:\d+:\d+: ", line) for line in lines)
    assert "2 problem(s) found." in err
    assert "OK" not in out
