"""The command-line flags that make settings: one definition each, shared by the commands.

Every flag that changes what a run plans or how it sounds is declared once in `FLAGS`,
with the setting it sets (`speed`, `audio.format`, `providers.kokoro.model`). A command
takes the ones it needs with `settings_flags`, and gets them back as one `SettingsFlags`
argument whose `settings()` is `load_settings` with those flags as overrides, so a
command's settings are made and checked exactly as a library caller's:

    @app.command()
    @settings_flags(*CONTENT_FLAGS)
    def readings(flags: SettingsFlags, json_output: JsonOpt = False) -> None:
        settings = flags.settings()

Only the CLI imports this module (it imports typer).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from ..languages import LANGUAGES
from ..providers import registry
from ..settings.config import DEFAULT_LANG, Settings
from ..settings.load import load_settings

SOURCE = ""
"""The `setting` of the flag that names the config file (the source, not a setting)."""


@dataclass(frozen=True)
class SettingFlag:
    """One settings flag: its option, the setting it sets, and how its value maps there."""

    name: str
    """The command parameter (--name with `-` for `_`, unless `decls` says otherwise)."""
    setting: str
    """Where its value goes: a Settings field, `audio.KEY` or `providers.NAME.KEY`."""
    kind: Any
    """The value's type; a flag not given is None."""
    help: str
    """The help line."""
    decls: tuple[str, ...] = ()
    """The option's names, when not --name."""
    default: Any = None
    """The parameter's default; None means "not given" and sets nothing."""
    to_setting: Callable[[Any], Any] = field(default=lambda value: value)
    """The setting's value for a flag value (None: leave the setting alone)."""

    @property
    def option(self) -> Any:
        """The parameter's annotation for typer: its type and its typer.Option."""
        kind = self.kind if self.default is not None else self.kind | None
        return cast(Any, Annotated)[kind, typer.Option(*self.decls, help=self.help)]


_TYPES = "vocabulary, grammar, kanji, reading, all, or a configured type."
_PROVIDERS = (
    "Provider of the content language: "
    + ", ".join(
        f"{name} (default)" if name == registry.DEFAULT_PROVIDER else name
        for name in registry.BUILT_IN
    )
    + ", or an installed plugin's."
)
_LANG = (
    "Content language: "
    + ", ".join(f"{code} (default)" if code == DEFAULT_LANG else code for code in LANGUAGES)
    + "."
)
_INCLUDE = "Enable an opt-in field, as TYPE.FIELD (e.g. vocabulary.meaning)."
_CONFIG = "Config file (default tts-assets.toml or pyproject.toml)."
_CONCURRENCY = "Clips made at once [auto: physical cores for a local model]."
_NO_UPDATE = "Make clips but leave the JSON files as they are."
_REPLACE_HAND_SET = "Replace URLs tts-assets did not make (kept by default)."
_REPLACE_DEAD = "Replace a kept URL under the URL prefix that leads to no file with a new clip's."
_LISTEN = (
    "Hear the sentences' clips with Whisper base and flag those heard otherwise (the listen extra)."
)


def _switch(
    name: str,
    setting: str,
    help: str,
    to_setting: Callable[[bool], bool | None] = lambda on: on or None,
) -> SettingFlag:
    """A flag that is given or not (`--listen`; no `--no-listen`)."""
    return SettingFlag(
        name, setting, bool, help, (f"--{name.replace('_', '-')}",), False, to_setting
    )


