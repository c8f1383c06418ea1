"""`python -m flows serve`: register and serve the `nightly` and `screen-on-demand` deployments."""

from __future__ import annotations

import argparse
import os

from flows.cli import fail

EPILOG = """environment:
  PREFECT_API_URL          the Prefect server, e.g. http://127.0.0.1:4200/api (required)
  FLSCREEN_INPUT_ROOTS     folders runs may read inputs from, separated by ':' (default data/sample)
  FLSCREEN_OUTPUT_ROOT     folder runs may write under (default ./output)
  FLSCREEN_REFERENCE_ROOT  reference store the nightly job refreshes (default data/reference)
  FLSCREEN_TIMEZONE        default for --timezone (default UTC)

examples:
  python -m flows serve
  python -m flows serve --cron "30 1 * * 1-5" --timezone Europe/Berlin
"""


def register(commands) -> None:
    serve = commands.add_parser(
        "serve", help="serve the nightly and screen-on-demand deployments to a Prefect server",
        description="Register the `nightly` deployment (cron schedule) and the `screen-on-demand`\n"
        "deployment (no schedule; run it from the Prefect UI with the form), then run their\n"
        "flow runs in this process until stopped (Ctrl-C pauses the nightly schedule).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--cron", default="0 2 * * *",
                       help="schedule of the nightly run, in cron syntax (default: %(default)r, 02:00)")
    serve.add_argument("--timezone", default=None,
                       help="IANA timezone of the schedule, e.g. Europe/Berlin "
                       "(default: $FLSCREEN_TIMEZONE, else UTC)")
    serve.add_argument("--limit", type=int, default=2,
                       help="most flow runs at the same time (default: %(default)s)")
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from prefect import serve
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.settings import get_current_settings
    from pydantic import ValidationError

    from flows.deployments import TIMEZONE_ENV, build_deployments

    timezone = args.timezone or os.environ.get(TIMEZONE_ENV) or "UTC"
    try:
        CronSchedule(cron=args.cron, timezone=timezone)
    except ValidationError as error:
        return fail(ValueError("; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors())))
    if args.limit < 1:
        return fail(ValueError("--limit must be at least 1"))
    if not get_current_settings().api.url:
        return fail(ValueError("no Prefect server: start one with `prefect server start` and set "
                               "PREFECT_API_URL (e.g. http://127.0.0.1:4200/api)"))
    serve(*build_deployments(args.cron, timezone), limit=args.limit)
    return 0
