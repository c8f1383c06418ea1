"""Roll scored lines up to suppliers and to (country, commodity) hotspots.

Rankings for prevention programming weigh risk by exposure: `priority` is the score (0-1)
times the pair's share of the screened value (or of the lines, where values are missing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tasks.score import bands, line_scores
from tasks.scoring_config import ScoringConfig

TOP_DRIVERS = 3


def supplier_risk(suppliers: pd.DataFrame, lines: pd.DataFrame, evidence: pd.DataFrame,
                  config: ScoringConfig, supplier_evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per supplier; a supplier without lines is scored on its own evidence, else null."""
    value = lines["value_usd"]
    has_value = value.notna() & value.gt(0)
    per_line = pd.DataFrame({
        "supplier_id": lines["supplier_id"].to_numpy(),
        "score": lines["score"].to_numpy(),
        "value": value.fillna(0).to_numpy(),
        "weighted": (lines["score"] * value).where(has_value, 0).to_numpy(),
        "valued": has_value.to_numpy(),
        "valued_value": value.where(has_value, 0).to_numpy(),
        "commodity_id": lines["commodity_id"].to_numpy(),
    })
    grouped = per_line.groupby("supplier_id", sort=False)
    stats = pd.DataFrame({
        "lines": grouped.size(),
        "total_value_usd": grouped["value"].sum(),
        "max_score": grouped["score"].max(),
        "mean_score": grouped["score"].mean(),
        "weighted_sum": grouped["weighted"].sum(),
        "valued_lines": grouped["valued"].sum(),
        "valued_total": grouped["valued_value"].sum(),
    })
    stats["value_weighted_score"] = np.where(
        stats["valued_lines"] > 0, stats["weighted_sum"] / stats["valued_total"].where(
            stats["valued_total"] > 0), stats["mean_score"])
    pairs = per_line[["supplier_id", "commodity_id"]].dropna().drop_duplicates()
    pairs = pairs.sort_values(["supplier_id", "commodity_id"])
    stats["commodities"] = _lists(pairs["supplier_id"].to_numpy(), pairs["commodity_id"].to_numpy())
    stats["top_drivers"] = _top_drivers(lines["supplier_id"], evidence)

    out = suppliers.rename(columns={"_row": "source_row"}).merge(
        stats, left_on="supplier_id", right_index=True, how="left")
    out["lines"] = out["lines"].fillna(0).astype("int64")
    out["total_value_usd"] = out["total_value_usd"].where(out["lines"] > 0)
    own = _own_evidence(out["supplier_id"], supplier_evidence, config)
    out["supplier_score"] = own["score"].to_numpy()
    out["supplier_indicators"] = own["entries"].to_numpy()
    out["max_score"] = out["max_score"].fillna(out["supplier_score"])
    out["band"] = bands(out["max_score"], config)
    for column in ("top_drivers", "commodities"):
        out[column] = out[column].map(lambda v: v if isinstance(v, list) else [])
    return out


def _own_evidence(supplier_ids: pd.Series, supplier_evidence: pd.DataFrame | None,
                  config: ScoringConfig) -> pd.DataFrame:
    """Per supplier: the score of its supplier-level evidence (null if none) and the entries."""
    n = len(supplier_ids)
    if supplier_evidence is None or not len(supplier_evidence):
        return pd.DataFrame({"score": np.full(n, np.nan), "entries": [[] for _ in range(n)]})
    position = pd.Series(np.arange(n), index=supplier_ids.to_numpy())
    own = supplier_evidence[supplier_evidence["supplier_id"].isin(position.index)].copy()
    own["pos"] = own["supplier_id"].map(position).astype("int64")
    own["weight"] = own["indicator"].map({k: v.weight for k, v in config.indicators.items()})
    scores = line_scores(own, n, config).where(np.bincount(own["pos"], minlength=n) > 0)
    fields = ["indicator", "source", "edition", "weight", "detail"]
    entries = [[] for _ in range(n)]
    for row in own.sort_values(["pos", "weight"], ascending=[True, False]).itertuples(index=False):
        entries[row.pos].append({f: _plain(getattr(row, f)) for f in fields})
    return pd.DataFrame({"score": scores.to_numpy(), "entries": entries})


