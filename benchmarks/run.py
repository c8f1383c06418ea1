"""Benchmark the screening pipeline: per-stage time, rows/s and peak memory, against targets.

    python -m benchmarks.run --lines 100000
    python -m benchmarks.run --sizes 10000,100000,1000000

Each size runs in a fresh subprocess (peak RSS does not carry over); its baselines (I/O
floor, naive per-row approach, Great Expectations alone) run in another. Inputs are made by
benchmarks.generate into --data (kept for reuse). Figures go to --json
(benchmarks/results/latest.json by default; that folder is git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.vocab import SEED

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = Path(tempfile.gettempdir()) / "flscreen-bench"
MAX_SECONDS_1M = 60.0
MAX_RSS_GIB_1M = 4.0
MAX_GROWTH = 10 * 1.2  # t(1M) / t(100k)
MAX_FLOOR_MULTIPLE = 5.0


def inputs(data: Path, lines: int) -> tuple[Path, Path]:
    folder = data / f"lines-{lines}"
    truth = folder / "truth.json"
    if not truth.exists() or json.loads(truth.read_text())["seed"] != SEED:
        # In a child process: a parent's peak RSS is inherited by the children it starts.
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "benchmarks.generate", "--lines", str(lines), "--out",
                        str(folder)], check=True, cwd=HERE.parent, stdout=subprocess.DEVNULL)
        print(f"generated {lines:,} lines in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder / "suppliers.csv", folder / "sourcing.parquet"


def single(data: Path, lines: int, what: str, sample: int) -> dict:
    """Run in a child process: the pipeline, or the baselines, for one size."""
    suppliers, sourcing = inputs(data, lines)
    if what == "pipeline":
        from benchmarks.stages import Timer, peak_rss_mib, run

        timer = Timer()
        with tempfile.TemporaryDirectory() as out:
            counts = run(suppliers, sourcing, Path(out), timer)
        truth = json.loads((suppliers.parent / "truth.json").read_text(encoding="utf-8"))
        return {"stages": timer.stages, "total_seconds": timer.total(), "peak_rss_mib": peak_rss_mib(),
                "counts": counts, "truth": {k: v for k, v in truth.items() if k != "listed_names"}}
    from benchmarks import baselines
    from benchmarks.stages import gx_cost

    return {"io_floor_seconds": baselines.io_floor(suppliers, sourcing),
            **baselines.naive(suppliers, sourcing, sample), **gx_cost(suppliers, sourcing)}


def child(args: argparse.Namespace, lines: int, what: str) -> dict:
    command = [sys.executable, "-m", "benchmarks.run", "--single", str(lines), "--what", what,
               "--data", str(args.data), "--naive-sample", str(args.naive_sample)]
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=HERE.parent, check=False)
    if done.returncode:
        raise SystemExit(f"{what} at {lines:,} lines failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def targets(results: dict[int, dict]) -> list[dict]:
    """The issue's targets, PASS/FAIL where the sizes needed were measured."""
    out = []
    big = results.get(1_000_000)
    if big:
        out.append(_check("1M lines end to end", big["total_seconds"], MAX_SECONDS_1M, "s"))
        out.append(_check("1M lines peak RSS", big["peak_rss_mib"] / 1024, MAX_RSS_GIB_1M, "GiB"))
        if 100_000 in results:
            ratio = big["total_seconds"] / results[100_000]["total_seconds"]
            out.append(_check("growth t(1M)/t(100k)", ratio, MAX_GROWTH, "x"))
    for lines, r in sorted(results.items()):
        multiple = r["total_seconds"] / r["io_floor_seconds"]
        out.append(_check(f"{lines:,} lines vs I/O floor", multiple, MAX_FLOOR_MULTIPLE, "x"))
    return out


def _check(name: str, value: float, limit: float, unit: str) -> dict:
    return {"target": name, "value": round(value, 2), "limit": limit, "unit": unit,
            "result": "PASS" if value <= limit else "FAIL"}


def report(results: dict[int, dict], checks: list[dict]) -> str:
    sizes = sorted(results)
    stages = list(results[sizes[0]]["stages"])
    head = f"{'stage':<15}" + "".join(f"{f'{n:,} lines':>34}" for n in sizes)
    rows = [head, f"{'':<15}" + "".join(f"{'s':>10}{'rows/s':>12}{'RSS MiB':>12}" for _ in sizes)]
    for stage in stages:
        cells = []
        for n in sizes:
            s = results[n]["stages"][stage]
            rate = s["rows"] / s["seconds"] if s["rows"] and s["seconds"] else 0
            cells.append(f"{s['seconds']:>10.2f}{rate:>12,.0f}{s['peak_rss_mib']:>12,.0f}")
        rows.append(f"{stage:<15}" + "".join(cells))
    for label, key in (("end to end", "total_seconds"), ("I/O floor", "io_floor_seconds"),
                       ("naive (extrap.)", "naive_extrapolated_seconds"), ("GX start-up", "gx_startup"),
                       ("GX sourcing", "gx_sourcing"),
                       ("GX suppliers", "gx_suppliers")):
        rows.append(f"{label:<15}" + "".join(
            f"{results[n][key]:>10.2f}{n / results[n][key]:>12,.0f}{'':>12}" for n in sizes))
    rows.append(f"{'peak RSS MiB':<15}" + "".join(f"{results[n]['peak_rss_mib']:>34,.0f}" for n in sizes))
    rows.append("")
    for n in sizes:  # what was planted against what the pipeline found
        t, c = results[n]["truth"], results[n]["counts"]
        rows.append(f"{n:,} lines: bad lines {t['bad_lines']:,} -> quarantined {c['lines_quarantined']:,}; "
                    f"bad suppliers {t['bad_suppliers']:,} -> {c['suppliers_quarantined']:,}; listed "
                    f"suppliers planted {t['listed_suppliers']:,} -> entity matches "
                    f"{c.get('entity_matches', 0):,} (+{c.get('entity_reviews', 0):,} to review)")
    rows.append("")
    rows += [f"{c['result']}  {c['target']}: {c['value']} {c['unit']} (limit {c['limit']} {c['unit']})"
             for c in checks]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=100_000, help="one size (suppliers: lines/10)")
    parser.add_argument("--sizes", help="comma-separated sizes, e.g. 10000,100000,1000000")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="where generated inputs are kept")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--naive-sample", type=int, default=2000, help="lines the naive baseline screens")
    parser.add_argument("--single", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--what", choices=["pipeline", "baselines"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.single:
        print(json.dumps(single(args.data, args.single, args.what, args.naive_sample)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.lines]
    load = os.getloadavg()
    if load[0] > 0.5 * (os.cpu_count() or 1):
        print(f"warning: load average {load[0]:.1f} on {os.cpu_count()} CPUs; times will be inflated",
              file=sys.stderr)
    results = {}
    for lines in sizes:
        inputs(args.data, lines)
        results[lines] = {**child(args, lines, "pipeline"), **child(args, lines, "baselines")}
        print(f"{lines:,} lines: {results[lines]['total_seconds']:.1f} s end to end", file=sys.stderr)
    checks = targets(results)
    print(report(results, checks))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    record = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform(), "load_before": load,
                          "load_after": os.getloadavg()},
              "measured": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "sizes": results, "targets": checks}
    args.json.write_text(json.dumps(record, indent=2), encoding="utf-8")
    print(f"\nfigures written to {args.json}")
    return 0 if all(c["result"] == "PASS" for c in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
