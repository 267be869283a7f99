"""Each provider's [providers.NAME] table is typed: unknown keys and bad values stop the run
before anything is planned or written (exit 2), in one line naming the config file, the
key and what it expects."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.support.project import Project
from tts_assets.cli.app import app
from tts_assets.errors import ConfigError

CONFIG = """
[languages]
en = "piper"

[types.phrases]
file = "phrases.json"

[[types.phrases.fields]]
text = "phrase"
url = "audioUrl"
lang = "en"

[providers.piper]
{setting}
"""


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            'intra_op_threads = "two"',
            "providers.piper.intra_op_threads = 'two': use a whole number ≥ 1",
        ),
        ("intra_op_threads = 0", "providers.piper.intra_op_threads = 0: use a whole number ≥ 1"),
        (
            "intra_op_threads = 1.5",
            "providers.piper.intra_op_threads = 1.5: use a whole number ≥ 1",
        ),
        ('noise_scale = "loud"', "providers.piper.noise_scale = 'loud': use a number ≥ 0"),
    ],
)
def test_a_bad_provider_setting_stops_before_anything_is_written(
    project: Project, setting: str, message: str
) -> None:
    (project / "data").mkdir()
    phrases = [{"phrase": "Good morning."}, {"phrase": "Thank you."}]
    (project / "data/phrases.json").write_text(json.dumps(phrases), encoding="utf-8")
    config = project / "tts-assets.toml"
    config.write_text(CONFIG.format(setting=setting), encoding="utf-8")
    before = project.tree()
    result = CliRunner().invoke(app, ["generate", "--type", "phrases"])
    assert result.exit_code == 2, result.output
    assert result.output == f"error: {config}: {message}\n"
    assert project.tree() == before
    assert not (project / "public").exists()


def test_an_api_key_in_a_config_file_is_refused_and_never_shown(project: Project) -> None:
    key = "sk_this_belongs_in_the_environment_0123"
    (project / "data").mkdir()
    config = project / "tts-assets.toml"
    config.write_text(f'[providers.elevenlabs]\napi_key = "{key}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["generate", "--dry-run"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {config}: providers.elevenlabs.api_key is a secret")
    assert "ELEVENLABS_API_KEY" in result.output
    assert key not in result.output


def test_a_bad_secret_value_is_not_shown_either() -> None:
    from tts_assets.providers.elevenlabs import ElevenLabsSettings

    with pytest.raises(ConfigError) as caught:
        ElevenLabsSettings(api_key=12345)  # type: ignore[arg-type]
    assert str(caught.value) == "api_key = (hidden): use a string"
