"""ILAB lists: the TVPRA list of goods (DOL app XML, DOL Excel download, CSV) and the EO 13126 list.

Every loader returns one row per good × country with the good and country as the source
writes them (NFC, whitespace collapsed). Bad input raises `ReferenceDataError` naming the
file, row and column: XML rows are numbered by `<Country>` element (1-based, document
order) with the line number; table rows are the row numbers a spreadsheet shows.
"""

from __future__ import annotations

import csv
import re
import xml.parsers.expat
from pathlib import Path

import pandas as pd

from tasks.countries import clean_text
from tasks.reference import ReferenceDataError, where

TVPRA_COLUMNS = [
    "good", "sector", "country", "child_labor", "forced_labor", "forced_child_labor",
    "derived", "derived_country",
]
EO_COLUMNS = ["good", "country"]
HEADER_SCAN_ROWS = 30

TRUE_MARKS = frozenset({"yes", "y", "x", "true", "1", "✓", "✔"})
FALSE_MARKS = frozenset({"no", "n", "false", "0"})

# Header spellings (see `header_key`) of each field in table formats.
TVPRA_HEADERS = {
    "good": {"good", "goods", "goodname", "product"},
    "country": {"country", "countryname", "countryarea"},
    "child_labor": {"childlabor", "cl"},
    "forced_labor": {"forcedlabor", "fl"},
    "forced_child_labor": {"forcedchildlabor", "fcl"},
    "sector": {"sector", "goodsector"},
    "derived": {"derived", "derivedlaborexploitation"},
    "derived_country": {"derivedcountry"},
}
TVPRA_REQUIRED = ("good", "country", "child_labor", "forced_labor")
EO_HEADERS = {"good": TVPRA_HEADERS["good"] | {"products"}, "country": TVPRA_HEADERS["country"]}

# XML element names of the DOL app files; Derived_* appear from the 2022 layout on.
XML_FIELDS = {
    "Country_Name": "country", "Child_Labor": "child_labor", "Forced_Labor": "forced_labor",
    "Forced_Child_Labor": "forced_child_labor", "Derived_Labor_Exploitation": "derived",
    "Derived_Country": "derived_country",
}
XML_REQUIRED = ("Country_Name", "Child_Labor", "Forced_Labor", "Forced_Child_Labor")


def parse_flag(value: object, place: str, blank: bool | None = None) -> bool:
    """Yes/No/X/blank to bool; `blank` is the value of an empty cell (None: empty is an error)."""
    text = (clean_text(value) or "").casefold()
    if text in TRUE_MARKS:
        return True
    if text in FALSE_MARKS:
        return False
    if not text and blank is not None:
        return blank
    raise ReferenceDataError(f"{place}: expected Yes/No or an X mark, got {value!r}")


def header_key(text: object) -> str:
    """'Forced Child Labor ' -> 'forcedchildlabor'."""
    return re.sub(r"[^0-9a-z]", "", (clean_text(text) or "").casefold())


# ---------------------------------------------------------------- DOL app XML


def read_tvpra_xml(path: Path) -> pd.DataFrame:
    """DOL "Sweat & Toil" app XML (2020 layout without Derived_* fields, or 2022 layout)."""
    path = Path(path)
    records = _xml_records(path)
    rows = []
    for number, (line, good, record) in enumerate(records, start=1):
        row_place = f"row {number} (line {line})"
        for element in ("Good_Name", *XML_REQUIRED):
            value = good.get(element) if element == "Good_Name" else record.get(element)
            if clean_text(value) is None:
                raise ReferenceDataError(f"{path}, {row_place}, column {element!r}: missing or empty")
        def flag(element: str, rp: str = row_place, values: dict = record) -> bool:
            return parse_flag(values[element], f"{path}, {rp}, column {element!r}")
        derived_country = clean_text(record.get("Derived_Country"))
        rows.append({
            "good": clean_text(good["Good_Name"]),
            "sector": clean_text(good.get("Good_Sector")),
            "country": clean_text(record["Country_Name"]),
            "child_labor": flag("Child_Labor"),
            "forced_labor": flag("Forced_Labor"),
            "forced_child_labor": flag("Forced_Child_Labor"),
            "derived": flag("Derived_Labor_Exploitation") if "Derived_Labor_Exploitation" in record
            else False,
            # "No" means "no input country", not Norway.
            "derived_country": None if derived_country in (None, "No") else derived_country,
        })
    frame = pd.DataFrame(rows, columns=TVPRA_COLUMNS)
    _check_unique(frame, path, [f"row {i}" for i in range(1, len(frame) + 1)])
    frame.attrs["source_rows"] = [f"row {n} (line {line})" for n, (line, _, _) in enumerate(records, 1)]
    return frame


