from __future__ import annotations

import json
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from tasks.countries import resolve_many
from tasks.reference import ReferenceDataError, diff_tvpra, load_reference
from tasks.reference.entities import read_scrape
from tasks.reference.ilab import read_eo13126, read_tvpra
from tasks.reference.store import DEFAULT_ROOT, DERIVED_FILES, build, check, edition_from_name, main
from tasks.reference.tip import read_tip
from tests.tasks.reference.conftest import RAW


@pytest.fixture(scope="module")
def store_copy(tmp_path_factory) -> Path:
    """A copy of data/reference (raw files, sources.toml, derived/) to build into."""
    root = tmp_path_factory.mktemp("reference")
    shutil.copytree(DEFAULT_ROOT, root, dirs_exist_ok=True)
    return root


def test_committed_derived_files_are_up_to_date(capsys):
    assert main(["check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_build_is_byte_identical(store_copy: Path):
    build(store_copy)
    for name in DERIVED_FILES:
        assert (store_copy / "derived" / name).read_bytes() == (DEFAULT_ROOT / "derived" / name).read_bytes()


def test_check_reports_differences(tmp_path: Path, store_copy: Path, capsys):
    root = tmp_path / "ref"
    shutil.copytree(store_copy, root)
    path = root / "derived" / "tip_tiers.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Tier 3", "Tier 1", 1), encoding="utf-8")
    (root / "derived" / "eo13126.csv").unlink()
    problems = check(root)
    assert len(problems) == 2 and "eo13126.csv: missing" in problems[0] and "tip_tiers.csv" in problems[1]
    assert main(["--root", str(root), "check"]) == 1
    assert "2 derived files differ" in capsys.readouterr().out


def test_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "build" in capsys.readouterr().out


def test_every_bundled_country_resolves():
    names: set[str] = set()
    for path in (RAW / "ilab").glob("tvpra_goods_*.xml"):
        goods = read_tvpra(path)
        names |= set(goods["country"]) | set(goods["derived_country"].dropna())
    names |= set(read_eo13126(RAW / "ilab" / "eo13126_2014.csv")["country"])
    for path in (RAW / "tip").glob("tiers_*.csv"):
        names |= set(read_tip(path)["country"])
    scrape = json.loads((RAW / "dhs_cbp" / "uflpa_wro_scrape_2026-06-11.json").read_text(encoding="utf-8"))
    names |= {row["country"] for row in scrape["wro"]} - {"FV"}  # "FV" = fishing vessel, no country
    unresolved = sorted(name for name, code in resolve_many(names).items() if code is None)
    assert unresolved == []


def test_entities_match_loader_counts():
    scrape = read_scrape(RAW / "dhs_cbp" / "uflpa_wro_scrape_2026-06-11.json")
    entities = pd.read_csv(DEFAULT_ROOT / "derived" / "entities.csv", dtype=str, keep_default_na=False)
    assert (entities["list"] == "uflpa").sum() == len(scrape["uflpa"]) <= 149
    # 65 WRO rows: repeated orders collapse, rows naming several companies split.
    assert (entities["list"] == "wro").sum() == len(scrape["wro"]) == 72


def test_load_reference_defaults():
    reference = load_reference()
    assert set(reference.ilab_goods["edition"]) == {"2022"} and len(reference.ilab_goods) == 467
    assert reference.ilab_goods["derived"].dtype == bool and reference.ilab_goods["derived"].sum() == 10
    assert len(reference.eo13126) == 54
    tip = reference.tip
    assert list(tip.columns) == ["country_iso3", "tier", "report_year", "source_url"]
    assert tip["country_iso3"].is_unique and tip["report_year"].dtype.kind == "i"
    assert tip["report_year"].max() == 2025
    # The 2023 table is complete; 2024/2025 are partial, so many countries fall back to 2023.
    assert set(tip.loc[tip["country_iso3"].isin(["ALB", "KOR", "COG"]), "report_year"]) <= {2023, 2024, 2025}
    assert set(reference.entities["list"]) == {"uflpa", "wro"}
    assert all(isinstance(a, list) for a in reference.entities["aliases"])
    assert set(reference.editions["list"]) == {"ilab_tvpra", "ilab_eo13126", "tip", "uflpa", "wro"}


def test_as_of_pinning():
    pinned = load_reference(as_of={"ilab_tvpra": "2020", "tip": "2023"})
    assert set(pinned.ilab_goods["edition"]) == {"2020"} and len(pinned.ilab_goods) == 438
    assert pinned.tip["report_year"].max() == 2023
    assert (pinned.tip["report_year"] == 2023).sum() == 188
    tvpra = pinned.editions[pinned.editions["list"] == "ilab_tvpra"]
    assert tvpra["edition"].tolist() == ["2020"]
    old = load_reference(as_of={"tip": "2010"})
    assert old.tip["report_year"].max() == 2010
    assert old.editions.loc[old.editions["list"] == "tip", "edition"].tolist() == ["2015"]


