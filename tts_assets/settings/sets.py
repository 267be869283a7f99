"""Content sets: several folders of content, each in its own language, made in one run.

A team teaching seven languages keeps one folder per language, and CI regenerates all of
them with one command. The config lists them as `[[sets]]` tables:

    [[sets]]
    data_dir = "content/ja"          # required: the folder of the content JSON files
    out_dir = "public/audio/ja"      # required: its clips and its own manifest
    url_prefix = "/audio/ja"         # default: the top-level url_prefix
    lang = "ja"                      # default: the top-level lang (--lang)
    name = "ja"                      # default: the data dir's folder name; --set NAME

Everything else (provider, voices per language, audio, types) is the top level's and is
shared by every set. Each set is a run of its own, with its own lock, manifest, summary
and exit code; `generate`, `verify` and `prune` go over every set in order (or the one
`--set NAME` chooses), and the command exits with the most serious of their codes.

A set is known by `store.content_set_id(data_dir, out_dir)`: its data dir as seen from
its out dir, the same wherever the project is checked out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..languages import content_language

if TYPE_CHECKING:
    from .config import Settings

SET_KEYS = ("name", "data_dir", "out_dir", "url_prefix", "lang")
"""The keys of a `[[sets]]` table."""

PER_SET_SETTINGS = ("data_dir", "out_dir", "url_prefix", "lang")
"""Settings each set gives for itself; with sets, the flags that set them are refused
(they would apply to which set?), except --lang, which is the default of the sets that
do not say."""

_EXIT_RANK = (0, 1, 3, 2, 130)
"""Exit codes from least to most serious: the code of a command over several sets."""


@dataclass(frozen=True)
class ContentSet:
    """One folder of content in one language, and where its clips go."""

    name: str
    """What --set chooses, and how reports name the set."""
    data_dir: Path
    out_dir: Path
    url_prefix: str | None = None
    """None: the top-level url_prefix."""
    lang: str | None = None
    """None: the top-level content language."""

    @property
    def id(self) -> str:
        """The set's identity: its data dir relative to its out dir (`content_set_id`)."""
        from ..store.manifest import content_set_id  # the store owns the layout; config stays light

        return content_set_id(self.data_dir, self.out_dir)

    def anchored(self, root: Path) -> ContentSet:
        """This set with its relative folders taken from `root`."""
        return replace(self, data_dir=root / self.data_dir, out_dir=root / self.out_dir)


def parse_sets(source: str, value: Any) -> tuple[ContentSet, ...]:
    """The `[[sets]]` of a config file (`value`: a list of tables), checked; ConfigError."""
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise ConfigError(f"{source}: sets must be a list of tables ([[sets]])")
    sets = []
    for n, table in enumerate(value):
        place = f"{source}: sets[{n}]"
        for key in table:
            if key not in SET_KEYS:
                raise ConfigError(
                    f'{place}: unknown key "{key}"; valid keys: {", ".join(SET_KEYS)} '
                    "(everything else is shared by the sets: set it at the top level)"
                )
        for key in ("data_dir", "out_dir"):
            if key not in table:
                raise ConfigError(f'{place}: missing "{key}"; a set needs data_dir and out_dir')
        for key, given in table.items():
            if not isinstance(given, str) or not given.strip():
                raise ConfigError(f"{place}.{key} must be a non-empty string, found {given!r}")
        if "lang" in table:
            try:
                content_language(table["lang"])
            except ValueError as e:
                raise ConfigError(f"{place}.lang: {e}") from None
        data_dir = Path(table["data_dir"])
        sets.append(
            ContentSet(
                name=table.get("name") or data_dir.name or table["data_dir"],
                data_dir=data_dir,
                out_dir=Path(table["out_dir"]),
                url_prefix=table.get("url_prefix"),
                lang=table.get("lang"),
            )
        )
    _check_distinct(sets, source)
    return tuple(sets)


def _check_distinct(sets: Iterable[ContentSet], source: str) -> None:
    """Two sets never share a name, a data dir or an out dir (each has its own manifest)."""
    seen: dict[tuple[str, str], ContentSet] = {}
    for s in sets:
        values = {
            "name": s.name,
            "data_dir": os.path.normpath(s.data_dir),
            "out_dir": os.path.normpath(s.out_dir),
        }
        for what, value in values.items():
            other = seen.setdefault((what, value), s)
            if other is not s:
                fix = "give each a name" if what == "name" else f"give each its own {what}"
                raise ConfigError(
                    f'{source}: the sets "{other.name}" and "{s.name}" have the same {what} '
                    f"({value}); {fix}: each set keeps its own lock and manifest"
                )


def content_sets(settings: Settings, only: str | None = None) -> list[Settings]:
    """The settings of each content set (one per `[[sets]]` table, checked), or of the one
    named `only`; `[settings]` when the config lists no sets (then `only` must be None).

    Raises ConfigError for an unknown set name, listing the names.
    """
    from .config import checked

    if not settings.sets:
        if only is not None:
            raise ConfigError(f"--set {only}: the config lists no content sets ([[sets]])")
        return [settings]
    chosen = [s for s in settings.sets if only is None or s.name == only]
    if not chosen:
        names = ", ".join(s.name for s in settings.sets)
        raise ConfigError(f"--set {only}: no such content set; the sets are: {names}")
    return [
        checked(
            replace(
                settings,
                sets=(),
                data_dir=s.data_dir,
                out_dir=s.out_dir,
                url_prefix=s.url_prefix or settings.url_prefix,
                lang=s.lang or settings.lang,
                set_name=s.name,
            )
        )
        for s in chosen
    ]


def combined_exit_code(codes: Iterable[int]) -> int:
    """The exit code of a command over several sets: the most serious of theirs."""
    return max(codes, key=lambda c: _EXIT_RANK.index(c) if c in _EXIT_RANK else 1, default=0)


def set_label(settings: Settings) -> dict[str, str]:
    """How reports and `--json` name the set a run was for (`set` key)."""
    from ..store.manifest import content_set_id

    return {
        "name": settings.set_name or "",
        "id": content_set_id(settings.data_dir, settings.out_dir),
        "data_dir": str(settings.data_dir),
        "out_dir": str(settings.out_dir),
        "lang": settings.lang,
    }
