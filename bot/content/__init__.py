"""Rights content: loading, validation and the immutable catalog. Knows nothing of aiogram."""

from .loader import load_catalog, unknown_numbers
from .model import (
    LANGUAGES,
    Catalog,
    Contact,
    ContactText,
    LanguagePack,
    Region,
    RegionTexts,
    Safety,
    Section,
    SelfCheck,
    Topic,
)
from .problems import ContentError, Location, Problem

__all__ = [
    "LANGUAGES",
    "Catalog",
    "Contact",
    "ContactText",
    "ContentError",
    "LanguagePack",
    "Location",
    "Problem",
    "Region",
    "RegionTexts",
    "Safety",
    "Section",
    "SelfCheck",
    "Topic",
    "load_catalog",
    "unknown_numbers",
]
