"""hotspots output: one row per (country, commodity) pair found in the sourcing lines."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import BANDS, Column, Contract

S = pa.string()

CONTRACT = Contract(
    name="hotspots",
    doc="Exposure and risk per origin country and commodity: where prevention work is aimed.",
    key=("country_iso3", "commodity_id"),
    columns=(
        Column("rank", pa.int64(), "1 = highest priority, then highest score, then most lines.",
               nullable=False),
        Column("country_iso3", S, "Origin country, ISO 3166-1 alpha-3.", nullable=False),
        Column("country_name", S, "Short English name of the country."),
        Column("commodity_id", S, "Canonical commodity id.", nullable=False),
        Column("commodity_label", S, "Display name of the commodity."),
        Column("lines", pa.int64(), "Sourcing lines of this pair.", nullable=False),
        Column("suppliers", pa.int64(), "Distinct suppliers of this pair.", nullable=False),
        Column("total_value_usd", pa.float64(), "Sum of value_usd over the lines."),
        Column("score", pa.float64(), "Highest line score of the pair.", nullable=False),
        Column("band", S, "Band of score.", nullable=False),
        Column("indicators", pa.list_(S), "Distinct indicators that fired on the pair's lines."),
        Column("exposure_share", pa.float64(),
               "Share of the screened value in this pair (0-1); of the lines where no value is known.",
               nullable=False),
        Column("priority", pa.float64(), "score / 100 x exposure_share: risk weighted by exposure.",
               nullable=False),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectCompoundColumnsToBeUnique(
            column_list=["country_iso3", "commodity_id"]),
        gx.expectations.ExpectColumnValuesToBeBetween(column="score", min_value=0, max_value=100),
        gx.expectations.ExpectColumnValuesToBeInSet(column="band", value_set=list(BANDS)),
        gx.expectations.ExpectColumnValuesToBeBetween(column="lines", min_value=1),
    ]
