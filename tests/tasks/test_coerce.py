import datetime as dt

import pandas as pd
import pytest

from tasks import coerce


@pytest.mark.parametrize(("raw", "expected"), [
    ("12,500.00", 12500.0), ("7", 7.0), (" 3.5 ", 3.5), ("(40)", -40.0), ("$1,000", 1000.0),
    ("1 234", 1234.0), ("USD 15", 15.0),
])
def test_number_parses_real_formats(raw, expected):
    values, bad = coerce.number(pd.Series([raw]))
    assert values[0] == expected
    assert not bad[0]


@pytest.mark.parametrize("raw", ["TBD", "12.5.1", "n/a?"])
def test_number_flags_text(raw):
    values, bad = coerce.number(pd.Series([raw]))
    assert pd.isna(values[0])
    assert bad[0]


def test_number_empty_is_null_not_bad():
    values, bad = coerce.number(pd.Series(["", None], dtype="string"))
    assert values.isna().all()
    assert not bad.any()


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-03-14", dt.date(2026, 3, 14)),
    ("14/03/2026", dt.date(2026, 3, 14)),
    ("03/14/2026", dt.date(2026, 3, 14)),  # month-first only where day-first is impossible
    ("04/03/2026", dt.date(2026, 3, 4)),  # day-first by default
    ("14.03.2026", dt.date(2026, 3, 14)),
    ("2026-03-14T00:00:00", dt.date(2026, 3, 14)),
])
def test_date_formats(raw, expected):
    values, bad = coerce.date(pd.Series([raw]))
    assert values[0] == expected
    assert not bad[0]


def test_date_impossible_is_bad():
    values, bad = coerce.date(pd.Series(["31/02/2026", "soon"]))
    assert values.isna().all()
    assert bad.all()


def test_text_normalises_whitespace_and_nfc():
    out = coerce.text(pd.Series(["  Co\u0302te  d'Ivoire\u00a0", "   ", None], dtype="string"))
    assert out[0] == "Côte d'Ivoire"
    assert out[1:].isna().all()
