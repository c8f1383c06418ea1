"""Properties: any bytes, any CSV shape, any Unicode text: a clear error or a result, never a crash."""

from __future__ import annotations

import csv
import datetime as dt
import io
import string
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import sourcing, suppliers
from tasks import coerce, countries, quarantine, validate
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


# --- whole input pipeline: an InputError, or every row accepted or quarantined once -----------

KNOWN = pd.Series(["V1", "V2"], dtype="string")
PIPELINE = settings(SETTINGS, max_examples=25)  # each example runs the GX suites


def _pipeline(path: Path, dataset: str):
    """ingest -> validate -> quarantine; (rows read, accepted rows, quarantined rows)."""
    if dataset == "suppliers":
        ingested = ingest(path, suppliers.CONTRACT)
        validated = validate.suppliers(ingested)
        id_column = "supplier_id"
    else:
        ingested = ingest(path, sourcing.CONTRACT, require_any=("commodity", "hs_code"))
        validated = validate.sourcing(ingested, KNOWN)
        id_column = "line_id"
    held = quarantine.build(dataset, path.name, validated.problems, ingested.raw, id_column)
    accepted = validated.accepted["_row"].tolist()
    rejected = held["row_number"].tolist()
    assert len(set(accepted) | set(rejected)) == len(accepted) + len(rejected), "a row twice"
    assert sorted(accepted + rejected) == sorted(ingested.frame["_row"]), "a row lost"
    return ingested, validated, held


@PIPELINE
@given(st.sampled_from([b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf",
                        b"\xff\xfe", b"Vendor ID,Supplier Name,Country\n", b""]),
       st.binary(max_size=1500), st.sampled_from([".csv", ".xlsx", ".parquet", ".txt"]))
def test_random_bytes_behind_any_signature(prefix, data, suffix):
    path = _write(prefix + data, suffix)
    try:
        _pipeline(path, "suppliers")
    except InputError as error:
        assert path.name in str(error)
    finally:
        path.unlink()


ragged_row = st.lists(st.one_of(cell, st.sampled_from(["V1", "V2", "Cocoa", "1,234.50", "5201.00",
                                                      "2024-03-12", ""])), min_size=0, max_size=7)


@PIPELINE
@given(st.lists(ragged_row, min_size=1, max_size=10), st.sampled_from([",", ";", "\t", "|"]),
       st.sampled_from(["\n", "\r\n"]), st.sampled_from(["utf-8", "utf-8-sig"]))
def test_random_csv_through_validation_conserves_rows(rows, delimiter, newline, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["PO Line", "Vendor ID", "Item Description", "HS Code", "Value (USD)"])
    rows = [[c.replace("\r", " ") for c in row] for row in rows]  # a bare CR ends a line
    writer.writerows(rows)
    path = _write(buffer.getvalue().encode(encoding, errors="replace"), ".csv")
    try:
        ingested, _, _ = _pipeline(path, "sourcing")
    except InputError as error:
        assert path.name in str(error)
    else:
        if not any("header on row" in note for note in ingested.notes):
            written = [i + 2 for i, row in enumerate(rows) if any(c != "" for c in row)]
            assert ingested.frame["_row"].tolist() == written
    finally:
        path.unlink()


name_text = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=25)


@PIPELINE
@given(st.lists(st.tuples(name_text, name_text), min_size=1, max_size=6),
       st.sampled_from([".csv", ".xlsx", ".parquet"]))
def test_any_unicode_name_and_country(records, suffix):
    frame = pd.DataFrame({"Vendor ID": [f"V{i}" for i in range(len(records))],
                          "Supplier Name": [r[0] for r in records],
                          "Country": [r[1] for r in records]})
    path = _write(b"", suffix)
    if suffix == ".csv":
        frame.to_csv(path, index=False, encoding="utf-8")
    elif suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_parquet(path)
    try:
        _, validated, held = _pipeline(path, "suppliers")
    except InputError as error:
        assert path.name in str(error)
    else:
        expected = coerce.text(frame["Supplier Name"].astype("string"))
        accepted = validated.accepted.set_index("supplier_id")["name"]
        for supplier_id, name in accepted.items():
            assert name == expected[int(supplier_id[1:])]
        assert len(accepted) + len(held) == len(records)
    finally:
        path.unlink()


@SETTINGS
@given(st.lists(st.integers(min_value=-10**11, max_value=10**11), min_size=1, max_size=8),
       st.sampled_from(["us", "eu", "space", "swiss", "plain"]), st.sampled_from(["", "$", "EUR "]))
def test_formatted_numbers_parse_back(cents, style, currency):
    def fmt(value: int) -> str:
        text = f"{abs(value) / 100:,.2f}"
        text = {"us": text, "eu": text.replace(",", "_").replace(".", ",").replace("_", "."),
                "space": text.replace(",", " ").replace(".", ","),
                "swiss": text.replace(",", "'"), "plain": text.replace(",", "")}[style]
        return ("-" if value < 0 else "") + currency + text

    values, bad = coerce.number(pd.Series([fmt(v) for v in cents], dtype="string"))
    assert not bad.any()
    assert values.round(2).tolist() == [v / 100 for v in cents]


@SETTINGS
@given(st.lists(st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2100, 12, 31)),
                min_size=1, max_size=8),
       st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%b-%Y", "%d %B %Y", "serial"]))
def test_formatted_dates_parse_back(days, fmt):
    def text(day: dt.date) -> str:
        if fmt == "serial":
            return str((day - coerce.EXCEL_EPOCH).days)
        return day.strftime(fmt)

    values, bad = coerce.date(pd.Series([text(d) for d in days], dtype="string"))
    assert not bad.any()
    assert values.tolist() == days


@SETTINGS
@given(st.lists(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
                min_size=1, max_size=8))
def test_us_month_first_columns_are_read_month_first(days):
    days = [*days, dt.date(2026, 3, 14)]  # one value only month-first can read
    values, bad = coerce.date(pd.Series([d.strftime("%m/%d/%Y") for d in days], dtype="string"))
    assert not bad.any()
    assert values.tolist() == days
