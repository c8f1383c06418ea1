"""Synthetic benchmark inputs in the shapes of data/sample/, at any size.

    python -m benchmarks.generate --lines 1000000 --out DIR [--csv] [--seed N]

Writes DIR/suppliers.csv (lines/10 suppliers), DIR/sourcing.parquet (and sourcing.csv with
--csv) and DIR/truth.json: what was planted (listed-entity names, ILAB good x country lines,
HS-only lines, blank origins, bad rows). Deterministic for a seed; numpy-vectorised.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from benchmarks.lines import make_lines
from benchmarks.suppliers import make_suppliers
from benchmarks.vocab import SEED


def generate(lines: int, out: Path, seed: int = SEED, csv: bool = False) -> dict:
    """Write the inputs for `lines` sourcing lines to `out`; return the truth record."""
    if lines < 20:
        raise ValueError("need at least 20 lines")
    rng = np.random.default_rng(seed)
    suppliers, meta = make_suppliers(rng, max(lines // 10, 2))
    sourcing, line_truth = make_lines(rng, lines, meta)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    supplier_table = pa.Table.from_pandas(suppliers, preserve_index=False)
    pacsv.write_csv(supplier_table, out / "suppliers.csv")
    sourcing_table = pa.Table.from_pandas(sourcing, preserve_index=False)
    pq.write_table(sourcing_table, out / "sourcing.parquet", compression="zstd")
    if csv:
        pacsv.write_csv(sourcing_table, out / "sourcing.csv")
    truth = {"seed": seed, **meta["truth"], **line_truth}
    (out / "truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False), encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=100_000, help="sourcing lines (suppliers: lines/10)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the inputs to")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--csv", action="store_true", help="also write sourcing.csv")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    truth = generate(args.lines, args.out, args.seed, args.csv)
    print(f"{truth['lines']:,} lines, {truth['suppliers']:,} suppliers -> {args.out} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
