"""Read CSV, Excel and Parquet files into all-text tables with spreadsheet row numbers.

Every reader returns a `RawTable`: the header as found, the cells as strings
(empty string for an empty cell) and, for each data row, the row number a user
sees in a spreadsheet. Types are coerced later, cell by cell, so a bad cell
costs one row, not the file. File-level problems raise `InputError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ENCODINGS = ("utf-8-sig", "cp1252")
DELIMITERS = ",;\t|"
HEADER_SCAN_ROWS = 30
SAMPLE_BYTES = 1 << 16
MAX_ROWS = 5_000_000  # data rows per input file
MAX_BYTES = 2 * 1024**3  # bytes per input file
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
RAISE_HINT = "split the file or raise the limit ({option})"

# Leading bytes of formats people send by mistake: (magic, what it is, the fix).
SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook or other ZIP archive", "give it the .xlsx extension "
     "or export the sheet as CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a password-protected (encrypted) workbook or a legacy "
     ".xls file", "remove the password and save it as .xlsx (Excel: File > Save As > .xlsx)"),
    (b"PAR1", "a Parquet file", "give it the .parquet extension"),
    (b"%PDF", "a PDF document", "export the table as CSV or .xlsx"),
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it first"),
)


class InputError(Exception):
    """A file that cannot be used at all; the message names the file, the problem and the fix."""


@dataclass
class RawTable:
    path: Path
    header: list[str]
    frame: pd.DataFrame  # string columns in header order, named by position "c0", "c1", ...
    row_numbers: pd.Series  # spreadsheet row number of each data row
    notes: list[str]
    problems: list[dict] = field(default_factory=list)  # row-level shape problems


def read_table(path: Path, header_hint: Callable[[list[str]], int] | None = None,
               max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES) -> RawTable:
    """Read any supported file; `header_hint` scores a candidate header row."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path}: {size:,} bytes is over the limit of {max_bytes:,} bytes; "
                         + RAISE_HINT.format(option="--max-bytes / max_bytes"))
    if size == 0:
        raise InputError(f"{path}: the file is empty (0 bytes); export the data again")
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    _check_signature(path, head, suffix)
    if suffix in CSV_SUFFIXES:
        table = _read_csv(path, header_hint, max_rows)
    elif suffix in XLSX_SUFFIXES:
        table = _read_xlsx(path, header_hint, max_rows)
    elif suffix in PARQUET_SUFFIXES:
        table = _read_parquet(path, max_rows)
    elif suffix == ".xls":
        raise InputError(f"{path}: legacy Excel .xls files are not supported; "
                         "open it in Excel and save it as .xlsx")
    else:
        raise InputError(f"{path}: unsupported file type {suffix!r}; use .csv, .xlsx or .parquet")
    if len(table.frame) > max_rows:
        raise _too_many(path, max_rows)
    return table


def _too_many(path: Path, max_rows: int) -> InputError:
    return InputError(f"{path}: more than {max_rows:,} data rows (the limit); "
                      + RAISE_HINT.format(option="--max-rows / max_rows"))


def _check_signature(path: Path, head: bytes, suffix: str) -> None:
    for magic, what, fix in SIGNATURES:
        if not head.startswith(magic):
            continue
        fits = (magic == b"PK\x03\x04" and suffix in XLSX_SUFFIXES) or (
            magic == b"PAR1" and suffix in PARQUET_SUFFIXES)
        if not fits:
            raise InputError(f"{path}: this is {what}, not a {suffix or 'extensionless'} file; "
                             f"{fix}")


# --- CSV -------------------------------------------------------------------------------------


def _detect_encoding(sample: bytes, path: Path) -> str:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in sample:
        raise InputError(f"{path}: contains NUL bytes: binary data, or UTF-16 without a "
                         "byte-order mark; export the data as CSV (UTF-8) or .xlsx")
    for encoding in ENCODINGS:
        try:
            sample.decode(encoding)
            return encoding
        except UnicodeDecodeError as error:
            if encoding == "utf-8-sig" and error.reason == "unexpected end of data" \
                    and len(sample) == SAMPLE_BYTES:
                return encoding  # a multi-byte character cut by the sample boundary
    raise InputError(f"{path}: cannot decode as UTF-8 or Windows-1252; re-save it as UTF-8")


