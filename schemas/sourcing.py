"""Sourcing lines input: one row per purchase-order or shipment line."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract

HS_PATTERN = r"^\d{2,10}$"

CONTRACT = Contract(
    name="sourcing",
    doc="Sourcing lines as delivered by the user, after header mapping and type coercion.",
    key=("line_id",),
    columns=(
        Column("line_id", pa.string(),
               "The user's identifier of the line; generated from file and row when absent.",
               synonyms=("line id", "po line", "po line id", "order line", "line", "line no",
                         "line number", "shipment id", "record id")),
        Column("supplier_id", pa.string(), "Supplier identifier, as in the suppliers file.",
               required=True,
               synonyms=("supplier id", "vendor id", "vendor", "vendor number", "vendor no",
                         "supplier code", "supplier no", "supplier number", "factory id")),
        Column("commodity", pa.string(), "Commodity or item description, free text.",
               synonyms=("item description", "item", "description", "product",
                         "product description", "material", "material description", "goods",
                         "good", "commodity description", "raw material")),
        Column("hs_code", pa.string(), "HS or HTS code as written by the user.",
               synonyms=("hs code", "hs", "hts", "hts code", "hs6", "tariff code",
                         "customs code", "commodity code", "harmonized code", "hscode")),
        Column("country_of_origin", pa.string(),
               "Country where the goods were produced; falls back to the supplier's country.",
               synonyms=("country of origin", "origin country", "origin", "coo",
                         "country origin", "made in", "producing country", "country")),
        Column("quantity", pa.float64(), "Quantity in `unit`.",
               synonyms=("qty", "quantity", "volume", "amount")),
        Column("unit", pa.string(), "Unit of measure.", synonyms=("uom", "unit of measure", "units")),
        Column("value_usd", pa.float64(), "Line value in US dollars.",
               synonyms=("value (usd)", "value usd", "value", "usd", "amount usd", "line value",
                         "total value", "spend", "spend usd", "invoice value")),
        Column("date", pa.date32(), "Order, shipment or invoice date.",
               synonyms=("ship date", "shipment date", "order date", "po date", "invoice date",
                         "delivery date")),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectColumnValuesToNotBeNull(column="supplier_id"),
        gx.expectations.ExpectColumnValuesToMatchRegex(column="hs_code", regex=HS_PATTERN),
        gx.expectations.ExpectColumnValuesToBeBetween(column="quantity", min_value=0),
        gx.expectations.ExpectColumnValuesToBeBetween(column="value_usd", min_value=0),
    ]
