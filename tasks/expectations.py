"""Run a list of Great Expectations expectations on a DataFrame and report failing rows."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import pandas as pd

_counter = itertools.count()


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
    import great_expectations as gx

    context = _context()
    name = f"{suite_name}-{next(_counter)}"
    source = context.data_sources.add_pandas(name)
    batch = (
        source.add_dataframe_asset(name)
        .add_batch_definition_whole_dataframe(name)
        .get_batch(batch_parameters={"dataframe": _plain(frame)})
    )
    suite = gx.ExpectationSuite(name=name, expectations=[e.copy() for e in expectations])
    try:
        result = batch.validate(suite, result_format="COMPLETE")
    finally:
        context.data_sources.delete(name)
    failures = []
    for item in result.results:
        if item.success:
            continue
        config = item.expectation_config
        details = item.result or {}
        error = item.exception_info or {}
        if error.get("raised_exception"):
            raise RuntimeError(f"{suite_name}: {config.type} failed to run: "
                               f"{error.get('exception_message')}")
        failures.append(Failure(
            expectation=config.type,
            column=config.kwargs.get("column"),
            rows=list(details.get("unexpected_index_list") or []),
            observed=details.get("observed_value"),
        ))
    return failures


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """GX compares values with Python operators: give it object columns with None for nulls."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.StringDtype):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out
