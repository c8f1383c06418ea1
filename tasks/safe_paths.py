"""Paths typed into the Prefect UI: allowed only inside folders the operator configured.

Roots are read from the environment of the process that runs the flow, at call time:
- FLSCREEN_INPUT_ROOTS: folders inputs may be read from, separated by os.pathsep
  (default: the bundled data/sample);
- FLSCREEN_OUTPUT_ROOT: the folder outputs may be written under (default: ./output);
- FLSCREEN_REFERENCE_ROOT: the reference store (default: data/reference).

A path is first checked as text (no NUL, no `..`, no `~`, no URL), then resolved with symlinks
followed and must still lie inside a root, so a symlink pointing out of a root is rejected.
Paths are only ever opened as data files: nothing in them is expanded, evaluated or executed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

from tasks.paths import SAMPLE

INPUT_ROOTS_ENV = "FLSCREEN_INPUT_ROOTS"
OUTPUT_ROOT_ENV = "FLSCREEN_OUTPUT_ROOT"
REFERENCE_ROOT_ENV = "FLSCREEN_REFERENCE_ROOT"
INPUT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")


class UnsafePathError(ValueError):
    """A path outside the allowed folders, or one that cannot be used; the message says why."""


def input_roots(env: Mapping[str, str] = os.environ) -> list[Path]:
    text = env.get(INPUT_ROOTS_ENV, "")
    roots = [Path(part) for part in text.split(os.pathsep) if part.strip()]
    return [root.resolve() for root in roots or [SAMPLE]]


def output_root(env: Mapping[str, str] = os.environ) -> Path:
    return Path(env.get(OUTPUT_ROOT_ENV) or "output").resolve()


def reference_root(env: Mapping[str, str] = os.environ) -> Path | None:
    """The configured reference store, or None for the bundled one."""
    text = env.get(REFERENCE_ROOT_ENV)
    return Path(text).resolve() if text else None


def check_text(value: str | PurePath, what: str) -> PurePath:
    """The path as typed, if it is plain: no NUL, `..`, `~` or URL."""
    text = str(value).strip()
    if not text:
        raise UnsafePathError(f"{what}: the path is empty")
    if "\x00" in text:
        raise UnsafePathError(f"{what}: the path contains a NUL character")
    if "://" in text:
        raise UnsafePathError(f"{what}: {text!r} is a URL; give a file path inside the allowed folders")
    path = PurePath(text)
    if ".." in path.parts or ".." in text.replace("\\", "/").split("/"):
        raise UnsafePathError(f"{what}: {text!r} contains '..'; parent-folder steps are not allowed")
    if text.startswith("~"):
        raise UnsafePathError(f"{what}: {text!r} starts with '~'; give the full path")
    return path


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def _listing(roots: Sequence[Path]) -> str:
    return ", ".join(str(root) for root in roots)


def safe_input(value: str | PurePath, what: str = "input", roots: Sequence[Path] | None = None,
               suffixes: Sequence[str] = INPUT_SUFFIXES) -> Path:
    """The resolved path of an existing data file inside an input root.

    A relative path is looked up in each root in turn.
    """
    roots = list(roots) if roots is not None else input_roots()
    typed = check_text(value, what)
    candidates = [Path(typed)] if typed.is_absolute() else [root / typed for root in roots]
    found = next((c for c in candidates if c.exists()), candidates[0])
    resolved = found.resolve()
    if not _inside(resolved, roots):
        via = f" (it resolves to {resolved})" if resolved != Path(found) else ""
        raise UnsafePathError(f"{what}: {str(typed)!r} is outside the allowed input folders{via}; "
                              f"allowed: {_listing(roots)} (set {INPUT_ROOTS_ENV} to change them)")
    if not resolved.is_file():
        raise UnsafePathError(f"{what}: no file {str(typed)!r} in the allowed input folders "
                              f"({_listing(roots)})")
    if resolved.suffix.lower() not in suffixes:
        raise UnsafePathError(f"{what}: {resolved.name!r} is not a supported data file; "
                              f"use one of {', '.join(suffixes)}")
    return resolved


def safe_output(value: str | PurePath, what: str = "output folder", root: Path | None = None) -> Path:
    """The resolved output folder inside the output root (it may not exist yet)."""
    root = (root or output_root()).resolve()
    typed = check_text(value, what)
    resolved = (root / typed).resolve()  # an absolute `typed` replaces root here
    if not _inside(resolved, [root]):
        raise UnsafePathError(f"{what}: {str(typed)!r} is outside the allowed output folder {root} "
                              f"(set {OUTPUT_ROOT_ENV} to change it)")
    existing = next(p for p in (resolved, *resolved.parents) if p.exists())
    if not existing.is_dir():
        raise UnsafePathError(f"{what}: {existing} exists and is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UnsafePathError(f"{what}: {existing} is not writable")
    return resolved
