"""Markdown summary of a run, for the Prefect UI and for people reading the run folder."""

from __future__ import annotations


def _value(value) -> str:
    return "-" if value is None or value != value else f"{value:,.0f}"


def markdown(summary) -> str:
    lines = [f"# Screening run `{summary.run_dir.name}`", "",
             f"Outputs: `{summary.run_dir}`", "", "| input | read | screened | quarantined |",
             "|---|---:|---:|---:|"]
    lines += [f"| {name} | {r['read']} | {r['accepted']} | {r['quarantined']} |"
              for name, r in summary.rows.items()]
    lines += ["", *[f"- {note}" for note in summary.notes]]
    lines += ["", "| band | lines |", "|---|---:|"]
    lines += [f"| {band} | {count} |" for band, count in summary.counts_per_band.items()]
    lines += ["", "## Top hotspots", "",
              "| # | country | commodity | lines | suppliers | value USD | score | band |",
              "|---:|---|---|---:|---:|---:|---:|---|"]
    lines += [f"| {h['rank']} | {h['country_name']} | {h['commodity_label']} | {h['lines']} | "
              f"{h['suppliers']} | {_value(h['total_value_usd'])} | {h['score']:.0f} | {h['band']} |"
              for h in summary.top_hotspots]
    lines += ["", f"## Entity screening: {len(summary.entity_hits)} matches, "
              f"{summary.entity_reviews} to review", ""]
    lines += [f"- {h['supplier_id']} {h['supplier_name']} = {h['list']} \"{h['matched_name']}\" "
              f"(score {h['score']:.0f}, {h['decision']})" for h in summary.entity_hits]
    lines += ["", f"## Changes since the previous run ({summary.changes_total})", ""]
    if summary.changes:
        lines += ["| supplier | name | change | old band | new band | cause |", "|---|---|---|---|---|---|"]
        lines += [f"| {c['supplier_id']} | {c['name']} | {c['change']} | {c['old_band'] or '-'} | "
                  f"{c['new_band'] or '-'} | {c['cause']} |" for c in summary.changes]
    else:
        lines.append("None (or no previous run in this output folder).")
    report = summary.run_dir / "report.html"
    lines += ["", f"Pictures and the full report: [{report.name}]({report.resolve().as_uri()}) "
              "(`heatmap.png`, `top_suppliers.png` beside it)."]
    if summary.first_problems:
        lines += ["", f"## Quarantine ({summary.quarantine_rows} rows; first ones)", ""]
        lines += [f"- {p['source_file']} row {p['row_number']}: {p['reason']}"
                  for p in summary.first_problems]
    return "\n".join(lines) + "\n"
