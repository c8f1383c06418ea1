"""A fingerprint of everything a screening result depends on, for caching unchanged reruns."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tasks import manifest
from tasks.paths import REPO_ROOT
from tasks.reference import store

INPUT_FILES = ("suppliers", "sourcing", "decisions")
# Taxonomy, scoring and matching config, and the code itself.
CODE_FILES = ("flows/**/*.py", "tasks/**/*.py", "schemas/**/*.py", "data/*.csv", "data/*.toml")


def fingerprint(kwargs: dict[str, Any]) -> str:
    """Hash of a `screen` call's inputs (file contents), reference tables, code and options;
    equal fingerprints give equal outputs."""
    digest = hashlib.sha256()
    for name in INPUT_FILES:
        if kwargs.get(name):
            digest.update(f"{name}:{manifest.sha256(Path(kwargs[name]))}\n".encode())
    derived = Path(kwargs.get("reference_root") or store.DEFAULT_ROOT) / "derived"
    for path in sorted(derived.glob("*.csv")):
        digest.update(f"reference:{path.name}:{manifest.sha256(path)}\n".encode())
    for pattern in CODE_FILES:
        for path in sorted(REPO_ROOT.glob(pattern)):
            digest.update(f"{path.relative_to(REPO_ROOT)}:".encode() + path.read_bytes())
    options = {k: v for k, v in kwargs.items() if k not in INPUT_FILES}
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    return digest.hexdigest()
