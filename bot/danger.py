"""Recognises free text that signals immediate danger, from the editors' keyword lists.

A keyword word matches a text word when their skeletons match (so Cyrillic, Latin and
Kazakh-typed-in-Russian spellings meet) or, for plain English, when the words themselves do.
A trailing * makes a keyword word a stem; words of a phrase must come in order, with at most
MAX_GAP other words between them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .textnorm import skeleton_word, words

MAX_GAP = 2

Word = tuple[str, str]  # (lower-case word, skeleton)


@dataclass(frozen=True)
class _KeywordWord:
    plain: str
    skel: str
    stem: bool

    def matches(self, word: Word) -> bool:
        if self.stem:
            return word[0].startswith(self.plain) or word[1].startswith(self.skel)
        return word[0] == self.plain or word[1] == self.skel


@dataclass(frozen=True)
class _Keyword:
    words: tuple[_KeywordWord, ...]

    def matches(self, text: list[Word]) -> bool:
        return any(self._matches_from(text, start) for start in range(len(text)))

    def _matches_from(self, text: list[Word], start: int) -> bool:
        position = start
        for index, expected in enumerate(self.words):
            reach = 1 if index == 0 else MAX_GAP + 1
            found = next(
                (
                    i
                    for i in range(position, min(len(text), position + reach))
                    if expected.matches(text[i])
                ),
                None,
            )
            if found is None:
                return False
            position = found + 1
        return True


def _keyword(phrase: str) -> _Keyword | None:
    parts = []
    for raw in phrase.lower().split():
        stem = raw.endswith("*")
        plain = raw.rstrip("*")
        skel = skeleton_word(plain)
        if skel:
            parts.append(_KeywordWord(plain, skel, stem))
    return _Keyword(tuple(parts)) if parts else None


class DangerMatcher:
    """Every language's list is tried on every message: people mix Kazakh and Russian.

    Keywords are indexed by their first word (exact words in a dict, stems by length), so a
    message costs a few lookups per word instead of a pass over every keyword.
    """

    def __init__(self, keywords: Mapping[str, Iterable[str]]) -> None:
        self._order: dict[int, int] = {}  # keyword -> position, so the first listed wins
        self._exact: dict[str, list[tuple[int, str, _Keyword]]] = {}
        self._stems: dict[int, dict[str, list[tuple[int, str, _Keyword]]]] = {}
        position = 0
        for lang, phrases in keywords.items():
            for keyword in map(_keyword, phrases):
                if keyword is None:
                    continue
                entry = (position, lang, keyword)
                first = keyword.words[0]
                for form in {first.plain, first.skel}:
                    if first.stem:
                        self._stems.setdefault(len(form), {}).setdefault(form, []).append(entry)
                    else:
                        self._exact.setdefault(form, []).append(entry)
                position += 1

    def match(self, text: str) -> str | None:
        """The language of the first listed keyword found in `text`, or None."""
        found = [(w, skeleton_word(w)) for w in words(text)]
        best: tuple[int, str] | None = None
        for start, (plain, skel) in enumerate(found):
            for position, lang, keyword in self._candidates(plain, skel):
                if (best is None or position < best[0]) and keyword._matches_from(found, start):
                    best = (position, lang)
        return best[1] if best else None

    def _candidates(self, plain: str, skel: str) -> list[tuple[int, str, _Keyword]]:
        candidates = [*self._exact.get(plain, ()), *self._exact.get(skel, ())]
        for length, stems in self._stems.items():
            for form in {plain[:length], skel[:length]}:
                candidates.extend(stems.get(form, ()))
        return candidates
