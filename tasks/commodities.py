"""Commodity taxonomy: ILAB goods, their synonyms and an HS 2022 crosswalk, and a resolver.

The table is `data/commodities.csv`, curated by hand (see its `hs_note` column for what each
HS claim covers and leaves out). The resolver maps free-text commodity names and HS/HTS codes
from supplier data to `commodity_id`s, and never guesses: anything it is not sure about comes
back as method "unmapped" with a detail saying why.

    python -m tasks.commodities coverage     # how much of the ILAB lists the table covers
"""

from __future__ import annotations

import argparse
import math
import numbers
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from tasks.paths import DATA

DEFAULT_PATH = DATA / "commodities.csv"
ILAB_RAW = DATA / "reference" / "raw" / "ilab"
COLUMNS = ["commodity_id", "label", "sector", "ilab_names", "synonyms", "hs_prefixes", "hs_note", "derived"]
FUZZY_CUTOFF = 90      # token_sort_ratio, 0-100; about one typo per 20 characters
FUZZY_MIN_LENGTH = 4   # shorter queries (letters only) are never fuzzy-matched
PREFIX_LENGTHS = (6, 4, 2)
PHRASE_MAX_WORDS = 4   # longest name looked for inside a description


@dataclass(frozen=True)
class CommodityMatch:
    commodity_id: str | None
    method: str  # "ilab_name" | "synonym" | "phrase" | "fuzzy" | "hs" | "unmapped"
    detail: str


@dataclass(frozen=True)
class _Entry:
    commodity_id: str
    method: str  # "ilab_name" or "synonym"
    source: str  # the name as written in the table


# --- name normalisation ------------------------------------------------------------------

