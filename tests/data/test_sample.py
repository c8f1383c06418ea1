"""The bundled sample data: reproducible from its generator, and carrying the planted signal."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from pathlib import Path

import openpyxl
import pytest

from tasks.paths import DATA, SAMPLE

SCRIPT = SAMPLE / "make_sample.py"
TEXT_FILES = ("suppliers.csv", "sourcing.csv", "README.md")


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_sample", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


make_sample = _load_generator()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def xlsx_cells(path: Path) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    try:
        sheet = book[make_sample.XLSX_SHEET]
        return [tuple((c.value, c.number_format) for c in row) for row in sheet.iter_rows()]
    finally:
        book.close()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    assert make_sample.main(["--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def suppliers() -> list[dict[str, str]]:
    return read_csv(SAMPLE / "suppliers.csv")


@pytest.fixture(scope="module")
def lines() -> list[dict[str, str]]:
    return read_csv(SAMPLE / "sourcing.csv")


@pytest.mark.parametrize("name", TEXT_FILES)
def test_committed_text_files_equal_a_fresh_run(fresh, name):
    assert (fresh / name).read_bytes() == (SAMPLE / name).read_bytes(), (
        f"{name} is stale: run .venv/bin/python data/sample/make_sample.py")


def test_committed_xlsx_has_the_cells_of_a_fresh_run(fresh):
    assert xlsx_cells(fresh / "sourcing.xlsx") == xlsx_cells(SAMPLE / "sourcing.xlsx")


def test_xlsx_bytes_are_deterministic(fresh, tmp_path):
    make_sample.main(["--out", str(tmp_path)])
    assert (tmp_path / "sourcing.xlsx").read_bytes() == (fresh / "sourcing.xlsx").read_bytes()


def test_help_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as exit_info:
        make_sample.main(["--help"])
    assert exit_info.value.code == 0
    assert "--out" in capsys.readouterr().out


def test_layout_and_headers():
    supplier_bytes = (SAMPLE / "suppliers.csv").read_bytes()
    assert supplier_bytes.startswith(b"Vendor ID,Supplier Name,Country,Address,Sector\n")
    sourcing_bytes = (SAMPLE / "sourcing.csv").read_bytes()
    assert sourcing_bytes.startswith(b"\xef\xbb\xbf" + ",".join(make_sample.SOURCING_HEADER).encode())
    book = openpyxl.load_workbook(SAMPLE / "sourcing.xlsx")
    assert book.sheetnames == ["PO Lines"]
    rows = list(book["PO Lines"].iter_rows(max_row=3, values_only=True))
    book.close()
    assert rows[0][0] == "Open purchase orders FY2026 – export"
    assert all(v is None for v in rows[1])
    assert list(rows[2]) == ["PO Line", "Vendor ID", "Item Description", "HS Code", "Country of Origin",
                             "Qty", "UoM", "Value (USD)", "Ship Date"]


def test_csv_and_xlsx_hold_the_same_lines(lines):
    book = openpyxl.load_workbook(SAMPLE / "sourcing.xlsx")
    rows = list(book["PO Lines"].iter_rows(min_row=4, values_only=True))
    book.close()
    def shown(column: int, value: object) -> str:  # as Excel shows the cell
        if value is None:
            return ""
        if column == 7 and isinstance(value, int | float):  # Value (USD), format 0.00
            return f"{value:.2f}"
        return make_sample.csv_text(value.date() if hasattr(value, "date") else value)

    as_text = [[shown(i, v) for i, v in enumerate(row)] for row in rows]
    assert as_text == [list(line.values()) for line in lines]
    kinds = {type(row[8]).__name__ for row in rows}
    assert {"datetime", "str"} <= kinds, "Excel date cells and typed dates"


def test_row_counts_and_ids(suppliers, lines):
    assert 75 <= len(suppliers) <= 90
    assert len(lines) == 400
    ids = [line["PO Line"] for line in lines]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"PO-45\d{5}-\d+0", i) for i in ids)


def test_supplier_problem_rows(suppliers):
    countries = [s["Country"] for s in suppliers]
    assert countries.count("") == 2
    assert "Atlantis" in countries and "Brasil" in countries
    vids = [s["Vendor ID"] for s in suppliers]
    assert vids.count("") == 1
    dupes = [v for v in set(vids) if v and vids.count(v) > 1]
    assert len(dupes) == 1
    assert len({s["Supplier Name"] for s in suppliers if s["Vendor ID"] == dupes[0]}) == 2
    spellings = {"Côte d'Ivoire", "Ivory Coast", "CIV", "CN", "CHINA", "China", "P.R. China", "Turkey",
                 "Türkiye", "USA", "Viet Nam", "Vietnam", "Burma", "Myanmar", "Korea, South"}
    assert spellings <= set(countries)
    assert sum("Xinjiang" in s["Address"] for s in suppliers) >= 5


def test_listed_entity_variants_come_from_the_reference_list(suppliers):
    raw = json.loads((DATA / "reference/raw/dhs_cbp/uflpa_wro_scrape_2026-06-11.json").read_text())
    listed = " | ".join([e["name"] for e in raw["uflpa"]] + [e["entity"] for e in raw["wro"]]).casefold()
    cores = ["hoshine silicon industry (shanshan)", "xinjiang daqo new energy",
             "xinjiang gcl new energy material", "hetian haolin hair accessories",
             "lop county meixin hair products", "agropecuarios tom"]
    names = " | ".join(s["Supplier Name"] for s in suppliers).casefold()
    for core in cores:
        assert core in listed and core in names, core
    negatives = ["Xinjiang Cotton Trading Co., Ltd.", "Shanshan Silicone Rubber Products Co., Ltd.",
                 "Hetian Jade Crafts Co., Ltd.", "Western Gold Refining Pty Ltd"]
    for name in negatives:
        assert name.casefold() in names and name.casefold() not in listed


def _has(lines, vendors_country, words, origins, hs_prefixes=()):
    """Lines whose description contains a word (or HS code a prefix) and whose origin is listed,
    counting a blank origin as the supplier's country."""
    found = []
    for line in lines:
        text = line["Item Description"].casefold()
        hs = re.sub(r"\D", "", line["HS Code"])
        if not (any(w in text for w in words) or (hs and hs.startswith(tuple(hs_prefixes)))):
            continue
        origin = line["Country of Origin"] or vendors_country.get(line["Vendor ID"], "")
        if origin in origins:
            found.append(line)
    return found


