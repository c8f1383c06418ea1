import datetime as dt

import openpyxl
import pandas as pd
import pytest

from schemas import suppliers
from tasks.columns import header_score
from tasks.readers import InputError, read_table

HEADER = "Vendor ID,Supplier Name,Country\n"


def hint(row):
    return header_score(suppliers.CONTRACT, row)


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"), ("utf-8", "\t"), ("utf-8", "|"),
])
def test_csv_encodings_and_delimiters(tmp_path, encoding, delimiter):
    text = (HEADER + "V1,Aydın Tekstil,Türkiye\nV2,\"Olam, Ghana\",Ghana\n").replace(",", delimiter)
    if encoding == "cp1252":
        text = text.replace("ı", "i")
    path = tmp_path / "s.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.header == ["Vendor ID", "Supplier Name", "Country"]
    assert table.frame["c2"].tolist()[0] == "Türkiye"
    assert table.row_numbers.tolist() == [2, 3]


def test_csv_keeps_na_and_leading_zeros_as_text(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + "007,Acme,NA\n")
    table = read_table(path)
    assert table.frame.iloc[0].tolist() == ["007", "Acme", "NA"]


def test_xlsx_header_below_title_rows(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier export FY2026"])
    sheet.append([])
    sheet.append(["Vendor ID", "Supplier Name", "Country", "Since"])
    sheet.append(["V1", "Acme", "CN", dt.datetime(2024, 5, 1)])
    sheet.append([1001, "Beta", "CIV", 2023.0])
    path = tmp_path / "s.xlsx"
    book.save(path)
    table = read_table(path, header_hint=hint)
    assert table.header == ["Vendor ID", "Supplier Name", "Country", "Since"]
    assert table.row_numbers.tolist() == [4, 5]
    assert table.frame.iloc[0].tolist() == ["V1", "Acme", "CN", "2024-05-01"]
    assert table.frame.iloc[1].tolist() == ["1001", "Beta", "CIV", "2023"]


def test_xlsx_picks_the_sheet_with_the_header(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["read me first"])
    data = book.create_sheet("Suppliers")
    data.append(["Vendor ID", "Supplier Name", "Country"])
    data.append(["V1", "Acme", "CN"])
    path = tmp_path / "s.xlsx"
    book.save(path)
    table = read_table(path, header_hint=hint)
    assert table.frame.iloc[0].tolist() == ["V1", "Acme", "CN"]
    assert "Suppliers" in table.notes[0]


def test_parquet(tmp_path):
    path = tmp_path / "s.parquet"
    pd.DataFrame({"Vendor ID": ["V1"], "Value": [12.5], "Qty": [3.0],
                  "Date": pd.to_datetime(["2026-01-02"])}).to_parquet(path)
    table = read_table(path)
    assert table.header == ["Vendor ID", "Value", "Qty", "Date"]
    assert table.frame.iloc[0].tolist() == ["V1", "12.5", "3", "2026-01-02"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "empty"),
    ("blank.csv", b"\n\n  \n", "empty"),
    ("binary.csv", bytes(range(256)) * 4, "cannot decode|not a readable CSV|binary data"),
    ("data.json", b"{}", "unsupported file type"),
    ("broken.xlsx", b"PK\x03\x04 not really", "not a readable Excel"),
    ("broken.parquet", b"PAR1 nope", "not a readable Parquet"),
])
def test_unreadable_files_raise_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as error:
        read_table(path, header_hint=hint)
    assert name in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")


def test_parquet_float_text_matches_per_cell_formatting():
    import numpy as np
    import pyarrow as pa

    from tasks import readers

    rng = np.random.default_rng(5)
    x = 10 ** rng.uniform(-12, 22, 20000) * rng.choice([-1, 1], 20000)
    x[:10000] = [round(v, int(d)) for v, d in zip(x[:10000], rng.integers(-3, 18, 10000), strict=True)]
    x[::7] = np.trunc(x[::7])
    special = [np.nan, np.inf, -np.inf, -0.0, 0.0, 2.0**53, -(2.0**53), 2.0**53 - 1, 2.0**53 + 2,
               1e-4, 1e10, np.nextafter(1e10, 0), np.nextafter(1e-4, 0), 5e-324, 0.1, 1e16]
    values = [*x.tolist(), *special, None]
    for column in (pa.chunked_array([pa.array(values[:5000]), pa.array(values[5000:])]),
                   pa.chunked_array([pa.array(values, pa.float32())]),
                   pa.chunked_array([pa.array([], pa.float64())])):
        expected = pd.Series([readers._cell_text(v) if v is not None and v == v else ""
                              for v in column.to_pylist()], dtype="string")
        got = readers._column_text(column)
        assert got.tolist() == expected.tolist()
        assert got.dtype == expected.dtype
