"""Settings for a run, from (lowest to highest) defaults, a config file, the environment, and
overrides: a command's flags, or the keywords a library caller passes to `load_settings`.

The config file is `tts-assets.toml` in the project folder, or the `[tool.tts-assets]`
table of `pyproject.toml` there, or the file given with `--config`. Its keys are the
long flag names with `_` for `-`, plus the tables `[audio]`, `[languages]`,
`[providers.NAME]` (each provider's typed settings, providers/settings.py) and
`[types.NAME]` (see README). Unknown keys are errors, not typos silently ignored.

`load_settings` is the one way settings are made and checked: the CLI calls it with its
flags, so a library run is validated exactly as a command is.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..audio import AudioSettings
from ..errors import ConfigError, InputError
from ..languages import content_language
from ..models.catalog import Model, custom_models
from ..providers.settings import API_KEY_ENV, ENVIRONMENT, ProviderSettings
from ..store.files import read_regular
from ..store.layout import STAGING_NAME, content_set_id, own_file
from ..tables import (
    BadSetting,
    check_keys,
    control_character,
    key_names,
    not_a_key,
    setting,
    value_of,
)
from . import pronunciations
from .sets import PER_SET_SETTINGS, ContentSet, parse_sets, shares_folders
from .url_prefix import check as check_url_prefix

if TYPE_CHECKING:
    from ..readings import Overrides

DEFAULT_LANG = "ja"
"""The content language when neither --lang nor the config says (`Settings.lang`)."""

CONCURRENCY_ENV = "TTS_ASSETS_CONCURRENCY"
BATCH_MODE_ENV = "TTS_ASSETS_BATCH_MODE"


@dataclass(frozen=True)
class VoiceChoice:
    """A provider and voice for one language (`ja = "kokoro:jf_alpha"`)."""

    provider: str
    voice: str | None
    source: str = field(default="", compare=False)
    """The setting that chose it, for messages (`tts-assets.toml: [languages] zh`)."""


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, already merged from every source.

    Made by `load_settings`, which checks it; a Settings built by hand is checked when a
    run starts (`check`).
    """

    type: str = "all"
    """The content types to make: a name, several as `a,b`, or all."""
    lang: str = DEFAULT_LANG
    """The content language (--lang): the built-in types speak it, and --provider and
    --voice apply to it."""
    provider: str | None = None
    """The provider of the content language; not set: the content language's entry in
    `[languages]`, else kokoro."""
    voice: str | None = None
    """The voice for texts in the content language; not set: the provider's default."""
    speed: float = setting(1.0, low=0.5, high=2.0)
    """Speaking rate, 0.5 to 2.0."""
    slow: float | None = setting(None, low=0.5, high=0.95)
    """Also make a slow clip of each text for learners: its clip time-stretched to this
    tempo (0.5 to 0.95; 0.75 plays in 4/3 the time), pitch kept, by Rubber Band; its URL
    goes beside the first's (a field's `slow_url`, else `slowAudioUrl` for `audioUrl`).
    Not set: none."""
    concurrency: int | None = setting(None, low=1)
    """Clips made at once; not set: each provider's own (a local model's: the physical
    cores; ElevenLabs: its plan's limit)."""
    data_dir: Path = Path("data")
    """The folder of the content JSON files (no control characters in its name)."""
    out_dir: Path = Path("public/audio")
    """Where clips and the manifest are stored; never content: a type reading a file in
    it is refused."""
    temp_dir: Path | None = None
    """Where files are written before they are renamed into place; not set: `.temp-audio`
    inside the out dir, on the out dir's file system, so that the rename putting a clip
    in place is atomic."""
    url_prefix: str = "/audio"
    """The URL of the out dir, written into the JSON: a path (`/audio`) or an http(s) URL
    with its host (`https://cdn.example.com/audio`); any other scheme (`javascript:`,
    `data:`), a URL without its scheme (`//host/audio`), credentials, a bad port or an
    escaped control character is refused."""
    former_url_prefixes: tuple[str, ...] = ()
    """The URL prefixes the out dir had before `url_prefix` (it moved to a CDN): the clip
    URLs tts-assets wrote under them are its own, and move to `url_prefix` on the next run.
    A URL under no prefix the config names is a person's, whatever the manifest says."""
    timeout: float = setting(60.0, above=0)
    """Seconds one piece's synthesis, and one clip's finishing, may take."""
    update_json: bool = True
    """Write the URLs back into the content."""
    webvtt: bool = False
    """Write each clip's word timings beside it as WebVTT (`TYPE/KEY.vtt`), for a `<track>`
    or captions; a clip whose provider reports no timings gets none."""
    batch_mode: bool = not_a_key(default=False)
    """One of several instances an orchestrator runs (TTS_ASSETS_BATCH_MODE): one worker,
    whatever --concurrency says."""
    replace_hand_set_urls: bool = False
    """Replace URLs tts-assets did not make (a person's recording, a CDN link) with the
    clip's URL; by default write-back keeps them, lists them as `kept`, and makes no clip
    for their texts."""
    replace_dead_urls: bool = False
    """Replace a person's URL under the URL prefix that leads to no file (a dead link)
    with a new clip's URL; by default it is kept and verify reports it."""
    device: Literal["auto", "cpu", "cuda"] = "auto"
    """Where Kokoro, Piper and the listening check run: "auto" (CUDA where onnxruntime-gpu
    runs the model and it is not int8, else the CPU), "cpu" or "cuda". Never part of a
    clip's content key; the manifest records it."""
    listen: bool = False
    """Hear each sentence's clip with Whisper base (the `listen` extra): generate records
    what was heard with the clips it makes, verify fails on a clip heard otherwise than
    meant. Clips it cannot judge (words, bare readings, espeak-ng voices) are counted as
    not checked."""
    listen_model: Path = Path("whisper-base")
    """The Whisper model the listening check hears with: `whisper-base` (packaged with the
    `listen` extra), a pulled model's name (`whisper-small`, `whisper-large-v3-turbo`:
    `tts-assets models pull NAME`), or a faster-whisper model folder."""
    audio: AudioSettings = not_a_key(default_factory=AudioSettings)
    """Post-processing and encoding: the `[audio]` table."""
    languages: Mapping[str, VoiceChoice] = not_a_key(default_factory=dict)
    """Which provider and voice speak each language: the `[languages]` table."""
    providers: Mapping[str, ProviderSettings] = not_a_key(default_factory=dict)
    """Each provider's own settings, by registry name; an absent one has its defaults."""
    types: Mapping[str, Any] = not_a_key(default_factory=dict)
    """Raw [types.*] tables; parsed by tts_assets.content.spec."""
    config_file: Path | None = not_a_key(default=None)
    """Where the file settings came from, for error messages."""
    include_fields: tuple[str, ...] = ()
    """Opt-in fields to enable, as TYPE.FIELD (e.g. vocabulary.meaning)."""
    sets: tuple[ContentSet, ...] = not_a_key(default=())
    """The content sets of `[[sets]]`; () for one set, the data dir above. `content_sets`
    gives each its own Settings (sets.py)."""
    set_name: str | None = not_a_key(default=None)
    """The name of the content set these settings are for (None: no `[[sets]]`)."""
    shares_folders: bool = not_a_key(default=False)
    """Whether another content set of the config has this set's data dir and out dir (every
    language in one folder): its `set_id` then carries its name."""
    fellow_sets: Mapping[str, frozenset[str]] = not_a_key(default_factory=dict)
    """The other content sets of the config that share this set's out dir: each one's
    `set_id` and the names of its types. Prune leaves their clips alone without sending
    the user to another configuration, and knows their type folders."""
    pronunciations: Mapping[str, Any] = not_a_key(default_factory=dict)
    """The `[pronunciations]` table: written form = kana reading (or Kokoro phonemes),
    applied wherever the form is spoken (`tts_assets.settings.pronunciations`)."""
    pronunciations_file: Path | None = None
    """A TOML file of more pronunciations (form = reading), relative to the config file;
    `review --apply` adds a rejected clip's corrected reading there."""
    models: Mapping[str, Model] = not_a_key(default_factory=dict)
    """The team's own model files, `[models.NAME]` (url, size, sha256), by name: pulled
    by `tts-assets models pull NAME` and named in settings as catalog models are."""
    origins: Mapping[str, str] = not_a_key(default_factory=dict, compare=False, repr=False)
    """How the user gave each setting that did not keep its default, for messages:
    `--concurrency` (a flag), `tts-assets.toml: concurrency` (a config key), an
    environment variable's name. Filled by `load_settings`."""

    @property
    def pronunciations_path(self) -> Path:
        """The pronunciations file: `pronunciations_file`, relative to the config file's
        folder (default `pronunciations.toml` beside the config file, or in the working
        folder); `review --apply` adds to it."""
        name = self.pronunciations_file or Path(pronunciations.DEFAULT_FILE)
        if name.is_absolute() or self.config_file is None:
            return name
        return self.config_file.parent / name

    @property
    def set_id(self) -> str:
        """The content set's identity in its out dir's manifest (`store.content_set_id`):
        its data dir from its out dir, and its name when it `shares_folders`."""
        name = self.set_name if self.shares_folders else None
        return content_set_id(self.data_dir, self.out_dir, name)

    @property
    def staging(self) -> Path:
        """Where files are written before they are renamed into place (`temp_dir`)."""
        return self.temp_dir if self.temp_dir is not None else self.out_dir / STAGING_NAME


