"""Match lines to risk indicators: ILAB goods and EO 13126 by (commodity, country), TIP by country.

The result is long: one row per (line, indicator) with its source list, edition,
weight and a sentence saying why. Scores are sums over it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tasks.commodities import CommodityTaxonomy
from tasks.reference.store import ReferenceSet
from tasks.scoring_config import ScoringConfig

EVIDENCE_COLUMNS = ["pos", "indicator", "source", "edition", "weight", "detail"]
ILAB_FLAGS = {
    "forced_labor": ("ilab_forced_labor", "forced labor"),
    "forced_child_labor": ("ilab_forced_child_labor", "forced child labor"),
    "child_labor": ("ilab_child_labor", "child labor"),
}
TIP_INDICATORS = {
    "Tier 1": "tip_tier_1",
    "Tier 2": "tip_tier_2",
    "Tier 2 Watch List": "tip_tier_2_watch_list",
    "Tier 3": "tip_tier_3",
    "Special Case": "tip_special_case",
}


def pair_indicators(reference: ReferenceSet, taxonomy: CommodityTaxonomy) -> pd.DataFrame:
    """Indicators keyed by (commodity_id, country_iso3) from the goods lists."""
    goods = reference.ilab_goods.copy()
    goods["commodity_id"] = goods["good"].map(taxonomy.id_for_ilab_name)
    parts = []
    for flag, (indicator, words) in ILAB_FLAGS.items():
        hits = goods[goods[flag].astype(bool)]
        parts.append(_rows(hits, indicator, "ilab_tvpra",
                           'ILAB TVPRA list ' + hits["edition"] + ': "' + hits["good"]
                           + '" from ' + hits["country"] + f" ({words})"))
    derived = goods[goods["derived"].astype(bool)]
    inputs_from = derived["derived_country_iso3"].fillna("an unnamed country")
    parts.append(_rows(derived, "ilab_derived", "ilab_tvpra",
                       'ILAB TVPRA list ' + derived["edition"] + ': "' + derived["good"]
                       + '" from ' + derived["country"] + " is made with inputs listed for "
                       + inputs_from))
    eo = reference.eo13126.copy()
    eo["commodity_id"] = eo["good"].map(taxonomy.id_for_ilab_name)
    parts.append(_rows(eo, "eo13126", "ilab_eo13126",
                       "EO 13126 list " + eo["edition"] + ': "' + eo["good"] + '" from '
                       + eo["country"]))
    table = pd.concat(parts, ignore_index=True)
    return table.dropna(subset=["country_iso3"]).drop_duplicates(
        ["commodity_id", "country_iso3", "indicator"])


def _rows(frame: pd.DataFrame, indicator: str, source: str, detail: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({
        "commodity_id": frame["commodity_id"].astype("string"),
        "country_iso3": frame["country_iso3"].astype("string"),
        "indicator": indicator,
        "source": source,
        "edition": frame["edition"].astype("string"),
        "detail": detail.astype("string"),
    })


def evidence(lines: pd.DataFrame, pairs: pd.DataFrame, reference: ReferenceSet,
             config: ScoringConfig, supplier_evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long evidence table for `lines` (row positions in `pos`).

    `supplier_evidence` (supplier_id, indicator, source, edition, detail) holds facts about
    suppliers, such as entity-list hits or a Xinjiang address; they apply to every line.
    """
    keys = pd.DataFrame({
        "pos": range(len(lines)),
        "commodity_id": lines["commodity_id"].to_numpy(),
        "country_iso3": lines["country_iso3"].to_numpy(),
    })
    listed = keys.merge(pairs, on=["commodity_id", "country_iso3"], how="inner")
    parts = [listed[["pos", "indicator", "source", "edition", "detail"]],
             _tip(keys, reference.tip), _gaps(keys)]
    if supplier_evidence is not None and len(supplier_evidence):
        owners = pd.DataFrame({"pos": range(len(lines)), "supplier_id": lines["supplier_id"].to_numpy()})
        hits = owners.merge(supplier_evidence, on="supplier_id")
        parts.append(hits[["pos", "indicator", "source", "edition", "detail"]])
    table = pd.concat(parts, ignore_index=True)
    # Weights and sort ranks per distinct indicator, spread by code.
    indicator_rank, indicators = pd.factorize(table["indicator"], sort=True)
    weights = [config.indicators[i].weight if i in config.indicators else np.nan for i in indicators]
    table["weight"] = np.append(np.asarray(weights, dtype="float64"), np.nan)[indicator_rank]
    unknown = table["weight"].isna()
    if unknown.any():
        names = sorted(table.loc[unknown, "indicator"].unique())
        raise ValueError(f"no weight in the scoring config for {names}")
    # Stable sort by pos, weight descending, indicator: np.lexsort on codes beats sort_values.
    order = np.lexsort((indicator_rank, -table["weight"].to_numpy(), table["pos"].to_numpy()))
    return table[EVIDENCE_COLUMNS].take(order).reset_index(drop=True)


def _tip(keys: pd.DataFrame, tip: pd.DataFrame) -> pd.DataFrame:
    known = keys.dropna(subset=["country_iso3"])[["pos", "country_iso3"]]
    # Rows are built once per country, then joined to the lines.
    rated = pd.DataFrame({"country_iso3": known["country_iso3"].unique()}).merge(
        tip, on="country_iso3", how="left")
    year = rated["report_year"].astype("Int64").astype("string")
    out = pd.DataFrame({
        "country_iso3": rated["country_iso3"],
        "indicator": rated["tier"].map(TIP_INDICATORS).fillna("tip_not_rated"),
        "source": "tip",
        "edition": year,
        "detail": (rated["country_iso3"] + " is " + rated["tier"] + " in the " + year
                   + " TIP Report (latest known placement)"),
    })
    unrated = rated["tier"].isna()
    out.loc[unrated, "detail"] = rated.loc[unrated, "country_iso3"] + " has no TIP Report placement"
    unexpected = rated["tier"].notna() & ~rated["tier"].isin(list(TIP_INDICATORS))
    if unexpected.any():
        tiers = sorted(rated.loc[unexpected, "tier"].unique())
        raise ValueError(f"unknown TIP tiers in reference data: {tiers}")
    return known.merge(out, on="country_iso3", how="left").drop(columns="country_iso3")


def _gaps(keys: pd.DataFrame) -> pd.DataFrame:
    no_country = keys[keys["country_iso3"].isna()]
    no_commodity = keys[keys["commodity_id"].isna()]
    return pd.concat([
        pd.DataFrame({"pos": no_country["pos"], "indicator": "country_unknown", "source": None,
                      "edition": None,
                      "detail": "origin country missing or unresolved on the line and the supplier"}),
        pd.DataFrame({"pos": no_commodity["pos"], "indicator": "commodity_unmapped",
                      "source": None, "edition": None,
                      "detail": "commodity description and HS code map to no known commodity"}),
    ], ignore_index=True)
