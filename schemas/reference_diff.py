"""reference_diff output: the differences between two editions of one reference list."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract

S = pa.string()
LISTS = ("ilab_tvpra", "ilab_eo13126", "tip", "uflpa", "wro")
CHANGES = ("added", "removed", "changed")

CONTRACT = Contract(
    name="reference_diff",
    doc="One row per difference between an old and a new edition of one list. Keys: good and "
        "country_iso3 (ilab_tvpra, ilab_eo13126), country_iso3 (tip), entity_id (uflpa, wro).",
    key=("list", "good", "country_iso3", "entity_id"),
    columns=(
        Column("list", S, "ilab_tvpra, ilab_eo13126, tip, uflpa or wro.", nullable=False),
        Column("change", S, "added (only in new), removed (only in old) or changed.", nullable=False),
        Column("good", S, "Good or product (ILAB lists); null otherwise."),
        Column("country_iso3", S, "ISO alpha-3 of the country (ILAB lists, TIP; WRO where known)."),
        Column("country", S, "Country as the source writes it (the new edition's, else the old's)."),
        Column("entity_id", S, "Stable entity id (UFLPA, WRO); null otherwise."),
        Column("name", S, "Entity name (UFLPA, WRO); null otherwise."),
        Column("old_value", S, "Before: labour types '|'-joined (ilab_tvpra), 'Tier X (year)' of "
               "the latest placement (tip), status (uflpa, wro), 'listed' (ilab_eo13126); "
               "null when added."),
        Column("new_value", S, "After, as old_value; null when removed."),
        Column("old_edition", S, "Edition (or file) compared from.", nullable=False),
        Column("new_edition", S, "Edition (or file) compared to.", nullable=False),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectColumnValuesToBeInSet(column="list", value_set=list(LISTS)),
        gx.expectations.ExpectColumnValuesToBeInSet(column="change", value_set=list(CHANGES)),
        gx.expectations.ExpectColumnValuesToNotBeNull(column="old_edition"),
        gx.expectations.ExpectColumnValuesToNotBeNull(column="new_edition"),
    ]
