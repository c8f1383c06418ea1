"""`python -m flows screen`: screen sourcing lines and publish scored Parquet."""

from __future__ import annotations

import argparse
from pathlib import Path

from flows.cli import fail, pairs
from tasks.paths import SAMPLE
from tasks.readers import MAX_BYTES, MAX_ROWS


def register(commands) -> None:
    screen = commands.add_parser(
        "screen", help="screen sourcing lines and write scored Parquet outputs",
        description="Ingest suppliers and sourcing lines (CSV, XLSX or Parquet), match them "
        "against ILAB goods, EO 13126 and TIP tiers, score them, and publish Parquet outputs "
        "to OUT/runs/<run_id>/ with OUT/latest pointing at the newest run.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    screen.add_argument("--suppliers", type=Path, default=SAMPLE / "suppliers.csv",
                        help="suppliers file: supplier_id, name, country; optional address, sector")
    screen.add_argument("--sourcing", type=Path, default=SAMPLE / "sourcing.xlsx",
                        help="sourcing lines: supplier_id, commodity and/or hs_code, "
                        "country_of_origin; optional line_id, quantity, unit, value_usd, date")
    screen.add_argument("--out", type=Path, default=Path("output"), help="output folder")
    screen.add_argument("--column-map", action="append", default=[], metavar="DATASET.COLUMN=HEADER",
                        help="use HEADER of DATASET (suppliers or sourcing) as COLUMN; repeatable")
    screen.add_argument("--scoring", type=Path, default=None,
                        help="scoring config (TOML); default data/scoring.toml")
    screen.add_argument("--reference-root", type=Path, default=None,
                        help="reference data folder; default data/reference")
    screen.add_argument("--as-of", action="append", default=[], metavar="LIST=EDITION",
                        help="pin a reference edition, e.g. ilab_tvpra=2020; repeatable")
    screen.add_argument("--duplicates", choices=["keep_first", "quarantine_all"],
                        default="keep_first", help="what to do with repeated ids")
    screen.add_argument("--partitions", type=int, default=None,
                        help="screen lines in this many country blocks as parallel tasks "
                        "(default 1, or 4 with --dask-address)")
    screen.add_argument("--dask-address", default=None, metavar="ADDRESS",
                        help="run the tasks on an existing Dask cluster, e.g. tcp://scheduler:8786 "
                        "(through prefect-dask's DaskTaskRunner)")
    screen.add_argument("--lists", default="ilab_tvpra,ilab_eo13126,tip,uflpa,wro", metavar="LIST[,LIST]",
                        help="lists to screen against: goods lists for lines, entity lists for suppliers")
    screen.add_argument("--review-threshold", type=float, default=None, metavar="SCORE",
                        help="lowest entity-name score shown for review (default: data/entity_matching.toml)")
    screen.add_argument("--auto-match-threshold", type=float, default=None, metavar="SCORE",
                        help="lowest entity-name score taken as a match (default: data/entity_matching.toml)")
    screen.add_argument("--watchlist", action="append", default=[], type=Path, metavar="CSV",
                        help="your own watchlist (columns: name, optional aliases, country, list); "
                        "repeatable")
    screen.add_argument("--decisions", type=Path, default=None, metavar="FILE",
                        help="analyst decisions (CSV or Parquet: supplier_id, list_entity_id, decision "
                        "confirm/reject, reviewer, reason, date, ...), applied on every run")
    screen.add_argument("--entity-config", type=Path, default=None, metavar="TOML",
                        help="entity-matching thresholds; default data/entity_matching.toml")
    screen.add_argument("--max-rows", type=int, default=MAX_ROWS,
                        help="refuse an input file with more data rows than this")
    screen.add_argument("--max-bytes", type=int, default=MAX_BYTES,
                        help="refuse an input file larger than this many bytes")
    screen.set_defaults(run=run_screen)


