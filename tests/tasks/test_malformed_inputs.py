"""Malformed inputs: file-level problems raise InputError naming file, problem and fix;
row-level problems go to quarantine with file, row, column, value and rule; no row is lost."""

from __future__ import annotations

import datetime as dt
import gzip
import io

import openpyxl
import pandas as pd
import pytest

from schemas import sourcing, suppliers
from tasks import quarantine, validate, validation_report
from tasks.ingest import ROW, ingest
from tasks.readers import InputError

SUPPLIERS_HEADER = "Vendor ID,Supplier Name,Country"
SOURCING_HEADER = "PO Line,Vendor ID,Item Description,HS Code,Country of Origin,Qty,Value (USD),Ship Date"
KNOWN = pd.Series(["V1", "V2", "V3", "V4"], dtype="string")


def csv_bytes(*lines: str, newline: str = "\n", encoding: str = "utf-8") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def xlsx_bytes(rows: list[list], merge: str | None = None, *more: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in (merge, *more):
        if cells:
            sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    return buffer.getvalue()


def split(path, dataset: str, **options):
    """ingest -> validate -> quarantine; returns (ingested, validated, quarantine rows)."""
    limits = {k: options.pop(k) for k in ("max_rows", "max_bytes") if k in options}
    if dataset == "suppliers":
        ingested = ingest(path, suppliers.CONTRACT, **limits)
        validated = validate.suppliers(ingested, **options)
        id_column = "supplier_id"
    else:
        ingested = ingest(path, sourcing.CONTRACT, require_any=("commodity", "hs_code"), **limits)
        validated = validate.sourcing(ingested, KNOWN, **options)
        id_column = "line_id"
    rows = quarantine.build(dataset, path.name, validated.problems, ingested.raw, id_column)
    return ingested, validated, rows


def assert_conserved(validated, rows: pd.DataFrame, expected_rows: list[int]) -> None:
    landed = validated.accepted[ROW].tolist() + rows["row_number"].tolist()
    assert sorted(landed) == sorted(expected_rows), "every data row exactly once"
    assert len(landed) == len(set(landed))


# --- row-level: (name, file name, content, dataset, data rows, {row: (column, rule)}) ----------

ROW_CASES = [
    ("us_thousands", "s.csv", csv_bytes(
        SOURCING_HEADER, 'L1,V1,Cocoa,,Ghana,1,"1,234.50",', 'L2,V1,Cocoa,,Ghana,1,"$1,234",',
        "L3,V1,Cocoa,,Ghana,1,1 234,"), "sourcing", [2, 3, 4], {}),
    ("eu_decimal_comma_semicolon", "s.csv", csv_bytes(
        SOURCING_HEADER.replace(",", ";"), "L1;V1;Cocoa;;Ghana;12,5;1.234,50;",
        "L2;V1;Cocoa;;Ghana;1;2.000,00;"), "sourcing", [2, 3], {}),
    ("text_in_number", "s.csv", csv_bytes(
        SOURCING_HEADER, "L1,V1,Cocoa,,Ghana,1,10,", "L2,V1,Cocoa,,Ghana,1,TBD,"),
     "sourcing", [2, 3], {3: ("value_usd", "number")}),
    ("negative_value", "s.csv", csv_bytes(
        SOURCING_HEADER, "L1,V1,Cocoa,,Ghana,1,-5,", "L2,V1,Cocoa,,Ghana,1,5,"),
     "sourcing", [2, 3], {2: ("value_usd", "range")}),
    ("dates_in_many_formats", "s.csv", csv_bytes(
        SOURCING_HEADER, "L1,V1,Cocoa,,Ghana,1,1,2024-03-12", "L2,V1,Cocoa,,Ghana,1,1,12/03/2024",
        "L3,V1,Cocoa,,Ghana,1,1,45363", "L4,V1,Cocoa,,Ghana,1,1,12-Mar-2024",
        "L5,V1,Cocoa,,Ghana,1,1,12.03.2024"), "sourcing", [2, 3, 4, 5, 6], {}),
    ("impossible_date", "s.csv", csv_bytes(
        SOURCING_HEADER, "L1,V1,Cocoa,,Ghana,1,1,31/02/2026", "L2,V1,Cocoa,,Ghana,1,1,2026-02-28"),
     "sourcing", [2, 3], {2: ("date", "date")}),
    ("blank_countries", "s.csv", csv_bytes(SUPPLIERS_HEADER, "V1,Acme,", "V2,Beta,Ghana"),
     "suppliers", [2, 3], {}),
    ("empty_id", "s.csv", csv_bytes(SUPPLIERS_HEADER, ",Acme,CN", "V2,Beta,Ghana"),
     "suppliers", [2, 3], {2: ("supplier_id", "required")}),
    ("repeated_id", "s.csv", csv_bytes(SUPPLIERS_HEADER, "V1,Acme,CN", "V1,Acme Again,CN",
                                       "V2,Beta,GH"), "suppliers", [2, 3, 4],
     {3: ("supplier_id", "duplicate_id")}),
    ("unknown_supplier", "s.csv", csv_bytes(
        SOURCING_HEADER, "L1,V1,Cocoa,,Ghana,1,1,", "L2,V9,Cocoa,,Ghana,1,1,"),
     "sourcing", [2, 3], {3: ("supplier_id", "unknown_supplier")}),
    ("malformed_hs", "s.csv", csv_bytes(
        SOURCING_HEADER, "L1,V1,,1801.00,Ghana,1,1,", "L2,V1,,ABC,Ghana,1,1,"),
     "sourcing", [2, 3], {3: ("hs_code", "hs_code")}),
    ("no_commodity_no_hs", "s.csv", csv_bytes(
        SOURCING_HEADER, "L1,V1,,,Ghana,1,1,", "L2,V1,Cocoa,,Ghana,1,1,"),
     "sourcing", [2, 3], {2: ("commodity", "commodity_or_hs")}),
    ("unquoted_delimiter", "s.csv", csv_bytes(SUPPLIERS_HEADER, "V1,Acme,CN", "V2,Olam, Ghana,Ghana",
                                              "V3,Beta,GH"), "suppliers", [2, 3, 4],
     {3: (None, "shape")}),
    ("short_row", "s.csv", csv_bytes(SUPPLIERS_HEADER, "V1,Acme,CN", "V2", "V3,Beta,GH"),
     "suppliers", [2, 3, 4], {3: ("name", "required")}),
    ("blank_and_trailing_rows", "s.csv", csv_bytes(
        SUPPLIERS_HEADER, "V1,Acme,CN", "", "V2,,GH", ",,", "", ""), "suppliers", [2, 4],
     {4: ("name", "required")}),
    ("bom_and_crlf", "s.csv", b"\xef\xbb\xbf" + csv_bytes(
        SUPPLIERS_HEADER, "V1,Acme,CN", "V2,Beta,GH", newline="\r\n"), "suppliers", [2, 3], {}),
    ("cp1252_characters", "s.csv", csv_bytes(
        SUPPLIERS_HEADER.replace(",", ";"), "V1;Café “Grand” S.A.;Côte d’Ivoire", "V2;Beta;GH",
        encoding="cp1252"), "suppliers", [2, 3], {}),
    ("title_rows_in_csv", "s.csv", csv_bytes(
        "Supplier export FY2026", "", SUPPLIERS_HEADER, "V1,Acme,CN", "V2,,GH"),
     "suppliers", [4, 5], {5: ("name", "required")}),
    ("trailing_empty_columns", "s.csv", csv_bytes(
        SUPPLIERS_HEADER + ",,", "V1,Acme,CN,,", "V2,Beta,GH,,"), "suppliers", [2, 3], {}),
    ("newline_inside_quotes", "s.csv", csv_bytes(
        SUPPLIERS_HEADER, 'V1,"Acme\nTrading",CN', "V2,,GH"), "suppliers", [2, 3],
     {3: ("name", "required")}),
    ("xlsx_merged_title_and_types", "s.xlsx", xlsx_bytes([
        ["Open purchase orders", None, None], [None], SOURCING_HEADER.split(","),
        ["L1", "V1", "Cocoa", None, "Ghana", 3.0, 1234.5, dt.datetime(2024, 3, 12)],
        ["L2", "V1", "Cocoa", None, "Ghana", "many", 10, 45363],
        [None, None, None, None, None, None, None, None, None, None],
    ], merge="A1:H1"), "sourcing", [4, 5], {5: ("quantity", "number")}),
    ("xlsx_merged_supplier_cells", "s.xlsx", xlsx_bytes([
        ["PO lines"], SOURCING_HEADER.split(","), ["L1", "V1", "Cocoa"], ["L2", None, "Cotton"],
        ["L3", None, "Sugar"], ["L4", "V9", "Sugar"]], "A1:H1", "B3:B5"), "sourcing",
     [3, 4, 5, 6], {6: ("supplier_id", "unknown_supplier")}),
    ("parquet_text_in_number", "s.parquet", parquet_bytes(pd.DataFrame({
        "Vendor ID": ["V1", "V2"], "Item Description": ["Cocoa", "Cotton"],
        "Qty": ["1", "lots"]})), "sourcing", [1, 2], {2: ("quantity", "number")}),
    ("excel_error_values", "s.xlsx", xlsx_bytes([
        SOURCING_HEADER.split(","), ["L1", "V1", "Cocoa", None, "Ghana", 1, "#DIV/0!"],
        ["L2", "#REF!", "Cocoa", None, "Ghana", 1, 5], ["L3", "V1", "Cocoa", None, "#N/A", 1, 5],
        ["L4", "V1", "Cocoa", None, "Ghana", 1, 5]]), "sourcing", [2, 3, 4, 5],
     {2: ("value_usd", "excel_error"), 3: ("supplier_id", "excel_error"),
      4: ("country_of_origin", "excel_error")}),
    ("unclosed_quote", "s.csv", csv_bytes(SUPPLIERS_HEADER, "V1,Acme,CN", 'V2,"Beta,GH',
                                          "V3,Gamma,DE"), "suppliers", [2, 3],
     {3: (None, "shape")}),
    ("excel_sep_line", "s.csv", csv_bytes("sep=;", SUPPLIERS_HEADER.replace(",", ";"),
                                          "V1;Acme, Inc.;CN", "V2;;GH"), "suppliers", [3, 4],
     {4: ("name", "required")}),
    ("utf16_tab_text", "s.txt", "\r\n".join(["Vendor ID\tSupplier Name\tCountry", "V1\tCafé\tCN",
                                               "\tBeta\tGH"]).encode("utf-16"), "suppliers",
     [2, 3], {3: ("supplier_id", "required")}),
    ("unicode_names", "s.csv", csv_bytes(
        SUPPLIERS_HEADER, "V1,新疆棉业有限公司,中国", "V2,شركة النسيج,مصر", "V3,Zoë 🧵 Ltd,"),
     "suppliers", [2, 3, 4], {}),
]


@pytest.mark.parametrize(("name", "file_name", "content", "dataset", "rows", "bad"), ROW_CASES,
                         ids=[c[0] for c in ROW_CASES])
def test_row_level_problems_go_to_quarantine(tmp_path, name, file_name, content, dataset, rows,
                                             bad):
    path = tmp_path / file_name
    path.write_bytes(content)
    _, validated, rows_out = split(path, dataset)
    assert_conserved(validated, rows_out, rows)
    assert set(rows_out["row_number"]) == set(bad)
    for _, row in rows_out.iterrows():
        column, rule = bad[row["row_number"]]
        assert row["source_file"] == file_name
        assert row["rule"] == rule
        assert (row["column"] if pd.notna(row["column"]) else None) == column
        assert row["reason"]


def content_of(name: str) -> bytes:
    return next(c[2] for c in ROW_CASES if c[0] == name)


def _parse(tmp_path, content: bytes, dataset="sourcing"):
    path = tmp_path / "s.csv"
    path.write_bytes(content)
    return split(path, dataset)[1].accepted


def test_thousands_separators_parse_to_the_same_value(tmp_path):
    us = _parse(tmp_path, content_of("us_thousands"))
    assert us["value_usd"].tolist() == [1234.5, 1234.0, 1234.0]
    eu = _parse(tmp_path, content_of("eu_decimal_comma_semicolon"))
    assert eu["value_usd"].tolist() == [1234.5, 2000.0]
    assert eu["quantity"].tolist() == [12.5, 1.0]


def test_every_date_format_gives_the_same_day(tmp_path):
    dates = _parse(tmp_path, content_of("dates_in_many_formats"))["date"]
    assert set(dates) == {dt.date(2024, 3, 12)}


def test_cp1252_and_unicode_text_survive(tmp_path):
    names = _parse(tmp_path, content_of("cp1252_characters"), "suppliers")["name"].tolist()
    assert names[0] == "Café “Grand” S.A."
    names = _parse(tmp_path, content_of("unicode_names"), "suppliers")["name"].tolist()
    assert names == ["新疆棉业有限公司", "شركة النسيج", "Zoë 🧵 Ltd"]


def test_shape_problem_names_the_extra_value_and_the_fix(tmp_path):
    path = tmp_path / "vendors.csv"
    path.write_bytes(content_of("unquoted_delimiter"))
    _, _, rows = split(path, "suppliers")
    row = rows.iloc[0]
    assert row["row_number"] == 3 and row["value"] == "Ghana"
    assert "unquoted ','" in row["reason"] and "double quotes" in row["reason"]


def test_unclosed_quote_keeps_the_swallowed_rows_in_quarantine(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes(content_of("unclosed_quote"))
    _, _, rows = split(path, "suppliers")
    assert "V3,Gamma,DE" in rows.iloc[0]["value"]
    assert "never closed" in rows.iloc[0]["reason"]


def test_merged_supplier_cells_are_filled_down_and_noted(tmp_path):
    path = tmp_path / "s.xlsx"
    path.write_bytes(content_of("xlsx_merged_supplier_cells"))
    ingested, validated, _ = split(path, "sourcing")
    assert validated.accepted["supplier_id"].tolist() == ["V1", "V1", "V1"]
    assert "filled 1 vertically merged ranges down (e.g. B3:B5)" in ingested.notes


def test_duplicate_header_names_are_reported(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_bytes(csv_bytes("Vendor ID,Supplier Name,Country,Country", "V1,Acme,CN,DE"))
    ingested, validated, _ = split(path, "suppliers")
    assert validated.accepted["country"].tolist() == ["CN"]
    assert any("duplicate header 'Country' in columns [3, 4]: used column 3" in n
               for n in ingested.notes)


def test_utf8_file_with_cp1252_bytes_late_in_the_file(tmp_path):
    lines = [SUPPLIERS_HEADER] + [f"V{i},Supplier {i},CN" for i in range(1, 5000)]
    content = csv_bytes(*lines) + "V9999,Caf\xe9,FR\n".encode("cp1252")
    path = tmp_path / "late.csv"
    path.write_bytes(content)
    ingested, validated, rows = split(path, "suppliers")
    assert validated.accepted["name"].iloc[-1] == "Café"
    assert "cp1252" in ingested.notes[0]
    assert_conserved(validated, rows, list(range(2, 5002)))


# --- file-level: (name, file name, content, options, message fragments) -----------------------

ZIP = xlsx_bytes([["a", "b"]])
FILE_CASES = [
    ("empty", "s.csv", b"", {}, ["the file is empty"]),
    ("blank_lines_only", "s.csv", b"\r\n\n   \n", {}, ["empty"]),
    ("binary_in_csv", "s.csv", bytes(range(256)) * 8, {}, ["NUL bytes: binary data", "export"]),
    ("xlsx_named_csv", "s.csv", ZIP, {}, ["Excel workbook", ".xlsx extension"]),
    ("parquet_named_csv", "s.csv", b"PAR1" + b"\0" * 20, {}, ["Parquet file", ".parquet"]),
    ("gzip_csv", "s.csv", gzip.compress(csv_bytes(SUPPLIERS_HEADER, "V1,A,CN")), {},
     ["gzip", "decompress"]),
    ("unsupported_json", "s.json", b"{}", {}, ["unsupported file type '.json'", ".csv"]),
    ("legacy_xls", "s.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, {},
     ["legacy .xls", "save it as .xlsx"]),
    ("password_protected_xlsx", "s.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, {},
     ["password-protected", "remove the password"]),
    ("corrupt_xlsx", "s.xlsx", ZIP[: len(ZIP) // 2], {}, ["not a readable Excel workbook",
                                                          "save it again"]),
    ("corrupt_parquet", "s.parquet", b"PAR1 not parquet at all", {}, ["not a readable Parquet"]),
    ("undecodable", "s.csv", csv_bytes(SUPPLIERS_HEADER) + b"V1,\x81\x8d\x90,CN\n", {},
     ["cannot decode", "UTF-8"]),
    ("header_only", "s.csv", csv_bytes(SUPPLIERS_HEADER), {}, ["no data rows"]),
    ("required_column_missing", "s.csv", csv_bytes("Vendor ID,Supplier Name", "V1,Acme"), {},
     ["no column for country", "--column-map suppliers.country"]),
    ("no_header_found", "s.csv", csv_bytes("1,2,3", "4,5,6"), {},
     ["no header row found", "no column for supplier_id"]),
    ("all_rows_bad", "s.csv", csv_bytes(SUPPLIERS_HEADER, ",Acme,CN", ",Beta,GH"), {},
     ["all 2 data rows were rejected", "required on supplier_id in 2 rows", "row 2"]),
    ("too_many_csv_rows", "s.csv", csv_bytes(SUPPLIERS_HEADER, *[f"V{i},A,CN" for i in range(50)]),
     {"max_rows": 10}, ["more than 10 data rows", "--max-rows"]),
    ("too_many_bytes", "s.csv", csv_bytes(SUPPLIERS_HEADER, "V1,Acme,CN"), {"max_bytes": 20},
     ["over the limit of 20 bytes", "--max-bytes"]),
    ("too_many_xlsx_rows", "s.xlsx", xlsx_bytes([SUPPLIERS_HEADER.split(",")]
                                                + [[f"V{i}", "A", "CN"] for i in range(60)]),
     {"max_rows": 5}, ["more than 5 data rows"]),
    ("too_many_parquet_rows", "s.parquet", parquet_bytes(pd.DataFrame({
        "Vendor ID": [f"V{i}" for i in range(20)], "Supplier Name": "A", "Country": "CN"})),
     {"max_rows": 5}, ["more than 5 data rows"]),
]


@pytest.mark.parametrize(("name", "file_name", "content", "options", "fragments"), FILE_CASES,
                         ids=[c[0] for c in FILE_CASES])
def test_file_level_problems_raise_naming_file_problem_and_fix(tmp_path, name, file_name, content,
                                                               options, fragments):
    path = tmp_path / file_name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        split(path, "suppliers", **options)
    message = str(error.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, message
    assert sorted(p.name for p in tmp_path.iterdir()) == [file_name], "nothing written"


def test_missing_file_and_unknown_column_map(tmp_path):
    with pytest.raises(InputError, match=r"nope\.csv: file not found"):
        ingest(tmp_path / "nope.csv", suppliers.CONTRACT)
    path = tmp_path / "s.csv"
    path.write_bytes(csv_bytes(SUPPLIERS_HEADER, "V1,Acme,CN"))
    with pytest.raises(InputError, match=r"s\.csv: column mapping: no header 'Code'"):
        ingest(path, suppliers.CONTRACT, {"supplier_id": "Code"})


def test_all_rows_bad_can_be_allowed(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes(csv_bytes(SUPPLIERS_HEADER, ",Acme,CN"))
    _, validated, rows = split(path, "suppliers", allow_all_rejected=True)
    assert validated.accepted.empty and rows["row_number"].tolist() == [2]


# --- validation summary ------------------------------------------------------------------------

def test_validation_report_counts_rules_columns_and_examples(tmp_path):
    supplier_file, line_file = tmp_path / "vendors.csv", tmp_path / "lines.csv"
    supplier_file.write_bytes(csv_bytes(SUPPLIERS_HEADER, "V1,Acme,CN", ",Beta,GH", "V2,Olam, Gh,GH"))
    line_file.write_bytes(csv_bytes(
        SOURCING_HEADER, "L1,V1,Cocoa,,Ghana,1,TBD,", "L2,V1,Cocoa,,Ghana,x,TBD,",
        "L3,V1,Cocoa,,Ghana,1,1,", "L4,V1,Cocoa|x,,Ghana,1,1,"))
    results = [split(supplier_file, "suppliers")[:2], split(line_file, "sourcing")[:2]]
    summary = validation_report.summary(*results[1])
    assert (summary["rows_read"], summary["rows_accepted"], summary["rows_quarantined"]) == (4, 2, 2)
    assert summary["by_rule"][0] == {"rule": "number", "column": "value_usd", "rows": 2}
    text = validation_report.markdown(results)
    assert "| suppliers | vendors.csv | 3 | 1 | 2 |" in text
    assert "| sourcing | lines.csv | 4 | 2 | 2 |" in text
    assert "| number | value_usd | 2 |" in text and "| number | quantity | 1 |" in text
    assert "| 3 | value_usd | TBD | number | value_usd: not a number |" in text
    assert "| shape | (row) | 1 |" in text
    assert "Cocoa\\|x" not in text  # accepted rows are not listed; pipes would be escaped


# --- the full flow -----------------------------------------------------------------------------

MESSY_SUPPLIERS = csv_bytes(
    "Supplier master;;", "", "Vendor ID;Supplier Name;Country", "V1;Café Côte SA;Côte d’Ivoire",
    "V2;Beta Textiles;", "V3;Olam; Ghana;Ghana", ";No Id Ltd;CN", "", newline="\r\n",
    encoding="cp1252")
MESSY_LINES = csv_bytes(
    SOURCING_HEADER, 'L1,V1,Cocoa beans,,,"1,000","12,500.00",12-Mar-2024',
    "L2,V2,Cotton,5201.00,Turkmenistan,1,TBD,2024-03-12", "L3,V3,Cocoa,,Ghana,1,1,",
    "L4,V2,,ABC,,1,1,45363", "L5,V2,Cotton,,Uzbekistan,1,1,31/02/2024", "L1,V1,Cocoa,,,1,1,",
    encoding="utf-8-sig")


def test_flow_quarantines_row_problems_and_screens_the_rest(prefect_harness, tmp_path):
    from flows.screening import screen

    supplier_file, line_file = tmp_path / "vendors.csv", tmp_path / "lines.csv"
    supplier_file.write_bytes(MESSY_SUPPLIERS)
    line_file.write_bytes(MESSY_LINES)
    summary = screen(suppliers=supplier_file, sourcing=line_file, out=tmp_path / "out")
    latest = tmp_path / "out" / "latest"
    lines = pd.read_parquet(latest / "screened_lines.parquet")
    risk = pd.read_parquet(latest / "supplier_risk.parquet")
    held = pd.read_parquet(latest / "quarantine.parquet")
    found = {(r.source_file, r.row_number): (None if pd.isna(r.column) else r.column, r.rule)
             for r in held.itertuples()}
    assert found == {
        ("vendors.csv", 6): (None, "shape"), ("vendors.csv", 7): ("supplier_id", "required"),
        ("lines.csv", 3): ("value_usd", "number"), ("lines.csv", 4): ("supplier_id",
                                                                      "unknown_supplier"),
        ("lines.csv", 5): ("hs_code", "hs_code"), ("lines.csv", 6): ("date", "date"),
        ("lines.csv", 7): ("line_id", "duplicate_id"),
    }
    assert sorted(risk["source_row"].tolist() + held.loc[held["dataset"] == "suppliers",
                                                         "row_number"].tolist()) == [4, 5, 6, 7]
    assert sorted(lines["source_row"].tolist() + held.loc[held["dataset"] == "sourcing",
                                                          "row_number"].tolist()) == list(range(2, 8))
    first = lines.set_index("line_id").loc["L1"]
    assert (first["quantity"], first["value_usd"]) == (1000.0, 12500.0)
    assert first["country_source"] == "supplier" and first["country_iso3"] == "CIV"
    assert summary.rows == {"suppliers": {"read": 4, "accepted": 2, "quarantined": 2},
                            "sourcing": {"read": 6, "accepted": 1, "quarantined": 5}}


@pytest.mark.parametrize(("suppliers_bytes", "lines_name", "lines_bytes", "fragment"), [
    (csv_bytes(SUPPLIERS_HEADER, "V1,Acme,CN"), "lines.xlsx",
     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "password-protected"),
    (csv_bytes(SUPPLIERS_HEADER, ",Acme,CN", ",Beta,CN"), "lines.csv",
     csv_bytes(SOURCING_HEADER, "L1,V1,Cocoa,,,1,1,"), "all 2 data rows were rejected"),
], ids=["encrypted_workbook", "all_rows_bad"])
def test_flow_stops_on_file_problems_and_writes_nothing(prefect_harness, tmp_path, suppliers_bytes,
                                                        lines_name, lines_bytes, fragment):
    from flows.screening import screen

    supplier_file, line_file = tmp_path / "vendors.csv", tmp_path / lines_name
    supplier_file.write_bytes(suppliers_bytes)
    line_file.write_bytes(lines_bytes)
    with pytest.raises(InputError, match=fragment):
        screen(suppliers=supplier_file, sourcing=line_file, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_manifest_entry_counts_rows_by_rule(tmp_path):
    from tasks import manifest

    path = tmp_path / "s.csv"
    path.write_bytes(csv_bytes(SUPPLIERS_HEADER, ",Acme,CN", "V1,Acme,CN", "V1,Again,CN", "V2,,GH"))
    ingested, validated, _ = split(path, "suppliers")
    entry = manifest.input_entry(ingested, len(validated.accepted),
                                 validated.problems[ROW].nunique(), validated.problems)
    assert entry["rows_by_rule"] == {"required": 2, "duplicate_id": 1}
    manifest.check_conservation([entry])
    assert "rows_by_rule" not in manifest.input_entry(ingested, 1, 3)
