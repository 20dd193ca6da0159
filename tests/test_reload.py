"""Content reloads while people are being answered: built in a child process, so chats do not
wait for it; what it replaces is freed; a child that fails leaves the old content served."""

from __future__ import annotations

import asyncio
import gc
import weakref

from bot import content_store
from bot.content_store import ContentStore

from .bot_api_double import User
from .helpers import Person, make_services, polling, replace

LABOUR = "en/topics/labour.yaml"


async def test_people_are_answered_while_new_content_is_built(
    content, api, catalog, translators, stats
):
    services = make_services(catalog, translators, stats, content_dir=content)
    async with polling(api, services):
        person = Person(api, User(id=4242, language_code="en"))
        replace(content, LABOUR, 'title: "Labour rights"', 'title: "Work and labour rights"')
        reload = asyncio.create_task(services.content.reload())
        await asyncio.sleep(0)  # the child process is starting
        assert "Choose a topic" in await person.send("/start")
        assert not reload.done()  # answered while the new content was still being built
        assert "Labour rights" in person.labels()  # the old content, whole
        assert await reload == []
        await person.send("/start")
        assert "Work and labour rights" in person.labels()


async def test_replaced_content_is_freed_although_it_was_frozen(content, catalog):
    store = ContentStore(catalog, content)
    try:
        assert await store.reload() == []
        built = weakref.ref(store.catalog), weakref.ref(store.search), weakref.ref(store.danger)
        assert await store.reload() == []
        gc.collect()
        # Freezing exempts objects from the collector: had the catalog, the index or the
        # matcher a reference cycle, every reload would leak the one it replaced.
        assert [ref() for ref in built] == [None, None, None]
    finally:
        gc.unfreeze()


async def test_a_child_that_fails_leaves_the_old_content_served(content, catalog, monkeypatch):
    store = ContentStore(catalog, content)
    monkeypatch.setattr(content_store.sys, "executable", "/nonexistent/python")
    (problem,) = await store.reload()
    assert "could not be built" in problem.message
    assert store.catalog is catalog
    assert store.version == 1


async def test_a_broken_file_is_reported_from_the_child_with_its_line(content, catalog):
    store = ContentStore(catalog, content)
    replace(content, LABOUR, 'title: "Labour rights"', 'title: "<br>Labour rights"')
    problems = await store.reload()
    assert problems
    assert all(str(p).startswith("content/en/topics/labour.yaml:") for p in problems)
    assert store.catalog is catalog
