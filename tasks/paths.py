"""Where the bundled data lives."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT / "data"
SAMPLE = DATA / "sample"
