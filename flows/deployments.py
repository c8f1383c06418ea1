"""Deployed flows: `screen-on-demand` for analysts (typed UI form) and the `nightly` job.

Both wrap the `screen` flow in a task whose cache key is a fingerprint of everything a run
depends on (input file hashes, reference tables, pinned editions, scoring config, code,
options), so an unchanged rerun reuses the last result instead of screening again. A task
rather than the flow is cached because Prefect caches task results; the subflow inside it
still shows up in the UI on a fresh run.
"""

from __future__ import annotations

import datetime as dt
import inspect
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.schedules import Cron
from prefect.tasks import exponential_backoff

from flows.parameters import NightlyRequest, ScreenRequest, checked, to_screen_kwargs
from flows.screening import RunSummary, screen
from flows.steps import transient_io_error
from tasks import run_fingerprint, safe_paths
from tasks.reference import rebuild, store

SCREEN_TIMEOUT_SECONDS = 3600
FLOW_TIMEOUT_SECONDS = 2 * SCREEN_TIMEOUT_SECONDS
DEFAULT_CRON = "0 2 * * *"
TIMEZONE_ENV = "FLSCREEN_TIMEZONE"
TOP_SUPPLIERS = 25


# ---------------------------------------------------------------- cache key


def _cache_key(_context, parameters: dict[str, Any]) -> str:
    return f"flscreen-screen-{run_fingerprint.fingerprint(parameters['kwargs'])}"


# ---------------------------------------------------------------- tasks


def _run_screen(kwargs: dict[str, Any]) -> RunSummary:
    return screen(**kwargs)


screen_cached = task(name="screen-cached", cache_key_fn=_cache_key, persist_result=True,
                     timeout_seconds=SCREEN_TIMEOUT_SECONDS)(_run_screen)
screen_uncached = task(name="screen-dry-run", cache_policy=NO_CACHE, persist_result=False,
                       timeout_seconds=SCREEN_TIMEOUT_SECONDS)(_run_screen)


@task(name="read-top-suppliers", retries=2, retry_delay_seconds=exponential_backoff(1),
      retry_condition_fn=transient_io_error, timeout_seconds=120, cache_policy=NO_CACHE, persist_result=False)
def read_top_suppliers(latest: Path, limit: int = TOP_SUPPLIERS) -> list[dict[str, Any]]:
    frame = pd.read_parquet(Path(latest) / "supplier_risk.parquet")
    frame = frame.sort_values(["max_score", "value_weighted_score", "total_value_usd"],
                              ascending=False, na_position="last").head(limit)
    rows = []
    for row in frame.itertuples(index=False):
        rows.append({"supplier_id": row.supplier_id, "name": row.name, "country": row.country_iso3,
                     "band": row.band, "max_score": _number(row.max_score),
                     "value_weighted_score": _number(row.value_weighted_score, 1),
                     "lines": int(row.lines), "total_value_usd": _number(row.total_value_usd),
                     "top_drivers": ", ".join(list(row.top_drivers)[:3])})
    return rows


def _number(value, digits: int = 0):
    return None if value is None or pd.isna(value) else round(float(value), digits)


@task(name="refresh-reference", retries=2, retry_delay_seconds=exponential_backoff(2),
      retry_jitter_factor=0.2, retry_condition_fn=transient_io_error, timeout_seconds=900,
      cache_policy=NO_CACHE, persist_result=False)
def rebuild_reference(root: Path) -> list[str]:
    """Rebuild the derived tables; on any failure the previous ones are put back. Returns changes."""
    return rebuild.rebuild(root)


# ---------------------------------------------------------------- flows


@flow(name="screen-on-demand", log_prints=False, timeout_seconds=FLOW_TIMEOUT_SECONDS)
def screen_on_demand(request: ScreenRequest = ScreenRequest()) -> dict[str, Any]:  # noqa: B008
    """Screen an analyst's supplier and sourcing files and publish the scored outputs."""
    return _screen_and_report(checked(request), refresh=None)


@flow(name="nightly-screening", log_prints=False, timeout_seconds=FLOW_TIMEOUT_SECONDS)
def nightly(request: NightlyRequest = NightlyRequest()) -> dict[str, Any]:  # noqa: B008
    """Refresh the reference lists (keeping the previous editions on failure), then screen."""
    logger = get_run_logger()
    request = checked(request)
    refresh, failure = "skipped (refresh_reference is off)", None
    if request.refresh_reference:
        root = safe_paths.reference_root() or store.DEFAULT_ROOT
        state = rebuild_reference.with_options(retries=request.refresh_retries)(root, return_state=True)
        if state.is_completed():
            changes = state.result()
            refresh = f"ok: {', '.join(changes)}" if changes else "ok: no new editions"
            logger.info("Reference refresh %s", refresh)
        else:
            failure = str(state.result(raise_on_failure=False))
            refresh = f"FAILED, previous editions kept: {failure}"
            logger.error("Reference refresh failed; screening with the previous editions: %s", failure)
    result = _screen_and_report(request, refresh=refresh)
    if failure and request.fail_on_refresh_error:
        raise RuntimeError(f"reference refresh failed (screening ran with the previous editions): "
                           f"{failure}")
    return result