@pytest.mark.parametrize(
    ("as_of", "message"),
    [({"ilab_tvpra": "2019"}, "available: 2020, 2022"), ({"tip": "2019"}, "available: 2001"),
     ({"uflpa": "2020-01-01"}, "available: 2026-06-11"), ({"ilab": "2022"}, "unknown lists")],
)
def test_unknown_pinned_edition(as_of, message):
    with pytest.raises(ValueError, match=message):
        load_reference(as_of=as_of)


def _raw_keys(name: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """Independent reading of a TVPRA XML: (good NFC, country name) -> the three flags."""
    tree = ET.parse(RAW / "ilab" / name)
    return {(unicodedata.normalize("NFC", good.findtext("Good_Name").strip()),
             country.findtext("Country_Name").strip()):
            tuple(country.findtext(f) for f in ("Child_Labor", "Forced_Labor", "Forced_Child_Labor"))
            for good in tree.iter("Good") for country in good.iter("Country")}


def test_tvpra_diff_2020_2022():
    old = load_reference(as_of={"ilab_tvpra": "2020"}).ilab_goods
    new = load_reference(as_of={"ilab_tvpra": "2022"}).ilab_goods
    diff = diff_tvpra(old, new)
    assert diff["change"].value_counts().to_dict() == {"added": 33, "removed": 4, "changed": 2}
    changed = diff[diff["change"] == "changed"]
    assert changed[["good", "country_iso3"]].values.tolist() == [["Garments", "BGD"], ["Thread/Yarn", "IND"]]
    assert not changed["old_forced_labor"].any() and changed["new_forced_labor"].all()
    # Cross-check on the raw files by country *name*: "Turkey" became "Turkey (Türkiye)" (10 goods),
    # which the diff (keyed by ISO code) does not count as removed + added.
    before, after = _raw_keys("tvpra_goods_2020.xml"), _raw_keys("tvpra_goods_2022.xml")
    renamed = sum(1 for good, country in before if country == "Turkey")
    assert renamed == 10
    assert len(after.keys() - before.keys()) - renamed == 33
    assert len(before.keys() - after.keys()) - renamed == 4
    assert sum(before[k] != after[k] for k in before.keys() & after.keys()) == 2
    assert len(old) - 4 + 33 == len(new)


def test_new_edition_is_a_file_drop(tmp_path: Path, store_copy: Path, write_xlsx):
    root = tmp_path / "ref"
    shutil.copytree(store_copy, root)
    write_xlsx("tvpra_goods_2024.xlsx", [
        ["List of Goods Produced by Child Labor or Forced Labor"], [],
        ["Country", "Good", "Child Labor", "Forced Labor", "Forced Child Labor"],
        ["Türkiye", "Hazelnuts", "X", "X", ""], ["China", "Polysilicon", "", "X", ""],
    ]).rename(root / "raw" / "ilab" / "tvpra_goods_2024.xlsx")
    build(root)
    reference = load_reference(root)
    assert set(reference.ilab_goods["edition"]) == {"2024"}
    assert reference.ilab_goods["country_iso3"].tolist() == ["TUR", "CHN"]  # sorted by good
    row = reference.editions[reference.editions["list"] == "ilab_tvpra"].iloc[0]
    assert row["source_file"] == "ilab/tvpra_goods_2024.xlsx"
    assert row["publisher"] == "U.S. Department of Labor, Bureau of International Labor Affairs (ILAB)"
    assert len(load_reference(root, as_of={"ilab_tvpra": "2022"}).ilab_goods) == 467


def test_undeclared_file_that_cannot_be_inferred(tmp_path: Path, store_copy: Path):
    root = tmp_path / "ref"
    shutil.copytree(store_copy, root)
    (root / "raw" / "ilab" / "notes.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"notes.csv: cannot infer its list and edition"):
        build(root)


def test_unresolved_country_stops_the_build(tmp_path: Path, store_copy: Path):
    root = tmp_path / "ref"
    shutil.copytree(store_copy, root)
    drop = root / "raw" / "ilab" / "eo13126_2023.csv"
    drop.write_text("Country,Good\nAtlantis,Pearls\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"eo13126_2023.csv, column 'country'.*Atlantis"):
        build(root)


@pytest.mark.parametrize(
    ("name", "edition"),
    [("tvpra_goods_2024.xlsx", "2024"), ("uflpa_wro_scrape_2026-06-11.json", "2026-06-11"),
     ("tiers_2001_2015.csv", "2015"), ("goods.xml", None)],
)
def test_edition_from_name(name: str, edition: str | None):
    assert edition_from_name(name) == edition
