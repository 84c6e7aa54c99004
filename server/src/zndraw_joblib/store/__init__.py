"""The SQL store: tables, engines and named queries (one module per table)."""
