"""Thin Prefect task wrappers around the plain functions in tasks/.

Tasks pass DataFrames in memory; hashing them for a cache key would cost more than
the work, so caching is off here (the flow-level cache keys on file hashes).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from schemas import INPUTS
from tasks import (
    changes,
    entity_screening,
    html_report,
    ingest,
    match,
    normalize,
    outputs,
    partition,
    publish,
    regions,
    report,
    validate,
    validation_report,
    visuals,
)
from tasks.commodities import CommodityTaxonomy
from tasks.reference.store import load_reference as _load_reference

STEP_TIMEOUT = 3 * 3600  # seconds; a 1M-line run takes about a minute
PERMANENT_OS_ERRORS = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


def transient_io_error(task, task_run, state) -> bool:
    """Retry only I/O errors that may pass (network file systems), not bad input."""
    error = state.result(raise_on_failure=False)
    return isinstance(error, OSError) and not isinstance(error, PERMANENT_OS_ERRORS)


step = task(cache_policy=NO_CACHE, persist_result=False, timeout_seconds=STEP_TIMEOUT)
io_step = task(cache_policy=NO_CACHE, persist_result=False, timeout_seconds=STEP_TIMEOUT,
               retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=transient_io_error)


@step
def load_reference(root: Path | None, as_of: dict[str, str] | None):
    kwargs = {"root": root} if root else {}
    return _load_reference(as_of=as_of or None, **kwargs), CommodityTaxonomy.load()


@io_step
def ingest_file(path: Path, dataset: str, column_map: dict[str, str] | None, max_rows: int, max_bytes: int):
    require_any = ("commodity", "hs_code") if dataset == "sourcing" else ()
    return ingest.ingest(path, INPUTS[dataset].CONTRACT, column_map, require_any,
                         max_rows=max_rows, max_bytes=max_bytes)


@step
def report_validation(results: list) -> None:
    create_markdown_artifact(markdown=validation_report.markdown(results), key="validation-summary",
                             description="Rows read, accepted and quarantined per input; problems by rule")


@step
def validate_suppliers(ingested, duplicates: str):
    return validate.suppliers(ingested, duplicates)


@step
def validate_sourcing(ingested, suppliers, duplicates: str):
    return validate.sourcing(ingested, suppliers.accepted["supplier_id"], duplicates)


@step
def normalize_suppliers(suppliers):
    return normalize.suppliers(suppliers.accepted)


@step
def screen_entities(suppliers, reference, lists, watchlists, decisions, config_path, thresholds):
    return entity_screening.screen(suppliers, reference.entities, lists, watchlists, decisions, config_path,
                                   thresholds)


@step
def supplier_facts(suppliers, entity_evidence):
    """Evidence about suppliers themselves (Xinjiang address, entity hits), applied to all their lines."""
    return pd.concat([regions.supplier_evidence(suppliers), entity_evidence], ignore_index=True)


@step
def goods_indicators(reference, taxonomy):
    """Indicators keyed by (commodity, country) from the goods lists, once per run."""
    return match.pair_indicators(reference, taxonomy)


@step
def screen_block(block, suppliers, supplier_evidence, reference, taxonomy, pairs, config, source_file: str,
                 lists: list[str]):
    """Normalise, match and score one country block of lines."""
    return partition.screen_block(block, suppliers, supplier_evidence, reference, taxonomy, pairs, config,
                                  source_file, lists)


@step
def roll_up(suppliers, lines, evidence, supplier_evidence, entities, reference, pairs, config):
    return outputs.rollups(suppliers, lines, evidence, supplier_evidence, entities.matches, reference, pairs,
                           config)


@step
def compare_with_previous(out_dir: Path, supplier_risk, editions, config_sha: str, entity_files: dict):
    previous, previous_manifest = changes.read_previous(out_dir)
    if previous is None:
        return changes.supplier_changes(supplier_risk, None, [], None)
    context = changes.context_changes(previous_manifest, editions, config_sha, entity_files)
    return changes.supplier_changes(supplier_risk, previous, context, previous_manifest["run_id"])


@step
def check_outputs(frames: dict):
    from schemas import OUTPUTS

    for name, frame in frames.items():
        publish.check(frame, OUTPUTS[name])


@step
def draw_pictures(run_id: str, frames: dict, counts: dict, rows: dict, band_edges: list[float]):
    """PNG charts and the HTML report, as files to publish beside the Parquet outputs."""
    pictures = {"heatmap": visuals.heatmap(frames["hotspots"], band_edges),
                "top_suppliers": visuals.top_suppliers(frames["supplier_risk"])}
    page = html_report.render(run_id, counts, rows, frames["hotspots"], frames["supplier_risk"],
                              frames["changes"], pictures)
    return {"heatmap.png": pictures["heatmap"], "top_suppliers.png": pictures["top_suppliers"],
            "report.html": page.encode("utf-8")}


@io_step
def publish_outputs(out_dir: Path, run_id: str, tables: dict, manifest: dict, files: dict):
    return publish.publish(out_dir, run_id, tables, manifest, files)


@step
def report_run(summary) -> None:
    create_markdown_artifact(markdown=report.markdown(summary), key="screening-summary",
                             description="Counts per band, top hotspots, quarantine")
