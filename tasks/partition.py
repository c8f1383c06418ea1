"""Split sourcing lines into country blocks for parallel screening, and put the parts back.

Lines are grouped by their supplier's country (lines of one supplier stay together) and the
countries are packed into `n` blocks of similar size, largest first. `combine` restores the
input order and re-numbers the evidence, so the result does not depend on `n`.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from tasks import match, normalize, outputs
from tasks.commodities import CommodityTaxonomy
from tasks.reference.store import ReferenceSet
from tasks.scoring_config import ScoringConfig

ORDER = "_order"
LISTS = ("ilab_tvpra", "ilab_eo13126", "tip", "uflpa", "wro")
GOODS_LISTS = ("ilab_tvpra", "ilab_eo13126", "tip")


def check_lists(lists: list[str] | None) -> list[str]:
    """The lists to screen against, in canonical order; all when None."""
    if lists is None:
        return list(LISTS)
    unknown = sorted(set(lists) - set(LISTS))
    if unknown or not lists:
        raise ValueError(f"unknown or no lists {unknown}; choose from {list(LISTS)}")
    return [name for name in LISTS if name in lists]


def split(lines: pd.DataFrame, suppliers: pd.DataFrame, n: int) -> list[pd.DataFrame]:
    """At most `n` non-empty blocks of `lines`, each a set of whole supplier countries."""
    if n < 1:
        raise ValueError(f"partitions must be at least 1, got {n}")
    lines = lines.assign(**{ORDER: np.arange(len(lines))})
    if n == 1 or len(lines) == 0:
        return [lines]
    country = lines["supplier_id"].map(
        suppliers.drop_duplicates("supplier_id").set_index("supplier_id")["country_iso3"]
    ).astype("string").fillna("?")
    sizes = country.value_counts()
    blocks: list[tuple[int, int]] = [(0, i) for i in range(n)]  # (lines, block)
    block_of = {}
    for key, size in sizes.sort_values(ascending=False, kind="stable").items():
        load, block = heapq.heappop(blocks)
        block_of[key] = block
        heapq.heappush(blocks, (load + int(size), block))
    assignment = country.map(block_of).to_numpy()
    return [lines[assignment == b] for b in range(n) if (assignment == b).any()]


def screen_block(block: pd.DataFrame, suppliers: pd.DataFrame, supplier_evidence: pd.DataFrame,
                 reference: ReferenceSet, taxonomy: CommodityTaxonomy, pairs: pd.DataFrame,
                 config: ScoringConfig, source_file: str,
                 lists: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalise, match and score one block: (scored lines, evidence with block positions).

    `pairs` is `match.pair_indicators` (computed once per run). Evidence from goods lists left
    out of `lists` is dropped before scoring.
    """
    lines = normalize.lines(block, suppliers, taxonomy)
    evidence = match.evidence(lines, pairs, reference, config, supplier_evidence)
    dropped = [name for name in GOODS_LISTS if name not in check_lists(lists)]
    if dropped:
        evidence = evidence[~evidence["source"].isin(dropped)].reset_index(drop=True)
    scored, _ = outputs.scored_lines(lines, evidence, reference.tip, config, source_file)
    return scored, evidence


def combine(parts: list[tuple[pd.DataFrame, pd.DataFrame]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scored lines in input order, and their evidence with positions in that order."""
    evidence_parts = []
    for lines, evidence in parts:
        order = lines[ORDER].to_numpy()
        evidence_parts.append(evidence.assign(pos=order[evidence["pos"].to_numpy()]))
    lines = pd.concat([p[0] for p in parts], ignore_index=True).sort_values(ORDER, kind="stable")
    evidence = pd.concat(evidence_parts, ignore_index=True)
    evidence = evidence.sort_values(["pos", "weight", "indicator"], ascending=[True, False, True],
                                    kind="stable").reset_index(drop=True)
    return lines.drop(columns=ORDER).reset_index(drop=True), evidence
