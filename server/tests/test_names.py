"""Room ids and full names: what is accepted, what is refused and why."""

from __future__ import annotations

import pytest

from zndraw_joblib import names, problems


@pytest.mark.parametrize("room_id", ["@global", "@internal", "room_42", "a", "A.b~c-d_e", "x" * 128])
def test_valid_room_ids_are_returned_unchanged(room_id: str) -> None:
    assert names.check_room_id(room_id) == room_id


@pytest.mark.parametrize(
    ("room_id", "reason"),
    [
        ("", "empty"),
        ("a:b", "'@' or ':'"),
        ("@other", "'@' or ':'"),
        ("x" * 129, "at most 128"),
        (".hidden", "must not start with '.'"),
        ("sp ace", "may only use"),
        ("slash/room", "may only use"),
    ],
)
def test_invalid_room_ids_raise_invalid_room_id_saying_why(room_id: str, reason: str) -> None:
    with pytest.raises(problems.InvalidRoomId) as caught:
        names.check_room_id(room_id)
    assert reason in str(caught.value.detail)


def test_full_names_split_on_the_first_two_colons_only() -> None:
    parsed = names.parse_full_name("room_1:analysis:RDF:v2/fast")
    assert parsed == names.FullName("room_1", "analysis", "RDF:v2/fast")
    assert str(parsed) == "room_1:analysis:RDF:v2/fast"


@pytest.mark.parametrize("full_name", ["", "a", "a:b", "a::c", ":b:c", "a:b:", "bad room:b:c", "a:b c:d", "a:b:\x00"])
def test_malformed_full_names_parse_to_none(full_name: str) -> None:
    assert names.parse_full_name(full_name) is None


def test_visibility_global_sees_global_internal_sees_internal_rooms_see_all_three() -> None:
    assert names.rooms_visible_from("@global") == ("@global",)
    assert names.rooms_visible_from("@internal") == ("@internal",)
    assert set(names.rooms_visible_from("r")) == {"@global", "@internal", "r"}


def test_providers_are_never_visible_from_internal() -> None:
    assert names.rooms_visible_from("@internal", include_internal=False) == ()
    assert set(names.rooms_visible_from("r", include_internal=False)) == {"@global", "r"}
