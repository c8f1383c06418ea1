"""A dataset contract: columns with types, docs and accepted header names.

Each module in `schemas/` declares one `Contract` and a function returning its
Great Expectations expectations. The pyarrow schema is generated from the
contract, so docs travel with the Parquet files as field metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

SCHEMA_VERSION = "1.1"
BANDS = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str
    required: bool = False
    nullable: bool = True
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contract:
    name: str
    doc: str
    columns: tuple[Column, ...]
    version: str = SCHEMA_VERSION
    key: tuple[str, ...] = field(default=())

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    def arrow_schema(self) -> pa.Schema:
        fields = [
            pa.field(c.name, c.type, nullable=c.nullable, metadata={"doc": c.doc})
            for c in self.columns
        ]
        return pa.schema(
            fields,
            metadata={"dataset": self.name, "doc": self.doc, "schema_version": self.version},
        )


EVIDENCE_TYPE = pa.list_(
    pa.struct(
        [
            pa.field("indicator", pa.string(), nullable=False),
            pa.field("source", pa.string()),
            pa.field("edition", pa.string()),
            pa.field("weight", pa.float64(), nullable=False),
            pa.field("detail", pa.string()),
        ]
    )
)
