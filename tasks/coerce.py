"""Cell-by-cell type coercion: each function returns the typed column and a mask of bad cells."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Day-first for slashes and dots (as most of the world writes them); month-first when the
# column shows it (a value like 03/14/2026 and none like 14/03/2026).
DATE_FORMATS = (
    "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y",
    "%d-%m-%Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y",
    "%m/%d/%Y", "%Y%m%d",
)
MONTH_FIRST = ("%m/%d/%Y", "%m.%d.%Y", "%m-%d-%Y")
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = (20000, 80000)  # 1954-10-03 .. 2119-01-10: plausible order dates

_CURRENCY = re.compile(r"[$€£¥₹]|\b(?:USD|US\$|EUR|GBP|CHF|CNY|RMB|INR)\b|['’\s\u00a0\u202f]",
                       re.IGNORECASE)
_SIMPLE = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+")
_GROUPED = {",": re.compile(r"\d{1,3}(?:,\d{3})+"), ".": re.compile(r"\d{1,3}(?:\.\d{3})+")}
_AMBIGUOUS = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")  # 1,234 or 1.234
_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}")


# Every character Python's str.split() splits on, for Arrow's RE2.
_WHITESPACE = (r"[\t\n\x0b\f\r\x1c-\x1f \x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
               r"\x{202f}\x{205f}\x{3000}]+")


def text(values: pd.Series) -> pd.Series:
    """NFC, whitespace collapsed, empty to null (vectorised in Arrow)."""
    cells = pa.array(values.astype("string").array, type=pa.large_string())
    cells = pc.utf8_trim(pc.replace_substring_regex(pc.utf8_normalize(cells, "NFC"), _WHITESPACE, " "), " ")
    cells = pc.if_else(pc.equal(cells, ""), pa.scalar(None, pa.large_string()), cells)
    out = cells.to_pandas(types_mapper={pa.large_string(): pd.StringDtype()}.get)
    return pd.Series(out.array, index=values.index, dtype="string")


def number(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers with thousands separators (1,234.50 / 1.234,50 / 1 234), currency signs and
    accounting negatives. 1,234 and 1.234 follow the column's style (default: comma groups)."""
    raw = text(values)
    decimal = _column_decimal(raw.dropna())
    # Plain decimals (most cells) parse in Arrow; the rest one by one.
    plain = raw.str.fullmatch(r"\d+(?:\.\d+)?").fillna(False).to_numpy(bool)
    parsed = pd.Series(np.nan, index=raw.index, dtype="float64")
    parsed[plain] = pc.cast(pa.array(raw[plain].array), pa.float64()).to_numpy(zero_copy_only=False)
    parsed[~plain] = raw[~plain].map(lambda v: _number(v, decimal), na_action="ignore").astype("float64")
    bad = raw.notna() & parsed.isna()
    return parsed, bad.fillna(False).astype(bool)


def _column_decimal(values: pd.Series) -> str:
    """The decimal mark most unambiguous values of a column use."""
    comma = values.str.fullmatch(r"[^.]*\d,\d{1,2}|.*\.\d{3},\d+|[^.]*\d,\d{4,}").sum()
    point = values.str.fullmatch(r"[^,]*\d\.\d{1,2}|.*,\d{3}\.\d+|[^,]*\d\.\d{4,}").sum()
    return "," if comma > point else "."


def _number(value: str, decimal: str) -> float | None:
    value = _CURRENCY.sub("", value)
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1]
    if value.startswith(("-", "+")) or value.endswith("-"):  # trailing minus: SAP exports
        negative = value.startswith("-") or value.endswith("-")
        value = value.strip("+-")
    number_ = _plain(value, decimal)
    if number_ is None:
        return None
    return -number_ if negative else number_


def _plain(value: str, decimal: str) -> float | None:
    if _SIMPLE.fullmatch(value):
        return float(value)
    if _AMBIGUOUS.fullmatch(value):  # 1,234 or 1.234: the column decides
        separator = value[-4]
        return float(value.replace(separator, "." if separator == decimal else ""))
    last = max(value.rfind(","), value.rfind("."))
    if last < 0:
        return None
    mark, whole, fraction = value[last], value[:last], value[last + 1:]
    group = "." if mark == "," else ","
    if mark in whole:  # 1,234,567 or 1.234.567: the mark itself groups thousands
        return float(value.replace(mark, "")) if _GROUPED[mark].fullmatch(value) else None
    if not fraction.isdigit():
        return None
    if group in whole and not _GROUPED[group].fullmatch(whole):
        return None
    if not whole.replace(group, "").isdigit():
        return None
    return float(whole.replace(group, "") + "." + fraction)


def date(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates in the formats of DATE_FORMATS or Excel serial numbers; else a bad cell."""
    raw = text(values)
    codes, distinct = pd.factorize(raw.array)  # parse each distinct text once; nulls get -1
    dates, bad = _dates(pd.Series(distinct, dtype="string"))
    return (pd.Series(np.array([*dates.tolist(), None], dtype=object)[codes], index=raw.index, dtype=object),
            pd.Series(np.append(bad.to_numpy(bool), False)[codes], index=raw.index))


def _dates(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    parsed = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[s]")
    formats = (*MONTH_FIRST, *DATE_FORMATS) if _month_first(raw.dropna()) else DATE_FORMATS
    for fmt in formats:
        todo = parsed.isna() & raw.notna()
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(raw[todo], format=fmt, errors="coerce")
    serial = parsed.isna() & raw.notna() & raw.str.fullmatch(r"\d{5}(?:\.0+)?").fillna(False)
    if serial.any():
        days = pd.to_numeric(raw[serial].str.split(".").str[0])
        ok = days.between(*EXCEL_SERIALS)
        parsed[ok[ok].index] = (pd.Timestamp(EXCEL_EPOCH)
                                + pd.to_timedelta(days[ok], unit="D")).astype("datetime64[s]")
    bad = raw.notna() & parsed.isna()
    return (parsed.dt.date.astype("object").where(parsed.notna(), None),
            bad.fillna(False).astype(bool))


def _month_first(values: pd.Series) -> bool:
    """True when some dd/mm values can only be month-first and none only day-first."""
    parts = values.str.extract(_DAY_MONTH).dropna().astype(int)
    if parts.empty:
        return False
    return bool((parts[1] > 12).any() and not (parts[0] > 12).any())
