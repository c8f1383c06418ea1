"""Great Expectations checks on a new edition before it is installed (suites in schemas/)."""

from __future__ import annotations

import pandas as pd

from schemas import eo13126, ilab_goods, restricted_entities, tip_tiers
from schemas.reference_rules import MIN_ROW_RATIO, min_rows
from tasks import expectations
from tasks.reference import ReferenceDataError
from tasks.reference.editions import Edition

SCHEMAS = {"ilab_tvpra": ilab_goods, "ilab_eo13126": eo13126, "tip": tip_tiers,
           "uflpa": restricted_entities, "wro": restricted_entities}
FLAGS = ilab_goods.FLAGS
SHOWN_ROWS = 3

# What a failed row-level expectation means, for messages.
MEANING = {
    "expect_column_values_to_not_be_null": "empty",
    "expect_column_values_to_be_in_set": "not an accepted value",
    "expect_column_values_to_be_between": "out of range",
    "expect_column_values_to_be_unique": "repeated",
    "expect_compound_columns_to_be_unique": "listed twice",
}


def size(edition: Edition) -> int:
    """Rows compared for plausibility: all rows; for TIP those of its fullest report year."""
    frame = edition.frame
    if edition.list == "tip":
        return int(frame["report_year"].value_counts().max()) if len(frame) else 0
    return len(frame)


def validation_frame(edition: Edition) -> pd.DataFrame:
    frame = edition.frame
    if edition.list == "ilab_tvpra":
        labour = frame[list(FLAGS)].apply(
            lambda row: "|".join(f for f, v in zip(FLAGS, row, strict=True) if v) or None, axis=1)
        frame = frame.assign(labour_types=labour if len(frame) else None)
    return frame


def validate(edition: Edition, previous: Edition | None = None, ratio: float = MIN_ROW_RATIO) -> None:
    """Raise ReferenceDataError naming file, rows and columns if `edition` fails its suite."""
    module = SCHEMAS[edition.list]
    previous_size = size(previous) if previous is not None else None
    frame = validation_frame(edition)
    failures = expectations.run(frame, module.expectations(previous_size, ratio), module.CONTRACT.name)
    if not failures:
        return
    problems = []
    for failure in failures:
        if failure.expectation == "expect_table_row_count_to_be_between":
            problems.append(_too_few(edition, previous, ratio))
        elif failure.expectation == "expect_column_to_exist":
            problems.append(f"{edition.path}, column {failure.column!r}: missing")
        else:
            problems.append(_rows(edition, frame, failure, module.CONTRACT.key))
    raise ReferenceDataError("; ".join(problems))


def _too_few(edition: Edition, previous: Edition | None, ratio: float) -> str:
    if previous is None or not len(edition.frame):
        return f"{edition.path}: no {edition.list} rows"
    unit = "placements in its fullest report year" if edition.list == "tip" else "rows"
    return (f"{edition.path}: {size(edition)} {unit}, fewer than {min_rows(size(previous), ratio)} "
            f"({ratio:.0%} of the {size(previous)} of the previous {edition.list} edition "
            f"{previous.edition}); a truncated or wrong file? If it is right, load it with a lower "
            "--min-row-ratio")


def _rows(edition: Edition, frame: pd.DataFrame, failure, key: tuple[str, ...]) -> str:
    column = failure.column or " x ".join(c for c in key if c != "list")
    with_value = failure.expectation in ("expect_column_values_to_be_in_set",
                                         "expect_column_values_to_be_between")
    meaning = MEANING.get(failure.expectation, failure.expectation)
    if column == "labour_types":
        column, meaning = "labour", "no labour type marked (child, forced, forced child or derived)"
    shown = []
    for index in failure.rows[:SHOWN_ROWS]:
        label = edition.rows[index] if isinstance(index, int) and index < len(edition.rows) \
            else f"entry {index}"
        value = frame.at[index, failure.column] if failure.column in frame else None
        shown.append(f"{label} (value {value!r})" if with_value else label)
    more = f" and {len(failure.rows) - SHOWN_ROWS} more" if len(failure.rows) > SHOWN_ROWS else ""
    where_ = ", ".join(shown) if shown else "some rows"
    return f"{edition.path}, {where_}{more}, column {column!r}: {meaning}"
