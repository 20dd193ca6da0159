"""What runs around every handler, in the order updates meet it (see bot.app):
inflight (shutdown waits for it), tracking (message ids for the quick exit), context (the
user's language, the danger-words match) and flood (per-person throttling, read from flags)."""
