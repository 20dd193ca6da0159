"""The screens of the rights content: pure functions of the catalog and the interface strings."""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlsplit

from aiogram.types import InlineKeyboardButton

from ..callbacks import (
    Go,
    OpenContact,
    OpenRegion,
    OpenSection,
    OpenSources,
    OpenTopic,
    Place,
    SelfCheckStep,
    SetLanguage,
    TopicContacts,
)
from ..content import LANGUAGES, Catalog, LanguagePack, Topic
from ..i18n import Translator
from ..search import Hit
from .format import (
    Screen,
    basis_line,
    basis_parts,
    card_label,
    contact_line,
    contact_lines,
    contact_tags,
    esc,
    one_stop,
    source_date,
    source_line,
    unofficial_note,
)
from .keyboard import button, feedback_row, go, markup, nav_rows, pairs, safety_row, share_row

# Sections about helping someone else end with a button to send that person the help cards.
SHARED_SECTIONS = frozenset(
    {("domestic_violence", "help_friend"), ("staying_safe", "help_someone")}
)


def _footer(tr: Translator, topic: Topic) -> str:
    reviewed = one_stop(tr.gettext("Last reviewed: {date}.").format(date=tr.date(topic.reviewed)))
    disclaimer = tr.gettext("This is information, not legal advice.")
    return f"<i>{esc(reviewed)} {esc(disclaimer)}</i>"


