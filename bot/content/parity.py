"""kk, ru and en offer the same topics, sections, sources, contacts and self-check questions.

A difference is reported in the file of the language that differs from the other two, so an
editor who changed one language is pointed at that file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from .model import LanguagePack
from .problems import Location
from .reader import Reader
from .registry import rel


class LoadedPack(NamedTuple):
    pack: LanguagePack
    files: dict[str, str]  # topic id -> the file it was read from


def majority(values: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], list[str]]:
    """The value most languages share (en's on a tie) and the languages that differ from it."""
    counts = Counter(values.values())
    best = max(values.values(), key=lambda v: (counts[v], v == values.get("en")))
    return best, [lang for lang, value in values.items() if value != best]


def _en_first(lang: str) -> tuple[bool, str]:
    return (lang != "en", lang)


def check_parity(packs: dict[str, LoadedPack], reader: Reader, root: Path) -> None:
    def report(
        values: dict[str, tuple[str, ...]], what: str, where: Callable[[str], Location], hint: str
    ) -> None:
        best, odd = majority(values)
        for lang in odd:
            others = " and ".join(sorted((x for x in values if x != lang), key=_en_first))
            reader.error(
                where(lang),
                f"{what} differ from {others}: {list(values[lang])} vs {list(best)}",
                hint,
            )

    questions = {lang: loaded.pack.safety.selfcheck.questions for lang, loaded in packs.items()}
    report(
        {lang: (str(len(q)),) for lang, q in questions.items()},
        "the numbers of self-check questions",
        lambda lang: Location(rel(root, root / lang / "safety.yaml"), 1, 1),
        "ask the same questions in every language",
    )
    # "who runs it" and the card line are optional, but then in every language or in none.
    contact_ids = set.intersection(*(set(loaded.pack.contacts) for loaded in packs.values()))
    for cid in sorted(contact_ids):
        for key in ("who", "card"):
            report(
                {
                    lang: (key,) if getattr(loaded.pack.contacts[cid], key) else ()
                    for lang, loaded in packs.items()
                },
                f"{cid}: '{key}' lines",
                lambda lang: Location(rel(root, root / lang / "contacts.yaml"), 1, 1),
                f"write '{key}' in every language, or in none",
            )
    # Topics missing in a language are reported by the menu check; compare the rest.
    shared = set.intersection(*(set(loaded.pack.topics) for loaded in packs.values()))
    for tid in sorted(shared):

        def where(lang: str, tid: str = tid) -> Location:
            return Location(packs[lang].files[tid], 1, 1)

        topics = {lang: loaded.pack.topics[tid] for lang, loaded in packs.items()}
        report(
            {lang: t.contacts for lang, t in topics.items()},
            "contacts",
            where,
            "use the same contacts in every language",
        )
        ids = {lang: tuple(s.id for s in t.sections) for lang, t in topics.items()}
        report(
            ids, "sections", where, "use the same section ids in the same order in every language"
        )
        if len(set(ids.values())) > 1:
            continue
        for index, sid in enumerate(ids["en"]):
            sections = {lang: t.sections[index] for lang, t in topics.items()}
            report(
                {lang: s.sources for lang, s in sections.items()},
                f"{sid}: sources",
                where,
                "cite the same sources, in the same order, in every language",
            )
            report(
                {
                    lang: tuple(f"{c.law} {c.article or ''}".strip() for c in s.basis)
                    for lang, s in sections.items()
                },
                f"{sid}: legal basis",
                where,
                "give the same legal basis in every language",
            )
