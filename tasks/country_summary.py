"""Per origin country: TIP tier, the goods listed for it, and the exposure screened there."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tasks.reference.store import ReferenceSet
from tasks.rollup import exposure_share
from tasks.score import bands
from tasks.scoring_config import ScoringConfig

LABOUR_TYPES = {"forced_labor": "FL", "forced_child_labor": "FCL", "child_labor": "CL",
                "derived": "made with listed inputs"}


def listed_goods(reference: ReferenceSet) -> pd.Series:
    """country_iso3 -> sorted ["Cocoa (FL, FCL, CL)", ...] from the ILAB TVPRA edition in use."""
    goods = reference.ilab_goods.dropna(subset=["country_iso3"])
    marks = pd.Series("", index=goods.index)
    for column, short in LABOUR_TYPES.items():
        marks = marks.str.cat(np.where(goods[column].astype(bool), short, ""), sep=", ")
    marks = marks.str.strip(", ").str.replace(r"(, )+", ", ", regex=True)
    labelled = goods["good"] + np.where(marks != "", " (" + marks + ")", "")
    return labelled.groupby(goods["country_iso3"]).agg(lambda s: sorted(set(s)))


def country_summary(lines: pd.DataFrame, reference: ReferenceSet, pairs: pd.DataFrame,
                    config: ScoringConfig) -> pd.DataFrame:
    """One row per origin country of the screened lines (lines of unknown origin left out).

    `pairs` is `match.pair_indicators`: its ILAB TVPRA rows say which goods are listed where.
    """
    known = lines[lines["country_iso3"].notna()]
    grouped = known.groupby("country_iso3", sort=False)
    out = grouped.agg(
        country_name=("country_name", "first"),
        lines=("score", "size"),
        suppliers=("supplier_id", "nunique"),
        commodities=("commodity_id", "nunique"),
        total_value_usd=("value_usd", lambda s: s.sum(min_count=1)),
        max_score=("score", "max"),
        mean_score=("score", "mean"),
        lines_high_or_critical=("band", lambda s: int(s.isin(["high", "critical"]).sum())),
    ).reset_index()
    tip = reference.tip.set_index("country_iso3")
    out["tip_tier"] = out["country_iso3"].map(tip["tier"]).astype("string")
    out["tip_report_year"] = out["country_iso3"].map(tip["report_year"]).astype("Int32")
    listed = listed_goods(reference).to_dict()
    out["listed_goods"] = [listed.get(c, []) for c in out["country_iso3"]]
    sourced = known.groupby("country_iso3")["commodity_id"].agg(lambda s: set(s.dropna()))
    tvpra = pairs[pairs["source"] == "ilab_tvpra"]
    listed_ids = tvpra.groupby("country_iso3")["commodity_id"].agg(set).to_dict()
    out["listed_goods_sourced"] = [sorted(set(sourced.get(c, ())) & set(listed_ids.get(c, ())))
                                   for c in out["country_iso3"]]
    out["band"] = bands(out["max_score"], config)
    out["exposure_share"] = exposure_share(out["total_value_usd"], out["lines"])
    out["priority"] = out["mean_score"] / 100 * out["exposure_share"]
    out = out.sort_values(["priority", "max_score", "country_iso3"], ascending=[False, False, True])
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)
