"""Screens: the text and buttons a user sees, built from the catalog and the interface strings."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from .callbacks import Nav, SetLanguage, To
from .content import LANGUAGES, Catalog, Contact, ContactText, LanguagePack, Topic
from .i18n import Translator
from .search import Hit

Row = list[InlineKeyboardButton]


@dataclass(frozen=True)
class Screen:
    text: str
    markup: InlineKeyboardMarkup


def _nav(label: str, to: To, topic: str = "", item: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=label, callback_data=Nav(to=to, topic=topic, item=item).pack()
    )


def _nav_rows(tr: Translator, back: Nav | None) -> list[Row]:
    """Every screen ends with a way back, a way home, SOS and the quick exit."""
    row = []
    if back is not None:
        row.append(InlineKeyboardButton(text=tr.gettext("⬅️ Back"), callback_data=back.pack()))
    row.append(_nav(tr.gettext("🏠 Home"), To.HOME))
    return [row, _safety_row(tr)]


def _safety_row(tr: Translator) -> Row:
    return [_nav(tr.gettext("🆘 SOS"), To.SOS), _nav(tr.gettext("🚪 Quick exit"), To.EXIT)]


def _feedback_row(tr: Translator, item: Topic) -> Row:
    return [
        _nav(tr.gettext("👍 Helpful"), To.HELPFUL, item.id, "yes"),
        _nav(tr.gettext("👎 Not helpful"), To.HELPFUL, item.id, "no"),
    ]


def _pairs(buttons: list[InlineKeyboardButton]) -> list[Row]:
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def _markup(rows: list[Row]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=rows)


def clip(text: str, limit: int = 3900) -> str:
    """Cut a long <pre> report at a line break so it stays within Telegram's limit."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 20)
    head = text[: cut if cut > 0 else limit - 20]
    return head + "\n…</pre>" if "<pre>" in head and "</pre>" not in head else head


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def contact_tags(tr: Translator, contact: Contact) -> list[str]:
    tags = []
    if contact.hours == "24/7":
        tags.append(tr.gettext("24/7"))
    if contact.free:
        tags.append(tr.gettext("free"))
    return tags


def contact_line(tr: Translator, contact: Contact, text: ContactText) -> str:
    """One line: number (or link) and name, with hours and cost where the source gives them."""
    tags = contact_tags(tr, contact)
    suffix = f" ({', '.join(tags)})" if tags else ""
    if contact.phone:
        return f"☎️ <b>{contact.phone}</b> · {_esc(text.name)}{suffix}"
    href = html.escape(contact.url or "", quote=True)
    return f'🌐 <a href="{href}">{_esc(text.name)}</a>{suffix}'


def card_label(catalog: Catalog, pack: LanguagePack, contact_id: str) -> str:
    phone = catalog.contacts[contact_id].phone
    name = pack.contacts[contact_id].name
    return f"{phone} · {name}" if phone else name


def _footer(tr: Translator, topic: Topic) -> str:
    reviewed = tr.gettext("Last reviewed: {date}.").format(date=tr.date(topic.reviewed))
    disclaimer = tr.gettext("This is information, not legal advice.")
    return f"<i>{_esc(reviewed)} {_esc(disclaimer)}</i>"


