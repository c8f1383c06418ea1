"""The screening flow on a Dask LocalCluster (2 worker processes) against a real Prefect server."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from tests.prefect_server import prefect_server, server_env

DATASETS = ["screened_lines", "supplier_risk", "hotspots", "country_summary", "quarantine"]
pytestmark = pytest.mark.integration


def _screen(out, env, *extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows", "screen", "--out", str(out), *extra],
                          env=env, capture_output=True, text=True, timeout=600)


def test_dask_run_matches_the_single_machine_run(tmp_path, monkeypatch):
    from distributed import LocalCluster

    home = tmp_path / "prefect"
    home.mkdir()
    with prefect_server(home) as api_url:
        env = server_env(home, api_url)
        for key in ("PREFECT_HOME", "PREFECT_API_URL", "PREFECT_UI_ENABLED"):
            monkeypatch.setenv(key, env[key])  # the workers inherit these
        monkeypatch.setenv("DASK_TEMPORARY_DIRECTORY", str(tmp_path / "dask-tmp"))
        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                          dashboard_address=":0") as cluster:
            distributed = _screen(tmp_path / "dask", env, "--dask-address", cluster.scheduler_address,
                                  "--partitions", "4")
            assert distributed.returncode == 0, distributed.stderr[-3000:]
            assert len(cluster.workers) == 2
            assert cluster.scheduler.transition_counter > 0, "no task ran on the cluster"
        single = _screen(tmp_path / "single", env)
        assert single.returncode == 0, single.stderr[-3000:]
    for name in DATASETS:
        left = pd.read_parquet(tmp_path / "dask" / "latest" / f"{name}.parquet")
        right = pd.read_parquet(tmp_path / "single" / "latest" / f"{name}.parquet")
        pd.testing.assert_frame_equal(left, right, obj=name)
