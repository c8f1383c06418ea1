"""Precision and recall of the entity matcher on data/evaluation/entity_pairs.csv, with a baseline.

`python -m benchmarks.entity_eval` screens every pair's supplier name against the real lists.
A positive pair is found when its list entity is flagged (band match or review; the
"auto" columns count the match band only). A negative supplier flagged against any entity is
a false positive. Baseline: `fuzz.token_sort_ratio >= 85` (rapidfuzz default_process) against
every list name and alias. Figures per split (train / held-out test) and recall per kind.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from tasks import entity_config
from tasks.entity_match import build_index, list_names, match_suppliers
from tasks.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "data" / "evaluation" / "entity_pairs.csv"


def load_pairs(path: Path = PAIRS) -> pd.DataFrame:
    pairs = pd.read_csv(path, dtype=str, keep_default_na=False).replace("", pd.NA)
    pairs["label"] = pairs["label"].astype(int)
    return pairs


def project_hits(pairs: pd.DataFrame, entities: pd.DataFrame,
                 config: entity_config.EntityMatchConfig) -> pd.DataFrame:
    """(pair_id, list_entity_id, band) flagged by the project matcher."""
    suppliers = pd.DataFrame({"supplier_id": pairs["pair_id"], "name": pairs["supplier_name"],
                              "country_iso3": pairs["supplier_country_iso3"]})
    found = match_suppliers(suppliers, build_index(entities, config), config)
    return found.rename(columns={"supplier_id": "pair_id"})[["pair_id", "list_entity_id", "band"]]


def baseline_hits(pairs: pd.DataFrame, entities: pd.DataFrame,
                  config: entity_config.EntityMatchConfig, cutoff: float = 85) -> pd.DataFrame:
    names = list_names(entities, config)
    scores = process.cdist(pairs["supplier_name"].tolist(), names["matched_name"].tolist(),
                           scorer=fuzz.token_sort_ratio, processor=utils.default_process,
                           score_cutoff=cutoff, workers=-1, dtype=np.uint8)
    rows, cols = np.nonzero(scores)
    return pd.DataFrame({"pair_id": pairs["pair_id"].to_numpy()[rows],
                         "list_entity_id": names["list_entity_id"].to_numpy()[cols],
                         "band": "match"}).drop_duplicates(["pair_id", "list_entity_id"])


def metrics(pairs: pd.DataFrame, hits: pd.DataFrame, bands: tuple[str, ...]) -> dict[str, float]:
    hits = hits[hits["band"].isin(bands)]
    found = set(zip(hits["pair_id"], hits["list_entity_id"], strict=True))
    flagged = set(hits["pair_id"])
    pos, neg = pairs[pairs["label"] == 1], pairs[pairs["label"] == 0]
    tp = sum((p, e) in found for p, e in zip(pos["pair_id"], pos["list_entity_id"], strict=True))
    fp = int(neg["pair_id"].isin(flagged).sum())
    return {"recall": tp / len(pos) if len(pos) else float("nan"),
            "precision": tp / (tp + fp) if tp + fp else float("nan"), "tp": tp, "fp": fp,
            "positives": len(pos), "negatives": len(neg)}


def recall_by_kind(pairs: pd.DataFrame, hits: pd.DataFrame) -> pd.Series:
    found = set(zip(hits["pair_id"], hits["list_entity_id"], strict=True))
    pos = pairs[pairs["label"] == 1].copy()
    pos["found"] = [(p, e) in found for p, e in zip(pos["pair_id"], pos["list_entity_id"], strict=True)]
    return pos.groupby("kind")["found"].mean().round(3)


def report(pairs: pd.DataFrame, entities: pd.DataFrame,
           config: entity_config.EntityMatchConfig) -> pd.DataFrame:
    ours, base = project_hits(pairs, entities, config), baseline_hits(pairs, entities, config)
    rows = []
    for split in ("train", "test", "all"):
        part = pairs if split == "all" else pairs[pairs["split"] == split]
        for name, hits, bands in (("project (match+review)", ours, ("match", "review")),
                                  ("project (auto match only)", ours, ("match",)),
                                  ("baseline token_sort>=85", base, ("match",))):
            rows.append({"split": split, "matcher": name, **metrics(part, hits, bands)})
    return pd.DataFrame(rows)


def main() -> None:
    config = entity_config.load()
    entities = load_reference(ROOT / "data" / "reference").entities
    pairs = load_pairs()
    table = report(pairs, entities, config)
    pd.set_option("display.width", 160)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    ours = project_hits(pairs, entities, config)
    base = baseline_hits(pairs, entities, config)
    print("\nrecall by variant kind (all splits):")
    print(pd.DataFrame({"project": recall_by_kind(pairs, ours),
                        "baseline": recall_by_kind(pairs, base)}).to_string())
    negatives = pairs[pairs["label"] == 0].merge(ours, on="pair_id")
    if len(negatives):
        print("\nnegatives flagged by the project matcher:")
        print(negatives[["split", "kind", "supplier_name", "band"]].to_string(index=False))


if __name__ == "__main__":
    main()
