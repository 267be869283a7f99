"""Content sets: several folders of content, each in its own language, made in one run.

A team teaching seven languages keeps one folder per language, and CI regenerates all of
them with one command. The config lists them as `[[sets]]` tables (`ContentSet`: each
key's docstring is the configuration page's); everything else is the top level's,
shared by every set. Each set is a run of its own (lock, manifest, summary, exit code).

Sets may share one out dir, and one data dir too (each reading its own files there); two
sets never read one file (each would write its URLs over the other's):
`checks._check_content_files` refuses it. A set is known in its out dir's manifest by
`store.content_set_id`: its data dir as seen from its out dir, and its name after it when
another set has the same two folders (`shares_folders`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..languages import content_language
from ..tables import BadSetting, Table, bad_value, control_character, not_a_key, setting

PER_SET_SETTINGS = ("data_dir", "out_dir", "url_prefix", "lang")
"""Settings each set gives for itself; with sets, the flags that set them are refused
(they would apply to which set?), except --lang, which is the default of the sets that
do not say."""


@dataclass(frozen=True)
class ContentSet(Table):
    """One folder of content in one language, and where its clips go: a `[[sets]]` table."""

    data_dir: Path = setting()
    """The folder of the set's content JSON files (required)."""
    out_dir: Path = setting()
    """Where its clips and its own manifest go (required)."""
    name: str = ""
    """What --set chooses, and how reports name the set (default: the data dir's folder
    name). Names and folders are printed in logs and CI outputs: a control character
    (newline, carriage return, ESC, a bidi control) in one is refused."""
    url_prefix: str | None = None
    """The URL of its out dir (default: the top-level url_prefix)."""
    former_url_prefixes: tuple[str, ...] | None = None
    """The URL prefixes its out dir had before (default: the top-level
    former_url_prefixes): the clip URLs written under them move to `url_prefix`."""
    lang: str | None = None
    """Its content language (default: the top-level lang, --lang)."""
    provider: str | None = None
    """The provider of its content language, over `[languages]` (default: `[languages]`,
    then the top-level provider)."""
    voice: str | None = None
    """The voice of its content language (default: the provider's, or `[languages]`')."""
    types: Mapping[str, Any] = not_a_key(default_factory=dict)
    """`[sets.types.NAME]`: types this set adds or overrides, over the top level's
    `[types]` (a table given for a type replaces the keys it gives). Two sets never read
    one content file (each would write its URLs over the other's); sets over one data
    dir each read their own files of it."""

    def check(self) -> None:
        for key in ("data_dir", "out_dir"):
            if str(getattr(self, key)).strip() in ("", "."):
                raise bad_value(key, str(getattr(self, key)), "a folder's path")
        if self.url_prefix is not None and not self.url_prefix.strip():
            raise bad_value("url_prefix", self.url_prefix, "a URL such as /audio/ja")
        if self.lang is not None:
            try:
                content_language(self.lang)
            except ValueError as e:
                raise BadSetting("lang", f"{{key}}: {e}") from None
        if not self.name.strip():
            object.__setattr__(self, "name", self.data_dir.name or str(self.data_dir))
        for key in ("name", "data_dir", "out_dir", "url_prefix"):
            value = getattr(self, key)
            found = None if value is None else control_character(str(value))
            if found is not None:
                raise BadSetting(
                    key,
                    f"{{key}} = {str(value)!r}: holds {found}, a control character; a set's "
                    "name and folders are printed in logs and CI outputs, where it would end "
                    "the line or change what follows: rename it",
                )

    def anchored(self, root: Path) -> ContentSet:
        """This set with its relative folders taken from `root`."""
        return replace(self, data_dir=root / self.data_dir, out_dir=root / self.out_dir)


def parse_sets(source: str, value: Any) -> tuple[ContentSet, ...]:
    """The `[[sets]]` of a config file (`value`: a list of tables), checked; ConfigError."""
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise ConfigError(f"{source}: sets must be a list of tables ([[sets]])")
    sets = []
    for n, table in enumerate(value):
        types = one_table_each(table.get("types", {}), f"{source}: sets[{n}].types", "sets.types")
        try:
            found = ContentSet.from_table({k: v for k, v in table.items() if k != "types"})
            sets.append(replace(found, types=types) if types else found)
        except BadSetting as e:
            hint = ""
            if e.key not in ContentSet.table_keys():
                hint = " (everything else is shared by the sets: set it at the top level)"
            raise ConfigError(f"{source}: {e.named(f'sets[{n}].')}{hint}") from None
    _check_distinct(sets, source)
    return tuple(sets)


def one_table_each(value: Any, said: str, table: str) -> dict[str, Any]:
    """`value`, a table holding one table per name (`[table.NAME]`); ConfigError starting
    with `said` otherwise."""
    if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
        raise ConfigError(f"{said} must hold one table per name ([{table}.NAME])")
    return dict(value)


def _check_distinct(sets: Iterable[ContentSet], source: str) -> None:
    """Two sets never share a name. They may share an out dir (the manifest records which
    sets each clip serves, and prune deletes only what its own set alone used; a clip two
    sets need is one file, its content key names it), and a data dir too, each reading
    files of its own there (`checks._check_content_files` refuses a file two sets read)."""
    seen: dict[str, ContentSet] = {}
    for s in sets:
        other = seen.setdefault(s.name, s)
        if other is not s:
            shared = os.path.normpath(s.data_dir) == os.path.normpath(other.data_dir)
            why = " (sets over one data dir are told apart by name)" if shared else ""
            raise ConfigError(
                f'{source}: two sets are named "{s.name}"{why}; give each a name (name = "...")'
            )


def shares_folders(one: ContentSet, sets: Sequence[ContentSet]) -> bool:
    """Whether another of `sets` has `one`'s data dir and out dir: its id then carries its
    name (`content_set_id`), as its folders alone would name both."""
    mine = _folders(one)
    return any(s.name != one.name and _folders(s) == mine for s in sets)


def _folders(s: ContentSet) -> tuple[str, str]:
    return os.path.abspath(s.data_dir), os.path.abspath(s.out_dir)
