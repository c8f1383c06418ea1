"""Differences between two editions of the TVPRA list, one row per good × country."""

from __future__ import annotations

import pandas as pd

FLAGS = ("child_labor", "forced_labor", "forced_child_labor", "derived")
KEY = ["good", "country_iso3"]


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for flag in FLAGS:  # the 2020 layout has no derived goods
        frame[flag] = frame[flag].astype(bool) if flag in frame else False
    return frame[[*KEY, "country", *FLAGS]]


def diff_tvpra(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Rows added, removed or changed (any flag) from `old` to `new`, keyed by good and country_iso3.

    Columns: good, country_iso3, country, change ("added" / "removed" / "changed"), then
    old_<flag> and new_<flag> for each flag (empty on the side where the row is absent).
    Good names must be comparable (NFC, as in ilab_goods.csv); a renamed good is removed + added.
    """
    merged = _prepare(old).merge(_prepare(new), on=KEY, how="outer", suffixes=("_old", "_new"),
                                 indicator=True)
    merged["change"] = merged["_merge"].astype(str).map(
        {"left_only": "removed", "right_only": "added", "both": ""})
    both = merged["_merge"] == "both"
    differs = pd.Series(False, index=merged.index)
    for flag in FLAGS:
        differs |= both & (merged[f"{flag}_old"] != merged[f"{flag}_new"])
    merged.loc[differs, "change"] = "changed"
    merged = merged[merged["change"] != ""]
    result = pd.DataFrame({
        "good": merged["good"], "country_iso3": merged["country_iso3"],
        "country": merged["country_new"].fillna(merged["country_old"]), "change": merged["change"],
    })
    for flag in FLAGS:
        result[f"old_{flag}"] = merged[f"{flag}_old"].astype("boolean")
        result[f"new_{flag}"] = merged[f"{flag}_new"].astype("boolean")
    return result.sort_values(KEY, ignore_index=True)
