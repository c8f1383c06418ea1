"""Read CSV, Excel and Parquet files into all-text tables with spreadsheet row numbers.

Every reader returns a `RawTable`: the header as found, the cells as strings
(empty string for an empty cell) and, for each data row, the row number a user
sees in a spreadsheet. Types are coerced later, cell by cell, so a bad cell
costs one row, not the file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ENCODINGS = ("utf-8-sig", "cp1252")
DELIMITERS = ",;\t|"
HEADER_SCAN_ROWS = 30
SAMPLE_BYTES = 1 << 16


class InputError(Exception):
    """A file that cannot be read at all; the message names the file and the fix."""


@dataclass
class RawTable:
    path: Path
    header: list[str]
    frame: pd.DataFrame  # string columns in header order, named by position "c0", "c1", ...
    row_numbers: pd.Series  # spreadsheet row number of each data row
    notes: list[str]


def read_table(path: Path, header_hint: Callable[[list[str]], int] | None = None) -> RawTable:
    """Read any supported file; `header_hint` scores a candidate header row (Excel only)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        return _read_csv(path)
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, header_hint)
    if suffix in {".parquet", ".pq"}:
        return _read_parquet(path)
    raise InputError(f"{path}: unsupported file type {suffix!r}; use .csv, .xlsx or .parquet")


def _detect_encoding(sample: bytes, path: Path) -> str:
    for encoding in ENCODINGS:
        try:
            sample.decode(encoding)
            return encoding
        except UnicodeDecodeError as error:
            if encoding == "utf-8-sig" and error.reason == "unexpected end of data" \
                    and len(sample) == SAMPLE_BYTES:
                return encoding  # a multi-byte character cut by the sample boundary
    raise InputError(f"{path}: cannot decode as UTF-8 or Windows-1252; re-save it as UTF-8")


def _sniff_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max(DELIMITERS, key=first.count)


def _read_csv(path: Path) -> RawTable:
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise InputError(f"{path}: the file is empty")
    encoding = _detect_encoding(sample, path)
    delimiter = _sniff_delimiter(sample.decode(encoding, errors="ignore")[:20000])
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(encoding=encoding, autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=None, strings_can_be_null=False, quoted_strings_can_be_null=False,
                check_utf8=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise InputError(
            f"{path}: not a readable CSV ({error}); check the delimiter and quoting"
        ) from error
    table = table.cast(pa.schema([pa.field(n, pa.string()) for n in table.column_names]))
    frame = table.to_pandas(types_mapper=lambda _: pd.StringDtype("python"))
    header = [str(v) for v in frame.iloc[0].tolist()] if len(frame) else []
    frame = frame.iloc[1:].reset_index(drop=True).fillna("")
    frame.columns = [f"c{i}" for i in range(frame.shape[1])]
    notes = [f"encoding {encoding}, delimiter {delimiter!r}"]
    rows = pd.Series(range(2, len(frame) + 2), dtype="int64")
    return RawTable(path, header, frame, rows, notes)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, header_hint: Callable[[list[str]], int] | None) -> RawTable:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise InputError(f"{path}: not a readable Excel workbook ({error})") from error
    try:
        sheet = _pick_sheet(book, header_hint)
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        sheet_name = sheet.title
    finally:
        book.close()
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise InputError(f"{path}: sheet {sheet_name!r} is empty")
    header_index = _header_row(rows, header_hint)
    width = max(len(row) for row in rows)
    body = [row + [""] * (width - len(row)) for row in rows[header_index + 1 :]]
    header = rows[header_index] + [""] * (width - len(rows[header_index]))
    frame = pd.DataFrame(body, columns=[f"c{i}" for i in range(width)], dtype="string")
    numbers = pd.Series(range(header_index + 2, header_index + 2 + len(body)), dtype="int64")
    keep = frame.ne("").any(axis=1)  # trailing blank rows carry no data
    notes = [f"sheet {sheet_name!r}, header on row {header_index + 1}"]
    return RawTable(path, header, frame[keep].reset_index(drop=True),
                    numbers[keep].reset_index(drop=True), notes)


def _pick_sheet(book, header_hint):
    if header_hint is None or len(book.sheetnames) == 1:
        return book.worksheets[0]
    def score(sheet) -> int:
        head = [[_cell_text(v) for v in row] for row in
                sheet.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)]
        return max((header_hint(row) for row in head), default=0)
    return max(book.worksheets, key=score)


def _header_row(rows: list[list[str]], header_hint) -> int:
    candidates = rows[:HEADER_SCAN_ROWS]
    if header_hint is not None:
        scores = [header_hint(row) for row in candidates]
        if max(scores, default=0) > 0:
            return scores.index(max(scores))
    for index, row in enumerate(candidates):  # first row with two or more filled cells
        if sum(1 for cell in row if cell.strip()) >= 2:
            return index
    return 0


def _read_parquet(path: Path) -> RawTable:
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise InputError(f"{path}: not a readable Parquet file ({error})") from error
    frame = pd.DataFrame({f"c{i}": _column_text(table.column(i)) for i in range(table.num_columns)})
    rows = pd.Series(range(1, len(frame) + 1), dtype="int64")
    return RawTable(path, list(table.column_names), frame, rows, ["parquet"])


def _column_text(column: pa.ChunkedArray) -> pd.Series:
    if pa.types.is_timestamp(column.type) or pa.types.is_date(column.type):
        values = pd.Series(column.to_pandas()).dt.strftime("%Y-%m-%d")
    elif pa.types.is_floating(column.type):
        values = pd.Series(column.to_pandas()).map(_cell_text)
    else:
        values = pd.Series(column.cast(pa.string()).to_pandas())
    return values.astype("string").fillna("")

