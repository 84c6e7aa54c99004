# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.job_stats import JobStats
    from ..models.minute_stats import MinuteStats


T = TypeVar("T", bound="QueueStats")


@_attrs_define
class QueueStats:
    """
    Attributes:
        generated_at (datetime.datetime):
        jobs (list[JobStats]): Active jobs (and jobs with tasks here), by full name.
        workers_alive (int): Workers whose heartbeat is within the worker timeout.
        ended_per_minute (list[MinuteStats]): The last 60 minutes, oldest first, every minute present (zeros included).
    """

    generated_at: datetime.datetime
    jobs: list[JobStats]
    workers_alive: int
    ended_per_minute: list[MinuteStats]

    def to_dict(self) -> dict[str, Any]:
        generated_at = self.generated_at.isoformat()

        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        workers_alive = self.workers_alive

        ended_per_minute = []
        for ended_per_minute_item_data in self.ended_per_minute:
            ended_per_minute_item = ended_per_minute_item_data.to_dict()
            ended_per_minute.append(ended_per_minute_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "generated_at": generated_at,
                "jobs": jobs,
                "workers_alive": workers_alive,
                "ended_per_minute": ended_per_minute,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_stats import JobStats  # noqa: PLC0415
        from ..models.minute_stats import MinuteStats  # noqa: PLC0415

        d = dict(src_dict)
        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        jobs = []
        _jobs = d.pop("jobs")
        for jobs_item_data in _jobs:
            jobs_item = JobStats.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        workers_alive = d.pop("workers_alive")

        ended_per_minute = []
        _ended_per_minute = d.pop("ended_per_minute")
        for ended_per_minute_item_data in _ended_per_minute:
            ended_per_minute_item = MinuteStats.from_dict(ended_per_minute_item_data)

            ended_per_minute.append(ended_per_minute_item)

        queue_stats = cls(
            generated_at=generated_at,
            jobs=jobs,
            workers_alive=workers_alive,
            ended_per_minute=ended_per_minute,
        )

        return queue_stats
