"""EO 13126 list, one edition: one row per product x country (as in derived/eo13126.csv)."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract
from schemas.reference_rules import MIN_ROW_RATIO, required, row_count

S = pa.string()

CONTRACT = Contract(
    name="eo13126",
    doc="EO 13126 List of Products Produced by Forced or Indentured Child Labor, one edition.",
    key=("good", "country_iso3"),
    columns=(
        Column("edition", S, "Edition (year).", required=True, nullable=False),
        Column("good", S, "Product as the list names it.", required=True, nullable=False),
        Column("country", S, "Country as the source writes it.", required=True, nullable=False),
        Column("country_iso3", S, "ISO 3166-1 alpha-3 of `country`.", required=True, nullable=False),
    ),
)


def expectations(previous_rows: int | None = None, ratio: float = MIN_ROW_RATIO) -> list:
    import great_expectations as gx

    return [
        *required(CONTRACT.names),
        row_count(previous_rows, ratio),
        *[gx.expectations.ExpectColumnValuesToNotBeNull(column=c) for c in CONTRACT.names],
        gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=["good", "country_iso3"]),
    ]
