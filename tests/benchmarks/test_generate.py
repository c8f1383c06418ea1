"""The benchmark input generator: shapes, determinism and planted shares, on a tiny size."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from benchmarks.generate import generate
from benchmarks.lines import BAD_LINE_KINDS
from schemas import INPUTS
from tasks import ingest, validate

LINES = 2000
SOURCING_HEADER = ["PO Line", "Vendor ID", "Item Description", "HS Code", "Country of Origin",
                   "Qty", "UoM", "Value (USD)", "Ship Date"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    truth = generate(LINES, out, csv=True)
    suppliers = pd.read_csv(out / "suppliers.csv", dtype=str, keep_default_na=False)
    lines = pq.read_table(out / "sourcing.parquet").to_pandas()
    return out, truth, suppliers, lines


def test_shapes(made):
    out, truth, suppliers, lines = made
    assert list(suppliers.columns) == ["Vendor ID", "Supplier Name", "Country", "Address", "Sector"]
    assert len(suppliers) == truth["suppliers"] == LINES // 10
    assert list(lines.columns) == SOURCING_HEADER and len(lines) == truth["lines"] == LINES
    assert lines["Qty"].dtype == "float64" and lines["Value (USD)"].dtype == "float64"
    assert len(pd.read_csv(out / "sourcing.csv")) == LINES
    assert json.loads((out / "truth.json").read_text()) == truth


def test_same_seed_same_files_other_seed_other_files(made, tmp_path):
    out, *_ = made
    generate(LINES, tmp_path / "again")
    generate(LINES, tmp_path / "other", seed=7)
    assert (tmp_path / "again" / "suppliers.csv").read_bytes() == (out / "suppliers.csv").read_bytes()
    first = pq.read_table(out / "sourcing.parquet")
    assert pq.read_table(tmp_path / "again" / "sourcing.parquet").equals(first)
    assert not pq.read_table(tmp_path / "other" / "sourcing.parquet").equals(first)


def test_planted_shares(made):
    _, truth, suppliers, lines = made
    assert 0.10 < truth["ilab_lines"] / LINES < 0.20
    assert 0.05 < truth["hs_only_lines"] / LINES < 0.20
    assert 0.10 < truth["blank_origin_lines"] / LINES < 0.30
    assert truth["bad_lines"] == LINES // 100 and set(truth["bad_line_kinds"]) == set(BAD_LINE_KINDS)
    assert (lines["HS Code"] == "ABC").sum() == truth["bad_line_kinds"]["bad_hs"]
    assert (lines["Ship Date"] == "31/02/2026").sum() == truth["bad_line_kinds"]["bad_date"]
    assert set(truth["listed_names"]) <= set(suppliers["Supplier Name"])
    assert lines["Item Description"].isna().any() and lines["Country of Origin"].isna().any()
    assert suppliers["Country"].isin(["Viet Nam", "PRC", "Türkiye", "Ivory Coast"]).any()


def test_bad_rows_are_exactly_the_quarantined_ones(made):
    out, truth, _, _ = made
    suppliers = ingest.ingest(out / "suppliers.csv", INPUTS["suppliers"].CONTRACT)
    lines = ingest.ingest(out / "sourcing.parquet", INPUTS["sourcing"].CONTRACT, None,
                          ("commodity", "hs_code"))
    good_suppliers = validate.suppliers(suppliers)
    good_lines = validate.sourcing(lines, good_suppliers.accepted["supplier_id"])
    assert good_suppliers.problems["_row"].nunique() == truth["bad_suppliers"]
    assert good_lines.problems["_row"].nunique() == truth["bad_lines"]
