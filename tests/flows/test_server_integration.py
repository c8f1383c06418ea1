"""`python -m flows serve` against a real Prefect server: runs created through the API as the UI does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tasks.paths import REPO_ROOT, SAMPLE
from tasks.reference.store import DEFAULT_ROOT
from tests.prefect_server import prefect_server, server_env, stop

pytestmark = pytest.mark.integration
ON_DEMAND = "screen-on-demand/screen-on-demand"
RUN_TIMEOUT = 180


def _wait_for_deployment(client, serving: subprocess.Popen, log: Path):
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if serving.poll() is not None:
            pytest.fail(f"serve exited ({serving.returncode}): {log.read_text()[-3000:]}")
        try:
            return client.read_deployment_by_name(ON_DEMAND)
        except ObjectNotFound:
            time.sleep(0.5)
    pytest.fail(f"deployment never registered: {log.read_text()[-3000:]}")


def _wait_for_end(client, run_id, log: Path):
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        run = client.read_flow_run(run_id)
        if run.state is not None and run.state.is_final():
            return run
        time.sleep(1)
    pytest.fail(f"flow run {run_id} did not finish in {RUN_TIMEOUT} s: {log.read_text()[-3000:]}")


def _artifacts(client, run_id) -> dict[str, tuple[str | None, str]]:
    """Keyed artifacts of a flow run: key -> (type, data as text)."""
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    found = client.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))
    return {a.key: (a.type, str(a.data)) for a in found if a.key}


def test_served_deployments_run_and_reject_bad_input(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.exceptions import PrefectHTTPStatusError
    from prefect.settings import PREFECT_API_URL, temporary_settings

    home, inputs, outside, out_root = (tmp_path / name for name in ("prefect", "inputs", "outside", "out"))
    for folder in (home, inputs, outside):
        folder.mkdir()
    (outside / "secret.csv").write_text("supplier_id,name,country\nX,Y,Z\n")
    (inputs / "escape.csv").symlink_to(outside / "secret.csv")  # a symlink out of an input root
    reference = tmp_path / "reference"  # a nightly run, should one fire, must not touch the repo
    shutil.copytree(DEFAULT_ROOT / "derived", reference / "derived")

    with prefect_server(home) as api_url:
        env = {**server_env(home, api_url), "PREFECT_RUNNER_POLL_FREQUENCY": "2",
               "FLSCREEN_INPUT_ROOTS": os.pathsep.join([str(SAMPLE), str(inputs)]),
               "FLSCREEN_OUTPUT_ROOT": str(out_root), "FLSCREEN_REFERENCE_ROOT": str(reference)}
        log = tmp_path / "serve.log"
        with log.open("w") as sink:
            serving = subprocess.Popen(
                [sys.executable, "-m", "flows", "serve", "--cron", "0 3 1 1 *",
                 "--timezone", "Europe/Berlin"],
                cwd=REPO_ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
                deployment = _wait_for_deployment(client, serving, log)
                nightly = client.read_deployment_by_name("nightly-screening/nightly")
                assert [(s.schedule.cron, s.schedule.timezone) for s in nightly.schedules] == [
                    ("0 3 1 1 *", "Europe/Berlin")]
                assert deployment.schedules == []

                # The form's bounds and patterns are in the schema: the API refuses bad values.
                for bad in ({"review_threshold": 150}, {"suppliers": "../sample/suppliers.csv"}):
                    with pytest.raises(PrefectHTTPStatusError) as refused:
                        client.create_flow_run_from_deployment(deployment.id, parameters={"request": bad})
                    assert refused.value.response.status_code == 409
                    assert "Error creating flow run" in refused.value.response.text

                good = client.create_flow_run_from_deployment(deployment.id, parameters={"request": {
                    "suppliers": "suppliers.csv", "sourcing": "sourcing.xlsx", "out": "ui-run"}})
                escape = client.create_flow_run_from_deployment(deployment.id, parameters={
                    "request": {"suppliers": "escape.csv", "sourcing": "sourcing.xlsx"}})

                finished = _wait_for_end(client, good.id, log)
                assert finished.state.is_completed(), (finished.state, log.read_text()[-3000:])
                artifacts = _artifacts(client, good.id)
                assert set(artifacts) == {"screen-request", "top-suppliers", "screening-outputs"}
                assert artifacts["top-suppliers"][0] == "table"
                assert "Lines per band" in artifacts["screen-request"][1]
                link = (out_root / "ui-run" / "runs").resolve().as_uri()
                assert link in artifacts["screening-outputs"][1]  # link artifacts are markdown

                # Paths outside the allowed folders only show after resolving: the run fails
                # with a message naming the field and the allowed folders.
                rejected = _wait_for_end(client, escape.id, log)
                assert rejected.state.is_failed()
                message = rejected.state.message
                assert message.startswith("Validation of flow parameters failed"), message
                assert "request.suppliers" in message and "escape.csv" in message, message
                assert "outside the allowed input folders" in message, message
        finally:
            stop(serving)

    latest = out_root / "ui-run" / "latest"
    for name in ("screened_lines", "supplier_risk", "hotspots", "quarantine"):
        assert (latest / f"{name}.parquet").is_file(), name
    assert not (out_root / "runs").exists()  # the escape run wrote nothing
