"""Typed run parameters: the forms analysts fill in the Prefect UI, and their mapping to `screen`.

Bounds, enums and patterns land in the deployment's parameter schema, so the API refuses a
threshold of 150 or a path with `..` before a run exists. Paths are checked against the
allowed folders (tasks/safe_paths.py) when a request is validated in the process running
the flow; `checked` validates again inside the flow, because Prefect does not validate defaults.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tasks import safe_paths

ListName = Literal["ilab_tvpra", "ilab_eo13126", "tip", "uflpa", "wro"]
ALL_LISTS: list[ListName] = ["ilab_tvpra", "ilab_eo13126", "tip", "uflpa", "wro"]
# A plain relative or absolute path: no NUL and no `..` step (also enforced by the API).
PATH_PATTERN = r"^(?!.*(^|[\\/])\.\.([\\/]|$))[^\x00]+$"
Edition = Annotated[str, Field(pattern=r"^(latest|\d{4}(-\d{2}-\d{2})?)$",
                               description='"latest", or an edition such as 2022 or 2026-06-11')]
# Fields `screen` cannot take yet: passed on once it has a parameter of the same name.
PENDING = ("lists", "review_threshold", "auto_match_threshold", "decisions")


class UnsupportedRequest(ValueError):
    """A request asks for something the screening flow cannot do yet."""


def _path(title: str, description: str, default: str | None = None) -> Any:
    return Field(default, title=title, description=description, min_length=1, max_length=1024,
                 pattern=PATH_PATTERN)


class ReferenceEditions(BaseModel):
    """Which edition of each reference list to screen against."""

    model_config = ConfigDict(extra="forbid", title="Reference editions")

    ilab_tvpra: Edition = Field("latest", title="ILAB TVPRA goods list")
    ilab_eo13126: Edition = Field("latest", title="EO 13126 list")
    tip: Edition = Field("latest", title="TIP report year",
                         description='"latest", or a report year: each country\'s placement then')
    uflpa: Edition = Field("latest", title="UFLPA Entity List")
    wro: Edition = Field("latest", title="CBP WROs and Findings")

    def as_of(self) -> dict[str, str]:
        return {name: value for name, value in self.model_dump().items() if value != "latest"}


class ScreenRequest(BaseModel):
    """A screening run: which files, against which lists, published where."""

    model_config = ConfigDict(extra="forbid", title="Screening request", regex_engine="python-re")

    suppliers: str = _path("Suppliers file", "CSV, XLSX or Parquet: supplier_id, name, country. "
                           "A name in an allowed input folder, or an absolute path inside one.",
                           "suppliers.csv")
    sourcing: str = _path("Sourcing lines file", "CSV, XLSX or Parquet: supplier_id, commodity "
                          "and/or hs_code, country_of_origin. Same folders as the suppliers file.",
                          "sourcing.xlsx")
    out: str = _path("Output folder", "Folder under the allowed output folder; runs land in "
                     "OUT/runs/<run_id>/ and OUT/latest points at the newest; runs in the same folder "
                     "are compared with each other.", "on-demand")
    lists: list[ListName] = Field(
        default_factory=lambda: list(ALL_LISTS), min_length=1, title="Lists to screen against",
        description="ILAB TVPRA goods, EO 13126, TIP tiers, UFLPA Entity List, CBP WROs",
        json_schema_extra={"uniqueItems": True})
    review_threshold: float | None = Field(
        None, ge=0, le=100, title="Review threshold (entity matching)",
        description="Lowest name-match score shown for review, 0-100; empty: the configured one")
    auto_match_threshold: float | None = Field(
        None, ge=0, le=100, title="Auto-match threshold (entity matching)",
        description="Lowest name-match score taken as a match, 0-100; empty: the configured one")
    editions: ReferenceEditions = Field(default_factory=ReferenceEditions, title="Reference editions")
    decisions: str | None = _path("Decisions file (optional)", "CSV or Parquet of analyst "
                                  "confirm/reject decisions on entity matches, in an input folder")
    column_map: dict[str, str] = Field(
        default_factory=dict, title="Column names",
        description='Headers the tool does not recognise, e.g. {"sourcing.commodity": "Mat. Text"}')
    duplicates: Literal["keep_first", "quarantine_all"] = Field(
        "keep_first", title="Repeated ids", description="keep the first row, or quarantine them all")
    dry_run: bool = Field(False, title="Dry run",
                          description="Check the inputs and screen into a temporary folder; "
                          "publish nothing")

    @field_validator("suppliers", "sourcing")
    @classmethod
    def _input(cls, value: str, info) -> str:
        return str(safe_paths.safe_input(value, info.field_name))

    @field_validator("decisions")
    @classmethod
    def _decisions(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return str(safe_paths.safe_input(value, "decisions", suffixes=(".csv", ".parquet", ".pq")))

    @field_validator("out")
    @classmethod
    def _out(cls, value: str) -> str:
        return str(safe_paths.safe_output(value))

    @field_validator("lists")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return [name for name in ALL_LISTS if name in value]

    @field_validator("column_map")
    @classmethod
    def _columns(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            dataset, dot, column = key.partition(".")
            if dataset not in ("suppliers", "sourcing") or not dot or not column:
                raise ValueError(f"column_map key must be suppliers.COLUMN or sourcing.COLUMN, "
                                 f"got {key!r}")
        return value

    @model_validator(mode="after")
    def _thresholds(self):
        low, high = self.review_threshold, self.auto_match_threshold
        if low is not None and high is not None and not low < high:
            raise ValueError(f"review threshold ({low}) must be below the auto-match threshold ({high})")
        return self


class NightlyRequest(ScreenRequest):
    """The nightly job: refresh the reference lists, then screen the configured inputs."""

    model_config = ConfigDict(title="Nightly request")

    out: str = _path("Output folder", "Folder under the allowed output folder for the nightly "
                     "runs (kept apart from analysts' runs, so `changes` compares night to night)",
                     "nightly")
    refresh_reference: bool = Field(True, title="Refresh reference data first",
                                    description="Rebuild the derived reference tables from the "
                                    "raw files; on failure the previous editions stay in use")
    fail_on_refresh_error: bool = Field(
        False, title="Fail the run if the refresh fails",
        description="Otherwise screening goes on with the previous editions and the run reports it")
    refresh_retries: int = Field(2, ge=0, le=5, title="Refresh retries",
                                 description="Retries (with backoff) after an I/O error")


def checked(request: ScreenRequest) -> ScreenRequest:
    """The request validated again, with its paths resolved inside the allowed folders."""
    return type(request).model_validate(request.model_dump())


def to_screen_kwargs(request: ScreenRequest, accepted: Collection[str]) -> dict[str, Any]:
    """Keyword arguments of `screen` for a checked request.

    `accepted` names the parameters `screen` takes. A pending field is passed on when `screen`
    takes it; until then a non-default value raises UnsupportedRequest rather than being ignored.
    """
    column_map: dict[str, dict[str, str]] = {}
    for key, header in request.column_map.items():
        dataset, _, column = key.partition(".")
        column_map.setdefault(dataset, {})[column] = header
    kwargs: dict[str, Any] = {
        "suppliers": Path(request.suppliers), "sourcing": Path(request.sourcing),
        "out": Path(request.out), "column_map": column_map, "as_of": request.editions.as_of(),
        "duplicates": request.duplicates, "reference_root": safe_paths.reference_root(),
    }
    defaults = ScreenRequest()
    for name in PENDING:
        value = getattr(request, name)
        if name in accepted:
            kwargs[name] = Path(value) if name == "decisions" and value else value
        elif value != getattr(defaults, name):
            title = ScreenRequest.model_fields[name].title
            raise UnsupportedRequest(
                f"{title} = {value!r} is not supported by the screening flow yet; "
                f"leave it at its default ({getattr(defaults, name)!r})")
    return kwargs
