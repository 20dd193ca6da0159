"""The browser preview (`python -m bot preview`): every screen the bot shows, in kk, ru and en
side by side, with the problems `bot check` finds marked where the text is."""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib.util
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bot.__main__ import main
from bot.content import LANGUAGES
from bot.content.lint import confirm, lint
from bot.content.loader import load_catalog
from bot.content.telegram_text import check_html
from bot.site.html import message_html

from .helpers import CONTENT_DIR, ROOT, replace
from .site_helpers import (
    TODAY,
    SitePage,
    all_languages,
    build,
    copy_content,
    line_of,
    parse_html,
    read_page,
    replace_in_section,
    set_verified,
)

LABOUR = {lang: f"{lang}/topics/labour.yaml" for lang in LANGUAGES}


def _load_screen_crawl():
    spec = importlib.util.spec_from_file_location("screen_crawl", ROOT / "bench/screen_crawl.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["screen_crawl"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The real content's site, built by the command editors run."""
    out = tmp_path_factory.mktemp("site")
    assert main(["preview", "--html", str(out), "--content", str(CONTENT_DIR)]) == 0
    return out


@pytest.fixture(scope="module")
def pages(site) -> dict[str, SitePage]:
    """Every page of the site, each parsed strictly (html5lib raises on a parse error)."""
    return {path.name: read_page(path) for path in sorted(site.glob("*.html"))}


def test_every_screen_of_the_crawl_is_in_the_site_in_all_three_languages(pages):
    """bench/screen_crawl.py presses every button by its label from /start; each screen it
    reaches is a page of the site with the same text and buttons, in the same language."""
    crawl = _load_screen_crawl()
    drawn = {
        lang: {
            (p.columns[lang].text, p.columns[lang].labels)
            for p in pages.values()
            if lang in p.columns
        }
        for lang in LANGUAGES
    }
    for lang in LANGUAGES:
        screens = asyncio.run(crawl.crawl(lang))
        assert len(screens) > 200
        for path, screen in screens.items():
            visible = check_html(screen["text"])[1]
            assert (visible, tuple(screen["buttons"])) in drawn[lang], f"{lang}: {path}"
    screen_pages = [p for name, p in pages.items() if name != "index.html"]
    assert all(all_languages(p) for p in screen_pages)


def test_the_screens_reached_by_typing_are_there_too(pages, catalog):
    for name in ("home.html", "privacy.html", "nothing-found.html", "quick-exit.html"):
        assert all_languages(pages[name]), name
    for lang in LANGUAGES:
        exit_left = pages["quick-exit.html"].columns[lang].text
        assert exit_left == catalog.pack(lang).safety.exit_message
        # "Nothing found" is the main menu under a note, with its buttons.
        found, home = pages["nothing-found.html"].columns[lang], pages["home.html"].columns[lang]
        assert found.text.endswith(home.text)
        assert found.text != home.text
        assert found.labels == home.labels
    kinds = {name.split("-")[0] for name in pages}
    assert {"t", "s", "src", "tc", "c", "r", "q", "sos.html", "help.html"} <= kinds
    sections = sum(len(t.sections) for t in catalog.pack("en").topics.values())
    assert sum(name.startswith("s-") for name in pages) == sections
    assert sum(name.startswith("src-") for name in pages) == sections
    assert sum(name.startswith("r-") for name in pages) == len(catalog.regions)


def test_every_link_resolves_to_a_page_and_an_anchor(site, pages):
    ids = {
        name: {e.get("id") for e in page.root.iter() if e.get("id")}
        for name, page in pages.items()
    }
    internal = 0
    for name, page in pages.items():
        for link in page.root.iter("a"):
            href = link.get("href")
            if href is None:
                assert "nolink" in (link.get("class") or ""), (name, link.attrib)
                continue
            parts = urlsplit(href)
            if parts.scheme:
                assert parts.scheme in ("http", "https", "mailto", "tg"), (name, href)
                continue
            target = unquote(parts.path) or name
            assert (site / target).is_file(), (name, href)
            if parts.fragment:
                assert parts.fragment in ids[target], (name, href)
            internal += 1
        for column in page.columns.values():
            for button in column.buttons:
                assert button.tag == "a", (name, column.lang)
                assert button.get("href"), (name, column.lang)
    assert internal > 2000


def test_buttons_go_where_the_bot_goes(pages):
    """A button links to the page of the screen it opens, in the same language; a language
    button to the home screen in that language; a pop-up button to the pop-up's text."""
    home = pages["home.html"].columns
    for lang in LANGUAGES:
        links = {b.get("href") for b in home[lang].buttons}
        assert f"sos.html#{lang}" in links
        assert f"t-labour.html#{lang}" in links
        picker = {
            text: b.get("href")
            for b, text in zip(
                pages["language.html"].columns[lang].buttons,
                pages["language.html"].columns[lang].labels,
                strict=True,
            )
        }
        assert picker["English"] == "home.html#en"
        assert picker["Русский"] == "home.html#ru"
    last = pages["tc-labour.html"].columns["en"]
    helpful = dict(zip(last.labels, last.buttons, strict=True))["👍 Helpful"]
    popup_id = helpful.get("href").lstrip("#")
    popup = next(e for e in pages["tc-labour.html"].root.iter() if e.get("id") == popup_id)
    assert "Thank you" in "".join(popup.itertext())
    back = dict(
        zip(
            pages["c-eotinish-labour.html"].columns["ru"].labels,
            pages["c-eotinish-labour.html"].columns["ru"].buttons,
            strict=True,
        )
    )
    assert back["⬅️ Назад"].get("href") == "tc-labour.html#ru"


def test_pages_are_valid_html_and_need_nothing_from_the_internet(site, pages):
    assert len(pages) > 250  # each was parsed strictly by the fixture
    css = (site / "preview.css").read_text(encoding="utf-8")
    assert "url(" not in css
    assert "@import" not in css
    assert "@font-face" not in css
    assert "@media (max-width" in css  # the columns stack on a phone
    for name, page in pages.items():
        assert not list(page.root.iter("script")), name
        for tag in ("link", "img", "iframe", "object", "embed", "video", "audio", "source"):
            for element in page.root.iter(tag):
                for attr in ("href", "src", "srcset", "data"):
                    value = element.get(attr) or ""
                    assert "//" not in value, (name, tag, value)
        for element in page.root.iter():
            assert "style" not in element.attrib, name
        assert page.root.find("head/meta[@name='viewport']") is not None


def test_telegram_html_is_drawn_safely():
    drawn = message_html(
        "<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <code>x</code> <pre>line</pre> "
        '<blockquote>q</blockquote> <a href="https://adilet.zan.kz/">law</a> '
        '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">'
        "j</a> &amp; &lt;tag&gt; <b>unclosed <i>nested</b> text"
    )
    root = parse_html(f"<!DOCTYPE html><title>t</title><div>{drawn}</div>")
    assert "<script>" not in drawn
    assert "<img" not in drawn
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in drawn
    assert "javascript" not in drawn
    assert '<a href="https://adilet.zan.kz/" rel="noopener noreferrer">law</a>' in drawn
    assert "&amp; &lt;tag&gt;" in drawn
    assert "<b>unclosed <i>nested</i></b> text" in drawn
    assert [e.tag for e in root.iter() if e.tag in ("b", "i", "u", "s", "code", "pre")] == [
        "b",
        "i",
        "u",
        "s",
        "code",
        "pre",
        "b",
        "i",
    ]
    assert message_html('<span class="tg-spoiler">x</span>') == '<span class="spoiler">x</span>'
    assert message_html("<b") == "&lt;b"


# Badges: a copy of the content with something wrong in it, built once for the tests below.


@pytest.fixture(scope="module")
def warned(tmp_path_factory):
    """Content `bot check` passes with warnings: a contact verified 200 days ago and one 400
    days ago, a translation changed in English only, and a section far taller than a phone."""
    base = tmp_path_factory.mktemp("warned")
    content = copy_content(base)
    lines = {
        "emergency_112": set_verified(content, "emergency_112", TODAY - dt.timedelta(days=200)),
        "police_102": set_verified(content, "police_102", TODAY - dt.timedelta(days=400)),
    }
    tall = "\n".join(f"      • step {n}" for n in range(1, 70))
    replace_in_section(
        content,
        LABOUR["en"],
        "accident",
        r"text: \|\n.*",
        f"text: |\n{tall}\n\n      If in doubt, call 112.\n",
    )
    confirm(content, load_catalog(content))  # the three languages agree as they are now
    replace(content, LABOUR["en"], 'title: "Fired: the deadlines"', 'title: "Fired: time limits"')
    out = base / "site"
    built = build(content, out)
    result = lint(content, TODAY)
    return content, out, built, result, lines


def test_everything_bot_check_warns_about_is_on_the_site_with_file_and_line(warned):
    _content, out, built, result, _ = warned
    assert result.catalog is not None
    assert not result.errors
    assert len(result.warnings) >= 4
    index = read_page(out / "index.html")
    problems = index.shared_badges
    for warning in result.warnings:
        assert any(warning.message in b and str(warning.location) in b for b in problems), str(
            warning
        )
    assert built.warnings >= len(result.warnings)


def test_contacts_not_verified_for_180_and_365_days(warned):
    _content, out, _, _, lines = warned
    card = read_page(out / "c-emergency_112.html")  # the card opened from "Help contacts"
    where = f"content/contacts.yaml:{lines['emergency_112']}:"
    (badge,) = [b for b in card.shared_badges if "emergency_112" in b]
    assert badge.startswith("warning")
    assert "200 days ago" in badge
    assert where in badge
    # Every screen that lists the contact says so too, not only its card.
    assert any("emergency_112" in b for b in read_page(out / "home.html").shared_badges)
    assert any("emergency_112" in b for b in read_page(out / "sos.html").shared_badges)
    old = read_page(out / "c-police_102.html")
    (badge,) = [b for b in old.shared_badges if "police_102" in b]
    assert badge.startswith("error")
    assert "400 days ago" in badge
    assert "CI fails" in badge
    assert f"content/contacts.yaml:{lines['police_102']}:" in badge
    assert not any("verified" in b for b in read_page(out / "c-line_111.html").shared_badges)


def test_a_translation_not_confirmed_since_its_source_changed(warned):
    _content, out, _, result, _ = warned
    page = read_page(out / "s-labour-dismissal.html")
    assert "Fired: time limits" in page.columns["en"].text
    for lang in ("kk", "ru"):
        (badge,) = [b for b in page.columns[lang].badges if "may be out of date" in b]
        warning = next(
            w
            for w in result.warnings
            if w.location.file == f"content/{LABOUR[lang]}" and "out of date" in w.message
        )
        assert str(warning.location) in badge
        assert "the en text changed" in badge
    assert not any("out of date" in b for b in page.columns["en"].badges)


def test_a_screen_taller_than_a_phone(warned):
    _content, out, _, _, _ = warned
    tall = read_page(out / "s-labour-accident.html")
    (badge,) = [b for b in tall.columns["en"].badges if "phone screens" in b]
    assert badge.startswith("warning")
    assert "lines of 36" in badge
    assert not any("taller than" in b for b in tall.columns["ru"].badges)
    assert any("scrolls on a phone" in b for b in tall.columns["ru"].badges)
    assert not any("phone" in b for b in read_page(out / "quick-exit.html").columns["en"].badges)


def test_content_with_errors_still_gives_a_site_that_shows_them(tmp_path):
    """A section missing `sources:` is an error: the bot refuses the content. The site is still
    built, from what could be read, with the error at its file:line on that section."""
    content = copy_content(tmp_path)
    replace_in_section(content, LABOUR["ru"], "wages", r"    sources: \[[^\]]*\]\n", "")
    for lang in LANGUAGES:  # an empty list is refused the same way
        replace_in_section(
            content, LABOUR[lang], "pregnancy", r"sources: \[[^\]]*\]", "sources: []"
        )
    result = lint(content, TODAY)
    unsourced = [p for p in result.errors if "cites no sources" in p.message]
    assert len(unsourced) == 4  # ru wages, and pregnancy in every language
    (missing,) = [
        p
        for p in unsourced
        if p.location.file == f"content/{LABOUR['ru']}"
        and p.location.line < line_of(content, LABOUR["ru"], "  - id: pregnancy")
    ]
    assert main(["check", "--content", str(content)]) == 1
    built = build(content, tmp_path / "site")
    assert built.pages > 250
    assert built.errors >= 1
    page = read_page(tmp_path / "site" / "s-labour-wages.html")
    assert all_languages(page)
    (badge,) = [b for b in page.columns["ru"].badges if "cites no sources" in b]
    assert badge.startswith("error")
    assert str(missing.location) in badge
    for lang in LANGUAGES:
        sources_page = read_page(tmp_path / "site" / "src-labour-pregnancy.html")
        (badge,) = [b for b in sources_page.columns[lang].badges if "cites no sources" in b]
        assert badge.startswith("error")
    assert not any("cites no sources" in b for b in page.columns["en"].badges)
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "the bot would refuse it" in index
    assert str(missing.location) in index
    for path in (tmp_path / "site").glob("*.html"):
        parse_html(path.read_text(encoding="utf-8"))


def test_every_problem_is_on_the_index_with_the_screens_it_is_on(tmp_path):
    content = copy_content(tmp_path)
    replace(content, "menu.yaml", "topics:\n", "topics:\n  - no_such_topic\n")
    replace(content, "en/safety.yaml", "danger_words:\n", 'danger_words:\n  - "*wrong"\n')
    build(content, tmp_path / "site")
    index = read_page(tmp_path / "site" / "index.html")
    missing = [b for b in index.shared_badges if "no_such_topic" in b]
    assert len(missing) == 3  # no file in kk, in ru, in en
    for badge in missing:
        assert "content/menu.yaml:" in badge
        assert "on: Home (/start)" in badge
    assert any(
        "no_such_topic" in b for b in read_page(tmp_path / "site" / "home.html").shared_badges
    )
    # Danger words are on no screen: the index alone lists that problem, with its line.
    (word,) = [b for b in index.shared_badges if "'*wrong'" in b]
    assert "content/en/safety.yaml:" in word
    assert " on: " not in word


def test_preview_needs_a_destination(capsys):
    assert main(["preview"]) == 2
    assert "--html DIR or --serve" in capsys.readouterr().err
    assert main(["preview", "--serve", "nowhere"]) == 2
