"""Write a run's outputs atomically: a complete run folder, then one switch of `latest`.

Layout under the output folder:
    runs/<run_id>/<dataset>.parquet and manifest.json   (history, never rewritten)
    latest -> runs/<run_id>                               (a symlink, replaced atomically)
A run is first written to a hidden temporary folder and validated; only then is it
renamed into runs/ and `latest` switched. A crash at any point leaves the previous
`latest` complete and readable. Concurrent runs write separate folders; the last
to finish becomes `latest`. Temporary folders left by killed runs are removed by the
next publish (only those whose process is gone).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.contract import Contract
from tasks import expectations

PAUSE_ENV = "FLSCREEN_PUBLISH_PAUSE"  # tests only: seconds to sleep after each file written
_TEMP = re.compile(r"\.(?:.+\.tmp|latest\.tmp)-(\d+)-[0-9a-f]+")


class OutputValidationError(Exception):
    pass


def to_table(frame: pd.DataFrame, contract: Contract, metadata: dict[str, str],
             arrays: dict[str, pa.Array] | None = None) -> pa.Table:
    """Select and type the contract's columns; attach the run's key-value metadata.

    `arrays` supplies ready-made Arrow columns (e.g. nested evidence) by name.
    """
    schema = contract.arrow_schema()
    arrays = arrays or {}
    columns = [
        arrays[field.name] if field.name in arrays
        else pa.array(frame[field.name], type=field.type, from_pandas=True)
        for field in schema
    ]
    table = pa.Table.from_arrays(columns, schema=schema)
    return table.replace_schema_metadata({**(schema.metadata or {}),
                                          **{k.encode(): v.encode() for k, v in metadata.items()}})


def check(frame: pd.DataFrame, module) -> None:
    """Run a dataset's expectations; raise naming every failure."""
    nested = [f.name for f in module.CONTRACT.arrow_schema() if pa.types.is_nested(f.type)]
    plain = frame.drop(columns=[c for c in nested if c in frame])
    failures = expectations.run(plain, module.expectations(), module.CONTRACT.name)
    if failures:
        lines = [f"{f.expectation} on {f.column}: {len(f.rows)} rows (first {f.rows[:5]})"
                 for f in failures]
        raise OutputValidationError(f"{module.CONTRACT.name} failed its checks: " + "; ".join(lines))


def publish(out_dir: Path, run_id: str, tables: dict[str, pa.Table], manifest: dict,
            files: dict[str, bytes] | None = None) -> Path:
    """Write tables, `files` (name -> bytes: pictures, reports) and manifest as runs/<run_id>,
    then point `latest` at it."""
    out_dir = Path(out_dir)
    runs = out_dir / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    latest = out_dir / "latest"
    if latest.exists() and not latest.is_symlink():
        raise FileExistsError(f"{latest} exists and is not a link made by this tool; move it away")
    remove_stale(out_dir)
    tag = f"{os.getpid()}-{os.urandom(4).hex()}"
    staging = runs / f".{run_id}.tmp-{tag}"
    final = runs / run_id
    try:
        staging.mkdir()
        for name, table in tables.items():
            pq.write_table(table, staging / f"{name}.parquet", compression="zstd")
            _pause()
        for name, content in (files or {}).items():
            (staging / name).write_bytes(content)
        with (staging / "manifest.json").open("w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2, ensure_ascii=False, default=str)
        _sync(staging)
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    link = out_dir / f".latest.tmp-{tag}"
    link.symlink_to(Path("runs") / run_id, target_is_directory=True)
    link.replace(latest)
    return final


def remove_stale(out_dir: Path) -> list[Path]:
    """Remove temporary folders and links of publishes whose process no longer runs."""
    removed = []
    for folder in (Path(out_dir), Path(out_dir) / "runs"):
        for path in folder.glob(".*.tmp-*"):
            match = _TEMP.fullmatch(path.name)
            if match is None or _alive(int(match.group(1))):
                continue
            if path.is_symlink() or path.is_file():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _sync(folder: Path) -> None:
    """Flush every file of `folder` to disk before it is renamed into place."""
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _pause() -> None:
    seconds = os.environ.get(PAUSE_ENV)
    if seconds:
        time.sleep(float(seconds))
