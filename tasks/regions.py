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
    folded = addresses.fillna("").astype(str).map(_fold)
    in_china = country_iso3.fillna("").eq("CHN").to_numpy()
    found = []
    for text, china in zip(folded, in_china, strict=True):
        hit = anywhere.search(text) or (china_only.search(text) if china else None)
        found.append(f"{place_of[hit.group(0)]} ({hit.group(0)})" if hit else None)
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
