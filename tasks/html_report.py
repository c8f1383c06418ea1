"""A one-file HTML report of a run: counts, pictures, top hotspots, suppliers and changes."""

from __future__ import annotations

import base64
import html

import pandas as pd

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
th{background:#f3f3f3} img{max-width:100%} .critical{color:#cc0000;font-weight:bold}
"""
HOTSPOT_COLUMNS = ["rank", "country_name", "commodity_label", "lines", "suppliers", "total_value_usd",
                   "exposure_share", "score", "band", "priority"]
SUPPLIER_COLUMNS = ["supplier_id", "name", "country_iso3", "lines", "total_value_usd", "max_score",
                    "value_weighted_score", "band", "top_drivers"]
CHANGE_COLUMNS = ["supplier_id", "name", "change", "old_band", "new_band", "cause", "cause_detail"]


def _table(frame: pd.DataFrame, columns: list[str], rows: int = 20) -> str:
    if frame.empty:
        return "<p>None.</p>"
    shown = frame[columns].head(rows).copy()
    for column in shown.columns:
        if shown[column].dtype == object:
            shown[column] = shown[column].map(lambda v: ", ".join(map(str, v)) if hasattr(v, "__len__")
                                              and not isinstance(v, str) else v)
    return shown.to_html(index=False, na_rep="-", float_format=lambda v: f"{v:,.2f}", border=0)


def _image(png: bytes, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def render(run_id: str, counts: dict[str, int], rows: dict[str, dict[str, int]], hotspots: pd.DataFrame,
           suppliers: pd.DataFrame, changes: pd.DataFrame, pictures: dict[str, bytes]) -> str:
    bands = "".join(f"<tr><td>{html.escape(b)}</td><td>{n}</td></tr>" for b, n in counts.items())
    inputs = "".join(f"<tr><td>{html.escape(d)}</td><td>{r['read']}</td><td>{r['accepted']}</td>"
                     f"<td>{r['quarantined']}</td></tr>" for d, r in rows.items())
    ranked = suppliers.sort_values(["max_score", "total_value_usd"], ascending=False, na_position="last")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Screening run {html.escape(run_id)}</title><style>{STYLE}</style></head><body>
<h1>Screening run <code>{html.escape(run_id)}</code></h1>
<h2>Inputs</h2><table><tr><th>input</th><th>read</th><th>screened</th><th>quarantined</th></tr>{inputs}</table>
<h2>Lines per band</h2><table><tr><th>band</th><th>lines</th></tr>{bands}</table>
<h2>Where the risk is</h2>{_image(pictures["heatmap"], "country x commodity risk heatmap")}
<h2>Top hotspots (exposure x risk)</h2>{_table(hotspots, HOTSPOT_COLUMNS)}
<h2>Top suppliers</h2>{_image(pictures["top_suppliers"], "top suppliers by score")}
{_table(ranked, SUPPLIER_COLUMNS)}
<h2>Changes since the previous run</h2>{_table(changes, CHANGE_COLUMNS, rows=50)}
<p>Every score is explained in <code>screened_lines.parquet</code> (column <code>indicators</code>);
dataset and column docs are in each Parquet file's schema and in docs/outputs.md.</p>
</body></html>
"""
