"""Where settings come from, lowest to highest: defaults, a config file, the environment,
and overrides (a command's flags, or a library caller's keywords), merged into one
`Settings` (`load_settings`, which has them checked: `checks.checked`).

The config file is `tts-assets.toml` in the project folder, or the `[tool.tts-assets]`
table of `pyproject.toml` there, or the file given with `--config`. Its keys are the
long flag names with `_` for `-`, plus the tables `[audio]`, `[languages]`,
`[providers.NAME]` (each provider's typed settings, providers/settings.py) and
`[types.NAME]`. Unknown keys are errors, not typos silently ignored.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..audio import AudioSettings
from ..content.dialogue import speakers_of
from ..content.item import excerpt
from ..content.places import SpecError
from ..content.rotation import ROTATE, VoicesError, check_mode, voice_list
from ..content.selector import kind_of
from ..content.tempi import tempi_of
from ..errors import ConfigError, InputError
from ..languages import LANGUAGES, language
from ..models.catalog import custom_models
from ..providers.settings import ProviderSettings, env_prefix
from ..store.files import read_regular
from ..tables import BadSetting, check_keys, key_names, value_of
from .config import BATCH_MODE_ENV, CONCURRENCY_ENV, Settings, VoiceChoice
from .sets import one_table_each, parse_sets

KEYS = key_names(Settings)
"""The config's own keys (the long flag names with `_` for `-`)."""


