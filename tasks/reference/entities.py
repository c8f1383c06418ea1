"""UFLPA Entity List and CBP Withhold Release Orders / Findings from the DHS/CBP scrape JSON.

Names are repaired and split before use:
- U+FFFD between words becomes a space; a note glued to a name ("Corpsand its ...") is unglued;
  a name that swallowed the end of its alias ("... Co., LtdCo.) and subsidiaries" with alias
  "Hesheng Silicon Industry (Shanshan") is given back to the alias.
- "(also known as A; B; and formerly known as C)" and WRO "a/k/a" give aliases; a trailing
  acronym "(XPCC)" is an alias too; "and subsidiaries", "and its subordinate and affiliated
  entities" and the like go to `note`, as does "(of Nagoya, Japan)".
- A WRO field naming several companies (";", " and ", "A, B, and C") becomes one row per
  company, but only where every part looks like a company (it ends in a legal form such as
  "Co., Ltd." or a clear entity word such as "Factory"), so "Trade and Business Co., Ltd." stays whole.

One row per entity and list: rows with the same canonical name (case, spaces and punctuation
ignored) collapse, keeping every listed date ("|"-joined, ISO) and every raw string.
`entity_id` is a short sha1 of list and canonical name, so it is stable across runs and editions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tasks.countries import clean_text, resolve
from tasks.reference import ReferenceDataError, where

ENTITY_COLUMNS = [
    "list", "entity_id", "name", "aliases", "note", "entity_kind", "country_iso3", "status",
    "listed_date", "source_name",
]
STATUSES = ("Active", "Partially Modified", "Inactive", "Inactive-Pending Litigation")
KINDS = ("company", "vessel", "region", "product")
DATE_FORMATS = ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%Y-%m-%d")

LEGAL_FORMS = frozenset({
    "co", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "company", "group",
    "holdings", "berhad", "bhd", "llc", "plc", "pvt", "cv", "sa", "srl", "sarl", "gmbh", "ag",
    "doo", "jsc", "lp", "llp", "pte", "tbk", "spa", "bv", "nv",
})
ENTITY_WORDS = frozenset({
    "factory", "plant", "works", "prison", "camp", "farm", "mine", "mines", "penitentiary",
    "industries", "center", "centre", "mill", "mills", "enterprise", "enterprises",
})
REGION_WORDS = r"region|fields|mines|province|county|district"

NOTE_RE = re.compile(
    r",?\s*\band\s+(?:(?:its|their)\s+(?:\w+\s+)?)?(?:subsidiaries|subordinates?)\b.*$", re.I | re.S
)
GLUED_NOTE_RE = re.compile(r"(?<=[a-z])(and\s+(?:its|their)\s+(?:\w+\s+)?(?:subsidiaries|subordinate))")
NAMED_IN_NOTE_RE = re.compile(r"subsidiar(?:y|ies)(?:\s+from\s+[A-Z][\w ]*?)?,\s*(?P<names>.+?)\.?$")
AKA_OPEN_RE = re.compile(r"\((?=(?:also|formerly)\s+known\s+as\b)")
KNOWN_AS_RE = re.compile(r"(?:^|;?\s+)(?:and\s+)?(?:also|formerly)\s+known\s+as\s+")
ACRONYM_RE = re.compile(r"\s*\(([A-Z]{2,8})\)$")
OF_PLACE_RE = re.compile(r"\s*\((of\s+[^()]+)\)$")
VESSEL_RE = re.compile(r"^fishing\s+vessels?\s*(?::\s*|owned\s+by\s+)(?P<name>.+)$", re.I)
PRODUCT_RE = re.compile(r"\bproduced\s+(?:in|with)\b|\bproducts\s+(?:produced|containing)\b", re.I)
REGION_RE = re.compile(rf"\b(?:{REGION_WORDS})(?:\s*\([A-Z]{{2,8}}\))?$", re.I)


@dataclass
class Entity:
    name: str
    aliases: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kind: str = "company"
    country_iso3: str | None = None


# ---------------------------------------------------------------- name helpers


def canonical(name: str) -> str:
    """Case, spaces and punctuation ignored: 'Co., Ltd' == 'Co. Ltd.'."""
    return re.sub(r"[^0-9a-z]", "", (clean_text(name) or "").casefold())


def entity_id(list_name: str, name: str) -> str:
    return hashlib.sha1(f"{list_name}:{canonical(name)}".encode()).hexdigest()[:12]


def repair_text(text: str) -> str:
    """U+FFFD to a space, unglue "Corpsand its subordinate", then clean whitespace."""
    text = text.replace("\ufffd", " ")
    text = GLUED_NOTE_RE.sub(r" \1", text)
    return clean_text(text) or ""


def _last_word(text: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z.&'-]*", text)
    return re.sub(r"[^a-z]", "", words[-1].casefold()) if words else ""


def looks_like_company(text: str) -> bool:
    """Ends in a legal form ("Co., Ltd.", "S.A. de C.V.") or a clear entity word ("Factory")."""
    return _last_word(text) in LEGAL_FORMS | ENTITY_WORDS


def _is_name(text: str) -> bool:
    return len(text.split()) >= 2 and text[:1].isupper()


def split_and(text: str, strict: bool = True) -> list[str]:
    """Split "A Co., Ltd. and B Co., Ltd." at " and " where the left part ends like a company
    and (strict) the right part does too; "Trade and Business Co., Ltd." stays whole."""
    parts: list[str] = []
    rest = text
    start = 0
    for match in list(re.finditer(r"\s+and\s+", text)):
        if match.start() < start:
            continue
        left, right = text[start:match.start()].rstrip(","), text[match.end():]
        if looks_like_company(left) and _is_name(right) and (not strict or looks_like_company(right)):
            parts.append(left.strip())
            start = match.end()
    rest = text[start:].strip()
    return [*parts, rest] if rest else parts


def split_comma_list(text: str) -> list[str]:
    """"A Pvt., B Pvt., Ltd., C, and D" -> four names; only for an Oxford-comma list of names."""
    if ", and " not in text:
        return [text]
    pieces: list[str] = []
    for piece in text.replace(", and ", ", ").split(", "):
        if pieces and all(re.sub(r"[^a-z]", "", w.casefold()) in LEGAL_FORMS for w in piece.split()):
            pieces[-1] += ", " + piece  # "Pvt., Ltd." belongs to the name before it
        else:
            pieces.append(piece)
    return pieces if len(pieces) >= 3 and all(_is_name(p) for p in pieces) else [text]


def split_comma_pair(text: str) -> list[str]:
    """"Nanhu Tree Farm, Zhejiang Sanmei Tea Co., Ltd." -> two names (both sides look like entities)."""
    for match in re.finditer(r",\s+", text):
        left, right = text[:match.start()], text[match.end():]
        if looks_like_company(left) and _is_name(right) and looks_like_company(right) \
                and _last_word(right) in LEGAL_FORMS and _last_word(left) not in LEGAL_FORMS - {"company"}:
            return [left, *split_comma_pair(right)]
    return [text]


def _matching_paren(text: str, open_at: int) -> int:
    depth = 0
    for index in range(open_at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return len(text)


def split_alias_list(text: str) -> list[str]:
    """"A; B; and C" (and "A Co., Ltd. and B") -> names."""
    names: list[str] = []
    for item in text.split(";"):
        item = re.sub(r"^and\s+", "", item.strip()).strip()
        if item:
            names.extend(split_and(item, strict=False))
    return names


def extract_known_as(name: str) -> tuple[str, list[str]]:
    """Name without its "(also known as ...; and formerly known as ...)" part, and those aliases."""
    match = AKA_OPEN_RE.search(name)
    if match is None:
        return name, []
    close = _matching_paren(name, match.start())
    inner = name[match.start() + 1:close]
    aliases = [alias for clause in KNOWN_AS_RE.split(inner) if clause.strip()
               for alias in split_alias_list(clause)]
    return (name[:match.start()] + name[close + 1:]).strip(), aliases


def _unbalanced_close(text: str) -> int | None:
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return index
    return None


def repair_swallowed_alias(name: str, aliases: list[str]) -> tuple[str, list[str]]:
    """"X Co., LtdCo.) and subsidiaries" + alias "Y (Shanshan" -> "X Co., Ltd and subsidiaries",
    alias "Y (Shanshan) Co."."""
    index = _unbalanced_close(name)
    if index is None:
        return name, aliases
    glue = [m.start() for m in re.finditer(r"(?<=[a-z])(?=[A-Z])", name[:index])]
    open_alias = [i for i, a in enumerate(aliases) if a.count("(") > a.count(")")]
    if not glue or not open_alias:
        return name, aliases
    fragment = name[glue[-1]:index].strip()
    fixed = list(aliases)
    fixed[open_alias[0]] = f"{aliases[open_alias[0]]}) {fragment}"
    return name[:glue[-1]] + name[index + 1:], fixed


def split_note(name: str) -> tuple[str, str | None, list[str]]:
    """Name without "and (its) subsidiaries ..." notes; the note; companies the note names."""
    match = NOTE_RE.search(name)
    if match is None:
        return name, None, []
    note = match.group(0).strip().lstrip(",").strip()
    named: list[str] = []
    listed = NAMED_IN_NOTE_RE.search(note)
    if listed:
        named = split_and(listed["names"].strip())
        note = note[:listed.start("names")].rstrip(", ")
    return name[:match.start()].strip().rstrip(","), note, named


def strip_trailing(name: str) -> tuple[str, list[str], list[str]]:
    """Trailing "(XPCC)" -> alias; trailing "(of Nagoya, Japan)" -> note."""
    aliases, notes = [], []
    while True:
        if match := ACRONYM_RE.search(name):
            aliases.append(match[1])
        elif match := OF_PLACE_RE.search(name):
            notes.append(match[1])
        else:
            return name, aliases, notes
        name = name[:match.start()].strip()


def classify(name: str, country_code: str | None) -> str:
    if (country_code or "").upper() == "FV" or VESSEL_RE.match(name):
        return "vessel"
    if PRODUCT_RE.search(name):
        return "product"
    if REGION_RE.search(name):
        return "region"
    return "company"


def _finish(name: str, aliases: Iterable[str], notes: Iterable[str], kind: str,
            country_iso3: str | None) -> Entity:
    name, more_aliases, more_notes = strip_trailing(name.strip().rstrip(","))
    country = country_iso3
    for note in more_notes:  # "(of Nagoya, Japan)" names the company's country
        country = resolve(note.rsplit(",", 1)[-1]) or country
    return Entity(name, [*aliases, *more_aliases], [*notes, *more_notes], kind, country)


# ---------------------------------------------------------------- per list


def parse_uflpa_name(raw: str, scraped_aliases: list[str]) -> list[Entity]:
    """One UFLPA entry -> its entity (plus any subsidiaries it names)."""
    aliases = [a for text in scraped_aliases for a in split_alias_list(repair_text(text))]
    name, aliases = repair_swallowed_alias(repair_text(raw), aliases)
    name, known_as = extract_known_as(name)
    name, note, named = split_note(name)
    notes = [note] if note else []
    entities = [_finish(name, [*aliases, *known_as], notes, "company", None)]
    entities += [_finish(n, [], [f"named in the listing of {entities[0].name}"], "company", None)
                 for n in named]
    return entities


def parse_wro_entity(raw: str, country_code: str | None) -> list[Entity]:
    """One WRO `entity` field -> one or more entities."""
    text = repair_text(raw)
    country = None if (country_code or "").upper() == "FV" else resolve(country_code)
    kind = classify(text, country_code)
    if kind == "vessel":
        match = VESSEL_RE.match(text)
        name = match["name"] if match else text
        owned = bool(match) and "owned by" in text.casefold()
        return [_finish(name, [], ["fishing vessels owned by this company"] if owned else [],
                        kind, country)]
    if kind in {"product", "region"}:
        return [_finish(text, [], [], kind, country)]
    groups = [g.strip() for g in text.split(";") if g.strip()]
    places = [g.rstrip(".") for g in groups if len(g.split()) == 1 and not looks_like_company(g)]
    groups = [g for g in groups if g.rstrip(".") not in places]  # "...; Kathmandu."
    entities: list[Entity] = []
    for group in groups:
        group, note, named = split_note(group)
        notes = [*places, *([note] if note else [])]
        if re.search(r"\ba/k/a\b", group):
            primary, *aliases = re.split(r",?\s*\ba/k/a\s+", group)
            entities.append(_finish(primary, aliases, notes, "company", country))
        else:
            names = split_comma_list(group)
            if len(names) == 1:
                names = [n for part in split_and(group) for n in split_comma_pair(part)]
            entities += [_finish(n, [], notes, "company", country) for n in names]
        entities += [_finish(n, [], [f"subsidiary named with {entities[-1].name}"], "company", country)
                     for n in named]
    return entities


# ---------------------------------------------------------------- the scrape file


def parse_date(value: object, place: str) -> str:
    text = clean_text(value)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text or "", fmt).date().isoformat()
        except ValueError:
            continue
    raise ReferenceDataError(f"{place}: not a date: {value!r} (expected M/D/YYYY or 'Month D, YYYY')")


def normalise_status(value: object, place: str) -> str:
    key = re.sub(r"[^a-z]", "", (clean_text(value) or "").casefold())
    for status in STATUSES:
        if key == re.sub(r"[^a-z]", "", status.casefold()):
            return status
    raise ReferenceDataError(f"{place}: unknown status {value!r}; expected one of {', '.join(STATUSES)}")


def read_scrape(path: Path) -> dict[str, pd.DataFrame]:
    """{"uflpa": entities, "wro": entities} from the scrape JSON; columns ENTITY_COLUMNS, aliases as lists."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ReferenceDataError(f"{path}, line {error.lineno}: not valid JSON ({error.msg})") from error
    if not isinstance(data, dict):
        raise ReferenceDataError(f"{path}: expected a JSON object with keys 'uflpa' and 'wro'")
    return {"uflpa": read_uflpa_rows(data, path), "wro": read_wro_rows(data, path)}


