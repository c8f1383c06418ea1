"""Row-level validation of ingested inputs: good rows go on, bad rows go to quarantine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from schemas import sourcing as sourcing_schema
from schemas import suppliers as suppliers_schema
from tasks import expectations
from tasks.commodities import normalize_hs
from tasks.ingest import ROW, Ingested, concat_problems
from tasks.readers import InputError

DUPLICATE_POLICIES = ("keep_first", "quarantine_all")

# What each failed expectation means to an analyst: (rule, message).
RULES = {
    "expect_column_values_to_not_be_null": ("required", "is empty"),
    "expect_column_values_to_match_regex": ("pattern", "has an unexpected format"),
    "expect_column_values_to_be_between": ("range", "is out of range (negative?)"),
    "expect_column_values_to_be_unique": ("duplicate", "is not unique"),
}


@dataclass
class Validated:
    dataset: str
    accepted: pd.DataFrame
    problems: pd.DataFrame  # every problem of every rejected row (ROW, column, value, rule, message)


def suppliers(ingested: Ingested, duplicates: str = "keep_first",
              allow_all_rejected: bool = False) -> Validated:
    frame = ingested.frame
    problems = [
        ingested.problems,
        _expectation_problems(frame, suppliers_schema.expectations(), "suppliers"),
        _duplicate_problems(frame, "supplier_id", duplicates),
    ]
    return _split(ingested, frame, problems, allow_all_rejected)


def sourcing(
    ingested: Ingested, known_suppliers: pd.Series, duplicates: str = "keep_first",
    allow_all_rejected: bool = False,
) -> Validated:
    frame = ingested.frame.copy()
    frame["hs_code_raw"] = frame["hs_code"]
    frame["hs_code"] = _normalized_hs(frame["hs_code"])
    generated = frame["line_id"].isna()
    frame.loc[generated, "line_id"] = (
        ingested.path.name + ":" + frame.loc[generated, ROW].astype("string")
    )
    problems = [
        ingested.problems,
        _where(frame, frame["hs_code_raw"].notna() & frame["hs_code"].isna(), "hs_code_raw",
               "hs_code", "not an HS or HTS code (expected 2 to 10 digits, e.g. 5201.00)"),
        _where(frame, frame["commodity"].isna() & frame["hs_code_raw"].isna(), "commodity",
               "commodity_or_hs", "neither a commodity description nor an HS code"),
        _where(frame, frame["supplier_id"].notna() & ~frame["supplier_id"].isin(known_suppliers),
               "supplier_id", "unknown_supplier",
               "supplier_id not found among the accepted suppliers"),
        _expectation_problems(frame, sourcing_schema.expectations(), "sourcing"),
        _duplicate_problems(frame[~generated], "line_id", duplicates),
    ]
    return _split(ingested, frame, problems, allow_all_rejected)


def _normalized_hs(codes: pd.Series) -> pd.Series:
    """normalize_hs of each distinct code once, spread back to the rows (NA stays NA)."""
    positions, distinct = pd.factorize(codes)
    normalized = np.array([normalize_hs(code) for code in distinct] + [None], dtype=object)
    return pd.Series(normalized[positions], index=codes.index, dtype=object).astype("string")


def _where(frame: pd.DataFrame, mask: pd.Series, column: str, rule: str,
           message: str) -> pd.DataFrame:
    mask = mask.fillna(False).astype(bool)
    return pd.DataFrame({
        ROW: frame.loc[mask, ROW].to_numpy(),
        "column": column.removesuffix("_raw"),
        "value": frame.loc[mask, column].astype("string").to_numpy(),
        "rule": rule,
        "message": f"{column.removesuffix('_raw')}: {message}",
    })


def _expectation_problems(frame: pd.DataFrame, suite: list, name: str) -> pd.DataFrame:
    parts = []
    for failure in expectations.run(frame, suite, name):
        rule, message = RULES.get(failure.expectation, (failure.expectation, "failed"))
        mask = pd.Series(frame.index.isin(failure.rows), index=frame.index)
        parts.append(_where(frame, mask, failure.column, rule, message))
    return concat_problems(parts)


def _duplicate_problems(frame: pd.DataFrame, column: str, policy: str) -> pd.DataFrame:
    if policy not in DUPLICATE_POLICIES:
        raise ValueError(f"duplicate policy {policy!r}; use one of {DUPLICATE_POLICIES}")
    keep = "first" if policy == "keep_first" else False
    ids = frame[column]
    mask = ids.notna() & ids.duplicated(keep=keep)
    first_row = frame.groupby(column, dropna=True)[ROW].transform("min")
    message = ("repeats an id first seen on row " if policy == "keep_first"
               else "id appears more than once; first on row ")
    out = _where(frame, mask, column, "duplicate_id", "")
    out["message"] = f"{column}: {message}" + first_row[mask].astype("Int64").astype("string").to_numpy()
    return out


def _split(ingested: Ingested, frame: pd.DataFrame, parts: list[pd.DataFrame],
           allow_all_rejected: bool) -> Validated:
    problems = concat_problems(parts).drop_duplicates().sort_values(ROW, kind="stable")
    rejected = frame[ROW].isin(problems[ROW])
    if len(frame) and rejected.all() and not allow_all_rejected:
        raise InputError(all_rejected_message(ingested, problems))
    return Validated(ingested.dataset, frame[~rejected].reset_index(drop=True),
                     problems.reset_index(drop=True))


def all_rejected_message(ingested: Ingested, problems: pd.DataFrame, top: int = 3) -> str:
    """A file whose every row fails is a file-level problem: say what failed most."""
    counts = problems.fillna({"column": "(row)"}).groupby(["rule", "column"], sort=False)
    ranked = counts[ROW].nunique().sort_values(ascending=False, kind="stable").head(top)
    parts = []
    for (rule, column), rows in ranked.items():
        first = problems[(problems["rule"] == rule)
                         & (problems["column"].fillna("(row)") == column)].iloc[0]
        parts.append(f"{rule} on {column} in {rows} rows (e.g. row {first[ROW]}: "
                     f"{first['value']!r}: {first['message']})")
    return (f"{ingested.path}: all {ingested.rows_read} data rows were rejected; "
            + "; ".join(parts) + ". Check the column mapping (--column-map) and the formats, "
            "fix the file and rerun")
