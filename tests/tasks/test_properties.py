"""Properties: any bytes, any CSV shape, any Unicode text: a clear error or a result, never a crash."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import sourcing, suppliers
from tasks import coerce, countries
from tasks.ingest import ingest
from tasks.readers import InputError

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _write(data: bytes, suffix: str) -> Path:
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
        handle.write(data)
    return Path(handle.name)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from([".csv", ".xlsx", ".parquet"]))
def test_random_bytes_never_crash(data, suffix):
    path = _write(data, suffix)
    try:
        result = ingest(path, suppliers.CONTRACT)
    except InputError as error:
        assert path.name in str(error)
    else:
        assert len(result.frame) == len(result.raw)
    finally:
        path.unlink()


cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)


@SETTINGS
@given(st.lists(st.lists(cell, min_size=1, max_size=6), min_size=0, max_size=8),
       st.sampled_from([",", ";", "\t"]))
def test_random_csv_shapes_lose_no_row(rows, delimiter):
    header = delimiter.join(["PO Line", "Vendor ID", "Item Description", "Value (USD)"])
    body = "\n".join(delimiter.join(f'"{c}"'.replace('""', '" "') if c else "" for c in row)
                     for row in rows)
    path = _write((header + "\n" + body).encode("utf-8"), ".csv")
    try:
        result = ingest(path, sourcing.CONTRACT, require_any=("commodity", "hs_code"))
    except InputError as error:
        assert path.name in str(error)
    else:
        bad_rows = set(result.problems["_row"])
        assert bad_rows <= set(result.frame["_row"])
        assert result.frame["_row"].is_unique
    finally:
        path.unlink()


@SETTINGS
@given(st.lists(st.text(max_size=30), max_size=20))
def test_country_normalisation_is_total_and_idempotent(values):
    codes = countries.to_iso3(pd.Series(values, dtype="object"))
    assert len(codes) == len(values)
    resolved = codes.dropna()
    assert resolved.str.fullmatch(r"[A-Z]{3}").all()
    assert countries.to_iso3(resolved).tolist() == resolved.tolist()


@SETTINGS
@given(st.lists(st.text(alphabet=string.printable, max_size=15), max_size=20))
def test_coercion_marks_every_unparsed_cell(values):
    series = pd.Series(values, dtype="string")
    numbers, bad_numbers = coerce.number(series)
    dates, bad_dates = coerce.date(series)
    present = coerce.text(series).notna()
    assert ((numbers.notna() | bad_numbers) == present).all()
    assert ((dates.notna() | bad_dates) == present).all()
