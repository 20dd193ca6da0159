"""Rights content: loading, validation and the immutable catalog. Knows nothing of aiogram."""

from .loader import load_catalog
from .model import (
    LANGUAGES,
    Catalog,
    Citation,
    Contact,
    ContactText,
    Html,
    LanguagePack,
    Law,
    Region,
    RegionTexts,
    Safety,
    Section,
    SelfCheck,
    Source,
    Topic,
)
from .problems import ContentError, Location, Problem
from .rules import unknown_numbers

__all__ = [
    "LANGUAGES",
    "Catalog",
    "Citation",
    "Contact",
    "ContactText",
    "ContentError",
    "Html",
    "LanguagePack",
    "Law",
    "Location",
    "Problem",
    "Region",
    "RegionTexts",
    "Safety",
    "Section",
    "SelfCheck",
    "Source",
    "Topic",
    "load_catalog",
    "unknown_numbers",
]
