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
    Section,
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
    "Section",
    "Topic",
    "load_catalog",
    "unknown_numbers",
]