def home(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    title = tr.gettext("Your rights and where to get help")
    lines = [
        f"<b>{esc(title)}</b>",
        esc(
            tr.gettext(
                "What the Action Plan on Human Rights and the Rule of Law means for you, "
                "and who can help in Kazakhstan."
            )
        ),
        "",
        esc(tr.gettext("In danger or need help now:")),
        *contact_lines(tr, catalog, pack, catalog.home_emergency),
        "",
        esc(tr.gettext("Choose a topic:")),
    ]
    rows = [safety_row(tr)]
    rows += [[button(topic.title, OpenTopic(topic=topic.id))] for topic in pack.topics.values()]
    rows.append(
        [
            go(tr.gettext("📞 Help contacts"), Place.HELP),
            go(tr.gettext("📍 Your region"), Place.REGIONS),
        ]
    )
    rows.append([button(f"❓ {pack.safety.selfcheck.title}", SelfCheckStep())])
    rows.append([go(tr.gettext("🌐 Language"), Place.LANGUAGES)])
    return Screen("\n".join(lines), markup(rows))


def emergency(
    tr: Translator, catalog: Catalog, pack: LanguagePack, *, share: bool = False
) -> Screen:
    """The emergency card: who to call now and when, one tap from every screen. With `share`
    (inline mode is on), a button sends the card into another chat."""
    heading = tr.gettext("Help right now")
    blocks = [f"<b>🆘 {esc(heading)}</b>"]
    for cid in catalog.emergency_card:
        text = pack.contacts[cid]
        when = text.card or text.when
        blocks.append(f"{contact_line(tr, catalog.contacts[cid], text)}\n{esc(when)}")
    rows = [share_row(tr, "")] if share else []
    return Screen("\n\n".join(blocks), markup([*rows, *nav_rows(tr, Go(to=Place.HOME))]))


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
        lines = [f"<b>{esc(check.title)}</b>"]
        if not answers:
            lines += ["", check.intro]
        lines += ["", f"<i>{esc(number)}</i>", esc(check.questions[len(answers)])]
        rows = [
            [
                button(tr.gettext("Yes"), SelfCheckStep(answers=answers + "y")),
                button(tr.gettext("No"), SelfCheckStep(answers=answers + "n")),
            ]
        ]
        back = SelfCheckStep(answers=answers[:-1]) if answers else Go(to=Place.HOME)
        return Screen("\n".join(lines), markup([*rows, *nav_rows(tr, back)]))
    result = check.result_yes if "y" in answers else check.result_no
    blocks = [f"<b>{esc(check.title)}</b>", result.strip()]
    blocks += contact_lines(tr, catalog, pack, catalog.emergency_card)
    return Screen("\n\n".join(blocks), markup(nav_rows(tr, Go(to=Place.HOME))))


def search_results(tr: Translator, pack: LanguagePack, hits: Sequence[Hit]) -> Screen:
    """The best match summarised in a line, and up to three buttons."""
    best = pack.topics[hits[0].topic]
    heading = tr.gettext("This may help:")
    text = f"<b>{esc(heading)}</b>\n\n<b>{esc(best.title)}</b>\n{best.summary}"
    rows = []
    for hit in hits[:3]:
        topic = pack.topics[hit.topic]
        section = topic.section(hit.section) if hit.section else None
        if section is not None:
            label = f"📖 {topic.title}: {section.title}"
            rows.append([button(label, OpenSection(topic=topic.id, section=section.id))])
        else:
            rows.append([button(f"📖 {topic.title}", OpenTopic(topic=topic.id))])
    return Screen(text, markup([*rows, *nav_rows(tr, None)]))


def nothing_found(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    """Never a dead end: the main menu, whose top lists the emergency and 111 lines."""
    menu = home(tr, catalog, pack)
    note = tr.gettext(
        "I did not find a topic for that. The lines below can help, or choose a topic."
    )
    return Screen(f"<i>{esc(note)}</i>\n\n{menu.text}", menu.markup)


def topic(tr: Translator, item: Topic) -> Screen:
    text = f"<b>{esc(item.title)}</b>\n\n{item.summary}\n\n{_footer(tr, item)}"
    rows = [[button(s.title, OpenSection(topic=item.id, section=s.id))] for s in item.sections]
    rows.append([button(tr.gettext("📞 Where to get help"), TopicContacts(topic=item.id))])
    rows += nav_rows(tr, Go(to=Place.HOME))
    return Screen(text, markup(rows))


def section(
    tr: Translator, catalog: Catalog, item: Topic, section_id: str, *, share: bool = False
) -> Screen | None:
    current = item.section(section_id)
    if current is None:
        return None
    text = f"<b>{esc(current.title)}</b>\n<i>{esc(item.title)}</i>\n\n{current.text.strip()}"
    if current.basis:
        basis = tr.gettext("Legal basis: {laws}.").format(laws=basis_line(tr, catalog, current))
        text += f"\n\n<i>{esc(basis)}</i>"
    rows = []
    index = item.sections.index(current)
    if index + 1 < len(item.sections):
        following = item.sections[index + 1]
        label = tr.gettext("Next: {title}").format(title=following.title)
        rows.append([button(label, OpenSection(topic=item.id, section=following.id))])
    rows.append(
        [
            button(tr.gettext("📞 Where to get help"), TopicContacts(topic=item.id)),
            button(tr.gettext("📚 Sources"), OpenSources(topic=item.id, section=current.id)),
        ]
    )
    if share and (item.id, current.id) in SHARED_SECTIONS:
        rows.append(share_row(tr, item.title))  # the query finds this topic's card
    if index + 1 == len(item.sections):
        rows.append(feedback_row(tr, item.id))
    rows += nav_rows(tr, OpenTopic(topic=item.id))
    return Screen(text, markup(rows))


def sources(tr: Translator, catalog: Catalog, item: Topic, section_id: str) -> Screen | None:
    """Where a section's facts come from: its laws and articles, and each page with its date."""
    current = item.section(section_id)
    if current is None:
        return None
    heading = tr.gettext("Sources: {title}").format(title=current.title)
    lines = [f"<b>📚 {esc(heading)}</b>", ""]
    # Outside the f-strings: pybabel does not see a gettext call inside one.
    if current.basis:
        basis = tr.gettext("Legal basis")
        lines.append(f"<b>{esc(basis)}</b>")
        lines += [f"• {esc(part)}" for part in basis_parts(tr, catalog, current)]
        lines.append("")
    facts = tr.gettext("Where the facts come from")
    lines.append(f"<b>{esc(facts)}</b>")
    for sid in current.sources:
        lines.append(f"• {source_line(tr, catalog.sources[sid])}")
    if any(catalog.sources[s].unofficial for s in current.sources):
        lines += ["", f"<i>{esc(unofficial_note(tr))}</i>"]
    lines += ["", _footer(tr, item)]
    back = OpenSection(topic=item.id, section=current.id)
    return Screen("\n".join(lines), markup(nav_rows(tr, back)))


def topic_contacts(tr: Translator, catalog: Catalog, pack: LanguagePack, item: Topic) -> Screen:
    heading = tr.gettext("Where to get help: {topic}").format(topic=item.title)
    blocks = [f"<b>{esc(heading)}</b>"]
    for cid in item.contacts:
        text = pack.contacts[cid]
        blocks.append(f"{contact_line(tr, catalog.contacts[cid], text)}\n{esc(text.when)}")
    blocks.append(_footer(tr, item))
    cards = [
        button(card_label(catalog, pack, c), OpenContact(contact=c, topic=item.id))
        for c in item.contacts
    ]
    rows = [*pairs(cards), feedback_row(tr, item.id), *nav_rows(tr, OpenTopic(topic=item.id))]
    return Screen("\n\n".join(blocks), markup(rows))


def help_contacts(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    title = tr.gettext("Help contacts")
    lines = [f"<b>{esc(title)}</b>", ""]
    lines += contact_lines(tr, catalog, pack, catalog.help_contacts)
    lines += [
        "",
        esc(tr.gettext("Tap a contact to see when to use it and where the details come from.")),
    ]
    cards = [
        button(card_label(catalog, pack, c), OpenContact(contact=c)) for c in catalog.help_contacts
    ]
    rows = [*pairs(cards), *nav_rows(tr, Go(to=Place.HOME))]
    return Screen("\n".join(lines), markup(rows))


def contact_card(
    tr: Translator, catalog: Catalog, pack: LanguagePack, contact_id: str, origin_topic: str
) -> Screen | None:
    contact = catalog.contacts.get(contact_id)
    text = pack.contacts.get(contact_id)
    if contact is None or text is None or (origin_topic and origin_topic not in pack.topics):
        return None
    lines = [f"<b>{esc(text.name)}</b>"]
    if contact.phone:
        lines.append(f"☎️ <b>{contact.phone}</b>")
    if contact.url:
        href = html.escape(contact.url, quote=True)
        lines.append(f'🌐 <a href="{href}">{esc(contact.url)}</a>')
    if text.who:
        lines.append(f"<i>{esc(text.who)}</i>")
    lines += ["", esc(text.when), ""]
    facts = contact_tags(tr, contact)
    if contact.languages:
        names = ", ".join(tr.language_name(code) for code in contact.languages)
        facts.append(tr.gettext("languages: {names}").format(names=names))
    lines += [f"• {esc(fact)}" for fact in facts]
    domain = urlsplit(contact.source).hostname or contact.source
    source = tr.gettext("Source: {source}, {date}.").format(
        source=f'<a href="{html.escape(contact.source, quote=True)}">{esc(domain)}</a>',
        date=esc(source_date(tr, contact.source_date)),
    )
    if contact.phone:
        checked = tr.gettext(
            "Checked against the source on {date}; the number has not been test-called."
        )
    else:
        checked = tr.gettext("Checked against the source on {date}.")
    checked = checked.format(date=tr.date(contact.verified))
    lines += ["", f"<i>{one_stop(source)} {esc(one_stop(checked))}</i>"]
    back = TopicContacts(topic=origin_topic) if origin_topic else Go(to=Place.HELP)
    return Screen("\n".join(lines), markup(nav_rows(tr, back)))


def regions(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    text = f"<b>{esc(pack.regions.title)}</b>\n\n{pack.regions.choose}"
    buttons = [
        button(region.names[pack.code], OpenRegion(region=region.id))
        for region in catalog.regions.values()
    ]
    return Screen(text, markup([*pairs(buttons), *nav_rows(tr, Go(to=Place.HOME))]))


def region(tr: Translator, catalog: Catalog, pack: LanguagePack, region_id: str) -> Screen | None:
    place = catalog.regions.get(region_id)
    if place is None:
        return None
    name = esc(place.names[pack.code])
    blocks = [f"<b>{esc(pack.regions.title)}: {name}</b>"]
    if place.contacts:
        local = contact_lines(tr, catalog, pack, place.contacts)
        blocks.append("\n".join([f"<b>{esc(pack.regions.local)}</b>", *local]))
        for cid in place.contacts:
            contact, text = catalog.contacts[cid], pack.contacts[cid]
            if contact.phone:  # what a short local number is for, so nobody dials 109 in danger
                blocks[-1] += f"\n<i>{esc(contact.phone)}: {esc(text.when)}</i>"
    else:
        blocks.append(f"<i>{pack.regions.no_local}</i>")
    blocks.append("\n".join(contact_lines(tr, catalog, pack, catalog.region_contacts)))
    return Screen("\n\n".join(blocks), markup(nav_rows(tr, Go(to=Place.REGIONS))))


def language_picker(
    translators: dict[str, Translator], catalog: Catalog, current: Translator | None
) -> Screen:
    """Speaks all three languages, because the user's is not known yet, and shows 112 first."""
    emergency = catalog.contacts[catalog.home_emergency[0]].phone or ""
    lines = [esc(translators[code].gettext("Choose your language")) for code in LANGUAGES]
    lines.append("")
    for code in LANGUAGES:
        call = translators[code].gettext("In danger? Call")
        lines.append(f"🆘 {esc(call)} <b>{emergency}</b>")
    buttons: list[InlineKeyboardButton] = [
        button(translators[code].language_name(code).capitalize(), SetLanguage(code=code))
        for code in LANGUAGES
    ]
    rows = [buttons]
    if current is not None:
        rows += nav_rows(current, None)
    return Screen("\n".join(lines), markup(rows))


def fallback(tr: Translator, catalog: Catalog, pack: LanguagePack) -> Screen:
    lines = [
        esc(tr.gettext("I can only answer with the buttons below. Choose a topic or a contact.")),
        *contact_lines(tr, catalog, pack, catalog.home_emergency),
    ]
    rows = [
        [go(tr.gettext("🏠 Home"), Place.HOME), go(tr.gettext("📞 Help contacts"), Place.HELP)]
    ]
    return Screen("\n".join(lines), markup(rows))
