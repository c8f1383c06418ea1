"""Synthetic supplier master rows: company names in the styles of real supplier lists.

Names follow each country's conventions (legal forms such as "Co., Ltd.", "Pvt. Ltd.",
"San. ve Tic. A.Ş.", "S.A. de C.V."), some with typos; a share are listed entities
(data/reference/derived/entities.csv) with their formatting changed; a few rows are bad.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.vocab import BRANDS, COUNTRIES, SECTORS, SHARES, STYLES
from tasks.paths import DATA

REFERENCE = DATA / "reference" / "derived"
BAD_SUPPLIER_KINDS = ["blank_id", "duplicate_id", "blank_name"]
LISTED_LEGAL = {"Co., Ltd.": ["CO LTD", "Co.,Ltd", "Company Limited", "Co. Ltd", "co ltd"]}
ISO3 = list(COUNTRIES)


def pick(rng: np.random.Generator, options, n: int) -> np.ndarray:
    """n uniform draws from `options` as an object array."""
    values = np.asarray(options, dtype=object)
    return values[rng.integers(0, len(values), n)]


def _typo(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    """One edit per name: drop, double or swap a letter, or shout the whole name."""
    out = names.copy()
    kinds = rng.integers(0, 4, len(names))
    spots = rng.random(len(names))
    for i, (name, kind, spot) in enumerate(zip(names, kinds, spots, strict=True)):
        at = 1 + int(spot * (len(name) - 2))
        if kind == 0:
            out[i] = name[:at] + name[at + 1:]
        elif kind == 1:
            out[i] = name[:at] + name[at] + name[at:]
        elif kind == 2:
            out[i] = name[:at - 1] + name[at] + name[at - 1] + name[at + 1:]
        else:
            out[i] = name.upper()
    return out


def _listed_variants(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n listed company names with formatting changes, and their countries (ISO3, CHN default)."""
    table = pd.read_csv(REFERENCE / "entities.csv", dtype=str, keep_default_na=False)
    table = table[table["entity_kind"] == "company"]
    rows = table.iloc[rng.integers(0, len(table), n)]
    names = rows["name"].to_numpy(dtype=object).copy()
    style = rng.integers(0, 4, n)
    for i, name in enumerate(names):
        for legal, variants in LISTED_LEGAL.items():
            if name.endswith(legal) and style[i] < 2:
                name = name[: -len(legal)] + variants[int(rng.integers(0, len(variants)))]
        if style[i] == 1 or style[i] == 3:
            name = name.upper()
        if style[i] == 2:
            name = name.replace(",", "").replace(".", "")
        names[i] = name
    countries = rows["country_iso3"].replace("", "CHN").to_numpy(dtype=object)
    return names, countries


def make_suppliers(rng: np.random.Generator, n: int) -> tuple[pd.DataFrame, dict]:
    """Supplier master rows (good rows first, bad rows appended) and what was planted."""
    n_bad = round(n * SHARES["bad_supplier"])
    n_good = n - n_bad
    weights = np.array([c[0] for c in COUNTRIES.values()], dtype=float)
    iso_idx = rng.choice(len(ISO3), n_good, p=weights / weights.sum())
    iso = np.asarray(ISO3, dtype=object)[iso_idx]
    names = np.empty(n_good, dtype=object)
    spelled = np.empty(n_good, dtype=object)
    sectors = np.empty(n_good, dtype=object)
    places = np.empty(n_good, dtype=object)
    for k, code in enumerate(ISO3):
        rows = np.flatnonzero(iso_idx == k)
        if not len(rows):
            continue
        _, spellings, style, towns, sector_names = COUNTRIES[code]
        patterns, legals = STYLES[style]
        m = len(rows)
        sector = pick(rng, sector_names, m)
        place = pick(rng, towns, m)
        brand = pick(rng, BRANDS[style], m)
        second = pick(rng, ["", "", "", " Xin", " Hua", " Star", " Golden", " New"], m)
        legal = pick(rng, legals, m)
        pattern = pick(rng, patterns, m)
        words = [pick(rng, SECTORS[s][0], 1)[0] for s in sector]
        names[rows] = [p.format(place=pl, brand=b + s2, ind=w, legal=lg).strip()
                       for p, pl, b, s2, w, lg in zip(pattern, place, brand, second, words, legal,
                                                      strict=True)]
        spelled[rows] = pick(rng, spellings, m)
        sectors[rows] = sector
        places[rows] = place
    typo = rng.random(n_good) < SHARES["supplier_typo"]
    names[typo] = _typo(rng, names[typo])
    n_listed = max(1, round(n_good * SHARES["listed_supplier"]))
    listed = rng.choice(n_good, n_listed, replace=False)
    names[listed], listed_iso = _listed_variants(rng, n_listed)
    iso[listed] = listed_iso
    spelled[listed] = [pick(rng, COUNTRIES[c][1], 1)[0] if c in COUNTRIES else c for c in listed_iso]
    blank = rng.random(n_good) < SHARES["blank_supplier_country"]
    spelled[blank] = ""
    numbers = rng.choice(9_000_000, n_good, replace=False) + 1_000_000
    ids = pd.Series(numbers).map("V-{}".format).to_numpy(dtype=object)
    street = rng.integers(1, 999, n_good).astype(str)
    frame = pd.DataFrame({
        "Vendor ID": ids, "Supplier Name": names, "Country": spelled,
        "Address": "No. " + pd.Series(street) + " Industrial Rd, " + pd.Series(places),
        "Sector": sectors,
    })
    bad = frame.iloc[rng.integers(0, n_good, n_bad)].reset_index(drop=True)
    kinds = np.asarray(BAD_SUPPLIER_KINDS, dtype=object)[np.arange(n_bad) % len(BAD_SUPPLIER_KINDS)]
    bad.loc[kinds == "blank_id", "Vendor ID"] = ""
    bad.loc[kinds == "blank_name", "Supplier Name"] = ""
    unnamed = kinds == "blank_name"
    bad.loc[unnamed, "Vendor ID"] = [f"V-0{i:06d}" for i in range(unnamed.sum())]
    bad.loc[kinds == "duplicate_id", "Supplier Name"] += " (old record)"
    meta = {"iso3": iso, "sector": sectors, "listed": listed}
    truth = {"suppliers": n, "bad_suppliers": n_bad, "listed_suppliers": n_listed,
             "listed_names": sorted(set(names[listed].tolist())),
             "blank_supplier_country": int(blank.sum()), "supplier_typos": int(typo.sum())}
    return pd.concat([frame, bad], ignore_index=True), {**meta, "ids": ids, "truth": truth}
