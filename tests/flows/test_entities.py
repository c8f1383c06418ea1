"""Entity screening inside the screening flow: hits, watchlists and remembered decisions."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tasks.decisions import record, save_decisions


@pytest.fixture(scope="module")
def runs(prefect_harness, tmp_path_factory):
    from flows.screening import screen

    folder = tmp_path_factory.mktemp("entities")
    watchlist = folder / "audit_findings.csv"
    watchlist.write_text("name,aliases,country,note\n"
                         "Lebap Cotton Export Company,,Turkmenistan,2025 audit: recruitment fees\n"
                         ",,China,row without a name\n", encoding="utf-8")
    out = folder / "out"
    first = screen(out=out, watchlists=[watchlist])
    first_matches = pd.read_parquet(out / "latest" / "entity_matches.parquet")
    # An analyst rejects the WRO pair of Agropecuarios Tom and confirms the rest.
    tom = first_matches[first_matches["supplier_id"] == "V-10127"]
    decisions = pd.concat([record(tom, "reject", "analyst@example.org", "different legal entity"),
                           record(first_matches[first_matches["supplier_id"] != "V-10127"], "confirm",
                                  "analyst@example.org", "checked registry")], ignore_index=True)
    decisions_path = folder / "decisions.csv"
    save_decisions(decisions, decisions_path)
    second = screen(out=out, watchlists=[watchlist], decisions=decisions_path)
    return first, second, out / "latest"


def read(latest, name):
    return pd.read_parquet(latest / f"{name}.parquet")


def test_listed_suppliers_and_their_lines_are_critical_with_the_list_named(runs):
    first, _, _ = runs
    hits = {h["supplier_id"]: h for h in first.entity_hits}
    assert {"V-10102", "V-10105", "V-10121", "V-10127"} <= set(hits)
    risk = read(first.run_dir, "supplier_risk").set_index("supplier_id")
    assert (risk.loc[list(hits), "band"] == "critical").all()
    lines = read(first.run_dir, "screened_lines")
    daqo = lines[lines["supplier_id"] == "V-10105"]
    assert len(daqo) > 0 and (daqo["band"] == "critical").all()
    for evidence in daqo["indicators"]:
        uflpa = [e for e in evidence if e["indicator"] == "uflpa_entity"]
        assert uflpa and uflpa[0]["source"] == "uflpa" and uflpa[0]["edition"]
        assert "Xinjiang Daqo New Energy" in uflpa[0]["detail"]


def test_generic_names_do_not_match(runs):
    first, _, _ = runs
    matched = {h["supplier_id"] for h in first.entity_hits}
    assert "V-10130" not in matched  # "Xinjiang Cotton Trading Co., Ltd.": generic words only


def test_watchlist_hits_and_bad_rows(runs):
    first, _, _ = runs
    matches = read(first.run_dir, "entity_matches")
    own = matches[matches["list"] == "audit_findings"]
    assert own["supplier_id"].tolist() == ["V-10060"]
    risk = read(first.run_dir, "supplier_risk").set_index("supplier_id")
    assert any(e["indicator"] == "watchlist" for e in risk.loc["V-10060", "supplier_indicators"])
    lines = read(first.run_dir, "screened_lines").query("supplier_id == 'V-10060'")
    assert len(lines) > 0 and (lines["band"] == "critical").all()
    quarantine = read(first.run_dir, "quarantine")
    bad = quarantine[quarantine["dataset"] == "watchlist"]
    assert bad[["source_file", "row_number", "column"]].values.tolist() == [["audit_findings.csv", 3, "name"]]


def test_decisions_persist_and_are_recorded(runs):
    first, _, latest = runs
    matches = read(latest, "entity_matches")
    assert "V-10127" not in set(matches["supplier_id"])  # rejected pair suppressed
    assert (matches["decision"] == "confirmed").all()
    manifest = json.loads((latest / "manifest.json").read_text())
    files = manifest["entity_screening"]["files"]
    assert files["decisions"]["sha256"] and files["watchlist_1"]["path"].endswith("audit_findings.csv")
    tom_lines = read(latest, "screened_lines").query("supplier_id == 'V-10127'")
    assert not any(e["indicator"] == "wro_active" for ev in tom_lines["indicators"] for e in ev)
    before = read(first.run_dir, "screened_lines").query("supplier_id == 'V-10127'")
    assert (tom_lines["score"].to_numpy() < before["score"].to_numpy()).all()  # WRO weight gone
