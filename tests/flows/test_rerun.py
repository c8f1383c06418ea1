"""Reruns are reproducible, and failing output checks stop a run before anything is written."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from schemas import hotspots
from tasks.paths import SAMPLE
from tasks.publish import OutputValidationError

COMPARED = ("screened_lines", "hotspots", "supplier_risk", "country_summary", "quarantine")


def _data(run_dir, name):
    table = pq.read_table(run_dir / f"{name}.parquet").replace_schema_metadata(None)
    keep = [c for c in table.column_names if "run" not in c]  # run ids and times
    return table.select(keep)


@pytest.fixture(scope="module")
def two_runs(prefect_harness, tmp_path_factory):
    from flows.screening import screen

    out = tmp_path_factory.mktemp("rerun")
    kwargs = {"suppliers": SAMPLE / "suppliers.csv", "sourcing": SAMPLE / "sourcing.xlsx",
              "out": out}
    return out, screen(**kwargs), screen(**kwargs)


def test_identical_inputs_give_identical_rows(two_runs):
    _, first, second = two_runs
    assert first.run_dir != second.run_dir
    for name in COMPARED:
        a, b = _data(first.run_dir, name), _data(second.run_dir, name)
        assert a.num_rows > 0 or name == "quarantine", name
        assert a.equals(b), name


def test_failing_output_check_publishes_nothing(two_runs, monkeypatch):
    import great_expectations as gx

    from flows.screening import screen

    out, _, second = two_runs
    before = sorted(p.name for p in (out / "runs").iterdir())
    original = hotspots.expectations

    def strict():  # no hotspot may score above 0: the sample breaks it
        return [*original(), gx.expectations.ExpectColumnValuesToBeBetween(
            column="score", min_value=0, max_value=0)]

    monkeypatch.setattr(hotspots, "expectations", strict)
    with pytest.raises(OutputValidationError, match="hotspots failed its checks"):
        screen(suppliers=SAMPLE / "suppliers.csv", sourcing=SAMPLE / "sourcing.xlsx", out=out)
    assert sorted(p.name for p in (out / "runs").iterdir()) == before
    assert (out / "latest").resolve() == second.run_dir.resolve()
