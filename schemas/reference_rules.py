"""Rules shared by the reference-list contracts: plausible size against the previous edition."""

from __future__ import annotations

import math

# A new edition with fewer rows than this share of the previous edition's is rejected as a
# truncated or wrong download (override per load with --min-row-ratio). For TIP the
# previous size is its fullest report year, since TIP files may hold one year or many.
MIN_ROW_RATIO = 0.5


def min_rows(previous_rows: int | None, ratio: float = MIN_ROW_RATIO) -> int:
    """Fewest rows a new edition may have: 1 (not empty), or ratio x the previous edition."""
    if not 0 <= ratio <= 1:
        raise ValueError(f"row ratio must be between 0 and 1, got {ratio}")
    return max(1, math.ceil((previous_rows or 0) * ratio))


def row_count(previous_rows: int | None, ratio: float = MIN_ROW_RATIO):
    import great_expectations as gx

    return gx.expectations.ExpectTableRowCountToBeBetween(min_value=min_rows(previous_rows, ratio))


def required(columns: list[str]) -> list:
    import great_expectations as gx

    return [gx.expectations.ExpectColumnToExist(column=c) for c in columns]
