from __future__ import annotations

import pytest

from schemas import reference_diff, restricted_entities, tip_tiers
from schemas.reference_rules import MIN_ROW_RATIO, min_rows
from tasks.reference import ReferenceDataError, entities, tip
from tasks.reference.editions import installed
from tasks.reference.store import DEFAULT_ROOT
from tasks.reference.validate import size, validate


def test_vocabularies_match_the_loaders():
    assert tip_tiers.TIERS == tip.TIERS
    assert restricted_entities.STATUSES == entities.STATUSES
    assert restricted_entities.KINDS == entities.KINDS
    assert reference_diff.CHANGES == ("added", "removed", "changed")


@pytest.mark.parametrize(("previous", "ratio", "expected"),
                         [(None, MIN_ROW_RATIO, 1), (0, 0.5, 1), (467, 0.5, 234), (467, 0.0, 1)])
def test_min_rows(previous, ratio, expected):
    assert min_rows(previous, ratio) == expected


def test_min_rows_rejects_a_bad_ratio():
    with pytest.raises(ValueError, match="between 0 and 1"):
        min_rows(10, 1.5)


@pytest.mark.parametrize("spec", ["ilab_tvpra:2020", "ilab_tvpra:2022", "ilab_eo13126:2014", "tip:2015",
                                  "tip:2025", "uflpa:2026-06-11", "wro:2026-06-11"])
def test_installed_editions_pass_their_suites(spec: str):
    name, _, edition = spec.partition(":")
    current = installed(DEFAULT_ROOT, name, edition)
    validate(current, current)


def test_tip_size_is_the_fullest_report_year():
    assert size(installed(DEFAULT_ROOT, "tip", "2025")) == 188


def test_row_level_failures_name_rows_and_columns():
    goods = installed(DEFAULT_ROOT, "ilab_eo13126", "2014")
    goods.frame.loc[2, "country_iso3"] = None
    goods.frame.loc[4, "good"] = goods.frame.loc[3, "good"]
    goods.frame.loc[4, "country_iso3"] = goods.frame.loc[3, "country_iso3"]
    with pytest.raises(ReferenceDataError) as error:
        validate(goods)
    message = str(error.value)
    assert "eo13126_2014.csv, row 4, column 'country_iso3': empty" in message
    assert "row 5, row 6, column 'good x country_iso3': listed twice" in message


def test_unknown_tier_value_is_named():
    tiers = installed(DEFAULT_ROOT, "tip", "2025")
    tiers.frame.loc[0, "tier"] = "Tier 4"
    expected = r"tiers_recent.csv, row 2 \(value 'Tier 4'\), column 'tier'"
    with pytest.raises(ReferenceDataError, match=expected):
        validate(tiers)
