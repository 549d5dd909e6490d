"""`python -m extract` is the same as the `extract` console script."""

from extract.cli import main

raise SystemExit(main())
