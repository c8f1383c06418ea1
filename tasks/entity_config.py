"""Entity-screening thresholds and weights, declared in data/entity_matching.toml and checked here."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tasks.toml_config import load_model

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "entity_matching.toml"


class Bands(BaseModel):
    """Score cut-offs (0-100): at or above `match` a pair is a match, at or above `review` it awaits
    review."""
    model_config = ConfigDict(extra="forbid")
    match: float = Field(ge=0, le=100, description="Lowest score of an automatic match.")
    review: float = Field(ge=0, le=100, description="Lowest score shown to an analyst for review.")

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if not self.review < self.match:
            raise ValueError("bands: review must be below match")
        return self


class Weights(BaseModel):
    """How the combined score is built from its parts."""
    model_config = ConfigDict(extra="forbid")
    similarity: float = Field(ge=0, le=1, description="Weight of the string similarity of the core names.")
    coverage: float = Field(ge=0, le=1, description="Weight of the rare-token coverage (IDF-weighted).")
    no_rare_token_cap: float = Field(
        ge=0, le=100, description="Score ceiling of a pair that shares no rare token (generic words only).")
    country_mismatch: float = Field(
        ge=0, le=100, description="Points off when both countries are known and differ.")
    country_match: float = Field(
        ge=0, le=100, description="Points added when both countries are known and equal.")
    place_mismatch: float = Field(
        ge=0, le=100,
        description="Points off when both names name a place (city, province) and none is shared.")
    anchor_missing: float = Field(
        ge=0, le=100,
        description="Points off when the list name's brand (its first distinctive token) is not in the "
                    "supplier name; half when only a substituted-letter variant is.")

    @model_validator(mode="after")
    def _sum(self) -> Weights:
        if abs(self.similarity + self.coverage - 1) > 1e-9:
            raise ValueError("weights: similarity + coverage must be 1")
        return self


class Blocking(BaseModel):
    """Candidate generation: which tokens may bring a list name and a supplier together."""
    model_config = ConfigDict(extra="forbid")
    generic_tokens: list[str] = Field(description="Compare-form tokens that never create a candidate alone.")
    place_tokens: list[str] = Field(
        description="Place names: treated like generic tokens (a shared city is no identity).")
    max_key_share: float = Field(
        gt=0, le=1, description="A key on more than this share of list names (and more than 20) is generic.")
    max_key_names: int = Field(ge=1, description="A key on more than this many list names is generic.")
    min_token_length: int = Field(ge=1, description="Shorter tokens do not block (except digits).")
    deletion_min_length: int = Field(
        ge=3,
        description="Tokens this long also block by their one-letter deletions (typos, transpositions).")
    token_similarity: float = Field(
        ge=0, le=100, description="Two tokens this similar (fuzz.ratio) may count as one token with a typo.")
    prefilter: float = Field(
        ge=0, le=100, description="Candidates below this similarity are dropped before coverage.")
    chunk_size: int = Field(ge=1000, description="Candidate pairs scored per rapidfuzz call.")


class EntityMatchConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    bands: Bands
    weights: Weights
    blocking: Blocking
    match_kinds: list[str] = Field(description="entity_kind values that are matched by name.")
    vessel_owner_note: str = Field(
        description="Vessel rows whose note contains this name a company: matched.")
    max_matches_per_supplier: int = Field(
        ge=1, description="Keep at most this many list entities per supplier.")

    def digest(self) -> str:
        """sha256 of the config, for the manifest."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()


@functools.cache
def load(path: Path = DEFAULT_PATH) -> EntityMatchConfig:
    return load_model(path, EntityMatchConfig, "entity-matching config")
