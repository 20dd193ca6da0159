"""The JSON Schemas in content/schema/ that give editors completion and errors while typing.

Every content file names its schema on its first line (the Red Hat YAML extension for VS Code
reads it), the real files validate against it, each schema offers exactly the keys, limits and
patterns the loader accepts, and it catches the mistakes editors make. The loader stays the
authority: `python -m bot check` also checks what a schema cannot (ids that exist, parity
between languages, Telegram HTML, phone numbers inside texts).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError

from bot.content import LANGUAGES, loader, registry, rules
from bot.content.reader import DATE_PATTERN, ID_PATTERN

from .helpers import CONTENT_DIR

SCHEMA_DIR = CONTENT_DIR / "schema"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")
CONTENT_FILES = sorted(CONTENT_DIR.rglob("*.yaml"))
SCHEMAS = sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))


def rel(path: Path) -> str:
    return str(path.relative_to(CONTENT_DIR.parent))


def expected_schema(path: Path) -> str:
    """The schema a content file must name, from where it lives in content/."""
    match path.relative_to(CONTENT_DIR).parts:
        case ("contacts.yaml" | "menu.yaml" | "regions.yaml" | "laws.yaml" as name,):
            return name.replace(".yaml", ".schema.json")
        case ("sources", _):
            return "sources.schema.json"
        case (lang, "contacts.yaml") if lang in LANGUAGES:
            return "contact-texts.schema.json"
        case (lang, "regions.yaml") if lang in LANGUAGES:
            return "region-texts.schema.json"
        case (lang, "safety.yaml") if lang in LANGUAGES:
            return "safety.schema.json"
        case (lang, "topics", _) if lang in LANGUAGES:
            return "topic.schema.json"
    raise AssertionError(f"{rel(path)} is no known kind of content file: give it a schema")


def schema_named_in(path: Path) -> Path:
    """The schema file named by the first-line comment of a content file."""
    first = path.read_text(encoding="utf-8").partition("\n")[0] + "\n"
    match = MODELINE.fullmatch(first)
    assert match, (
        f"{rel(path)} must start with "
        f"'# yaml-language-server: $schema=<path to {expected_schema(path)}>', not {first!r}"
    )
    return (path.parent / match.group(1)).resolve()


@functools.cache
def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def validator(name: str) -> Draft202012Validator:
    # The format checker makes "format": "date" reject dates that do not exist, as the loader does.
    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def at(document: dict[str, Any], pointer: str) -> Any:
    """The part of a schema at a JSON pointer such as /$defs/contact ("" is the whole)."""
    node: Any = document
    for part in filter(None, pointer.split("/")):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def subschemas(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, subschema) for every schema object inside a schema, the root included."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            if key == "properties":
                for name, sub in value.items():
                    yield from subschemas(sub, f"{pointer}/properties/{name}")
            elif key == "$defs":
                for name, sub in value.items():
                    yield from subschemas(sub, f"{pointer}/$defs/{name}")
            elif key in ("items", "additionalProperties", "propertyNames"):
                yield from subschemas(value, f"{pointer}/{key}")
            elif key in ("anyOf", "allOf", "oneOf"):
                for i, sub in enumerate(value):
                    yield from subschemas(sub, f"{pointer}/{key}/{i}")


def describe(errors: list[ValidationError]) -> str:
    return "\n".join(f"  {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


# --- every content file names its schema, and validates against it ----------------------------


def test_there_are_content_files_and_schemas():
    assert len(CONTENT_FILES) > 10
    kinds = ["contacts", "menu", "regions", "contact-texts", "region-texts", "safety", "topic"]
    kinds += ["sources", "laws"]
    assert sorted(f"{kind}.schema.json" for kind in kinds) == SCHEMAS
    assert {expected_schema(path) for path in CONTENT_FILES} == set(SCHEMAS)


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft_2020_12(name):
    assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema(name))


@pytest.mark.parametrize("path", CONTENT_FILES, ids=rel)
def test_content_file_names_its_schema_on_the_first_line(path):
    target = schema_named_in(path)
    assert target.parent == SCHEMA_DIR, f"{rel(path)} names a schema outside content/schema/"
    assert target.is_file(), f"{rel(path)} names {target}, which does not exist"
    assert target.name == expected_schema(path)


@pytest.mark.parametrize("path", CONTENT_FILES, ids=rel)
def test_real_content_validates_against_its_schema(path):
    target = schema_named_in(path)
    assert target.parent == SCHEMA_DIR
    assert target.is_file()
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = sorted(validator(target.name).iter_errors(document), key=lambda e: e.json_path)
    assert not errors, f"{rel(path)} does not match {target.name}:\n{describe(errors)}"


# --- the schemas offer what the loader accepts ---------------------------------------------------

# (schema, where in it, the keys the loader allows there)
KEY_SETS = [
    ("contacts.schema.json", "", registry.CONTACTS_FILE_KEYS),
    ("contacts.schema.json", "/$defs/contact", registry.CONTACT_KEYS),
    ("contacts.schema.json", "/$defs/other_number", registry.OTHER_NUMBER_KEYS),
    ("menu.schema.json", "", registry.MENU_KEYS),
    ("regions.schema.json", "", registry.REGIONS_FILE_KEYS),
    ("regions.schema.json", "/$defs/region", registry.REGION_KEYS),
    ("sources.schema.json", "", registry.SOURCES_FILE_KEYS),
    ("sources.schema.json", "/$defs/source", registry.SOURCE_KEYS),
    ("laws.schema.json", "", registry.LAWS_FILE_KEYS),
    ("laws.schema.json", "/$defs/law", registry.LAW_KEYS),
    ("contact-texts.schema.json", "/$defs/contact_text", loader.CONTACT_TEXT_KEYS),
    ("region-texts.schema.json", "", loader.REGION_TEXT_KEYS),
    ("safety.schema.json", "", loader.SAFETY_KEYS),
    ("safety.schema.json", "/properties/selfcheck", loader.SELFCHECK_KEYS),
    ("topic.schema.json", "", loader.TOPIC_KEYS),
    ("topic.schema.json", "/$defs/section", loader.SECTION_KEYS),
]


@pytest.mark.parametrize(
    ("name", "pointer", "keys"), KEY_SETS, ids=[f"{n}{p or '/'}" for n, p, _ in KEY_SETS]
)
def test_schema_offers_exactly_the_keys_the_loader_allows(name, pointer, keys):
    node = at(schema(name), pointer)
    assert set(node["properties"]) == set(keys)
    assert node["additionalProperties"] is False, "the loader reports unknown keys"
    assert set(node.get("required", ())) <= set(keys)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_mapping_with_fixed_keys_is_checked_against_the_loader(name):
    with_keys = {pointer for pointer, node in subschemas(schema(name)) if "properties" in node}
    assert with_keys == {pointer for n, pointer, _ in KEY_SETS if n == name}


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_property_has_a_description_for_hover(name):
    for pointer, node in subschemas(schema(name)):
        for key, sub in node.get("properties", {}).items():
            assert sub.get("description"), f"{name}{pointer}/properties/{key} has no description"


@pytest.mark.parametrize("name", SCHEMAS)
def test_values_are_text_except_the_flags(name):
    """Numbers, dates and yes/no are what YAML makes of unquoted text; the loader refuses them."""
    for pointer, node in subschemas(schema(name)):
        kind = node.get("type")
        if pointer.endswith(("/properties/free", "/properties/unofficial")):
            assert kind == "boolean", pointer
        else:
            assert kind in (None, "string", "array", "object"), f"{name}{pointer}: {kind}"


_URL = rules.URL_PATTERN.pattern.replace('\\"', '"')  # JavaScript refuses the needless \"
# (schema, where in it, the value the loader uses)
LIMITS = [
    ("contacts.schema.json", "/$defs/id/pattern", ID_PATTERN.pattern),
    (
        "contacts.schema.json",
        "/$defs/contact/properties/phone/pattern",
        rules.PHONE_PATTERN.pattern,
    ),
    ("contacts.schema.json", "/$defs/contact/properties/url/pattern", _URL),
    ("contacts.schema.json", "/$defs/contact/properties/source/pattern", _URL),
    ("contacts.schema.json", "/$defs/contact/properties/hours/enum", sorted(rules.HOURS_VALUES)),
    ("contacts.schema.json", "/$defs/contact/properties/languages/items/enum", list(LANGUAGES)),
    ("contacts.schema.json", "/$defs/contact/properties/verified/pattern", DATE_PATTERN.pattern),
    ("menu.schema.json", "/properties/topics/items/pattern", ID_PATTERN.pattern),
    ("menu.schema.json", "/$defs/contact_ids/items/pattern", ID_PATTERN.pattern),
    ("regions.schema.json", "/$defs/contact_ids/items/pattern", ID_PATTERN.pattern),
    ("regions.schema.json", "/properties/regions/propertyNames/pattern", ID_PATTERN.pattern),
    ("contact-texts.schema.json", "/propertyNames/pattern", ID_PATTERN.pattern),
    ("region-texts.schema.json", "/properties/title/maxLength", rules.TITLE_LIMIT),
    ("safety.schema.json", "/properties/selfcheck/properties/title/maxLength", rules.TITLE_LIMIT),
    ("safety.schema.json", "/properties/selfcheck/properties/questions/minItems", 1),
    (
        "safety.schema.json",
        "/properties/selfcheck/properties/questions/maxItems",
        rules.MAX_QUESTIONS,
    ),
    (
        "safety.schema.json",
        "/properties/selfcheck/properties/questions/items/maxLength",
        rules.QUESTION_LIMIT,
    ),
    ("safety.schema.json", "/properties/danger_words/items/pattern", rules.DANGER_WORD.pattern),
    ("topic.schema.json", "/properties/title/maxLength", rules.TITLE_LIMIT),
    ("topic.schema.json", "/properties/summary/maxLength", rules.SUMMARY_LIMIT),
    ("topic.schema.json", "/properties/reviewed/pattern", DATE_PATTERN.pattern),
    ("topic.schema.json", "/properties/contacts/items/pattern", ID_PATTERN.pattern),
    ("topic.schema.json", "/$defs/section/properties/id/pattern", ID_PATTERN.pattern),
    ("topic.schema.json", "/$defs/section/properties/title/maxLength", rules.TITLE_LIMIT),
    ("topic.schema.json", "/$defs/section/properties/sources/items/pattern", ID_PATTERN.pattern),
    ("regions.schema.json", "/$defs/region/properties/en/maxLength", rules.REGION_NAME_LIMIT),
    (
        "contact-texts.schema.json",
        "/$defs/contact_text/properties/name/maxLength",
        rules.CONTACT_NAME_LIMIT,
    ),
    (
        "contact-texts.schema.json",
        "/$defs/contact_text/properties/when/maxLength",
        rules.CONTACT_WHEN_LIMIT,
    ),
    (
        "contact-texts.schema.json",
        "/$defs/contact_text/properties/who/maxLength",
        rules.CONTACT_WHO_LIMIT,
    ),
    ("safety.schema.json", "/properties/exit_message/maxLength", rules.EXIT_MESSAGE_LIMIT),
    ("safety.schema.json", "/properties/forget_done/maxLength", rules.FORGET_DONE_LIMIT),
    ("sources.schema.json", "/$defs/source/properties/name/maxLength", rules.SOURCE_NAME_LIMIT),
    (
        "contact-texts.schema.json",
        "/$defs/contact_text/properties/card/maxLength",
        rules.CONTACT_CARD_LIMIT,
    ),
    (
        "sources.schema.json",
        "/$defs/source/properties/date/pattern",
        rules.SOURCE_DATE_PATTERN.pattern,
    ),
    (
        "sources.schema.json",
        "/$defs/source/properties/facts/pattern",
        rules.FACTS_SECTION_PATTERN.pattern,
    ),
    ("laws.schema.json", "/$defs/law/properties/kk/maxLength", rules.LAW_NAME_LIMIT),
    ("laws.schema.json", "/$defs/law/properties/number/pattern", rules.LAW_NUMBER_PATTERN.pattern),
    (
        "laws.schema.json",
        "/$defs/law/properties/articles/propertyNames/pattern",
        rules.ARTICLE_PATTERN.pattern,
    ),
]


@pytest.mark.parametrize(
    ("name", "pointer", "value"), LIMITS, ids=[f"{n}{p}" for n, p, _ in LIMITS]
)
def test_schema_uses_the_loaders_limits_and_patterns(name, pointer, value):
    assert at(schema(name), pointer) == value


# --- the schemas catch the mistakes editors make -------------------------------------------------

CONTACTS = """\
contacts:
  police_102:
    phone: "102"
    free: true
    source: "https://egov.kz/cms/en/articles/emergency_situations/emergency_number_112"
    source_date: "2021-09-08"
    verified: "2026-11-30"