def screen_parameters() -> set[str]:
    return set(inspect.signature(screen.fn).parameters)


def _screen_and_report(request: ScreenRequest, refresh: str | None) -> dict[str, Any]:
    logger = get_run_logger()
    kwargs = to_screen_kwargs(request, screen_parameters())
    if request.dry_run:
        with tempfile.TemporaryDirectory(prefix="flscreen-dry-run-") as folder:
            kwargs["out"] = Path(folder)
            summary = screen_uncached(kwargs)
            top = read_top_suppliers(summary.latest)
        logger.info("Dry run: inputs are usable; nothing published to %s", request.out)
        cached = False
    else:
        state = screen_cached(kwargs, return_state=True)
        summary, cached = state.result(), state.name == "Cached"
        if cached and not _is_latest(summary):
            logger.info("Cached run %s is no longer the latest output: screening again",
                        summary.run_dir.name)
            summary, cached = screen_cached.with_options(refresh_cache=True)(kwargs), False
        if cached:
            logger.info("Inputs, reference data and config unchanged: reusing run %s",
                        summary.run_dir.name)
        top = read_top_suppliers(summary.latest)
    _artifacts(request, summary, top, cached, refresh)
    return {"run_dir": None if request.dry_run else str(summary.run_dir), "dry_run": request.dry_run,
            "cached": cached, "counts_per_band": summary.counts_per_band, "rows": summary.rows,
            "refresh": refresh}


def _is_latest(summary: RunSummary) -> bool:
    latest = Path(summary.latest)
    return summary.run_dir.is_dir() and latest.exists() and latest.resolve() == summary.run_dir.resolve()


# ---------------------------------------------------------------- artifacts


def _artifacts(request: ScreenRequest, summary: RunSummary, top: list[dict], cached: bool,
               refresh: str | None) -> None:
    def key(name: str) -> str | None:  # dry runs stay out of the versioned artifacts
        return None if request.dry_run else name

    create_markdown_artifact(markdown=summary_markdown(request, summary, cached, refresh),
                             key=key("screen-request"),
                             description="Request, validation, bands and top hotspots")
    create_table_artifact(table=top, key=key("top-suppliers"),
                          description=f"Top {len(top)} suppliers by maximum line score")
    if not request.dry_run:
        create_link_artifact(link=summary.run_dir.resolve().as_uri(), link_text=str(summary.run_dir),
                             key="screening-outputs",
                             description=f"Output folder; {summary.latest} points at the newest run")


def summary_markdown(request: ScreenRequest, summary: RunSummary, cached: bool,
                     refresh: str | None) -> str:
    pinned = request.editions.as_of()
    if request.dry_run:
        where = (f"**Dry run**: inputs checked and screened in a temporary folder; nothing "
                 f"published to `{request.out}`.")
    else:
        reuse = " (reused: inputs, reference data, config and code unchanged)" if cached else ""
        where = f"Outputs: `{summary.run_dir}`{reuse}; `{summary.latest}` points at it."
    lines = [f"# Screening request ({dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC)", "", where, "",
             f"- suppliers: `{request.suppliers}`", f"- sourcing: `{request.sourcing}`",
             f"- reference editions: {', '.join(f'{k} {v}' for k, v in pinned.items()) or 'latest'}",
             f"- repeated ids: {request.duplicates}"]
    if refresh is not None:
        lines.append(f"- reference refresh: {refresh}")
    lines += ["", "## Validation", "", "| input | read | screened | quarantined |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {r['read']} | {r['accepted']} | {r['quarantined']} |"
              for name, r in summary.rows.items()]
    lines += [f"- {p['source_file']} row {p['row_number']}: {p['reason']}" for p in summary.first_problems]
    bands = ", ".join(f"{band} {count}" for band, count in summary.counts_per_band.items())
    lines += ["", f"**Lines per band**: {bands}", "", "## Top hotspots", ""]
    lines += [f"{h['rank']}. {h['country_name']} × {h['commodity_label']}: score {h['score']:.0f} "
              f"({h['band']}), {h['lines']} lines" for h in summary.top_hotspots[:5]]
    lines += ["", "Top suppliers: the `top-suppliers` table; every hotspot and the changes since the "
              "previous run: the `screening-summary` artifact of the `screen` subflow run."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- deployments


def default_timezone() -> str:
    return os.environ.get(TIMEZONE_ENV) or "UTC"


def build_deployments(cron: str = DEFAULT_CRON, timezone: str | None = None) -> list:
    """The two deployments served by `python -m flows serve` (prefect.yaml mirrors them)."""
    return [
        nightly.to_deployment(
            name="nightly", schedules=[Cron(cron, timezone=timezone or default_timezone())],
            concurrency_limit=1, tags=["flscreen"],
            description="Refresh the reference lists, then screen the configured inputs."),
        screen_on_demand.to_deployment(
            name="screen-on-demand", tags=["flscreen"],
            description="Screen supplier and sourcing files chosen in the form; outputs under "
            "the allowed output folder."),
    ]
