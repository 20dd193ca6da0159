"""Anonymous usage statistics: aggregated daily counters, never anything about a person."""

from .events import EVENTS, Event
from .store import StatsStore

__all__ = ["EVENTS", "Event", "StatsStore"]
