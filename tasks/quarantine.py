"""Quarantine rows: one per rejected input row, with all of its problems."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd

from tasks.ingest import ROW

PROBLEM_FIELDS = ["column", "value", "rule", "message"]


def build(dataset: str, source_file: str, problems: pd.DataFrame, raw: pd.DataFrame,
          id_column: str) -> pd.DataFrame:
    """Rows of the quarantine dataset for one input file."""
    if problems.empty:
        return pd.DataFrame(columns=["dataset", "source_file", "row_number", "record_id",
                                     "column", "value", "rule", "reason", "problems", "record"])
    # Problems as records once, sorted by row (stable: each row keeps its problems' order),
    # then cut into one list per row at the runs of ROW.
    ordered = problems.sort_values(ROW, kind="stable")
    fields = ordered[PROBLEM_FIELDS].astype(object)
    records = fields.where(ordered[PROBLEM_FIELDS].notna(), None).to_dict("records")
    keys = ordered[ROW].to_numpy()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    bounds = np.r_[starts, len(keys)].tolist()
    per_row = [records[a:b] for a, b in itertools.pairwise(bounds)]
    first = ordered.groupby(ROW, sort=True).first()  # first non-null value of each column
    rows = first.index.to_numpy()
    raw_rows = raw.set_index(ROW).loc[rows]  # KeyError on an unknown row, as before
    record_ids = raw_rows.get(id_column)
    return pd.DataFrame({
        "dataset": dataset,
        "source_file": source_file,
        "row_number": rows,
        "record_id": (record_ids.replace("", pd.NA).to_numpy() if record_ids is not None
                      else None),
        "column": first["column"].to_numpy(),
        "value": first["value"].to_numpy(),
        "rule": first["rule"].to_numpy(),
        "reason": ["; ".join([p["message"] for p in group]) for group in per_row],
        "problems": per_row,
        "record": [json.dumps({k: v for k, v in cells.items() if v != ""},
                              ensure_ascii=False, default=str)
                   for cells in raw_rows.to_dict("records")],
    })
