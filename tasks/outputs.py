"""Assemble the output datasets of a run from the normalised and scored frames."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from tasks import changes, country_summary, entity_screening, quarantine, rollup, score
from tasks.ingest import ROW
from tasks.scoring_config import ScoringConfig
from tasks.validate import Validated


def scored_lines(lines: pd.DataFrame, evidence: pd.DataFrame, reference_tip: pd.DataFrame,
                 config: ScoringConfig, source_file: str) -> tuple[pd.DataFrame, pa.Array]:
    """Lines with TIP context, score and band; and their evidence as a nested Arrow column."""
    out = lines.reset_index(drop=True).copy()
    tip = reference_tip.set_index("country_iso3")
    out["tip_tier"] = out["country_iso3"].map(tip["tier"]).astype("string")
    out["tip_report_year"] = out["country_iso3"].map(tip["report_year"]).astype("Int32")
    out["score"] = score.line_scores(evidence, len(out), config).to_numpy()
    out["band"] = score.bands(out["score"], config)
    out["source_file"] = source_file
    out["source_row"] = out[ROW].astype("int64")
    return out, score.evidence_lists(evidence, len(out))


def rollups(suppliers: pd.DataFrame, lines: pd.DataFrame, evidence: pd.DataFrame,
            supplier_evidence: pd.DataFrame, entity_matches: pd.DataFrame, reference, pairs: pd.DataFrame,
            config: ScoringConfig) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """supplier_risk (with input fingerprints and entity hits), hotspots and country_summary."""
    supplier_risk = rollup.supplier_risk(suppliers, lines, evidence, config, supplier_evidence)
    supplier_risk["input_hash"] = changes.input_hashes(supplier_risk, lines)
    hits = entity_screening.hits_by_supplier(entity_matches)
    supplier_risk["entity_hits"] = [hits.get(str(s), []) for s in supplier_risk["supplier_id"]]
    return (supplier_risk, rollup.hotspots(lines, evidence, config),
            country_summary.country_summary(lines, reference, pairs, config))


def quarantine_rows(items: list[tuple[Validated, object, str]],
                    watchlist_problems: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quarantine of several inputs: (validated, ingested, id column) each, and watchlist rows."""
    parts = [quarantine.build(v.dataset, ingested.path.name, v.problems, ingested.raw, id_column)
             for v, ingested, id_column in items]
    if watchlist_problems is not None and len(watchlist_problems):
        parts.append(entity_screening.quarantine_rows(watchlist_problems))
    parts = [p for p in parts if len(p)]
    if not parts:
        return quarantine.build("", "", pd.DataFrame(), pd.DataFrame(), "")
    return pd.concat(parts, ignore_index=True)
