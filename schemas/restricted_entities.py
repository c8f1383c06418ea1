"""UFLPA Entity List and CBP WRO / Findings, one edition of one list (as in derived/entities.csv)."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract
from schemas.reference_rules import MIN_ROW_RATIO, required, row_count

S = pa.string()
LISTS = ("uflpa", "wro")
STATUSES = ("Active", "Partially Modified", "Inactive", "Inactive-Pending Litigation")
KINDS = ("company", "vessel", "region", "product")

CONTRACT = Contract(
    name="restricted_entities",
    doc="Entities named by the UFLPA Entity List or a CBP Withhold Release Order / Finding.",
    key=("list", "entity_id"),
    columns=(
        Column("list", S, "uflpa or wro.", required=True, nullable=False),
        Column("edition", S, "Edition (scrape or publication date).", required=True, nullable=False),
        Column("entity_id", S, "Short sha1 of list and canonical name; stable across editions.",
               required=True, nullable=False),
        Column("name", S, "Entity name, aliases and notes split off.", required=True, nullable=False),
        Column("aliases", S, "Other names, '|'-joined."),
        Column("note", S, "'and subsidiaries' and similar qualifiers."),
        Column("entity_kind", S, "company, vessel, region or product.", required=True, nullable=False),
        Column("country_iso3", S, "ISO alpha-3 where known (WRO); null for fishing vessels."),
        Column("status", S, "One of: " + ", ".join(STATUSES) + ".", required=True, nullable=False),
        Column("listed_date", S, "ISO date(s) listed, '|'-joined.", required=True, nullable=False),
        Column("source_name", S, "The raw string(s) the entity came from."),
    ),
)


def expectations(previous_rows: int | None = None, ratio: float = MIN_ROW_RATIO) -> list:
    import great_expectations as gx

    return [
        *required([c.name for c in CONTRACT.columns if c.required]),
        row_count(previous_rows, ratio),
        *[gx.expectations.ExpectColumnValuesToNotBeNull(column=c) for c in ("entity_id", "name")],
        gx.expectations.ExpectColumnValuesToBeInSet(column="list", value_set=list(LISTS)),
        gx.expectations.ExpectColumnValuesToBeInSet(column="status", value_set=list(STATUSES)),
        gx.expectations.ExpectColumnValuesToBeInSet(column="entity_kind", value_set=list(KINDS)),
        gx.expectations.ExpectColumnValuesToBeUnique(column="entity_id"),
    ]
