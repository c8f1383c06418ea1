"""Map the headers users send to the canonical column names of a contract."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from schemas.contract import Contract


class ColumnMappingError(Exception):
    pass


def header_key(text: str) -> str:
    """Compare form of a header: accents dropped, casefolded, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^0-9a-z()]+", " ", text.casefold().replace("_", " "))
    return " ".join(text.split())


def _lookup(contract: Contract) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in contract.columns:
        for name in (column.name, *column.synonyms):
            table.setdefault(header_key(name), column.name)
            table.setdefault(header_key(name).replace("(", "").replace(")", ""), column.name)
    return table


def header_score(contract: Contract, row: list[str]) -> int:
    """How many distinct contract columns a candidate header row names."""
    table = _lookup(contract)
    return len({table[k] for k in map(header_key, row) if k in table})


def map_columns(
    contract: Contract, header: list[str], explicit: Mapping[str, str] | None = None
) -> dict[int, str]:
    """Position of each recognised header to its canonical name.

    `explicit` maps canonical names to the user's header text and wins over synonyms.
    Exact canonical names and synonyms win over later duplicates: the first column
    that claims a name keeps it, and a column named by the user is never reassigned.
    """
    explicit = dict(explicit or {})
    unknown = sorted(set(explicit) - set(contract.names))
    if unknown:
        raise ColumnMappingError(
            f"column mapping names unknown columns {unknown}; known: {contract.names}"
        )
    keys = [header_key(h) for h in header]
    mapping: dict[int, str] = {}
    for canonical, user_header in explicit.items():
        wanted = header_key(user_header)
        if wanted not in keys:
            raise ColumnMappingError(
                f"column mapping: no header {user_header!r} for {canonical}; headers are {header}"
            )
        mapping[keys.index(wanted)] = canonical
    table = _lookup(contract)
    claimed = set(mapping.values())
    # Exact canonical names first, then synonyms in header order.
    for exact_pass in (True, False):
        for position, key in enumerate(keys):
            name = table.get(key) or table.get(key.replace("(", "").replace(")", ""))
            if position in mapping or name is None or name in claimed:
                continue
            if exact_pass and key != header_key(name):
                continue
            mapping[position] = name
            claimed.add(name)
    return mapping
