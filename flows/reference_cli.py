"""`python -m flows reference load|diff`: install a new reference edition; compare two editions."""

from __future__ import annotations

import argparse
from pathlib import Path

from flows.cli import fail

LISTS = ("ilab_tvpra", "ilab_eo13126", "tip", "uflpa", "wro")

LOAD_EPILOG = """examples:
  python -m flows reference load ~/Downloads/tvpra_goods_2024.xlsx
  python -m flows reference load https://example.org/tiers_2026.csv --list tip --edition 2026
"""
DIFF_EPILOG = """examples:
  python -m flows reference diff ilab_tvpra:2020 ilab_tvpra:2022
  python -m flows reference diff ilab_tvpra:2022 ~/Downloads/tvpra_goods_2024.xlsx --out diffs
"""


def register(commands) -> None:
    from schemas.reference_rules import MIN_ROW_RATIO
    from tasks.reference.fetch import ATTEMPTS, BACKOFF_SECONDS, TIMEOUT_SECONDS

    reference = commands.add_parser(
        "reference", help="refresh reference lists (load a new edition) and compare editions",
        description="Reference lists: load a new edition into the store, or diff two editions.")
    sub = reference.add_subparsers(dest="reference_command", required=True, metavar="SUBCOMMAND")
    load = sub.add_parser(
        "load", help="validate and install a new edition (file or URL)",
        description="Validate a new edition of a reference list and install it: the file goes to\n"
        "<root>/raw/<folder>/, is declared in sources.toml and the derived tables are rebuilt.\n"
        "Nothing changes if it fails validation (the message names file, row and column).",
        epilog=LOAD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    load.add_argument("source", metavar="FILE_OR_URL",
                      help="DOL XML or Excel, CSV, TIP table, or DHS/CBP scrape JSON; http(s) URLs "
                      "are downloaded with retries")
    load.add_argument("--list", dest="list_name", choices=LISTS,
                      help="which list the file holds (default: inferred from its content)")
    load.add_argument("--edition", help="edition name (default: from the file name; for TIP the "
                      "latest report year in the file)")
    load.add_argument("--reference-root", type=Path, default=None,
                      help="reference data folder (default: data/reference)")
    load.add_argument("--min-row-ratio", type=float, default=MIN_ROW_RATIO, metavar="R",
                      help=f"reject an edition with fewer rows than R x the previous edition's "
                      f"(default: {MIN_ROW_RATIO})")
    load.add_argument("--attempts", type=int, default=ATTEMPTS,
                      help=f"download attempts (default: {ATTEMPTS})")
    load.add_argument("--backoff", type=float, default=BACKOFF_SECONDS, metavar="SECONDS",
                      help=f"delay before the first retry, doubled each time (default: {BACKOFF_SECONDS:g})")
    load.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS, metavar="SECONDS",
                      help=f"per-request download timeout (default: {TIMEOUT_SECONDS:g})")
    load.set_defaults(run=run_load)

    diff = sub.add_parser(
        "diff", help="compare two editions of the same list",
        description="Compare two editions of one list. Each is a file in any accepted format\n"
        "(XML against DOL Excel works) or an installed edition written LIST:EDITION, e.g.\n"
        "ilab_tvpra:2020. Prints a summary; with --out writes one Parquet row per difference.",
        epilog=DIFF_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    diff.add_argument("old", metavar="OLD", help="older edition: FILE or LIST:EDITION")
    diff.add_argument("new", metavar="NEW", help="newer edition: FILE or LIST:EDITION")
    diff.add_argument("--list", dest="list_name", choices=LISTS,
                      help="which list (needed for the scrape JSON, which holds uflpa and wro)")
    diff.add_argument("--out", type=Path, default=None,
                      help="folder for <list>_<old>_to_<new>.parquet (default: print only)")
    diff.add_argument("--reference-root", type=Path, default=None,
                      help="reference data folder for LIST:EDITION (default: data/reference)")
    diff.set_defaults(run=run_diff)


def _root(args: argparse.Namespace) -> Path:
    from tasks.reference.store import DEFAULT_ROOT

    return args.reference_root or DEFAULT_ROOT


def run_load(args: argparse.Namespace) -> int:
    from flows.reference import reference_load
    from tasks.reference import ReferenceDataError
    from tasks.reference.install import summary_lines

    if not 0 <= args.min_row_ratio <= 1 or args.attempts < 1:
        return fail(ValueError("--min-row-ratio must be between 0 and 1 and --attempts at least 1"))
    try:
        results = reference_load(
            source=args.source, list_name=args.list_name, edition=args.edition,
            reference_root=_root(args), min_row_ratio=args.min_row_ratio, attempts=args.attempts,
            backoff_seconds=args.backoff, timeout_seconds=args.timeout)
    except (ReferenceDataError, ValueError, OSError) as error:  # OSError covers TimeoutError
        return fail(error)
    print("\n".join(summary_lines(results)))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from flows.reference import reference_diff
    from tasks.reference import ReferenceDataError
    from tasks.reference.compare import summary_lines

    try:
        comparison, parquet = reference_diff(old=args.old, new=args.new, list_name=args.list_name,
                                             out=args.out, reference_root=_root(args))
    except (ReferenceDataError, ValueError, OSError) as error:
        return fail(error)
    print("\n".join(summary_lines(comparison)))
    if parquet is not None:
        print(f"diff written to {parquet}")
    return 0