def _sniff_delimiter(text: str, header_hint=None) -> str:
    """The delimiter whose rows best name the columns (with a hint), then the one giving the
    most records with the same field count (>= 2), then the most fields."""
    lines = [line for line in text.splitlines()[:60] if line.strip()][:-1] or text.splitlines()[:1]
    best, best_score = ",", (0, 0, 0)
    for delimiter in DELIMITERS:
        rows = [r for r in csv.reader(lines, delimiter=delimiter) if r]
        if not rows:
            continue
        counts = [len(r) for r in rows]
        mode = max(set(counts), key=lambda n: (counts.count(n), n))
        named = max((header_hint(r) for r in rows[:HEADER_SCAN_ROWS]), default=0) \
            if header_hint else 0
        score = (named, counts.count(mode), mode) if mode >= 2 else (named, 0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, header_hint, max_rows: int) -> RawTable:
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    encoding = _detect_encoding(sample, path)
    text = sample.decode(encoding, errors="ignore")
    if not text.strip():
        raise InputError(f"{path}: the file is empty (only blank lines)")
    delimiter = _sniff_delimiter(text[:20000], header_hint)
    notes = [f"encoding {encoding}, delimiter {delimiter!r}"]
    try:
        rows = _arrow_rows(path, encoding, delimiter, text, max_rows)
    except UnicodeDecodeError:
        if encoding != "utf-8-sig":
            raise InputError(f"{path}: cannot decode as {encoding}; re-save it as UTF-8") from None
        encoding = "cp1252"
        notes = [f"encoding cp1252 (not valid UTF-8 past the start), delimiter {delimiter!r}"]
        try:
            rows = _arrow_rows(path, encoding, delimiter, text, max_rows)
        except UnicodeDecodeError as error:
            raise InputError(f"{path}: cannot decode as UTF-8 or Windows-1252 ({error.reason} "
                             f"at byte {error.start}); re-save it as UTF-8") from None
    if rows is None:  # ragged rows: the careful, slower reader
        rows = _python_rows(path, encoding, delimiter, max_rows)
    return _table(path, rows, header_hint, notes, delimiter)


