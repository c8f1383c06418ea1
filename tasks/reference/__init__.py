"""Reference lists (ILAB TVPRA and EO 13126, TIP tiers, UFLPA, WRO): loaders and a versioned store.

Loaders (`ilab`, `tip`, `entities`) parse the publishers' raw files; `store` turns the
files declared in `data/reference/sources.toml` (plus new editions dropped into
`data/reference/raw/`) into the committed CSVs under `data/reference/derived/`, and
`load_reference` reads those CSVs at screening time. Refreshing: `editions` reads one edition
(a file in any format, or an installed one), `validate` checks it with the suites in `schemas/`,
`install` puts it in the store, `fetch` downloads it, `diff` and `compare` tell what changed.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ReferenceDataError", "ReferenceSet", "diff_tvpra", "load_reference"]


class ReferenceDataError(ValueError):
    """A raw reference file that cannot be used; the message names file, row and column."""


def where(path: object, row: object = None, column: str | None = None) -> str:
    """'file, row N, column C' for error messages."""
    parts = [str(path)]
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


def __getattr__(name: str) -> Any:
    # Lazy, so `python -m tasks.reference.store` does not import store twice.
    if name in {"ReferenceSet", "load_reference"}:
        from tasks.reference import store

        return getattr(store, name)
    if name == "diff_tvpra":
        from tasks.reference.diff import diff_tvpra

        return diff_tvpra
    raise AttributeError(name)
