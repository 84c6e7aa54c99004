"""`Extension`: a job's parameters as a pydantic model, and the code that runs it.

The model's JSON Schema is what the server stores at registration and checks every submitted
payload against, so the fields a frontend shows and the payload a worker receives come from
one class.

Unknown parameters are refused, not ignored: `Extension` sets pydantic's `extra="forbid"`, so
its JSON Schema says `"additionalProperties": false`. The server then answers a submitted
payload with a misspelled key (`{"angel": 45}`) with 422 `validation-error`, and the worker
refuses to build the extension from one; neither runs the task with the default silently.
A subclass that wants to accept (and ignore or keep) unknown keys says so itself:
`model_config = ConfigDict(extra="ignore")` (or `"allow"`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


class Category(StrEnum):
    """The job categories of a default server (`allowed_categories`)."""

    MODIFIER = "modifiers"  # changes the scene (rotate, translate, delete atoms)
    SELECTION = "selections"  # changes what is selected
    ANALYSIS = "analysis"  # computes and reports, leaves the scene as it is


class Extension(BaseModel, ABC):
    """A job: subclass it, declare the parameters as fields, set `category`, implement `run`.

        class Rotate(Extension):
            category: ClassVar[Category] = Category.MODIFIER
            angle: float = 90.0

            def run(self, ctx, **kwargs):
                ...

    The job's name is the class name; its full name is `<room>:<category>:<ClassName>`. The
    JSON Schema sent at registration is `model_json_schema()`. Helpers live beside the class
    (`full_name`, `category_of`), not on it, so they never collide with a field name.

    Parameters that are not fields are an error (`extra="forbid"`, `"additionalProperties":
    false` in the schema): a misspelled parameter never runs with the default. Override
    `model_config` in a subclass to accept unknown keys.
    """

    model_config = ConfigDict(extra="forbid")

    category: ClassVar[Category | str]

    @abstractmethod
    def run(self, ctx: Any, **kwargs: Any) -> Any:
        """Do the work. `ctx` is what the worker passes (ZnDraw passes the room's scene);
        `kwargs` are the `run_kwargs` given at registration."""


class Retry(Exception):  # noqa: N818 - reads as what the extension asks for
    """Raise from `run` to fail the task as retryable: when its job has attempts left
    (`max_attempts` at registration) it goes back to the queue and runs again later."""


def category_of(cls: type[BaseModel]) -> str:
    """The `category` ClassVar of an extension or provider class, as the server spells it."""
    category = getattr(cls, "category", None)
    if category is None:
        raise TypeError(f"{cls.__name__} has no `category` ClassVar")
    return str(category)


def full_name(cls: type[BaseModel], room: str, name: str | None = None) -> str:
    """`<room>:<category>:<name>`, the name the server knows a job (or provider) by.

    A job's name is its class name; a provider's is the one given at registration.
    """
    return f"{room}:{category_of(cls)}:{name or cls.__name__}"
