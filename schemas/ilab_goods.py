"""ILAB TVPRA list of goods, one edition: one row per good x country (as in derived/ilab_goods.csv)."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract
from schemas.reference_rules import MIN_ROW_RATIO, required, row_count

S, B = pa.string(), pa.bool_()
FLAGS = ("child_labor", "forced_labor", "forced_child_labor", "derived")

CONTRACT = Contract(
    name="ilab_goods",
    doc="US DOL ILAB List of Goods Produced by Child Labor or Forced Labor (TVPRA), one edition.",
    key=("good", "country_iso3"),
    columns=(
        Column("list", S, "Always ilab_tvpra.", required=True, nullable=False),
        Column("edition", S, "Edition (publication year).", required=True, nullable=False),
        Column("good", S, "Good as ILAB names it (NFC).", required=True, nullable=False),
        Column("sector", S, "ILAB sector (Agriculture, Manufacturing, Mining, ...); absent in Excel."),
        Column("country", S, "Country as the source writes it.", required=True, nullable=False),
        Column("country_iso3", S, "ISO 3166-1 alpha-3 of `country`.", required=True, nullable=False),
        Column("child_labor", B, "Listed for child labour.", required=True, nullable=False),
        Column("forced_labor", B, "Listed for forced labour.", required=True, nullable=False),
        Column("forced_child_labor", B, "Listed for forced child labour.", required=True, nullable=False),
        Column("derived", B, "Listed because it is made with listed inputs.", required=True,
               nullable=False),
        Column("derived_country_iso3", S, "Country of the listed inputs of a derived good."),
        Column("labour_types", S, "Validation only: the flags set, '|'-joined; null if none is set."),
    ),
)


def expectations(previous_rows: int | None = None, ratio: float = MIN_ROW_RATIO) -> list:
    import great_expectations as gx

    required_columns = [c.name for c in CONTRACT.columns if c.required]
    return [
        *required(required_columns),
        row_count(previous_rows, ratio),
        *[gx.expectations.ExpectColumnValuesToNotBeNull(column=c)
          for c in ("good", "country", "country_iso3")],
        *[gx.expectations.ExpectColumnValuesToBeInSet(column=f, value_set=[True, False]) for f in FLAGS],
        gx.expectations.ExpectColumnValuesToNotBeNull(column="labour_types"),
        gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=["good", "country_iso3"]),
    ]
