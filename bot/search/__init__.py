"""Free-text search over the topics and sections of every language. Knows nothing of aiogram."""

from .index import Hit, SearchIndex, build_index

__all__ = ["Hit", "SearchIndex", "build_index"]
