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


# Sections read by presswatch itself; the layer sections are checked by spaCy against each
# component's factory (see pipeline.build_nlp), which knows keys the defaults leave out.
_OWN_SECTIONS = ("pipeline", "ingest", "language")


def check_keys(user: Mapping[str, Any], defaults: Config, where: str) -> None:
    """A misspelt section or key in a user file is a ConfigError, not silently ignored."""
    for section, values in user.items():
        if section not in defaults:
            raise ConfigError(f"{where}: unknown section [{section}]; known: {', '.join(sorted(defaults))}")
        if not isinstance(values, Mapping):
            raise ConfigError(f"{where}: [{section}] must be a table of keys, not {values!r}")
        if section in _OWN_SECTIONS:
            unknown = [key for key in values if key not in defaults[section]]
            if unknown:
                raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)} in [{section}]; "
                                  f"known: {', '.join(defaults[section])}")


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
        check_keys(user, config, str(path))
        config = merge(config, user)
    if overrides:
        config = merge(config, overrides)
    return config
