"""The admin CLI's plain-text tables and times."""

from __future__ import annotations

import datetime as dt

from zndraw_joblib_client import tables

NOW = dt.datetime(2026, 11, 30, 20, 0, 0, tzinfo=dt.UTC)


def test_columns_are_as_wide_as_their_widest_cell_and_none_shows_as_a_dash() -> None:
    text = tables.table(("ID", "STATUS"), [("a", "pending"), ("bbbb", None)])
    assert text.splitlines() == ["ID    STATUS", "a     pending", "bbbb  -"]


def test_an_empty_table_is_its_header() -> None:
    assert tables.table(("ID", "JOB"), []) == "ID  JOB"


def test_ages_are_coarse_and_never_negative() -> None:
    assert tables.age(NOW - dt.timedelta(seconds=12), NOW) == "12s"
    assert tables.age(NOW - dt.timedelta(minutes=4, seconds=59), NOW) == "4m"
    assert tables.age(NOW - dt.timedelta(hours=3), NOW) == "3h"
    assert tables.age(NOW - dt.timedelta(days=2, hours=5), NOW) == "2d"
    assert tables.age(NOW + dt.timedelta(seconds=5), NOW) == "0s"  # a clock a little ahead
    assert tables.age(None, NOW) == "-"


def test_times_are_shown_in_utc_to_the_second() -> None:
    local = dt.datetime(2026, 11, 30, 21, 14, 3, 999, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert tables.when(local) == "2026-11-30 20:14:03"
    assert tables.when(None) == "-"
