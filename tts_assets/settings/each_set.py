"""The settings of each content set (`[[sets]]`): a set's own keys over the top level's,
knowing the other sets that share its out dir, and how reports name the set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .config import Settings
from .sets import ContentSet, shares_folders


def with_fellows(one: Settings, every: Iterable[Settings]) -> Settings:
    """`one` (a set's settings) knowing the other sets that share its out dir."""
    from ..content.spec import resolve_types  # the content layer: not for --help

    mine = one.out_dir.resolve()
    fellows = {
        other.set_id: frozenset(resolve_types(other.types, other.config_file, other.lang))
        for other in every
        if other.set_name != one.set_name and other.out_dir.resolve() == mine
    }
    return replace(one, fellow_sets=fellows)


def set_settings(settings: Settings, s: ContentSet) -> Settings:
    """The settings of content set `s`: its own keys over the top level's; a flag's
    provider or voice still wins (flags apply to every set)."""
    where = str(settings.config_file or "config")
    changes: dict[str, Any] = {}
    origins = dict(settings.origins)
    for key in ("provider", "voice"):
        own = getattr(s, key)
        if own is not None and not settings.origins.get(key, "").startswith("--"):
            changes[key] = own
            origins[key] = f"{where}: sets.{s.name}.{key}"
    types = dict(settings.types)
    for name, table in s.types.items():
        types[name] = {**types.get(name, {}), **table}
    return replace(
        settings,
        sets=(),
        shares_folders=shares_folders(s, settings.sets),
        data_dir=s.data_dir,
        out_dir=s.out_dir,
        url_prefix=s.url_prefix or settings.url_prefix,
        former_url_prefixes=(
            settings.former_url_prefixes if s.former_url_prefixes is None else s.former_url_prefixes
        ),
        lang=s.lang or settings.lang,
        set_name=s.name,
        types=types,
        origins=origins,
        **changes,
    )


def set_label(settings: Settings) -> dict[str, str]:
    """How reports and `--json` name the set a run was for (`set` key)."""
    return {
        "name": settings.set_name or "",
        "id": settings.set_id,
        "data_dir": str(settings.data_dir),
        "out_dir": str(settings.out_dir),
        "lang": settings.lang,
    }
