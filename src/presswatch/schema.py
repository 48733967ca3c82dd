"""The JSON Schema of presswatch output (``schema.json``, shipped in the package)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema


@lru_cache(maxsize=1)
def output_schema() -> dict[str, Any]:
    return json.loads(resources.files("presswatch").joinpath("schema.json").read_text("utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not valid presswatch/1 output."""
    jsonschema.validate(data, output_schema(), cls=jsonschema.Draft202012Validator)
