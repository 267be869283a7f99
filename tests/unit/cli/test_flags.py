"""Every settings flag is defined once (tts_assets/cli/flags.py) and reaches its setting.

Each command's options are either settings flags, mapped in `FLAGS` to the setting they
set, or one of the few options that steer the command itself. A flag left unmapped, or
mapped to a setting that does not exist, fails here.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import typer.core
import typer.main
from typer.testing import CliRunner

from tests.support.project import Project, new_project, working_directory
from tests.support.sweep import check_each
from tts_assets import Settings
from tts_assets.audio import AudioSettings
from tts_assets.cli.app import app
from tts_assets.cli.flags import CONTENT_FLAGS, FLAGS, SOURCE, SettingsFlags
from tts_assets.providers import registry

COMMAND_OWN = {
    "dry_run",
    "json_output",
    "wait",
    "verbose",
    "fix",
    "deep",
    "accent",
    "yes",
    "only_set",
    "forget_set",
    "output",
    "open_page",
    "apply",
    "shard",
    "shard_dir",
    "strict",
    "every",
    "reading",
    "deck",
    "fields",
    "id_key",
    "entry_id",
}
"""Options that steer a command, not a setting."""

SAMPLE: dict[str, Any] = {
    "type": "grammar",
    "lang": "zh",
    "device": "cpu",
    "provider": "espeak",
    "voice": "ja",
    "speed": 1.25,
    "slow": 0.75,
    "format": "ogg",
    "bitrate": 96,
    "data_dir": Path("content"),
    "out_dir": Path("site/audio"),
    "url_prefix": "/static/audio",
    "include": ["vocabulary.meaning"],
    "kokoro_model": Path("/models/kokoro.onnx"),
    "kokoro_voices": Path("/models/voices.npz"),
    "concurrency": 3,
    "timeout": 12.5,
    "no_update_json": True,
    "replace_hand_set_urls": True,
    "replace_dead_urls": True,
    "listen": True,
    "api_key": "sk_test_not_a_real_key",
}
"""A value for each settings flag, as typer hands it to the command."""


def _options() -> dict[str, list[str]]:
    """Each command's option parameter names."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return {
        name: [p.name for p in command.params if isinstance(p, typer.core.TyperOption) and p.name]
        for name, command in group.commands.items()
    }


def _setting(settings: Settings, path: str) -> Any:
    """The setting at `path`; a provider with no table of its own has its defaults."""
    head, *rest = path.split(".")
    if head == "providers":
        name, key = rest
        own = settings.providers.get(name) or registry.get(name).settings_type()
        return getattr(own, key)
    value: Any = getattr(settings, head)
    for step in rest:
        value = getattr(value, step)
    return value


def test_every_option_of_every_command_is_a_mapped_flag_or_the_commands_own() -> None:
    for command, options in _options().items():
        for option in options:
            assert option in FLAGS or option in COMMAND_OWN, (command, option)


def test_the_commands_that_plan_take_the_same_content_flags() -> None:
    options = _options()
    for command in ("generate", "verify", "cache-key"):
        assert set(CONTENT_FLAGS) <= set(options[command]), command
    # prune always plans every type: it takes all of them but --type.
    assert set(options["prune"]) & set(CONTENT_FLAGS) == set(CONTENT_FLAGS) - {"type"}


def test_every_flag_names_a_setting_that_exists() -> None:
    top = {f.name for f in fields(Settings)}
    for flag in FLAGS.values():
        if flag.setting == SOURCE:
            continue
        head, *rest = flag.setting.split(".")
        if head == "audio":
            assert rest[0] in {f.name for f in fields(AudioSettings)}, flag
        elif head == "providers":
            provider, key = rest
            assert key in registry.get(provider).settings_type.table_keys(), flag
        else:
            assert head in top and not rest, flag


FLAG_NAMES = sorted(set(FLAGS) - {"config_file"})


def test_each_flag_reaches_its_setting(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    check_each(
        _each_flag_reaches_its_setting,
        [(project, monkeypatch, c) for c in FLAG_NAMES],
        ids=lambda case: repr(case[-1]),
    )


def _each_flag_reaches_its_setting(
    project: Project, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.delenv("ELEVENLABS_API_KEY", raising=False)
    flag = FLAGS[name]
    value = SAMPLE[name]
    settings = SettingsFlags({name: value}).settings()
    assert _setting(settings, flag.setting) == flag.to_setting(value)
    assert _setting(settings, flag.setting) != _setting(
        SettingsFlags({}).settings(), flag.setting
    ), "the sample value must differ from the default"


def test_the_config_flag_names_the_file(project: Project) -> None:
    (project / "other.toml").write_text("speed = 0.75\n", encoding="utf-8")
    settings = SettingsFlags({"config_file": Path("other.toml"), "speed": None}).settings()
    assert settings.speed == 0.75 and settings.config_file == Path("other.toml")


BAD_VALUES = [
    (
        "",
        ["--bitrate", "500"],
        "error: --bitrate 500: use a whole number from 64 to 320 for mp3",
    ),
    ("", ["--concurrency", "0"], "error: --concurrency 0: use a whole number ≥ 1"),
    ("concurrency = 0\n", [], "tts-assets.toml: concurrency = 0: use a whole number ≥ 1"),
    (
        "[audio]\nbitrate_kbps = 500\n",
        [],
        "tts-assets.toml: audio.bitrate_kbps = 500: use a whole number from 64 to 320",
    ),
    ("speed = 3.0\n", ["--speed", "2.5"], "error: --speed 2.5: use a number from 0.5 to 2"),
    ("", ["--timeout", "nan"], "error: --timeout nan: use a number above 0"),
]
"""(the config, the command line's flags, the line it is refused with)"""


def test_a_bad_value_is_named_as_the_user_gave_it(tmp_path: Path) -> None:
    """Each of BAD_VALUES, in a project of its own."""
    check_each(_named_as_given, {" ".join(c[1]) or c[0]: (*c, tmp_path) for c in BAD_VALUES})


def _named_as_given(config: str, args: list[str], says: str, parent: Path) -> None:
    project = new_project(parent)
    (project / "data").mkdir()
    (project / "data/grammar.json").write_text("[]", encoding="utf-8")
    if config:
        (project / "tts-assets.toml").write_text(config, encoding="utf-8")
    with working_directory(project):
        result = CliRunner().invoke(app, ["generate", "--dry-run", *args])
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert says in line, line
    assert line.startswith("error: ")


def test_help_lists_every_language_and_every_built_in_provider() -> None:
    """`--help` listed 9 of the 12 languages and no supertonic: both lists are
    made from their registries, so a new language or provider is listed by its one line."""
    from tts_assets.languages import LANGUAGES

    def listed(help_text: str) -> set[str]:
        return set(help_text.split(": ", 1)[1].replace(",", " ").replace(".", " ").split())

    assert set(LANGUAGES) <= listed(FLAGS["lang"].help) and len(LANGUAGES) >= 12
    assert set(registry.BUILT_IN) <= listed(FLAGS["provider"].help)
    assert "supertonic" in registry.BUILT_IN
    assert "ja (default)" in FLAGS["lang"].help and "kokoro (default)" in FLAGS["provider"].help
    result = CliRunner().invoke(app, ["generate", "--help"])
    assert "supertonic" in result.output and "pl" in result.output
