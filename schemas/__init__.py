"""Data contracts: one module per dataset, each with CONTRACT and expectations()."""

from schemas import hotspots, quarantine, screened_lines, sourcing, supplier_risk, suppliers

INPUTS = {"suppliers": suppliers, "sourcing": sourcing}
OUTPUTS = {
    "screened_lines": screened_lines,
    "supplier_risk": supplier_risk,
    "hotspots": hotspots,
    "quarantine": quarantine,
}
