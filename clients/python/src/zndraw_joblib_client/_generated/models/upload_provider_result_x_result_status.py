# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from enum import StrEnum


class UploadProviderResultXResultStatus(StrEnum):
    ERROR = "error"
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
