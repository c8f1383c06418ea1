import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from schemas import hotspots
from schemas.contract import SCHEMA_VERSION
from tasks import publish


def _tables(value: int) -> dict[str, pa.Table]:
    return {"a": pa.table({"x": [value]}), "b": pa.table({"y": [value]})}


def test_publish_writes_run_and_switches_latest(tmp_path):
    first = publish.publish(tmp_path, "run-1", _tables(1), {"run_id": "run-1"})
    second = publish.publish(tmp_path, "run-2", _tables(2), {"run_id": "run-2"})
    assert first.is_dir() and second.is_dir()
    latest = tmp_path / "latest"
    assert latest.resolve() == second.resolve()
    assert pq.read_table(latest / "a.parquet")["x"].to_pylist() == [2]
    assert json.loads((latest / "manifest.json").read_text())["run_id"] == "run-2"
    assert pq.read_table(first / "a.parquet")["x"].to_pylist() == [1]


def test_failed_publish_leaves_previous_outputs(tmp_path, monkeypatch):
    publish.publish(tmp_path, "run-1", _tables(1), {"run_id": "run-1"})
    calls = []

    def failing_write(table, where, **kwargs):
        calls.append(where)
        if len(calls) == 2:
            raise OSError("disk full")
        original(table, where, **kwargs)

    original = pq.write_table
    monkeypatch.setattr(publish.pq, "write_table", failing_write)
    with pytest.raises(OSError, match="disk full"):
        publish.publish(tmp_path, "run-2", _tables(2), {"run_id": "run-2"})
    latest = tmp_path / "latest"
    assert pq.read_table(latest / "a.parquet")["x"].to_pylist() == [1]
    assert pq.read_table(latest / "b.parquet")["y"].to_pylist() == [1]
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["run-1"]


def test_refuses_to_replace_a_real_latest_folder(tmp_path):
    (tmp_path / "latest").mkdir()
    with pytest.raises(FileExistsError, match="not a link"):
        publish.publish(tmp_path, "run-1", _tables(1), {})


def test_to_table_carries_docs_and_metadata():
    frame = pd.DataFrame({
        "rank": [1], "country_iso3": ["CIV"], "country_name": ["Côte d'Ivoire"],
        "commodity_id": ["cocoa"], "commodity_label": ["Cocoa"], "lines": [3], "suppliers": [2],
        "total_value_usd": [None], "score": [80.0], "band": ["critical"],
        "indicators": [["ilab_child_labor"]], "exposure_share": [1.0], "priority": [0.8],
    })
    table = publish.to_table(frame, hotspots.CONTRACT, {"run_id": "r1"})
    assert table.schema.metadata[b"run_id"] == b"r1"
    assert table.schema.metadata[b"schema_version"] == SCHEMA_VERSION.encode()
    assert table.schema.field("score").metadata[b"doc"].startswith(b"Highest")
    assert table.column("total_value_usd").null_count == 1


def test_check_rejects_bad_output():
    frame = pd.DataFrame({"country_iso3": ["CIV", "CIV"], "commodity_id": ["cocoa", "cocoa"],
                          "score": [120.0, 10.0], "band": ["critical", "purple"],
                          "lines": [1, 1]})
    with pytest.raises(publish.OutputValidationError) as error:
        publish.check(frame, hotspots)
    message = str(error.value)
    assert "score" in message and "band" in message and "compound" in message
