"""The deployed flows on the embedded Prefect: caching, dry runs, artifacts, the nightly refresh guard."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.parameters import NightlyRequest, ScreenRequest, UnsupportedRequest
from tasks.paths import SAMPLE
from tasks.reference.store import DEFAULT_ROOT


@pytest.fixture
def roots(tmp_path, monkeypatch):
    monkeypatch.setenv("FLSCREEN_INPUT_ROOTS", str(SAMPLE))
    monkeypatch.setenv("FLSCREEN_OUTPUT_ROOT", str(tmp_path / "out"))
    monkeypatch.delenv("FLSCREEN_REFERENCE_ROOT", raising=False)
    return tmp_path / "out"


def _artifacts(run_id) -> dict[str, str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))
    return {a.key or a.type: str(a.data) for a in found if a.type}


def _run(flow, request):
    state = flow(request, return_state=True)
    return state, state.result(raise_on_failure=False)


def test_unchanged_rerun_reuses_the_result_until_latest_moves(prefect_harness, roots):
    from flows.deployments import screen_on_demand

    first_state, first = _run(screen_on_demand, ScreenRequest(out="a"))
    assert first_state.is_completed(), first
    assert not first["cached"]
    assert (Path(first["run_dir"]) / "supplier_risk.parquet").is_file()
    artifacts = _artifacts(first_state.state_details.flow_run_id)
    assert set(artifacts) >= {"screen-request", "top-suppliers", "screening-outputs"}
    assert "Lines per band" in artifacts["screen-request"]
    assert Path(first["run_dir"]).as_uri() in artifacts["screening-outputs"]

    _, second = _run(screen_on_demand, ScreenRequest(out="a"))
    assert second["cached"] and second["run_dir"] == first["run_dir"]

    _, other = _run(screen_on_demand, ScreenRequest(out="a", duplicates="quarantine_all"))
    assert not other["cached"]  # another config: another key
    _, third = _run(screen_on_demand, ScreenRequest(out="a"))
    assert not third["cached"]  # the cached run is no longer `latest`: screened again
    assert (roots / "a" / "latest").resolve() == Path(third["run_dir"]).resolve()


def test_dry_run_publishes_nothing(prefect_harness, roots):
    from flows.deployments import screen_on_demand

    state, result = _run(screen_on_demand, ScreenRequest(out="dry", dry_run=True))
    assert state.is_completed(), result
    assert result["dry_run"] and result["run_dir"] is None
    assert result["counts_per_band"]
    assert not (roots / "dry").exists()
    artifacts = _artifacts(state.state_details.flow_run_id)
    assert "table" in artifacts and "screening-outputs" not in artifacts
    assert "Dry run" in artifacts["markdown"]


def test_unsupported_request_fails_the_run_with_a_message(prefect_harness, roots, monkeypatch):
    from flows import deployments

    monkeypatch.setattr(deployments, "screen_parameters", lambda: {"suppliers", "sourcing", "out"})
    state, error = _run(deployments.screen_on_demand, ScreenRequest(lists=["tip"]))
    assert state.is_failed()
    assert isinstance(error, UnsupportedRequest)
    assert "Lists to screen against" in str(error)
    assert not roots.exists()


def test_unsafe_path_fails_the_run_with_a_message(prefect_harness, roots):
    from flows.deployments import screen_on_demand

    unchecked = ScreenRequest().model_copy(update={"suppliers": "/etc/hostname"})  # not validated
    state, error = _run(screen_on_demand, unchecked)
    assert state.is_failed()
    assert "outside the allowed input folders" in str(error)


@pytest.fixture
def reference(tmp_path, monkeypatch):
    root = tmp_path / "reference"
    shutil.copytree(DEFAULT_ROOT, root)
    monkeypatch.setenv("FLSCREEN_REFERENCE_ROOT", str(root))
    return root


def _derived(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "derived").glob("*.csv"))}


def test_nightly_refreshes_then_screens(prefect_harness, roots, reference):
    from flows.deployments import nightly

    state, result = _run(nightly, NightlyRequest(out="nightly"))
    assert state.is_completed(), result
    assert result["refresh"] == "ok: no new editions"
    assert (roots / "nightly" / "latest" / "hotspots.parquet").is_file()


def test_failed_refresh_keeps_the_previous_editions(prefect_harness, roots, reference, monkeypatch):
    from flows import deployments

    before = _derived(reference)

    def broken_build(root):
        (Path(root) / "derived" / "editions.csv").write_text("half written")
        (Path(root) / "derived" / "new.csv").write_text("x")
        raise ValueError("raw/ilab/tvpra_goods_2026.xlsx: unknown labour type 'Maybe' (row 7)")

    monkeypatch.setattr(deployments.store, "build", broken_build)
    request = NightlyRequest(out="nightly", refresh_retries=0)
    state, result = _run(deployments.nightly, request)
    assert state.is_completed(), result
    assert result["refresh"].startswith("FAILED, previous editions kept: ")
    assert "unknown labour type" in result["refresh"]
    assert _derived(reference) == before
    assert (roots / "nightly" / "latest" / "hotspots.parquet").is_file()

    state, error = _run(deployments.nightly, request.model_copy(update={"fail_on_refresh_error": True}))
    assert state.is_failed()
    assert "reference refresh failed" in str(error)
    assert _derived(reference) == before


def test_deployments_schedule(monkeypatch):
    from flows.deployments import build_deployments

    monkeypatch.setenv("FLSCREEN_TIMEZONE", "America/Chicago")
    nightly, on_demand = build_deployments()
    assert (nightly.name, on_demand.name) == ("nightly", "screen-on-demand")
    assert [(s.schedule.cron, s.schedule.timezone) for s in nightly.schedules] == [
        ("0 2 * * *", "America/Chicago")]
    assert on_demand.schedules in ([], None)
    nightly, _ = build_deployments("15 1 * * 1-5", "Europe/Berlin")
    assert nightly.schedules[0].schedule.cron == "15 1 * * 1-5"
    assert nightly.schedules[0].schedule.timezone == "Europe/Berlin"


def test_serve_help_documents_the_options(capsys):
    from flows.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = capsys.readouterr().out
    for option in ("--cron", "--timezone", "--limit", "FLSCREEN_INPUT_ROOTS", "FLSCREEN_OUTPUT_ROOT",
                   "PREFECT_API_URL"):
        assert option in text


@pytest.mark.parametrize("args, message", [
    (["--cron", "every night"], "Invalid cron string"),
    (["--timezone", "Mars/Olympus"], "Invalid timezone"),
    (["--limit", "0"], "--limit must be at least 1"),
])
def test_serve_rejects_bad_options(args, message, capsys):
    from flows.cli import main

    assert main(["serve", *args]) == 2
    assert message in capsys.readouterr().err


def test_prefect_yaml_mirrors_the_served_deployments(monkeypatch):
    import importlib

    import yaml
    from prefect.utilities.callables import parameter_schema
    from prefect.utilities.schema_tools import validate

    from flows.deployments import DEFAULT_CRON, build_deployments
    from tasks.paths import REPO_ROOT

    monkeypatch.setenv("FLSCREEN_INPUT_ROOTS", str(SAMPLE))
    config = yaml.safe_load((REPO_ROOT / "prefect.yaml").read_text())
    served = {d.name: d for d in build_deployments()}
    assert {d["name"] for d in config["deployments"]} == set(served)
    for entry in config["deployments"]:
        path, _, name = entry["entrypoint"].partition(":")
        flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), name)
        assert flow.name == served[entry["name"]].flow_name
        assert entry["work_pool"]["name"] == "flscreen"
        validate(entry["parameters"], parameter_schema(flow.fn).model_dump_for_openapi(),
                 raise_on_error=True)
    nightly = next(d for d in config["deployments"] if d["name"] == "nightly")
    assert nightly["schedules"] == [{"cron": DEFAULT_CRON, "timezone": "UTC", "active": True}]
    assert NightlyRequest.model_validate(nightly["parameters"]["request"]).out.endswith("nightly")


@pytest.mark.filterwarnings("ignore:Logger 'prefect.task_runs' attempted")  # a task outside a flow
def test_refresh_retries_io_errors_only(prefect_harness, reference, monkeypatch):
    from flows import deployments

    calls = []

    def flaky_build(root):
        calls.append(root)
        if len(calls) == 1:
            raise OSError("NFS hiccup")
        return []

    monkeypatch.setattr(deployments.store, "build", flaky_build)
    state = deployments.rebuild_reference.with_options(retries=1, retry_delay_seconds=0)(
        reference, return_state=True)
    assert state.is_completed() and len(calls) == 2

    def bad_file(root):
        calls.append(root)
        raise ValueError("unknown tier 'Tier 5'")

    calls.clear()
    monkeypatch.setattr(deployments.store, "build", bad_file)
    state = deployments.rebuild_reference.with_options(retries=3, retry_delay_seconds=0)(
        reference, return_state=True)
    assert state.is_failed() and len(calls) == 1
