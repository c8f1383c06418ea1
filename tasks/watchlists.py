"""User watchlists ("bring your own list"): a CSV of names loaded into the entity-table shape.

Columns (header case and spacing ignored): `name` (required), `aliases` ("|" or ";"
separated), `country` (any spelling `tasks.countries` resolves), `list` (defaults to the
`list_name` argument), `note`. Each row becomes one entity of kind "company" with a stable
`entity_id` (sha1 of list and canonical name, as for UFLPA / WRO) and `edition` = the first
12 hex digits of the file's sha256. Rows that cannot be used are returned as problems naming
file, row (as a spreadsheet shows it) and column; the rest of the file is kept.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from tasks.countries import clean_text, resolve
from tasks.reference.entities import ENTITY_COLUMNS, canonical, entity_id

PROBLEM_COLUMNS = ["source_file", "row_number", "column", "value", "reason"]
HEADERS = {
    "name": ("name", "entity", "entity name", "company", "company name", "supplier name"),
    "aliases": ("aliases", "alias", "aka", "also known as", "other names"),
    "country": ("country", "country iso3", "country code", "country_iso3"),
    "list": ("list", "list name", "watchlist", "source"),
    "note": ("note", "notes", "comment", "reason"),
}


class WatchlistError(ValueError):
    """A watchlist file that cannot be used at all (missing, unreadable, no name column)."""


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _columns(frame: pd.DataFrame, path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for column in frame.columns:
        key = re.sub(r"[\s_]+", " ", str(column).strip().casefold())
        for field, names in HEADERS.items():
            if key in names and field not in found:
                found[field] = column
    if "name" not in found:
        raise WatchlistError(f"{path}: no name column (expected one of: {', '.join(HEADERS['name'])}); "
                             f"found {', '.join(map(str, frame.columns))}")
    return found


def load_watchlist(path: Path, list_name: str = "watchlist") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(entities in the entity-table shape plus `edition`, problems with PROBLEM_COLUMNS)."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise WatchlistError(f"{path}: cannot read watchlist: {error}") from error
    columns = _columns(frame, path)
    edition = file_sha256(path)[:12]
    rows, problems = [], []
    seen: dict[tuple[str, str], int] = {}
    for position, record in enumerate(frame.to_dict("records")):
        row_number = position + 2  # header is row 1

        def problem(field: str, value: object, reason: str, row_number: int = row_number) -> None:
            problems.append({"source_file": str(path), "row_number": row_number,
                             "column": columns.get(field, field), "value": value, "reason": reason})

        name = clean_text(record[columns["name"]])
        if name is None or not canonical(name):
            problem("name", record[columns["name"]], "empty name")
            continue
        country_text = clean_text(record[columns["country"]]) if "country" in columns else None
        country = resolve(country_text) if country_text else None
        if country_text and country is None:
            problem("country", country_text, f"unknown country {country_text!r}")
            continue
        list_value = (clean_text(record[columns["list"]]) if "list" in columns else None) or list_name
        key = (list_value, canonical(name))
        if key in seen:
            problem("name", name, f"repeats the name of row {seen[key]} in list {list_value!r}")
            continue
        seen[key] = row_number
        alias_text = clean_text(record[columns["aliases"]]) if "aliases" in columns else None
        aliases = [a.strip() for a in re.split(r"[|;]", alias_text or "") if a.strip()]
        rows.append({
            "list": list_value, "edition": edition, "entity_id": entity_id(list_value, name), "name": name,
            "aliases": [a for a in aliases if canonical(a) != canonical(name)],
            "note": clean_text(record[columns["note"]]) if "note" in columns else None,
            "entity_kind": "company", "country_iso3": country, "status": "Active",
            "listed_date": None, "source_name": f"{path.name} row {row_number}",
        })
    entities = pd.DataFrame(rows, columns=["list", "edition", *ENTITY_COLUMNS[1:]])
    return entities, pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
