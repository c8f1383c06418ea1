"""Quarantine rows: one per rejected input row, with all of its problems."""

from __future__ import annotations

import json

import pandas as pd

from tasks.ingest import ROW


def build(dataset: str, source_file: str, problems: pd.DataFrame, raw: pd.DataFrame,
          id_column: str) -> pd.DataFrame:
    """Rows of the quarantine dataset for one input file."""
    if problems.empty:
        return pd.DataFrame(columns=["dataset", "source_file", "row_number", "record_id",
                                     "column", "value", "rule", "reason", "problems", "record"])
    records = raw.set_index(ROW)
    grouped = problems.groupby(ROW, sort=True)
    first = grouped.first()
    rows = first.index.to_numpy()
    record_ids = records[id_column].reindex(rows) if id_column in records else None
    return pd.DataFrame({
        "dataset": dataset,
        "source_file": source_file,
        "row_number": rows,
        "record_id": (record_ids.replace("", pd.NA).to_numpy() if record_ids is not None
                      else None),
        "column": first["column"].to_numpy(),
        "value": first["value"].to_numpy(),
        "rule": first["rule"].to_numpy(),
        "reason": grouped["message"].agg("; ".join).to_numpy(),
        "problems": [
            group[["column", "value", "rule", "message"]].astype(object)
            .where(group[["column", "value", "rule", "message"]].notna(), None)
            .to_dict("records")
            for _, group in grouped
        ],
        "record": [json.dumps({k: v for k, v in records.loc[r].items() if v != ""},
                              ensure_ascii=False, default=str) for r in rows],
    })
