"""End to end: the screening flow on the bundled sample data."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from schemas import INPUTS, OUTPUTS
from tasks.ingest import ingest
from tasks.manifest import sha256
from tasks.paths import SAMPLE
from tasks.scoring_config import load as load_config

SUPPLIERS = SAMPLE / "suppliers.csv"
SOURCING = SAMPLE / "sourcing.xlsx"


@pytest.fixture(scope="module")
def run(prefect_harness, tmp_path_factory):
    from flows.screening import screen

    out = tmp_path_factory.mktemp("out")
    summary = screen(suppliers=SUPPLIERS, sourcing=SOURCING, out=out)
    return summary, out / "latest"


def read(latest, name) -> pd.DataFrame:
    return pd.read_parquet(latest / f"{name}.parquet")


def test_every_input_row_lands_exactly_once(run):
    _, latest = run
    lines, quarantine = read(latest, "screened_lines"), read(latest, "quarantine")
    suppliers = read(latest, "supplier_risk")
    for dataset, path, screened_rows in (
        ("sourcing", SOURCING, lines["source_row"]),
        ("suppliers", SUPPLIERS, suppliers["source_row"]),
    ):
        rows_in = ingest(path, INPUTS[dataset].CONTRACT,
                         require_any=("commodity", "hs_code") if dataset == "sourcing" else ())
        expected = sorted(rows_in.frame["_row"].tolist())
        rejected = quarantine.loc[quarantine["dataset"] == dataset, "row_number"].tolist()
        landed = sorted(screened_rows.tolist() + rejected)
        assert landed == expected, dataset
        assert len(rejected) > 0, f"the sample has broken {dataset} rows"


def test_outputs_match_their_schemas_and_read_in_duckdb(run):
    _, latest = run
    for name, module in OUTPUTS.items():
        path = latest / f"{name}.parquet"
        schema = pq.read_schema(path)
        expected = module.CONTRACT.arrow_schema()
        assert schema.remove_metadata().equals(expected.remove_metadata()), name
        assert schema.field(0).metadata[b"doc"], name
        assert schema.metadata[b"schema_version"] == expected.metadata[b"schema_version"]
        assert b"run_id" in schema.metadata
        rows = duckdb.connect().execute(f"select count(*) from '{path}'").fetchone()[0]
        assert rows == len(pd.read_parquet(path)), name


def test_evidence_is_queryable_in_duckdb(run):
    _, latest = run
    path = latest / "screened_lines.parquet"
    query = f"""
        select e.indicator, e.source, count(*) as n
        from (select unnest(indicators) as e from '{path}')
        where e.indicator = 'ilab_forced_labor' group by all
    """
    rows = duckdb.connect().execute(query).fetchall()
    lines = read(latest, "screened_lines")
    expected = sum("ilab_forced_labor" in {i["indicator"] for i in ev} for ev in lines["indicators"])
    assert rows == [("ilab_forced_labor", "ilab_tvpra", expected)] and expected > 0


def test_pictures_and_report_are_published_beside_the_outputs(run):
    summary, latest = run
    for name in ("heatmap.png", "top_suppliers.png"):
        assert (latest / name).read_bytes().startswith(b"\x89PNG\r\n"), name
    page = (latest / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 2
    assert "Côte d&#x27;Ivoire" in page or "Côte d'Ivoire" in page
    assert summary.run_dir.name in page


def test_cocoa_from_cote_divoire_scores_high_in_every_spelling(run):
    _, latest = run
    lines = read(latest, "screened_lines")
    cocoa = lines[(lines["commodity_id"] == "cocoa") & (lines["country_iso3"] == "CIV")]
    assert cocoa["country_of_origin"].dropna().nunique() >= 2, "several spellings in the sample"
    assert cocoa["band"].isin(["high", "critical"]).all()
    for indicators in cocoa["indicators"]:
        names = {i["indicator"] for i in indicators}
        assert {"ilab_child_labor", "ilab_forced_child_labor"} <= names
        ilab = next(i for i in indicators if i["indicator"] == "ilab_child_labor")
        assert ilab["source"] == "ilab_tvpra" and ilab["edition"] == "2022"


def test_turkmen_cotton_scores_high_with_forced_labor(run):
    _, latest = run
    lines = read(latest, "screened_lines")
    cotton = lines[(lines["commodity_id"] == "cotton") & (lines["country_iso3"] == "TKM")]
    assert len(cotton) > 0
    assert cotton["band"].isin(["high", "critical"]).all()
    assert all("ilab_forced_labor" in {i["indicator"] for i in ev} for ev in cotton["indicators"])


def test_scores_recompute_from_evidence(run):
    _, latest = run
    config = load_config()
    lines = read(latest, "screened_lines")
    recomputed = lines["indicators"].map(config.score)
    assert (recomputed == lines["score"]).all()
    weights = {name: spec.weight for name, spec in config.indicators.items()}
    for evidence in lines["indicators"]:
        assert all(i["weight"] == weights[i["indicator"]] for i in evidence)


def test_missing_data_is_flagged_not_scored_zero(run):
    _, latest = run
    lines = read(latest, "screened_lines")
    unmapped = lines[lines["commodity_method"] == "unmapped"]
    assert len(unmapped) > 0
    assert (unmapped["score"] > 0).all()
    assert all("commodity_unmapped" in {i["indicator"] for i in ev}
               for ev in unmapped["indicators"])
    fallback = lines[lines["country_source"] == "supplier"]
    assert len(fallback) > 0 and fallback["country_of_origin"].isna().all()


def test_hs_only_lines_are_mapped(run):
    _, latest = run
    lines = read(latest, "screened_lines")
    hs_only = lines[lines["commodity"].isna()]
    assert len(hs_only) > 0
    assert (hs_only["commodity_method"] == "hs").mean() > 0.8


def test_rollups_are_consistent(run):
    _, latest = run
    lines, suppliers = read(latest, "screened_lines"), read(latest, "supplier_risk")
    hotspots = read(latest, "hotspots")
    per_supplier = lines.groupby("supplier_id")["score"].max()
    with_lines = suppliers[suppliers["lines"] > 0].set_index("supplier_id")["max_score"]
    assert with_lines.sort_index().equals(per_supplier.sort_index().rename("max_score"))
    without = suppliers[suppliers["lines"] == 0]
    assert without["max_score"].equals(without["supplier_score"])
    known = lines.dropna(subset=["country_iso3", "commodity_id"])
    assert hotspots["lines"].sum() == len(known)
    assert hotspots["rank"].tolist() == list(range(1, len(hotspots) + 1))
    assert hotspots["priority"].is_monotonic_decreasing
    assert hotspots["exposure_share"].sum() == pytest.approx(1.0)
    assert (hotspots["priority"] == hotspots["score"] / 100 * hotspots["exposure_share"]).all()


def test_xinjiang_address_makes_every_line_critical(run):
    _, latest = run
    suppliers = read(latest, "supplier_risk")
    xinjiang = suppliers[suppliers["address"].str.contains("Xinjiang", na=False)]
    assert len(xinjiang) >= 3
    for entries in xinjiang["supplier_indicators"]:
        assert "xinjiang_address" in {e["indicator"] for e in entries}
    lines = read(latest, "screened_lines")
    theirs = lines[lines["supplier_id"].isin(xinjiang["supplier_id"])]
    assert len(theirs) > 0 and (theirs["band"] == "critical").all()
    assert all("xinjiang_address" in {i["indicator"] for i in ev} for ev in theirs["indicators"])


def test_country_summary_lists_tiers_goods_and_exposure(run):
    _, latest = run
    countries = read(latest, "country_summary").set_index("country_iso3")
    lines = read(latest, "screened_lines")
    assert countries["lines"].sum() == lines["country_iso3"].notna().sum()
    civ = countries.loc["CIV"]
    assert any(g.startswith("Cocoa (") for g in civ["listed_goods"])
    assert "cocoa" in civ["listed_goods_sourced"]
    assert civ["tip_tier"] and civ["tip_report_year"] >= 2023


def test_manifest_records_inputs_editions_and_bands(run):
    summary, latest = run
    manifest = json.loads((latest / "manifest.json").read_text())
    inputs = {entry["dataset"]: entry for entry in manifest["inputs"]}
    assert inputs["sourcing"]["sha256"] == sha256(SOURCING)
    for entry in inputs.values():
        assert entry["rows_read"] == entry["rows_accepted"] + entry["rows_quarantined"]
    lists = {row["list"] for row in manifest["reference_editions"]}
    assert {"ilab_tvpra", "tip"} <= lists
    lines = read(latest, "screened_lines")
    assert manifest["counts_per_band"] == {b: int((lines["band"] == b).sum())
                                           for b in ("low", "medium", "high", "critical")}
    assert summary.counts_per_band == manifest["counts_per_band"]
    assert len(summary.top_hotspots) == 10


def test_quarantine_names_file_row_and_reason(run):
    _, latest = run
    quarantine = read(latest, "quarantine")
    assert quarantine["source_file"].isin([SUPPLIERS.name, SOURCING.name]).all()
    assert quarantine["reason"].str.len().gt(0).all()
    rules = set(quarantine["rule"])
    assert {"unknown_supplier", "commodity_or_hs"} <= rules
    assert all(len(p) >= 1 for p in quarantine["problems"])
