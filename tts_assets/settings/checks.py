"""What every run holds its settings to (`checked`), however they were made: values no run
can use, three folders that must differ, content files two sets or an out dir would share,
the pronunciation overrides, each provider's table made its typed settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ..audio import AudioSettings
from ..content.tempi import shown as shown_tempi
from ..content.tempi import tempi_refused
from ..errors import ConfigError
from ..languages import content_language
from ..store.layout import own_file
from ..tables import BadSetting, brief, control_character, value_of
from .config import Settings, pronunciation_overrides
from .each_set import set_settings
from .sources import KEYS, audio_settings, provider_settings, said_as, said_key
from .url_prefix import check as check_url_prefix


def checked(settings: Settings) -> Settings:
    """`settings`, or ConfigError naming the flag or key of a value no run can use.

    Every run checks its settings this way, so a Settings built by hand is held to what
    `load_settings` holds a config file and flags to; a raw `[providers.NAME]` table in
    it becomes that provider's typed settings.
    """
    for key in KEYS:  # a Settings built by hand: its values as a config file's are
        given = getattr(settings, key)
        try:
            value = value_of(Settings, key, given)
        except BadSetting as e:
            shown_as = said_as(settings, key, brief(given) if isinstance(given, tuple) else given)
            raise ConfigError(f"{shown_as}: use {e.expected}") from None
        if value is not given:
            settings = replace(settings, **{key: value})
    why = tempi_refused(settings.slow) if settings.slow is not None else ""
    if why:  # no tempo of a twin, or no ladder of them
        raise ConfigError(f"{said_as(settings, 'slow', shown_tempi(settings.slow))}: {why}")
    try:
        content_language(settings.lang)
    except ValueError as e:
        raise ConfigError(f"{said_as(settings, 'lang', settings.lang)}: {e}") from None
    audio_settings(str(settings.config_file or ""), settings.audio, AudioSettings())
    check_url_prefix(settings.url_prefix, said_key(settings, "url_prefix"))
    for former in settings.former_url_prefixes:
        check_url_prefix(former, said_key(settings, "former_url_prefixes"))
    _check_folders(settings)
    for s in settings.sets:
        key = f"{settings.config_file}: sets.{s.name}"
        if s.url_prefix is not None:
            check_url_prefix(s.url_prefix, f"{key}.url_prefix")
        for former in s.former_url_prefixes or ():
            check_url_prefix(former, f"{key}.former_url_prefixes")
    _check_content_files(settings)
    if settings.pronunciations or settings.pronunciations_file is not None:
        pronunciation_overrides(settings)  # ConfigError naming the file and the form
    where = str(settings.config_file or "")
    typed = {
        name: provider_settings(where, name, given, None, from_file=False)
        for name, given in settings.providers.items()
    }
    concurrency = 1 if settings.batch_mode else settings.concurrency
    return replace(settings, providers=typed, concurrency=concurrency)


def _check_folders(settings: Settings) -> None:
    """The data dir, out dir and staging folder are three different folders."""
    staging = settings.staging
    named = {"--data-dir": settings.data_dir, "--out-dir": settings.out_dir, "temp_dir": staging}
    for key in ("data_dir", "out_dir", "temp_dir", "pronunciations_file"):
        folder = staging if key == "temp_dir" else getattr(settings, key)
        found = None if folder is None else control_character(str(folder))
        if found is not None:
            said = said_as(settings, key, repr(str(folder)))
            raise ConfigError(
                f"{said}: holds {found}, a control character; folders are printed in logs "
                "and CI outputs, where it would end the line or change what follows: "
                "rename the folder"
            )
    seen: dict[Path, str] = {}
    for flag, folder in named.items():
        real = folder.resolve()
        if real in seen:
            raise ConfigError(
                f"{flag} {folder} is the same folder as {seen[real]}; the data files, "
                "the clips and the staging folder each need their own (e.g. --out-dir "
                "public/audio)"
            )
        seen[real] = f"{flag} {folder}"


def _check_content_files(settings: Settings) -> None:
    """No content file is read by two sets, nor lies in an out dir (ConfigError); the
    types themselves are checked on the way, as a run checks them.

    Two sets reading one file (a `[sets.types.NAME] path`, or a top-level type's `path`
    every set reads) would each write their own URLs into it, taking turns for ever; a
    file in an out dir (its manifest, a clip) is the tool's own output, never content.
    """
    from ..content.spec import resolve_types  # the content layer: not for --help

    where = str(settings.config_file or "config")
    each = [set_settings(settings, s) for s in settings.sets] or [settings]
    outs = {os.path.normcase(os.path.realpath(s.out_dir)): s.out_dir for s in each}
    readers: dict[Path, tuple[Settings, str]] = {}
    for one in each:
        for spec in resolve_types(one.types, one.config_file, one.lang).values():
            named = f"the {spec.name} type" + (
                f' of the set "{one.set_name}"' if one.set_name else ""
            )
            # A pattern's own path too: one that would match inside an out dir is refused
            # before any file it matches exists.
            paths = [spec.location(one.data_dir), *spec.locations(one.data_dir)]
            for shown in dict.fromkeys(paths):
                _check_content_file(shown, named, spec.name, one, outs, readers, where)


def _check_content_file(
    shown: Path,
    named: str,
    type_name: str,
    one: Settings,
    outs: Mapping[str, Path],
    readers: dict[Path, tuple[Settings, str]],
    where: str,
) -> None:
    """ConfigError if file `shown` of a type is one of tts-assets' own, lies in an out dir
    (`outs`: each resolved, in `os.path.normcase`'s case), or another set reads it."""
    found = os.path.realpath(shown)
    file = Path(found)
    for real, out_dir in outs.items():
        if inside(os.path.normcase(found), real):
            raise ConfigError(
                f"{where}: {named} reads {shown}, inside the out dir "
                f"{out_dir}; the out dir holds the clips and their manifest, never "
                "content: give the type a file outside it"
            )
    own = own_file(shown)
    if own is not None:
        raise ConfigError(
            f"{where}: {named} reads {shown}; {shown.name} is tts-assets' own file ({own}), "
            "never content: give the type another file"
        )
    other, other_type = readers.setdefault(file, (one, type_name))
    if other.set_name != one.set_name:
        both = (
            f"their {type_name}" if other_type == type_name else f"the {other_type} and {type_name}"
        )
        raise ConfigError(
            f'{where}: the sets "{other.set_name}" and "{one.set_name}" both read '
            f"{shown} ({both} types); each run would write its "
            "own URLs over the other's: give the file to one set (change the type's file "
            f"in the other, or switch it off there: [sets.types.{type_name}] enabled = false)"
        )


def inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies in it: both resolved and in `os.path.normcase`'s
    case, as pathlib compares them (`Path(folder) in Path(path).parents`), without making
    a path of each parent."""
    return path == folder or path.startswith(os.path.join(folder, ""))