def _column_map(values: list[str]) -> dict[str, dict[str, str]]:
    nested: dict[str, dict[str, str]] = {}
    for key, header in pairs(values, "--column-map").items():
        dataset, dot, column = key.partition(".")
        if not dot or dataset not in {"suppliers", "sourcing"}:
            raise SystemExit(f"error: --column-map key must be suppliers.COLUMN or "
                             f"sourcing.COLUMN, got {key!r}")
        nested.setdefault(dataset, {})[column] = header
    return nested


def run_screen(args: argparse.Namespace) -> int:
    from flows.screening import with_task_runner
    from tasks.readers import InputError
    from tasks.scoring_config import DEFAULT_PATH

    try:
        partitions = args.partitions or (4 if args.dask_address else 1)
        summary = with_task_runner(args.dask_address)(
            suppliers=args.suppliers, sourcing=args.sourcing, out=args.out,
            column_map=_column_map(args.column_map), scoring=args.scoring or DEFAULT_PATH,
            reference_root=args.reference_root, as_of=pairs(args.as_of, "--as-of"),
            duplicates=args.duplicates, partitions=partitions,
            lists=[x.strip() for x in args.lists.split(",") if x.strip()],
            watchlists=args.watchlist, decisions=args.decisions, entity_config=args.entity_config,
            max_rows=args.max_rows, max_bytes=args.max_bytes,
            review_threshold=args.review_threshold, auto_match_threshold=args.auto_match_threshold,
        )
    except (InputError, ValueError, FileExistsError) as error:
        return fail(error)
    print_summary(summary)
    return 0


def print_summary(summary) -> None:
    print()
    print(f"Outputs: {summary.run_dir}")
    print(f"Latest:  {summary.latest} -> {summary.run_dir.name}")
    for dataset, rows in summary.rows.items():
        print(f"{dataset:>10}: {rows['read']} rows read, {rows['accepted']} screened, "
              f"{rows['quarantined']} quarantined")
    for note in summary.notes:
        print(f"  note: {note}")
    bands = ", ".join(f"{band} {count}" for band, count in summary.counts_per_band.items())
    print(f"Lines per band: {bands}")
    if summary.top_hotspots:
        print("\nTop hotspots (country x commodity):")
        print(f"  {'#':>2}  {'country':<24} {'commodity':<24} {'lines':>5} {'suppliers':>9} "
              f"{'value USD':>13} {'score':>5}  band")
        for spot in summary.top_hotspots:
            value = spot["total_value_usd"]
            value_text = f"{value:,.0f}" if value == value and value is not None else "-"
            print(f"  {spot['rank']:>2}  {str(spot['country_name'])[:24]:<24} "
                  f"{str(spot['commodity_label'])[:24]:<24} {spot['lines']:>5} "
                  f"{spot['suppliers']:>9} {value_text:>13} {spot['score']:>5.0f}  {spot['band']}")
    if summary.entity_hits or summary.entity_reviews:
        print(f"\nEntity screening: {len(summary.entity_hits)} matches, {summary.entity_reviews} to review "
              f"(entity_matches.parquet)")
        for hit in summary.entity_hits[:10]:
            print(f"  {hit['supplier_id']} {str(hit['supplier_name'])[:40]} = {hit['list']} "
                  f"\"{str(hit['matched_name'])[:50]}\" ({hit['score']:.0f}, {hit['decision']})")
    if summary.changes_total:
        print(f"\nChanges since the previous run: {summary.changes_total} suppliers "
              f"(changes.parquet); first ones:")
        for change in summary.changes:
            print(f"  {change['supplier_id']} {str(change['name'])[:40]}: {change['change']} "
                  f"{change['old_band'] or '-'} -> {change['new_band'] or '-'} ({change['cause']})")
    print(f"\nReport with charts: {summary.run_dir / 'report.html'}")
    if summary.quarantine_rows:
        print(f"\n{summary.quarantine_rows} rows quarantined "
              f"({summary.run_dir / 'quarantine.parquet'}); first problems:")
        for problem in summary.first_problems:
            print(f"  {problem['source_file']} row {problem['row_number']}: {problem['reason']}")
