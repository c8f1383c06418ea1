"""quarantine output: one row per rejected input row, with every problem found on it."""

from __future__ import annotations

import pyarrow as pa

from schemas.contract import Column, Contract

S = pa.string()

PROBLEM_TYPE = pa.list_(pa.struct([
    pa.field("column", S), pa.field("value", S), pa.field("rule", S), pa.field("message", S),
]))

CONTRACT = Contract(
    name="quarantine",
    doc="Input rows that were not screened, and why. Fix them in the source and rerun.",
    key=("dataset", "source_file", "row_number"),
    columns=(
        Column("dataset", S, "suppliers, sourcing or watchlist.", nullable=False),
        Column("source_file", S, "Name of the input file.", nullable=False),
        Column("row_number", pa.int64(), "Row in the input file, as a spreadsheet shows it.",
               nullable=False),
        Column("record_id", S, "supplier_id or line_id of the row, when it has one."),
        Column("column", S, "Column of the first problem."),
        Column("value", S, "Value of that cell as read."),
        Column("rule", S, "Rule the first problem broke.", nullable=False),
        Column("reason", S, "All problems of the row, as sentences.", nullable=False),
        Column("problems", PROBLEM_TYPE, "Every problem: column, value, rule, message.",
               nullable=False),
        Column("record", S, "The row as read, as a JSON object of canonical column names."),
    ),
)


def expectations() -> list:
    import great_expectations as gx

    return [
        gx.expectations.ExpectCompoundColumnsToBeUnique(
            column_list=["dataset", "source_file", "row_number"]),
        gx.expectations.ExpectColumnValuesToNotBeNull(column="rule"),
        gx.expectations.ExpectColumnValuesToBeInSet(column="dataset",
                                                    value_set=["suppliers", "sourcing", "watchlist"]),
    ]
