"""The quick exit's memory of message ids: small, bounded, oldest dropped first, nothing kept
past Telegram's 48-hour delete window."""

from __future__ import annotations

import asyncio

from bot.conversation import DELETE_WINDOW, ConversationLog


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_quick_exit_gets_the_chats_ids_oldest_first_once():
    log = ConversationLog()
    for message_id in (5, 6, 9):
        await log.add(1, message_id)
    await log.add(2, 7)
    assert await log.take(1) == [5, 6, 9]
    assert await log.take(1) == []
    assert await log.take(2) == [7]
    assert log.remembered == 0


async def test_the_ceiling_drops_the_oldest_message_of_all_first():
    clock = Clock()
    log = ConversationLog(ceiling=4, clock=clock)
    await log.add(1, 100)  # the oldest of all
    clock.now += 1
    await log.add(2, 200)
    clock.now += 1
    await log.add(1, 101)  # chat 1 is the most recent, but holds the oldest message
    clock.now += 1
    await log.add(3, 300)
    clock.now += 1
    await log.add(2, 201)  # a fifth message: 100 goes
    assert log.remembered == 4
    clock.now += 1
    await log.add(3, 301)  # a sixth: then 200
    assert log.remembered == 4
    assert await log.take(1) == [101]
    assert await log.take(2) == [201]
    assert await log.take(3) == [300, 301]


async def test_the_ceiling_holds_under_many_chats():
    log = ConversationLog(ceiling=1000, chats=10_000)
    for n in range(5000):
        await log.add(n % 700, n + 1)
    assert log.remembered == 1000
    kept = [i for chat in range(700) for i in await log.take(chat)]
    assert sorted(kept) == list(range(4001, 5001))  # the newest thousand, from every chat


async def test_too_many_chats_drop_the_chat_with_the_oldest_message():
    clock = Clock()
    log = ConversationLog(chats=2, clock=clock)
    await log.add(1, 10)
    clock.now += 1
    await log.add(2, 20)
    clock.now += 1
    await log.add(1, 11)
    await log.add(3, 30)  # chat 1 holds the oldest message: it goes, whole
    assert await log.take(1) == []
    assert await log.take(2) == [20]
    assert await log.take(3) == [30]


async def test_one_chat_keeps_its_newest_messages():
    log = ConversationLog(per_chat=3)
    for message_id in range(1, 6):
        await log.add(1, message_id)
    assert await log.take(1) == [3, 4, 5]


async def test_ids_past_the_delete_window_are_not_offered_and_are_dropped():
    clock = Clock()
    log = ConversationLog(clock=clock)
    await log.add(1, 10)
    await log.add(2, 20)
    clock.now += DELETE_WINDOW - 5
    await log.add(1, 11)
    clock.now += 10  # 10 and 20 are now too old for Telegram to delete
    assert await log.take(1) == [11]
    assert log.expire() == 1  # 20 goes; nothing else was old
    assert log.remembered == 0
    assert len(log) == 0


async def test_the_timer_drops_expired_ids_while_the_bot_is_idle():
    clock = Clock()
    log = ConversationLog(clock=clock)
    for message_id in range(1, 101):
        await log.add(message_id % 7, message_id)
    clock.now += DELETE_WINDOW + 1
    log.start(every=0.01)
    try:
        for _ in range(100):
            if log.remembered == 0:
                break
            await asyncio.sleep(0.01)
    finally:
        await log.stop()
    assert log.remembered == 0
    assert len(log) == 0


async def test_what_is_not_a_message_id_is_not_kept():
    log = ConversationLog()
    for message_id in (0, -3, 2**40):
        await log.add(1, message_id)
    assert log.remembered == 0
    await log.forget(1)
    assert await log.take(1) == []


async def test_forget_and_take_keep_the_count_right_for_the_ceiling():
    log = ConversationLog(ceiling=3)
    await log.add(1, 1)
    await log.add(1, 2)
    await log.forget(1)
    for message_id in (3, 4, 5):
        await log.add(2, message_id)
    assert await log.take(2) == [3, 4, 5]  # nothing of chat 2 was dropped for chat 1's sake
