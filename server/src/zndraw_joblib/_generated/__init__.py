# generated from openapi.yaml and asyncapi.yaml by `make generate` (codegen/); do not edit
"""Code generated from the two spec files; see codegen/generate.py."""
