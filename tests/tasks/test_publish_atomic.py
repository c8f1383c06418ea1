"""Publishing survives a SIGKILL mid-write and concurrent publishers (separate processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tasks import publish
from tasks.paths import REPO_ROOT

NAMES = ("screened_lines", "hotspots", "supplier_risk", "quarantine")
SCRIPT = f"""
import sys
import pyarrow as pa
from tasks import publish
out, run_id, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
tables = {{n: pa.table({{"x": list(range(rows)), "run": [run_id] * rows}}) for n in {NAMES!r}}}
publish.publish(out, run_id, tables, {{"run_id": run_id}}, {{"report.html": b"<html></html>"}})
"""


def _tables(run_id: str, rows: int = 1000) -> dict[str, pa.Table]:
    return {n: pa.table({"x": list(range(rows)), "run": [run_id] * rows}) for n in NAMES}


def _start(out, run_id: str, pause: float) -> subprocess.Popen:
    env = {**os.environ, publish.PAUSE_ENV: str(pause)}
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(out), run_id, "1000"], env=env,
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _assert_complete(run_dir, run_id: str) -> None:
    for name in NAMES:
        table = pq.read_table(run_dir / f"{name}.parquet")
        frame = pd.read_parquet(run_dir / f"{name}.parquet")
        assert table.num_rows == len(frame) == 1000, name
        assert set(frame["run"]) == {run_id}, name
    assert json.loads((run_dir / "manifest.json").read_text())["run_id"] == run_id


def test_sigkill_mid_publish_leaves_latest_complete(tmp_path):
    publish.publish(tmp_path, "run-1", _tables("run-1"), {"run_id": "run-1"})
    child = _start(tmp_path, "run-2", pause=30)
    deadline = time.monotonic() + 60
    staged = []
    while not staged and time.monotonic() < deadline:
        staged = list((tmp_path / "runs").glob(".run-2.tmp-*/*.parquet"))
        time.sleep(0.05)
    assert staged, child.stderr.read() if child.poll() is not None else "never started writing"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    latest = tmp_path / "latest"
    assert latest.resolve() == (tmp_path / "runs" / "run-1").resolve()
    _assert_complete(latest, "run-1")
    assert [p.name for p in (tmp_path / "runs").iterdir() if not p.name.startswith(".")] == ["run-1"]
    assert list((tmp_path / "runs").glob(".run-2.tmp-*")), "the killed run left its temp folder"

    publish.publish(tmp_path, "run-3", _tables("run-3"), {"run_id": "run-3"})
    _assert_complete(latest, "run-3")
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["run-1", "run-3"]
    assert not list(tmp_path.glob(".latest.tmp-*"))


def test_two_concurrent_publishers_both_complete(tmp_path):
    children = {run_id: _start(tmp_path, run_id, pause=0.3) for run_id in ("run-a", "run-b")}
    for child in children.values():
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode()
    for run_id in children:
        _assert_complete(tmp_path / "runs" / run_id, run_id)
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["run-a", "run-b"]
    latest = tmp_path / "latest"
    assert latest.is_symlink() and latest.resolve().name in children
    _assert_complete(latest, latest.resolve().name)
    assert not list(tmp_path.glob(".latest.tmp-*"))


def test_stale_temp_of_a_live_process_is_kept(tmp_path):
    runs = tmp_path / "runs"
    runs.mkdir()
    live = runs / f".run-x.tmp-{os.getppid()}-abcd"
    dead = runs / ".run-y.tmp-999999999-abcd"
    live.mkdir()
    dead.mkdir()
    (tmp_path / ".latest.tmp-999999999-abcd").symlink_to("runs/run-y")
    removed = publish.remove_stale(tmp_path)
    assert live.exists() and not dead.exists()
    assert len(removed) == 2


def test_same_run_id_twice_is_refused_and_keeps_the_first(tmp_path):
    publish.publish(tmp_path, "run-1", _tables("run-1"), {"run_id": "run-1"})
    try:
        publish.publish(tmp_path, "run-1", _tables("other", rows=1000), {"run_id": "run-1"})
    except OSError:
        pass
    else:
        raise AssertionError("a run folder was rewritten")
    _assert_complete(tmp_path / "latest", "run-1")
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["run-1"]
