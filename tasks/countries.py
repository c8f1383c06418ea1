"""Country names and codes to ISO 3166-1 alpha-3.

The library `country_converter` (regexes over many spellings and codes) does the
work; `data/country_aliases.csv` adds the few spellings it misses. Values are
resolved once per distinct string, so a column of a million rows costs as much
as its distinct values.
"""

from __future__ import annotations

import csv
import functools
import logging
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

ALIASES_PATH = Path(__file__).resolve().parent.parent / "data" / "country_aliases.csv"

# Placeholders that mean "no value". "NA" is not one of them: it is Namibia's code.
NULL_TOKENS = frozenset({"", "-", "--", "n/a", "na.", "null", "none", "unknown", "nan", "?"})

# Codes that appear in country columns but name no country.
NON_COUNTRY_CODES = {"FV": "fishing vessel (CBP code)"}


def clean_text(value: object) -> str | None:
    """NFC, collapse whitespace, strip; None for null placeholders."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    text = unicodedata.normalize("NFC", str(value))
    text = " ".join(text.replace("\u00a0", " ").replace("\u200b", "").split())
    return None if text.casefold() in NULL_TOKENS else text


@functools.cache
def _converter():
    import country_converter as coco
    from country_converter.country_converter import COUNTRY_DATA_FILE

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    # Read the library's table ourselves: pandas 3 would turn Namibia's "NA" into a null.
    table = pd.read_csv(
        COUNTRY_DATA_FILE, sep="\t", encoding="utf-8", dtype=str,
        keep_default_na=False, na_values=[""],
    )
    return coco.CountryConverter(country_data=table)


@functools.cache
def _aliases(path: Path = ALIASES_PATH) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["alias"].casefold(): row["iso3"] for row in csv.DictReader(handle)}


@functools.cache
def iso3_names() -> dict[str, str]:
    """ISO alpha-3 code to its short English name."""
    table = _converter().data
    return dict(zip(table["ISO3"], table["name_short"], strict=True))


def resolve_many(values: Iterable[object]) -> dict[str, str | None]:
    """Map each distinct cleaned string to an ISO alpha-3 code, or None if unresolved."""
    cleaned = {text for text in map(clean_text, values) if text is not None}
    result = _lookup(cleaned)
    # The converter's patterns are mostly unaccented: retry "México", "Perú" without accents.
    retry = {text: _fold(text) for text, code in result.items()
             if code is None and text.upper() not in NON_COUNTRY_CODES and _fold(text) != text}
    if retry:
        folded = _lookup(set(retry.values()))
        result.update({text: folded.get(plain) for text, plain in retry.items()})
    return result


def _lookup(cleaned: set[str]) -> dict[str, str | None]:
    aliases = _aliases()
    result: dict[str, str | None] = {}
    pending: list[str] = []
    for text in sorted(cleaned):
        if text.upper() in NON_COUNTRY_CODES:
            result[text] = None
        elif text.casefold() in aliases:
            result[text] = aliases[text.casefold()]
        else:
            pending.append(text)
    if pending:
        result.update(zip(pending, _convert(pending), strict=True))
    return result


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_converted: dict[str, str | None] = {}  # the converter is slow (regexes): remember its answers


def _convert(texts: list[str]) -> list[str | None]:
    todo = [text for text in dict.fromkeys(texts) if text not in _converted]
    if todo:
        codes = _converter().convert(todo, to="ISO3", not_found=None)
        if isinstance(codes, str | None):  # the library unwraps one-element lists
            codes = [codes]
        # The library echoes unknown names back and returns a list for ambiguous ones.
        known = iso3_names()
        _converted.update((text, code if isinstance(code, str) and code in known else None)
                          for text, code in zip(todo, codes, strict=True))
    return [_converted[text] for text in texts]


def resolve(value: object) -> str | None:
    """One value to ISO alpha-3, or None."""
    text = clean_text(value)
    return None if text is None else resolve_many([text]).get(text)


def to_iso3(series: pd.Series) -> pd.Series:
    """Vectorised: a column of country strings to ISO alpha-3 (nulls where unresolved)."""
    codes, distinct = pd.factorize(series.to_numpy(dtype=object))  # work once per distinct value
    cleaned = [clean_text(value) for value in distinct]
    mapping = resolve_many(text for text in cleaned if text is not None)
    iso3 = np.array([None if t is None else mapping.get(t) for t in cleaned] + [None], dtype=object)
    return pd.Series(iso3[codes], index=series.index, dtype="string")  # code -1 (null) -> None
