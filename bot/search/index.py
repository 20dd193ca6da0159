"""Two ways to rank topics for a free-text question, chosen by measurement (bench/search_eval.py).

Both work on the Latin skeleton of the text (bot.textnorm), so Kazakh typed with Russian
letters, transliteration and mixed kk/ru meet the content's own spelling.

- "trigram": TF-IDF cosine over character trigrams of skeleton words. Robust to typos and to
  Kazakh and Russian endings without a stemmer.
- "bm25": BM25 over skeleton words cut to their first 5 letters (a crude stem).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..content import Catalog
from ..textnorm import skeleton
from .documents import Document, documents

STEM = 5
# Scores below this are "nothing found"; chosen on the evaluation set (see the README).
MIN_SCORE = {"trigram": 0.08, "bm25": 1.5}
# A topic is offered at its best section when that section scores at least this share of the
# topic's best match (chosen on the labelled queries, see README).
SECTION_FIT = 0.5
# How much clearer a match must be in another language than the user's own.
OTHER_LANGUAGES_BAR = 2.0


@dataclass(frozen=True)
class Hit:
    topic: str
    section: str | None
    score: float


# Words that say nothing about a topic, in kk, ru and en (as skeletons, see bot.textnorm).
STOPWORDS = frozenset(
    skeleton(
        "и в во на не что как если это я мне меня мой моя мои ты вы он она они мы его ее их "
        "а но или да нет же ли бы то так там тут где когда кто чем чтобы для по за из от до "
        "у о об при с со к ко уже еще ещё очень можно нужно надо есть быть был была было "
        "мен сен ол біз сіз олар бұл осы сол не қалай және мен де да ма ме ба бе па пе "
        "менің сенің оның бар жоқ керек болады үшін туралы қайда неге кім "
        "the a an is are was were be been am i me my you your he she it its we they them "
        "their this that what how when where who why which to of in on at for with from by "
        "and or but not no do does did can could should would will have has had if so "
        "please hi hello hey thanks thank ok okay привет здравствуйте спасибо сәлем рахмет"
    )
)


def _words(text: str) -> list[str]:
    return [w for w in skeleton(text) if len(w) > 1 and w not in STOPWORDS]


def trigrams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in _words(text):
        padded = f" {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def stems(text: str) -> Counter[str]:
    return Counter(word[:STEM] for word in _words(text))


class Postings:
    """One language's inverted index, flat: a feature's documents and weights are the slice
    `span` of two arrays. A few objects instead of one per posting, so the index is quick to
    send between processes (a reload builds it in another one) and light for the collector."""

    __slots__ = ("docs", "spans", "weights")

    def __init__(self, lists: dict[str, list[tuple[int, float]]]) -> None:
        self.spans: dict[str, tuple[int, int]] = {}
        self.docs = array("I")
        self.weights = array("d")
        for feature, entries in lists.items():
            start = len(self.docs)
            self.docs.extend(doc for doc, _ in entries)
            self.weights.extend(weight for _, weight in entries)
            self.spans[feature] = (start, len(self.docs))

    def __getstate__(self) -> tuple[dict[str, tuple[int, int]], bytes, bytes]:
        return self.spans, self.docs.tobytes(), self.weights.tobytes()

    def __setstate__(self, state: tuple[dict[str, tuple[int, int]], bytes, bytes]) -> None:
        self.spans, docs, weights = state
        self.docs = array("I")
        self.docs.frombytes(docs)
        self.weights = array("d")
        self.weights.frombytes(weights)

    def add_scores(self, query: dict[str, float], scores: dict[int, float]) -> None:
        docs, weights, spans = self.docs, self.weights, self.spans
        for feature, v in query.items():
            span = spans.get(feature)
            if span is not None:
                start, end = span
                for doc, weight in zip(docs[start:end], weights[start:end], strict=True):
                    scores[doc] += v * weight


class SearchIndex:
    """An inverted index over one feature (trigrams or stems) with its own scoring."""

    def __init__(self, docs: list[Document], method: str = "trigram") -> None:
        self.method = method
        self.min_score = MIN_SCORE[method]
        self._docs = docs
        self._features = trigrams if method == "trigram" else stems
        # Postings per language: a question is scored against its own language first, and
        # against the others only if that finds nothing (a third of the work, same scores).
        lists: dict[str, dict[str, list[tuple[int, float]]]] = {}
        features = [self._features(doc.text) for doc in docs]
        df: Counter[str] = Counter(f for feats in features for f in feats)
        n = len(docs)
        self._idf = {f: math.log(1 + (n - d + 0.5) / (d + 0.5)) for f, d in df.items()}
        lengths = [sum(feats.values()) for feats in features]
        self._avg = sum(lengths) / max(1, n)
        for i, feats in enumerate(features):
            postings = lists.setdefault(docs[i].lang, defaultdict(list))
            if method == "trigram":
                vector = {f: (1 + math.log(c)) * self._idf[f] for f, c in feats.items()}
                norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
                for f, v in vector.items():
                    postings[f].append((i, v / norm))
            else:
                k1, b = 1.2, 0.75
                for f, c in feats.items():
                    tf = c * (k1 + 1) / (c + k1 * (1 - b + b * lengths[i] / self._avg))
                    postings[f].append((i, tf * self._idf[f]))
        self._postings = {lang: Postings(features) for lang, features in lists.items()}

    def _query(self, text: str) -> dict[str, float]:
        """The question's features with their weights."""
        query = self._features(text)
        if self.method != "trigram":
            return dict.fromkeys(query, 1.0)
        vector = {f: (1 + math.log(c)) * self._idf[f] for f, c in query.items() if f in self._idf}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {f: v / norm for f, v in vector.items()}

    def _scores(self, query: dict[str, float], langs: set[str]) -> dict[int, float]:
        scores: dict[int, float] = defaultdict(float)
        for lang in langs:
            postings = self._postings.get(lang)
            if postings is not None:
                postings.add_scores(query, scores)
        return scores

    def search(self, text: str, lang: str, limit: int = 3) -> list[Hit]:
        """Best topics for `text` in `lang`; if none is good enough, in the other languages."""
        query = self._query(text)
        hits = self._rank(self._scores(query, {lang}), limit, self.min_score)
        if not hits:
            # In the other languages a single shared trigram can pass the bar ("qwerty" meets
            # Russian «квартиры»), so a match there must be clearer.
            others = set(self._postings) - {lang}
            floor = self.min_score * OTHER_LANGUAGES_BAR
            hits = self._rank(self._scores(query, others), limit, floor)
        return hits

    def _rank(self, scores: dict[int, float], limit: int, floor: float) -> list[Hit]:
        """The best topics, each offered at its best-fitting section when that section fits
        nearly as well as the topic does (so a concrete question opens its answer); a
        topic's second section may take a place when it fits better than the next topic."""
        topics: dict[str, float] = {}
        # topic -> its two best sections, best first: [(fit, section id), ...]
        sections: dict[str, list[tuple[float, str]]] = {}
        docs = self._docs
        for i, score in scores.items():
            doc = docs[i]
            weighted = score * doc.weight
            if weighted > topics.get(doc.topic, 0.0):
                topics[doc.topic] = weighted
            if doc.section is None:
                continue
            best = sections.setdefault(doc.topic, [])
            for place, (fit, sid) in enumerate(best):
                if sid == doc.section:
                    if weighted > fit:
                        best[place] = (weighted, sid)
                        best.sort(reverse=True)
                    break
            else:
                best.append((weighted, doc.section))
                best.sort(reverse=True)
                del best[2:]
        candidates: list[Hit] = []
        for topic, score in topics.items():
            if score < floor:
                continue
            fitting = [sid for fit, sid in sections.get(topic, ()) if fit >= SECTION_FIT * score]
            candidates.append(Hit(topic, fitting[0] if fitting else None, score))
            if len(fitting) > 1:
                second = sections[topic][1][0]
                if second >= floor:
                    candidates.append(Hit(topic, fitting[1], second))
        candidates.sort(key=lambda hit: -hit.score)
        return candidates[:limit]


def build_index(catalog: Catalog, method: str = "trigram") -> SearchIndex:
    return SearchIndex(documents(catalog), method)
