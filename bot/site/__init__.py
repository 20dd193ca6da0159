"""The browser preview for editors (`python -m bot preview`): every screen the bot can show,
in kk, ru and en side by side, drawn from the bot's own screens by pressing every button of
the real dispatcher, with what `bot check` finds marked where the text is.

crawl (the screens) → places and badges (what is wrong where) → pages and html (drawing) →
build (the site on disk) and serve (the same pages, rebuilt on every save).
"""
