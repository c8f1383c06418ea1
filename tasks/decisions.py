"""Analyst decisions on entity matches, remembered between runs.

A decisions file (CSV or Parquet) has one row per (supplier_id, list_entity_id) with
`decision` confirm or reject, `reviewer`, `reason`, `date`, and the names as they were when
decided: `supplier_name` and `entity_name`. On every run:
- a rejected pair is suppressed while both names still normalise to the same key
  (`tasks.company_names.name_key`); if either name changed, the pair comes back with a note;
- a confirmed pair is kept with band "match" and decision "confirmed", even if the matcher no
  longer finds it (as long as the supplier and the list entity still exist).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd

from tasks.company_names import name_key
from tasks.entity_match import MATCH_COLUMNS

DECISION_COLUMNS = ["supplier_id", "list_entity_id", "decision", "reviewer", "reason", "date",
                    "supplier_name", "entity_name"]
REQUIRED = ("supplier_id", "list_entity_id", "decision", "reviewer", "date", "supplier_name", "entity_name")
DECISIONS = ("confirm", "reject")


class DecisionsError(ValueError):
    """A decisions file that cannot be used; the message names file, row and column."""


def decisions_sha256(path: Path) -> str:
    """sha256 of the decisions file, for the run manifest."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_decisions(path: Path) -> pd.DataFrame:
    """The validated decisions (DECISION_COLUMNS); a missing file means no decisions yet."""
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=DECISION_COLUMNS, dtype="string")
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path).astype("string")
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError) as error:
        raise DecisionsError(f"{path}: cannot read decisions file: {error}") from error
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DecisionsError(f"{path}: missing columns {missing}; expected {DECISION_COLUMNS}")
    if "reason" not in frame.columns:
        frame["reason"] = ""
    frame = frame[DECISION_COLUMNS].astype("string").fillna("")
    frame = frame.apply(lambda column: column.str.strip())
    for position, row in enumerate(frame.to_dict("records")):
        place = f"{path}, row {position + 2}"  # header is row 1 (CSV); Parquet: record number + 2
        for column in REQUIRED:
            if not row[column]:
                raise DecisionsError(f"{place}, column {column!r}: empty")
        if row["decision"].casefold() not in DECISIONS:
            raise DecisionsError(f"{place}, column 'decision': unknown decision {row['decision']!r}; "
                                 f"expected one of {', '.join(DECISIONS)}")
        try:
            dt.date.fromisoformat(row["date"][:10])
        except ValueError:
            raise DecisionsError(f"{place}, column 'date': not an ISO date: {row['date']!r}") from None
    frame["decision"] = frame["decision"].str.casefold()
    duplicated = frame.duplicated(["supplier_id", "list_entity_id"], keep="last")
    return frame[~duplicated].reset_index(drop=True)  # the latest row for a pair wins


def record(matches: pd.DataFrame, decision: str, reviewer: str, reason: str = "",
           date: str | None = None) -> pd.DataFrame:
    """Decision rows for the given `entity_matches` rows, with the names as they are now."""
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {DECISIONS}, not {decision!r}")
    return pd.DataFrame({
        "supplier_id": matches["supplier_id"].to_numpy(),
        "list_entity_id": matches["list_entity_id"].to_numpy(),
        "decision": decision, "reviewer": reviewer, "reason": reason,
        "date": date or dt.date.today().isoformat(),
        "supplier_name": matches["supplier_name"].to_numpy(),
        "entity_name": matches["entity_name"].to_numpy(),
    }, columns=DECISION_COLUMNS).astype("string")


def save_decisions(decisions: pd.DataFrame, path: Path) -> None:
    """Write decisions as CSV or Parquet (by suffix); later rows for a pair replace earlier ones."""
    path = Path(path)
    frame = decisions[DECISION_COLUMNS].astype("string")
    if path.suffix.lower() == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_csv(path, index=False)


def apply_decisions(matches: pd.DataFrame, decisions: pd.DataFrame, suppliers: pd.DataFrame,
                    entities: pd.DataFrame) -> pd.DataFrame:
    """`entity_matches` with the decisions applied (rejected pairs dropped, confirmed ones kept).

    `suppliers` (supplier_id, name, country_iso3) and `entities` (the entity table) give the
    current names, to notice renames and to restore confirmed pairs the matcher missed.
    """
    if decisions.empty:
        return matches.copy()
    current_supplier = dict(zip(suppliers["supplier_id"].astype(str), suppliers["name"], strict=True))
    current_entity = dict(zip(entities["entity_id"].astype(str), entities["name"], strict=True))
    out = matches.copy()
    keep = pd.Series(True, index=out.index)
    by_pair = {(r["supplier_id"], r["list_entity_id"]): r for r in decisions.to_dict("records")}
    for position, row in out.iterrows():
        decided = by_pair.get((str(row["supplier_id"]), str(row["list_entity_id"])))
        if decided is None:
            continue
        who = f"{decided['reviewer']} on {decided['date']}"
        if decided["decision"] == "confirm":
            out.loc[position, ["band", "decision"]] = ["match", "confirmed"]
            out.loc[position, "explanation"] = (
                f"confirmed by {who}: {decided['reason']}; " + row["explanation"])
        elif _unchanged(decided, row["supplier_name"], row["entity_name"]):
            keep[position] = False
        else:
            out.loc[position, "explanation"] = (
                f"rejected by {who} no longer applies: a name changed since; " + row["explanation"])
    out = out[keep]
    found = set(zip(out["supplier_id"].astype(str), out["list_entity_id"].astype(str), strict=True))
    restored = [_confirmed_row(d, current_supplier, current_entity, suppliers, entities)
                for key, d in by_pair.items()
                if d["decision"] == "confirm" and key not in found
                and key[0] in current_supplier and key[1] in current_entity]
    if restored:
        out = pd.concat([out, pd.DataFrame(restored, columns=MATCH_COLUMNS)], ignore_index=True)
    return out.reset_index(drop=True).astype({c: "string" for c in MATCH_COLUMNS if c != "score"})


def _unchanged(decided: dict, supplier_name: object, entity_name: object) -> bool:
    return (name_key(str(supplier_name)) == name_key(decided["supplier_name"])
            and name_key(str(entity_name)) == name_key(decided["entity_name"]))


def _confirmed_row(decided: dict, supplier_names: dict, entity_names: dict, suppliers: pd.DataFrame,
                   entities: pd.DataFrame) -> dict:
    supplier = suppliers[suppliers["supplier_id"].astype(str) == decided["supplier_id"]].iloc[0]
    entity = entities[entities["entity_id"].astype(str) == decided["list_entity_id"]].iloc[0]
    note = entity.get("note")
    return {
        "supplier_id": decided["supplier_id"], "supplier_name": supplier_names[decided["supplier_id"]],
        "supplier_country_iso3": supplier.get("country_iso3"), "list": entity["list"],
        "list_edition": entity.get("edition"), "list_entity_id": decided["list_entity_id"],
        "entity_name": entity_names[decided["list_entity_id"]], "entity_kind": entity["entity_kind"],
        "list_status": entity["status"], "list_country_iso3": entity.get("country_iso3"),
        "matched_name": entity_names[decided["list_entity_id"]], "name_type": "name",
        "alias_note": None if note is None or pd.isna(note) else note, "score": 100.0, "band": "match",
        "decision": "confirmed",
        "explanation": f"confirmed by {decided['reviewer']} on {decided['date']}: {decided['reason']}; "
                       "not found by the matcher this run (score set to 100 by the decision)",
    }
