# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
"""Contains endpoint functions for accessing the API"""