def _plain(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _top_drivers(supplier_ids: pd.Series, evidence: pd.DataFrame) -> pd.Series:
    fired = (evidence["weight"] > 0).to_numpy()
    weighted = evidence.loc[fired, ["indicator", "weight"]].assign(  # only the columns used
        supplier_id=supplier_ids.to_numpy()[evidence["pos"].to_numpy()[fired]])
    totals = (weighted.groupby(["supplier_id", "indicator"])["weight"].sum()
              .reset_index().sort_values(["supplier_id", "weight", "indicator"],
                                         ascending=[True, False, True]))
    top = totals.groupby("supplier_id", sort=False).head(TOP_DRIVERS)
    return _lists(top["supplier_id"].to_numpy(object), top["indicator"].to_numpy(object))


def _lists(keys: np.ndarray, values: np.ndarray) -> pd.Series:
    """The values of each run of equal keys as a list, indexed by key (keys sorted)."""
    if not len(keys):
        return pd.Series([], dtype=object)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]).tolist()
    items = values.tolist()
    bounds = zip(starts, [*starts[1:], len(items)], strict=True)
    return pd.Series([items[a:b] for a, b in bounds], index=keys[starts], dtype=object)


def hotspots(lines: pd.DataFrame, evidence: pd.DataFrame, config: ScoringConfig) -> pd.DataFrame:
    """Exposure and risk per (country, commodity); lines with either unknown are left out."""
    known = lines["country_iso3"].notna() & lines["commodity_id"].notna()
    keyed = lines.loc[known, ["country_iso3", "country_name", "commodity_id", "commodity_label",
                              "supplier_id", "value_usd", "score"]].copy()
    keyed["pos"] = np.flatnonzero(known.to_numpy())
    grouped = keyed.groupby(["country_iso3", "commodity_id"], sort=False)
    out = grouped.agg(
        country_name=("country_name", "first"),
        commodity_label=("commodity_label", "first"),
        lines=("pos", "size"),
        suppliers=("supplier_id", "nunique"),
        total_value_usd=("value_usd", lambda s: s.sum(min_count=1)),
        score=("score", "max"),
    ).reset_index()
    fired = evidence.loc[evidence["weight"] > 0, ["pos", "indicator"]].merge(
        keyed[["pos", "country_iso3", "commodity_id"]], on="pos")
    pair = ["country_iso3", "commodity_id"]
    distinct = fired[[*pair, "indicator"]].drop_duplicates().sort_values([*pair, "indicator"])
    names = distinct.drop_duplicates(pair)[pair]
    names["indicators"] = _lists(distinct.groupby(pair, sort=False).ngroup().to_numpy(),
                                 distinct["indicator"].to_numpy(object)).to_numpy()
    out = out.merge(names, on=pair, how="left")
    out["indicators"] = out["indicators"].map(lambda v: v if isinstance(v, list) else [])
    out["band"] = bands(out["score"], config)
    out["exposure_share"] = exposure_share(out["total_value_usd"], out["lines"])
    out["priority"] = out["score"] / 100 * out["exposure_share"]
    out = out.sort_values(["priority", "score", "lines", "country_iso3", "commodity_id"],
                          ascending=[False, False, False, True, True], na_position="last")
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)


def exposure_share(values: pd.Series, lines: pd.Series) -> pd.Series:
    """Share of the total value; where no value is known at all, share of the lines.

    A pair with lines but no value gets the value share of an average line, so missing
    values neither hide a pair nor inflate it.
    """
    total_lines = lines.sum()
    known_value = values.fillna(0).sum()
    if known_value <= 0 or total_lines == 0:
        return (lines / total_lines) if total_lines else lines * 0.0
    valued_lines = lines.where(values.notna(), 0).sum()
    per_line = known_value / valued_lines if valued_lines else 0.0
    filled = values.fillna(lines * per_line)
    return filled / filled.sum()