_KEYS = key_names(Settings)
"""The config's own keys (the long flag names with `_` for `-`)."""

_TABLES = ("audio", "languages", "providers", "types", "sets", "pronunciations", "models")
"""The config's tables; its other keys are the fields of Settings made with `setting` or
none (`tables.key_names`)."""


def _key_value(where: str, key: str, given: Any) -> Any:
    """A top-level key's value, of the key's type (ConfigError naming `where` and the key);
    its bounds are checked once every source is merged (`checked`)."""
    try:
        return value_of(Settings, key, given, bounds=False)
    except BadSetting as e:
        raise ConfigError(_where(where, str(e))) from None


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
    return checked(_anchored(settings, root))


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


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        # utf-8-sig: a BOM some Windows editors write is not part of the TOML.
        return tomllib.loads(read_regular(path, 1 << 24).decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML ({e}); fix the file") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror})") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: cannot read ({e})") from None


def _where(source: str, message: str) -> str:
    return f"{source}: {message}" if source else message


def parse_voice_choice(source: str, lang: str, value: Any) -> VoiceChoice:
    """`"kokoro:jf_alpha"` or `"piper"` → VoiceChoice."""
    if isinstance(value, VoiceChoice):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            _where(
                source,
                f'languages.{lang} must be "PROVIDER" or "PROVIDER:VOICE", found {value!r}',
            )
        )
    provider, _, voice = value.partition(":")
    return VoiceChoice(
        provider.strip(), voice.strip() or None, _where(source, f"[languages] {lang}")
    )


