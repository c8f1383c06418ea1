"""Rebuild the derived reference tables, putting the previous ones back on any failure."""

from __future__ import annotations

from pathlib import Path

from tasks.reference import store


def rebuild(root: Path) -> list[str]:
    """Regenerate `root/derived` from the raw files; returns the editions added (+) and gone (-)."""
    before = _snapshot(root)
    try:
        store.build(root)
        store.load_reference(root)  # the new tables must be readable
    except BaseException:
        _restore(root, before)
        raise
    old, new = _editions(before.get("editions.csv")), _editions(_snapshot(root).get("editions.csv"))
    return [f"+ {e}" for e in sorted(new - old)] + [f"- {e}" for e in sorted(old - new)]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((Path(root) / "derived").glob("*.csv"))}


def _restore(root: Path, snapshot: dict[str, bytes]) -> None:
    derived = Path(root) / "derived"
    for path in derived.glob("*.csv"):
        if path.name not in snapshot:
            path.unlink()
    for name, data in snapshot.items():
        (derived / name).write_bytes(data)


def _editions(data: bytes | None) -> set[str]:
    lines = (data or b"").decode("utf-8").splitlines()[1:]
    return {" ".join(line.split(",")[:2]) for line in lines if line}
