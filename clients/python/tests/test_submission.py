"""Which idempotency key each chunk of a long `submit_many` carries (no server needed)."""

from __future__ import annotations

from zndraw_joblib_client._generated.types import UNSET
from zndraw_joblib_client.submission import chunk_key


def test_one_chunk_carries_the_key_itself() -> None:
    assert chunk_key("frames", 0, 1) == "frames"


def test_each_of_several_chunks_carries_its_own_key() -> None:
    assert [chunk_key("frames", i, 3) for i in range(3)] == ["frames-0", "frames-1", "frames-2"]


def test_without_a_key_no_chunk_carries_one() -> None:
    assert chunk_key(None, 0, 1) is UNSET
    assert chunk_key(None, 2, 3) is UNSET
