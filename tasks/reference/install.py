"""Install a validated edition: copy it into raw/, declare it in sources.toml, rebuild derived/.

`prepare` reads and validates (nothing is written); `install` writes. If the rebuild fails, the
raw file and sources.toml are restored, so the previous edition stays active.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from schemas.reference_rules import MIN_ROW_RATIO
from tasks.reference import ReferenceDataError
from tasks.reference.diff import change_counts, diff_editions
from tasks.reference.editions import Edition, edition_key, latest_installed, read_file
from tasks.reference.store import build_tables, read_sources, render

CHANGES = ("added", "removed", "changed")
FOLDERS = {"ilab_tvpra": "ilab/tvpra_goods", "ilab_eo13126": "ilab/eo13126", "tip": "tip/tiers",
           "uflpa": "dhs_cbp/uflpa", "wro": "dhs_cbp/wro"}


@dataclass
class Plan:
    edition: Edition
    sha256: str
    previous: str | None  # edition active before the load
    changes: dict[str, int] | None  # vs `previous`
    already_installed: bool = False


@dataclass
class LoadResult:
    list: str
    edition: str
    file: str  # relative to raw/
    rows: int
    sha256: str
    previous: str | None
    changes: dict[str, int] | None
    active: bool  # the latest edition of its list now (what screening uses by default)
    already_installed: bool = False
    notes: list[str] = field(default_factory=list)


def prepare(path: Path, root: Path, list_name: str | None = None, edition: str | None = None,
            ratio: float = MIN_ROW_RATIO, url: str = "") -> list[Plan]:
    """Read and validate `path` against the previous edition of its list; writes nothing."""
    from tasks.reference.validate import validate

    root = Path(root)
    editions = read_file(Path(path), list_name, edition, url=url)
    sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    plans = []
    for new in editions:
        same = _installed_file(root, new.list, new.edition)
        if same is not None:
            if hashlib.sha256(same.read_bytes()).hexdigest() == sha256:
                plans.append(Plan(new, sha256, new.edition, dict.fromkeys(CHANGES, 0),
                                  already_installed=True))
                continue
            raise ReferenceDataError(
                f"{path}: {new.list} edition {new.edition} is already installed from "
                f"{same.relative_to(root / 'raw')} with other content; pass another --edition")
        previous = latest_installed(root, new.list)
        validate(new, previous, ratio)
        changes = None
        if previous is not None:
            changes = change_counts(diff_editions(new.list, previous.frame, new.frame,
                                                  previous.edition, new.edition))
        plans.append(Plan(new, sha256, previous.edition if previous else None, changes))
    return plans


def _installed_file(root: Path, list_name: str, edition: str) -> Path | None:
    for source in read_sources(root):
        if source.list == list_name and source.edition == edition:
            return root / "raw" / source.file
    return None


def install(plans: list[Plan], root: Path, url: str = "", retrieved: str | None = None) -> list[LoadResult]:
    """Copy the file into raw/, declare it, rebuild derived/ (all or nothing)."""
    root = Path(root)
    todo = [p for p in plans if not p.already_installed]
    if todo:
        source_path = todo[0].edition.path
        lists = [p.edition.list for p in todo]
        stem = "dhs_cbp/uflpa_wro" if set(lists) == {"uflpa", "wro"} else FOLDERS[lists[0]]
        relative = f"{stem}_{todo[0].edition.edition}{source_path.suffix.lower()}"
        target = root / "raw" / relative
        if target.exists():
            raise ReferenceDataError(f"{target}: exists already; move it away or pass another --edition")
        if retrieved is None:
            retrieved = dt.datetime.now(dt.UTC).date().isoformat() if url else ""
        config = root / "sources.toml"
        before = config.read_text(encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(source_path, target)
            entries = [_entry(before, relative, p.edition, url, retrieved) for p in todo]
            config.write_text(before.rstrip("\n") + "\n" + "".join(entries), encoding="utf-8")
            tables = build_tables(root)  # fails before derived/ is touched
        except BaseException:
            target.unlink(missing_ok=True)
            config.write_text(before, encoding="utf-8")
            raise
        _write_derived(root, render(tables))
    return [_result(root, plan) for plan in plans]


def _entry(config_text: str, relative: str, edition: Edition, url: str, retrieved: str) -> str:
    import tomllib

    defaults = tomllib.loads(config_text).get("lists", {}).get(edition.list, {})
    values = {"file": relative, "list": edition.list, "edition": edition.edition,
              "format": edition.format, "publisher": defaults.get("publisher", ""),
              "url": url or defaults.get("url", ""), "licence": defaults.get("licence", ""),
              "retrieved": retrieved}
    lines = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())
    return f"\n[[source]]\n{lines}"


def _write_derived(root: Path, texts: dict[str, str]) -> list[Path]:
    out = root / "derived"
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        temporary = out / f".{name}.tmp"
        temporary.write_text(text, encoding="utf-8", newline="")
        temporary.replace(out / name)  # each file switches atomically
        paths.append(out / name)
    return paths


def _result(root: Path, plan: Plan) -> LoadResult:
    new = plan.edition
    sources = [s for s in read_sources(root) if s.list == new.list]
    file = next(s.file for s in sources if s.edition == new.edition)
    latest = max((s.edition for s in sources), key=edition_key)
    active = latest == new.edition
    notes = [] if active else [f"{latest} stays the active {new.list} edition (it is newer); "
                               f"pin this one with --as-of {new.list}={new.edition}"]
    return LoadResult(new.list, new.edition, file, len(new.frame), plan.sha256, plan.previous,
                      plan.changes, active, plan.already_installed, notes)


def summary_lines(results: list[LoadResult]) -> list[str]:
    """What a load did, a few lines per list."""
    lines = []
    for r in results:
        verb = "already installed" if r.already_installed else "installed"
        lines.append(f"{r.list} edition {r.edition}: {verb} as raw/{r.file}")
        lines.append(f"  rows: {r.rows}, sha256: {r.sha256}")
        if r.already_installed:
            lines.append("  nothing changed")
        elif r.previous is None:
            lines.append(f"  first edition of {r.list}")
        else:
            c = r.changes or {}
            lines.append(f"  vs previous edition {r.previous}: {c.get('added', 0)} added, "
                         f"{c.get('removed', 0)} removed, {c.get('changed', 0)} changed")
        lines.append(f"  active: {'yes' if r.active else 'no'}")
        lines += [f"  note: {note}" for note in r.notes]
    return lines