def _rows(data: dict, key: str, fields: tuple[str, ...], path: Path) -> list[dict]:
    rows = data.get(key)
    if not isinstance(rows, list) or not rows:
        raise ReferenceDataError(f"{where(path, None, key)}: missing or empty list")
    for number, row in enumerate(rows, start=1):
        for name in fields:
            if not isinstance(row, dict) or clean_text(row.get(name)) is None:
                raise ReferenceDataError(f"{where(path, f'{key}[{number}]', name)}: missing or empty")
    return rows


def read_uflpa_rows(data: dict, path: Path) -> pd.DataFrame:
    records = []
    for number, row in enumerate(_rows(data, "uflpa", ("name", "listedDate"), path), start=1):
        listed = parse_date(row["listedDate"], where(path, f"uflpa[{number}]", "listedDate"))
        aliases = row.get("aliases") or []
        for entity in parse_uflpa_name(row["name"], [str(a) for a in aliases]):
            records.append(_record("uflpa", entity, "Active", listed, row["name"]))
    return collapse(records)


def read_wro_rows(data: dict, path: Path) -> pd.DataFrame:
    records = []
    fields = ("entity", "country", "status", "effectiveDate")
    for number, row in enumerate(_rows(data, "wro", fields, path), start=1):
        place = f"wro[{number}]"
        status = normalise_status(row["status"], where(path, place, "status"))
        listed = parse_date(row["effectiveDate"], where(path, place, "effectiveDate"))
        country_code = clean_text(row["country"])
        if country_code.upper() != "FV" and resolve(country_code) is None:
            raise ReferenceDataError(f"{where(path, place, 'country')}: unknown country {country_code!r}")
        for entity in parse_wro_entity(row["entity"], country_code):
            records.append(_record("wro", entity, status, listed, row["entity"]))
    return collapse(records)


