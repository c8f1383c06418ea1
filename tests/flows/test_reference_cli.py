from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from flows import cli
from tasks.reference import load_reference
from tasks.reference.ilab import read_tvpra_xml
from tests.tasks.reference.conftest import (  # noqa: F401 (fixtures)
    RAW,
    http_server,
    reference_root,
    tvpra_rows,
    write_xlsx,
)
from tests.tasks.reference.test_install import snapshot


@pytest.fixture
def excel_2024(write_xlsx) -> bytes:  # noqa: F811
    goods = read_tvpra_xml(RAW / "ilab" / "tvpra_goods_2022.xml")
    first = goods.index[goods["child_labor"] & ~goods["forced_labor"]][0]
    goods.loc[first, "forced_labor"] = True
    return write_xlsx("tvpra_goods_2024.xlsx", tvpra_rows(goods)).read_bytes()


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and the CLI's own message (the last stderr line; Prefect logs come before)."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, (err.strip().splitlines() or [""])[-1]


@pytest.mark.parametrize("words", [["reference"], ["reference", "load"], ["reference", "diff"]])
def test_help(capsys, words: list[str]):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*words, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    expected = {"reference": ["load", "diff"],
                "load": ["FILE_OR_URL", "--list", "--edition", "--reference-root", "--min-row-ratio"],
                "diff": ["OLD", "NEW", "--list", "--out", "LIST:EDITION"]}[words[-1]]
    assert all(text in out for text in expected)


def test_load_from_url_after_two_503s(prefect_harness, http_server, reference_root,  # noqa: F811
                                      excel_2024, capsys):
    server = http_server([(503, b"busy"), (503, b"busy"), (200, excel_2024)])
    code, out, err = run(capsys, "reference", "load", f"{server.url}/files/tvpra_goods_2024.xlsx",
                         "--reference-root", str(reference_root), "--backoff", "0.01")
    assert code == 0, err
    assert server.requests == 3
    assert "ilab_tvpra edition 2024: installed as raw/ilab/tvpra_goods_2024.xlsx" in out
    assert "vs previous edition 2022: 0 added, 0 removed, 1 changed" in out and "sha256: " in out
    reference = load_reference(reference_root)
    assert set(reference.ilab_goods["edition"]) == {"2024"}
    row = reference.editions[reference.editions["list"] == "ilab_tvpra"].iloc[0]
    assert row["url"] == f"{server.url}/files/tvpra_goods_2024.xlsx" and row["retrieved"]


def test_load_from_url_that_always_fails(prefect_harness, http_server, reference_root, capsys):  # noqa: F811
    server = http_server([(503, b"busy")])
    before = snapshot(reference_root)
    code, _, err = run(capsys, "reference", "load", f"{server.url}/tvpra_goods_2024.xlsx",
                       "--reference-root", str(reference_root), "--backoff", "0.01", "--attempts", "3")
    assert code == 2 and server.requests == 3
    assert err.startswith("error: download failed after 3 attempt(s)")
    assert "tvpra_goods_2024.xlsx: HTTP 503 Service Unavailable" in err
    assert snapshot(reference_root) == before


def test_load_404_is_not_retried(prefect_harness, http_server, reference_root, capsys):  # noqa: F811
    server = http_server([(404, b"")])
    code, _, err = run(capsys, "reference", "load", f"{server.url}/gone.csv",
                       "--reference-root", str(reference_root), "--backoff", "0.01")
    assert code == 2 and server.requests == 1 and "HTTP 404" in err


def test_load_rejects_a_malformed_file(prefect_harness, reference_root, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "tvpra_goods_2024.csv"
    path.write_text("Country,Good,Child Labor,Forced Labor\nGhana,Cocoa,X,perhaps\n", encoding="utf-8")
    before = snapshot(reference_root)
    code, out, err = run(capsys, "reference", "load", str(path), "--reference-root", str(reference_root))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and "tvpra_goods_2024.csv, row 2, column 'Forced Labor'" in err
    assert snapshot(reference_root) == before


def test_load_missing_file(prefect_harness, reference_root, tmp_path, capsys):  # noqa: F811
    code, _, err = run(capsys, "reference", "load", str(tmp_path / "nope.xlsx"),
                       "--reference-root", str(reference_root))
    assert code == 2 and "nope.xlsx: file not found" in err


def test_diff_writes_parquet_and_an_artifact(prefect_harness, tmp_path, capsys):
    xml = str(RAW / "ilab" / "tvpra_goods_2022.xml")
    out_dir = str(tmp_path / "diffs")
    code, out, err = run(capsys, "reference", "diff", "ilab_tvpra:2020", xml, "--out", out_dir)
    assert code == 0, err
    assert "ilab_tvpra: 2020 -> 2022: 33 added, 4 removed, 2 changed" in out
    table = pq.read_table(tmp_path / "diffs" / "ilab_tvpra_2020_to_2022.parquet").to_pandas()
    assert table["change"].value_counts().to_dict() == {"added": 33, "removed": 4, "changed": 2}
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["reference-diff"])))
    assert any("**33** added" in str(a.data) for a in artifacts)


@pytest.mark.parametrize(
    ("args", "message"),
    [(["tip:2025", "ilab_tvpra:2022"], "same list"),
     (["ilab_tvpra:2019", "ilab_tvpra:2022"], "available: 2020, 2022"),
     (["ilab_tvpra:2020", "ilab_tvpra:2022", "--list", "tip"], "is a ilab_tvpra edition, but --list is tip")],
)
def test_diff_bad_input_exits_2(prefect_harness, capsys, args: list[str], message: str):
    code, _, err = run(capsys, "reference", "diff", *args)
    assert code == 2 and err.startswith("error: ") and message in err
