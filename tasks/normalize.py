"""Normalise accepted inputs: countries to ISO alpha-3, commodities to taxonomy ids."""

from __future__ import annotations

import pandas as pd

from tasks import countries
from tasks.commodities import CommodityTaxonomy


def suppliers(accepted: pd.DataFrame) -> pd.DataFrame:
    out = accepted.copy()
    out["country_iso3"] = countries.to_iso3(out["country"])
    return out


def lines(accepted: pd.DataFrame, suppliers: pd.DataFrame,
          taxonomy: CommodityTaxonomy) -> pd.DataFrame:
    """Add supplier name, origin country (falling back to the supplier's) and commodity."""
    lookup = suppliers.drop_duplicates("supplier_id").set_index("supplier_id")
    out = accepted.copy()
    out["supplier_name"] = out["supplier_id"].map(lookup["name"]).astype("string")
    line_country = countries.to_iso3(out["country_of_origin"])
    supplier_country = out["supplier_id"].map(lookup["country_iso3"]).astype("string")
    out["country_iso3"] = line_country.fillna(supplier_country)
    out["country_source"] = pd.Series("unknown", index=out.index, dtype="string")
    out.loc[supplier_country.notna(), "country_source"] = "supplier"
    out.loc[line_country.notna(), "country_source"] = "line"
    out["country_name"] = out["country_iso3"].map(countries.iso3_names()).astype("string")
    resolved = taxonomy.resolve_lines(out["commodity"], out["hs_code"])
    out["commodity_id"] = resolved["commodity_id"].astype("string")
    out["commodity_method"] = resolved["commodity_method"].astype("string")
    out["commodity_detail"] = resolved["commodity_detail"].astype("string")
    out["commodity_label"] = out["commodity_id"].map(taxonomy.labels()).astype("string")
    return out
