"""One rough Latin skeleton for Kazakh, Russian and English as people really type them.

Kazakh typed with Russian letters (қ->к, ә->а ...), Russian or Kazakh in Latin letters and the
original Cyrillic all reduce to the same skeleton, so one keyword covers every spelling.
"""

from __future__ import annotations

import re

_CYRILLIC = str.maketrans(
    {
        "ә": "a",
        "ғ": "g",
        "қ": "k",
        "ң": "n",
        "ө": "o",
        "ұ": "u",
        "ү": "u",
        "һ": "h",
        "і": "i",
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "j",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "c",
        "ч": "c",
        "ш": "s",
        "щ": "s",
        "ъ": "",
        "ы": "i",
        "ь": "",
        "э": "e",
        "ю": "iu",
        "я": "ia",
    }
)
# Latin digraphs first (longest first), then single letters.
# Vowel digraphs before "zh", so the j that "zh" becomes is not read as the j of "ja".
_LATIN_DIGRAPHS = (
    ("ya", "ia"), ("ja", "ia"), ("yu", "iu"), ("ju", "iu"), ("ye", "e"), ("yo", "o"),
    ("shch", "s"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("zh", "j"), ("kh", "h"),
    ("ts", "c"),
)  # fmt: skip
_LATIN = str.maketrans({"y": "i", "x": "h", "w": "v", "q": "k", "'": "", "`": "", "’": ""})
_WORD = re.compile(r"[0-9a-zа-яёәғқңөұүһі'’`]+")


_HAS_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")


def skeleton_word(word: str) -> str:
    word = word.lower()
    if _HAS_CYRILLIC.search(word):
        # Cyrillic maps straight to the skeleton; the Latin digraph rules must not run on its
        # output (ж+а would become "ja" and then "ia").
        return word.translate(_CYRILLIC).translate(_LATIN)
    for digraph, letter in _LATIN_DIGRAPHS:
        word = word.replace(digraph, letter)
    return word.translate(_LATIN)


def words(text: str) -> list[str]:
    """Lower-case words of `text`; punctuation and emoji dropped."""
    return _WORD.findall(text.lower())


def skeleton(text: str) -> list[str]:
    """Words of `text` as skeletons."""
    return [w for w in (skeleton_word(m) for m in words(text)) if w]
