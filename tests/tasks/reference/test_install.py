from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from tasks.reference import ReferenceDataError, load_reference
from tasks.reference.ilab import read_tvpra_xml
from tasks.reference.install import install, prepare, summary_lines
from tasks.reference.store import check
from tests.tasks.reference.conftest import RAW, tvpra_rows

GOODS_2022 = read_tvpra_xml(RAW / "ilab" / "tvpra_goods_2022.xml")


def snapshot(root: Path) -> dict[str, bytes]:
    """sources.toml, derived/* and the list of raw files: what a failed load must leave alone."""
    files = {p.relative_to(root).as_posix(): p.read_bytes()
             for p in [root / "sources.toml", *sorted((root / "derived").iterdir())]}
    files["raw listing"] = "\n".join(sorted(p.as_posix() for p in (root / "raw").rglob("*"))).encode()
    return files


def edition_2024() -> pd.DataFrame:
    goods = GOODS_2022[~((GOODS_2022["good"] == "Bricks") & (GOODS_2022["country"] == "Nepal"))].copy()
    goods.loc[(goods["good"] == "Cocoa") & (goods["country"] == "Ghana"), "forced_labor"] = True
    extra = pd.DataFrame([{"good": "Pineapples", "sector": "Agriculture", "country": "Ghana",
                           "child_labor": True, "forced_labor": False, "forced_child_labor": False,
                           "derived": False, "derived_country": None}])
    return pd.concat([goods, extra], ignore_index=True)


def load(path: Path, root: Path, **options):
    return install(prepare(path, root, **options), root)


def test_load_installs_and_activates(reference_root: Path, write_xlsx):
    assert set(load_reference(reference_root).ilab_goods["edition"]) == {"2022"}
    path = write_xlsx("tvpra_goods_2024.xlsx", tvpra_rows(edition_2024()))
    [result] = load(path, reference_root)
    assert (result.list, result.edition, result.rows, result.active) == ("ilab_tvpra", "2024", 467, True)
    assert result.file == "ilab/tvpra_goods_2024.xlsx" and (reference_root / "raw" / result.file).is_file()
    assert result.previous == "2022" and result.changes == {"added": 1, "removed": 1, "changed": 1}
    goods = load_reference(reference_root).ilab_goods
    assert set(goods["edition"]) == {"2024"} and "Pineapples" in set(goods["good"])
    editions = load_reference(reference_root).editions
    row = editions[editions["list"] == "ilab_tvpra"].iloc[0]
    assert row["sha256"] == result.sha256 and row["publisher"].startswith("U.S. Department of Labor")
    declared = tomllib.loads((reference_root / "sources.toml").read_text(encoding="utf-8"))["source"]
    assert declared[-1]["file"] == "ilab/tvpra_goods_2024.xlsx" and declared[-1]["format"] == "dol_excel"
    assert check(reference_root) == []  # derived tables agree with a fresh build
    text = "\n".join(summary_lines([result]))
    assert "vs previous edition 2022: 1 added, 1 removed, 1 changed" in text and result.sha256 in text
    # The same file again: nothing to do.
    before = snapshot(reference_root)
    [again] = load(path, reference_root)
    assert again.already_installed and snapshot(reference_root) == before


def test_an_older_edition_is_installed_but_not_active(reference_root: Path, write_xlsx):
    path = write_xlsx("goods.xlsx", tvpra_rows(GOODS_2022))
    [result] = load(path, reference_root, edition="2021")
    assert not result.active and "2022 stays the active" in result.notes[0]
    assert set(load_reference(reference_root).ilab_goods["edition"]) == {"2022"}
    assert len(load_reference(reference_root, as_of={"ilab_tvpra": "2021"}).ilab_goods) == 467


def test_scrape_json_installs_both_lists(reference_root: Path, tmp_path: Path):
    source = RAW / "dhs_cbp" / "uflpa_wro_scrape_2026-06-11.json"
    path = tmp_path / "scrape_2026-09-01.json"
    path.write_bytes(source.read_bytes())
    results = load(path, reference_root)
    assert [(r.list, r.edition, r.active) for r in results] == [
        ("uflpa", "2026-09-01", True), ("wro", "2026-09-01", True)]
    assert all(r.changes == {"added": 0, "removed": 0, "changed": 0} for r in results)
    assert results[0].file == "dhs_cbp/uflpa_wro_2026-09-01.json"


# ---------------------------------------------------------------- rejected editions


def rejected(path: Path, root: Path, match: str, **options) -> str:
    before = snapshot(root)
    with pytest.raises(ReferenceDataError, match=match) as error:
        load(path, root, **options)
    assert snapshot(root) == before, "a rejected edition changed the store"
    assert set(load_reference(root).ilab_goods["edition"]) == {"2022"}
    return str(error.value)


def test_missing_column(reference_root: Path, write_xlsx):
    rows = [row[:4] + row[5:] for row in tvpra_rows(edition_2024())]  # no Forced Labor column
    path = write_xlsx("tvpra_goods_2024.xlsx", rows)
    message = rejected(path, reference_root, "required column missing")
    assert "tvpra_goods_2024.xlsx, row 3, column 'forced_labor'" in message


