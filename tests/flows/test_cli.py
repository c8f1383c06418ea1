import subprocess
import sys

import pytest

from flows import cli, screen_cli


def test_help_documents_every_option():
    result = subprocess.run([sys.executable, "-m", "flows", "screen", "--help"],
                            capture_output=True, text=True, check=True)
    for option in ("--suppliers", "--sourcing", "--out", "--column-map", "--scoring",
                   "--reference-root", "--as-of", "--duplicates", "--lists", "--watchlist", "--decisions",
                   "--review-threshold", "--auto-match-threshold", "--max-rows", "--max-bytes",
                   "--partitions", "--dask-address"):
        assert option in result.stdout
    top = subprocess.run([sys.executable, "-m", "flows", "--help"], capture_output=True,
                         text=True, check=True)
    assert "screen" in top.stdout


def test_column_map_parsing():
    assert screen_cli._column_map(["sourcing.commodity=Mat Text", "suppliers.name= Vendor "]) == {
        "sourcing": {"commodity": "Mat Text"}, "suppliers": {"name": "Vendor"}}
    with pytest.raises(SystemExit, match=r"suppliers\.COLUMN"):
        screen_cli._column_map(["commodity=Mat"])
    with pytest.raises(SystemExit, match="KEY=VALUE"):
        cli.pairs(["ilab_tvpra"], "--as-of")


def test_unusable_input_exits_2_naming_the_file(prefect_harness, tmp_path, capsys):
    suppliers = tmp_path / "vendors.csv"
    suppliers.write_text("Code,Label\nV1,Acme\n")
    code = cli.main(["screen", "--suppliers", str(suppliers), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert "vendors.csv" in err and "supplier_id" in err and "--column-map" in err
    assert not (tmp_path / "o" / "latest").exists()


def test_summary_says_how_the_files_were_read(prefect_harness, tmp_path, capsys):
    assert cli.main(["screen", "--out", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert 'note: suppliers.csv: ' in out and '"Vendor ID" as supplier_id' in out
    assert "sourcing.xlsx: sheet 'PO Lines'; header on row 3" in out
    assert "the supplier's country was used" in out
    assert "Report with charts:" in out and "Entity screening:" in out