def _arrow_rows(path, encoding, delimiter, text, max_rows) -> pd.DataFrame | None:
    """All records as a frame of strings, or None when records differ in length."""
    sample_rows = list(itertools.islice(csv.reader(text.splitlines(), delimiter=delimiter), 200))
    width = max((len(r) for r in sample_rows), default=1)
    names = [f"c{i}" for i in range(width)]
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(encoding=encoding, column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
        batches, count = [], 0
        for batch in reader:
            count += batch.num_rows
            if count > max_rows + HEADER_SCAN_ROWS:
                raise _too_many(path, max_rows)
            batches.append(batch)
        table = pa.Table.from_batches(batches, schema=reader.schema)
    except pa.ArrowInvalid:
        return None
    frame = table.to_pandas(types_mapper=lambda _: pd.StringDtype("python")).fillna("")
    frame.attrs["multiline"] = any(pc.any(pc.match_substring(c, "\n")).as_py()
                                   for c in table.columns)
    return frame


def _python_rows(path, encoding, delimiter, max_rows) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        with path.open(encoding=encoding, newline="") as handle:
            for row in csv.reader(handle, delimiter=delimiter):
                rows.append(row)
                if len(rows) > max_rows + HEADER_SCAN_ROWS:
                    raise _too_many(path, max_rows)
    except (csv.Error, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable CSV ({error}); check the delimiter, quoting "
                         "and encoding") from None
    return rows


def _table(path, rows, header_hint, notes, delimiter=None) -> RawTable:
    """Header detection, padding and shape problems for rows of any reader."""
    if isinstance(rows, pd.DataFrame):  # arrow: every record has the same width
        head = rows.head(HEADER_SCAN_ROWS).to_numpy().tolist()
        index = _header_row(head, header_hint)
        header = _trim(head[index]) if head else []
        frame = rows.iloc[index + 1:, :max(len(header), 1)].reset_index(drop=True)
        numbers = pd.Series(range(index + 2, index + 2 + len(frame)), dtype="int64")
        problems = _extra_cells(rows.iloc[index + 1:, len(header):], numbers, len(header),
                                delimiter)
    else:
        index = _header_row(rows[:HEADER_SCAN_ROWS], header_hint)
        header = _trim(rows[index]) if rows else []
        body = rows[index + 1:]
        width = max(len(header), 1)
        numbers = pd.Series(range(index + 2, index + 2 + len(body)), dtype="int64")
        extra = pd.DataFrame([r[width:] for r in body], dtype="string").fillna("")
        problems = _extra_cells(extra, numbers, width, delimiter)
        body = [(r + [""] * (width - len(r)))[:width] for r in body]
        frame = pd.DataFrame(body, columns=[f"c{i}" for i in range(width)], dtype="string")
    if not header:
        raise InputError(f"{path}: no header row found; the first row should name the columns")
    frame.columns = [f"c{i}" for i in range(frame.shape[1])]
    multiline = rows.attrs.get("multiline", False) if isinstance(rows, pd.DataFrame) else \
        any("\n" in cell for row in rows for cell in row)
    if delimiter and multiline:
        problems += _runaway_quotes(frame, numbers, len(header), delimiter)
    keep = frame.ne("").any(axis=1).to_numpy()  # blank rows carry no data
    if problems:
        flagged = {p["row"] for p in problems}
        keep |= numbers.isin(flagged).to_numpy()
    notes = [*notes, f"header on row {index + 1}"] if index else notes
    if (~keep).any():
        notes.append(f"skipped {int((~keep).sum())} blank rows")
    return RawTable(path, header, frame[keep].reset_index(drop=True),
                    numbers[keep].reset_index(drop=True), notes, problems)


def _trim(row: list[str]) -> list[str]:
    """A header row without its trailing empty cells."""
    row = [str(c) for c in row]
    while row and not row[-1].strip():
        row.pop()
    return row


def _extra_cells(extra: pd.DataFrame, numbers: pd.Series, width: int,
                 delimiter: str | None) -> list[dict]:
    """Rows with values beyond the last header column: one problem each."""
    if extra.shape[1] == 0 or not len(extra):
        return []
    extra = extra.reset_index(drop=True).fillna("")
    filled = extra.ne("").any(axis=1).to_numpy()
    hint = (f"; a value probably contains an unquoted {delimiter!r}: put it in double quotes"
            if delimiter else "")
    return [{"row": int(numbers.iloc[i]), "column": None,
             "value": (delimiter or " | ").join(c for c in extra.iloc[i].tolist() if c),
             "rule": "shape",
             "message": f"row has values beyond the {width} header columns{hint}"}
            for i in filled.nonzero()[0]]


def _runaway_quotes(frame: pd.DataFrame, numbers: pd.Series, width: int,
                    delimiter: str) -> list[dict]:
    """Cells spanning lines that look like whole rows: a double quote never closed."""
    problems = []
    for position, values in enumerate(frame.itertuples(index=False)):
        for cell in values:
            lines = cell.split("\n")[1:]
            if any(line.count(delimiter) >= max(width - 1, 1) for line in lines):
                problems.append({
                    "row": int(numbers.iloc[position]), "column": None, "value": cell[:200],
                    "rule": "shape",
                    "message": f"a value runs over {len(lines) + 1} lines holding what look like "
                               "whole rows: a double quote (\") is probably never closed; check "
                               "the quoting from this row on"})
                break
    return problems


def _header_row(rows: list[list[str]], header_hint) -> int:
    candidates = rows[:HEADER_SCAN_ROWS]
    if header_hint is not None:
        scores = [header_hint(row) for row in candidates]
        if max(scores, default=0) > 0:
            return scores.index(max(scores))
    for index, row in enumerate(candidates):  # first row with two or more filled cells
        if sum(1 for cell in row if str(cell).strip()) >= 2:
            return index
    return 0


# --- Excel -----------------------------------------------------------------------------------


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


def _read_xlsx(path: Path, header_hint, max_rows: int) -> RawTable:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise InputError(f"{path}: not a readable Excel workbook ({type(error).__name__}: "
                         f"{error}); open it in Excel and save it again as .xlsx") from None
    try:
        if not book.worksheets:
            raise InputError(f"{path}: the workbook has no worksheets")
        sheet = _pick_sheet(book, header_hint)
        rows, filled = [], 0
        for values in sheet.iter_rows(values_only=True):
            row = _trim([_cell_text(v) for v in values])  # drop trailing empty columns
            filled += bool(row)
            if filled > max_rows + HEADER_SCAN_ROWS:
                raise _too_many(path, max_rows)
            rows.append(row)
        sheet_name = sheet.title
        filled_merges = _fill_merged(book, sheet, rows)
    except InputError:
        raise
    except Exception as error:  # a corrupt sheet inside a readable zip
        raise InputError(f"{path}: not a readable Excel workbook ({type(error).__name__}: "
                         f"{error}); open it in Excel and save it again as .xlsx") from None
    finally:
        book.close()
    if not any(rows):
        raise InputError(f"{path}: sheet {sheet_name!r} is empty")
    notes = [f"sheet {sheet_name!r}"]
    if filled_merges:
        notes.append(f"filled {len(filled_merges)} vertically merged ranges down "
                     f"(e.g. {filled_merges[0]})")
    return _table(path, rows, header_hint, notes)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _fill_merged(book, sheet, rows: list[list[str]]) -> list[str]:
    """Copy the value of each one-column merged range (a supplier over several lines) down."""
    from openpyxl.utils import column_index_from_string

    try:  # read-only sheets do not expose merges: scan the sheet XML for them
        with book._archive.open(sheet._worksheet_path) as handle:
            found, tail = [], b""
            for block in iter(lambda: handle.read(1 << 20), b""):
                chunk = tail + block
                found += _MERGE.findall(chunk)
                tail = chunk[-200:]  # a tag cut by the block boundary; repeats are dropped
    except (AttributeError, KeyError, OSError):
        return []
    filled = []
    for first_col, first_row, last_col, last_row in dict.fromkeys(found):
        top, bottom = int(first_row) - 1, int(last_row) - 1
        if first_col != last_col or bottom <= top or top >= len(rows):
            continue
        column = column_index_from_string(first_col.decode()) - 1
        value = rows[top][column] if column < len(rows[top]) else ""
        for index in range(top + 1, min(bottom, len(rows) - 1) + 1):
            row = rows[index]
            row.extend([""] * (column + 1 - len(row)))
            row[column] = row[column] or value
        filled.append(f"{first_col.decode()}{first_row.decode()}:{last_col.decode()}"
                      f"{last_row.decode()}")
    return filled


def _pick_sheet(book, header_hint):
    if header_hint is None or len(book.worksheets) == 1:
        return book.worksheets[0]

    def score(sheet) -> int:
        head = [[_cell_text(v) for v in row] for row in
                sheet.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)]
        return max((header_hint(row) for row in head), default=0)
    return max(book.worksheets, key=score)


