"""Settings made and checked: a project's (`load_settings`: every source merged, then
`checks.checked`), and each of its content sets' (`content_sets`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from .checks import checked
from .config import Settings
from .each_set import set_settings, with_fellows
from .sets import PER_SET_SETTINGS
from .sources import anchored, find_config, from_env, from_table, with_overrides


def load_settings(
    root: str | Path = ".",
    config_file: str | Path | None = None,
    *,
    given_as: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """The settings of the project in `root`: defaults < config file < environment < overrides.

    `overrides` are Settings fields (`speed=1.2`, `data_dir="content"`), `audio={...}`,
    `languages={...}`, and `providers={"kokoro": {"intra_op_threads": 2}}` (a table or a
    provider's settings object), merged over what the file says. Relative paths are
    taken from `root`. Raises ConfigError (InputError) naming the file, key or flag.
    `given_as` says how the caller's user gave an override (`{"audio.bitrate_kbps":
    "--bitrate"}`): messages about its value name it so.
    """
    root = Path(root)
    explicit = None if config_file is None else root / config_file
    source, table = find_config(Path.cwd() / root, explicit)
    if "sets" in table:
        for key in PER_SET_SETTINGS:
            if overrides.get(key) is not None and key != "lang":
                flag = "--" + key.replace("_", "-")
                raise ConfigError(
                    f"{source}: lists content sets ([[sets]]), each with its own {key}; "
                    f"{flag} would apply to which? Choose a set with --set NAME, or give "
                    "--config a file without sets"
                )
    settings = from_table(table, source, Settings())
    settings = from_env(settings)
    settings = with_overrides(settings, overrides, given_as or {})
    return checked(anchored(settings, root))


def content_sets(settings: Settings, only: str | None = None) -> list[Settings]:
    """The settings of each content set (one per `[[sets]]` table, checked), or of the one
    named `only`; `[settings]` when the config lists no sets (then `only` must be None).

    Raises ConfigError for an unknown set name, listing the names.
    """
    if not settings.sets:
        if only is not None:
            raise ConfigError(f"--set {only}: the config lists no content sets ([[sets]])")
        return [settings]
    chosen = [s for s in settings.sets if only is None or s.name == only]
    if not chosen:
        names = ", ".join(s.name for s in settings.sets)
        raise ConfigError(f"--set {only}: no such content set; the sets are: {names}")
    every = {s.name: set_settings(settings, s) for s in settings.sets}
    return _typed([checked(with_fellows(every[s.name], every.values())) for s in chosen])


def _typed(sets: list[Settings]) -> list[Settings]:
    """The sets `--type` selects types of, each narrowed to the types it has: a type one
    set adds (`[sets.types.words]`) runs that set alone. InputError, listing every set's
    types, for a type no set has."""
    names = [n.strip() for n in sets[0].type.split(",") if n.strip()]
    if not names or names == ["all"]:
        return sets
    from ..content.spec import resolve_types  # the content layer: not for --help

    has = {s.set_name: list(resolve_types(s.types, s.config_file, s.lang)) for s in sets}
    unknown = [n for n in names if not any(n in types for types in has.values())]
    if unknown:
        listed = "; ".join(f'set "{name}": {", ".join(types)}' for name, types in has.items())
        raise InputError(f'unknown content type "{unknown[0]}"; valid types: all; {listed}')
    owned = ((s, [n for n in names if n in has[s.set_name]]) for s in sets)
    return [replace(s, type=",".join(own)) for s, own in owned if own]