def _xml_records(path: Path) -> list[tuple[int, dict[str, str], dict[str, str]]]:
    """(line, good fields, country fields) per <Country> inside a <Good>."""
    parser = xml.parsers.expat.ParserCreate()
    stack: list[str] = []
    text: list[str] = []
    good: dict[str, str] = {}
    record: dict[str, str] | None = None
    records: list[tuple[int, dict[str, str], dict[str, str]]] = []
    line = 0

    def start(tag: str, _attrs: dict) -> None:
        nonlocal good, record, line
        stack.append(tag)
        text.clear()
        if tag == "Good":
            good = {}
        elif tag == "Country" and "Countries" in stack:
            record, line = {}, parser.CurrentLineNumber

    def end(tag: str) -> None:
        nonlocal record
        stack.pop()
        value = "".join(text)
        text.clear()
        if tag == "Country" and record is not None:
            records.append((line, good, record))
            record = None
        elif record is not None:
            record[tag] = value
        elif tag in ("Good_Name", "Good_Sector"):
            good[tag] = value

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    data = path.read_bytes()
    if not data.strip():
        raise ReferenceDataError(f"{path}: the file is empty")
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise ReferenceDataError(f"{path}, line {error.lineno}: not well-formed XML ({error})") from error
    if not records:
        raise ReferenceDataError(f"{path}: no <Good>/<Countries>/<Country> elements found")
    return records