def find_config(cwd: Path, explicit: Path | None) -> tuple[Path | None, Mapping[str, Any]]:
    """The config file in force and its table ({} when there is none)."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"--config {explicit}: no such file")
        table = _read_toml(explicit)
        if explicit.name == "pyproject.toml":
            table = table.get("tool", {}).get("tts-assets", {})
        return explicit, table
    own = cwd / "tts-assets.toml"
    if own.is_file():
        return own, _read_toml(own)
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("tts-assets")
        if isinstance(table, dict):
            return pyproject, table
    return None, {}


def _read_toml(path: Path) -> Mapping[str, Any]:
    try:
        return _parsed_toml(read_regular(path, 1 << 24))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML ({e}); fix the file") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror})") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: cannot read ({e})") from None


@functools.lru_cache(maxsize=16)
def _parsed_toml(data: bytes) -> Mapping[str, Any]:
    """The TOML file holding `data`, parsed once for the same bytes (a run reads its config
    at each load of its settings), shared by its readers: none changes it. What cannot be
    parsed raises each time."""
    # utf-8-sig: a BOM some Windows editors write is not part of the TOML.
    return tomllib.loads(data.decode("utf-8-sig"))


def _where(source: str, message: str) -> str:
    return f"{source}: {message}" if source else message


def _table_voice(where: str, lang: str, table: Mapping[str, Any]) -> VoiceChoice | None:
    """The voice or voices of a `[languages.xx]` table: `voice` (one, or a list of
    `"PROVIDER:VOICE"` of one provider: its voices in rotation, `content.rotation`), or
    `voices` (a list), with its `mode`; None when it names none (`slow` alone)."""
    named = _where(where, f"[languages] {lang}")
    if "voice" in table and "voices" in table:
        raise ConfigError(f"{named}: voice and voices both given; give one of them")
    key = "voices" if "voices" in table else "voice"
    if key not in table:
        if "mode" in table:
            raise ConfigError(f'{named}: mode without voices; give voice = ["PROVIDER:VOICE", ...]')
        return None
    given = table[key]
    if key == "voice" and "mode" not in table and not isinstance(given, list):
        if isinstance(given, VoiceChoice):  # a caller's
            return given
        if not isinstance(given, str) or not given.strip():  # "kokoro:jf_alpha", "piper"
            raise ConfigError(
                _where(
                    where,
                    f'languages.{lang} must be "PROVIDER" or "PROVIDER:VOICE", or a list of '
                    f'"PROVIDER:VOICE" to rotate, found {given!r}',
                )
            )
        provider, _, voice = given.partition(":")
        return VoiceChoice(provider.strip(), voice.strip() or None, named)
    try:
        mode = check_mode(table.get("mode", ROTATE))
    except VoicesError as e:
        raise ConfigError(f"{named}: mode: {e}") from None
    if not isinstance(given, list):
        found = kind_of(given)
        raise ConfigError(f'{named}: {key}: expected a list of "PROVIDER:VOICE", found {found}')
    return _rotation(named, given, mode)


def _rotation(named: str, value: list[Any], mode: str = ROTATE) -> VoiceChoice:
    """The voices in rotation a `[languages]` list names (`named`: where, for messages)."""
    try:
        given = voice_list(value)
    except VoicesError as e:
        raise ConfigError(f"{named}: {e}") from None
    pairs = [item.partition(":") for item in given]
    for item, (provider, colon, voice) in zip(given, pairs, strict=True):
        if not colon or not provider.strip() or not voice.strip():
            raise ConfigError(
                f'{named}: "{item}" names no voice; each voice of a list is "PROVIDER:VOICE" '
                '("kokoro:jf_nezumi")'
            )
    providers = list(dict.fromkeys(p.strip() for p, _, _ in pairs))
    if len(providers) > 1:
        raise ConfigError(
            f"{named}: the voices of one list are one provider's, found {' and '.join(providers)}; "
            "keep one provider's voices (each provider its own content set)"
        )
    voices = voice_list([v.strip() for _, _, v in pairs])
    if len(voices) == 1 and mode == ROTATE:  # a list of one is that voice: its keys kept
        return VoiceChoice(providers[0], voices[0], named)
    return VoiceChoice(providers[0], None, named, voices, mode)


def audio_settings(source: str, table: Any, base: AudioSettings) -> AudioSettings:
    if isinstance(table, AudioSettings):
        return table
    if not isinstance(table, Mapping):
        raise ConfigError(_where(source, "[audio] must be a table"))
    try:
        return base.merged(table)
    except BadSetting as e:
        raise ConfigError(_where(source, e.named("audio."))) from None


def provider_settings(
    source: str, name: str, table: Any, base: ProviderSettings | None, *, from_file: bool
) -> ProviderSettings:
    """`[providers.NAME]` as that provider's typed settings, over `base` when given."""
    from ..providers import registry  # provider classes: not for `tts-assets --help`

    try:
        kind = registry.get(name).settings_type
    except InputError as e:
        raise ConfigError(_where(source, f"[providers.{name}]: {e}")) from None
    if isinstance(table, ProviderSettings):
        if not isinstance(table, kind):
            raise ConfigError(
                _where(source, f"providers.{name}: expected {kind.__name__}, not {table!r}")
            )
        return table
    if not isinstance(table, Mapping):
        raise ConfigError(_where(source, f"[providers.{name}] must be a table"))
    variables = {key: variable for variable, key in kind.environment().items()}
    for key in kind.secret_keys():
        if from_file and key in table:
            where = f" ({variables[key]})" if key in variables else ""
            raise ConfigError(
                _where(
                    source,
                    f"providers.{name}.{key} is a secret, and a config file may be committed; "
                    f"remove it and set it in the environment{where}",
                )
            )
    try:
        return base.merged(table) if base is not None else kind.from_table(table)
    except BadSetting as e:
        raise ConfigError(_where(source, e.named(f"providers.{name}."))) from None


def _providers(
    source: str, tables: Any, base: Mapping[str, ProviderSettings], *, from_file: bool
) -> dict[str, ProviderSettings]:
    if not isinstance(tables, Mapping):
        raise ConfigError(_where(source, "[providers] must hold one table per name"))
    merged = dict(base)
    for name, table in tables.items():
        merged[name] = provider_settings(source, name, table, base.get(name), from_file=from_file)
    return merged


def from_table(table: Mapping[str, Any], source: Path | None, base: Settings) -> Settings:
    """Apply a config file's table on top of `base`."""
    return _applied(base, table, str(source) if source else "config", {}, config_file=source)


def with_overrides(
    base: Settings, overrides: Mapping[str, Any], given_as: Mapping[str, str] | None = None
) -> Settings:
    """Apply a caller's overrides (None means not given) on top of `base`; `given_as`:
    how the user gave each (`load_settings`)."""
    given = {key: value for key, value in overrides.items() if value is not None}
    for key in given:
        if key not in (*KEYS, "audio", "languages", "providers", "types"):
            raise TypeError(f"load_settings() got an unexpected keyword argument {key!r}")
    return _applied(base, given, "", given_as or {})


