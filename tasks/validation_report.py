"""Validation results as markdown: per input file, rows read, accepted and quarantined,
problems by rule and column with counts, and the first examples."""

from __future__ import annotations

import pandas as pd

from tasks.ingest import ROW, Ingested
from tasks.validate import Validated

EXAMPLES = 5


def summary(ingested: Ingested, validated: Validated, examples: int = EXAMPLES) -> dict:
    """Counts and first examples of one validated input file."""
    problems = validated.problems.fillna({"column": "(row)"})
    by_rule = (problems.groupby(["rule", "column"], sort=False)
               .agg(rows=(ROW, "nunique"), first_row=(ROW, "min")).reset_index()
               .sort_values(["rows", "first_row"], ascending=[False, True], kind="stable"))
    return {
        "dataset": ingested.dataset,
        "file": ingested.path.name,
        "rows_read": ingested.rows_read,
        "rows_accepted": len(validated.accepted),
        "rows_quarantined": int(validated.problems[ROW].nunique()),
        "by_rule": by_rule[["rule", "column", "rows"]].to_dict("records"),
        "examples": problems.head(examples)[[ROW, "column", "value", "rule", "message"]]
        .rename(columns={ROW: "row"}).to_dict("records"),
        "notes": list(ingested.notes),
    }


def markdown(results: list[tuple[Ingested, Validated]], examples: int = EXAMPLES) -> str:
    """One markdown document for all input files of a run."""
    summaries = [summary(i, v, examples) for i, v in results]
    lines = ["# Input validation", "", "| dataset | file | read | accepted | quarantined |",
             "|---|---|---:|---:|---:|"]
    lines += [f"| {s['dataset']} | {_cell(s['file'])} | {s['rows_read']:,} | "
              f"{s['rows_accepted']:,} | {s['rows_quarantined']:,} |" for s in summaries]
    for s in summaries:
        lines += ["", f"## {s['dataset']}: `{s['file']}`", ""]
        lines += [f"- {_cell(note)}" for note in s["notes"]]
        if not s["by_rule"]:
            lines += ["", "No problems: every row was accepted."]
            continue
        lines += ["", "| rule | column | rows |", "|---|---|---:|"]
        lines += [f"| {r['rule']} | {_cell(r['column'])} | {r['rows']:,} |" for r in s["by_rule"]]
        lines += ["", f"First problems (of {s['rows_quarantined']:,} rows):", "",
                  "| row | column | value | rule | message |", "|---:|---|---|---|---|"]
        lines += [f"| {e['row']} | {_cell(e['column'])} | {_cell(e['value'])} | {e['rule']} | "
                  f"{_cell(e['message'])} |" for e in s["examples"]]
    return "\n".join(lines) + "\n"


def _cell(value) -> str:
    """Table-safe text: pipes escaped, newlines flattened, long values cut."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "-"
    text = " ".join(str(value).split()).replace("|", "\\|")
    return text if len(text) <= 60 else text[:57] + "..."
