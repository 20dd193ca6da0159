"""What search looks at: one document per topic (title, summary, keywords) and per section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content import Catalog

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Document:
    lang: str
    topic: str
    section: str | None  # None for the topic's own document
    text: str
    weight: float  # topic titles and keywords count more than body text


def documents(catalog: Catalog) -> list[Document]:
    docs = []
    for lang, pack in catalog.languages.items():
        for topic in pack.topics.values():
            head = " ".join([topic.title, topic.title, *topic.keywords])
            docs.append(Document(lang, topic.id, None, head, 1.0))
            docs.append(Document(lang, topic.id, None, _TAG.sub(" ", topic.summary), 0.6))
            for section in topic.sections:
                body = f"{section.title} {section.title} {_TAG.sub(' ', section.text)}"
                docs.append(Document(lang, topic.id, section.id, body, 0.7))
                if section.keywords:  # how people ask this section's own question
                    asked = " ".join([section.title, *section.keywords])
                    docs.append(Document(lang, topic.id, section.id, asked, 1.0))
    return docs
