"""High-risk regions named in supplier addresses: the Xinjiang Uyghur Autonomous Region.

UFLPA presumes goods made wholly or in part in Xinjiang are made with forced labor, so an
address there is evidence on its own. The place names are a curated table
(`data/xinjiang_places.csv`); names that also exist outside China count only when the
supplier's country is China.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from tasks.paths import DATA

PLACES_PATH = DATA / "xinjiang_places.csv"
SUPPLIER_EVIDENCE_COLUMNS = ["supplier_id", "indicator", "source", "edition", "detail"]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


@cache
def _patterns(path: Path = PLACES_PATH) -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    place_of: dict[str, str] = {}
    anywhere, china_only = [], []
    for row in table.itertuples(index=False):
        for spelling in row.spellings.split("|"):
            key = _fold(spelling.strip())
            place_of[key] = row.place
            (china_only if row.china_only == "true" else anywhere).append(key)

    def compile_(keys: list[str]) -> re.Pattern:
        # Latin names must stand as words; CJK names have no word boundaries.
        parts = sorted(keys, key=len, reverse=True)
        alternatives = [re.escape(k) if not k.isascii() else rf"\b{re.escape(k)}\b" for k in parts]
        return re.compile("|".join(alternatives))

    return compile_(anywhere), compile_(china_only), place_of


def xinjiang_places(addresses: pd.Series, country_iso3: pd.Series) -> pd.Series:
    """The Xinjiang place each address names (None where none): 'Hotan Prefecture (hotan)'."""
    anywhere, china_only, place_of = _patterns()
    codes, distinct = pd.factorize(addresses.fillna("").astype(str))
    in_china = country_iso3.fillna("").eq("CHN").to_numpy(dtype=bool)
    # Each distinct address is folded and searched once: first for names valid anywhere,
    # then (only if some row with it is in China) for China-only names.
    folded = [_fold(text) for text in distinct]
    found_any = [anywhere.search(text) for text in folded]
    china_codes = np.zeros(len(distinct) + 1, dtype=bool)
    china_codes[codes[in_china]] = True
    found_china = [None if hit or not china else china_only.search(text)
                   for text, hit, china in zip(folded, found_any, china_codes[:-1], strict=True)]

    def label(hit: re.Match | None) -> str | None:
        return f"{place_of[hit.group(0)]} ({hit.group(0)})" if hit else None

    outside = np.array([label(hit) for hit in found_any] + [None], dtype=object)
    inside = np.array([label(a or c) for a, c in zip(found_any, found_china, strict=True)] + [None],
                      dtype=object)
    found = np.where(in_china, inside[codes], outside[codes])
    return pd.Series(found, index=addresses.index, dtype="string")


def supplier_evidence(suppliers: pd.DataFrame) -> pd.DataFrame:
    """xinjiang_address evidence, one row per supplier whose address is in Xinjiang."""
    if "address" not in suppliers:
        return pd.DataFrame(columns=SUPPLIER_EVIDENCE_COLUMNS)
    places = xinjiang_places(suppliers["address"], suppliers["country_iso3"])
    hit = places.notna()
    return pd.DataFrame({
        "supplier_id": suppliers.loc[hit, "supplier_id"].astype("string"),
        "indicator": "xinjiang_address",
        "source": "address",
        "edition": None,
        "detail": "supplier address names " + places[hit] + ", in the Xinjiang Uyghur Autonomous Region",
    }).reset_index(drop=True)
