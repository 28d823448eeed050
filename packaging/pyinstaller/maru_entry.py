"""Entry point of the frozen app (PyInstaller runs this file as __main__)."""

import multiprocessing

# First: in the frozen app the engine process is this same executable started by
# multiprocessing's spawn; freeze_support() turns that start into the worker and exits.
multiprocessing.freeze_support()

from desktop.cli import main  # noqa: E402

raise SystemExit(main())
