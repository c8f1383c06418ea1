"""Reference refresh flows: load (download, validate, install) a new edition; diff two editions."""

from __future__ import annotations

import tempfile
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import task_run
from prefect.tasks import exponential_backoff

from schemas.reference_rules import MIN_ROW_RATIO
from tasks.reference import compare, fetch, install
from tasks.reference.store import DEFAULT_ROOT

ATTEMPTS, BACKOFF_SECONDS = fetch.ATTEMPTS, fetch.BACKOFF_SECONDS
TASK_TIMEOUT_SECONDS = 300  # a whole download attempt

step = task(cache_policy=NO_CACHE, persist_result=False)


def _retry_transient(_task, _task_run, state) -> bool:
    """Retry timeouts, connection errors and 5xx/429 answers, not a 404 or a bad URL."""
    try:
        state.result()
    except fetch.FetchError as error:
        return error.transient
    except Exception:
        return True
    return False


@task(cache_policy=NO_CACHE, persist_result=False, retries=ATTEMPTS - 1,
      retry_delay_seconds=exponential_backoff(BACKOFF_SECONDS), retry_jitter_factor=0.2,
      timeout_seconds=TASK_TIMEOUT_SECONDS, retry_condition_fn=_retry_transient)
def download(url: str, folder: Path, timeout: float, attempts: int) -> Path:
    try:
        return fetch.download(url, folder, timeout)
    except fetch.FetchError as error:
        attempt = task_run.run_count or 1
        if error.transient and attempt < attempts:
            raise
        raise fetch.FetchError(f"download failed after {attempt} attempt(s): {error}", False) from error


@step
def check_edition(path: Path, root: Path, list_name: str | None, edition: str | None, ratio: float,
                  url: str) -> list[install.Plan]:
    return install.prepare(path, root, list_name, edition, ratio, url)


@step
def install_edition(plans: list[install.Plan], root: Path, url: str) -> list[install.LoadResult]:
    return install.install(plans, root, url)


compare_editions = step(compare.compare)
write_diff = step(compare.write)


@flow(name="reference-load", log_prints=False)
def reference_load(
    source: str,
    list_name: str | None = None,
    edition: str | None = None,
    reference_root: Path = DEFAULT_ROOT,
    min_row_ratio: float = MIN_ROW_RATIO,
    attempts: int = ATTEMPTS,
    backoff_seconds: float = BACKOFF_SECONDS,
    timeout_seconds: float = fetch.TIMEOUT_SECONDS,
) -> list[install.LoadResult]:
    """Validate a new edition (file or URL) and install it into the reference store."""
    root = Path(reference_root)
    url = str(source) if fetch.is_url(str(source)) else ""
    with tempfile.TemporaryDirectory(prefix="flscreen-download-") as folder:
        if url:
            fetcher = download.with_options(
                retries=max(attempts - 1, 0),
                retry_delay_seconds=exponential_backoff(backoff_seconds)(max(attempts - 1, 0)) or 0)
            path = fetcher(url, Path(folder), timeout_seconds, attempts)
        else:
            path = Path(source)
        plans = check_edition(path, root, list_name, edition, min_row_ratio, url)
        return install_edition(plans, root, url)


@flow(name="reference-diff", log_prints=False)
def reference_diff(
    old: str,
    new: str,
    list_name: str | None = None,
    out: Path | None = None,
    reference_root: Path = DEFAULT_ROOT,
) -> tuple[compare.Comparison, Path | None]:
    """Differences between two editions of one list; Parquet in OUT when given; a markdown artifact."""
    comparison = compare_editions(old, new, Path(reference_root), list_name)
    parquet = write_diff(comparison, Path(out)) if out is not None else None
    create_markdown_artifact(markdown=compare.markdown(comparison, parquet), key="reference-diff",
                             description=f"{comparison.list} {comparison.old} -> {comparison.new}")
    return comparison, parquet
