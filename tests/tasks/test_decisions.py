"""Analyst decisions: validated, applied on every run, remembered until a name changes."""

from __future__ import annotations

import pandas as pd
import pytest

from tasks import entity_config
from tasks.decisions import (
    DecisionsError,
    apply_decisions,
    decisions_sha256,
    load_decisions,
    record,
    save_decisions,
)
from tasks.entity_match import match_suppliers


def entity(name, entity_id):
    return {"list": "uflpa", "edition": "2026-01-01", "entity_id": entity_id, "name": name, "aliases": [],
            "note": None, "entity_kind": "company", "country_iso3": None, "status": "Active",
            "listed_date": None, "source_name": name}


ENTITIES = pd.DataFrame([entity("Aksu Huafu Color Spinning Co., Ltd.", "e_huafu"),
                         entity("Hetian Haolin Hair Accessories Co., Ltd.", "e_haolin")])


def run(suppliers, path):
    """One screening run: match, then apply the decisions file."""
    config = entity_config.load()
    matches = match_suppliers(suppliers, ENTITIES, config)
    return apply_decisions(matches, load_decisions(path), suppliers, ENTITIES)


def suppliers(huafu_name="Aksu Huafu Color Spinning Co", haolin_name="Hotan Haolin Hair Accessories"):
    return pd.DataFrame({"supplier_id": ["S1", "S2"], "name": [huafu_name, haolin_name],
                         "country_iso3": ["CHN", "CHN"]})


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_decisions_persist_across_runs(tmp_path, suffix):
    path = tmp_path / f"decisions{suffix}"
    first = run(suppliers(), path)
    assert set(first["supplier_id"]) == {"S1", "S2"}
    rejected = record(first[first["supplier_id"] == "S1"], "reject", "ana", "different company", "2026-11-01")
    confirmed = record(first[first["supplier_id"] == "S2"], "confirm", "ben", "same address", "2026-11-02")
    save_decisions(pd.concat([rejected, confirmed]), path)

    second = run(suppliers(), path)
    assert "S1" not in set(second["supplier_id"])  # rejection remembered
    row = second.set_index("supplier_id").loc["S2"]
    assert (row["band"], row["decision"]) == ("match", "confirmed")
    assert "confirmed by ben on 2026-11-02" in row["explanation"]

    renamed = run(suppliers(huafu_name="Aksu Huafu Color Spinning Group Co"), path)
    back = renamed.set_index("supplier_id").loc["S1"]
    assert "no longer applies" in back["explanation"]  # the supplier's name changed: shown again

    same_name_new_form = run(suppliers(huafu_name="AKSU HUAFU COLOR SPINNING CO."), path)
    assert "S1" not in set(same_name_new_form["supplier_id"])  # only punctuation / case changed


def test_confirmed_pair_kept_when_matcher_no_longer_finds_it(tmp_path):
    path = tmp_path / "decisions.csv"
    decided = pd.DataFrame([{"supplier_id": "S2", "list_entity_id": "e_huafu", "decision": "confirm",
                             "reviewer": "ben", "reason": "parent company", "date": "2026-11-02",
                             "supplier_name": "Hotan Haolin Hair Accessories",
                             "entity_name": "Aksu Huafu Color Spinning Co., Ltd."}])
    save_decisions(decided, path)
    out = run(suppliers(), path)
    row = out[(out["supplier_id"] == "S2") & (out["list_entity_id"] == "e_huafu")].iloc[0]
    assert (row["band"], row["decision"], row["score"]) == ("match", "confirmed", 100.0)


def test_unknown_decision_names_row_and_column(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text("supplier_id,list_entity_id,decision,reviewer,reason,date,supplier_name,entity_name\n"
                    "S1,e1,confirm,ana,,2026-11-01,A,B\n"
                    "S2,e1,maybe,ana,,2026-11-01,A,B\n")
    with pytest.raises(DecisionsError, match=r"row 3, column 'decision': unknown decision 'maybe'"):
        load_decisions(path)


def test_bad_date_and_missing_columns(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text("supplier_id,list_entity_id,decision,reviewer,date,supplier_name,entity_name\n"
                    "S1,e1,reject,ana,yesterday,A,B\n")
    with pytest.raises(DecisionsError, match="row 2, column 'date'"):
        load_decisions(path)
    path.write_text("supplier_id,decision\nS1,reject\n")
    with pytest.raises(DecisionsError, match="missing columns"):
        load_decisions(path)


def test_sha256_and_missing_file(tmp_path):
    path = tmp_path / "decisions.csv"
    assert load_decisions(path).empty
    path.write_text("x")
    assert decisions_sha256(path) == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
