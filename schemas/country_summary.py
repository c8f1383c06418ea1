"""country_summary output: one row per origin country of the screened lines."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import BANDS, Column, Contract

S = pa.string()

CONTRACT = Contract(
    name="country_summary",
    doc="Per origin country: TIP tier, goods listed by ILAB, and the exposure and risk screened there.",
    key=("country_iso3",),
    columns=(
        Column("rank", pa.int64(), "1 = highest priority.", nullable=False),
        Column("country_iso3", S, "Origin country, ISO 3166-1 alpha-3.", nullable=False),
        Column("country_name", S, "Short English name of the country."),
        Column("tip_tier", S, "Latest known TIP Report tier; null when not rated."),
        Column("tip_report_year", pa.int32(), "Report year of tip_tier."),
        Column("listed_goods", pa.list_(S),
               "Goods the ILAB TVPRA edition in use lists for the country, with labour types "
               "(FL forced labor, FCL forced child labor, CL child labor)."),
        Column("listed_goods_sourced", pa.list_(S),
               "Commodity ids sourced from the country that ILAB lists for it."),
        Column("lines", pa.int64(), "Screened lines from the country.", nullable=False),
        Column("suppliers", pa.int64(), "Distinct suppliers of those lines.", nullable=False),
        Column("commodities", pa.int64(), "Distinct commodities of those lines.", nullable=False),
        Column("total_value_usd", pa.float64(), "Sum of value_usd over the lines."),
        Column("max_score", pa.float64(), "Highest line score.", nullable=False),
        Column("mean_score", pa.float64(), "Mean line score.", nullable=False),
        Column("lines_high_or_critical", pa.int64(), "Lines in band high or critical.", nullable=False),
        Column("band", S, "Band of max_score.", nullable=False),
        Column("exposure_share", pa.float64(), "Share of the screened value (or lines) from the country.",
               nullable=False),
        Column("priority", pa.float64(), "mean_score / 100 x exposure_share.", nullable=False),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectColumnValuesToBeUnique(column="country_iso3"),
        gx.expectations.ExpectColumnValuesToMatchRegex(column="country_iso3", regex="^[A-Z]{3}$"),
        gx.expectations.ExpectColumnValuesToBeBetween(column="max_score", min_value=0, max_value=100),
        gx.expectations.ExpectColumnValuesToBeInSet(column="band", value_set=list(BANDS)),
        gx.expectations.ExpectColumnValuesToBeBetween(column="exposure_share", min_value=0, max_value=1),
        gx.expectations.ExpectColumnValuesToBeBetween(column="lines", min_value=1),
    ]
