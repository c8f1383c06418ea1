from __future__ import annotations

from pathlib import Path

import pytest

from tasks.reference import ReferenceDataError
from tasks.reference.tip import TIERS, normalise_tier, read_tip
from tests.tasks.reference.conftest import RAW


def test_recent_file_counts_match_provenance():
    tiers = read_tip(RAW / "tip" / "tiers_recent.csv")
    assert len(tiers) == 382
    counts = tiers.groupby(["report_year", "tier"]).size()
    assert counts[2023].to_dict() == {"Tier 1": 30, "Tier 2": 105, "Tier 2 Watch List": 26,
                                      "Tier 3": 24, "Special Case": 3}
    assert tiers.groupby("report_year").size().to_dict() == {2023: 188, 2024: 105, 2025: 89}


def test_coded_file():
    tiers = read_tip(RAW / "tip" / "tiers_2001_2015.csv")
    assert len(tiers) == 3208 - 957  # NA rows are "not rated": no placement
    assert set(tiers["tier"]) == {"Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"}
    assert tiers["tier"].value_counts()["Tier 2 Watch List"] == 494  # code 3
    assert tiers["tier"].value_counts()["Tier 3"] == 257  # code 4
    assert tiers["report_year"].between(2001, 2015).all()


@pytest.mark.parametrize(
    ("text", "tier"),
    [("Tier 1", "Tier 1"), ("tier 1", "Tier 1"), ("1", "Tier 1"), ("Tier I", "Tier 1"),
     ("Tier II", "Tier 2"), ("Tier 2", "Tier 2"), ("Tier 2 WL", "Tier 2 Watch List"),
     ("Tier 2 Watchlist", "Tier 2 Watch List"), ("2WL", "Tier 2 Watch List"),
     ("Tier II Watch List", "Tier 2 Watch List"), ("Tier 2-Watch List", "Tier 2 Watch List"),
     ("2.5", "Tier 2 Watch List"), ("Tier 3", "Tier 3"), ("TIER III", "Tier 3"),
     ("Special Case", "Special Case"), ("special  case", "Special Case")],
)
def test_normalise_tier(text: str, tier: str):
    assert normalise_tier(text) == tier
    assert tier in TIERS


@pytest.mark.parametrize("text", ["Tier 4", "Tier 3 WL", "Gold", "", "Tier 1 Watch List"])
def test_unknown_tier_raises(text: str):
    with pytest.raises(ValueError):
        normalise_tier(text)


def test_unknown_tier_in_file_names_file_row_column(tmp_path: Path):
    path = tmp_path / "tiers.csv"
    path.write_text("report_year,country_name,tier,source_url\n2024,Albania,Tier 2,u\n"
                    "2024,Chad,Tier 5,u\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as error:
        read_tip(path)
    assert "tiers.csv, row 3, column 'tier': unknown tier 'Tier 5'" in str(error.value)


def test_unknown_code_in_coded_file(tmp_path: Path):
    path = tmp_path / "coded.csv"
    path.write_text("countryname,iso,year,ccode,tier\nChad,TCD,2010,483,7\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"coded.csv, row 2, column 'tier': unknown tier code '7'"):
        read_tip(path, coding="coded")


def test_missing_column_and_empty_file(tmp_path: Path):
    path = tmp_path / "tiers.csv"
    path.write_text("report_year,country_name,source_url\n2024,Chad,u\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"row 1, column 'tier'"):
        read_tip(path)
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="empty"):
        read_tip(path)
