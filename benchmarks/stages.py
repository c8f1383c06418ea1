"""The screening flow's steps as plain function calls (no Prefect), each timed.

Mirrors flows/screening.py with one partition: the same functions the flow's tasks wrap,
in the same order, so stage times add up to what a run costs minus Prefect's overhead.
"""

from __future__ import annotations

import datetime as dt
import resource
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from schemas import INPUTS, OUTPUTS
from tasks import (
    changes,
    entity_screening,
    expectations,
    html_report,
    ingest,
    manifest,
    match,
    normalize,
    outputs,
    partition,
    publish,
    regions,
    score,
    scoring_config,
    validate,
    visuals,
)
from tasks.commodities import CommodityTaxonomy
from tasks.entity_config import DEFAULT_PATH as ENTITY_CONFIG
from tasks.reference.store import load_reference


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Timer:
    stages: dict[str, dict] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, rows: int = 0):
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        entry = self.stages.setdefault(name, {"seconds": 0.0, "rows": rows})
        entry["seconds"] += seconds
        entry["rows"] = max(entry["rows"], rows)
        entry["peak_rss_mib"] = peak_rss_mib()

    def total(self) -> float:
        return sum(s["seconds"] for s in self.stages.values())


def run(suppliers_path: Path, sourcing_path: Path, out: Path, timer: Timer) -> dict:
    """One screening run; returns row counts for a sanity check of the outputs."""
    started = dt.datetime.now(dt.UTC)
    with timer.stage("reference"):
        config = scoring_config.load(scoring_config.DEFAULT_PATH)
        reference, taxonomy = load_reference(), CommodityTaxonomy.load()
    with timer.stage("ingest"):
        raw_suppliers = ingest.ingest(suppliers_path, INPUTS["suppliers"].CONTRACT)
        raw_lines = ingest.ingest(sourcing_path, INPUTS["sourcing"].CONTRACT, None, ("commodity", "hs_code"))
    n = raw_lines.rows_read
    timer.stages["ingest"]["rows"] = n
    with timer.stage("validate", n):
        good_suppliers = validate.suppliers(raw_suppliers, "keep_first")
        good_lines = validate.sourcing(raw_lines, good_suppliers.accepted["supplier_id"], "keep_first")
    with timer.stage("normalize", n):
        norm_suppliers = normalize.suppliers(good_suppliers.accepted)
    with timer.stage("entities", len(norm_suppliers)):
        entities = entity_screening.screen(norm_suppliers, reference.entities,
                                           list(entity_screening.RESTRICTED_LISTS), [], None, ENTITY_CONFIG)
        facts = pd.concat([regions.supplier_evidence(norm_suppliers), entities.evidence], ignore_index=True)
    with timer.stage("normalize", n):
        (block,) = partition.split(good_lines.accepted, norm_suppliers, 1)
        lines = normalize.lines(block, norm_suppliers, taxonomy)
    with timer.stage("match", n):
        pairs = match.pair_indicators(reference, taxonomy)
        evidence = match.evidence(lines, pairs, reference, config, facts)
    with timer.stage("score", n):
        scored, _ = outputs.scored_lines(lines, evidence, reference.tip, config, sourcing_path.name)
        lines, evidence = partition.combine([(scored, evidence)])
        indicators = score.evidence_lists(evidence, len(lines))
    with timer.stage("rollup", n):
        supplier_risk, hotspots, countries = outputs.rollups(norm_suppliers, lines, evidence, facts,
                                                             entities.matches, reference, pairs, config)
        changed = changes.supplier_changes(supplier_risk, None, [], None)
    with timer.stage("quarantine", n):
        quarantine = outputs.quarantine_rows([(good_suppliers, raw_suppliers, "supplier_id"),
                                              (good_lines, raw_lines, "line_id")],
                                             entities.watchlist_problems)
    frames = {"screened_lines": lines, "supplier_risk": supplier_risk, "hotspots": hotspots,
              "country_summary": countries, "entity_matches": entities.matches, "changes": changed,
              "quarantine": quarantine}
    with timer.stage("check_outputs", n):
        for name, frame in frames.items():
            publish.check(frame, OUTPUTS[name])
    with timer.stage("manifest", n):
        run_id = manifest.new_run_id(started)
        inputs = [manifest.input_entry(raw, len(ok.accepted), ok.problems["_row"].nunique())
                  for raw, ok in ((raw_suppliers, good_suppliers), (raw_lines, good_lines))]
        manifest.check_conservation(inputs)
        record = manifest.build(run_id, started, inputs, reference.editions, scoring_config.DEFAULT_PATH,
                                config.model_dump(), lines["band"],
                                {name: len(frame) for name, frame in frames.items()}, {})
    with timer.stage("to_table", n):
        metadata = {"run_id": run_id, "reference_editions": "benchmark"}
        tables = {name: publish.to_table(frame, OUTPUTS[name].CONTRACT, metadata,
                                         {"indicators": indicators} if name == "screened_lines" else None)
                  for name, frame in frames.items()}
    with timer.stage("pictures", n):
        pictures = {"heatmap": visuals.heatmap(hotspots, config.band_edges()),
                    "top_suppliers": visuals.top_suppliers(supplier_risk)}
        rows = {i["dataset"]: {"read": i["rows_read"], "accepted": i["rows_accepted"],
                               "quarantined": i["rows_quarantined"]} for i in inputs}
        page = html_report.render(run_id, record["counts_per_band"], rows, hotspots, supplier_risk,
                                  changed, pictures)
    with timer.stage("publish", n):
        files = {"heatmap.png": pictures["heatmap"], "top_suppliers.png": pictures["top_suppliers"],
                 "report.html": page.encode("utf-8")}
        run_dir = publish.publish(out, run_id, tables, record, files)
    return {"lines_read": n, "lines_accepted": len(good_lines.accepted),
            "lines_quarantined": inputs[1]["rows_quarantined"],
            "suppliers_quarantined": inputs[0]["rows_quarantined"],
            "listed_goods_lines": int(evidence.loc[evidence["source"] == "ilab_tvpra", "pos"].nunique()),
            "commodity_unmapped": int(lines["commodity_id"].isna().sum()),
            "country_unknown": int(lines["country_iso3"].isna().sum()),
            "entity_matches": int((entities.matches["band"] == "match").sum()),
            "entity_reviews": int((entities.matches["band"] == "review").sum()),
            "bands": record["counts_per_band"],
            "input_bytes": suppliers_path.stat().st_size + sourcing_path.stat().st_size,
            "output_parquet_bytes": sum(p.stat().st_size for p in run_dir.glob("*.parquet"))}


def gx_cost(suppliers_path: Path, sourcing_path: Path) -> dict[str, float]:
    """Seconds Great Expectations takes: start-up, then each ingested input alone."""
    from schemas import sourcing, suppliers

    frames = {"suppliers": ingest.ingest(suppliers_path, INPUTS["suppliers"].CONTRACT).frame,
              "sourcing": ingest.ingest(sourcing_path, INPUTS["sourcing"].CONTRACT).frame}
    started = time.perf_counter()
    expectations._context()  # import and ephemeral context: paid once per process
    out = {"gx_startup": time.perf_counter() - started}
    for name, module in (("suppliers", suppliers), ("sourcing", sourcing)):
        started = time.perf_counter()
        expectations.run(frames[name], module.expectations(), name)
        out[f"gx_{name}"] = time.perf_counter() - started
    return out
