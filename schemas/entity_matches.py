"""entity_matches output: one row per (supplier, list entity) pair flagged by entity screening."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract

S = pa.string()
ENTITY_BANDS = ("match", "review")
ENTITY_DECISIONS = ("auto_match", "pending_review", "confirmed")

CONTRACT = Contract(
    name="entity_matches",
    doc="Suppliers matched to UFLPA / WRO entities or user watchlists, with the name matched, the score "
        "and why (tasks/entity_match.py; thresholds in data/entity_matching.toml).",
    key=("supplier_id", "list_entity_id"),
    columns=(
        Column("supplier_id", S, "Supplier id from the suppliers file.", nullable=False),
        Column("supplier_name", S, "Supplier name as written in the suppliers file.", nullable=False),
        Column("supplier_country_iso3", S, "Supplier country (ISO alpha-3); null when unknown."),
        Column("list", S, "List matched: uflpa, wro or the name of a user watchlist.", nullable=False),
        Column("list_edition", S, "Edition of that list (a date, or a file hash for watchlists)."),
        Column("list_entity_id", S, "Stable id of the list entity (sha1 of list and canonical name).",
               nullable=False),
        Column("entity_name", S, "Primary name of the list entity.", nullable=False),
        Column("entity_kind", S, "Kind of list entity (company; vessel for vessel owners)."),
        Column("list_status", S, "Status on the list (Active, Partially Modified, Inactive, ...)."),
        Column("list_country_iso3", S, "Country the list gives for the entity; null when it gives none."),
        Column("matched_name", S, "The list name or alias that matched.", nullable=False),
        Column("name_type", S, "Whether matched_name is the entity's name or an alias.", nullable=False),
        Column("alias_note", S, "The entity's note on the list, e.g. 'and its subordinate and affiliated "
               "entities'."),
        Column("score", pa.float64(), "Combined score 0-100: name similarity, rare-token coverage, country.",
               nullable=False),
        Column("band", S, "match (at or above the match threshold, or confirmed) or review.", nullable=False),
        Column("decision", S, "auto_match, pending_review, or confirmed (by an analyst's decision).",
               nullable=False),
        Column("explanation", S, "Normalised forms compared, rare tokens shared, what lowered the score, "
               "and any analyst decision.", nullable=False),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectColumnValuesToNotBeNull(column="supplier_id"),
        gx.expectations.ExpectColumnValuesToNotBeNull(column="list_entity_id"),
        gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=["supplier_id", "list_entity_id"]),
        gx.expectations.ExpectColumnValuesToBeBetween(column="score", min_value=0, max_value=100),
        gx.expectations.ExpectColumnValuesToBeInSet(column="band", value_set=list(ENTITY_BANDS)),
        gx.expectations.ExpectColumnValuesToBeInSet(column="decision", value_set=list(ENTITY_DECISIONS)),
        gx.expectations.ExpectColumnValuesToBeInSet(column="name_type", value_set=["name", "alias"]),
        gx.expectations.ExpectColumnValuesToNotBeNull(column="explanation"),
    ]
