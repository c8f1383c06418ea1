"""Cell-by-cell type coercion: each function returns the typed column and a mask of bad cells."""

from __future__ import annotations

import unicodedata

import pandas as pd

# Day-first for slashes and dots (as most of the world writes them); US month-first
# only where day-first is impossible (e.g. 03/14/2026).
DATE_FORMATS = (
    "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y",
    "%d %b %Y", "%d-%b-%Y", "%b %d, %Y", "%m/%d/%Y", "%Y%m%d",
)


def text(values: pd.Series) -> pd.Series:
    """NFC, whitespace collapsed, empty to null."""
    cleaned = values.astype("string").map(
        lambda v: " ".join(unicodedata.normalize("NFC", v).replace("\u00a0", " ").split()),
        na_action="ignore",
    )
    return cleaned.mask(cleaned.eq("")).astype("string")


def number(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers with thousands separators, currency signs and accounting negatives."""
    raw = text(values)
    cleaned = (
        raw.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
        .str.replace(r"[\s,'’$€£¥]|USD|US\$", "", regex=True)
    )
    parsed = pd.to_numeric(cleaned, errors="coerce").astype("float64")
    bad = raw.notna() & parsed.isna()
    return parsed, bad.fillna(False).astype(bool)


def date(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates in the formats of DATE_FORMATS; anything else is a bad cell."""
    raw = text(values)
    parsed = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[s]")
    for fmt in DATE_FORMATS:
        todo = parsed.isna() & raw.notna()
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(raw[todo], format=fmt, errors="coerce")
    bad = raw.notna() & parsed.isna()
    return parsed.dt.date.astype("object").where(parsed.notna(), None), bad.fillna(False)
