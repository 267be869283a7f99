"""Settings for a run, from (lowest to highest) defaults, a config file, the environment, flags.

The config file is `tts-assets.toml` in the working directory, or the `[tool.tts-assets]`
table of `pyproject.toml` there, or the file given with `--config`. Its keys are the
long flag names with `_` for `-`, plus the tables `[audio]`, `[languages]`,
`[providers.NAME]` and `[types.NAME]` (see README). Unknown keys are errors, not typos
silently ignored.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .audio import AudioSettings
from .errors import ConfigError

PRIMARY_LANG = "ja"
"""The language `--provider` / `--voice` apply to; other languages follow [languages]."""


@dataclass(frozen=True)
class VoiceChoice:
    """A provider and voice for one language (`ja = "kokoro:jf_alpha"`)."""

    provider: str
    voice: str | None


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, already merged from every source."""

    type: str = "all"
    provider: str | None = None
    """None: the [languages] mapping for Japanese, else kokoro."""
    voice: str | None = None
    speed: float = 1.0
    concurrency: int | None = None
    """None means the provider's natural concurrency."""
    data_dir: Path = Path("data")
    out_dir: Path = Path("public/audio")
    temp_dir: Path = Path(".temp-audio")
    url_prefix: str = "/audio"
    timeout: float = 60.0
    update_json: bool = True
    audio: AudioSettings = field(default_factory=AudioSettings)
    languages: Mapping[str, VoiceChoice] = field(default_factory=dict)
    providers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    types: Mapping[str, Any] = field(default_factory=dict)
    """Raw [types.*] tables; parsed by tts_assets.content.spec."""
    config_file: Path | None = None
    """Where the file settings came from, for error messages."""
    kokoro_model: Path | None = None
    kokoro_voices: Path | None = None
    api_key: str | None = field(default=None, repr=False)
    base_url: str | None = None
    include_fields: tuple[str, ...] = ()
    """Opt-in fields to enable, as TYPE.FIELD (e.g. vocabulary.meaning)."""


_SCALARS = {
    "type": str,
    "provider": str,
    "voice": str,
    "speed": float,
    "concurrency": int,
    "data_dir": Path,
    "out_dir": Path,
    "temp_dir": Path,
    "url_prefix": str,
    "timeout": float,
    "update_json": bool,
    "kokoro_model": Path,
    "kokoro_voices": Path,
    "base_url": str,
    "include_fields": tuple,
}
_TABLES = ("audio", "languages", "providers", "types")


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
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML ({e}); fix the file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read ({e})") from None


_WANT = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    tuple: "a list of strings",
}


def _coerce(source: str, key: str, value: Any, kind: type) -> Any:
    if kind is bool:
        ok = isinstance(value, bool)
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind is tuple:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, str)
    if not ok:
        raise ConfigError(f"{source}: {key} must be {_WANT.get(kind, 'a string')}, found {value!r}")
    return kind(value)


def parse_voice_choice(source: str, lang: str, value: Any) -> VoiceChoice:
    """`"kokoro:jf_alpha"` or `"piper"` → VoiceChoice."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            f'{source}: languages.{lang} must be "PROVIDER" or "PROVIDER:VOICE", found {value!r}'
        )
    provider, _, voice = value.partition(":")
    return VoiceChoice(provider.strip(), voice.strip() or None)


def _audio_settings(source: str, table: Any) -> AudioSettings:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [audio] must be a table")
    known = {f.name: f.type for f in fields(AudioSettings)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(
                f"{source}: unknown key audio.{key}; valid keys: {', '.join(sorted(known))}"
            )
        default = getattr(AudioSettings(), key)
        values[key] = _coerce(source, f"audio.{key}", value, type(default))
    settings = AudioSettings(**values)
    settings.validate()
    return settings


def from_table(table: Mapping[str, Any], source: Path | None, base: Settings) -> Settings:
    """Apply a config table on top of `base`."""
    where = str(source) if source else "config"
    changes: dict[str, Any] = {"config_file": source}
    for key, value in table.items():
        if key in _SCALARS:
            changes[key] = _coerce(where, key, value, _SCALARS[key])
        elif key == "audio":
            changes["audio"] = _audio_settings(where, value)
        elif key == "languages":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [languages] must be a table of LANG = PROVIDER:VOICE")
            changes["languages"] = {
                lang: parse_voice_choice(where, lang, v) for lang, v in value.items()
            }
        elif key in ("providers", "types"):
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{where}: [{key}] must hold one table per name ([{key}.NAME])")
            changes[key] = value
        else:
            valid = ", ".join(sorted([*_SCALARS, *_TABLES]))
            raise ConfigError(f"{where}: unknown key {key!r}; valid keys: {valid}")
    return replace(base, **changes)


def from_env(base: Settings, env: Mapping[str, str] | None = None) -> Settings:
    """Apply TTS_ASSETS_* and ELEVENLABS_* variables on top of `base`."""
    env = os.environ if env is None else env
    changes: dict[str, Any] = {}
    if raw := env.get("TTS_ASSETS_CONCURRENCY", "").strip():
        if not raw.isdigit() or int(raw) < 1:
            raise ConfigError(f"TTS_ASSETS_CONCURRENCY={raw!r}: must be a whole number ≥ 1")
        changes["concurrency"] = int(raw)
    if env.get("TTS_ASSETS_BATCH_MODE", "").strip() in ("1", "true", "yes"):
        # An outer orchestrator runs several instances: each must use one worker.
        changes["concurrency"] = 1
    if key := env.get("ELEVENLABS_API_KEY"):
        changes["api_key"] = key
    if url := env.get("ELEVENLABS_BASE_URL"):
        changes["base_url"] = url
    return replace(base, **changes)


def check(settings: Settings) -> None:
    """Reject values no run can use, with the flag to change."""
    if settings.concurrency is not None and settings.concurrency < 1:
        raise ConfigError(f"--concurrency {settings.concurrency}: must be at least 1")
    if not 0.5 <= settings.speed <= 2.0:
        raise ConfigError(f"--speed {settings.speed}: must be between 0.5 and 2.0")
    if settings.timeout <= 0:
        raise ConfigError(f"--timeout {settings.timeout}: must be more than 0 seconds")
    settings.audio.validate()
    _check_url_prefix(settings.url_prefix)
    _check_folders(settings)


def _check_url_prefix(prefix: str) -> None:
    # A prefix is a URL, not a path, and nothing is written through it; but `..` in it
    # makes every URL point outside the audio folder, which is never what was meant.
    if any(c.isspace() or not c.isprintable() for c in prefix) or "\\" in prefix:
        raise ConfigError(
            f"--url-prefix {prefix!r}: spaces, control characters and backslashes do not "
            "belong in a URL; use a URL like /audio or https://cdn.example.com/audio"
        )
    path = prefix.split("://", 1)[-1].split("?", 1)[0]
    if any(part in (".", "..") for part in path.split("/")):
        raise ConfigError(
            f'--url-prefix {prefix!r}: "." and ".." segments would point the URLs '
            "somewhere else than the audio folder; give the folder's URL itself, e.g. /audio"
        )


def _check_folders(settings: Settings) -> None:
    """The data dir, out dir and staging folder are three different folders."""
    named = {
        "--data-dir": settings.data_dir,
        "--out-dir": settings.out_dir,
        "temp_dir": settings.temp_dir,
    }
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
