"""Data contracts: one module per dataset, each with CONTRACT and expectations()."""

from schemas import (
    changes,
    country_summary,
    entity_matches,
    hotspots,
    quarantine,
    screened_lines,
    sourcing,
    supplier_risk,
    suppliers,
)

INPUTS = {"suppliers": suppliers, "sourcing": sourcing}
OUTPUTS = {
    "screened_lines": screened_lines,
    "supplier_risk": supplier_risk,
    "hotspots": hotspots,
    "country_summary": country_summary,
    "entity_matches": entity_matches,
    "changes": changes,
    "quarantine": quarantine,
}
