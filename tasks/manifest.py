"""Run identity and the run manifest: what went in, which lists, which config, what came out."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from pathlib import Path

import pandas as pd

from schemas.contract import BANDS, SCHEMA_VERSION
from tasks.paths import REPO_ROOT


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def new_run_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{os.urandom(3).hex()}"


def code_version() -> str:
    try:
        commit = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=5, check=True).stdout
        return commit.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def input_entry(ingested, accepted: int, quarantined: int,
                problems: pd.DataFrame | None = None) -> dict:
    """One input file; `problems` (validate's) adds rows per rule, e.g. {"number": 3}."""
    by_rule = ({} if problems is None or problems.empty else
               {str(k): int(v) for k, v in problems.groupby("rule")["_row"].nunique().items()})
    return {
        "dataset": ingested.dataset,
        "path": str(ingested.path),
        "sha256": sha256(ingested.path),
        "bytes": ingested.path.stat().st_size,
        "rows_read": ingested.rows_read,
        "rows_accepted": accepted,
        "rows_quarantined": quarantined,
        "columns_used": ingested.columns_used,
        "notes": ingested.notes,
        **({"rows_by_rule": by_rule} if problems is not None else {}),
    }


def band_counts(bands: pd.Series) -> dict[str, int]:
    counts = bands.value_counts()
    return {band: int(counts.get(band, 0)) for band in BANDS}


def check_conservation(inputs: list[dict]) -> None:
    """Every input row is accepted or quarantined, exactly once."""
    for entry in inputs:
        if entry["rows_accepted"] + entry["rows_quarantined"] != entry["rows_read"]:
            raise RuntimeError(
                f"{entry['path']}: {entry['rows_read']} rows read but {entry['rows_accepted']} "
                f"accepted + {entry['rows_quarantined']} quarantined: rows were lost"
            )


def build(run_id: str, started: dt.datetime, inputs: list[dict], editions: pd.DataFrame,
          config_path: Path, config: dict, lines_bands: pd.Series, outputs: dict[str, int],
          parameters: dict) -> dict:
    return {
        "run_id": run_id,
        "schema_version": SCHEMA_VERSION,
        "code_version": code_version(),
        "started_at": started.isoformat(),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(),
        "parameters": parameters,
        "inputs": inputs,
        "reference_editions": editions.astype(object).where(editions.notna(), None)
        .to_dict("records"),
        "scoring_config": {"path": str(config_path), "sha256": sha256(config_path), **config},
        "counts_per_band": band_counts(lines_bands),
        "outputs": {name: {"file": f"{name}.parquet", "rows": rows}
                    for name, rows in outputs.items()},
    }
