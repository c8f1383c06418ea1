"""Entity matches as supplier-level evidence: which list, which entity, how sure.

A match (auto or confirmed by an analyst) fires the list's indicator: `uflpa_entity`,
`wro_active` / `wro_inactive` by the WRO's status, or `watchlist` for a user's list.
A pair awaiting review fires `entity_review` once per supplier (its best candidate), so a
crowd of weak candidates cannot add up to a high score.
"""

from __future__ import annotations

import pandas as pd

from tasks.regions import SUPPLIER_EVIDENCE_COLUMNS

ACTIVE_WRO = {"active", "partially modified"}


def _indicator(row) -> str:
    if row.band != "match":
        return "entity_review"
    if row.list == "uflpa":
        return "uflpa_entity"
    if row.list == "wro":
        return "wro_active" if str(row.list_status).strip().casefold() in ACTIVE_WRO else "wro_inactive"
    return "watchlist"


def _detail(row, others: int) -> str:
    how = {"auto_match": "matched automatically", "confirmed": "confirmed by an analyst",
           "pending_review": "possible match, awaiting review"}.get(row.decision, row.decision)
    alias = "" if row.name_type == "name" else f" (alias of {row.entity_name})"
    status = f", status {row.list_status}" if row.list == "wro" and pd.notna(row.list_status) else ""
    more = f"; {others} more candidate(s) in entity_matches" if others else ""
    return (f'{row.list} entity "{row.matched_name}"{alias}{status}: score {row.score:.0f}, {how}; '
            f"id {row.list_entity_id}{more}")


def supplier_evidence(matches: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows (supplier_id, indicator, source, edition, detail) from entity_matches."""
    if matches.empty:
        return pd.DataFrame(columns=SUPPLIER_EVIDENCE_COLUMNS)
    ordered = matches.sort_values(["supplier_id", "score", "list_entity_id"], ascending=[True, False, True])
    hits = ordered[ordered["band"] == "match"]
    reviews = ordered[ordered["band"] != "match"]
    best_review = reviews.drop_duplicates("supplier_id")
    extra = reviews.groupby("supplier_id").size() - 1
    rows = [(row, 0) for row in hits.itertuples(index=False)]
    rows += [(row, int(extra[row.supplier_id])) for row in best_review.itertuples(index=False)]
    return pd.DataFrame({
        "supplier_id": [r.supplier_id for r, _ in rows],
        "indicator": [_indicator(r) for r, _ in rows],
        "source": [r.list for r, _ in rows],
        "edition": [r.list_edition for r, _ in rows],
        "detail": [_detail(r, n) for r, n in rows],
    }, columns=SUPPLIER_EVIDENCE_COLUMNS)
