"""Suppliers against restricted-entity lists (UFLPA, WRO, user watchlists): blocking, scoring, bands.

1. Every company-like list entity gives one row per name and alias (`list_names`).
2. Blocking: a supplier and a list name become a candidate pair only if they share a rare token
   or one of its one-letter deletions (typos). Rare: not a configured generic or place word
   ("xinjiang", "cotton", "aksu") and on few list names, so generic words never pair alone.
   A list name made only of generic words ("Heze Cotton and Linen Co., Ltd.") blocks on all of
   its words, and then matches only if every one of them is in the supplier name.
3. Scoring, vectorised with rapidfuzz `cpdist` on the pairs: similarity of the core names
   (token-sorted and space-free); then, for pairs above the prefilter, IDF-weighted coverage of
   each side's tokens; combined 0-100, lowered when the list name's brand (first distinctive
   token) or place differs, capped when no rare token is shared; the country adds or subtracts
   only when both sides know it.
4. Best name per (supplier, entity); bands from data/entity_matching.toml.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel, Levenshtein

from tasks.company_names import name_form
from tasks.entity_config import EntityMatchConfig

MATCH_COLUMNS = [
    "supplier_id", "supplier_name", "supplier_country_iso3", "list", "list_edition", "list_entity_id",
    "entity_name", "entity_kind", "list_status", "list_country_iso3", "matched_name", "name_type",
    "alias_note", "score", "band", "decision", "explanation",
]
GENERIC_WEIGHT = 0.5  # IDF factor of generic tokens in coverage
KEY_FLOOR = 20  # a key on up to this many list names is never generic by share


@dataclass
class NameIndex:
    """List names with their compare forms, token weights and blocking keys."""
    names: pd.DataFrame
    core: np.ndarray
    squashed: np.ndarray
    idf: dict[str, float]
    unknown_idf: float
    generic: frozenset[str]
    places: frozenset[str]
    keys: dict[str, np.ndarray]


def list_names(entities: pd.DataFrame, config: EntityMatchConfig) -> pd.DataFrame:
    """One row per name and alias of every name-matched entity (kinds in `match_kinds`,
    plus vessel rows that name the owning company)."""
    kind = entities["entity_kind"].fillna("company")
    note = entities["note"].astype("string").fillna("")
    matched = kind.isin(config.match_kinds) | ((kind == "vessel") & note.str.contains(
        config.vessel_owner_note, regex=False))
    rows = []
    for entity in entities[matched].itertuples(index=False):
        aliases = entity.aliases if isinstance(entity.aliases, list) else (
            [] if pd.isna(entity.aliases) else str(entity.aliases).split("|"))
        for name_type, text in [("name", entity.name), *(("alias", a) for a in aliases)]:
            if not isinstance(text, str) or not text.strip():
                continue
            rows.append({
                "list": entity.list, "list_edition": getattr(entity, "edition", None),
                "list_entity_id": entity.entity_id, "entity_name": entity.name,
                "entity_kind": entity.entity_kind, "list_status": entity.status,
                "list_country_iso3": entity.country_iso3, "matched_name": text.strip(),
                "name_type": name_type, "alias_note": None if pd.isna(entity.note) else entity.note,
            })
    columns = ["list", "list_edition", "list_entity_id", "entity_name", "entity_kind", "list_status",
               "list_country_iso3", "matched_name", "name_type", "alias_note"]
    return pd.DataFrame(rows, columns=columns).astype("string")


def _distinctive(tokens: tuple[str, ...], config: EntityMatchConfig, generic: frozenset[str]) -> list[str]:
    short = config.blocking.min_token_length
    return [t for t in tokens if t not in generic and (len(t) >= short or t.isdigit())]


def token_keys(tokens: tuple[str, ...], config: EntityMatchConfig, generic: frozenset[str]) -> set[str]:
    """Blocking keys: each distinctive token and, for long ones, its one-letter deletions (so a
    typo, transposition or dropped letter on either side still meets)."""
    keys: set[str] = set()
    for token in _distinctive(tokens, config, generic):
        keys.add("k:" + token)
        if len(token) >= config.blocking.deletion_min_length:
            keys.update("k:" + token[:i] + token[i + 1:] for i in range(len(token)))
    return keys


def generic_keys(tokens: tuple[str, ...]) -> set[str]:
    """Keys of a name made of generic words only ("Heze Cotton and Linen Co., Ltd."): all its tokens."""
    return {"g:" + token for token in tokens}


def build_index(entities: pd.DataFrame, config: EntityMatchConfig) -> NameIndex:
    """Index of the list names: compare forms, IDF over their tokens, blocking keys."""
    names = list_names(entities, config)
    forms = [name_form(text) for text in names["matched_name"]]
    generic = frozenset(config.blocking.generic_tokens) | frozenset(config.blocking.place_tokens)
    counts = Counter(token for form in forms for token in set(form.tokens))
    total = max(len(forms), 1)
    idf = {token: math.log((total + 1) / (count + 1)) + 1 for token, count in counts.items()}
    limit = min(config.blocking.max_key_names, max(KEY_FLOOR, config.blocking.max_key_share * total))
    postings: dict[str, list[int]] = {}
    for row, form in enumerate(forms):
        keys = token_keys(form.tokens, config, generic) or generic_keys(form.tokens)
        for key in keys:
            postings.setdefault(key, []).append(row)
    keys = {key: np.asarray(rows, dtype=np.int64) for key, rows in postings.items() if len(rows) <= limit}
    return NameIndex(
        names=names, core=np.array([f.core for f in forms], dtype=object),
        squashed=np.array([f.squashed for f in forms], dtype=object), idf=idf,
        unknown_idf=math.log(total + 1) + 1, generic=generic,
        places=frozenset(config.blocking.place_tokens), keys=keys)


def candidates(queries: list[tuple[str, ...]], index: NameIndex,
               config: EntityMatchConfig) -> tuple[np.ndarray, np.ndarray]:
    """(query position, list-name row) pairs sharing at least one blocking key."""
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for position, tokens in enumerate(queries):
        keys = token_keys(tokens, config, index.generic) | generic_keys(tokens)
        hits = [index.keys[k] for k in keys if k in index.keys]
        if not hits:
            continue
        rows = np.unique(np.concatenate(hits)) if len(hits) > 1 else hits[0]
        left.append(np.full(len(rows), position, dtype=np.int64))
        right.append(rows)
    if not left:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(left), np.concatenate(right)


def similarity(core_a: np.ndarray, core_b: np.ndarray, squashed_a: np.ndarray, squashed_b: np.ndarray,
               workers: int = -1) -> np.ndarray:
    """Element-wise max of token-sorted and space-free similarity (0-100)."""
    sorted_sim = process.cpdist(list(core_a), list(core_b), scorer=fuzz.token_sort_ratio, workers=workers)
    squashed_sim = process.cpdist(list(squashed_a), list(squashed_b), scorer=fuzz.ratio, workers=workers)
    return np.maximum(sorted_sim, squashed_sim).astype(np.float64)


def _found(token: str, other_tokens: tuple[str, ...], other_squashed: str, threshold: float) -> int:
    """2: token in the other name (exactly, inside its space-free form, or one slip away: a dropped,
    added or swapped letter); 1: one substituted letter (in pinyin usually another syllable, so
    perhaps another name: half credit); 0: not found."""
    if token in other_tokens:
        return 2
    if len(token) < 4:
        return 0
    if token in other_squashed:
        return 2
    near = process.extractOne(token, other_tokens, scorer=fuzz.ratio, score_cutoff=threshold)
    if near is None:
        return 0
    other = near[0]
    slip = Indel.distance(token, other) == 1 or (OSA.distance(token, other) == 1
                                                 and Levenshtein.distance(token, other) == 2)
    return 2 if slip else 1


def coverage(tokens: tuple[str, ...], other: tuple[str, ...], other_squashed: str, index: NameIndex,
             threshold: float) -> tuple[float, dict[str, int]]:
    """IDF-weighted share of `tokens` found in the other name (a near token counts half), and
    the rare tokens found with how (2 exact, 1 near)."""
    total = found = 0.0
    rare: dict[str, int] = {}
    for token in tokens:
        weight = index.idf.get(token, index.unknown_idf) * (GENERIC_WEIGHT if token in index.generic else 1)
        total += weight
        how = _found(token, other, other_squashed, threshold)
        found += weight * how / 2
        if how and token not in index.generic and len(token) >= 3:
            rare[token] = how
    return (found / total if total else 0.0), rare


def _anchor(tokens: tuple[str, ...], index: NameIndex) -> str | None:
    """The first non-generic, non-place token of a list name: its brand ("huafu" in "Aksu Huafu ...")."""
    return next((t for t in tokens if t not in index.generic and len(t) >= 3), None)


def score_pair(supplier: tuple[str, ...], supplier_squashed: str, listed: tuple[str, ...],
               listed_squashed: str, sim: float, index: NameIndex,
               config: EntityMatchConfig) -> tuple[float, list[str], str]:
    """Name score (0-100) before country evidence, the rare tokens shared, and what lowered it."""
    threshold = config.blocking.token_similarity
    cov_list, rare = coverage(listed, supplier, supplier_squashed, index, threshold)
    cov_supplier, _ = coverage(supplier, listed, listed_squashed, index, threshold)
    cov = (cov_list + cov_supplier) / 2
    weights = config.weights
    score = weights.similarity * sim + weights.coverage * 100 * cov
    notes = (f"similarity {sim:.0f}, coverage {cov:.2f} "
             f"(list side {cov_list:.2f}, supplier side {cov_supplier:.2f})")
    anchor = _anchor(listed, index)
    if anchor is not None and rare.get(anchor, 0) < 2:
        penalty = weights.anchor_missing / (2 if anchor in rare else 1)
        score -= penalty
        notes += (f"; list name's brand token {anchor!r} "
                  f"{'only one typo away' if anchor in rare else 'not found'}: -{penalty:g}")
    places_s, places_l = set(supplier) & index.places, set(listed) & index.places
    if places_s and places_l and not places_s & places_l:
        score -= weights.place_mismatch
        notes += f"; places differ ({', '.join(sorted(places_s))} vs {', '.join(sorted(places_l))}): " \
                 f"-{weights.place_mismatch:g}"
    if anchor is None and cov_list < 0.999:  # generic-only list name: every word must be there
        capped = min(score, weights.no_rare_token_cap)
        notes += ("; list name has only generic words and not all found: "
                  f"capped at {weights.no_rare_token_cap:g}")
        score = capped
    elif anchor is not None and not rare and score > weights.no_rare_token_cap:
        score = weights.no_rare_token_cap
        notes += f"; no rare token shared: capped at {weights.no_rare_token_cap:g}"
    shared = sorted(tok if how == 2 else f"{tok} (one letter differs)" for tok, how in rare.items())
    return score, shared, notes


def match_suppliers(suppliers: pd.DataFrame, entities: pd.DataFrame | NameIndex,
                    config: EntityMatchConfig, workers: int = -1) -> pd.DataFrame:
    """`entity_matches` rows (MATCH_COLUMNS) for suppliers (supplier_id, name, country_iso3)
    against list entities (the entity-table shape) or a prebuilt `build_index`."""
    index = entities if isinstance(entities, NameIndex) else build_index(entities, config)
    names = suppliers["name"].astype("string").fillna("")
    distinct = pd.unique(names.to_numpy(dtype=object))
    forms = [name_form(text) for text in distinct]
    qs, rows = candidates([f.tokens for f in forms], index, config)
    q_core = np.array([f.core for f in forms], dtype=object)
    q_squashed = np.array([f.squashed for f in forms], dtype=object)
    kept_q, kept_rows, kept_sim = [], [], []
    chunk = config.blocking.chunk_size
    for start in range(0, len(qs), chunk):
        q, r = qs[start:start + chunk], rows[start:start + chunk]
        sim = similarity(q_core[q], index.core[r], q_squashed[q], index.squashed[r], workers)
        keep = sim >= config.blocking.prefilter
        kept_q.append(q[keep])
        kept_rows.append(r[keep])
        kept_sim.append(sim[keep])
    if not kept_q or not sum(len(k) for k in kept_q):
        return pd.DataFrame(columns=MATCH_COLUMNS)
    q, r, sim = np.concatenate(kept_q), np.concatenate(kept_rows), np.concatenate(kept_sim)
    scored = []
    for qi, ri, s in zip(q.tolist(), r.tolist(), sim.tolist(), strict=True):
        listed = tuple(index.core[ri].split())
        score, rare, notes = score_pair(forms[qi].tokens, forms[qi].squashed, listed,
                                        index.squashed[ri], s, index, config)
        if score >= config.bands.review - config.weights.country_match:
            scored.append((qi, ri, score, rare, notes))
    if not scored:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    pairs = pd.DataFrame(scored, columns=["query", "row", "name_score", "rare", "notes"])
    pairs["supplier_name"] = distinct[pairs["query"].to_numpy()]
    pairs = pairs.join(index.names, on="row")
    return _finish(suppliers, pairs, index, config)


def _finish(suppliers: pd.DataFrame, pairs: pd.DataFrame, index: NameIndex,
            config: EntityMatchConfig) -> pd.DataFrame:
    people = suppliers[["supplier_id", "name", "country_iso3"]].rename(
        columns={"name": "supplier_name", "country_iso3": "supplier_country_iso3"}).astype("string")
    pairs["supplier_name"] = pairs["supplier_name"].astype("string")
    out = people.merge(pairs, on="supplier_name", how="inner")
    sup_c, list_c = out["supplier_country_iso3"], out["list_country_iso3"]
    known = sup_c.notna() & list_c.notna()
    same = known & (sup_c == list_c)
    differ = known & (sup_c != list_c)
    out["score"] = (out["name_score"] + np.where(same, config.weights.country_match, 0)
                    - np.where(differ, config.weights.country_mismatch, 0)).clip(0, 100).round(1)
    out = out[out["score"] >= config.bands.review]
    out = out.sort_values(["supplier_id", "list_entity_id", "score", "name_type"],
                          ascending=[True, True, False, False], kind="stable")
    out = out.drop_duplicates(["supplier_id", "list_entity_id"])
    out = out.sort_values(["supplier_id", "score", "list", "list_entity_id"],
                          ascending=[True, False, True, True], kind="stable")
    out = out.groupby("supplier_id", sort=False).head(config.max_matches_per_supplier)
    is_match = out["score"] >= config.bands.match
    out["band"] = np.where(is_match, "match", "review")
    out["decision"] = np.where(is_match, "auto_match", "pending_review")
    country = np.select(
        [same.loc[out.index], differ.loc[out.index]],
        ["country " + sup_c.loc[out.index].fillna("") + " = list: +" + f"{config.weights.country_match:g}",
         "country " + sup_c.loc[out.index].fillna("") + " vs list " + list_c.loc[out.index].fillna("")
         + ": -" + f"{config.weights.country_mismatch:g}"],
        "country unknown on one side: no effect")
    out["explanation"] = [
        f"'{name_form(s).compare}' vs {t} '{name_form(m).compare}'; rare tokens shared: "
        f"{', '.join(sorted(set(rare))) or 'none'}; {notes}; {c}"
        for s, t, m, rare, notes, c in zip(out["supplier_name"], out["name_type"], out["matched_name"],
                                            out["rare"], out["notes"], country, strict=True)]
    return out[MATCH_COLUMNS].reset_index(drop=True).astype(
        {c: "string" for c in MATCH_COLUMNS if c != "score"})
