"""`Prefer: wait=N` parsing: anywhere in the header, bounded, unknown preferences ignored."""

from __future__ import annotations

import pytest

from zndraw_joblib.prefer import applied, effective_wait, requested_wait


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("wait=10", 10),
        ("respond-async, wait=5", 5),
        ("handling=lenient; wait=7", 7),
        ('wait="3"', 3),
        ("WAIT=2", 2),
        ("return=minimal", None),
        ("await=5", None),
        ("wait=abc", None),
        ("wait=1.5", 1.5),
        ("wait=99999999999999999999", 1e20),
        ("", None),
        (None, None),
    ],
)
def test_requested_wait_finds_wait_anywhere(header: str | None, expected: float | None) -> None:
    assert requested_wait(header) == expected


def test_the_effective_wait_never_exceeds_the_maximum() -> None:
    assert effective_wait("wait=100", default=None, maximum=60) == 60
    assert effective_wait("wait=3", default=None, maximum=60) == 3
    assert effective_wait(None, default=None, maximum=60) is None
    assert effective_wait(None, default=5, maximum=2) == 2
    assert effective_wait("wait=99999999999999999999", default=None, maximum=60) == 60  # huge means the maximum
    assert applied(2.7) == "wait=2.7"
    assert applied(30) == "wait=30"
    assert applied(2.0000001) == "wait=2"
