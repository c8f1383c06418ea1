"""supplier_risk output: one row per accepted supplier."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import BANDS, EVIDENCE_TYPE, Column, Contract

S = pa.string()

CONTRACT = Contract(
    name="supplier_risk",
    doc="Each accepted supplier with its lines' exposure and risk.",
    key=("supplier_id",),
    columns=(
        Column("supplier_id", S, "Supplier id from the input.", nullable=False),
        Column("name", S, "Supplier name from the input."),
        Column("country", S, "Supplier country as written in the input."),
        Column("country_iso3", S, "ISO 3166-1 alpha-3 code of the supplier country."),
        Column("address", S, "Address from the input."),
        Column("sector", S, "Sector from the input."),
        Column("source_row", pa.int64(), "Row of the supplier in the suppliers file.", nullable=False),
        Column("lines", pa.int64(), "Accepted sourcing lines of this supplier.", nullable=False),
        Column("total_value_usd", pa.float64(), "Sum of value_usd over those lines."),
        Column("max_score", pa.float64(),
               "Highest line score; for a supplier without lines, supplier_score; else null."),
        Column("value_weighted_score", pa.float64(),
               "Line scores weighted by value_usd (plain mean where values are missing)."),
        Column("supplier_score", pa.float64(),
               "Score of the supplier-level evidence alone (entity hits, Xinjiang address); null if none."),
        Column("supplier_indicators", EVIDENCE_TYPE,
               "Supplier-level evidence: indicator, source, edition, weight, detail. It also "
               "appears in the evidence of each of the supplier's lines."),
        Column("entity_hits", pa.list_(S),
               "Restricted-list or watchlist entities the supplier matched (match band): 'list: name'. "
               "Details and review candidates are in entity_matches."),
        Column("band", S, "Band of max_score; null when the supplier has no lines and no evidence."),
        Column("top_drivers", pa.list_(S), "Up to three indicators carrying most weight across lines."),
        Column("commodities", pa.list_(S), "Distinct commodity ids sourced from this supplier."),
        Column("input_hash", S,
               "Fingerprint of the supplier's input row and lines; unchanged input, unchanged hash. "
               "The changes output uses it to tell input changes from list updates.", nullable=False),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectColumnValuesToNotBeNull(column="supplier_id"),
        gx.expectations.ExpectColumnValuesToBeUnique(column="supplier_id"),
        gx.expectations.ExpectColumnValuesToBeBetween(column="max_score", min_value=0,
                                                      max_value=100),
        gx.expectations.ExpectColumnValuesToBeInSet(column="band", value_set=list(BANDS)),
        gx.expectations.ExpectColumnValuesToBeBetween(column="lines", min_value=0),
    ]
