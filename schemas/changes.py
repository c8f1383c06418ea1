"""changes output: suppliers that appeared, disappeared or changed band since the previous run."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import BANDS, Column, Contract

S = pa.string()
CHANGES = ("new_supplier", "removed_supplier", "escalated", "de-escalated")

CONTRACT = Contract(
    name="changes",
    doc="Run-over-run changes per supplier against the run `latest` pointed at before this one. "
        "Empty on the first run into an output folder.",
    key=("supplier_id",),
    columns=(
        Column("supplier_id", S, "Supplier id.", nullable=False),
        Column("name", S, "Supplier name (this run's, else the previous run's)."),
        Column("change", S, "new_supplier, removed_supplier, escalated or de-escalated.", nullable=False),
        Column("old_band", S, "Band in the previous run; null for a new supplier."),
        Column("new_band", S, "Band in this run; null for a removed supplier."),
        Column("old_score", pa.float64(), "max_score in the previous run."),
        Column("new_score", pa.float64(), "max_score in this run."),
        Column("new_high_or_critical", pa.bool_(), "Now high or critical, and was not before.",
               nullable=False),
        Column("cause", S,
               "input_data (the supplier's row or lines changed, or it is new or gone), "
               "reference_update, scoring_config, analyst_decisions, watchlist_update, "
               "combinations of these, or code_change.",
               nullable=False),
        Column("cause_detail", S, "Which lists changed edition, or what changed in the input."),
        Column("previous_run_id", S, "Run compared with.", nullable=False),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectColumnValuesToBeUnique(column="supplier_id"),
        gx.expectations.ExpectColumnValuesToBeInSet(column="change", value_set=list(CHANGES)),
        gx.expectations.ExpectColumnValuesToBeInSet(column="old_band", value_set=list(BANDS)),
        gx.expectations.ExpectColumnValuesToBeInSet(column="new_band", value_set=list(BANDS)),
    ]
