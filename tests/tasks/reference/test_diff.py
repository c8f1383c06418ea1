from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from schemas import reference_diff
from tasks.reference import ReferenceDataError
from tasks.reference.compare import compare, markdown, summary_lines, write
from tasks.reference.diff import DIFF_COLUMNS, diff_tip
from tasks.reference.ilab import read_tvpra_xml
from tasks.reference.store import DEFAULT_ROOT
from tests.tasks.reference.conftest import RAW, tvpra_rows

XML_2020 = RAW / "ilab" / "tvpra_goods_2020.xml"
XML_2022 = RAW / "ilab" / "tvpra_goods_2022.xml"


def test_tvpra_2020_to_2022_from_the_raw_files():
    result = compare(str(XML_2020), str(XML_2022), DEFAULT_ROOT)
    assert (result.list, result.old, result.new) == ("ilab_tvpra", "2020", "2022")
    assert result.counts == {"added": 33, "removed": 4, "changed": 2}
    changed = result.diff[result.diff["change"] == "changed"]
    assert changed[["good", "country_iso3", "old_value", "new_value"]].values.tolist() == [
        ["Garments", "BGD", "child_labor", "child_labor|forced_labor"],
        ["Thread/Yarn", "IND", "child_labor", "child_labor|forced_labor"],
    ]
    assert list(result.diff.columns) == DIFF_COLUMNS
    assert set(result.diff["old_edition"]) == {"2020"} and set(result.diff["new_edition"]) == {"2022"}


def test_installed_editions_give_the_same_diff():
    from_files = compare(str(XML_2020), str(XML_2022), DEFAULT_ROOT).diff
    installed = compare("ilab_tvpra:2020", "ilab_tvpra:2022", DEFAULT_ROOT).diff
    assert installed.equals(from_files)


def test_xml_against_dol_excel_of_the_same_content_is_empty(write_xlsx):
    excel = write_xlsx("tvpra_goods_2022_download.xlsx", tvpra_rows(read_tvpra_xml(XML_2022)))
    result = compare(str(XML_2022), str(excel), DEFAULT_ROOT)
    assert result.counts == {"added": 0, "removed": 0, "changed": 0} and result.diff.empty
    assert compare(str(excel), "ilab_tvpra:2022", DEFAULT_ROOT).diff.empty