# ---------------------------------------------------------------- tables (CSV, Excel)


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cell texts) of a CSV file or of the sheet of a workbook."""
    path = Path(path)
    if not path.is_file():
        raise ReferenceDataError(f"{path}: file not found")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        rows = _xlsx_rows(path)
    elif suffix in {".csv", ".tsv", ".txt"}:
        rows = _csv_rows(path)
    else:
        raise ReferenceDataError(f"{path}: unsupported file type {suffix!r}; use .csv or .xlsx")
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise ReferenceDataError(f"{path}: the file is empty")
    return numbered


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    return list(csv.reader(text.splitlines(), delimiter=delimiter))


def _xlsx_rows(path: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise ReferenceDataError(f"{path}: not a readable Excel workbook ({error})") from error
    try:
        sheets = [[[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
                  for sheet in book.worksheets]
    finally:
        book.close()
    # The first sheet with something in it (DOL's download has one sheet; notes sheets come later).
    return next((rows for rows in sheets if any(any(c.strip() for c in r) for r in rows)), [])


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def find_header(
    rows: list[tuple[int, list[str]]], headers: dict[str, set[str]], required: tuple[str, ...], path: Path
) -> tuple[int, dict[str, int]]:
    """Index in `rows` of the header row (title rows above it are skipped) and field -> column index."""
    best: tuple[int, int, dict[str, int]] | None = None
    for index, (_, row) in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = [header_key(cell) for cell in row]
        found = {field: keys.index(k) for field, spellings in headers.items()
                 for k in keys if k in spellings}
        hits = sum(field in found for field in required)
        if hits == len(required):
            return index, found
        if hits >= 2 and (best is None or hits > best[0]):
            best = (hits, index, found)
    if best is None:
        raise ReferenceDataError(
            f"{path}: no header row with columns {', '.join(required)} "
            f"in the first {HEADER_SCAN_ROWS} rows"
        )
    _, index, found = best
    missing = [field for field in required if field not in found]
    raise ReferenceDataError(
        f"{where(path, rows[index][0], missing[0])}: required column missing from the header "
        f"(missing: {', '.join(missing)})"
    )


def _body(rows: list[tuple[int, list[str]]], header_index: int, columns: dict[str, int]):
    """(row number, field -> cleaned text) for each data row below the header."""
    for number, row in rows[header_index + 1:]:
        yield number, {field: clean_text(row[i]) if i < len(row) else None
                       for field, i in columns.items()}


def read_tvpra_table(path: Path) -> pd.DataFrame:
    """DOL Excel download or a CSV: Country, Good, Child Labor, Forced Labor[, Forced Child Labor].

    Marks are "X" (or Yes/No); an empty cell means not listed for that kind of labour.
    Without a Forced Child Labor column the flag is False. Title rows above the header are skipped.
    """
    path = Path(path)
    rows = read_rows(path)
    header_index, columns = find_header(rows, TVPRA_HEADERS, TVPRA_REQUIRED, path)
    header = rows[header_index][1]
    records, numbers = [], []
    for number, cells in _good_country_rows(rows, header_index, columns, path):
        def flag(field: str, n: int = number, c: dict = cells) -> bool:
            if field not in columns:
                return False
            return parse_flag(c[field], where(path, n, header[columns[field]]), blank=False)
        derived_country = cells.get("derived_country")
        records.append({
            "good": cells["good"], "sector": cells.get("sector"), "country": cells["country"],
            "child_labor": flag("child_labor"), "forced_labor": flag("forced_labor"),
            "forced_child_labor": flag("forced_child_labor"), "derived": flag("derived"),
            "derived_country": None if derived_country in (None, "No") else derived_country,
        })
        numbers.append(f"row {number}")
    if not records:
        raise ReferenceDataError(f"{path}: no data rows below the header on row {rows[header_index][0]}")
    frame = pd.DataFrame(records, columns=TVPRA_COLUMNS)
    _check_unique(frame, path, numbers)
    frame.attrs["source_rows"] = numbers  # row labels, for messages about this frame
    return frame


def _good_country_rows(rows, header_index: int, columns: dict, path: Path):
    """(row number, cells) of the non-blank body rows; a row with a good or country but not both fails."""
    header = rows[header_index][1]
    for number, cells in _body(rows, header_index, columns):
        if cells["good"] is None and cells["country"] is None:
            continue
        for field in ("good", "country"):
            if cells[field] is None:
                raise ReferenceDataError(f"{where(path, number, header[columns[field]])}: empty")
        yield number, cells


def read_tvpra(path: Path) -> pd.DataFrame:
    """Any supported TVPRA format, chosen by file extension."""
    path = Path(path)
    return read_tvpra_xml(path) if path.suffix.lower() == ".xml" else read_tvpra_table(path)


def read_eo13126(path: Path) -> pd.DataFrame:
    """EO 13126 list (CSV or Excel): Country, Good. Source typos are kept; countries resolve later."""
    path = Path(path)
    rows = read_rows(path)
    header_index, columns = find_header(rows, EO_HEADERS, ("good", "country"), path)
    records, numbers = [], []
    for number, cells in _good_country_rows(rows, header_index, columns, path):
        records.append({"good": cells["good"], "country": cells["country"]})
        numbers.append(f"row {number}")
    if not records:
        raise ReferenceDataError(f"{path}: no data rows below the header")
    frame = pd.DataFrame(records, columns=EO_COLUMNS)
    _check_unique(frame, path, numbers)
    frame.attrs["source_rows"] = numbers
    return frame


def _check_unique(frame: pd.DataFrame, path: Path, labels: list[str]) -> None:
    key = frame["good"].str.casefold() + "\x00" + frame["country"].str.casefold()
    repeated = key[key.duplicated(keep=False)]
    if not repeated.empty:
        first = repeated.index[:2]
        good, country = frame.loc[first[0], "good"], frame.loc[first[0], "country"]
        raise ReferenceDataError(
            f"{path}, {labels[first[0]]} and {labels[first[1]]}: good {good!r} × country {country!r} "
            "listed twice"
        )
