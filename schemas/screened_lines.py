"""screened_lines output: one row per accepted sourcing line, with its evidence and score."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import BANDS, EVIDENCE_TYPE, Column, Contract

S = pa.string()

CONTRACT = Contract(
    name="screened_lines",
    doc="Every accepted sourcing line with normalised keys, the indicators that fired and its score.",
    key=("line_id",),
    columns=(
        Column("line_id", S, "Line id from the input, or <file>:<row> when the input had none.",
               nullable=False),
        Column("supplier_id", S, "Supplier id from the input.", nullable=False),
        Column("supplier_name", S, "Supplier name from the suppliers file."),
        Column("source_file", S, "Name of the sourcing file the line came from.", nullable=False),
        Column("source_row", pa.int64(), "Row number of the line in that file, as a spreadsheet shows it.",
               nullable=False),
        Column("commodity", S, "Commodity description as written in the input."),
        Column("hs_code_raw", S, "HS or HTS code as written in the input."),
        Column("hs_code", S, "HS or HTS code, digits only."),
        Column("country_of_origin", S, "Country of origin as written in the input."),
        Column("quantity", pa.float64(), "Quantity from the input."),
        Column("unit", S, "Unit of measure from the input."),
        Column("value_usd", pa.float64(), "Line value in US dollars from the input."),
        Column("date", pa.date32(), "Date from the input."),
        Column("country_iso3", S, "ISO 3166-1 alpha-3 code of the origin country used for screening."),
        Column("country_name", S, "Short English name of country_iso3."),
        Column("country_source", S,
               "Where country_iso3 came from: line, supplier (fallback) or unknown.", nullable=False),
        Column("commodity_id", S, "Canonical commodity id (data/commodities.csv)."),
        Column("commodity_label", S, "Display name of commodity_id."),
        Column("commodity_method", S,
               "How the commodity was found: ilab_name, synonym, fuzzy, phrase (a known name inside a longer "
               "description), hs or unmapped.",
               nullable=False),
        Column("commodity_detail", S, "What matched, e.g. 'synonym \"cocoa beans\"'."),
        Column("tip_tier", S, "Latest known TIP Report tier of country_iso3."),
        Column("tip_report_year", pa.int32(), "TIP Report year tip_tier comes from."),
        Column("indicators", EVIDENCE_TYPE,
               "Every indicator that fired: name, source list, edition, weight, detail.",
               nullable=False),
        Column("score", pa.float64(), "Sum of indicator weights, capped (data/scoring.toml).",
               nullable=False),
        Column("band", S, "low, medium, high or critical, from the score's cut-offs.",
               nullable=False),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectColumnValuesToNotBeNull(column="line_id"),
        gx.expectations.ExpectColumnValuesToBeUnique(column="line_id"),
        gx.expectations.ExpectColumnValuesToNotBeNull(column="supplier_id"),
        gx.expectations.ExpectColumnValuesToBeBetween(column="score", min_value=0, max_value=100),
        gx.expectations.ExpectColumnValuesToBeInSet(column="band", value_set=list(BANDS)),
        gx.expectations.ExpectColumnValuesToBeInSet(
            column="country_source", value_set=["line", "supplier", "unknown"]),
        gx.expectations.ExpectColumnValuesToMatchRegex(column="country_iso3", regex=r"^[A-Z]{3}$"),
    ]
