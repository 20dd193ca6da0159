"""The content editors write: the real files load, the three languages match, and every kind of
mistake is reported at the file and line where the editor made it.

Broken fixtures are copies of the real content/ in tmp_path with one thing broken. The copy is
named `content`, so problems are reported as `content/<lang>/topics/<id>.yaml:<line>:<column>`,
exactly as `python -m bot check` prints them for the real directory.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.__main__ import main
from bot.callbacks import Feedback, OpenContact, OpenSection
from bot.content import (
    LANGUAGES,
    Catalog,
    ContentError,
    Problem,
    load_catalog,
    unknown_numbers,
)
from bot.content.loader import TEXT_LIMIT, TITLE_LIMIT

from .helpers import CONTENT_DIR, replace

MENU_ORDER = (
    "domestic_violence",
    "children",
    "complain",
    "labour",
    "disability",
    "torture",
    "gender",
    "action_plan",
)
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Section titles that are rightly the same word in Kazakh and Russian, with their exact text.
KK_TITLES_SAME_AS_RU = {("disability", "inclusive"): "Инклюзия"}

RU_CHILDREN = "ru/topics/children.yaml"
KK_CHILDREN = "kk/topics/children.yaml"
EN_CHILDREN = "en/topics/children.yaml"


# --- helpers ---------------------------------------------------------------------------------


# `content` (conftest.py) is a private copy of the real content directory, to break one thing in.


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
        for key, text in vars(pack.regions).items():
            yield f"{lang}/regions/{key}", text
    for rid, region in catalog.regions.items():
        for lang, name in region.names.items():
            yield f"regions/{rid}/{lang}", name


# --- 1. the real content ---------------------------------------------------------------------


def test_real_content_has_all_eight_topics_in_menu_order(catalog):
    menu = yaml.safe_load((CONTENT_DIR / "menu.yaml").read_text(encoding="utf-8"))
    assert catalog.topic_order == tuple(menu["topics"])
    # the eight topics of the Action Plan, in this order (a new topic may go anywhere)
    assert [t for t in catalog.topic_order if t in MENU_ORDER] == list(MENU_ORDER)
    assert tuple(catalog.languages) == LANGUAGES
    for lang in LANGUAGES:
        assert tuple(catalog.pack(lang).topics) == catalog.topic_order, lang


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_real_content_matches_english_topic_by_topic(catalog, lang):
    pack, en = catalog.pack(lang), catalog.pack("en")
    for tid, topic in pack.topics.items():
        ref = en.topics[tid]
        assert [s.id for s in topic.sections] == [s.id for s in ref.sections], (lang, tid)
        assert topic.contacts == ref.contacts, (lang, tid)
    assert set(pack.contacts) == set(en.contacts) == set(catalog.contacts)


def test_real_content_every_screen_has_something_to_show(catalog):
    for where, text in shown_texts(catalog):
        assert text.strip(), where
    for pack in catalog.languages.values():
        for topic in pack.topics.values():
            assert topic.sections, topic.id
            assert topic.contacts, topic.id
            assert set(topic.contacts) <= set(catalog.contacts)
    # the home screen and the language picker show 112 first
    assert catalog.home_emergency[0] == "emergency_112"


def fits(*buttons: OpenSection | OpenContact | Feedback) -> bool:
    return all(len(button.pack().encode()) <= 64 for button in buttons)


def test_real_content_ids_fit_in_callback_data(catalog):
    # Telegram refuses a button whose callback_data is over 64 bytes; aiogram raises on pack().
    # The buttons that carry two ids are the longest.
    for topic in catalog.pack("en").topics.values():
        assert fits(*(OpenSection(topic=topic.id, section=s.id) for s in topic.sections))
        assert fits(*(OpenContact(contact=c, topic=topic.id) for c in topic.contacts))
        assert fits(Feedback(topic=topic.id, helpful=False))
    longest = "a" * 20  # the longest id the validator accepts
    assert fits(
        OpenSection(topic=longest, section=longest),
        OpenContact(contact=longest, topic=longest),
        Feedback(topic=longest, helpful=False),
    )


# --- 2. every class of mistake, at its file and line -----------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            'title: "Права детей"',
            "title: Права: детей",
            "mapping values are not allowed here",
            id="colon-in-unquoted-text",
        ),
        pytest.param(
            '    title: "150: для детей и молодёжи"',
            '\ttitle: "150: для детей и молодёжи"',
            "cannot start any token",
            id="tab-indent",
        ),
        pytest.param(
            '    title: "150: для детей и молодёжи"',
            '   title: "150: для детей и молодёжи"',
            "expected <block end>",
            id="wrong-indent",
        ),
    ],
)
def test_yaml_syntax_error(content, old, new, message):
    line = replace(content, RU_CHILDREN, old, new)
    problem = only(problems_of(content), RU_CHILDREN, line, message)
    assert problem.message.startswith("YAML syntax error")


def test_yaml_unclosed_list_points_at_its_line(content):
    line = replace(content, RU_CHILDREN, "line_150, emergency_112]", "line_150, emergency_112")
    (problem,) = problems_of(content)
    assert problem.location.line == line or f"line {line}" in str(problem), str(problem)


@pytest.mark.parametrize(
    ("old", "new", "value"),
    [
        pytest.param('phone: "112"', "phone: 112", "112", id="112"),
        # trade_unions has a url only, so no number known to the texts goes missing
        pytest.param('url: "https://kasipodaq.kz"', "phone: 0123", "0123", id="0123"),
    ],
)
def test_unquoted_phone_number(content, old, new, value):
    line = replace(content, "contacts.yaml", old, new)
    problem = only(problems_of(content), "contacts.yaml", line, "would not be read as text")
    assert repr(value) in problem.message
    assert "quote" in problem.hint


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        pytest.param(
            "contacts.yaml",
            '    phone: "150"\n    hours: "24/7"',
            '    phone: "150"\n    hours: 10:30',
            id="hours",
        ),
        pytest.param("en/contacts.yaml", 'when: "Fire or smoke."', "when: 10:30", id="when"),
    ],
)
def test_unquoted_time(content, rel, old, new):
    line = line_of(content, rel, old) + old.count("\n")
    replace(content, rel, old, new)
    problems = problems_of(content)
    problem = find(problems, rel, line, "'10:30' would not be read as text")
    assert "quote" in problem.hint
    assert all(str(p).startswith(f"content/{rel}:{line}:") for p in problems), listing(problems)


@pytest.mark.parametrize(
    ("rel", "old", "new", "word"),
    [
        pytest.param(
            "contacts.yaml",
            '    phone: "1414"\n    free: true',
            '    phone: "1414"\n    free: yes',
            "yes",
            id="free-yes",
        ),
        pytest.param(
            "contacts.yaml",
            '    phone: "102"\n    free: true',
            '    phone: "102"\n    free: no',
            "no",
            id="free-no",
        ),
        pytest.param("en/contacts.yaml", 'when: "Fire or smoke."', "when: No", "No", id="when-No"),
    ],
)
def test_unquoted_yes_no(content, rel, old, new, word):
    line = line_of(content, rel, old) + old.count("\n")
    replace(content, rel, old, new)
    problem = only(problems_of(content), rel, line, f"{word!r} would be read as yes/no")
    assert "double quotes" in problem.hint
    assert "true/false" in problem.hint


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        pytest.param(
            RU_CHILDREN, 'reviewed: "2026-11-30"', "reviewed: 2026-11-30", id="topic-reviewed"
        ),
        pytest.param(
            "contacts.yaml",
            'source_date: "2024-05-15"\n    verified: "2026-11-30"',
            'source_date: "2024-05-15"\n    verified: 2026-11-30',
            id="contact-verified",
        ),
    ],
)
def test_unquoted_date(content, rel, old, new):
    line = line_of(content, rel, old) + old.count("\n")
    replace(content, rel, old, new)
    problem = only(problems_of(content), rel, line, "'2026-11-30' would not be read as text")
    assert "double quotes" in problem.hint


def test_date_in_another_format(content):
    line = replace(content, RU_CHILDREN, 'reviewed: "2026-11-30"', 'reviewed: "30.11.2026"')
    problem = only(problems_of(content), RU_CHILDREN, line, "'reviewed' must be a real date")
    assert '"2026-11-30"' in problem.message


def test_impossible_calendar_date(content):
    # November has 30 days; the bot could not write this date out in words
    line = replace(content, RU_CHILDREN, 'reviewed: "2026-11-30"', 'reviewed: "2026-11-31"')
    only(problems_of(content), RU_CHILDREN, line, "'reviewed' must be a real date")


@pytest.mark.parametrize(
    ("rel", "before", "duplicate", "key"),
    [
        pytest.param(RU_CHILDREN, "contacts: [", 'title: "Дети"\n', "title", id="topic-key"),
        pytest.param(
            "contacts.yaml",
            "  ambulance_103:\n",
            '  police_102:\n    phone: "102"\n    source: "https://egov.kz"\n'
            '    source_date: "2021"\n    verified: "2026-11-30"\n',
            "police_102",
            id="contact-pasted-twice",
        ),
    ],
)
def test_duplicate_key(content, rel, before, duplicate, key):
    line = replace(content, rel, before, duplicate + before)
    only(problems_of(content), rel, line, f"duplicate key {key!r}")


def test_unknown_key(content):
    id_line = line_of(content, RU_CHILDREN, "  - id: line_150\n")
    line = replace(content, RU_CHILDREN, '    title: "150: для', '    titel: "150: для')
    problems = problems_of(content)
    problem = find(problems, RU_CHILDREN, line, "unknown key 'titel' in section")
    assert "title" in problem.hint.split(", ")
    find(problems, RU_CHILDREN, id_line, "missing 'title'")
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
        pytest.param('title: "Права детей"\n', 'summary: "', id="topic-title"),
        # a section without a title: reported at the section's first line
        pytest.param('    title: "150: для детей и молодёжи"\n', "  - id: line_150", id="section"),
    ],
)
def test_missing_title(content, old, line_of_map):
    replace(content, RU_CHILDREN, old, "")
    line = line_of(content, RU_CHILDREN, line_of_map)
    only(problems_of(content), RU_CHILDREN, line, "missing 'title'")


@pytest.mark.parametrize(
    "value", ['""', "", '"   "', "|\n\n"], ids=["quotes", "nothing", "blank", "block"]
)
def test_empty_text(content, value):
    line = set_text(content, RU_CHILDREN, "line_150", value)
    only(problems_of(content), RU_CHILDREN, line, "'text' is empty")


@pytest.mark.parametrize(
    ("section", "old", "new", "tag"),
    [
        pytest.param(
            "line_111", "конфиденциально</b>.\n", "конфиденциально</b>.<br>\n", "br", id="br"
        ),
        pytest.param(
            "line_150",
            "Линию ведёт Союз кризисных центров",
            "<p>Линию ведёт Союз кризисных центров</p>",
            "p",
            id="p",
        ),
    ],
)
def test_unsupported_html_tag(content, section, old, new, tag):
    """Problems inside a text are reported at the line of its `text:` key."""
    replace(content, RU_CHILDREN, old, new)
    line = text_line(content, RU_CHILDREN, section)
    problems = problems_of(content)
    find(problems, RU_CHILDREN, line, f"tag <{tag}> is not supported by Telegram")
    assert all(str(p).startswith(f"content/{RU_CHILDREN}:{line}:") for p in problems)


def test_unclosed_tag(content):
    replace(content, RU_CHILDREN, "<b>Конфиденциально</b>.", "<b>Конфиденциально.")
    line = text_line(content, RU_CHILDREN, "line_150")
    only(problems_of(content), RU_CHILDREN, line, "tag <b> is never closed")


def test_bare_ampersand(content):
    replace(content, "en/topics/labour.yaml", "payslip, bank transfer", "payslip & bank transfer")
    line = text_line(content, "en/topics/labour.yaml", "wages")
    only(problems_of(content), "en/topics/labour.yaml", line, "a bare & must be written as &amp;")


def test_region_text_without_its_placeholder(content):
    rel = "en/regions.yaml"
    line = line_of(content, rel, "text: |")
    replace(content, rel, "including {region}.", "including your region.")
    replace(content, rel, "that covers {region}", "that covers your region")
    problem = only(problems_of(content), rel, line, "'text' must contain {region}")
    assert "region's name" in problem.hint


@pytest.mark.parametrize(
    ("value", "counted"),
    [
        pytest.param("а" * (TEXT_LIMIT + 1), TEXT_LIMIT + 1, id="letters"),
        # Telegram counts UTF-16 code units: an emoji is two
        pytest.param("🙂" * (TEXT_LIMIT // 2 + 1), (TEXT_LIMIT // 2 + 1) * 2, id="emoji"),
    ],
)
def test_text_over_length_limit(content, value, counted):
    line = set_text(content, RU_CHILDREN, "bullying", f'"{value}"')
    problem = only(problems_of(content), RU_CHILDREN, line, f"text is {counted} characters long")
    assert f"at most {TEXT_LIMIT}" in problem.message
    assert "split" in problem.hint


def test_text_at_length_limit_loads(content):
    # tags do not count towards the limit: Telegram counts the text after parsing
    set_text(content, RU_CHILDREN, "bullying", f'"<b>{"а" * TEXT_LIMIT}</b>"')
    topic = load_catalog(content).pack("ru").topics["children"]
    assert len(topic.section("bullying").text) == TEXT_LIMIT + len("<b></b>")


def test_title_over_length_limit(content):
    title = "Буллинг и кибербуллинг в школе и в интернете"
    assert len(title) > TITLE_LIMIT
    line = replace(content, RU_CHILDREN, '"Буллинг и кибербуллинг"', f'"{title}"')
    problem = only(problems_of(content), RU_CHILDREN, line, f"'title' is {len(title)} characters")
    assert f"at most {TITLE_LIMIT}" in problem.message


@pytest.mark.parametrize(
    ("rel", "edit", "shown"),
    [
        pytest.param(KK_CHILDREN, "remove", "'commissioner'", id="section-missing-in-kk"),
        pytest.param(RU_CHILDREN, "rename", "'bulling'", id="section-id-typo-in-ru"),
    ],
)
def test_section_parity(content, rel, edit, shown):
    if edit == "remove":
        remove_section(content, rel, "commissioner")
    else:
        replace(content, rel, "  - id: bullying", "  - id: bulling")
    problem = only(problems_of(content), rel, 1, "sections differ from en")
    assert shown in problem.message
    assert "same section ids" in problem.hint


def test_section_missing_only_in_english_is_reported_in_the_english_file(content):
    remove_section(content, EN_CHILDREN, "commissioner")
    problems = problems_of(content)
    find(problems, EN_CHILDREN, 1, "commissioner")
    assert all(p.location.file == f"content/{EN_CHILDREN}" for p in problems), listing(problems)


def test_contacts_parity(content):
    replace(
        content,
        KK_CHILDREN,
        "contacts: [line_111, line_150, emergency_112]",
        "contacts: [line_111, emergency_112]",
    )
    problem = only(problems_of(content), KK_CHILDREN, 1, "contacts differ from en")
    assert "['line_111', 'emergency_112']" in problem.message
    assert "same contacts" in problem.hint


@pytest.mark.parametrize(
    ("rel", "old", "new", "cid"),
    [
        pytest.param(
            RU_CHILDREN,
            "line_150, emergency_112]",
            "line_150, emergency_112, hotline_999]",
            "hotline_999",
            id="topic",
        ),
        pytest.param(
            "menu.yaml",
            "home_emergency: [emergency_112, line_111]",
            "home_emergency: [emergency_112, line_911]",
            "line_911",
            id="menu",
        ),
    ],
)
def test_unknown_contact(content, rel, old, new, cid):
    line = replace(content, rel, old, new)
    problem = only(problems_of(content), rel, line, f"unknown contact {cid!r}")
    assert "contacts.yaml" in problem.hint


def test_topic_file_not_in_menu(content):
    shutil.copy(content / RU_CHILDREN, content / "ru/topics/housing.yaml")
    only(
        problems_of(content),
        "ru/topics/housing.yaml",
        1,
        "topic 'housing' is not listed in menu.yaml",
    )


def test_menu_topic_missing_in_one_language(content):
    (content / "kk/topics/gender.yaml").unlink()
    line = line_of(content, "menu.yaml", "  - gender\n")
    only(
        problems_of(content), "menu.yaml", line, "topic 'gender' has no file kk/topics/gender.yaml"
    )


@pytest.mark.parametrize(
    "number",
    ["8 800 080 7777", "1888", "+7 701 234 5678", "8-800-080-77-77", "409"],
)
def test_phone_number_not_defined_as_contact_is_rejected(content, number):
    replace(content, RU_CHILDREN, "Вы не виноваты.", f"Вы не виноваты. Звоните {number}.")
    line = text_line(content, RU_CHILDREN, "bullying")
    problem = only(
        problems_of(content), RU_CHILDREN, line, f"{number!r} looks like a phone number"
    )
    assert "contacts.yaml" in problem.hint


def test_phone_number_in_contact_line_is_rejected(content):
    line = replace(
        content, "en/contacts.yaml", '"Fire or smoke."', '"Fire or smoke. Or call 1888."'
    )
    only(problems_of(content), "en/contacts.yaml", line, "'1888' looks like a phone number")


def test_defined_numbers_and_years_are_accepted(content):
    text = (
        "Звоните 112, 111, 102 или 1414; <b>150</b>-ге. С 2024 года, по резолюции 1325,"
        " статья 146, в 17 областях."
    )
    replace(content, RU_CHILDREN, "Вы не виноваты.", text)
    section = load_catalog(content).pack("ru").topics["children"].section("bullying")
    assert "1414" in section.text


def test_phone_number_hidden_in_a_link_is_rejected(content):
    link = '<a href="https://wa.me/77001234567">WhatsApp</a>'
    replace(content, RU_CHILDREN, "Вы не виноваты.", f"Вы не виноваты. {link}")
    line = text_line(content, RU_CHILDREN, "bullying")
    only(problems_of(content), RU_CHILDREN, line, "77001234567")


@pytest.mark.parametrize(
    "bad_id",
    ["буллинг", "bullying_and_cyberbullying", "Bullying", "2bullying"],
    ids=["non-ascii", "too-long", "capital", "digit-first"],
)
def test_invalid_section_id(content, bad_id):
    line = replace(content, KK_CHILDREN, "  - id: bullying", f"  - id: {bad_id}")
    problems = problems_of(content)
    problem = find(problems, KK_CHILDREN, line, f"section id {bad_id!r} is not a valid id")
    assert "latin" in problem.hint
    assert "1-20 characters" in problem.hint
    # the section is left out, so kk no longer matches en: that is reported too, in the same file
    assert {p.location.file for p in problems} == {f"content/{KK_CHILDREN}"}, listing(problems)


def test_section_id_of_twenty_characters_is_accepted(content):
    long_id = "bullying_cyber_12345"
    assert len(long_id) == 20
    for lang in LANGUAGES:
        replace(content, f"{lang}/topics/children.yaml", "  - id: bullying", f"  - id: {long_id}")
    topic = load_catalog(content).pack("kk").topics["children"]
    assert topic.sections[-1].id == long_id
    assert fits(OpenSection(topic="children", section=long_id))


def test_contact_without_phone_or_url(content):
    line = replace(content, "contacts.yaml", '    url: "https://eotinish.gov.kz"\n', "")
    # reported at the first line left in the entry
    only(problems_of(content), "contacts.yaml", line, "contact 'eotinish' needs a phone or a url")


def test_same_phone_defined_twice(content):
    line = replace(content, "contacts.yaml", 'url: "https://kasipodaq.kz"', 'phone: "102"')
    problem = only(
        problems_of(content), "contacts.yaml", line, "phone 102 is already defined as 'police_102'"
    )
    assert "once" in problem.hint


def test_empty_file(content):
    (content / RU_CHILDREN).write_text("", encoding="utf-8")
    problems = problems_of(content)
    find(problems, RU_CHILDREN, 1, "the file is empty")


def test_syntax_error_in_english_topic_is_reported_once(content):
    line = replace(content, EN_CHILDREN, 'title: "Children\'s rights"', "title: Children: rights")
    only(problems_of(content), EN_CHILDREN, line, "YAML syntax error")


def test_ampersand_in_a_plain_text_title_is_accepted(content):
    # titles are escaped when shown, so a bare & is right there (and &amp; would show as typed)
    replace(content, EN_CHILDREN, '"150: for young people"', '"150: kids & young people"')
    topic = load_catalog(content).pack("en").topics["children"]
    assert topic.section("line_150").title == "150: kids & young people"


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        pytest.param(
            EN_CHILDREN,
            '"150: for young people"',
            '"<b>150</b>: for young people"',
            id="section-title",
        ),
        pytest.param(
            EN_CHILDREN,
            'title: "Children\'s rights"',
            'title: "<i>Children\'s</i> rights"',
            id="topic-title",
        ),
        pytest.param("en/contacts.yaml", '"Fire or smoke."', '"<b>Fire</b> or smoke."', id="when"),
    ],
)
def test_html_tag_in_plain_text_is_rejected(content, rel, old, new):
    # titles are button labels and contact lines are escaped: a tag would show as typed
    line = replace(content, rel, old, new)
    only(problems_of(content), rel, line, "plain text")


# --- 3. all problems at once -----------------------------------------------------------------


def test_problems_in_several_files_are_reported_together(content):
    labour = "en/topics/labour.yaml"
    phone = replace(content, "contacts.yaml", 'phone: "112"', "phone: 112")
    menu = replace(content, "menu.yaml", "line_111]", "line_911]")
    name = replace(content, "kk/contacts.yaml", '  name: "Шұғыл', '  nam: "Шұғыл')
    replace(content, labour, "payslip, bank", "payslip & bank")
    reviewed = replace(content, RU_CHILDREN, 'reviewed: "2026-11-30"', "reviewed: 2026-11-30")
    expected = [  # in the order an editor reads them: by file, then line
        (f"content/contacts.yaml:{phone}:", "'112' would not be read as text"),
        (f"content/{labour}:{text_line(content, labour, 'wages')}:", "a bare &"),
        (f"content/kk/contacts.yaml:{name}:", "unknown key 'nam'"),
        (f"content/kk/contacts.yaml:{name}:", "missing 'name'"),
        (f"content/menu.yaml:{menu}:", "unknown contact 'line_911'"),
        (f"content/{RU_CHILDREN}:{reviewed}:", "'2026-11-30' would not be read as text"),
    ]
    problems = problems_of(content)
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


def test_russian_pasted_into_kazakh_is_caught(content):
    # the loader cannot tell languages apart, so this test is the guard
    shutil.copy(content / RU_CHILDREN, content / KK_CHILDREN)
    found = not_kazakh(load_catalog(content))
    assert "kk/children/bullying/text: same as ru" in found
    assert "kk/children/line_150/title: same as ru" in found
    assert any(f.startswith("kk/children/bullying/text: no Kazakh letter") for f in found)
    assert all(f.startswith("kk/children/") for f in found), found


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
    known = frozenset(catalog.phone_numbers | set(catalog.other_numbers))
    assert {"112", "111", "1414", "1325"} <= known
    for where, text in shown_texts(catalog):
        assert not unknown_numbers(re.sub(r"<[^>]+>", "", text), known), where


# --- 6. python -m bot check ------------------------------------------------------------------


def test_check_command_on_real_content(catalog, capsys):
    assert main(["check", "--content", str(CONTENT_DIR)]) == 0
    out, err = capsys.readouterr()
    topics, contacts = len(catalog.topic_order), len(catalog.contacts)
    assert topics >= len(MENU_ORDER)
    assert out == f"OK: {topics} topics and {contacts} contacts in kk, ru and en.\n"
    assert "problem" not in err


def test_check_command_prints_file_line_problems(content, capsys):
    phone = replace(content, "contacts.yaml", 'phone: "112"', "phone: 112")
    replace(content, RU_CHILDREN, "<b>Конфиденциально</b>.", "<b>Конфиденциально.")
    text = text_line(content, RU_CHILDREN, "line_150")
    assert main(["check", "--content", str(content)]) != 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert lines[0].startswith(f"content/contacts.yaml:{phone}:12: '112' would not be read")
    assert "(hint: " in lines[0]
    assert lines[1] == f"content/{RU_CHILDREN}:{text}:11: tag <b> is never closed"
    assert all(re.match(r"^content/\S+\.yaml:\d+:\d+: ", line) for line in lines)
    assert "2 problem(s) found." in err
    assert "OK" not in out
