"""Shared fixtures: the bundled raw files and small workbooks built in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.reference.store import DEFAULT_ROOT

RAW = DEFAULT_ROOT / "raw"


@pytest.fixture
def write_xlsx(tmp_path: Path):
    """write_xlsx(name, rows) -> path of a one-sheet workbook holding `rows`."""
    import openpyxl

    def write(name: str, rows: list[list[object]]) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write
