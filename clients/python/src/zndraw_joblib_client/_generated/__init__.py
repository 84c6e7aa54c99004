# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
"""A client library for accessing zndraw-joblib"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