def home(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    title = tr.gettext("Your rights and where to get help")
    lines = [
        f"<b>{_esc(title)}</b>",
        _esc(
            tr.gettext(
                "What the Action Plan on Human Rights and the Rule of Law means for you, "
                "and who can help in Kazakhstan."
            )
        ),
        "",
        _esc(tr.gettext("In danger or need help now:")),
    ]
    lines += [
        contact_line(tr, catalog.contacts[c], pack.contacts[c]) for c in catalog.home_emergency
    ]
    lines += ["", _esc(tr.gettext("Choose a topic:"))]
    rows = [_safety_row(tr)]
    rows += [[_nav(topic.title, To.TOPIC, topic.id)] for topic in pack.topics.values()]
    rows.append(
        [
            _nav(tr.gettext("📞 Help contacts"), To.HELP),
            _nav(tr.gettext("📍 Your region"), To.REGIONS),
        ]
    )
    rows.append([_nav(f"❓ {pack.safety.selfcheck.title}", To.QUIZ)])
    rows.append([_nav(tr.gettext("🌐 Language"), To.LANGUAGES)])
    return Screen("\n".join(lines), _markup(rows))


def emergency(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    """The emergency card: who to call now and when, one tap from every screen."""
    heading = tr.gettext("Help right now")
    blocks = [f"<b>🆘 {_esc(heading)}</b>"]
    for cid in catalog.emergency_card:
        text = pack.contacts[cid]
        blocks.append(f"{contact_line(tr, catalog.contacts[cid], text)}\n{_esc(text.when)}")
    return Screen("\n\n".join(blocks), _markup(_nav_rows(tr, Nav(to=To.HOME))))


def selfcheck(tr: Translator, catalog: Catalog, pack: LanguagePack, answers: str) -> Screen | None:
    """One question per screen. The answers so far travel only in the buttons' callback data:
    nothing is stored, and the result screen carries none of them."""
    check = pack.safety.selfcheck
    if len(answers) > len(check.questions) or set(answers) - {"y", "n"}:
        return None
    if len(answers) < len(check.questions):
        number = tr.gettext("Question {n} of {total}").format(
            n=len(answers) + 1, total=len(check.questions)
        )
        lines = [f"<b>{_esc(check.title)}</b>"]
        if not answers:
            lines += ["", check.intro]
        lines += ["", f"<i>{_esc(number)}</i>", _esc(check.questions[len(answers)])]
        rows = [
            [
                _nav(tr.gettext("Yes"), To.QUIZ, item=answers + "y"),
                _nav(tr.gettext("No"), To.QUIZ, item=answers + "n"),
            ]
        ]
        back = Nav(to=To.QUIZ, item=answers[:-1]) if answers else Nav(to=To.HOME)
        return Screen("\n".join(lines), _markup([*rows, *_nav_rows(tr, back)]))
    result = check.result_yes if "y" in answers else check.result_no
    blocks = [f"<b>{_esc(check.title)}</b>", result.strip()]
    blocks += [
        contact_line(tr, catalog.contacts[c], pack.contacts[c]) for c in catalog.emergency_card
    ]
    return Screen("\n\n".join(blocks), _markup(_nav_rows(tr, Nav(to=To.HOME))))


def search_results(tr: Translator, pack: LanguagePack, hits: Sequence[Hit]) -> Screen:
    """The best match summarised in a line, and up to three buttons."""
    best = pack.topics[hits[0].topic]
    heading = tr.gettext("This may help:")
    text = f"<b>{_esc(heading)}</b>\n\n<b>{_esc(best.title)}</b>\n{best.summary}"
    rows = []
    for hit in hits[:3]:
        topic = pack.topics[hit.topic]
        section = topic.section(hit.section) if hit.section else None
        if section is not None:
            label = f"📖 {topic.title}: {section.title}"
            rows.append([_nav(label, To.SECTION, topic.id, section.id)])
        else:
            rows.append([_nav(f"📖 {topic.title}", To.TOPIC, topic.id)])
    return Screen(text, _markup([*rows, *_nav_rows(tr, None)]))


def nothing_found(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    """Never a dead end: the main menu, whose top lists the emergency and 111 lines."""
    menu = home(tr, catalog, pack)
    note = tr.gettext(
        "I did not find a topic for that. The lines below can help, or choose a topic."
    )
    return Screen(f"<i>{_esc(note)}</i>\n\n{menu.text}", menu.markup)


def topic(tr: Translator, item: Topic) -> Screen:
    text = f"<b>{_esc(item.title)}</b>\n\n{item.summary}\n\n{_footer(tr, item)}"
    rows = [[_nav(s.title, To.SECTION, item.id, s.id)] for s in item.sections]
    rows.append([_nav(tr.gettext("📞 Where to get help"), To.TOPIC_CONTACTS, item.id)])
    rows += _nav_rows(tr, Nav(to=To.HOME))
    return Screen(text, _markup(rows))


def section(tr: Translator, item: Topic, section_id: str) -> Screen | None:
    current = item.section(section_id)
    if current is None:
        return None
    text = f"<b>{_esc(current.title)}</b>\n<i>{_esc(item.title)}</i>\n\n{current.text.strip()}"
    rows = []
    index = item.sections.index(current)
    if index + 1 < len(item.sections):
        following = item.sections[index + 1]
        label = tr.gettext("Next: {title}").format(title=following.title)
        rows.append([_nav(label, To.SECTION, item.id, following.id)])
    rows.append([_nav(tr.gettext("📞 Where to get help"), To.TOPIC_CONTACTS, item.id)])
    if index + 1 == len(item.sections):
        rows.append(_feedback_row(tr, item))
    rows += _nav_rows(tr, Nav(to=To.TOPIC, topic=item.id))
    return Screen(text, _markup(rows))


def topic_contacts(tr: Translator, catalog: Catalog, pack: LanguagePack, item: Topic) -> Screen:
    heading = tr.gettext("Where to get help: {topic}").format(topic=item.title)
    blocks = [f"<b>{_esc(heading)}</b>"]
    for cid in item.contacts:
        text = pack.contacts[cid]
        blocks.append(f"{contact_line(tr, catalog.contacts[cid], text)}\n{_esc(text.when)}")
    blocks.append(_footer(tr, item))
    cards = [_nav(card_label(catalog, pack, c), To.CONTACT, item.id, c) for c in item.contacts]
    rows = [
        *_pairs(cards),
        _feedback_row(tr, item),
        *_nav_rows(tr, Nav(to=To.TOPIC, topic=item.id)),
    ]
    return Screen("\n\n".join(blocks), _markup(rows))


def help_contacts(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    title = tr.gettext("Help contacts")
    lines = [f"<b>{_esc(title)}</b>", ""]
    lines += [
        contact_line(tr, catalog.contacts[c], pack.contacts[c]) for c in catalog.help_contacts
    ]
    lines += [
        "",
        _esc(tr.gettext("Tap a contact to see when to use it and where the details come from.")),
    ]
    cards = [_nav(card_label(catalog, pack, c), To.CONTACT, "", c) for c in catalog.help_contacts]
    rows = [*_pairs(cards), *_nav_rows(tr, Nav(to=To.HOME))]
    return Screen("\n".join(lines), _markup(rows))


def contact_card(
    tr: Translator, catalog: Catalog, pack: LanguagePack, contact_id: str, origin_topic: str
) -> Screen | None:
    contact = catalog.contacts.get(contact_id)
    text = pack.contacts.get(contact_id)
    if contact is None or text is None:
        return None
    lines = [f"<b>{_esc(text.name)}</b>"]
    if contact.phone:
        lines.append(f"☎️ <b>{contact.phone}</b>")
    if contact.url:
        href = html.escape(contact.url, quote=True)
        lines.append(f'🌐 <a href="{href}">{_esc(contact.url)}</a>')
    if text.who:
        lines.append(f"<i>{_esc(text.who)}</i>")
    lines += ["", _esc(text.when), ""]
    facts = contact_tags(tr, contact)
    if contact.languages:
        names = ", ".join(tr.language_name(code) for code in contact.languages)
        facts.append(tr.gettext("languages: {names}").format(names=names))
    lines += [f"• {_esc(fact)}" for fact in facts]
    source_date = (
        tr.gettext("undated") if contact.source_date == "undated" else tr.date(contact.source_date)
    )
    domain = urlsplit(contact.source).hostname or contact.source
    source = tr.gettext("Source: {source}, {date}.").format(
        source=f'<a href="{html.escape(contact.source, quote=True)}">{_esc(domain)}</a>',
        date=_esc(source_date),
    )
    checked = tr.gettext("Checked against the source on {date}.").format(
        date=tr.date(contact.verified)
    )
    lines += ["", f"<i>{source} {_esc(checked)}</i>"]
    back = Nav(to=To.TOPIC_CONTACTS, topic=origin_topic) if origin_topic else Nav(to=To.HELP)
    return Screen("\n".join(lines), _markup(_nav_rows(tr, back)))


def regions(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    text = f"<b>{_esc(pack.regions.title)}</b>\n\n{pack.regions.choose}"
    buttons = [
        _nav(region.names[pack.code], To.REGION, "", region.id)
        for region in catalog.regions.values()
    ]
    return Screen(text, _markup([*_pairs(buttons), *_nav_rows(tr, Nav(to=To.HOME))]))


def region(tr: Translator, catalog: Catalog, pack: LanguagePack, region_id: str) -> Screen | None:
    place = catalog.regions.get(region_id)
    if place is None:
        return None
    name = _esc(place.names[pack.code])
    blocks = [f"<b>{_esc(pack.regions.title)}: {name}</b>"]
    if place.contacts:
        local = [contact_line(tr, catalog.contacts[c], pack.contacts[c]) for c in place.contacts]
        blocks.append("\n".join([f"<b>{_esc(pack.regions.local)}</b>", *local]))
    else:
        blocks.append(f"<i>{pack.regions.no_local}</i>")
    national = [
        contact_line(tr, catalog.contacts[c], pack.contacts[c]) for c in catalog.region_contacts
    ]
    blocks.append("\n".join(national))
    return Screen("\n\n".join(blocks), _markup(_nav_rows(tr, Nav(to=To.REGIONS))))


def language_picker(
    translators: dict[str, Translator], catalog: Catalog, current: Translator | None
) -> Screen:
    """Speaks all three languages, because the user's is not known yet, and shows 112 first."""
    emergency = catalog.contacts[catalog.home_emergency[0]].phone or ""
    lines = [_esc(translators[code].gettext("Choose your language")) for code in LANGUAGES]
    lines.append("")
    for code in LANGUAGES:
        call = translators[code].gettext("In danger? Call")
        lines.append(f"🆘 {_esc(call)} <b>{emergency}</b>")
    buttons = [
        InlineKeyboardButton(
            text=translators[code].language_name(code).capitalize(),
            callback_data=SetLanguage(code=code).pack(),
        )
        for code in LANGUAGES
    ]
    rows = [buttons]
    if current is not None:
        rows += _nav_rows(current, None)
    return Screen("\n".join(lines), _markup(rows))


def fallback(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    lines = [
        _esc(tr.gettext("I can only answer with the buttons below. Choose a topic or a contact."))
    ]
    lines += [
        contact_line(tr, catalog.contacts[c], pack.contacts[c]) for c in catalog.home_emergency
    ]
    rows = [[_nav(tr.gettext("🏠 Home"), To.HOME), _nav(tr.gettext("📞 Help contacts"), To.HELP)]]
    return Screen("\n".join(lines), _markup(rows))
