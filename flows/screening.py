"""The screening flow: inputs in, scored Parquet out. Each line below is one step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from prefect import flow

from flows import steps
from schemas import OUTPUTS
from tasks import manifest, partition, publish, score, scoring_config
from tasks.entity_config import DEFAULT_PATH as ENTITY_CONFIG
from tasks.entity_screening import RESTRICTED_LISTS
from tasks.outputs import quarantine_rows
from tasks.partition import check_lists
from tasks.paths import SAMPLE
from tasks.readers import MAX_BYTES, MAX_ROWS


@dataclass
class RunSummary:
    run_dir: Path
    latest: Path
    rows: dict[str, dict[str, int]]
    counts_per_band: dict[str, int]
    top_hotspots: list[dict]
    first_problems: list[dict]
    quarantine_rows: int
    changes: list[dict] = field(default_factory=list)
    changes_total: int = 0
    entity_hits: list[dict] = field(default_factory=list)
    entity_reviews: int = 0
    notes: list[str] = field(default_factory=list)


@flow(name="screen", log_prints=False)
def screen(
    suppliers: Path = SAMPLE / "suppliers.csv",
    sourcing: Path = SAMPLE / "sourcing.xlsx",
    out: Path = Path("output"),
    column_map: dict[str, dict[str, str]] | None = None,
    scoring: Path = scoring_config.DEFAULT_PATH,
    reference_root: Path | None = None,
    as_of: dict[str, str] | None = None,
    duplicates: Literal["keep_first", "quarantine_all"] = "keep_first",
    partitions: int = 1,
    lists: list[str] | None = None,
    watchlists: list[Path] | None = None,
    decisions: Path | None = None,
    entity_config: Path | None = None,
    review_threshold: float | None = None,
    auto_match_threshold: float | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_BYTES,
) -> RunSummary:
    """Screen sourcing lines against ILAB goods, EO 13126 and TIP tiers; publish Parquet.

    `partitions` > 1 screens country blocks of lines as parallel tasks: on a Dask cluster
    when the flow runs with a DaskTaskRunner (see `with_task_runner`). Suppliers are matched
    the chosen `lists` (default all: ilab_tvpra, ilab_eo13126, tip, uflpa, wro), suppliers
    against the entity lists among them and any `watchlists` (CSV: name, aliases,
    country, list); `decisions` is the analysts' confirm/reject file applied on every run.
    """
    started = dt.datetime.now(dt.UTC)
    column_map = column_map or {}
    config = scoring_config.load(Path(scoring))
    lists = check_lists(lists)
    reference, taxonomy = steps.load_reference(reference_root, as_of)

    raw_suppliers = steps.ingest_file(Path(suppliers), "suppliers", column_map.get("suppliers"),
                                      max_rows, max_bytes)
    raw_lines = steps.ingest_file(Path(sourcing), "sourcing", column_map.get("sourcing"), max_rows, max_bytes)
    good_suppliers = steps.validate_suppliers(raw_suppliers, duplicates)
    good_lines = steps.validate_sourcing(raw_lines, good_suppliers, duplicates)
    steps.report_validation([(raw_suppliers, good_suppliers), (raw_lines, good_lines)])

    norm_suppliers = steps.normalize_suppliers(good_suppliers)
    thresholds = {k: v for k, v in (("review", review_threshold), ("match", auto_match_threshold))
                  if v is not None}
    entities = steps.screen_entities(norm_suppliers, reference, [x for x in lists if x in RESTRICTED_LISTS],
                                     watchlists or [], decisions, entity_config or ENTITY_CONFIG, thresholds)
    facts = steps.supplier_facts(norm_suppliers, entities.evidence)
    blocks = partition.split(good_lines.accepted, norm_suppliers, partitions)
    pairs = steps.goods_indicators(reference, taxonomy)
    screened = [steps.screen_block.submit(block, norm_suppliers, facts, reference, taxonomy, pairs, config,
                                          raw_lines.path.name, lists) for block in blocks]
    lines, evidence = partition.combine([future.result() for future in screened])
    indicators = score.evidence_lists(evidence, len(lines))
    supplier_risk, hotspots, countries = steps.roll_up(norm_suppliers, lines, evidence, facts, entities,
                                                       reference, pairs, config)
    changes = steps.compare_with_previous(Path(out), supplier_risk, reference.editions,
                                          manifest.sha256(Path(scoring)), entities.files)
    quarantine = quarantine_rows([(good_suppliers, raw_suppliers, "supplier_id"),
                                  (good_lines, raw_lines, "line_id")], entities.watchlist_problems)

    frames = {"screened_lines": lines, "supplier_risk": supplier_risk, "hotspots": hotspots,
              "country_summary": countries, "entity_matches": entities.matches, "changes": changes,
              "quarantine": quarantine}
    steps.check_outputs(frames)
    run_id = manifest.new_run_id(started)
    inputs = [manifest.input_entry(raw, len(ok.accepted), ok.problems["_row"].nunique(), ok.problems)
              for raw, ok in ((raw_suppliers, good_suppliers), (raw_lines, good_lines))]
    manifest.check_conservation(inputs)
    record = manifest.build(
        run_id, started, inputs, reference.editions, Path(scoring), config.model_dump(),
        lines["band"], {name: len(frame) for name, frame in frames.items()},
        {"duplicates": duplicates, "as_of": as_of or {}, "column_map": column_map},
    )
    record["lists"] = lists
    record["entity_screening"] = {"lists": [x for x in lists if x in RESTRICTED_LISTS],
                                  "files": entities.files,
                                  "matches": int((entities.matches["band"] == "match").sum()),
                                  "review": int((entities.matches["band"] == "review").sum())}
    metadata = {"run_id": run_id, "reference_editions": _editions_text(reference.editions)}
    tables = {name: publish.to_table(frame, OUTPUTS[name].CONTRACT, metadata,
                                     {"indicators": indicators} if name == "screened_lines"
                                     else None)
              for name, frame in frames.items()}
    rows = _rows(inputs)
    files = steps.draw_pictures(run_id, frames, record["counts_per_band"], rows, config.band_edges())
    run_dir = steps.publish_outputs(Path(out), run_id, tables, record, files)
    summary = _summary(run_dir, Path(out) / "latest", rows, record, hotspots, quarantine, changes,
                       entities.matches)
    summary.notes = _notes(inputs, lines)
    steps.report_run(summary)
    return summary


def with_task_runner(dask_address: str | None):
    """The screen flow, on the Dask cluster at `dask_address` (e.g. tcp://host:8786) if given."""
    if not dask_address:
        return screen
    from prefect_dask import DaskTaskRunner

    return screen.with_options(task_runner=DaskTaskRunner(address=dask_address))


def _editions_text(editions) -> str:
    return "; ".join(f"{row.list} {row.edition}" for row in editions.itertuples())


def _rows(inputs: list[dict]) -> dict[str, dict[str, int]]:
    return {i["dataset"]: {"read": i["rows_read"], "accepted": i["rows_accepted"],
                           "quarantined": i["rows_quarantined"]} for i in inputs}


def _notes(inputs: list[dict], lines) -> list[str]:
    """How each file was read (headers used, sheet, encoding) and the origin-country fallback."""
    notes = []
    for entry in inputs:
        headers = ", ".join(f'"{header}" as {column}' for column, header in entry["columns_used"].items())
        read = "; ".join(entry["notes"])
        notes.append(f"{Path(entry['path']).name}: {read + '; ' if read else ''}columns {headers}")
    fallback = int((lines["country_source"] == "supplier").sum())
    if fallback:
        notes.append(f"{fallback} lines have no usable country of origin: the supplier's country was used "
                     "(country_source = supplier)")
    return notes


def _summary(run_dir, latest, rows, record, hotspots, quarantine, changes, matches) -> RunSummary:
    columns = ["rank", "country_name", "commodity_label", "lines", "suppliers",
               "total_value_usd", "score", "band"]
    return RunSummary(
        run_dir=run_dir,
        latest=latest,
        rows=rows,
        counts_per_band=record["counts_per_band"],
        top_hotspots=hotspots.head(10)[columns].to_dict("records"),
        first_problems=quarantine.head(5)[["source_file", "row_number", "reason"]]
        .to_dict("records"),
        quarantine_rows=len(quarantine),
        changes=changes.head(10)[["supplier_id", "name", "change", "old_band", "new_band", "cause"]]
        .to_dict("records"),
        changes_total=len(changes),
        entity_hits=matches[matches["band"] == "match"][
            ["supplier_id", "supplier_name", "list", "matched_name", "score", "decision"]].to_dict("records"),
        entity_reviews=int((matches["band"] == "review").sum()),
    )
