"""Ingest a user file into a contract's canonical columns, recording bad cells as problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from schemas.contract import Contract
from tasks import coerce
from tasks.columns import ColumnMappingError, header_key, header_score, map_columns
from tasks.readers import HEADER_SCAN_ROWS, MAX_BYTES, MAX_ROWS, InputError, read_table

ROW = "_row"  # spreadsheet row number of the input row
# Error values Excel shows (and exports to CSV) for broken formulas.
EXCEL_ERRORS = ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!",
                "#CALC!", "#GETTING_DATA", "#N/A N/A")
PROBLEM_COLUMNS = [ROW, "column", "value", "rule", "message"]


@dataclass
class Ingested:
    dataset: str
    path: Path
    frame: pd.DataFrame  # canonical columns plus ROW; typed
    raw: pd.DataFrame  # the cells as read, canonical names, for quarantine records
    problems: pd.DataFrame  # one row per bad cell: PROBLEM_COLUMNS
    columns_used: dict[str, str]  # canonical name -> user's header
    notes: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.frame)


def ingest(
    path: Path,
    contract: Contract,
    column_map: Mapping[str, str] | None = None,
    require_any: tuple[str, ...] = (),
    *,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_BYTES,
) -> Ingested:
    """Read `path`, map its headers, coerce types.

    File-level problems raise InputError; cell-level problems are returned as rows.
    `require_any` names columns of which at least one must be present. Files over
    `max_rows` data rows or `max_bytes` bytes are refused before being read in full.
    """
    path = Path(path)
    table = read_table(path, header_hint=lambda row: header_score(contract, row),
                       max_rows=max_rows, max_bytes=max_bytes)
    try:
        mapping = map_columns(contract, table.header, column_map)
    except ColumnMappingError as error:
        raise InputError(f"{path}: {error}") from error
    present = set(mapping.values())
    missing = [c.name for c in contract.columns if c.required and c.name not in present]
    if require_any and not present.intersection(require_any):
        missing.append(" or ".join(require_any))
    if missing:
        hint = "; ".join(f"{m} (e.g. {_example(contract, m)!r})" for m in missing)
        found = ("no header row found: none of the first "
                 f"{HEADER_SCAN_ROWS} rows names a known column; " if not mapping else "")
        raise InputError(
            f"{path}: {found}no column for {hint}. Headers found: {table.header}. Rename the header "
            f"or pass --column-map {contract.name}.{missing[0].split(' ')[0]}=<your header>"
        )
    if table.frame.empty:
        raise InputError(f"{path}: the header is there but no data rows below it; "
                         "export the data again")
    raw = pd.DataFrame(
        {name: table.frame[f"c{pos}"] for pos, name in sorted(mapping.items())},
        index=table.frame.index,
    )
    frame, problems = _coerce(contract, raw, table.row_numbers)
    if table.problems:
        shape = pd.DataFrame(table.problems).rename(columns={"row": ROW})
        problems = concat_problems([problems, shape.astype({"column": "string"})])
    raw[ROW] = table.row_numbers.to_numpy()
    used = {name: table.header[pos] for pos, name in mapping.items()}
    ignored = [h for i, h in enumerate(table.header) if i not in mapping and h.strip()]
    notes = [*table.notes, *_duplicate_headers(table.header, mapping)]
    if ignored:
        notes.append(f"ignored columns: {ignored}")
    return Ingested(contract.name, path, frame, raw, problems, used, notes)


def _duplicate_headers(header: list[str], mapping: dict[int, str]) -> list[str]:
    """Notes for header names that appear more than once; the first mapped one is used."""
    positions: dict[str, list[int]] = {}
    for position, name in enumerate(header):
        if name.strip():
            positions.setdefault(header_key(name), []).append(position)
    return [f"duplicate header {header[p[0]]!r} in columns {[i + 1 for i in p]}: "
            f"used column {next((i + 1 for i in p if i in mapping), p[0] + 1)}"
            for p in positions.values() if len(p) > 1]


def _example(contract: Contract, name: str) -> str:
    first = name.split(" ")[0]
    synonyms = contract.column(first).synonyms
    return synonyms[0].title() if synonyms else first


def _coerce(
    contract: Contract, raw: pd.DataFrame, rows: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = pd.DataFrame(index=raw.index)
    problems: list[pd.DataFrame] = []
    for column in contract.columns:
        if column.name not in raw:
            frame[column.name] = _empty(column.type, raw.index)
            continue
        values = raw[column.name]
        if pa.types.is_floating(column.type):
            typed, bad = coerce.number(values)
            rule, message = "number", "not a number"
        elif pa.types.is_date(column.type):
            typed, bad = coerce.date(values)
            rule, message = "date", "not a date (use YYYY-MM-DD)"
        else:
            typed, bad = coerce.text(values), pd.Series(False, index=raw.index)
        errors = values.isin(EXCEL_ERRORS).to_numpy(bool)
        if errors.any():
            problems.append(pd.DataFrame({
                ROW: rows[errors].to_numpy(), "column": column.name,
                "value": values[errors].astype("string").to_numpy(), "rule": "excel_error",
                "message": f"{column.name}: holds an Excel error value; fix the formula "
                           "in the source",
            }))
            typed = typed.mask(errors)
            bad = bad & ~errors
        frame[column.name] = typed
        if bad.any():
            problems.append(pd.DataFrame({
                ROW: rows[bad.to_numpy()].to_numpy(), "column": column.name,
                "value": values[bad].astype("string").to_numpy(), "rule": rule,
                "message": f"{column.name}: {message}",
            }))
    frame[ROW] = rows.to_numpy()
    return frame, concat_problems(problems)


def _empty(arrow_type: pa.DataType, index: pd.Index) -> pd.Series:
    if pa.types.is_floating(arrow_type):
        return pd.Series(float("nan"), index=index, dtype="float64")
    if pa.types.is_date(arrow_type):
        return pd.Series(None, index=index, dtype="object")
    return pd.Series(pd.NA, index=index, dtype="string")


def concat_problems(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == ROW else "string")
                             for c in PROBLEM_COLUMNS})
    return pd.concat(parts, ignore_index=True).astype({ROW: "int64"})