_CONTENT = (
    SettingFlag("type", "type", str, _TYPES, ("--type", "-t")),
    SettingFlag("lang", "lang", str, _LANG),
    SettingFlag("provider", "provider", str, _PROVIDERS),
    SettingFlag("voice", "voice", str, "Voice for texts in the content language."),
    SettingFlag("speed", "speed", float, "Speaking rate, 0.5 to 2.0 [1.0]."),
    SettingFlag(
        "slow",
        "slow",
        float,
        "Also a slow clip per text at this tempo, 0.5 to 0.95 (1.1 to 1.5: faster) [off].",
    ),
    SettingFlag("format", "audio.format", str, "mp3 (default), ogg or wav.", ("--format",)),
    SettingFlag("bitrate", "audio.bitrate_kbps", int, "MP3 bit rate in kbps [64]."),
    SettingFlag("data_dir", "data_dir", Path, "Folder of the content JSON files [data]."),
    SettingFlag("out_dir", "out_dir", Path, "Where clips are stored [public/audio]."),
    SettingFlag("url_prefix", "url_prefix", str, "URL of the out dir [/audio]."),
    SettingFlag(
        "include",
        "include_fields",
        list[str],
        _INCLUDE,
        to_setting=lambda given: tuple(given or ()) or None,
    ),
    SettingFlag("kokoro_model", "providers.kokoro.model", Path, "Another Kokoro .onnx model."),
    SettingFlag("kokoro_voices", "providers.kokoro.voices", Path, "Another Kokoro voices file."),
    SettingFlag("config_file", SOURCE, Path, _CONFIG, ("--config",)),
)
_RUN = (
    SettingFlag("concurrency", "concurrency", int, _CONCURRENCY),
    SettingFlag("timeout", "timeout", float, "Seconds one clip may take [60]."),
    _switch("no_update_json", "update_json", _NO_UPDATE, lambda on: False if on else None),
    _switch("replace_hand_set_urls", "replace_hand_set_urls", _REPLACE_HAND_SET),
    _switch("replace_dead_urls", "replace_dead_urls", _REPLACE_DEAD),
    SettingFlag(
        "api_key",
        "providers.elevenlabs.api_key",
        str,
        "ElevenLabs API key [env ELEVENLABS_API_KEY].",
    ),
)
FLAGS: dict[str, SettingFlag] = {
    flag.name: flag
    for flag in (
        *_CONTENT,
        *_RUN,
        SettingFlag("device", "device", str, "Where models run: auto (default), cpu or cuda."),
        _switch("listen", "listen", _LISTEN),
    )
}

CONTENT_FLAGS = tuple(flag.name for flag in _CONTENT)
"""What a command plans and how it sounds: every command that plans content takes these."""
RUN_FLAGS = tuple(flag.name for flag in _RUN)
"""How a run makes clips: the commands that synthesize take these too."""


@dataclass(frozen=True)
class SettingsFlags:
    """The settings flags a command was given, by parameter name."""

    given: Mapping[str, Any]

    def settings(self) -> Settings:
        """The settings these flags give over the config file and environment (checked):
        each flag's setting as a `load_settings` keyword (`audio.format` → audio={...}),
        and named as the user typed it (`audio.bitrate_kbps` → `--bitrate`) in messages."""
        tables: dict[str, Any] = {}
        typed: dict[str, str] = {}
        for name, value in self.given.items():
            flag = FLAGS[name]
            setting = flag.to_setting(value)
            if flag.setting == SOURCE or setting is None:
                continue
            typed[flag.setting] = flag.decls[0] if flag.decls else f"--{name.replace('_', '-')}"
            *path, key = flag.setting.split(".")
            table = tables
            for step in path:
                table = table.setdefault(step, {})
            table[key] = setting
        return load_settings(".", self.given.get("config_file"), given_as=typed, **tables)


def settings_flags(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Add the flags `names` to a command, which receives them as `flags: SettingsFlags`."""
    shared = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=FLAGS[name].default,
            annotation=FLAGS[name].option,
        )
        for name in names
    ]

    def add(command: Callable[..., None]) -> Callable[..., None]:
        own = inspect.signature(command, eval_str=True)
        rest = [p for p in own.parameters.values() if p.name != "flags"]

        @functools.wraps(command)
        def run(**kwargs: Any) -> None:
            given = {name: kwargs.pop(name) for name in names}
            command(SettingsFlags(given), **kwargs)

        params = [*shared, *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in rest)]
        run.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        return run

    return add
