"""Read a TOML config file into a pydantic model, with errors that name the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

Model = TypeVar("Model", bound=BaseModel)


def load_model(path: Path, model: type[Model], what: str) -> Model:
    """`model` validated from the TOML file at `path`; ValueError naming the file otherwise."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: cannot read {what}: {error}") from error
    try:
        return model.model_validate(data)
    except ValueError as error:
        raise ValueError(f"{path}: invalid {what}: {error}") from error
