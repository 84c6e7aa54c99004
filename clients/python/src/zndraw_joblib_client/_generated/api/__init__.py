# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
"""Contains methods for accessing the API"""
