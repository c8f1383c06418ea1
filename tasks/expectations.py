"""Run a list of Great Expectations expectations on a DataFrame and report failing rows."""

from __future__ import annotations

import functools
import itertools
import json
from dataclasses import dataclass

import pandas as pd

_counter = itertools.count()

# Keyword arguments that name the columns an expectation reads.
COLUMN_KWARGS = ("column", "column_list", "column_A", "column_B")
# Expectation families that read only the columns they name (plus the row count).
COLUMN_PREFIXES = ("expect_column_", "expect_compound_columns_", "expect_multicolumn_",
                   "expect_select_column_")
ROW_COUNT_ONLY = {"expect_table_row_count_to_be_between", "expect_table_row_count_to_equal"}


@dataclass(frozen=True)
class Failure:
    expectation: str
    column: str | None
    rows: list  # index labels of failing rows (empty for table-level failures)
    observed: object


@functools.cache
def _context():
    import great_expectations as gx

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    return context


def run(frame: pd.DataFrame, expectations: list, suite_name: str) -> list[Failure]:
    """Validate `frame`; return one Failure per failed expectation."""
    columns = _needed_columns(frame, expectations)
    plain = _plain(frame if columns is None else frame[columns])
    # A cheap pass says which expectations fail; only those are rerun for their failing rows.
    # GX may return results in another order than the suite's: match them by configuration,
    # and report in the order of the first pass (the order a single COMPLETE run gives).
    first = _validate(plain, expectations, suite_name, "BOOLEAN_ONLY")
    _raise_errors(first, suite_name)
    failed_keys = [_key(item.expectation_config) for item in first if not item.success]
    if not failed_keys:
        return []
    by_key: dict = {}
    for expectation in expectations:
        by_key.setdefault(_key(expectation.configuration), expectation)
    if all(key in by_key for key in failed_keys):
        rerun = [by_key[key] for key in dict.fromkeys(failed_keys)]
        complete = _validate(plain, rerun, suite_name, "COMPLETE")
        _raise_errors(complete, suite_name)
        result_of = {_key(item.expectation_config): item for item in complete}
        results = [result_of.get(key) for key in failed_keys]
    else:
        results = []
    if not results or any(item is None for item in results):  # fall back to one full run
        results = _validate(plain, expectations, suite_name, "COMPLETE")
        _raise_errors(results, suite_name)
    failures = []
    for item in results:
        if item.success:
            continue
        config = item.expectation_config
        details = item.result or {}
        failures.append(Failure(
            expectation=config.type,
            column=config.kwargs.get("column"),
            rows=list(details.get("unexpected_index_list") or []),
            observed=details.get("observed_value"),
        ))
    return failures


def _key(config) -> tuple[str, str]:
    """What identifies an expectation's result: its type and arguments (not the batch)."""
    kwargs = {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    return config.type, json.dumps(kwargs, sort_keys=True, default=repr)


def _validate(plain: pd.DataFrame, expectations: list, suite_name: str, result_format: str) -> list:
    """Results of `expectations` on `plain`, in suite order."""
    import great_expectations as gx

    context = _context()
    name = f"{suite_name}-{next(_counter)}"
    source = context.data_sources.add_pandas(name)
    batch = (
        source.add_dataframe_asset(name)
        .add_batch_definition_whole_dataframe(name)
        .get_batch(batch_parameters={"dataframe": plain})
    )
    suite = gx.ExpectationSuite(name=name, expectations=[e.copy() for e in expectations])
    try:
        result = batch.validate(suite, result_format=result_format)
    finally:
        context.data_sources.delete(name)
    return list(result.results)


def _raise_errors(results: list, suite_name: str) -> None:
    for item in results:
        error = item.exception_info or {}
        if not item.success and error.get("raised_exception"):
            raise RuntimeError(f"{suite_name}: {item.expectation_config.type} failed to run: "
                               f"{error.get('exception_message')}")


def _needed_columns(frame: pd.DataFrame, expectations: list) -> list | None:
    """The frame's columns the expectations read, in frame order; None when one of them may
    look at the whole table (or at rows through a row condition)."""
    named: set = set()
    for expectation in expectations:
        kwargs = expectation.configuration.kwargs
        kind = expectation.expectation_type
        if kwargs.get("row_condition") or kwargs.get("column_index") is not None:
            return None
        if kind in ROW_COUNT_ONLY:
            continue
        if not kind.startswith(COLUMN_PREFIXES):
            return None
        for key in COLUMN_KWARGS:
            value = kwargs.get(key)
            if isinstance(value, str):
                named.add(value)
            elif value is not None:
                named.update(value)
    columns = [c for c in frame.columns if c in named]
    return columns or None


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """GX compares values with Python operators: give it object columns with None for nulls."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.StringDtype):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out