"""
TOPIC = """\
title: "Labour rights"
summary: "Problems at work and where to complain."
reviewed: "2026-11-30"
contacts: [egov_1414, eotinish]
sections:
  - id: what_to_do
    title: "What to do"
    sources: [egov_112]
    text: |
      Write to the <b>labour inspectorate</b>.
"""
REGION_TEXTS = """\
title: "Help in your region"
choose: "Choose your region or city."
no_local: "No checked local contacts yet."
local: "Checked local contacts:"
"""
SAFETY = """\
exit_message: "👍"
forget_done: "Done."
selfcheck:
  title: "Is this abuse?"
  intro: "A few yes or no questions."
  questions:
    - "Has someone at home hurt you?"
  result_yes: "It is not your fault."
  result_no: "You answered no to every question."
danger_words: ["hit me", "beat child*"]
"""
BASES = {
    "contacts": CONTACTS,
    "topic": TOPIC,
    "region-texts": REGION_TEXTS,
    "safety": SAFETY,
}
PHONE, CONTACT = "contacts/police_102/phone", "contacts/police_102"
SECTION_TEXT = "|\n      Write to the <b>labour inspectorate</b>."
THIRTEEN_QUESTIONS = "  questions:\n" + '    - "?"\n' * 12
# kind of file, text to replace in its base document, replacement, failing keyword, where
MISTAKES = [
    pytest.param("contacts", '"102"', "102", "type", PHONE, id="unquoted phone"),
    pytest.param("contacts", '"102"', "0102", "type", PHONE, id="unquoted phone, octal"),
    pytest.param("contacts", '"102"', '"102 22"', "pattern", PHONE, id="phone with a space"),
    pytest.param("contacts", '    phone: "102"\n', "", "anyOf", CONTACT, id="no phone, no url"),
    pytest.param("contacts", "free: true", 'free: "yes"', "type", f"{CONTACT}/free", id="flag"),
    pytest.param(
        "contacts", "free: true", 'fax: "1"', "additionalProperties", CONTACT, id="unknown key"
    ),
    pytest.param(
        "contacts", "police_102:", "Police-102:", "pattern", "contacts", id="bad contact id"
    ),
    pytest.param(
        "contacts", '"2026-11-30"', "2026-11-30", "type", f"{CONTACT}/verified", id="bare date"
    ),
    pytest.param(
        "contacts", '"2026-11-30"', '"2026-02-30"', "format", f"{CONTACT}/verified", id="no date"
    ),
    pytest.param("contacts", "https://egov", "egov", "pattern", f"{CONTACT}/source", id="url"),
    pytest.param(
        "topic",
        "sections:",
        'keywrods: ["wages"]\nsections:',
        "additionalProperties",
        "",
        id="misspelt key",
    ),
    pytest.param(
        "topic",
        "id: what_to_do",
        "id: What-to-do",
        "pattern",
        "sections/0/id",
        id="bad section id",
    ),
    pytest.param(
        "topic", "id: what_to_do", "id: 2nd", "pattern", "sections/0/id", id="id with digit first"
    ),
    pytest.param(
        "topic", "[egov_1414,", "[egov 1414,", "pattern", "contacts/0", id="bad id in a list"
    ),
    pytest.param(
        "topic", '"What to do"', f'"{"x" * 33}"', "maxLength", "sections/0/title", id="long title"
    ),
    pytest.param("topic", SECTION_TEXT, "", "type", "sections/0/text", id="empty text"),
    pytest.param("safety", '"hit me"', '"hit  me"', "pattern", "danger_words/0", id="two spaces"),
    pytest.param(
        "safety",
        '"Has someone at home hurt you?"',
        '""',
        "minLength",
        "selfcheck/questions/0",
        id="empty question",
    ),
    pytest.param(
        "safety",
        "  questions:\n",
        THIRTEEN_QUESTIONS,
        "maxItems",
        "selfcheck/questions",
        id="13 questions",
    ),
]


@pytest.mark.parametrize("kind", sorted(BASES))
def test_the_documents_the_mistakes_are_made_in_are_valid(kind):
    document = yaml.safe_load(BASES[kind])
    assert not list(validator(f"{kind}.schema.json").iter_errors(document))


@pytest.mark.parametrize(("kind", "old", "new", "keyword", "where"), MISTAKES)
def test_schema_reports_the_mistake(kind, old, new, keyword, where):
    base = BASES[kind]
    assert base.count(old) == 1, f"{old!r} must occur exactly once in the base document"
    document = yaml.safe_load(base.replace(old, new))
    errors = list(validator(f"{kind}.schema.json").iter_errors(document))
    found = [(e.validator, "/".join(map(str, e.absolute_path))) for e in errors]
    assert found == [(keyword, where)], describe(errors)


def test_unquoted_phone_is_a_number_to_the_schema():
    """PyYAML, like the bot, reads 0102 as the octal integer 66; a number is never a phone."""
    document = yaml.safe_load(CONTACTS.replace('"102"', "0102"))
    (error,) = validator("contacts.schema.json").iter_errors(document)
    assert error.instance == 0o102
    assert error.message == "66 is not of type 'string'"
    assert "Quote it" in error.schema["description"]
