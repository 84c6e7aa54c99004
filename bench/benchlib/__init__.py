"""Wire-level benchmarks of zndraw-joblib: HTTP only, the way a real submitter or worker talks.

Kept out of `make test` on purpose: the figures depend on the machine and take minutes.
`bench/run.py` is the entry point; each benchmark is one module with a `run(...)` function
that returns rows for the results table.
"""
