"""Write data/evaluation/entity_pairs.csv: labelled (supplier name, list entity) pairs.

Positives are variants of the lists' own names and aliases (legal-form and punctuation changes,
romanisation variants, abbreviations, dropped legal form, word order, one typo) plus a short
hand-written table of Chinese-character names of listed companies. Negatives are real-looking
companies that are not listed: a listed name with its distinctive word swapped for another
pinyin word, the same city with a different business, generic-only names, and unlisted real
companies. Split by entity (30 % held out), seed fixed: `python -m benchmarks.make_entity_pairs`.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from collections import Counter
from pathlib import Path

from tasks import entity_config
from tasks.company_names import name_form
from tasks.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "evaluation" / "entity_pairs.csv"
SEED = 20261129
COLUMNS = ["pair_id", "split", "label", "kind", "supplier_name", "supplier_country_iso3",
           "list_entity_id", "list_name", "source"]

LEGAL_VARIANTS = ["Co., Ltd.", "Co Ltd", "CO.,LTD", "Company Limited", "Co. Limited", "Ltd.", "LIMITED"]
LEGAL_RE = re.compile(r",?\s*(?:Co\.?,?\s*Ltd\.?|Company,?\s*Limited|Co\.? Limited|Limited|Ltd\.?|Co\.)$")
ROMANISATIONS = [("Hetian", "Hotan"), ("Aksu", "Akesu"), ("Kashgar", "Kashi"), ("Turpan", "Tulufan"),
                 ("Kuche", "Kuqa"), ("Lvzhou", "Luzhou"), ("Sichuan", "Szechuan"), ("Yili", "Ili")]
ABBREVIATIONS = [("International", "Intl"), ("Industry", "Inds"), ("Industrial", "Ind."),
                 ("Manufacturing", "Mfg"), ("Technology", "Tech"), ("Import & Export", "Imp. & Exp."),
                 ("Import and Export", "I/E"), ("Development", "Dev."), ("Corporation", "Corp."),
                 ("Company", "Co."), ("Color", "Colour"), ("Textile", "Textiles")]
PLACES = {w.capitalize() for w in entity_config.load().blocking.place_tokens} | {"Xinjiang", "Hefei", "Lop"}

# Chinese names of listed companies, written by hand from the companies' public names.
CHINESE = {
    "Aksu Huafu Color Spinning Co., Ltd.": "阿克苏华孚色纺有限公司",
    "Xinjiang Production and Construction Corps": "新疆生产建设兵团",
    "Hetian Haolin Hair Accessories Co. Ltd.": "和田浩林发制品有限公司",
    "Hetian Taida Apparel Co., Ltd.": "和田泰达服装有限公司",
    "Hoshine Silicon Industry (Shanshan) Co., Ltd.": "合盛硅业(鄯善)有限公司",
    "Xinjiang Daqo New Energy Co., Ltd.": "新疆大全新能源股份有限公司",
    "Xinjiang Zhongtai Chemical Co. Ltd.": "新疆中泰化学股份有限公司",
    "Xinjiang Tianshan Wool Textile Co. Ltd.": "新疆天山毛纺织股份有限公司",
    "Zijin Mining Group Co., Ltd.": "紫金矿业集团股份有限公司",
    "Xinjiang East Hope Nonferrous Metals Co., Ltd.": "新疆东方希望有色金属有限公司",
    "Changji Esquel Textile Co., Ltd.": "昌吉溢达纺织有限公司",
    "Yili Zhuowan Garment Manufacturing Co., Ltd.": "伊犁卓湾服装制造有限公司",
    "Xinjiang Junggar Cotton and Linen Co., Ltd.": "新疆准噶尔棉麻有限公司",
    "Kuitun Jinfu Textile Co., Ltd.": "奎屯锦孚纺织有限公司",
    "Xinjiang Zhonghe Co., Ltd.": "新疆众和股份有限公司",
    "Xinjiang Tianhong Xinba Cotton Industry Co., Ltd.": "新疆天虹新八棉业有限公司",
    "Ninestar Corporation": "纳思达股份有限公司",
    "Zhuhai Pantum Electronics Co. Ltd.": "珠海奔图电子有限公司",
}
# Real companies not on the lists, several sharing a place or brand word with a listed one.
UNLISTED = [
("Xinjiang Goldwind Science & Technology Co., Ltd.", "CHN"),
    ("Xinjiang Tianshan Cement Co., Ltd.", "CHN"),
    ("Inner Mongolia Yili Industrial Group Co., Ltd.", "CHN"), ("Texhong Textile Group Limited", "HKG"),
    ("Shandong Weiqiao Textile Co., Ltd.", "CHN"), ("Luthai Textile Co., Ltd.", "CHN"),
    ("Shenzhou International Group Holdings Limited", "CHN"),
    ("Crystal International Group Limited", "HKG"), ("Pacific Textiles Holdings Limited", "HKG"),
    ("Bros Eastern Co., Ltd.", "CHN"), ("Trina Solar Co., Ltd.", "CHN"),
    ("JinkoSolar Holding Co., Ltd.", "CHN"), ("Canadian Solar Inc.", "CAN"),
    ("Anta Sports Products Limited", "CHN"), ("Li Ning Company Limited", "CHN"),
    ("Haier Smart Home Co., Ltd.", "CHN"), ("Midea Group Co., Ltd.", "CHN"),
    ("Gree Electric Appliances Inc. of Zhuhai", "CHN"),
    ("Zhejiang Sanhua Intelligent Controls Co., Ltd.", "CHN"), ("Tianjin Port Holdings Co., Ltd.", "CHN"),
    ("Dalian Wanda Group Co., Ltd.", "CHN"), ("Hubei Sanonda Co., Ltd.", "CHN"),
    ("Henan Shuanghui Investment & Development Co., Ltd.", "CHN"),
    ("Anhui Conch Cement Company Limited", "CHN"), ("Ningbo Shanshan Co., Ltd.", "CHN"),
    ("Everest Textile Co., Ltd.", "TWN"), ("Giant Bicycles Inc.", "USA"),
    ("Union Pacific Corporation", "USA"), ("Valley Fresh Foods Inc.", "USA"),
    ("Camel Active Apparel GmbH", "DEU"), ("Esquire Knit Composite Ltd.", "BGD"),
    ("Golden Horse Garments Ltd.", "BGD"), ("Kumar Textiles Pvt. Ltd.", "IND"),
    ("Marathon Carpets Pvt. Ltd.", "NPL")]
BUSINESSES = ["Fruit", "Plastic Packaging", "Auto Parts", "Printing", "Building Materials", "Paper",
              "Furniture", "Feed", "Dairy", "Cement", "Glass", "Pharmacy", "Hotel Management", "Tourism",
              "Wine"]
GENERIC = ["Xinjiang Cotton Industry Co., Ltd.", "Xinjiang Textile Group Co., Ltd.",
           "China Cotton Trading Co., Ltd.", "Xinjiang International Trade Co., Ltd.",
           "Xinjiang New Energy Co., Ltd.", "Cotton Textile Co Ltd",
           "Xinjiang Cotton and Linen Trading Co.", "China Textile Industry Group",
           "Xinjiang Import & Export Co., Ltd.", "Xinjiang Industry Development Group Co., Ltd.",
           "Hubei Cotton Logistics Co., Ltd.", "Xinjiang Garment Manufacturing Co., Ltd.",
           "China Silicon Industry Co., Ltd.", "Xinjiang Food Co., Ltd."]
SYLLABLES = ["jin", "yuan", "hong", "tai", "xin", "long", "sheng", "feng", "hua", "da", "mei", "rui",
             "kang", "heng", "xing", "bao", "cheng", "guang", "ming", "hai", "yu", "wei", "jia", "lian",
             "shun", "tong"]


def split_of(key: str) -> str:
    return "test" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10 < 3 else "train"


def legal_swap(name: str, rng: random.Random) -> str:
    base = LEGAL_RE.sub("", name)
    return f"{base} {rng.choice(LEGAL_VARIANTS)}" if base != name else f"{name} {rng.choice(LEGAL_VARIANTS)}"


def typo(name: str, rng: random.Random) -> str | None:
    words = [i for i, w in enumerate(name.split()) if len(w) >= 6 and w.isalpha()]
    if not words:
        return None
    parts = name.split()
    i = rng.choice(words)
    w = parts[i]
    j = rng.randrange(1, len(w) - 2)
    parts[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:] if rng.random() < 0.5 else w[:j] + w[j + 1:]
    return " ".join(parts)


def variants(name: str, rng: random.Random) -> list[tuple[str, str]]:
    out = [("legal_form", legal_swap(name, rng)),
           ("case_punct", re.sub(r"[.,()]", "", name).upper()),
           ("dropped_legal", LEGAL_RE.sub("", name).strip())]
    for a, b in ROMANISATIONS:
        for x, y in ((a, b), (b, a)):
            if re.search(rf"\b{x}\b", name):
                out.append(("romanisation", re.sub(rf"\b{x}\b", y, name)))
    abbreviated = name
    for long, short in ABBREVIATIONS:
        abbreviated = abbreviated.replace(long, short)
    if abbreviated != name:
        out.append(("abbreviation", abbreviated))
    first, _, rest = name.partition(" ")
    if first in PLACES and rest:
        out.append(("word_order", f"{rest} ({first})"))
    if (t := typo(name, rng)) is not None:
        out.append(("typo", t))
    return [(k, v) for k, v in out if v and v != name]


def brand(vocabulary: set[str], rng: random.Random) -> str:
    while True:
        word = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize()
        if word.casefold() not in vocabulary:
            return word


def build() -> list[dict]:
    rng = random.Random(SEED)
    entities = load_reference(ROOT / "data" / "reference").entities
    companies = entities[entities["entity_kind"] == "company"]
    vocabulary = {t for _, e in companies.iterrows() for n in [e["name"], *e["aliases"]]
                  for t in name_form(n).tokens}
    # words on the names of two or more entities: business words, not identities
    per_name = {name_form(e["name"]).compare: {t for n in [e["name"], *e["aliases"]]
                                                for t in name_form(n).tokens}
                for _, e in companies.iterrows()}
    common = {t for t, n in Counter(t for s in per_name.values() for t in s).items() if n >= 3} | {""}
    rows: list[dict] = []

    def add(label: int, kind: str, supplier: str, country: str | None, entity, source: str) -> None:
        rows.append({"split": split_of(entity["entity_id"] if entity is not None else supplier),
                     "label": label, "kind": kind, "supplier_name": supplier,
                     "supplier_country_iso3": country or "",
                     "list_entity_id": entity["entity_id"] if entity is not None else "",
                     "list_name": entity["name"] if entity is not None else "", "source": source})

    for _, entity in companies.iterrows():
        country = entity["country_iso3"] if isinstance(entity["country_iso3"], str) else "CHN"
        for text in [entity["name"], *entity["aliases"]]:
            for kind, variant in variants(text, rng):
                add(1, kind, variant, country if rng.random() < 0.6 else None, entity, f"variant of {text!r}")
        if entity["name"] in CHINESE:
            add(1, "chinese_characters", CHINESE[entity["name"]], "CHN", entity, "hand-written Chinese name")
        # hard negatives: the brand after the place swapped, only where the rest is common business words
        words = LEGAL_RE.sub("", entity["name"]).split()
        start = 2 if words[:2] == ["Inner", "Mongolia"] else int(words[0] in PLACES)
        if len(words) > start + 1 and words[start].isalpha() \
                and all(name_form(w).core in common for w in words[start + 1:]):
            swapped = entity["name"].replace(words[start], brand(vocabulary, rng), 1)
            add(0, "brand_swapped", swapped, "CHN", entity,
                f"{words[start]!r} replaced in {entity['name']!r}")
        if words[0] in PLACES:
            other = f"{words[0]} {brand(vocabulary, rng)} {rng.choice(BUSINESSES)} Co., Ltd."
            add(0, "same_city_other_business", other, "CHN", entity, f"same place as {entity['name']!r}")
    for name in GENERIC:
        add(0, "generic_only", name, "CHN", None, "generic words only")
    for name, country in UNLISTED:
        add(0, "unlisted_real", name, country, None, "real company not on the lists")
    for number, row in enumerate(rows, start=1):
        row["pair_id"] = f"p{number:05d}"
    return rows


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    positives = sum(r["label"] for r in rows)
    print(f"{OUT}: {len(rows)} pairs, {positives} positive, {len(rows) - positives} negative")


if __name__ == "__main__":
    main()
