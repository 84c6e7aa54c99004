"""`python -m zndraw_joblib_conformance` is the console command."""

from zndraw_joblib_conformance.cli import main

raise SystemExit(main())