def test_planted_signal(suppliers, lines):
    country = {s["Vendor ID"]: s["Country"] for s in suppliers}
    civ = _has(lines, country, ["cocoa"], {"Côte d'Ivoire", "Ivory Coast", "CIV"}, ["18"])
    assert {line["Country of Origin"] for line in civ} >= {"Côte d'Ivoire", "Ivory Coast", "CIV", ""}
    assert _has(lines, country, ["cocoa"], {"Ghana"}, ["18"])
    assert _has(lines, country, ["cotton lint", "raw cotton"], {"Turkmenistan"}, ["5201"])
    assert _has(lines, country, ["cotton lint", "raw cotton"], {"Uzbekistan"}, ["5201"])
    assert _has(lines, country, ["shirt"], {"Bangladesh"}, ["61", "62"])
    assert _has(lines, country, ["shirt"], {"India", "IN"}, ["61", "62"])
    china = {"China", "CN", "CHINA", "P.R. China"}
    assert _has(lines, country, ["polysilicon"], china, ["280461"])
    assert _has(lines, country, ["solar modules"], china, ["854143"])
    assert _has(lines, country, ["shrimp"], {"Thailand"}, ["030617"])
    assert _has(lines, country, ["gold"], {"Peru"}, ["7108"])
    assert _has(lines, country, ["gold"], {"Burkina Faso"}, ["7108"])
    assert _has(lines, country, ["hazelnut"], {"Turkey"}, ["0802"])
    assert _has(lines, country, ["hazelnut"], {"Türkiye"}, ["0802"])
    assert _has(lines, country, ["cnc machining"], {"Germany", "DE"}, ["8457"])
    assert _has(lines, country, ["coffee"], {"Peru"}, ["0901"])
    assert any(line["Item Description"] == "widgets" and not line["HS Code"] for line in lines)


def test_shares_and_formats(lines):
    hs_only = sum(1 for line in lines if not line["Item Description"] and line["HS Code"])
    assert 0.10 <= hs_only / len(lines) <= 0.20
    blank_origin = sum(1 for line in lines if not line["Country of Origin"])
    assert 0.15 <= blank_origin / len(lines) <= 0.25
    codes = {line["HS Code"] for line in lines}
    assert {"1801.00", "520100", "5201.00.2800", "8541.43", "2804.61", "0306.17"} <= codes
    values = [line["Value (USD)"] for line in lines]
    assert "12,500.00" in values and "TBD" in values
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", v) for v in values if v != "12,500.00")


def test_sourcing_problem_rows(lines):
    known = {s["Vendor ID"] for s in read_csv(SAMPLE / "suppliers.csv")}
    vids = [line["Vendor ID"] for line in lines]
    assert vids.count("") == 1
    assert {v for v in vids if v and v not in known} == {"V-20417", "V-10O23"}
    assert sum(1 for line in lines if not line["Item Description"] and not line["HS Code"]) == 1
    assert sum(1 for line in lines if line["Qty"].startswith("-")) == 1
    assert [line["Ship Date"] for line in lines].count("31/02/2026") == 1
    assert [line["HS Code"] for line in lines].count("ABC") == 1
    assert sum(bool(re.fullmatch(r"\d\d/\d\d/\d{4}", line["Ship Date"])) for line in lines) > 10


def test_readme_row_numbers_point_at_the_broken_rows(suppliers, lines):
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    for row, text in re.findall(r"^\| `suppliers.csv` \| (\d+) \| (.*) \|$", readme, re.M):
        supplier = suppliers[int(row) - 2]
        assert text.startswith(f"{supplier['Vendor ID'] or '(blank)'} {supplier['Supplier Name']}:")
    found = re.findall(r"^\| `sourcing.xlsx` / `sourcing.csv` \| (\d+) / (\d+) \| (PO-[\d-]+):", readme, re.M)
    assert len(found) == 10
    for xlsx_row, csv_row, po_line in found:
        assert int(xlsx_row) == int(csv_row) + 2
        assert lines[int(csv_row) - 2]["PO Line"] == po_line
