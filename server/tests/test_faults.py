"""Recognising outages and not counting them as silence: pure decisions, no server."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
import sqlalchemy.exc
from redis import exceptions as redis_exceptions

from zndraw_joblib import faults

T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_without_outages_the_cutoff_is_now_minus_the_timeout() -> None:
    assert faults.silence_cutoff([], at(100), timedelta(seconds=60)) == at(40)


def test_an_outage_after_the_cutoff_moves_it_back_by_its_length() -> None:
    assert faults.silence_cutoff([(at(50), at(80))], at(100), timedelta(seconds=60)) == at(10)


def test_an_outage_uncovered_by_moving_back_counts_too() -> None:
    # 60 s timeout; outage A [70, 90] moves the cutoff to 20, which uncovers outage B [25, 35].
    outages = [(at(70), at(90)), (at(25), at(35))]
    assert faults.silence_cutoff(outages, at(100), timedelta(seconds=60)) == at(10)


def test_overlapping_outages_are_not_counted_twice() -> None:
    outages = [(at(50), at(80)), (at(60), at(70)), (at(75), at(85))]
    assert faults.silence_cutoff(outages, at(100), timedelta(seconds=60)) == at(5)


def test_an_outage_before_the_cutoff_changes_nothing() -> None:
    assert faults.silence_cutoff([(at(0), at(30))], at(100), timedelta(seconds=60)) == at(40)


def test_nothing_is_swept_while_the_database_is_down_and_the_outage_is_remembered() -> None:
    now = [at(0)]
    outages = faults.Outages(clock=lambda: now[0])
    outages.failed(OSError("refused"))
    now[0] = at(90)
    assert outages.silence_cutoff(now[0], 60) is None
    outages.succeeded()
    now[0] = at(100)
    assert outages.silence_cutoff(now[0], 60) == at(-50)


def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends(caplog: pytest.LogCaptureFixture) -> None:
    log = faults.OutageLog("redis", logging.getLogger("test-outage"))
    with caplog.at_level(logging.INFO, logger="test-outage"):
        for _ in range(1800):
            log.failed(redis_exceptions.ConnectionError("refused"))
        log.succeeded()
        log.succeeded()
    assert len(caplog.records) == 2
    assert "unreachable" in caplog.records[0].getMessage()
    assert "1799 more failures" in caplog.records[1].getMessage()


@pytest.mark.parametrize(
    "exc",
    [
        ConnectionRefusedError(111, "refused"),
        TimeoutError(),
        asyncpg.exceptions.ConnectionDoesNotExistError("closed in the middle of operation"),
        asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        sqlalchemy.exc.TimeoutError("QueuePool limit reached"),
        sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("database is locked")),
        redis_exceptions.TimeoutError("Timeout reading from socket"),
    ],
)
def test_lost_connections_and_timeouts_are_unavailability(exc: BaseException) -> None:
    assert faults.is_unavailable(exc)


def test_a_wrapped_disconnect_is_recognised_through_its_cause() -> None:
    inner = asyncpg.exceptions.ConnectionDoesNotExistError("gone")
    outer = sqlalchemy.exc.DBAPIError("SELECT 1", {}, inner)
    outer.__cause__ = inner
    assert faults.unavailable_dependency(outer) == "The database"
    assert faults.unavailable_dependency(redis_exceptions.ConnectionError("x")) == "Redis"


@pytest.mark.parametrize(
    "exc",
    [
        sqlalchemy.exc.IntegrityError("INSERT", {}, Exception("duplicate key")),
        sqlalchemy.exc.DataError("INSERT", {}, Exception("invalid byte sequence")),
        ValueError("a bug"),
    ],
)
def test_bad_input_and_bugs_are_not_unavailability(exc: BaseException) -> None:
    assert not faults.is_unavailable(exc)
