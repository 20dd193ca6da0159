"""Posters and cards: the QR code read back by a real decoder (zxing-cpp) from every output
format equals the deep link; the words come from the content; discreet ones name no topic."""

from __future__ import annotations

import io
from pathlib import Path

import pymupdf
import pytest
import zxingcpp
from PIL import Image

from bot import poster
from bot.__main__ import ask_username, main
from bot.content import LANGUAGES
from bot.settings import Settings

from .bot_api_double import BOT_USER
from .helpers import TOKEN

USERNAME = "kz_rights_bot"
VIOLENCE_WORDS = ("violence", "abuse", "насили", "зорлық", "зомбылық", "абьюз", "побои")


def decode(path: Path) -> list[str]:
    """Every QR code a camera would find in the file: PNG as it is, PDF and SVG drawn to
    pixels by MuPDF first."""
    if path.suffix == ".png":
        image = Image.open(path)
    else:
        with pymupdf.open(path) as doc:
            pixmap = doc[0].get_pixmap(dpi=150)
            image = Image.open(io.BytesIO(pixmap.tobytes("png")))
    return [code.text for code in zxingcpp.read_barcodes(image) if code.format.name == "QRCode"]


def text_for(catalog, translators, lang, target, **options) -> poster.PosterText:
    return poster.poster_text(
        translators[lang], catalog, catalog.pack(lang), target, USERNAME, **options
    )


@pytest.mark.parametrize("suffix", poster.FORMATS)
@pytest.mark.parametrize("size", ["a4", "card"])
def test_the_qr_code_decodes_to_the_deep_link(tmp_path, catalog, translators, suffix, size):
    """Kazakh, the language with letters most fonts lack: a missing glyph would be a warning,
    and warnings fail the tests."""
    text = text_for(catalog, translators, "kk", "domestic_violence", campaign="school")
    out = tmp_path / f"poster{suffix}"
    poster.render(text, out, size)
    assert decode(out) == [f"https://t.me/{USERNAME}?start=kk-domestic_violence-school"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("target", ["sos", "help", "labour"])
def test_each_language_and_target(tmp_path, catalog, translators, lang, target):
    text = text_for(catalog, translators, lang, target)
    out = tmp_path / "poster.pdf"
    poster.render(text, out)
    assert decode(out) == [f"https://t.me/{USERNAME}?start={lang}-{target}"]
    with pymupdf.open(out) as doc:
        words = " ".join(doc[0].get_text().split())  # the PDF's text, as printed
    assert " ".join(text.headline.split()) in words
    assert f"@{USERNAME}" in words
    for number in ("112", "111"):
        assert number in words


def test_words_come_from_the_content(catalog, translators):
    pack = catalog.pack("ru")
    text = text_for(catalog, translators, "ru", "labour")
    assert text.headline == pack.topics["labour"].title
    assert text.line in " ".join(pack.topics["labour"].summary.split())
    assert [n.split(" · ")[0] for n in text.numbers] == [
        catalog.contacts[c].phone for c in catalog.home_emergency
    ]
    assert [n.split(" · ")[0] for n in text.numbers] == ["112", "111"]
    assert pack.contacts["line_111"].name in text.numbers[1]
    sos = text_for(catalog, translators, "ru", "sos")
    assert sos.line in pack.contacts["emergency_112"].when


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("target", ["domestic_violence", "sos", "help"])
def test_discreet_wording_names_no_violence(catalog, translators, lang, target):
    text = text_for(catalog, translators, lang, target, discreet=True)
    printed = " ".join([text.headline, text.line, *text.numbers, text.scan, text.handle])
    for word in VIOLENCE_WORDS:
        assert word not in printed.lower(), word
    assert translators[lang].gettext("Your rights and where to get help") == text.headline


def test_command_line_writes_each_format(tmp_path, capsys):
    for suffix in poster.FORMATS:
        out = tmp_path / f"card{suffix}"
        args = ["poster", "--lang", "en", "--topic", "sos", "--campaign", "bus12"]
        args += ["--username", f"@{USERNAME}", "--size", "card", "--out", str(out)]
        assert main(args) == 0
        assert decode(out) == [f"https://t.me/{USERNAME}?start=en-sos-bus12"]
    assert "en-sos-bus12" in capsys.readouterr().out


def test_discreet_topic_poster_warns_that_the_link_names_it(tmp_path, capsys):
    out = tmp_path / "p.png"
    args = ["poster", "--lang", "ru", "--topic", "domestic_violence", "--discreet"]
    assert main([*args, "--username", USERNAME, "--out", str(out)]) == 0
    assert "--topic help keeps it neutral" in capsys.readouterr().out


def test_username_from_the_setting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_USERNAME", "from_settings_bot")
    monkeypatch.setenv("BOT_CONTENT_DIR", str(Path(__file__).resolve().parent.parent / "content"))
    out = tmp_path / "p.svg"
    assert main(["poster", "--lang", "kk", "--topic", "help", "--out", str(out)]) == 0
    assert decode(out) == ["https://t.me/from_settings_bot?start=kk-help"]


async def test_username_from_telegram(api):
    assert await ask_username(Settings(token=TOKEN, api_url=api.base_url)) == BOT_USER["username"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--topic", "nothing"], "no topic 'nothing'"),
        (["--topic", "sos", "--campaign", "Bad_Name"], "not a valid deep link"),
        (["--topic", "sos", "--out", "poster.jpg"], "must end in .svg, .png or .pdf"),
    ],
)
def test_bad_requests_are_one_line_errors(tmp_path, monkeypatch, capsys, args, error):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_CONTENT_DIR", str(Path(__file__).resolve().parent.parent / "content"))
    base = ["poster", "--lang", "kk", "--username", USERNAME]
    out = [] if "--out" in args else ["--out", "poster.png"]
    assert main([*base, *args, *out]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert error in err
    assert not (tmp_path / "poster.png").exists()


def test_no_username_and_no_token_is_a_settings_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.delenv("BOT_USERNAME", raising=False)
    assert main(["poster", "--lang", "kk", "--topic", "sos", "--out", "p.png"]) == 2
    assert "username" in capsys.readouterr().err
