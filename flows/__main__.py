"""Entry point: python -m flows --help."""

import os
import sys

# Quiet, offline defaults for Prefect's embedded mode; the user's settings win.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from flows.cli import main

sys.exit(main())
