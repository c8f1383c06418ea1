"""TIP Report tier placements, one file: one row per report year x country (as in derived/tip_tiers.csv)."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract
from schemas.reference_rules import MIN_ROW_RATIO, required, row_count

S = pa.string()
TIERS = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case")

CONTRACT = Contract(
    name="tip_tiers",
    doc="US State Department Trafficking in Persons Report tier placements; unrated rows left out.",
    key=("report_year", "country_iso3"),
    columns=(
        Column("report_year", pa.int64(), "TIP Report year.", required=True, nullable=False),
        Column("country", S, "Country as the source writes it.", required=True, nullable=False),
        Column("country_iso3", S, "ISO 3166-1 alpha-3 of `country`.", required=True, nullable=False),
        Column("tier", S, "One of: " + ", ".join(TIERS) + ".", required=True, nullable=False),
        Column("source_url", S, "Where the placement was read."),
    ),
)


def expectations(previous_rows: int | None = None, ratio: float = MIN_ROW_RATIO) -> list:
    """`previous_rows`: placements in the previous edition's fullest report year."""
    import great_expectations as gx

    return [
        *required([c.name for c in CONTRACT.columns if c.required]),
        row_count(previous_rows, ratio),
        *[gx.expectations.ExpectColumnValuesToNotBeNull(column=c)
          for c in ("report_year", "country", "country_iso3", "tier")],
        gx.expectations.ExpectColumnValuesToBeInSet(column="tier", value_set=list(TIERS)),
        gx.expectations.ExpectColumnValuesToBeBetween(column="report_year", min_value=1999,
                                                      max_value=2100),
        gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=["report_year", "country_iso3"]),
    ]
