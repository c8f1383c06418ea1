"""Suppliers input: one row per supplier (factory, vendor, producer)."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract

CONTRACT = Contract(
    name="suppliers",
    doc="Supplier master data as delivered by the user, after header mapping.",
    key=("supplier_id",),
    columns=(
        Column("supplier_id", pa.string(), "The user's identifier of the supplier.", required=True,
               synonyms=("supplier id", "vendor id", "vendor", "vendor number", "vendor no",
                         "supplier code", "supplier no", "supplier number", "factory id",
                         "id", "supplierid", "vendor_id")),
        Column("name", pa.string(), "Supplier legal or trading name.", required=True,
               synonyms=("supplier name", "supplier", "vendor name", "factory name", "factory",
                         "company", "company name", "legal name", "producer", "manufacturer")),
        Column("country", pa.string(), "Country of the supplier, any spelling or code.",
               required=True,
               synonyms=("supplier country", "vendor country", "country name", "country code",
                         "location country", "factory country", "nation")),
        Column("address", pa.string(), "Street address, free text.",
               synonyms=("supplier address", "factory address", "street address", "location")),
        Column("sector", pa.string(), "Industry or sector, free text.",
               synonyms=("industry", "category", "supplier category", "segment")),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectColumnValuesToNotBeNull(column="supplier_id"),
        gx.expectations.ExpectColumnValuesToNotBeNull(column="name"),
    ]
