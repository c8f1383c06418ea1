"""Generate docs/outputs.md from the output contracts: `python -m schemas.docs [--check]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from schemas import OUTPUTS
from schemas.contract import SCHEMA_VERSION

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "outputs.md"


def _type(arrow_type) -> str:
    return str(arrow_type).replace("<item: ", "<").replace("list<element: ", "list<")


def render() -> str:
    lines = ["# Output datasets", "",
             "Generated from `schemas/` by `python -m schemas.docs`; do not edit by hand.", "",
             f"Schema version **{SCHEMA_VERSION}** (see docs/schema_changes.md for migrations).", "",
             "Each run writes `OUT/runs/<run_id>/<dataset>.parquet` plus `manifest.json`, and points",
             "`OUT/latest` at the newest complete run. Every Parquet file carries the run id, the",
             "reference editions and the schema version as key-value metadata, and each column's",
             "description as field metadata.", ""]
    for name, module in OUTPUTS.items():
        contract = module.CONTRACT
        lines += [f"## `{name}`", "", contract.doc, ""]
        if contract.key:
            lines += [f"Key: {', '.join(f'`{k}`' for k in contract.key)}.", ""]
        lines += ["| column | type | nulls | description |", "|---|---|---|---|"]
        for column in contract.columns:
            doc = column.doc.replace("|", "\\|")
            lines.append(f"| `{column.name}` | `{_type(column.type)}` | "
                         f"{'yes' if column.nullable else 'no'} | {doc} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m schemas.docs", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if docs/outputs.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if current != text:
            print(f"{DOC_PATH} is out of date: run python -m schemas.docs", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.parent.mkdir(exist_ok=True)
    DOC_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DOC_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
