"""Additive scores from the evidence table, and bands from the config's cut-offs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from schemas.contract import BANDS, EVIDENCE_TYPE
from tasks.scoring_config import ScoringConfig


def line_scores(evidence: pd.DataFrame, n_lines: int, config: ScoringConfig) -> pd.Series:
    """Score of each line position: weights summed and capped per group, then overall."""
    groups = evidence["indicator"].map({n: s.group for n, s in config.indicators.items()})
    caps = groups.map(config.group_caps()).astype("float64")
    per_group = (evidence.assign(group=groups, cap=caps)
                 .groupby(["pos", "group"], sort=False).agg(weight=("weight", "sum"), cap=("cap", "first")))
    capped = np.minimum(per_group["weight"], per_group["cap"]).groupby(level="pos").sum()
    totals = np.zeros(n_lines, dtype="float64")
    totals[capped.index.to_numpy()] = capped.to_numpy()
    return pd.Series(np.minimum(totals, config.cap), name="score")


def bands(scores: pd.Series, config: ScoringConfig) -> pd.Series:
    """Band name per score; null scores give null bands."""
    codes = np.digitize(scores.fillna(-1).to_numpy(), config.band_edges())
    out = pd.Series(np.asarray(BANDS, dtype=object)[codes], index=scores.index, dtype="string")
    return out.mask(scores.isna())


def evidence_lists(evidence: pd.DataFrame, n_lines: int) -> pa.ListArray:
    """Per line position, its evidence rows as a list of structs (the `indicators` column)."""
    ordered = evidence.sort_values("pos", kind="stable")
    counts = np.bincount(ordered["pos"].to_numpy(), minlength=n_lines)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype("int32")
    item_type = EVIDENCE_TYPE.value_type
    structs = pa.StructArray.from_arrays(
        [pa.array(ordered[f.name], type=f.type, from_pandas=True) for f in item_type],
        fields=list(item_type),
    )
    return pa.ListArray.from_arrays(pa.array(offsets), structs, type=EVIDENCE_TYPE)
