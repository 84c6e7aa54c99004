"""The in-process bus and the wake-ups that carry their waiters' answer."""

from __future__ import annotations

import pytest

from zndraw_joblib.realtime import bus
from zndraw_joblib.realtime.bus import MemoryBus, Stamped, with_answer
from zndraw_joblib.realtime.emit import NullEmitter, Outbox


def test_an_answer_travels_after_the_hint_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bus, "ANSWER_LIMIT", 10)
    assert with_answer("completed", '{"a":"b"}') == 'completed\n{"a":"b"}'
    assert with_answer("completed", '{"a":"bcdefgh"}') == "completed"  # too big: the waiters read it


def test_a_message_is_split_once_into_its_hint_and_answer() -> None:
    carried = Stamped.now('failed\n{"error":"line one\\nline two","x":"ü"}')
    assert carried.hint == "failed"
    assert carried.answer == '{"error":"line one\\nline two","x":"ü"}'.encode()
    plain = Stamped.now("ready")
    assert (plain.hint, plain.answer) == ("ready", None)


async def test_a_waiter_hears_the_answer_of_its_last_wake_up_only() -> None:
    memory = MemoryBus()
    assert not memory.listens("task:1")
    async with memory.subscribe("task:1") as subscription:
        assert memory.listens("task:1")
        assert not memory.listens("task:2")
        await memory.publish("task:1", with_answer("completed", "{}"))
        assert await subscription.wait(1) == "completed"
        assert subscription.answer == b"{}"
        await memory.publish("task:1", "recheck")
        assert await subscription.wait(1) == "recheck"
        assert subscription.answer is None
    assert not memory.listens("task:1")


async def test_the_outbox_builds_an_answer_only_when_someone_may_hear_it() -> None:
    memory = MemoryBus()
    built: list[str] = []

    def answer(channel: str) -> str:
        built.append(channel)
        return f'{{"id":"{channel}"}}'

    outbox = Outbox()
    outbox.notify("task:heard", "completed", lambda: answer("task:heard"))
    outbox.notify("task:unheard", "completed", lambda: answer("task:unheard"))
    async with memory.subscribe("task:heard") as subscription:
        await outbox.deliver(NullEmitter(), memory)
        assert await subscription.wait(1) == "completed"
        assert subscription.answer == b'{"id":"task:heard"}'
    assert built == ["task:heard"]
