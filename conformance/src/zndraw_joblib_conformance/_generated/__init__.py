# generated from openapi.yaml and asyncapi.yaml by `make generate` (codegen/); do not edit
"""The two documents this package checks, copied verbatim by codegen/generate.py."""
