"""Two yardsticks for the pipeline's time, measured on the same inputs.

- I/O floor: read the inputs with pyarrow and write an equal-size Parquet output; no
  pipeline can be faster than this.
- Naive: what a first script would do, one row at a time with `DataFrame.apply` and
  rapidfuzz `process.extractOne` against the commodity names and the entity-list names,
  timed on a sample and extrapolated to all lines.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from rapidfuzz import fuzz, process

from tasks import countries
from tasks.commodities import CommodityTaxonomy
from tasks.paths import DATA


def io_floor(suppliers_path: Path, sourcing_path: Path) -> float:
    """Seconds to read both inputs and write them back as one Parquet file each."""
    started = time.perf_counter()
    suppliers = pacsv.read_csv(suppliers_path)
    lines = pq.read_table(sourcing_path)
    with tempfile.TemporaryDirectory() as tmp:
        pq.write_table(lines, Path(tmp) / "lines.parquet", compression="zstd")
        pq.write_table(suppliers, Path(tmp) / "suppliers.parquet", compression="zstd")
    return time.perf_counter() - started


def _choices() -> tuple[list[str], list[str], dict[tuple[str, str], str]]:
    taxonomy = CommodityTaxonomy.load()
    names = [n for col in ("ilab_names", "synonyms") for cell in taxonomy.table[col]
             for n in cell.split("|") if n]
    entities = pd.read_csv(DATA / "reference" / "derived" / "entities.csv", dtype=str, keep_default_na=False)
    listed = entities["name"].tolist() + [a for cell in entities["aliases"] for a in cell.split("|") if a]
    goods = pd.read_csv(DATA / "reference" / "derived" / "ilab_goods.csv", dtype=str, keep_default_na=False)
    pairs = {(g.casefold(), c): "listed" for g, c in zip(goods["good"], goods["country_iso3"], strict=True)}
    return names, listed, pairs


def naive(suppliers_path: Path, sourcing_path: Path, sample: int = 2000, seed: int = 1) -> dict:
    """Per-row screening of `sample` lines; returns its seconds and the extrapolation."""
    suppliers = pd.read_csv(suppliers_path, dtype=str, keep_default_na=False)
    lines = pd.read_parquet(sourcing_path)
    rows = lines.sample(min(sample, len(lines)), random_state=seed)
    names, listed, pairs = _choices()
    supplier_name = dict(zip(suppliers["Vendor ID"], suppliers["Supplier Name"], strict=False))

    def screen(row: pd.Series) -> pd.Series:
        good = process.extractOne(row["Item Description"] or "", names, scorer=fuzz.WRatio, score_cutoff=85)
        entity = process.extractOne(supplier_name.get(row["Vendor ID"], ""), listed, scorer=fuzz.WRatio,
                                    score_cutoff=90)
        country = countries.resolve(row["Country of Origin"])
        hit = good is not None and (good[0].casefold(), country) in pairs
        return pd.Series({"good": good and good[0], "entity": entity and entity[0], "country": country,
                          "listed": hit})

    started = time.perf_counter()
    rows.apply(screen, axis=1)
    seconds = time.perf_counter() - started
    return {"naive_sample_rows": len(rows), "naive_sample_seconds": seconds,
            "naive_extrapolated_seconds": seconds / len(rows) * len(lines)}
