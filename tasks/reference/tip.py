"""TIP Report tier placements: the 1999–2015 coded table and tables of tier names.

Two codings:
- "coded" (Kelley & Heiss replication data): 1 = Tier 1, 2 = Tier 2, 3 = Tier 2 Watch List,
  4 = Tier 3; also 2.5 = Watch List, 666 = Special Case; NA, empty or 555 = not rated
  (or Special Case, which that file does not separate): such rows carry no placement and are left out.
- "text": tier names in any usual spelling ("Tier 2 WL", "Tier II", "2WL", ...), or bare tier
  numbers (1, 2, 2.5, 3). An empty or unknown tier is an error.

Output: report_year (int), country (as in the source), tier (one of TIERS), source_url.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from tasks.countries import clean_text
from tasks.reference import ReferenceDataError, where
from tasks.reference.ilab import find_header, read_rows

TIERS = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case")
TIP_COLUMNS = ["report_year", "country", "tier", "source_url"]

CODED = {"1": "Tier 1", "2": "Tier 2", "2.5": "Tier 2 Watch List", "3": "Tier 2 Watch List",
         "4": "Tier 3", "666": "Special Case"}
NOT_RATED = frozenset({"", "na", "n/a", "555", "not rated", "unrated"})

HEADERS = {
    "report_year": {"reportyear", "year"},
    "country": {"countryname", "country"},
    "tier": {"tier", "tierplacement", "tierranking"},
    "source_url": {"sourceurl", "source", "url"},
    "iso": {"iso", "iso3", "ccode"},
}
ROMAN = {"i": "1", "ii": "2", "iii": "3"}
_TIER_PATTERN = re.compile(r"^(?:tier)?(1|2|3|i|ii|iii)(wl|watchlist|w)?$")


def normalise_tier(value: object) -> str:
    """Any usual spelling of a tier to one of TIERS; ValueError if unknown."""
    text = clean_text(value)
    if text is None:
        raise ValueError("empty tier")
    key = re.sub(r"[\s_\-/.]", "", text.casefold())
    if key in {"specialcase", "special"}:
        return "Special Case"
    if key in {"25", "tier25"}:
        return "Tier 2 Watch List"
    match = _TIER_PATTERN.match(key)
    if match is None:
        raise ValueError(f"unknown tier {text!r}")
    number, watch = ROMAN.get(match[1], match[1]), match[2]
    if watch:
        if number != "2":
            raise ValueError(f"unknown tier {text!r}: only Tier 2 has a Watch List")
        return "Tier 2 Watch List"
    return f"Tier {number}"


def read_tip(path: Path, coding: str = "auto") -> pd.DataFrame:
    """A tier table in "coded" or "text" coding; "auto": coded if every tier value is a number or NA."""
    path = Path(path)
    rows = read_rows(path)
    header_index, columns = find_header(rows, HEADERS, ("report_year", "country", "tier"), path)
    header = rows[header_index][1]
    body = [(n, cells) for n, cells in rows[header_index + 1:]]
    tier_at = columns["tier"]
    if coding == "auto":
        values = [_cell(cells, tier_at) for _, cells in body]
        coded = all(v.casefold() in NOT_RATED or re.fullmatch(r"\d+(\.\d+)?", v) for v in values)
        coding = "coded" if coded else "text"
    if coding not in {"coded", "text"}:
        raise ValueError(f"unknown TIP coding {coding!r}; use 'coded', 'text' or 'auto'")
    records, numbers = [], []
    for number, cells in body:
        def place(field: str, n: int = number) -> str:
            return where(path, n, header[columns[field]])
        tier_text = _cell(cells, tier_at)
        if coding == "coded":
            if tier_text.casefold() in NOT_RATED:
                continue
            tier = CODED.get(tier_text.removesuffix(".0"))
            if tier is None:
                raise ReferenceDataError(f"{place('tier')}: unknown tier code {tier_text!r} "
                                         "(expected 1-4, 2.5, 666 or NA)")
        else:
            try:
                tier = normalise_tier(tier_text)
            except ValueError as error:
                raise ReferenceDataError(f"{place('tier')}: {error}; expected one of "
                                         f"{', '.join(TIERS)}") from error
        country = clean_text(_cell(cells, columns["country"]))
        if country is None:
            raise ReferenceDataError(f"{place('country')}: empty")
        year_text = _cell(cells, columns["report_year"])
        if not re.fullmatch(r"(19|20)\d\d", year_text):
            raise ReferenceDataError(f"{place('report_year')}: not a report year: {year_text!r}")
        url = clean_text(_cell(cells, columns["source_url"])) if "source_url" in columns else None
        records.append({"report_year": int(year_text), "country": country, "tier": tier,
                        "source_url": url})
        numbers.append(f"row {number}")
    if not records:
        raise ReferenceDataError(f"{path}: no tier placements below the header")
    frame = pd.DataFrame(records, columns=TIP_COLUMNS)
    repeated = frame[frame.duplicated(["report_year", "country"], keep=False)]
    if not repeated.empty:
        first = repeated.iloc[0]
        raise ReferenceDataError(f"{path}: {first['country']!r} placed twice for {first['report_year']}")
    frame.attrs["source_rows"] = numbers
    return frame


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""