def _applied(
    base: Settings,
    table: Mapping[str, Any],
    where: str,
    given_as: Mapping[str, str],
    **changes: Any,
) -> Settings:
    """`base` with each key of `table` read over it: a config file's (`where` names it) or
    a caller's (""); a message about a key names it as the user gave it (`given_as`)."""
    origins = dict(base.origins)
    for key, value in table.items():
        paths = [key] if key in KEYS else []
        if key == "audio" and isinstance(value, Mapping):
            paths = [f"audio.{name}" for name in value]
        origins.update({path: given_as.get(path, _where(where, path)) for path in paths})
        try:
            changes.update(_read(key, value, where, base))
        except ConfigError as e:
            message = str(e)
            for path in paths:
                if path in given_as:
                    message = _renamed(message, path, given_as[path])
            raise ConfigError(message) from None
    return replace(base, **changes, origins=origins)


def _read(key: str, value: Any, where: str, base: Settings) -> dict[str, Any]:
    """The settings key `key` of a config file (`where`) or a caller ("") gives over `base`."""
    if key in KEYS:  # of the key's type; its bounds once every source is merged (`checked`)
        try:
            return {key: value_of(Settings, key, value, bounds=False)}
        except BadSetting as e:
            raise ConfigError(_where(where, str(e))) from None
    if key == "audio":
        return {key: audio_settings(where, value, base.audio)}
    if key == "languages":
        return _languages(where, value, base)
    if key == "providers":
        if where:  # a file's: one table each, and no secret in them
            value = one_table_each(value, f"{where}: [providers]", "providers")
        return {key: _providers(where, value, base.providers, from_file=bool(where))}
    if key in _READ_TABLE:
        return {key: _READ_TABLE[key](where, value)}
    try:
        check_keys({key: value}, sorted([*KEYS, "audio", "languages", "providers", *_READ_TABLE]))
    except BadSetting as e:
        raise ConfigError(f"{where}: {e}") from None
    return {}


_LANGUAGE_KEYS = ["voice", "voices", "mode", "slow", "speakers"]
"""The keys of a `[languages.xx]` table (`_languages`)."""


def _languages(where: str, value: Any, base: Settings) -> dict[str, Any]:
    """The settings a `[languages]` table gives over `base`'s, read once: each language's
    voice or voices (`xx = "PROVIDER:VOICE"` or a list of them, or `voice` or `voices`
    with its `mode` in a `[languages.xx]` table: `_table_voice`), the tempi of its twins
    (`slow`) and its dialogues' speakers (`speakers`, speaker = voice); ConfigError naming
    the key at fault."""
    if not isinstance(value, Mapping):
        raise ConfigError(_where(where, "[languages] must be a table of LANG = PROVIDER:VOICE"))
    voices: dict[str, VoiceChoice] = {}
    slow: dict[str, float | tuple[float, ...]] = {}
    speakers: dict[str, tuple[tuple[str, str], ...]] = {}
    for lang, given in value.items():
        if language(lang) is None:  # a misspelt one (jp) was taken in silence, never used
            raise ConfigError(
                f"{_where(where, '[languages]')} {excerpt(lang, 40)}: not a language "
                f"tts-assets voices; use one of {', '.join(LANGUAGES)}"
            )
        if not isinstance(given, Mapping):
            given = {"voice": given}  # `xx = "PROVIDER:VOICE"` (or a list): its voice
        try:
            check_keys(given, _LANGUAGE_KEYS)
        except BadSetting as e:
            raise ConfigError(f"{_where(where, f'languages.{lang}')}: {e}") from None
        choice = _table_voice(where, lang, given)
        if choice is not None:
            voices[lang] = choice
        if "slow" in given:
            slow[lang] = tempi_of(given["slow"], _where(where, f"languages.{lang}.slow"))
        if "speakers" in given:
            try:
                speakers[lang] = speakers_of(given["speakers"])
            except SpecError as e:
                raise ConfigError(f"{_where(where, f'languages.{lang}.{e.key}')}: {e}") from None
    return {
        "languages": {**base.languages, **voices},
        "language_slow": {**base.language_slow, **slow},
        "language_speakers": {**base.language_speakers, **speakers},
    }


def _pronunciations_table(where: str, value: Any) -> Any:
    """The [pronunciations] table as written (read into overrides where it is used)."""
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: [pronunciations] must be a table of FORM = "reading"')
    return value


def _models_table(where: str, value: Any) -> Any:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [models] must hold one table per name ([models.NAME])")
    return custom_models(value, where)


