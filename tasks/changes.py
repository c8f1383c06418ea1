"""Run-over-run changes: which suppliers moved band since the previous published run, and why.

The cause is told apart with fingerprints: each supplier's `input_hash` covers its own row
and its lines as read, so a supplier whose hash is unchanged moved because a reference list
or the scoring config changed (the manifests tell which), not because of its data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from schemas.contract import BANDS

SUPPLIER_FIELDS = ["supplier_id", "name", "country", "address"]
LINE_FIELDS = ["line_id", "commodity", "hs_code", "country_of_origin", "quantity", "unit", "value_usd"]
RANK = {band: i for i, band in enumerate(BANDS)}


def input_hashes(suppliers: pd.DataFrame, lines: pd.DataFrame) -> pd.Series:
    """Per supplier id, a sha256 over its input row and its lines (order-independent)."""
    own = _row_text(suppliers, SUPPLIER_FIELDS)
    joined = _joined_texts(lines["supplier_id"], _row_arrow(lines, LINE_FIELDS))
    theirs = suppliers["supplier_id"].map(joined).astype(object).fillna("").to_numpy()
    texts = own.to_numpy() + "\n--\n" + theirs
    hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest()[:16] for t in texts]
    return pd.Series(hashes, index=suppliers.index, dtype="string")


def _joined_texts(supplier_ids: pd.Series, texts: pa.Array) -> pd.Series:
    """Per supplier id, its line texts sorted and joined by newlines (lines without an id
    are left out)."""
    ids, distinct = pd.factorize(supplier_ids)
    # Arrow compares UTF-8 bytes: the same order as Python's code point order.
    order = pc.sort_indices(pa.table({"id": ids, "text": texts}),
                            sort_keys=[("id", "ascending"), ("text", "ascending")]).to_numpy()
    order = order[ids[order] >= 0]
    sorted_ids = ids[order]
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]]) if len(order) else order
    offsets = pa.array(np.r_[starts, len(order)], type=pa.int64())
    groups = pa.LargeListArray.from_arrays(offsets, texts.take(order))
    joined = pc.binary_join(groups, pa.scalar("\n", pa.large_string())).to_pylist()
    return pd.Series(joined, index=distinct.take(sorted_ids[starts]), dtype=object)


def _row_arrow(frame: pd.DataFrame, fields: list[str]) -> pa.Array:
    """_row_text as one Arrow array (joined in Arrow rather than by pandas additions)."""
    parts = [pa.array(frame[f].astype("string").fillna("\u2205"), type=pa.large_string())
             if f in frame else pa.scalar("\u2205", pa.large_string()) for f in fields]
    if all(isinstance(p, pa.Scalar) for p in parts):
        return pa.array(["\u241f".join(["\u2205"] * len(fields))] * len(frame), pa.large_string())
    return pc.binary_join_element_wise(*parts, pa.scalar("\u241f", pa.large_string()))


def _row_text(frame: pd.DataFrame, fields: list[str]) -> pd.Series:
    missing = pd.Series("\u2205", index=frame.index, dtype="string")
    parts = [frame[f].astype("string").fillna("\u2205") if f in frame else missing for f in fields]
    out = parts[0]
    for part in parts[1:]:
        out = out + "\u241f" + part
    return out


def read_previous(out_dir: Path) -> tuple[pd.DataFrame | None, dict | None]:
    """supplier_risk and manifest of OUT/latest, or (None, None) before the first run."""
    latest = Path(out_dir) / "latest"
    try:
        manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
        previous = pd.read_parquet(latest / "supplier_risk.parquet")
    except (OSError, ValueError):
        return None, None
    return previous, manifest


def context_changes(previous_manifest: dict, editions: pd.DataFrame, config_sha: str,
                    entity_files: dict[str, dict[str, str]] | None = None) -> list[str]:
    """What changed between runs apart from the inputs: reference editions, scoring config,
    and the entity-screening files (thresholds, watchlists, analyst decisions)."""
    notes = []
    before = {row["list"]: row["edition"] for row in previous_manifest.get("reference_editions", [])}
    now = {row.list: row.edition for row in editions.itertuples()}
    for name in sorted(set(before) | set(now)):
        if before.get(name) != now.get(name):
            notes.append(f"{name} {before.get(name, 'none')} -> {now.get(name, 'none')}")
    if previous_manifest.get("scoring_config", {}).get("sha256") not in (None, config_sha):
        notes.append("scoring config changed")
    before_files = previous_manifest.get("entity_screening", {}).get("files", {})
    for role in sorted(set(before_files) | set(entity_files or {})):
        old = before_files.get(role, {}).get("sha256")
        new = (entity_files or {}).get(role, {}).get("sha256")
        if old != new:
            notes.append(f"{role.replace('_', ' ')} changed")
    return notes


def _outside_causes(context: list[str]) -> list[str]:
    causes = []
    for note in context:
        if "->" in note:
            cause = "reference_update"
        elif note.startswith(("scoring config", "entity config")):
            cause = "scoring_config"
        elif note.startswith("decisions"):
            cause = "analyst_decisions"
        else:
            cause = "watchlist_update"
        if cause not in causes:
            causes.append(cause)
    return causes


def supplier_changes(current: pd.DataFrame, previous: pd.DataFrame | None,
                     context: list[str], previous_run_id: str | None) -> pd.DataFrame:
    """One row per supplier that appeared, disappeared or changed band."""
    columns = ["supplier_id", "name", "change", "old_band", "new_band", "old_score", "new_score",
               "new_high_or_critical", "cause", "cause_detail", "previous_run_id"]
    if previous is None:
        return pd.DataFrame(columns=columns)
    keep = ["supplier_id", "name", "band", "max_score", "input_hash"]
    both = current[keep].merge(previous.reindex(columns=keep), on="supplier_id", how="outer",
                               suffixes=("", "_old"), indicator=True)
    old_rank = both["band_old"].map(RANK)
    new_rank = both["band"].map(RANK)
    change = np.select(
        [both["_merge"] == "left_only", both["_merge"] == "right_only",
         new_rank.fillna(-1) > old_rank.fillna(-1), new_rank.fillna(-1) < old_rank.fillna(-1)],
        ["new_supplier", "removed_supplier", "escalated", "de-escalated"], default="")
    both["change"] = change
    moved = both[both["change"] != ""].copy()
    same_input = moved["input_hash"].eq(moved["input_hash_old"]).fillna(False).astype(bool)
    causes = [_cause(change, same, context) for change, same in zip(moved["change"], same_input, strict=True)]
    moved["cause"] = [c for c, _ in causes]
    moved["cause_detail"] = [d for _, d in causes]
    return pd.DataFrame({
        "supplier_id": moved["supplier_id"].astype("string"),
        "name": moved["name"].fillna(moved["name_old"]).astype("string"),
        "change": moved["change"].astype("string"),
        "old_band": moved["band_old"].astype("string"),
        "new_band": moved["band"].astype("string"),
        "old_score": moved["max_score_old"].astype("float64"),
        "new_score": moved["max_score"].astype("float64"),
        "new_high_or_critical": moved["band"].isin(["high", "critical"])
        & ~moved["band_old"].isin(["high", "critical"]),
        "cause": moved["cause"].astype("string"),
        "cause_detail": moved["cause_detail"].astype("string"),
        "previous_run_id": previous_run_id,
    })[columns].sort_values(["new_high_or_critical", "change", "supplier_id"],
                            ascending=[False, True, True]).reset_index(drop=True)


def _cause(change: str, same_input: bool, context: list[str]) -> tuple[str, str]:
    """(cause, detail) of one supplier's change."""
    outside = _outside_causes(context)
    if change in {"new_supplier", "removed_supplier"}:
        where = "this" if change == "removed_supplier" else "the previous"
        return "input_data", f"supplier not in {where} run"
    if not same_input:
        also = f" (also: {'; '.join(context)})" if context else ""
        return ", ".join(["input_data", *outside]), "the supplier's row or lines changed" + also
    if outside:
        return ", ".join(outside), "; ".join(context)
    return "code_change", "inputs, reference editions, configs, watchlists and decisions unchanged"
