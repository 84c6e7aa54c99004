# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from enum import StrEnum


class TaskStatus(StrEnum):
    CANCELLED = "cancelled"
    CLAIMED = "claimed"
    COMPLETED = "completed"
    FAILED = "failed"
    PENDING = "pending"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)