_READ_TABLE: dict[str, Callable[[str, Any], Any]] = {
    "types": lambda where, value: one_table_each(value, _where(where, "[types]"), "types"),
    "sets": parse_sets,
    "pronunciations": _pronunciations_table,
    "models": _models_table,
}
"""The config's tables `_read` reads as they are, each with how it is read and checked:
(where, value) → the Settings field's value, or ConfigError."""


def from_env(base: Settings) -> Settings:
    """Apply TTS_ASSETS_* variables and those a provider declares (ELEVENLABS_API_KEY) on
    top of `base`."""
    env = os.environ
    changes: dict[str, Any] = {}
    if raw := env.get(CONCURRENCY_ENV, "").strip():
        if not raw.isdigit() or int(raw) < 1:
            raise ConfigError(f"{CONCURRENCY_ENV}={raw!r}: must be a whole number ≥ 1")
        changes["concurrency"] = int(raw)
        changes["origins"] = {**base.origins, "concurrency": CONCURRENCY_ENV}
    if raw := env.get(BATCH_MODE_ENV, "").strip():
        # An outer orchestrator runs several instances: each must use one worker.
        if raw.lower() in ("1", "true", "yes", "on"):
            changes["batch_mode"] = True
        elif raw.lower() not in ("0", "false", "no", "off"):
            raise ConfigError(
                f"{BATCH_MODE_ENV}={raw!r}: use 1, true, yes or on (or 0, false, no, off)"
            )
    tables = provider_environment(env)
    if tables:
        changes["providers"] = _providers("", tables, base.providers, from_file=False)
    return replace(base, **changes)


def provider_environment(env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The provider settings the environment sets: provider → {key: value}. Each provider
    declares its variables (`setting(env=...)`); only a provider whose prefix
    (`ELEVENLABS_`) some variable carries is imported to read them."""
    from ..providers import registry  # provider classes: only when a variable is theirs

    tables: dict[str, dict[str, str]] = {}
    prefixes = {name: env_prefix(name) for name in registry.names()}
    # The variables that carry some provider's prefix, found in one pass over the
    # environment (not one a provider: a shell's environment holds a hundred or more).
    every = tuple(prefixes.values())
    carried = [variable for variable in env if variable.startswith(every)]
    for name, prefix in prefixes.items():
        if not any(variable.startswith(prefix) for variable in carried):
            continue
        try:
            declared = registry.get(name).settings_type.environment()
        except InputError:
            continue  # a broken plugin is reported where it is used, not here
        for variable, key in declared.items():
            if value := env.get(variable):
                tables.setdefault(name, {})[key] = value
    return tables


def _renamed(message: str, path: str, name: str) -> str:
    """`message` about setting `path` naming it as the user gave it (`name`): a flag as
    `--bitrate 500`, anything else as `name = 500`."""
    if name == path:
        return message
    if name.startswith("--"):
        for said in (f"{path} = ", f"{path} "):
            if said in message:
                return message.replace(said, f"{name} ", 1)
    return message.replace(path, name, 1)


def said_as(settings: Settings, path: str, value: Any) -> str:
    """How the user gave setting `path` its `value`, for a message: `--concurrency 0`,
    `tts-assets.toml: concurrency = 0`, `TTS_ASSETS_CONCURRENCY=0`, `concurrency = 0`."""
    origin = settings.origins.get(path, path)
    if origin.startswith("--"):
        return f"{origin} {value}"
    if origin.isupper():  # an environment variable
        return f"{origin}={value}"
    return f"{origin} = {value}"


def said_key(settings: Settings, key: str) -> str:
    """How the user named setting `key`, for a message: `--url-prefix`,
    `tts-assets.toml: url_prefix`, `url_prefix`."""
    return settings.origins.get(key, key)


def anchored(settings: Settings, root: Path) -> Settings:
    """`settings` with its relative paths taken from `root` (unchanged for ".")."""
    if root == Path("."):
        return settings
    return replace(
        settings,
        data_dir=root / settings.data_dir,
        out_dir=root / settings.out_dir,
        temp_dir=None if settings.temp_dir is None else root / settings.temp_dir,
        listen_model=root / settings.listen_model,
        providers={name: s.anchored(root) for name, s in settings.providers.items()},
        sets=tuple(s.anchored(root) for s in settings.sets),
    )