_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_APOSTROPHES = re.compile(r"['’`´]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_KEEP_WORDS = {"christmas", "molasses", "series", "species", "chassis", "tennis", "lens", "news"}
_IRREGULAR = {"leaves": "leaf", "knives": "knife", "halves": "half", "loaves": "loaf"}
_OES_PLURAL_S = {"shoes", "canoes", "hoes", "toes", "oboes"}
# Too vague to stand for one commodity: "Oil (Palm)" must not make plain "oil" mean palm oil.
GENERIC_KEYS = {"oil", "oils", "ore", "ores", "fruit", "fruits", "product", "products", "good", "goods"}


def normalize_name(text: str, keep_qualifiers: bool = False) -> str:
    """Casefolded, accent-free words without qualifiers in brackets.

    "Açaí Berries (frozen)" -> "acai berries"; with keep_qualifiers -> "acai berries frozen".
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text.replace("&", " and "))
    stripped = text if keep_qualifiers else _PARENS.sub(" ", text)
    words = _NON_ALNUM.sub(" ", stripped).split() or _NON_ALNUM.sub(" ", text).split()
    return " ".join(words)


_COMPOSITION = re.compile(r"\b\d+(?:[.,]\d+)?\s*%\s*[^\W\d_]+", re.UNICODE)
_TAIL = re.compile(r"\s(?:in|for|with|of|on|from)\s.*$", re.IGNORECASE)


def _core_description(text: str) -> str:
    """A trade description without its fibre content and trailing phrase.

    "Ladies knit T-shirt 100% cotton" -> "Ladies knit T-shirt"; "Spare parts for packaging
    machine" -> "Spare parts". What is left names the product, not what it is made of.
    """
    return _TAIL.sub("", _COMPOSITION.sub(" ", text))


def _singular_word(word: str) -> str:
    if len(word) < 4 or word in _KEEP_WORDS or word.isdigit():
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # berries -> berry
    if word.endswith("oes") and word not in _OES_PLURAL_S:
        return word[:-2]  # tomatoes -> tomato
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]  # matches -> match, glasses -> glass
    if word.endswith(("ss", "us")) or not word.endswith("s"):
        return word  # glass, citrus
    return word[:-1]


def singularize(key: str) -> str:
    """Word-by-word plural stripping of a normalised name: "sweet potatoes" -> "sweet potato"."""
    return " ".join(_singular_word(w) for w in key.split())


# --- HS codes -------------------------------------------------------------------------------

_HS_LABEL = re.compile(r"^(?:hts|hs)(?:\s*code)?\s*[:#]?\s*", re.IGNORECASE)
_HS_SHAPE = re.compile(r"^\d+(?:[.\s-]+\d+)*$")
_HS_SEP = re.compile(r"[.\s-]+")


def normalize_hs(code: object) -> str | None:
    """HS/HTS code as a plain digit string, or None when it is missing or not a code.

    "5201.00" -> "520100", "0901.11.0010" -> "0901110010", "HS 5201 00" -> "520100".
    Excel damage is repaired where the shape makes it unambiguous:
    - a lost leading zero: an odd number of digits in one run ("90111" -> "090111") or a
      3-digit heading before the first dot ("901.11" -> "090111");
    - a number stored as float: 5201.0 -> "5201" (a lone trailing ".0" is dropped) and
      8541.4 -> "854140" (a lone last digit after a dot lost its trailing zero).
    Results must have 2-12 digits; anything else (letters, negative numbers) is None.
    """
    if code is None or isinstance(code, bool):
        return None
    if isinstance(code, numbers.Integral):
        return _pad_single(str(int(code))) if int(code) >= 0 else None
    if isinstance(code, numbers.Real):
        value = float(code)
        if not math.isfinite(value) or value < 0:
            return None
        text = str(int(value)) if value.is_integer() else str(value)
    elif isinstance(code, str):
        text = code
    else:
        return None if pd.isna(code) is True else normalize_hs(str(code))
    text = _HS_LABEL.sub("", unicodedata.normalize("NFKC", text).strip())
    if not _HS_SHAPE.match(text):
        return None
    groups = _HS_SEP.split(text)
    if len(groups) == 1:
        return _pad_single(groups[0])
    return _join_groups(groups)


def _pad_single(digits: str) -> str | None:
    if len(digits) % 2:
        digits = "0" + digits  # leading zero lost
    return digits if 2 <= len(digits) <= 12 else None


def _join_groups(groups: list[str]) -> str | None:
    head, *rest = groups
    if len(head) < 2:
        return None
    if len(head) % 2:
        head = "0" + head  # "901.11" -> "0901" + "11"
    if any(len(g) < 2 for g in rest[:-1]):
        return None
    if len(rest[-1]) == 1:  # float artefact: "5201.0" or "8541.4"
        rest[-1] = "" if rest[-1] == "0" else rest[-1] + "0"
    digits = head + "".join(rest)
    if len(digits) % 2:
        digits += "0"  # trailing zero lost ("5201.123" from 5201.1230)
    return digits if 2 <= len(digits) <= 12 else None


# --- the taxonomy ------------------------------------------------------------------------------

def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _name_keys(name: str) -> list[str]:
    """Index keys of a table name: without and with its bracketed qualifier, never generic."""
    keys = dict.fromkeys((normalize_name(name), normalize_name(name, keep_qualifiers=True)))
    return [k for k in keys if k and k not in GENERIC_KEYS]


def _ilab_key(good: str) -> str:
    return " ".join(unicodedata.normalize("NFC", good).split())


class CommodityTaxonomy:
    """Canonical commodities with their ILAB names, synonyms and HS prefixes."""

    def __init__(self, table: pd.DataFrame, source: str = "commodity table") -> None:
        missing = [c for c in COLUMNS if c not in table.columns]
        if missing:
            raise ValueError(f"{source}: missing columns {missing}")
        ids = table["commodity_id"]
        if ids.duplicated().any() or (ids == "").any():
            raise ValueError(f"{source}: empty or repeated commodity_id {sorted(set(ids[ids.duplicated()]))}")
        self.source = source
        self.table = table.reset_index(drop=True)
        self._labels = dict(zip(ids, table["label"], strict=True))
        self._made = dict(zip(ids, table["sector"].eq("Manufacturing"), strict=True))
        self._ilab: dict[str, str] = {}
        self._prefixes: dict[str, str] = {}
        self._plain: dict[str, _Entry] = {}
        problems: list[str] = []
        for row in self.table.itertuples(index=False):
            for good in _split(row.ilab_names):
                key = _ilab_key(good)
                if self._ilab.setdefault(key, row.commodity_id) != row.commodity_id:
                    problems.append(f'ILAB name "{good}" under {self._ilab[key]} and {row.commodity_id}')
            for prefix in _split(row.hs_prefixes):
                if not (prefix.isdigit() and len(prefix) in PREFIX_LENGTHS):
                    problems.append(f'{row.commodity_id}: HS prefix "{prefix}" is not 2, 4 or 6 digits')
                elif self._prefixes.setdefault(prefix, row.commodity_id) != row.commodity_id:
                    problems.append(f"HS prefix {prefix} under {self._prefixes[prefix]} "
                                    f"and {row.commodity_id}")
        # ILAB names first, so a name that is also a synonym reports as an ILAB name.
        for method, column in (("ilab_name", "ilab_names"), ("synonym", "synonyms")):
            for row in self.table.itertuples(index=False):
                for name in _split(getattr(row, column)):
                    for key in _name_keys(name):
                        entry = self._plain.setdefault(key, _Entry(row.commodity_id, method, name))
                        if entry.commodity_id != row.commodity_id:
                            problems.append(f'name "{name}" of {row.commodity_id} reads as "{key}", '
                                            f"already {entry.commodity_id}")
        if problems:
            raise ValueError(f"{source}: " + "; ".join(problems))
        # Singular forms. A key that is already singular keeps its own entry ("pepper" is
        # black pepper even though ILAB's "Peppers", capsicum, singularises to it).
        self._singular = {k: e for k, e in self._plain.items() if singularize(k) == k}
        for key, entry in self._plain.items():
            self._singular.setdefault(singularize(key), entry)
        self._choices = list(self._singular)

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> CommodityTaxonomy:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        table = table.apply(lambda col: col.str.strip())
        table["derived"] = table["derived"].str.lower().map({"true": True, "false": False})
        if table["derived"].isna().any():
            raise ValueError(f"{path}: derived must be true or false")
        return cls(table, source=str(path))

    def labels(self) -> dict[str, str]:
        return dict(self._labels)

    def ilab_names(self) -> dict[str, str]:
        """ILAB good name (NFC) -> commodity_id."""
        return dict(self._ilab)

    def prefixes(self) -> dict[str, str]:
        """HS prefix -> commodity_id."""
        return dict(self._prefixes)

    def id_for_ilab_name(self, good: str) -> str:
        """Strict lookup of an ILAB good name as published (NFC, outer and doubled spaces ignored)."""
        try:
            return self._ilab[_ilab_key(good)]
        except KeyError:
            raise KeyError(f'ILAB good "{good}" is not in {self.source}: add it to a commodity\'s '
                           "ilab_names") from None

    # --- names ---

    def resolve_name(self, text: object) -> CommodityMatch:
        if text is None or (not isinstance(text, str) and pd.isna(text) is True):
            return CommodityMatch(None, "unmapped", "no commodity name")
        raw = str(text).strip()
        # The whole name without qualifiers, with them ("Oil (Palm)"), then the head of a trade
        # description ("Cocoa beans, fermented"); each exactly, then fuzzily, before the next.
        candidates = [normalize_name(raw), normalize_name(raw, keep_qualifiers=True),
                      normalize_name(re.split(r"[,;]", raw, maxsplit=1)[0])]
        for key in dict.fromkeys(k for k in candidates if k and k not in GENERIC_KEYS):
            entry = self._plain.get(key) or self._singular.get(singularize(key))
            if entry is not None:
                label = "ILAB name" if entry.method == "ilab_name" else "synonym"
                return CommodityMatch(entry.commodity_id, entry.method, f'{label} "{entry.source}"')
            match = self._fuzzy(singularize(key))
            if match is not None:
                return match
        # Last, a known name inside a longer trade description ("Cocoa Beans - Grade I").
        for text in (_core_description(raw), raw):
            match = self._phrase(text)
            if match is not None:
                return match
        return CommodityMatch(None, "unmapped", f'no commodity for "{raw}"')

    def _phrase(self, text: str) -> CommodityMatch | None:
        """The longest known name among the words of a description.

        Among equally long names a manufactured good beats a raw material ("Flatweave kilim
        cotton" is a carpet made of cotton), then the last one wins: English puts the head
        noun last ("cotton shirts" are shirts).
        """
        words = singularize(normalize_name(text)).split()
        for size in range(min(len(words), PHRASE_MAX_WORDS), 0, -1):
            hits = [(self._made[entry.commodity_id], start, entry, key)
                    for start in range(len(words) - size + 1)
                    if (key := " ".join(words[start:start + size])) not in GENERIC_KEYS
                    and (entry := self._singular.get(key)) is not None]
            if hits:
                break
        else:
            return None
        _, _, entry, key = max(hits, key=lambda hit: hit[:2])
        detail = f'"{key}" in the description reads as "{entry.source}"'
        return CommodityMatch(entry.commodity_id, "phrase", detail)

    def _fuzzy(self, query: str) -> CommodityMatch | None:
        if len(query.replace(" ", "")) < FUZZY_MIN_LENGTH:
            return None
        hits = process.extract(query, self._choices, scorer=fuzz.token_sort_ratio,
                               score_cutoff=FUZZY_CUTOFF, limit=5)
        if not hits:
            return None
        best_key, best_score, _ = hits[0]
        best = self._singular[best_key]
        rivals = {self._singular[k].commodity_id for k, s, _ in hits if s == best_score}
        if len(rivals) > 1:
            return None  # a tie between commodities is a guess
        return CommodityMatch(best.commodity_id, "fuzzy", f'fuzzy "{best.source}" {round(best_score)}')

    # --- HS codes ---

    def _lookup_hs(self, code: str) -> tuple[str, str] | None:
        """(commodity_id, prefix) by longest prefix of a normalised code."""
        for length in PREFIX_LENGTHS:
            if len(code) >= length and code[:length] in self._prefixes:
                return self._prefixes[code[:length]], code[:length]
        return None

    def resolve_hs(self, code: object) -> CommodityMatch:
        return self._resolve_normalized_hs(code, normalize_hs(code))

    def _resolve_normalized_hs(self, raw: object, code: str | None) -> CommodityMatch:
        if code is None:
            if raw is None or (not isinstance(raw, str) and pd.isna(raw) is True) or str(raw).strip() == "":
                return CommodityMatch(None, "unmapped", "no HS code")
            return CommodityMatch(None, "unmapped", f'unreadable HS code "{raw}"')
        hit = self._lookup_hs(code)
        if hit is None:
            return CommodityMatch(None, "unmapped", f"no commodity for HS {code}")
        return CommodityMatch(hit[0], "hs", f"HS prefix {hit[1]} of {code}")

    # --- columns ---

    def resolve_lines(self, names: pd.Series | None, hs_codes: pd.Series | None) -> pd.DataFrame:
        """Resolve a column of names and one of HS codes (either may be None), line by line.

        Work is done once per distinct name, distinct code and distinct (name, code) pair.
        The name wins when it resolves; the HS code is the fallback. A disagreement is kept
        in the detail ('synonym "cocoa beans"; HS 5201 suggests cotton').
        """
        if names is None and hs_codes is None:
            raise ValueError("resolve_lines needs names, HS codes or both")
        index = (names if names is not None else hs_codes).index
        names = names if names is not None else pd.Series(None, index=index, dtype=object)
        hs_codes = hs_codes if hs_codes is not None else pd.Series(None, index=index, dtype=object)
        if len(names) != len(hs_codes):
            raise ValueError("names and hs_codes must have the same length")
        name_codes, name_values = pd.factorize(names.to_numpy(dtype=object))
        hs_codes_, hs_values = pd.factorize(hs_codes.to_numpy(dtype=object))
        name_matches = [self.resolve_name(v) for v in name_values]
        hs_normal = [normalize_hs(v) for v in hs_values]
        hs_matches = [self._resolve_normalized_hs(v, n) for v, n in zip(hs_values, hs_normal, strict=True)]
        width = len(hs_values) + 1
        pairs = (name_codes.astype(np.int64) + 1) * width + (hs_codes_.astype(np.int64) + 1)
        pair_codes, pair_values = pd.factorize(pairs)
        combined = [
            self._combine(name_matches[p // width - 1] if p // width else None,
                          hs_matches[p % width - 1] if p % width else None,
                          hs_normal[p % width - 1] if p % width else None)
            for p in pair_values
        ]
        hs_out = np.array([*hs_normal, None], dtype=object)[hs_codes_]  # -1 picks the trailing None
        def per_line(field: str) -> pd.api.extensions.ExtensionArray:
            return pd.array(np.array([getattr(m, field) for m in combined], dtype=object)[pair_codes],
                            dtype="string")

        return pd.DataFrame({
            "commodity_id": per_line("commodity_id"),
            "commodity_method": per_line("method"),
            "commodity_detail": per_line("detail"),
            "hs_code": pd.array(hs_out, dtype="string"),
        }, index=index)

    def _combine(self, name: CommodityMatch | None, hs: CommodityMatch | None,
                 code: str | None) -> CommodityMatch:
        hit = self._lookup_hs(code) if code else None
        if name is not None and name.commodity_id is not None:
            if hit is None:
                return name
            verdict = "agrees" if hit[0] == name.commodity_id else f"suggests {hit[0]}"
            return CommodityMatch(name.commodity_id, name.method, f"{name.detail}; HS {hit[1]} {verdict}")
        if hs is not None and hs.commodity_id is not None:
            detail = hs.detail if name is None else f"{hs.detail}; {name.detail}"
            return CommodityMatch(hs.commodity_id, "hs", detail)
        details = [m.detail for m in (name, hs) if m is not None]
        return CommodityMatch(None, "unmapped", "; ".join(details) or "no commodity name or HS code")


# --- ILAB names and coverage ------------------------------------------------------------------

def ilab_good_names(raw_dir: Path = ILAB_RAW) -> dict[str, list[str]]:
    """Distinct good names (NFC, trimmed) per list edition, read from the raw ILAB files."""
    editions: dict[str, list[str]] = {}
    for year in ("2020", "2022"):
        root = ET.parse(raw_dir / f"tvpra_goods_{year}.xml").getroot()
        names = {_ilab_key(g.findtext("Good_Name") or "") for g in root.iter("Good")}
        editions[f"TVPRA {year}"] = sorted(names - {""})
    eo = pd.read_csv(raw_dir / "eo13126_2014.csv", dtype=str, keep_default_na=False)
    editions["EO 13126 2014"] = sorted({_ilab_key(g) for g in eo["Good"]} - {""})
    return editions


def coverage_report(taxonomy: CommodityTaxonomy, raw_dir: Path = ILAB_RAW) -> str:
    table = taxonomy.table
    with_hs = table["hs_prefixes"] != ""
    lines = [
        f"commodities: {len(table)} ({int(table['derived'].sum())} derived), "
        f"{int(with_hs.sum())} with HS prefixes ({with_hs.mean():.0%}), "
        f"{len(taxonomy.prefixes())} prefixes",
    ]
    has_hs = dict(zip(table["commodity_id"], with_hs, strict=True))
    for edition, names in ilab_good_names(raw_dir).items():
        known = taxonomy.ilab_names()
        ids = {n: known.get(n) for n in names}
        covered = [n for n, i in ids.items() if i is not None]
        hs = [n for n in covered if has_hs[ids[n]]]
        lines.append(f"{edition}: {len(covered)}/{len(names)} good names mapped to "
                     f"{len(set(ids.values()) - {None})} commodities; {len(hs)} ({len(hs) / len(names):.0%}) "
                     "have HS prefixes")
        missing = sorted(set(names) - set(covered))
        if missing:
            lines.append("  unmapped: " + ", ".join(missing))
    no_hs = table.loc[~with_hs, "commodity_id"]
    lines.append("no HS prefix (see hs_note): " + ", ".join(no_hs))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tasks.commodities", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cov = sub.add_parser("coverage", help="commodities, ILAB goods covered, share with HS prefixes")
    cov.add_argument("--table", type=Path, default=DEFAULT_PATH, help="commodity table CSV")
    cov.add_argument("--ilab-dir", type=Path, default=ILAB_RAW, help="folder with the raw ILAB lists")
    args = parser.parse_args(argv)
    print(coverage_report(CommodityTaxonomy.load(args.table), args.ilab_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
