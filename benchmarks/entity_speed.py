"""Entity screening at scale: 100k synthetic suppliers against about 50k list names.

`python -m benchmarks.entity_speed [--suppliers N] [--names N]` builds a synthetic extra
watchlist (Chinese-style names: place + pinyin brand + business + legal form) on top of the
real UFLPA / WRO entities, then suppliers drawn from the same vocabulary (about 2 % are
variants of listed names), and prints wall time of each stage and peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

import pandas as pd

from tasks import entity_config
from tasks.entity_match import build_index, list_names, match_suppliers
from tasks.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
# Pinyin syllables (a quarter of the ~400 in use), so brands repeat about as often as real ones.
SYLLABLES = """
an ao bai bao bei ben bin bo cai chang chao chen cheng chun cong da dan de deng ding dong du fa fan
fang fei feng fu gang gao ge geng guang gui guo hai han hang hao he heng hong hua huai huan hui jia
jian jiang jie jin jing jiu ju jun kai kang ke kun lan lang le lei li lian liang lin ling long lu
lun luo mao mei meng min ming mu nan ning ou pei peng ping qi qian qiang qin qing quan rong rui run
sen shan shang shen sheng shi shun si song tai tan tang tao tian ting tong wan wang wei wen xi xia
xiang xin xing xu xuan ya yan yang yao ye yi yin ying yong you yu yuan yue yun ze zhan zhao zhen
zheng zhi zhong zhou zhu zi zun
""".split()  # noqa: SIM905
PLACES = ["Xinjiang", "Aksu", "Hetian", "Kashi", "Shihezi", "Changji", "Urumqi", "Hebei", "Henan", "Jiangsu",
          "Zhejiang", "Shandong", "Guangdong", "Fujian", "Anhui", "Hubei", "Sichuan", "Tianjin", "Ningbo",
          "Qingdao", "Shenzhen", "Dongguan", "Foshan", "Wuxi", "Suzhou", "Hangzhou", "Xiamen", "Dalian"]
BUSINESS = ["Textile", "Cotton Industry", "Garment", "Color Spinning", "Knitting", "Apparel", "Trading",
            "Import & Export", "Silicon Industry", "New Energy", "Food", "Tomato Products", "Hair Products",
            "Electronics", "Logistics", "Mining", "Chemical", "Machinery", "Technology", "Footwear",
            "Packaging"]
LEGAL = ["Co., Ltd.", "Co Ltd", "Company Limited", "Group Co., Ltd.", "Industrial Co., Ltd.", "Ltd."]


def _name(rng: random.Random) -> str:
    brand = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 2, 3)))).capitalize()
    return f"{rng.choice(PLACES)} {brand} {rng.choice(BUSINESS)} {rng.choice(LEGAL)}"


def synthetic_entities(real: pd.DataFrame, total_names: int, seed: int = 7) -> pd.DataFrame:
    """The real entities plus a synthetic watchlist so that there are about `total_names` names."""
    rng = random.Random(seed)
    config = entity_config.load()
    have = len(list_names(real, config))
    rows = [{"list": "bench_watchlist", "edition": "synthetic", "entity_id": f"w{i:06d}", "name": _name(rng),
             "aliases": [], "note": None, "entity_kind": "company",
             "country_iso3": "CHN" if rng.random() < 0.5 else None, "status": "Active",
             "listed_date": None, "source_name": "synthetic"} for i in range(max(total_names - have, 0))]
    return pd.concat([real, pd.DataFrame(rows)], ignore_index=True)


def synthetic_suppliers(entities: pd.DataFrame, count: int, seed: int = 11) -> pd.DataFrame:
    rng = random.Random(seed)
    listed = entities["name"].tolist()
    names = []
    for _ in range(count):
        if rng.random() < 0.02:
            name = rng.choice(listed).upper().replace(",", "").replace(".", "")
        else:
            name = _name(rng)
        names.append(name)
    countries = [rng.choice(["CHN", "CHN", "VNM", "BGD", None]) for _ in range(count)]
    return pd.DataFrame({"supplier_id": [f"S{i:07d}" for i in range(count)], "name": names,
                         "country_iso3": countries})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=100_000)
    parser.add_argument("--names", type=int, default=50_000)
    args = parser.parse_args(argv)
    config = entity_config.load()
    real = load_reference(ROOT / "data" / "reference").entities
    entities = synthetic_entities(real, args.names)
    suppliers = synthetic_suppliers(entities, args.suppliers)
    start = time.perf_counter()
    index = build_index(entities, config)
    built = time.perf_counter()
    matches = match_suppliers(suppliers, index, config)
    done = time.perf_counter()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"suppliers {len(suppliers):,}; list names {len(index.names):,} "
          f"({len(entities):,} entities); blocking keys {len(index.keys):,}")
    print(f"index {built - start:.1f} s; screening {done - built:.1f} s; total {done - start:.1f} s")
    print(f"matches {len(matches):,} (match {int((matches['band'] == 'match').sum()):,}, "
          f"review {int((matches['band'] == 'review').sum()):,})")
    print(f"peak memory (ru_maxrss) {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
