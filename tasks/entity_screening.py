"""Entity screening for a run: restricted lists plus user watchlists, matched and decided.

Ties together the matcher (tasks/entity_match.py), watchlists and analyst decisions, and
turns the result into supplier-level evidence (tasks/entity_evidence.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tasks import entity_config, entity_evidence
from tasks.decisions import apply_decisions, decisions_sha256, load_decisions
from tasks.entity_match import MATCH_COLUMNS, match_suppliers
from tasks.watchlists import PROBLEM_COLUMNS, file_sha256, load_watchlist

RESTRICTED_LISTS = ("uflpa", "wro")


@dataclass
class EntityScreening:
    matches: pd.DataFrame
    evidence: pd.DataFrame
    watchlist_problems: pd.DataFrame
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> {path, sha256}


def screen(suppliers: pd.DataFrame, entities: pd.DataFrame,
           lists: list[str] | tuple[str, ...] = RESTRICTED_LISTS, watchlists: list[Path] | None = None,
           decisions: Path | None = None, config_path: Path = entity_config.DEFAULT_PATH,
           thresholds: dict[str, float] | None = None) -> EntityScreening:
    """`thresholds` ({"match": 90, "review": 80}) override the config's bands for this run."""
    unknown = sorted(set(lists) - set(RESTRICTED_LISTS))
    if unknown:
        raise ValueError(f"unknown entity lists {unknown}; use any of {list(RESTRICTED_LISTS)}")
    config = entity_config.load(Path(config_path))
    if thresholds:
        bands = entity_config.Bands.model_validate({**config.bands.model_dump(), **thresholds})
        config = config.model_copy(update={"bands": bands})
    table = entities[entities["list"].isin(list(lists))]
    files: dict[str, dict[str, str]] = {"entity_config": {"path": str(config_path),
                                                          "sha256": config.digest()}}
    problems = []
    for number, path in enumerate(watchlists or [], start=1):
        listed, bad = load_watchlist(Path(path), list_name=Path(path).stem)
        table = pd.concat([table, listed], ignore_index=True)
        problems.append(bad)
        files[f"watchlist_{number}"] = {"path": str(path), "sha256": file_sha256(Path(path))}
    matches = match_suppliers(suppliers, table, config) if len(table) else pd.DataFrame(columns=MATCH_COLUMNS)
    if decisions is not None:
        matches = apply_decisions(matches, load_decisions(Path(decisions)), suppliers, table)
        files["decisions"] = {"path": str(decisions), "sha256": decisions_sha256(Path(decisions))}
    matches = matches.sort_values(["supplier_id", "score", "list_entity_id"], ascending=[True, False, True],
                                  kind="stable").reset_index(drop=True)
    watchlist_problems = (pd.concat(problems, ignore_index=True) if problems
                          else pd.DataFrame(columns=PROBLEM_COLUMNS))
    return EntityScreening(matches, entity_evidence.supplier_evidence(matches), watchlist_problems, files)


def hits_by_supplier(matches: pd.DataFrame) -> dict[str, list[str]]:
    """supplier_id -> ["uflpa: Entity Name", ...] for pairs in the match band."""
    hits = matches[matches["band"] == "match"]
    out: dict[str, list[str]] = {}
    pairs = zip(hits["supplier_id"], hits["list"], hits["entity_name"], strict=True)
    for supplier_id, list_name, name in pairs:
        out.setdefault(str(supplier_id), []).append(f"{list_name}: {name}")
    return out


def quarantine_rows(problems: pd.DataFrame) -> pd.DataFrame:
    """Watchlist rows that could not be used, in the quarantine dataset's shape."""
    return pd.DataFrame({
        "dataset": "watchlist",
        "source_file": problems["source_file"].map(lambda p: Path(p).name),
        "row_number": problems["row_number"].astype("int64"),
        "record_id": None,
        "column": problems["column"],
        "value": problems["value"].astype("string"),
        "rule": "watchlist_row",
        "reason": problems["reason"],
        "problems": [[{"column": c, "value": None if pd.isna(v) else str(v), "rule": "watchlist_row",
                       "message": r}] for c, v, r in zip(problems["column"], problems["value"],
                                                         problems["reason"], strict=True)],
        "record": None,
    })
