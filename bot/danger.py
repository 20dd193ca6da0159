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
    """Every language's list is tried on every message: people mix Kazakh and Russian."""

    def __init__(self, keywords: Mapping[str, Iterable[str]]) -> None:
        self._keywords = [
            (lang, keyword)
            for lang, phrases in keywords.items()
            for keyword in map(_keyword, phrases)
            if keyword is not None
        ]

    def match(self, text: str) -> str | None:
        """The language whose keyword matched, or None."""
        found = [(w, skeleton_word(w)) for w in words(text)]
        return next((lang for lang, keyword in self._keywords if keyword.matches(found)), None)
