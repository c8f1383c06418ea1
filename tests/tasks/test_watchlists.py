"""User watchlists: loading, bad rows reported, screened the same way as the official lists."""

from __future__ import annotations

import pandas as pd
import pytest

from tasks import entity_config
from tasks.entity_match import match_suppliers
from tasks.watchlists import WatchlistError, load_watchlist

CSV = """Company Name,Aliases,Country,List,Note
Shenzhen Bright Star Apparel Co. Ltd.,Bright Star Garments|SBS Apparel,China,buyer_watch,audit 2025 failed
Dhaka Nimbus Knitwear Ltd,,Bangladesh,,
,orphan alias,China,,
Tashkent Cotton Cluster LLC,,Narnia,,
Shenzhen Bright Star Apparel Co Ltd,,CN,buyer_watch,
"""


@pytest.fixture
def watchlist(tmp_path):
    path = tmp_path / "my_list.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_rows_become_entities_and_bad_rows_are_reported(watchlist):
    entities, problems = load_watchlist(watchlist, list_name="my_list")
    assert entities["name"].tolist() == ["Shenzhen Bright Star Apparel Co. Ltd.", "Dhaka Nimbus Knitwear Ltd"]
    first = entities.iloc[0]
    assert first["aliases"] == ["Bright Star Garments", "SBS Apparel"]
    assert first["list"] == "buyer_watch" and first["country_iso3"] == "CHN"
    assert first["note"] == "audit 2025 failed"
    assert entities.iloc[1]["list"] == "my_list" and entities.iloc[1]["country_iso3"] == "BGD"
    assert len(set(entities["edition"])) == 1 and len(entities["entity_id"].iloc[0]) == 12
    assert problems[["row_number", "column"]].values.tolist() == [
        [4, "Company Name"], [5, "Country"], [6, "Company Name"]]
    assert problems["source_file"].eq(str(watchlist)).all()
    assert "unknown country 'Narnia'" in problems.iloc[1]["reason"]
    assert "repeats the name of row 2" in problems.iloc[2]["reason"]


def test_ids_are_stable_across_loads(watchlist):
    first, second = load_watchlist(watchlist)[0], load_watchlist(watchlist)[0]
    assert first["entity_id"].tolist() == second["entity_id"].tolist()


def test_missing_name_column_or_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("vendor,country\nX,China\n")
    with pytest.raises(WatchlistError, match="no name column"):
        load_watchlist(path)
    with pytest.raises(WatchlistError, match="cannot read"):
        load_watchlist(tmp_path / "missing.csv")


def test_watchlist_is_screened_like_a_list(watchlist):
    config = entity_config.load()
    entities, _ = load_watchlist(watchlist)
    suppliers = pd.DataFrame({"supplier_id": ["a", "b", "c"],
                              "name": ["SBS APPAREL CO LTD", "Dhaka Nimbus Knit Wear Limited",
                                       "Dhaka Cotton Ltd"],
                              "country_iso3": ["CHN", None, "BGD"]})
    found = match_suppliers(suppliers, entities, config)
    assert set(found["supplier_id"]) == {"a", "b"}
    assert found.set_index("supplier_id").loc["a", "list"] == "buyer_watch"
    assert found.set_index("supplier_id").loc["a", "name_type"] == "alias"
