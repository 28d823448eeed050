"""`python -m desktop` is the same as the `maru` command."""

from desktop.cli import main

raise SystemExit(main())
