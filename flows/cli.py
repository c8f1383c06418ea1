"""Command line: `python -m flows COMMAND ...`; each command lives in its own module."""

from __future__ import annotations

import argparse
import importlib
import sys

# Modules with `register(commands)`: they add a subparser and set `run` to a function
# taking the parsed arguments and returning the exit code.
COMMAND_MODULES = ("flows.screen_cli", "flows.reference_cli", "flows.serve_cli")

EPILOG = """examples:
  python -m flows screen                       # bundled sample data, outputs in ./output
  python -m flows screen --suppliers vendors.xlsx --sourcing po_lines.csv --out results
  python -m flows COMMAND --help               # every option of one command
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m flows",
        description="Forced-labor risk screening of supplier and sourcing data.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def pairs(values: list[str], option: str) -> dict[str, str]:
    """KEY=VALUE option values as a dict; a malformed one stops with a usage error."""
    out = {}
    for value in values:
        key, sep, item = value.partition("=")
        if not sep or not key or not item:
            raise SystemExit(f"error: {option} expects KEY=VALUE, got {value!r}")
        out[key.strip()] = item.strip()
    return out


def fail(error: Exception) -> int:
    print(f"error: {error}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
