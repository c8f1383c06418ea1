"""The scoring model, declared in data/scoring.toml and checked here."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tasks.toml_config import load_model

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "scoring.toml"
REQUIRED_INDICATORS = frozenset({
    "ilab_forced_labor", "ilab_forced_child_labor", "ilab_child_labor", "ilab_derived",
    "eo13126", "tip_tier_1", "tip_tier_2", "tip_tier_2_watch_list", "tip_tier_3",
    "tip_special_case", "tip_not_rated", "country_unknown", "commodity_unmapped",
    "uflpa_entity", "wro_active", "wro_inactive", "watchlist", "entity_review", "xinjiang_address",
})


class Group(BaseModel):
    """Indicators whose weights are summed and capped together."""
    model_config = ConfigDict(extra="forbid")
    cap: float = Field(gt=0, le=100)
    description: str
    rationale: str


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weight: float = Field(ge=0, le=100)
    group: str
    source: str | None = None
    description: str
    rationale: str


class Bands(BaseModel):
    model_config = ConfigDict(extra="forbid")
    medium: float
    high: float
    critical: float

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if not 0 < self.medium < self.high < self.critical:
            raise ValueError("band cut-offs must rise: 0 < medium < high < critical")
        return self


class ScoringConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    cap: float = Field(gt=0)
    bands: Bands
    groups: dict[str, Group]
    indicators: dict[str, Indicator]

    @model_validator(mode="after")
    def _complete(self) -> ScoringConfig:
        missing = REQUIRED_INDICATORS - set(self.indicators)
        if missing:
            raise ValueError(f"scoring config lacks indicators: {sorted(missing)}")
        undeclared = {f"{name} -> {spec.group}" for name, spec in self.indicators.items()
                      if spec.group not in self.groups}
        if undeclared:
            raise ValueError(f"indicators in undeclared groups: {sorted(undeclared)}")
        return self

    def weight(self, indicator: str) -> float:
        return self.indicators[indicator].weight

    def group_caps(self) -> dict[str, float]:
        return {name: group.cap for name, group in self.groups.items()}

    def score(self, evidence: list[dict]) -> float:
        """Score of one line from its evidence entries (dicts with indicator and weight)."""
        sums: dict[str, float] = {}
        for entry in evidence:
            group = self.indicators[entry["indicator"]].group
            sums[group] = sums.get(group, 0.0) + entry["weight"]
        caps = self.group_caps()
        return min(self.cap, sum(min(caps[g], total) for g, total in sums.items()))

    def band_edges(self) -> list[float]:
        return [self.bands.medium, self.bands.high, self.bands.critical]


@functools.cache
def load(path: Path = DEFAULT_PATH) -> ScoringConfig:
    return load_model(path, ScoringConfig, "scoring config")