def _audio_settings(source: str, table: Any, base: AudioSettings) -> AudioSettings:
    if isinstance(table, AudioSettings):
        return table
    if not isinstance(table, Mapping):
        raise ConfigError(_where(source, "[audio] must be a table"))
    try:
        return base.merged(table)
    except BadSetting as e:
        raise ConfigError(_where(source, e.named("audio."))) from None


def _provider_settings(
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
    for key in kind.secret_keys():
        if from_file and key in table:
            raise ConfigError(
                _where(
                    source,
                    f"providers.{name}.{key} is a secret, and a config file may be committed; "
                    f"remove it and set it in the environment ({API_KEY_ENV} for ElevenLabs)",
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
        merged[name] = _provider_settings(source, name, table, base.get(name), from_file=from_file)
    return merged


def from_table(table: Mapping[str, Any], source: Path | None, base: Settings) -> Settings:
    """Apply a config file's table on top of `base`."""
    where = str(source) if source else "config"
    changes: dict[str, Any] = {"config_file": source}
    origins = dict(base.origins)
    for key, value in table.items():
        if key in _KEYS:
            changes[key] = _key_value(where, key, value)
            origins[key] = f"{where}: {key}"
        elif key == "audio":
            changes["audio"] = _audio_settings(where, value, AudioSettings())
            if isinstance(value, Mapping):
                origins.update({f"audio.{k}": f"{where}: audio.{k}" for k in value})
        elif key == "languages":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [languages] must be a table of LANG = PROVIDER:VOICE")
            changes["languages"] = {
                lang: parse_voice_choice(where, lang, v) for lang, v in value.items()
            }
        elif key == "providers":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(
                    f"{where}: [providers] must hold one table per name ([providers.NAME])"
                )
            changes["providers"] = _providers(where, value, {}, from_file=True)
        elif key == "types":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{where}: [types] must hold one table per name ([types.NAME])")
            changes["types"] = value
        elif key == "sets":
            changes["sets"] = parse_sets(where, value)
        elif key == "pronunciations":
            if not isinstance(value, dict):
                raise ConfigError(f'{where}: [pronunciations] must be a table of FORM = "reading"')
            changes["pronunciations"] = value
        elif key == "models":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [models] must hold one table per name ([models.NAME])")
            changes["models"] = custom_models(value, where)
        else:
            try:
                check_keys({key: value}, sorted([*_KEYS, *_TABLES]))
            except BadSetting as e:
                raise ConfigError(f"{where}: {e}") from None
    return replace(base, **changes, origins=origins)


def from_env(base: Settings, env: Mapping[str, str] | None = None) -> Settings:
    """Apply TTS_ASSETS_* and ELEVENLABS_* variables on top of `base`."""
    env = os.environ if env is None else env
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
    tables: dict[str, dict[str, str]] = {}
    for variable, (provider, key) in ENVIRONMENT.items():
        if value := env.get(variable):
            tables.setdefault(provider, {})[key] = value
    if tables:
        changes["providers"] = _providers("", tables, base.providers, from_file=False)
    return replace(base, **changes)


def with_overrides(
    base: Settings, overrides: Mapping[str, Any], given_as: Mapping[str, str] | None = None
) -> Settings:
    """Apply a caller's overrides (None means not given) on top of `base`; `given_as`:
    how the user gave each (`load_settings`)."""
    given_as = given_as or {}
    changes: dict[str, Any] = {}
    origins = dict(base.origins)
    for key, value in overrides.items():
        if value is None:
            continue
        if key in _KEYS:
            origins[key] = given_as.get(key, key)
            try:
                changes[key] = _key_value("", key, value)
            except ConfigError as e:
                raise ConfigError(_renamed(str(e), key, origins[key])) from None
        elif key == "audio":
            given = value if isinstance(value, Mapping) else {}
            for name in given:
                origins[f"audio.{name}"] = given_as.get(f"audio.{name}", f"audio.{name}")
            try:
                changes["audio"] = _audio_settings("", value, base.audio)
            except ConfigError as e:
                message = str(e)
                for name in given:
                    path = f"audio.{name}"
                    message = _renamed(message, path, origins[path])
                raise ConfigError(message) from None
        elif key == "languages":
            changes["languages"] = {
                **base.languages,
                **{lang: parse_voice_choice("", lang, v) for lang, v in value.items()},
            }
        elif key == "providers":
            changes["providers"] = _providers("", value, base.providers, from_file=False)
        elif key == "types":
            changes["types"] = value
        else:
            raise TypeError(f"load_settings() got an unexpected keyword argument {key!r}")
    return replace(base, **changes, origins=origins)


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


def _said(settings: Settings, path: str, value: Any) -> str:
    """How the user gave setting `path` its `value`, for a message: `--concurrency 0`,
    `tts-assets.toml: concurrency = 0`, `TTS_ASSETS_CONCURRENCY=0`, `concurrency = 0`."""
    origin = settings.origins.get(path, path)
    if origin.startswith("--"):
        return f"{origin} {value}"
    if origin.isupper():  # an environment variable
        return f"{origin}={value}"
    return f"{origin} = {value}"


def _said_key(settings: Settings, key: str) -> str:
    """How the user named setting `key`, for a message: `--url-prefix`,
    `tts-assets.toml: url_prefix`, `url_prefix`."""
    return settings.origins.get(key, key)


def _anchored(settings: Settings, root: Path) -> Settings:
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


def checked(settings: Settings) -> Settings:
    """`settings`, or ConfigError naming the flag or key of a value no run can use.

    Every run checks its settings this way, so a Settings built by hand is held to what
    `load_settings` holds a config file and flags to; a raw `[providers.NAME]` table in
    it becomes that provider's typed settings.
    """
    for key in _KEYS:  # a Settings built by hand: its values as a config file's are
        given = getattr(settings, key)
        try:
            value = value_of(Settings, key, given)
        except BadSetting as e:
            raise ConfigError(f"{_said(settings, key, given)}: use {e.expected}") from None
        if value is not given:
            settings = replace(settings, **{key: value})
    try:
        content_language(settings.lang)
    except ValueError as e:
        raise ConfigError(f"{_said(settings, 'lang', settings.lang)}: {e}") from None
    _audio_settings(str(settings.config_file or ""), settings.audio, AudioSettings())
    check_url_prefix(settings.url_prefix, _said_key(settings, "url_prefix"))
    for former in settings.former_url_prefixes:
        check_url_prefix(former, _said_key(settings, "former_url_prefixes"))
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
    if settings.batch_mode and settings.concurrency != 1:
        settings = replace(settings, concurrency=1)
    where = str(settings.config_file or "")
    typed = {
        name: _provider_settings(where, name, given, None, from_file=False)
        for name, given in settings.providers.items()
    }
    return replace(settings, providers=typed)


def _check_folders(settings: Settings) -> None:
    """The data dir, out dir and staging folder are three different folders."""
    named = {
        "--data-dir": settings.data_dir,
        "--out-dir": settings.out_dir,
        "temp_dir": settings.staging,
    }
    keys = {"--data-dir": "data_dir", "--out-dir": "out_dir", "temp_dir": "temp_dir"}
    for flag, folder in [*named.items(), ("pronunciations_file", settings.pronunciations_file)]:
        found = None if folder is None else control_character(str(folder))
        if found is not None:
            said = _said(settings, keys.get(flag, flag), repr(str(folder)))
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
    each = [_set_settings(settings, s) for s in settings.sets] or [settings]
    outs = {Path(os.path.realpath(s.out_dir)): s.out_dir for s in each}
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
    outs: Mapping[Path, Path],
    readers: dict[Path, tuple[Settings, str]],
    where: str,
) -> None:
    """ConfigError if file `shown` of a type is one of tts-assets' own, lies in an out dir,
    or another set reads it."""
    file = Path(os.path.realpath(shown))
    for real, out_dir in outs.items():
        if file == real or real in file.parents:
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
        raise ConfigError(
            f'{where}: the sets "{other.set_name}" and "{one.set_name}" both read '
            f"{shown} ({_types_named(other_type, type_name)}); each run would write its "
            "own URLs over the other's: give the file to one set (change the type's file "
            f"in the other, or switch it off there: [sets.types.{type_name}] enabled = false)"
        )


def _types_named(a: str, b: str) -> str:
    """`their words types`, or `the words and phrases types`."""
    return f"their {a} types" if a == b else f"the {a} and {b} types"


def pronunciation_overrides(settings: Settings) -> Overrides:
    """The project's pronunciation overrides: its file's, then its `[pronunciations]`."""
    where = str(settings.config_file or "settings")
    return pronunciations.overrides(settings.pronunciations, settings.pronunciations_path, where)


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
    every = {s.name: _set_settings(settings, s) for s in settings.sets}
    return [checked(_with_fellows(every[s.name], every.values())) for s in chosen]


def _with_fellows(one: Settings, every: Iterable[Settings]) -> Settings:
    """`one` (a set's settings) knowing the other sets that share its out dir."""
    from ..content.spec import resolve_types  # the content layer: not for --help

    mine = one.out_dir.resolve()
    fellows = {
        other.set_id: frozenset(resolve_types(other.types, other.config_file, other.lang))
        for other in every
        if other.set_name != one.set_name and other.out_dir.resolve() == mine
    }
    return replace(one, fellow_sets=fellows)


def _set_settings(settings: Settings, s: ContentSet) -> Settings:
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