def test_unknown_labour_value(reference_root: Path, write_xlsx):
    rows = tvpra_rows(edition_2024())
    rows[6][4] = "Maybe"
    path = write_xlsx("tvpra_goods_2024.xlsx", rows)
    message = rejected(path, reference_root, "expected Yes/No or an X mark")
    assert "tvpra_goods_2024.xlsx, row 7, column 'Forced Labor'" in message and "'Maybe'" in message


def test_row_without_any_labour_type(reference_root: Path, write_xlsx):
    rows = tvpra_rows(edition_2024())
    rows[9][3:7] = ["", "", "", ""]
    path = write_xlsx("tvpra_goods_2024.xlsx", rows)
    message = rejected(path, reference_root, "no labour type marked")
    assert "tvpra_goods_2024.xlsx, row 10, column 'labour'" in message


def test_empty_file(reference_root: Path, tmp_path: Path):
    path = tmp_path / "tvpra_goods_2024.csv"
    path.write_text("", encoding="utf-8")
    message = rejected(path, reference_root, "the file is empty", list_name="ilab_tvpra")
    assert "tvpra_goods_2024.csv" in message


def test_header_only_file(reference_root: Path, tmp_path: Path):
    path = tmp_path / "tvpra_goods_2024.csv"
    path.write_text("Country,Good,Child Labor,Forced Labor\n", encoding="utf-8")
    message = rejected(path, reference_root, "no data rows below the header on row 1")
    assert "tvpra_goods_2024.csv" in message


def test_wrong_list_type(reference_root: Path):
    path = RAW / "tip" / "tiers_recent.csv"
    message = rejected(path, reference_root, "this is a tip file, not ilab_tvpra", list_name="ilab_tvpra")
    assert "tiers_recent.csv, row 1 (columns: report_year, country_name, tier, source_url)" in message


def test_implausible_row_count(reference_root: Path, write_xlsx):
    path = write_xlsx("tvpra_goods_2024.xlsx", tvpra_rows(GOODS_2022.head(20)))
    message = rejected(path, reference_root, "20 rows, fewer than 234")
    assert "tvpra_goods_2024.xlsx" in message and "previous ilab_tvpra edition 2022" in message
    assert "--min-row-ratio" in message
    [result] = load(path, reference_root, ratio=0.01)  # accepted when the user says so
    assert result.rows == 20


def test_tip_row_count_compares_the_fullest_report_year(reference_root: Path, tmp_path: Path):
    tiers = pd.read_csv(RAW / "tip" / "tiers_recent.csv")
    one_year = tiers[tiers["report_year"] == 2023].assign(report_year=2026)
    one_year.to_csv(tmp_path / "tiers_2026.csv", index=False)
    [result] = load(tmp_path / "tiers_2026.csv", reference_root)  # 188 of 382 rows, but a full year
    assert (result.list, result.edition, result.rows) == ("tip", "2026", 188)
    partial = one_year.head(50).assign(report_year=2027)
    partial.to_csv(tmp_path / "tiers_2027.csv", index=False)
    before = snapshot(reference_root)
    with pytest.raises(ReferenceDataError, match="50 placements in its fullest report year, fewer than 94"):
        load(tmp_path / "tiers_2027.csv", reference_root)
    assert snapshot(reference_root) == before


def test_unknown_tier(reference_root: Path, tmp_path: Path):
    path = tmp_path / "tiers_2026.csv"
    path.write_text("report_year,country_name,tier\n2026,Chad,Tier 2\n2026,Peru,Tier 5\n", encoding="utf-8")
    before = snapshot(reference_root)
    with pytest.raises(ReferenceDataError, match=r"tiers_2026.csv, row 3, column 'tier': unknown tier"):
        load(path, reference_root)
    assert snapshot(reference_root) == before


def test_unresolved_country(reference_root: Path, write_xlsx):
    goods = edition_2024()
    goods.loc[5, "country"] = "Atlantis"
    path = write_xlsx("tvpra_goods_2024.xlsx", tvpra_rows(goods))
    rejected(path, reference_root, r"tvpra_goods_2024.xlsx, column 'country'.*Atlantis")


def test_same_edition_with_other_content(reference_root: Path, write_xlsx):
    path = write_xlsx("tvpra_goods_2022.xlsx", tvpra_rows(edition_2024()))
    rejected(path, reference_root, "edition 2022 is already installed from ilab/tvpra_goods_2022.xml")


def test_failed_rebuild_restores_the_store(reference_root: Path, write_xlsx, monkeypatch):
    path = write_xlsx("tvpra_goods_2024.xlsx", tvpra_rows(edition_2024()))
    plans = prepare(path, reference_root)
    before = snapshot(reference_root)

    def broken(root):
        raise ReferenceDataError("simulated build failure")

    monkeypatch.setattr("tasks.reference.install.build_tables", broken)
    with pytest.raises(ReferenceDataError, match="simulated"):
        install(plans, reference_root)
    assert snapshot(reference_root) == before
