"""Synthetic purchase-order lines: buyer-style descriptions, ERP HS formats, messy origins.

Every column is built by indexing small lookup tables with numpy draws, so a million lines
cost a few array operations. A share of lines name an ILAB good from a country it is listed
for (data/reference/derived/ilab_goods.csv); a few rows carry one deliberate problem each.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from benchmarks.vocab import COUNTRIES, PRODUCTS, SECTORS, SHARES
from tasks.commodities import CommodityTaxonomy
from tasks.paths import DATA

BAD_LINE_KINDS = ["blank_vendor", "unknown_vendor", "bad_hs", "negative_qty", "no_commodity",
                  "duplicate_id", "bad_date", "negative_value"]
ORDER_SIZES = np.array([1, 1, 2, 2, 3, 4, 5])
FY_START = dt.date(2025, 10, 1)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%b-%Y")
HTS_SUFFIXES = ("0000", "0010", "1000", "2000")


def _formats(hs6: list[str | None]) -> np.ndarray:
    """(n, 3) object array: 1801.00, 180100 and HTS 1801.00.0000 forms (None without a code)."""
    out = np.full((len(hs6), 3), None, dtype=object)
    for i, code in enumerate(hs6):
        if isinstance(code, str):
            out[i] = (f"{code[:4]}.{code[4:]}", code,
                      f"{code[:4]}.{code[4:]}.{HTS_SUFFIXES[i % len(HTS_SUFFIXES)]}")
    return out


def _products() -> dict[str, np.ndarray]:
    """Flat variant table plus per-product offsets into it."""
    rows = [(key, desc, hs, unit, *qty, *price)
            for key, (unit, qty, price, variants) in PRODUCTS.items() for desc, hs in variants]
    table = pd.DataFrame(rows, columns=["key", "desc", "hs6", "unit", "qlo", "qhi", "plo", "phi"])
    keys = list(PRODUCTS)
    counts = table.groupby("key", sort=False).size().reindex(keys).to_numpy()
    return {"keys": np.asarray(keys, dtype=object), "counts": counts,
            "offsets": np.concatenate([[0], np.cumsum(counts)[:-1]]),
            "desc": table["desc"].to_numpy(dtype=object), "hs": _formats(table["hs6"].tolist()),
            "unit": table["unit"].to_numpy(dtype=object),
            "qty": table[["qlo", "qhi"]].to_numpy(float), "price": table[["plo", "phi"]].to_numpy(float)}


def _spelling_table(iso_codes: list[str], width: int = 6) -> np.ndarray:
    """(n, width) spellings per ISO3, cycled to a fixed width (the code itself if unknown)."""
    out = np.empty((len(iso_codes), width), dtype=object)
    for i, code in enumerate(iso_codes):
        names = COUNTRIES[code][1] if code in COUNTRIES else [code]
        out[i] = [names[j % len(names)] for j in range(width)]
    return out


def _ilab_table() -> pd.DataFrame:
    """ILAB 2022 goods x countries with buyer-style descriptions and an HS6 where one is known."""
    goods = pd.read_csv(DATA / "reference" / "derived" / "ilab_goods.csv", dtype=str, keep_default_na=False)
    goods = goods[(goods["edition"] == goods["edition"].max()) & (goods["country_iso3"] != "")]
    taxonomy = CommodityTaxonomy.load()
    ids = goods["good"].map(taxonomy.ilab_names())
    first_prefix = {row.commodity_id: row.hs_prefixes.split("|")[0]
                    for row in taxonomy.table.itertuples() if row.hs_prefixes}
    hs6 = ids.map(first_prefix).fillna("").map(lambda p: (p + "000000")[:6] if p else None)
    good = goods["good"]
    return pd.DataFrame({
        "v0": good, "v1": good.str.lower(), "v2": good.str.upper(),
        "v3": good + ", bulk", "v4": good.str.lower() + " - export grade",
        "hs6": hs6.to_numpy(), "iso3": goods["country_iso3"], "country": goods["country"],
    }).reset_index(drop=True)


def make_lines(rng: np.random.Generator, n: int, suppliers: dict) -> tuple[pd.DataFrame, dict]:
    """n sourcing lines for the good suppliers described by `suppliers` (ids, iso3, sector, listed)."""
    products = _products()
    n_orders = n // 2 + 10
    sizes = ORDER_SIZES[rng.integers(0, len(ORDER_SIZES), n_orders)]
    order = np.repeat(np.arange(n_orders), sizes)[:n]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    number = (np.arange(n) - starts[order] + 1) * 10
    po = 4_500_000 + np.cumsum(rng.integers(1, 10, n_orders))
    line_id = np.array([f"PO-{a}-{b}" for a, b in zip(po[order].tolist(), number.tolist(), strict=True)],
                       dtype=object)

    n_sup = len(suppliers["ids"])
    weights = rng.lognormal(0.0, 1.0, n_sup)
    who = rng.choice(n_sup, n_orders, p=weights / weights.sum())[order]
    vendor = suppliers["ids"][who]

    sector_names = list(SECTORS)
    width = max(len(v[1]) for v in SECTORS.values())
    key_index = {k: i for i, k in enumerate(products["keys"])}
    sector_products = np.array([[key_index[p[j % len(p)]] for j in range(width)]
                                for _, p in SECTORS.values()])
    sector_count = np.array([len(p) for _, p in SECTORS.values()])
    sector = pd.Series(suppliers["sector"]).map({s: i for i, s in enumerate(sector_names)}).to_numpy()[who]
    product = sector_products[sector, (rng.random(n) * sector_count[sector]).astype(int)]
    variant = products["offsets"][product] + (rng.random(n) * products["counts"][product]).astype(int)

    desc = products["desc"][variant].copy()
    shout = rng.random(n) < 0.08
    desc[shout] = pd.Series(desc[shout]).str.upper().to_numpy(dtype=object)
    hs_all = products["hs"][variant, rng.choice(3, n, p=[0.5, 0.3, 0.2])]
    hs = np.where(rng.random(n) < SHARES["with_hs"], hs_all, None)
    hs_only = (rng.random(n) < SHARES["hs_only"]) & pd.notna(hs_all)
    hs[hs_only], desc[hs_only] = hs_all[hs_only], None

    iso_codes = sorted(set(COUNTRIES) | set(suppliers["iso3"]))
    iso_pos = {c: i for i, c in enumerate(iso_codes)}
    spell = _spelling_table(iso_codes)
    home = pd.Series(suppliers["iso3"]).map(iso_pos).to_numpy()[who]
    elsewhere = rng.random(n) < 0.08
    origin_iso = np.where(elsewhere, rng.integers(0, len(iso_codes), n), home)
    origin = spell[origin_iso, rng.integers(0, spell.shape[1], n)]
    blank_origin = rng.random(n) < SHARES["blank_origin"]
    origin[blank_origin] = None

    unit = products["unit"][variant].copy()
    lo, hi = products["qty"][variant].T
    qty = np.floor(lo + rng.random(n) * (hi - lo + 1))
    plo, phi = products["price"][variant].T
    value = np.round(qty * (plo + rng.random(n) * (phi - plo)), 2)

    ilab = rng.random(n) < SHARES["ilab_line"]
    table = _ilab_table()
    rows = rng.integers(0, len(table), int(ilab.sum()))
    names = table[["v0", "v1", "v2", "v3", "v4"]].to_numpy(dtype=object)
    desc[ilab] = names[rows, rng.integers(0, 5, len(rows))]
    ilab_hs = table["hs6"].to_numpy(dtype=object)[rows]
    with_code = (rng.random(len(rows)) < 0.3) & pd.notna(ilab_hs)
    hs[ilab] = np.where(with_code, ilab_hs, None)
    ilab_spell = _spelling_table(table["iso3"].tolist())
    ilab_spell[:, 0] = table["country"].to_numpy(dtype=object)  # as ILAB writes it
    origin[ilab] = ilab_spell[rows, rng.integers(0, ilab_spell.shape[1], len(rows))]
    unit[ilab] = "KG"
    qty[ilab] = np.floor(100 + rng.random(len(rows)) * 20_000)
    value[ilab] = np.round(qty[ilab] * (0.5 + rng.random(len(rows)) * 50), 2)

    days = [FY_START + dt.timedelta(days=d) for d in range(365)]
    date_table = np.array([[d.strftime(f) for f in DATE_FORMATS] for d in days], dtype=object)
    ship = date_table[rng.integers(0, 365, n), rng.choice(3, n, p=[0.8, 0.15, 0.05])]

    columns = {
        "PO Line": line_id, "Vendor ID": vendor.copy(), "Item Description": desc, "HS Code": hs,
        "Country of Origin": origin, "Qty": qty, "UoM": unit, "Value (USD)": value, "Ship Date": ship,
    }
    bad = _break_rows(rng, columns, round(n * SHARES["bad_line"]))
    frame = pd.DataFrame(columns)
    truth = {
        "lines": n, "bad_lines": len(bad), "ilab_lines": int(ilab.sum()),
        "hs_only_lines": int((hs_only & ~ilab).sum()),
        "blank_origin_lines": int((blank_origin & ~ilab).sum()),
        "listed_supplier_lines": int(np.isin(who, suppliers["listed"]).sum()),
        "bad_line_kinds": {k: int((bad == k).sum()) for k in BAD_LINE_KINDS},
    }
    return frame, truth


def _break_rows(rng: np.random.Generator, columns: dict[str, np.ndarray], count: int) -> np.ndarray:
    """Give `count` odd-numbered rows one problem each (odd, so a copied id's row stays good)."""
    n = len(columns["PO Line"])
    count = min(count, n // 2)
    rows = 2 * rng.choice(n // 2, count, replace=False) + 1
    kinds = np.asarray(BAD_LINE_KINDS, dtype=object)[np.arange(count) % len(BAD_LINE_KINDS)]
    at = {kind: rows[kinds == kind] for kind in BAD_LINE_KINDS}
    columns["Vendor ID"][at["blank_vendor"]] = ""
    unknown = at["unknown_vendor"]
    columns["Vendor ID"][unknown] = ["V-O" + v[3:] for v in columns["Vendor ID"][unknown]]
    columns["HS Code"][at["bad_hs"]] = "ABC"
    columns["Qty"][at["negative_qty"]] = -np.abs(columns["Qty"][at["negative_qty"]]) - 1
    columns["Item Description"][at["no_commodity"]] = None
    columns["HS Code"][at["no_commodity"]] = None
    columns["PO Line"][at["duplicate_id"]] = columns["PO Line"][at["duplicate_id"] - 1]
    columns["Ship Date"][at["bad_date"]] = "31/02/2026"
    columns["Value (USD)"][at["negative_value"]] = -np.abs(columns["Value (USD)"][at["negative_value"]]) - 1
    return kinds
