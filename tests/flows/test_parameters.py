"""The UI forms: bounds, enums and paths are checked; requests map to `screen` arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from flows.parameters import (
    ALL_LISTS,
    NightlyRequest,
    ReferenceEditions,
    ScreenRequest,
    UnsupportedRequest,
    checked,
    to_screen_kwargs,
)
from tasks.paths import SAMPLE

SCREEN_PARAMETERS = {"suppliers", "sourcing", "out", "column_map", "scoring", "reference_root",
                     "as_of", "duplicates", "partitions"}


@pytest.fixture(autouse=True)
def roots(tmp_path, monkeypatch):
    monkeypatch.setenv("FLSCREEN_INPUT_ROOTS", str(SAMPLE))
    monkeypatch.setenv("FLSCREEN_OUTPUT_ROOT", str(tmp_path / "out"))
    monkeypatch.delenv("FLSCREEN_REFERENCE_ROOT", raising=False)
    return tmp_path / "out"


def test_defaults_resolve_inside_the_roots(roots):
    request = checked(ScreenRequest())
    assert request.suppliers == str(SAMPLE / "suppliers.csv")
    assert request.sourcing == str(SAMPLE / "sourcing.xlsx")
    assert request.out == str((roots / "on-demand").resolve())
    assert checked(NightlyRequest()).out == str((roots / "nightly").resolve())
    assert checked(request) == request  # idempotent


@pytest.mark.parametrize("field, value, message", [
    ("review_threshold", 150, "less than or equal to 100"),
    ("auto_match_threshold", -1, "greater than or equal to 0"),
    ("lists", [], "at least 1 item"),
    ("lists", ["ofac"], "Input should be 'ilab_tvpra'"),
    ("duplicates", "drop", "'keep_first' or 'quarantine_all'"),
    ("suppliers", "../etc/passwd.csv", "should match pattern"),
    ("out", "a/../../b", "should match pattern"),
    ("suppliers", "/etc/hostname", "outside the allowed input folders"),
    ("decisions", "suppliers.xlsx", "no file"),
    ("decisions", "sourcing.xlsx", "not a supported data file"),
    ("column_map", {"commodity": "Mat"}, "suppliers.COLUMN or sourcing.COLUMN"),
    ("surprise", 1, "Extra inputs are not permitted"),
])
def test_bad_values_are_refused_with_a_message(field, value, message):
    with pytest.raises(ValidationError) as error:
        ScreenRequest.model_validate({field: value})
    assert message in str(error.value)
    assert field in str(error.value)


def test_review_threshold_must_be_below_auto_match():
    with pytest.raises(ValidationError, match=r"review threshold \(90.0\) must be below"):
        ScreenRequest(review_threshold=90, auto_match_threshold=80)
    assert ScreenRequest(review_threshold=70, auto_match_threshold=90).review_threshold == 70


def test_lists_are_deduplicated_in_a_fixed_order():
    assert ScreenRequest(lists=["wro", "tip", "wro"]).lists == ["tip", "wro"]


@pytest.mark.parametrize("value, ok", [
    ("latest", True), ("2022", True), ("2026-06-11", True), ("22", False), ("latest; rm -rf /", False),
])
def test_editions_are_latest_or_pinned(value, ok):
    if ok:
        assert ReferenceEditions(ilab_tvpra=value).ilab_tvpra == value
    else:
        with pytest.raises(ValidationError):
            ReferenceEditions(ilab_tvpra=value)


def test_request_maps_to_screen_arguments(roots):
    request = checked(ScreenRequest(
        out="team", editions={"ilab_tvpra": "2020", "tip": "2015"}, duplicates="quarantine_all",
        column_map={"sourcing.commodity": "Mat. Text", "suppliers.name": "Vendor"}))
    kwargs = to_screen_kwargs(request, SCREEN_PARAMETERS)
    assert kwargs == {
        "suppliers": SAMPLE / "suppliers.csv", "sourcing": SAMPLE / "sourcing.xlsx",
        "out": (roots / "team").resolve(), "as_of": {"ilab_tvpra": "2020", "tip": "2015"},
        "duplicates": "quarantine_all", "reference_root": None,
        "column_map": {"sourcing": {"commodity": "Mat. Text"}, "suppliers": {"name": "Vendor"}}}


@pytest.mark.parametrize("field, value", [
    ("lists", ["ilab_tvpra", "tip"]), ("review_threshold", 70), ("auto_match_threshold", 95),
    ("decisions", "suppliers.csv"),
])
def test_fields_screen_cannot_honour_yet_fail_loudly(field, value):
    request = checked(ScreenRequest.model_validate({field: value}))
    with pytest.raises(UnsupportedRequest, match="not supported by the screening flow yet"):
        to_screen_kwargs(request, SCREEN_PARAMETERS)


def test_pending_fields_pass_once_screen_takes_them():
    request = checked(ScreenRequest(lists=["uflpa"], review_threshold=70, decisions="suppliers.csv"))
    kwargs = to_screen_kwargs(request, SCREEN_PARAMETERS | {"lists", "review_threshold", "decisions"})
    assert kwargs["lists"] == ["uflpa"]
    assert kwargs["review_threshold"] == 70
    assert kwargs["decisions"] == SAMPLE / "suppliers.csv"


def test_default_pending_values_are_not_passed():
    kwargs = to_screen_kwargs(checked(ScreenRequest()), SCREEN_PARAMETERS)
    assert not {"lists", "review_threshold", "auto_match_threshold", "decisions"} & set(kwargs)


def test_reference_root_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FLSCREEN_REFERENCE_ROOT", str(tmp_path / "ref"))
    kwargs = to_screen_kwargs(checked(ScreenRequest()), SCREEN_PARAMETERS)
    assert kwargs["reference_root"] == (tmp_path / "ref").resolve()


def test_nightly_refresh_settings():
    assert NightlyRequest().refresh_reference is True
    with pytest.raises(ValidationError, match="less than or equal to 5"):
        NightlyRequest(refresh_retries=9)


def test_schema_rejects_what_the_api_must_refuse():
    """The deployment's parameter schema carries the bounds; the server validates with it."""
    from prefect.utilities.callables import parameter_schema
    from prefect.utilities.schema_tools import ValidationError as SchemaError
    from prefect.utilities.schema_tools import validate

    from flows.deployments import nightly, screen_on_demand

    for flow in (screen_on_demand, nightly):
        schema = parameter_schema(flow.fn).model_dump_for_openapi()
        request = schema["definitions"][flow.fn.__annotations__["request"]]
        assert request["properties"]["lists"]["items"]["enum"] == ALL_LISTS
        assert request["properties"]["review_threshold"]["anyOf"][0]["maximum"] == 100
        validate({"request": {"out": "x", "review_threshold": 100}}, schema, raise_on_error=True)
        for bad in ({"review_threshold": 150}, {"suppliers": "../x.csv"}, {"out": "a/../b"},
                    {"lists": ["ofac"]}, {"unknown": 1}, {"editions": {"tip": "soon"}}):
            with pytest.raises(SchemaError):
                validate({"request": bad}, schema, raise_on_error=True)


def test_paths_are_typed_strings_not_code(tmp_path):
    assert Path(checked(ScreenRequest(suppliers="suppliers.csv")).suppliers).is_file()
    with pytest.raises(ValidationError, match="is a URL"):
        ScreenRequest(suppliers="http://example.org/x.csv")
