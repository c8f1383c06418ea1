"""Pictures of a run: a country x commodity risk heatmap and a top-suppliers chart (PNG bytes)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # files only, no screen
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap

BAND_COLOURS = {"low": "#d9ead3", "medium": "#ffe599", "high": "#f6b26b", "critical": "#cc0000"}
TOP_COUNTRIES = 15
TOP_COMMODITIES = 15
TOP_SUPPLIERS = 15


def _band_scale(edges: list[float]) -> tuple[ListedColormap, BoundaryNorm]:
    colours = list(BAND_COLOURS.values())
    return ListedColormap(colours), BoundaryNorm([0, *edges, 100.0001], len(colours))


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def heatmap(hotspots: pd.DataFrame, band_edges: list[float]) -> bytes:
    """Score of each (country, commodity) pair among the pairs with the most exposure.

    Rows and columns are the countries and commodities with the highest summed priority;
    a cell shows the pair's score, blank where nothing is sourced.
    """
    by_country = hotspots.groupby("country_name")["priority"].sum().nlargest(TOP_COUNTRIES)
    by_commodity = hotspots.groupby("commodity_label")["priority"].sum().nlargest(TOP_COMMODITIES)
    shown = hotspots[hotspots["country_name"].isin(by_country.index)
                     & hotspots["commodity_label"].isin(by_commodity.index)]
    grid = (shown.pivot_table(index="country_name", columns="commodity_label", values="score", aggfunc="max")
            .reindex(index=by_country.index, columns=by_commodity.index))
    cmap, norm = _band_scale(band_edges)
    figure, axes = plt.subplots(figsize=(1.0 + 0.55 * max(len(grid.columns), 4),
                                         1.5 + 0.4 * max(len(grid.index), 3)))
    axes.imshow(np.ma.masked_invalid(grid.to_numpy(dtype=float)), cmap=cmap, norm=norm, aspect="auto")
    axes.set_xticks(range(len(grid.columns)), grid.columns, rotation=45, ha="right")
    axes.set_yticks(range(len(grid.index)), grid.index)
    for (row, col), value in np.ndenumerate(grid.to_numpy(dtype=float)):
        if not np.isnan(value):
            axes.text(col, row, f"{value:.0f}", ha="center", va="center", fontsize=8,
                      color="white" if value >= band_edges[-1] else "black")
    axes.set_title("Risk score by origin country and commodity\n"
                   "(ordered by exposure x risk; blank: not sourced)", fontsize=10)
    _band_legend(axes)
    return _png(figure)


def top_suppliers(supplier_risk: pd.DataFrame) -> bytes:
    """Bar chart of the suppliers with the highest max score, largest value first on ties."""
    ranked = (supplier_risk.dropna(subset=["max_score"])
              .sort_values(["max_score", "total_value_usd"], ascending=[False, False], na_position="last")
              .head(TOP_SUPPLIERS).iloc[::-1])
    figure, axes = plt.subplots(figsize=(8, 1.2 + 0.35 * max(len(ranked), 3)))
    labels = [f"{name[:40]} ({sid})" for name, sid in zip(ranked["name"].fillna("?"), ranked["supplier_id"],
                                                            strict=True)]
    axes.barh(labels, ranked["max_score"], color=[BAND_COLOURS.get(b, "#999999") for b in ranked["band"]])
    for y, (score, value) in enumerate(zip(ranked["max_score"], ranked["total_value_usd"], strict=True)):
        text = f"{score:.0f}" + (f"  ${value:,.0f}" if pd.notna(value) else "")
        axes.text(min(score, 100) + 1, y, text, va="center", fontsize=8)
    axes.set_xlim(0, 135)
    axes.set_xlabel("max line score (0-100)")
    axes.set_title(f"Top {len(ranked)} suppliers by risk score", fontsize=10)
    _band_legend(axes)
    return _png(figure)


def _band_legend(axes) -> None:
    handles = [plt.Rectangle((0, 0), 1, 1, color=colour) for colour in BAND_COLOURS.values()]
    axes.legend(handles, list(BAND_COLOURS), title="band", fontsize=7, title_fontsize=8,
                loc="upper left", bbox_to_anchor=(1.01, 1))
