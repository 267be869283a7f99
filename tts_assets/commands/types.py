"""`tts-assets types`: the content types in force, as the TOML a config would hold."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from ..content.builtins import types_toml
from ..content.spec import resolve_types
from ..settings.config import Settings
from ..settings.load import content_sets


@dataclass(frozen=True)
class TypesInForce:
    """The built-ins for the content language with the config's own types and overrides."""

    toml: str
    exit_code: int = 0

    def lines(self) -> list[str]:
        return self.toml.splitlines()

    def as_json(self) -> dict[str, object]:
        return {"types": tomllib.loads(self.toml)}


def types_in_force(settings: Settings, only_set: str | None = None) -> TypesInForce:
    """The types of `settings` (of set `only_set`, if given), checked as a run checks them."""
    chosen = content_sets(settings, only_set)[0] if only_set else settings
    resolve_types(chosen.types, chosen.config_file, chosen.lang)
    return TypesInForce(types_toml(chosen.types, chosen.lang))