def _record(list_name: str, entity: Entity, status: str, listed: str, raw: str) -> dict:
    return {"list": list_name, "name": entity.name, "aliases": entity.aliases, "notes": entity.notes,
            "entity_kind": entity.kind, "country_iso3": entity.country_iso3, "status": status,
            "listed_date": listed, "source_name": raw}


def collapse(records: list[dict]) -> pd.DataFrame:
    """One row per (list, canonical name): all dates, aliases, notes and raw strings kept."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        groups.setdefault((record["list"], canonical(record["name"])), []).append(record)
    rows = []
    for (list_name, key), group in groups.items():
        names = [r["name"] for r in group]
        name = max(set(names), key=lambda n: (names.count(n), len(n), n))
        latest = max(group, key=lambda r: r["listed_date"])
        aliases = _unique(a for r in group for a in r["aliases"] if canonical(a) != key)
        rows.append({
            "list": list_name, "entity_id": entity_id(list_name, name), "name": name,
            "aliases": sorted(aliases, key=str.casefold),
            "note": "; ".join(_unique_text(n for r in group for n in r["notes"])) or None,
            "entity_kind": latest["entity_kind"],
            "country_iso3": latest["country_iso3"] or next(
                (r["country_iso3"] for r in group if r["country_iso3"]), None),
            "status": latest["status"],
            "listed_date": "|".join(sorted({r["listed_date"] for r in group})),
            "source_name": "|".join(sorted({r["source_name"] for r in group})),
        })
    frame = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    return frame.sort_values(["list", "name", "entity_id"], ignore_index=True)


def _unique_text(texts: Iterable[str]) -> list[str]:
    """Distinct texts, case ignored, sorted."""
    seen: dict[str, str] = {}
    for text in sorted(texts):
        seen.setdefault(text.casefold(), text)
    return sorted(seen.values(), key=str.casefold)


def _unique(names: Iterable[str]) -> list[str]:
    """First spelling of each canonical name."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(canonical(name), name)
    return list(seen.values())