# --- Parquet ---------------------------------------------------------------------------------


def _read_parquet(path: Path, max_rows: int) -> RawTable:
    try:
        rows = pq.ParquetFile(path).metadata.num_rows
        if rows > max_rows:
            raise _too_many(path, max_rows)
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as error:
        raise InputError(f"{path}: not a readable Parquet file ({error}); write it again "
                         "or export it as CSV") from None
    frame = pd.DataFrame({f"c{i}": _column_text(table.column(i)) for i in range(table.num_columns)},
                         index=pd.RangeIndex(table.num_rows))
    numbers = pd.Series(range(1, len(frame) + 1), dtype="int64")
    return RawTable(path, [str(n) for n in table.column_names], frame, numbers, ["parquet"])


def _column_text(column: pa.ChunkedArray) -> pd.Series:
    kind = column.type
    try:
        if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
            values = pd.Series(column.to_pandas()).dt.strftime("%Y-%m-%d")
        elif pa.types.is_float32(kind) or pa.types.is_float64(kind):
            values = _float_text(column)
        elif pa.types.is_floating(kind):
            values = pd.Series(column.to_pandas()).map(_cell_text, na_action="ignore")
        else:
            values = pd.Series(column.cast(pa.string()).to_pandas())
    except (pa.ArrowException, ValueError, TypeError, OverflowError):  # nested, binary, odd types
        values = pd.Series([None if v is None else str(v) for v in column.to_pylist()],
                           dtype="object")
    return values.astype("string").fillna("")


# Non-integer floats in this range print the same in Arrow as in Python (shortest round-trip
# digits, fixed notation); outside it Arrow and Python switch to exponents at other places.
_ARROW_FIXED = (1e-4, 1e10)


def _float_text(column: pa.ChunkedArray) -> pd.Series:
    """_cell_text of each float cell (nulls and NaN as NA), vectorised with Arrow casts."""
    x = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
    size = np.abs(x)
    with np.errstate(invalid="ignore"):
        integral = (size < 2.0**53) & (x == np.trunc(x))
        fixed = ~integral & (size >= _ARROW_FIXED[0]) & (size < _ARROW_FIXED[1])
    other = ~integral & ~fixed & ~np.isnan(x)  # huge, tiny, infinite: one by one
    out = np.full(len(x), None, dtype=object)
    out[integral] = pc.cast(pa.array(x[integral].astype(np.int64)), pa.string()).to_numpy(
        zero_copy_only=False)
    out[fixed] = pc.cast(pa.array(x[fixed]), pa.string()).to_numpy(zero_copy_only=False)
    out[other] = [_cell_text(v) for v in x[other].tolist()]
    return pd.Series(out, dtype=object, name=getattr(column, "_name", None))
