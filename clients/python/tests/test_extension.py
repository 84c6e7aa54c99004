"""`Extension`, `Category`, `Provider`: names, schemas and result encoding."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError
from typing_extensions import override

from zndraw_joblib_client import Category, ClaimedTask, Extension, Provider
from zndraw_joblib_client.extension import category_of, full_name
from zndraw_joblib_client.provider import encode_result, parse_params


class Rotate(Extension):
    category: ClassVar[Category] = Category.MODIFIER
    angle: float = Field(90.0, description="degrees")

    @override
    def run(self, ctx: Any, **kwargs: Any) -> tuple[Any, float, dict[str, Any]]:
        return ctx, self.angle, kwargs


class Listing(Provider):
    category: ClassVar[str] = "filesystem"
    path: str = "."
    depth: int = 1

    @override
    def read(self, handler: Any) -> Any:
        return {"path": self.path, "depth": self.depth, "root": handler}


def test_categories_are_spelled_as_the_server_expects() -> None:
    assert [c.value for c in Category] == ["modifiers", "selections", "analysis"]


def test_the_full_name_is_room_category_and_class_name() -> None:
    assert full_name(Rotate, "@global") == "@global:modifiers:Rotate"
    assert full_name(Listing, "room_1", "local") == "room_1:filesystem:local"


def test_the_registered_schema_is_the_models_json_schema() -> None:
    schema = Rotate.model_json_schema()
    assert schema["properties"]["angle"] == {
        "default": 90.0,
        "description": "degrees",
        "title": "Angle",
        "type": "number",
    }
    assert "category" not in schema["properties"]


def test_an_unknown_parameter_is_refused_not_ignored() -> None:
    with pytest.raises(PydanticValidationError, match="angel"):
        Rotate.model_validate({"angel": 45})
    assert Rotate.model_json_schema()["additionalProperties"] is False


def test_a_subclass_may_choose_to_ignore_unknown_parameters() -> None:
    class Lenient(Rotate):
        model_config = ConfigDict(extra="ignore")

    assert Lenient.model_validate({"angel": 45}).angle == 90.0
    assert "additionalProperties" not in Lenient.model_json_schema()


def test_an_extension_without_run_cannot_be_instantiated() -> None:
    class NoRun(Extension):
        category: ClassVar[Category] = Category.ANALYSIS

    with pytest.raises(TypeError):
        NoRun()


def test_a_class_without_category_is_refused() -> None:
    class Plain(BaseModel):
        x: int = 0

    with pytest.raises(TypeError, match="category"):
        category_of(Plain)


def test_a_claimed_task_runs_its_extension_with_the_run_kwargs() -> None:
    task = ClaimedTask(
        task_id=uuid.uuid4(),
        job_name="r:modifiers:Rotate",
        room_id="r",
        extension=Rotate(angle=3),
        run_kwargs={"scale": 2},
    )
    assert task.run("scene") == ("scene", 3.0, {"scale": 2})


def test_provider_params_arrive_as_strings_and_are_converted() -> None:
    provider = parse_params(Listing, '{"depth":"3","path":"/data"}')
    assert isinstance(provider, Listing)
    assert provider.depth == 3
    assert provider.read("root") == {"path": "/data", "depth": 3, "root": "root"}


def test_results_are_uploaded_as_bytes_or_json() -> None:
    assert encode_result(b"\x00\x01") == b"\x00\x01"
    assert encode_result(bytearray(b"ab")) == b"ab"
    assert encode_result({"a": [1, 2]}) == b'{"a":[1,2]}'
    assert encode_result(Listing(path="x")) == b'{"path":"x","depth":1}'