def _tip(path: Path, rows: list[tuple[int, str, str]]) -> Path:
    lines = ["report_year,country_name,tier"] + [f"{y},{c},{t}" for y, c, t in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_tip_tier_changes_per_country(tmp_path: Path):
    old = _tip(tmp_path / "tiers_2023.csv", [
        (2022, "Albania", "Tier 3"), (2023, "Albania", "Tier 2"), (2023, "Burma", "Tier 3"),
        (2023, "Chad", "Tier 2 Watch List"), (2023, "Denmark", "Tier 1")])
    new = _tip(tmp_path / "tiers_2024.csv", [
        (2024, "Albania", "Tier 2"), (2024, "Burma", "Tier 2 WL"), (2024, "Denmark", "Tier 1"),
        (2024, "Eswatini", "Tier 2")])
    result = compare(str(old), str(new), DEFAULT_ROOT)
    assert (result.list, result.old, result.new) == ("tip", "2023", "2024")
    rows = result.diff[["change", "country_iso3", "old_value", "new_value"]].values.tolist()
    assert rows == [["added", "SWZ", None, "Tier 2 (2024)"],
                    ["removed", "TCD", "Tier 2 Watch List (2023)", None],
                    ["changed", "MMR", "Tier 3 (2023)", "Tier 2 Watch List (2024)"]]


def test_diff_tip_uses_each_countrys_latest_placement():
    import pandas as pd

    old = pd.DataFrame({"report_year": [2001, 2002], "country": ["Chad"] * 2,
                        "country_iso3": ["TCD"] * 2, "tier": ["Tier 3", "Tier 2"]})
    new = old.assign(report_year=[2002, 2003], tier=["Tier 2", "Tier 2"])
    assert diff_tip(old, new).empty


def _scrape(path: Path, uflpa: list[str], wro: list[tuple[str, str, str]]) -> Path:
    path.write_text(json.dumps({
        "fetchedAt": "2026-01-01T00:00:00Z",
        "uflpa": [{"name": name, "aliases": [], "listedDate": "June 21, 2022"} for name in uflpa],
        "wro": [{"entity": e, "country": c, "status": s, "effectiveDate": "1/2/2020"} for e, c, s in wro],
    }), encoding="utf-8")
    return path


def test_entities_added_removed_and_wro_status(tmp_path: Path):
    old = _scrape(tmp_path / "scrape_2026-01-01.json", ["Alpha Cotton Co., Ltd.", "Beta Solar Co., Ltd."],
                  [("Gamma Gloves Sdn. Bhd.", "MY", "Active"), ("Delta Fishing Co., Ltd.", "CN", "Active")])
    new = _scrape(tmp_path / "scrape_2026-03-01.json", ["Beta Solar Co., Ltd.", "Epsilon Yarn Co., Ltd."],
                  [("Gamma Gloves Sdn. Bhd.", "MY", "Inactive"), ("Delta Fishing Co., Ltd.", "CN", "Active")])
    uflpa = compare(str(old), str(new), DEFAULT_ROOT, "uflpa")
    assert (uflpa.old, uflpa.new) == ("2026-01-01", "2026-03-01")
    assert uflpa.diff[["change", "name"]].values.tolist() == [
        ["added", "Epsilon Yarn Co., Ltd."], ["removed", "Alpha Cotton Co., Ltd."]]
    wro = compare(str(old), str(new), DEFAULT_ROOT, "wro")
    assert wro.diff[["change", "name", "old_value", "new_value", "country_iso3"]].values.tolist() == [
        ["changed", "Gamma Gloves Sdn. Bhd.", "Active", "Inactive", "MYS"]]
    with pytest.raises(ReferenceDataError, match="holds uflpa and wro; pass --list"):
        compare(str(old), str(new), DEFAULT_ROOT)


def test_eo13126_pairs(tmp_path: Path):
    old = tmp_path / "eo13126_2014.csv"
    old.write_text("Country,Good\nBolivia,Brazil Nuts\nBurma,Rice\n", encoding="utf-8")
    new = tmp_path / "eo13126_2024.csv"
    new.write_text("Country,Good\nBolivia,Brazil Nuts\nBurma,Teak\n", encoding="utf-8")
    result = compare(str(old), str(new), DEFAULT_ROOT)
    assert result.diff[["change", "good", "country_iso3", "old_value", "new_value"]].values.tolist() == [
        ["added", "Teak", "MMR", None, "listed"], ["removed", "Rice", "MMR", "listed", None]]


def test_different_lists_are_refused(tmp_path: Path):
    tip = _tip(tmp_path / "tiers_2024.csv", [(2024, "Chad", "Tier 2")])
    with pytest.raises(ReferenceDataError, match="same list"):
        compare("ilab_tvpra:2022", str(tip), DEFAULT_ROOT)


def test_unknown_installed_edition():
    with pytest.raises(ReferenceDataError, match=r"no ilab_tvpra edition '2019'.*available: 2020, 2022"):
        compare("ilab_tvpra:2019", "ilab_tvpra:2022", DEFAULT_ROOT)


def test_parquet_carries_the_schema(tmp_path: Path):
    result = compare("ilab_tvpra:2020", "ilab_tvpra:2022", DEFAULT_ROOT)
    path = write(result, tmp_path / "diffs")
    assert path.name == "ilab_tvpra_2020_to_2022.parquet"
    table = pq.read_table(path)
    assert table.schema.names == reference_diff.CONTRACT.names
    assert table.schema.field("change").metadata[b"doc"].startswith(b"added")
    assert table.schema.metadata[b"old_edition"] == b"2020"
    assert table.num_rows == 39
    assert "33 added, 4 removed, 2 changed" in summary_lines(result)[0]
    assert "| added | Açaí Berries x Brazil (BRA) |  | child_labor |" in markdown(result, path)
    result.diff = result.diff[result.diff["change"] == "changed"]
    assert "| changed | Garments x Bangladesh (BGD) | child_labor | child_labor\\|forced_labor |" \
        in markdown(result)
