"""Configuration: packaged TOML defaults, a user file on top, then explicit overrides."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

Config = dict[str, Any]


def default_config() -> Config:
    text = resources.files("presswatch").joinpath("default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def merge(base: Config, override: Mapping[str, Any]) -> Config:
    """Deep-merge ``override`` into a copy of ``base``; a ``None`` value means "not given"."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            continue
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """Defaults, then the TOML file at ``path``, then ``overrides`` (section -> {key: value})."""
    config = default_config()
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        config = merge(config, user)
    if overrides:
        config = merge(config, overrides)
    return config
