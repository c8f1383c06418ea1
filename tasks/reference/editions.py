"""One edition of one list, read from a file in any accepted format or from the installed store.

Frames have the shape of the list's derived table (countries resolved, edition filled in), so
an XML edition and a DOL-Excel edition of the same content compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tasks.reference import ReferenceDataError
from tasks.reference.store import LISTS, Source, detect, load_file, normalise, read_sources


@dataclass
class Edition:
    list: str
    edition: str
    format: str
    path: Path
    frame: pd.DataFrame  # shaped like the derived table of the list
    rows: list[str]  # label of each frame row in the source ("row 12"), for messages


def describe(found: list[tuple[str, str, str | None]]) -> str:
    return " and ".join(name for name, _, _ in found) or "no known list"


def read_file(path: Path, list_name: str | None = None, edition: str | None = None,
              url: str = "", fallback: str | None = None) -> list[Edition]:
    """The edition(s) a file holds (two for a scrape JSON without `list_name`).

    The list and edition come from the content and name unless given; a file that is empty,
    of another list than `list_name`, or malformed raises ReferenceDataError naming file, row, column.
    """
    path = Path(path)
    if not path.is_file():
        raise ReferenceDataError(f"{path}: file not found")
    if not path.read_bytes().strip():
        raise ReferenceDataError(f"{path}: the file is empty")
    if list_name is not None and list_name not in LISTS:
        raise ReferenceDataError(f"unknown list {list_name!r}; use one of {', '.join(LISTS)}")
    try:
        found = detect(path)
    except ReferenceDataError:  # a recognised file with bad content (e.g. an unknown tier)
        if list_name is None:
            raise
        found = []  # the loader of `list_name` reports it below
    if list_name is not None:
        matching = [f for f in found if f[0] == list_name]
        if found and not matching:
            header = _header_hint(path)
            raise ReferenceDataError(
                f"{path}{header}: this is a {describe(found)} file, not {list_name}; "
                f"pass --list {found[0][0]} (or leave --list out)")
        fmt = matching[0][1] if matching else _default_format(path, list_name)
        found = [(list_name, fmt, matching[0][2] if matching else None)]
    elif not found:
        raise ReferenceDataError(
            f"{path}: not a recognised reference file (DOL XML with <Goods>, a table with Good and "
            "Country columns, a TIP table with year and tier columns, or the DHS/CBP scrape JSON); "
            "pass --list to see what is wrong with it")
    editions = []
    for name, fmt, inferred in found:
        chosen = edition or inferred or fallback
        if chosen is None:
            raise ReferenceDataError(f"{path}: cannot infer the {name} edition from the file name; "
                                     "pass --edition")
        loaded = load_file(path, name, fmt)
        rows = loaded.attrs.get("source_rows") or _name_labels(loaded)
        source = Source(path.name, name, str(chosen), fmt, url=url)
        frame = normalise(loaded, source, path).reset_index(drop=True)
        frame.attrs = {}
        editions.append(Edition(name, str(chosen), fmt, path, frame, list(rows)))
    return editions


def _default_format(path: Path, list_name: str) -> str:
    suffix = path.suffix.lower()
    if list_name == "ilab_tvpra" and suffix == ".xml":
        return "dol_app_xml"
    if list_name in ("uflpa", "wro"):
        return "dhs_cbp_scrape_json"
    if list_name == "tip":
        return "tip_auto"
    return "dol_excel" if suffix in {".xlsx", ".xlsm"} else "csv"


def _header_hint(path: Path) -> str:
    """', row N (header: a, b, c)' for tables; '' otherwise."""
    if path.suffix.lower() not in {".csv", ".tsv", ".xlsx", ".xlsm"}:
        return ""
    from tasks.reference.ilab import read_rows

    number, cells = read_rows(path)[0]
    return f", row {number} (columns: {', '.join(c for c in cells if c.strip())})"


def _name_labels(frame: pd.DataFrame) -> list[str]:
    if "name" in frame:
        return [f"entity {name!r}" for name in frame["name"]]
    return [f"entry {i}" for i in range(1, len(frame) + 1)]


def installed(root: Path, list_name: str, edition: str) -> Edition:
    """An installed edition, read again from its raw file."""
    root = Path(root)
    sources = [s for s in read_sources(root) if s.list == list_name]
    for source in sources:
        if source.edition == str(edition):
            path = root / "raw" / source.file
            loaded = load_file(path, source.list, source.format)
            rows = loaded.attrs.get("source_rows") or _name_labels(loaded)
            frame = normalise(loaded, source, path).reset_index(drop=True)
            frame.attrs = {}
            return Edition(list_name, source.edition, source.format, path, frame, list(rows))
    available = ", ".join(sorted(s.edition for s in sources)) or "none"
    raise ReferenceDataError(f"no {list_name} edition {edition!r} installed in {root}; "
                             f"available: {available}")


def latest_installed(root: Path, list_name: str, other_than: str | None = None) -> Edition | None:
    """The active (latest) installed edition of a list, skipping `other_than`; None if there is none."""
    editions = sorted({s.edition for s in read_sources(Path(root)) if s.list == list_name
                       and s.edition != other_than}, key=edition_key)
    return installed(root, list_name, editions[-1]) if editions else None


def edition_key(edition: str) -> tuple:
    """Sort key: TIP years numerically, others as text (years and ISO dates sort as text)."""
    return (int(edition), "") if edition.isdigit() else (0, edition)


def from_spec(spec: str, root: Path, list_name: str | None = None) -> Edition:
    """'ilab_tvpra:2020' (an installed edition) or a file path."""
    name, sep, edition = spec.partition(":")
    if sep and name in LISTS and not Path(spec).exists():
        if list_name is not None and list_name != name:
            raise ReferenceDataError(f"{spec}: is a {name} edition, but --list is {list_name}")
        return installed(root, name, edition)
    editions = read_file(Path(spec), list_name, fallback=Path(spec).name)
    if len(editions) > 1:
        raise ReferenceDataError(f"{spec}: holds {describe([(e.list, '', None) for e in editions])}; "
                                 "pass --list")
    return editions[0]
