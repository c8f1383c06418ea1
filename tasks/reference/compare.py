"""Compare two editions of one list (files or installed editions) and write the diff as Parquet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from schemas import reference_diff
from tasks import expectations
from tasks.publish import to_table
from tasks.reference import ReferenceDataError
from tasks.reference.diff import change_counts, diff_editions
from tasks.reference.editions import from_spec

FIRST_ROWS = 10


@dataclass
class Comparison:
    list: str
    old: str  # edition labels
    new: str
    old_source: str  # file compared
    new_source: str
    diff: pd.DataFrame  # reference_diff rows
    counts: dict[str, int]


def compare(old: str, new: str, root: Path, list_name: str | None = None) -> Comparison:
    """Diff of OLD -> NEW; each 'list:edition' (installed) or a file in any accepted format."""
    before = from_spec(str(old), Path(root), list_name)
    try:
        after = from_spec(str(new), Path(root), list_name)
    except ReferenceDataError:
        if list_name is not None:
            raise
        after = from_spec(str(new), Path(root), before.list)  # e.g. the scrape JSON
    if before.list != after.list:
        raise ReferenceDataError(f"{old} is a {before.list} edition and {new} a {after.list} one; "
                                 "compare two editions of the same list")
    diff = diff_editions(before.list, before.frame, after.frame, before.edition, after.edition)
    return Comparison(before.list, before.edition, after.edition, str(before.path), str(after.path),
                      diff, change_counts(diff))


def write(comparison: Comparison, out: Path) -> Path:
    """OUT/<list>_<old>_to_<new>.parquet, checked against schemas/reference_diff.py; returns its path."""
    failures = expectations.run(comparison.diff, reference_diff.expectations(), "reference_diff")
    if failures:
        raise RuntimeError(f"reference_diff failed its checks: {failures}")
    name = re.sub(r"[^A-Za-z0-9._-]+", "_",
                  f"{comparison.list}_{comparison.old}_to_{comparison.new}") + ".parquet"
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    table = to_table(comparison.diff, reference_diff.CONTRACT, {
        "list": comparison.list, "old_edition": comparison.old, "new_edition": comparison.new,
        "old_source": comparison.old_source, "new_source": comparison.new_source})
    temporary = out / f".{name}.tmp"
    pq.write_table(table, temporary)
    return temporary.replace(out / name)


def summary_lines(comparison: Comparison) -> list[str]:
    counts = comparison.counts
    lines = [f"{comparison.list}: {comparison.old} -> {comparison.new}: {counts['added']} added, "
             f"{counts['removed']} removed, {counts['changed']} changed"]
    for row in comparison.diff.head(FIRST_ROWS).itertuples(index=False):
        lines.append(f"  {row.change:<8} {describe(row)}: {row.old_value or '-'} -> {row.new_value or '-'}")
    if len(comparison.diff) > FIRST_ROWS:
        lines.append(f"  ... and {len(comparison.diff) - FIRST_ROWS} more")
    return lines


def describe(row) -> str:
    """What a diff row is about: 'Cocoa x Côte d'Ivoire (CIV)', 'Myanmar (MMR)' or an entity name."""
    if row.name:
        return f"{row.name}" + (f" ({row.country_iso3})" if row.country_iso3 else "")
    place = f"{row.country} ({row.country_iso3})"
    return f"{row.good} x {place}" if row.good else place


def markdown(comparison: Comparison, parquet: Path | None = None) -> str:
    """Summary and first rows of the diff, for a Prefect artifact."""
    counts = comparison.counts
    lines = [f"# {comparison.list}: {comparison.old} → {comparison.new}", "",
             f"**{counts['added']}** added, **{counts['removed']}** removed, "
             f"**{counts['changed']}** changed.", "",
             f"Old: `{comparison.old_source}`  ", f"New: `{comparison.new_source}`"]
    if parquet is not None:
        lines.append(f"Diff: `{parquet}`")
    if len(comparison.diff):
        lines += ["", f"First {min(FIRST_ROWS, len(comparison.diff))} of {len(comparison.diff)} rows:", "",
                  "| change | what | old | new |", "|---|---|---|---|"]
        for row in comparison.diff.head(FIRST_ROWS).itertuples(index=False):
            cells = [row.change, describe(row), row.old_value or "", row.new_value or ""]
            lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
