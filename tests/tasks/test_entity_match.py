"""Entity screening: blocking, scoring, bands, aliases, kinds, schema, recall on real list variants."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from schemas import entity_matches as schema
from tasks import entity_config, expectations
from tasks.entity_match import MATCH_COLUMNS, build_index, list_names, match_suppliers
from tasks.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def config():
    return entity_config.load()


@pytest.fixture(scope="module")
def entities():
    return load_reference(ROOT / "data" / "reference").entities


@pytest.fixture(scope="module")
def index(entities, config):
    return build_index(entities, config)


def screen(names, index, config, countries=None):
    suppliers = pd.DataFrame({"supplier_id": [f"s{i}" for i in range(len(names))], "name": names,
                              "country_iso3": countries or [None] * len(names)})
    return match_suppliers(suppliers, index, config)


def entity(name, aliases=(), country=None, kind="company", note=None, list_name="uflpa", entity_id=None):
    return {"list": list_name, "edition": "2026-01-01", "entity_id": entity_id or name[:12], "name": name,
            "aliases": list(aliases), "note": note, "entity_kind": kind, "country_iso3": country,
            "status": "Active", "listed_date": None, "source_name": name}


# Real list names with realistic changes: each must be flagged (match or review) for its entity.
REAL_VARIANTS = [
    ("AKSU HUAFU COLOUR SPINNING CO LTD", "Aksu Huafu Color Spinning Co., Ltd."),
    ("Akesu Huafu Melange Yarn Company Limited", "Aksu Huafu Color Spinning Co., Ltd."),
    ("阿克苏华孚色纺有限公司", "Aksu Huafu Color Spinning Co., Ltd."),
    ("Hotan Haolin Hair Accessories Ltd", "Hetian Haolin Hair Accessories Co. Ltd."),
    ("Hoshine Silicon Industry (Shanshan) Co Ltd", "Hoshine Silicon Industry (Shanshan) Co., Ltd."),
    ("Hesheng Silicon Industry Shanshan", "Hoshine Silicon Industry (Shanshan) Co., Ltd."),
    ("XPCC", "Xinjiang Production and Construction Corps"),
    ("Xinjiang Production & Construction Corps.", "Xinjiang Production and Construction Corps"),
    ("Bingtuan", "Xinjiang Production and Construction Corps"),
    ("Changji Yida Textile Co", "Changji Esquel Textile Co., Ltd."),
    ("Zhuhai Pu-Tech Inds Co., Ltd.", "Zhuhai Pu-Tech Industrial Co., Ltd."),
    ("Heze Cotton & Linen Co Ltd", "Heze Cotton and Linen Co., Ltd."),
    ("Xinjiang Daqo New Energy Co Ltd", "Xinjiang Daqo New Energy Co., Ltd."),
    ("Xinjiang GCL New Energy Materials Tech Co.", "Xinjiang GCL New Energy Material Technology, Co. Ltd"),
    ("Junan County Jinsheng Imp & Exp Co Ltd", "Junan Jinsheng Import & Export Co., Ltd."),
    ("Dongguan Lvzhou Shoes Co.", "Dongguan Oasis Shoes Co., Ltd."),
    ("Hoshin Silicon Industry Co. Ltd.", "Hoshine Silicon Industry Co. Ltd."),
    ("Linglong International Europe DOO Zrenjanin", "Linglong International Europe D.O.O. Zrenjanin"),
    ("FGV Holdings Bhd", "FGV Holdings Berhad"),
    ("Tianjin No. 2 Prison", "Tianjin Malleable Iron Factory"),
]


def test_recall_on_real_list_variants(index, config, entities):
    names = [v for v, _ in REAL_VARIANTS]
    found = screen(names, index, config)
    ids = entities.groupby("name")["entity_id"].agg(set)
    missed = [(v, target) for i, (v, target) in enumerate(REAL_VARIANTS)
              if not ids[target] & set(found.loc[found["supplier_id"] == f"s{i}", "list_entity_id"])]
    assert not missed


@pytest.mark.parametrize("name", [
    "Xinjiang Cotton Textile Co., Ltd.", "China Cotton Trading Co Ltd", "Xinjiang Industry Group Co., Ltd.",
    "Xinjiang International Trade Co., Ltd.", "Aksu Jinrui Fruit Co., Ltd.", "Hetian Kangming Carpet Co.",
    "Xinjiang Goldwind Science & Technology Co., Ltd.", "Trina Solar Co., Ltd.",
])
def test_generic_and_unrelated_names_are_not_flagged(name, index, config):
    assert screen([name], index, config).empty


def test_output_columns_bands_and_explanation(index, config):
    found = screen(["Aksu Huafu Color Spinning Co Ltd"], index, config, ["CHN"])
    assert list(found.columns) == MATCH_COLUMNS
    top = found.iloc[0]
    assert top["band"] == "match" and top["decision"] == "auto_match" and top["score"] >= config.bands.match
    assert "aksu huafu color spinning co ltd" in top["explanation"]
    assert "huafu" in top["explanation"]
    assert "country unknown on one side: no effect" in top["explanation"]


def test_alias_is_matched_and_note_kept(index, config):
    found = screen(["Bingtuan"], index, config)
    row = found[found["list"] == "uflpa"].iloc[0]
    assert row["name_type"] == "alias" and row["matched_name"] == "Bingtuan"
    assert row["entity_name"] == "Xinjiang Production and Construction Corps"
    assert row["alias_note"] == "and its subordinate and affiliated entities"


def test_country_mismatch_lowers_unknown_does_not(config):
    table = pd.DataFrame([entity("Everest Carpet Industries", country="NPL")])
    index = build_index(table, config)
    same, unknown, other = (screen(["Everest Carpet Industries"], index, config, [c])["score"].iloc[0]
                            for c in ("NPL", None, "IND"))
    assert same >= unknown > other
    assert unknown - other == config.weights.country_mismatch


def test_regions_products_and_vessels_are_not_name_matched(config):
    table = pd.DataFrame([
        entity("Xinjiang Uyghur Autonomous Region", ["XUAR"], kind="region"),
        entity("All Turkmenistan Cotton", kind="product"),
        entity("Zhen Fa 7", kind="vessel"),
        entity("Dalian Ocean Fishing Co. Ltd.", kind="vessel", note="fishing vessels owned by this company"),
    ])
    names = list_names(table, config)
    assert names["matched_name"].tolist() == ["Dalian Ocean Fishing Co. Ltd."]
    index = build_index(table, config)
    assert screen(["Xinjiang Uyghur Autonomous Region", "Zhen Fa 7"], index, config).empty


def test_typo_in_brand_found_but_other_syllable_is_not(config):
    table = pd.DataFrame([entity("Gansu Yasheng International Trading Co., Ltd.")])
    index = build_index(table, config)
    assert len(screen(["Gansu Yahseng International Trading Co"], index, config)) == 1
    other = screen(["Henan Yusheng Chemical Co., Ltd."], index, config)
    assert other.empty


def test_no_suppliers_or_no_candidates(index, config):
    assert screen([], index, config).empty
    assert list(screen(["Zzzz Qqqq"], index, config).columns) == MATCH_COLUMNS


def test_output_fits_schema_and_expectations(index, config):
    found = screen(["AKSU HUAFU COLOUR SPINNING CO LTD", "Hotan Haolin Hair Accessories", "XPCC"],
                   index, config, ["CHN", None, "CHN"])
    table = pa.Table.from_pandas(found, schema=schema.CONTRACT.arrow_schema(), preserve_index=False)
    assert table.num_rows == len(found)
    assert expectations.run(found, schema.expectations(), "entity_matches") == []


def test_config_validation(tmp_path):
    bad = (ROOT / "data" / "entity_matching.toml").read_text().replace("review = 75", "review = 95")
    path = tmp_path / "bad.toml"
    path.write_text(bad)
    with pytest.raises(ValueError, match="review must be below match"):
        entity_config.load(path)
