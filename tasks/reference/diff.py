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


# ---------------------------------------------------------------- every list, one long format

DIFF_COLUMNS = ["list", "change", "good", "country_iso3", "country", "entity_id", "name",
                "old_value", "new_value", "old_edition", "new_edition"]
CHANGE_ORDER = {"added": 0, "removed": 1, "changed": 2}


def _pairs(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Outer merge on `key` with change added / removed / "" (both sides)."""
    merged = old.merge(new, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    merged["change"] = merged["_merge"].astype(str).map(
        {"left_only": "removed", "right_only": "added", "both": ""})
    return merged


def diff_eo13126(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """EO 13126 product x country pairs added or removed (the list has no other fields)."""
    key = ["good", "country_iso3"]
    merged = _pairs(old[[*key, "country"]], new[[*key, "country"]], key)
    merged = merged[merged["change"] != ""]
    return pd.DataFrame({
        "good": merged["good"], "country_iso3": merged["country_iso3"],
        "country": merged["country_new"].fillna(merged["country_old"]), "change": merged["change"],
    }).sort_values(key, ignore_index=True)


def latest_tiers(tiers: pd.DataFrame) -> pd.DataFrame:
    """Each country's latest placement in one TIP edition: country_iso3, country, tier, report_year."""
    frame = tiers.assign(report_year=tiers["report_year"].astype(int))
    frame = frame.sort_values(["country_iso3", "report_year"]).drop_duplicates("country_iso3", keep="last")
    return frame[["country_iso3", "country", "tier", "report_year"]].reset_index(drop=True)


def diff_tip(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Per country, its latest placement in `old` against its latest in `new`: added (newly rated),
    removed (no longer rated), changed (another tier). Columns: country_iso3, country, change,
    old_tier, new_tier, old_report_year, new_report_year."""
    merged = _pairs(latest_tiers(old), latest_tiers(new), ["country_iso3"])
    both = merged["change"] == ""
    merged.loc[both & (merged["tier_old"] != merged["tier_new"]), "change"] = "changed"
    merged = merged[merged["change"] != ""]
    return pd.DataFrame({
        "country_iso3": merged["country_iso3"],
        "country": merged["country_new"].fillna(merged["country_old"]), "change": merged["change"],
        "old_tier": merged["tier_old"], "new_tier": merged["tier_new"],
        "old_report_year": merged["report_year_old"].astype("Int64"),
        "new_report_year": merged["report_year_new"].astype("Int64"),
    }).sort_values("country_iso3", ignore_index=True)


def diff_entities(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """UFLPA / WRO entities added or removed (by entity_id), or whose status changed.
    Columns: entity_id, name, country_iso3, change, old_status, new_status."""
    columns = ["entity_id", "name", "country_iso3", "status"]
    merged = _pairs(old[columns], new[columns], ["entity_id"])
    both = merged["change"] == ""
    merged.loc[both & (merged["status_old"] != merged["status_new"]), "change"] = "changed"
    merged = merged[merged["change"] != ""]
    return pd.DataFrame({
        "entity_id": merged["entity_id"], "name": merged["name_new"].fillna(merged["name_old"]),
        "country_iso3": merged["country_iso3_new"].fillna(merged["country_iso3_old"]),
        "change": merged["change"], "old_status": merged["status_old"],
        "new_status": merged["status_new"],
    }).sort_values(["name", "entity_id"], ignore_index=True)


def _labour(frame: pd.DataFrame, side: str) -> pd.Series:
    """'child_labor|forced_labor' from the old_/new_ flag columns; null where the row is absent."""
    flags = frame[[f"{side}_{flag}" for flag in FLAGS]].astype("boolean")
    present = flags.notna().all(axis=1)
    text = pd.Series("", index=frame.index, dtype=object)
    for flag in FLAGS:
        marked = flags[f"{side}_{flag}"].fillna(False).astype(bool)
        text[marked] = text[marked] + "|" + flag
    return text.str.lstrip("|").where(present, None)


def _tier_text(tier: pd.Series, year: pd.Series) -> pd.Series:
    return (tier + " (" + year.astype("string") + ")").astype(object).where(tier.notna(), None)


def diff_editions(list_name: str, old: pd.DataFrame, new: pd.DataFrame, old_edition: str,
                  new_edition: str) -> pd.DataFrame:
    """Differences between two editions of `list_name` (frames shaped like the derived tables),
    one row per difference in DIFF_COLUMNS (see schemas/reference_diff.py)."""
    if list_name == "ilab_tvpra":
        wide = diff_tvpra(old, new)
        long = wide[["good", "country_iso3", "country", "change"]].assign(
            old_value=_labour(wide, "old"), new_value=_labour(wide, "new"))
    elif list_name == "ilab_eo13126":
        long = diff_eo13126(old, new)
        long = long.assign(old_value=long["change"].map({"removed": "listed"}),
                           new_value=long["change"].map({"added": "listed"}))
    elif list_name == "tip":
        wide = diff_tip(old, new)
        long = wide[["country_iso3", "country", "change"]].assign(
            old_value=_tier_text(wide["old_tier"], wide["old_report_year"]),
            new_value=_tier_text(wide["new_tier"], wide["new_report_year"]))
    elif list_name in ("uflpa", "wro"):
        wide = diff_entities(old, new)
        long = wide[["entity_id", "name", "country_iso3", "change"]].assign(
            old_value=wide["old_status"], new_value=wide["new_status"])
    else:
        raise ValueError(f"unknown list {list_name!r}")
    long = long.assign(list=list_name, old_edition=str(old_edition), new_edition=str(new_edition))
    long = long.reindex(columns=DIFF_COLUMNS).astype(object)
    long = long.where(long.notna(), None)
    order = long["change"].map(CHANGE_ORDER)
    return long.assign(_order=order).sort_values("_order", kind="stable").drop(columns="_order") \
        .reset_index(drop=True)


def change_counts(diff: pd.DataFrame) -> dict[str, int]:
    """{"added": n, "removed": n, "changed": n} of a diff_editions frame."""
    counts = diff["change"].value_counts()
    return {change: int(counts.get(change, 0)) for change in CHANGE_ORDER}
