"""`tts-assets models` through the CLI: the list on a fresh install, a config's own
model pulled from a server on 127.0.0.1, verify and path, the error a run gives for a
model that is not pulled, and the cache key of pulled models."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.markers import needs_fifo
from tests.support.model_server import ModelServer, serving, sha256
from tests.support.project import Project
from tts_assets.commands.cache_key import cache_key
from tts_assets.providers.kokoro import KokoroSettings
from tts_assets.settings.config import Settings, VoiceChoice
from tts_assets.settings.load import load_settings

ONNX = os.urandom(150_000)
CARD = b"# Model card for team (medium)\n* License: CC0\n"
COMMIT = "89abcdef0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("TTS_ASSETS_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    return tmp_path / "models"


@pytest.fixture
def server() -> Iterator[ModelServer]:
    state = ModelServer(
        hub={
            ("team/voices", COMMIT, "de/team.onnx"): ONNX,
            ("team/voices", COMMIT, "de/MODEL_CARD"): CARD,
        }
    )
    with serving(state):
        yield state


def team_config(server: ModelServer, sha: str | None = None) -> str:
    base = f"{server.url}/team/voices/resolve/{COMMIT}/de"
    return f"""[models.team-voice]
kind = "file"
files = [
  {{ url = "{base}/team.onnx", size = {len(ONNX)}, sha256 = "{sha or sha256(ONNX)}" }},
  {{ url = "{base}/MODEL_CARD", size = {len(CARD)}, sha256 = "{sha256(CARD)}" }},
]
"""


def test_models_list_json_on_a_fresh_install_names_every_model_and_its_pin(
    project: Project, models_dir: Path
) -> None:
    doc = project.json("models", "list", "--json")
    assert doc["models_folder"] == str(models_dir)
    rows = {row["name"]: row for row in doc["models"]}
    assert {
        "kokoro-v1.0",
        "kokoro-v1.0-fp16",
        "kokoro-v1.0-int8",
        "kokoro-voices-v1.0",
        "kokoro-voices-ja",
        "piper:en_US-joe-medium",
        "whisper-base",
        "whisper-small",
        "whisper-large-v3-turbo",
    } <= set(rows)
    pulled = [row for row in rows.values() if row["status"] == "installed"]
    assert pulled == []  # nothing is pulled on a fresh install
    for name in ("kokoro-v1.0", "kokoro-voices-v1.0", "whisper-small"):
        assert re.fullmatch(r"[0-9a-f]{64}", rows[name]["sha256"])
        assert rows[name]["licence"] and rows[name]["size"] > 1_000_000
        assert rows[name]["path"] is None and rows[name]["verified"] is False
    assert rows["kokoro-voices-v1.0"]["source"] == (
        "GitHub thewh1teagle/kokoro-onnx release model-files-v1.0"
    )
    # The packaged models of the default install: used by the default configuration.
    assert rows["kokoro-v1.0-int8"]["status"] == "packaged"
    assert rows["kokoro-v1.0-int8"]["used_by"] == ["ja (kokoro)"]
    assert doc["piper_voices_known"] == 97


def test_a_config_model_is_pulled_verified_and_located(
    project: Project, server: ModelServer, models_dir: Path
) -> None:
    project.config(team_config(server))
    code, out = project.invoke("models", "pull", "team-voice")
    assert code == 0, out
    assert "team-voice: team.onnx downloaded, its digest checked" in out
    (folder,) = models_dir.glob("team-voice@*")  # named by its pins too
    assert (folder / "team.onnx").read_bytes() == ONNX

    code, out = project.invoke("models", "path", "team-voice")
    assert (code, out.strip()) == (0, str(folder / "team.onnx"))
    assert project.json("models", "verify", "--json") == {
        "ok": True,
        "exit_code": 0,
        "checked": ["team-voice"],
        "problems": [],
        "unrecorded": [],
    }
    rows = {row["name"]: row for row in project.json("models", "list", "--json")["models"]}
    assert rows["team-voice"]["status"] == "installed"
    assert rows["team-voice"]["verified"] is True
    assert rows["team-voice"]["sha256"] == sha256(ONNX)

    (folder / "team.onnx").write_bytes(ONNX[::-1])
    code, out = project.invoke("models", "verify")
    assert code == 1
    assert "team-voice: " in out and "is not the pinned file" in out


def test_verify_names_a_pulled_model_whose_file_the_run_refuses(
    project: Project, server: ModelServer, models_dir: Path
) -> None:
    """A pulled file cut short (another size than its pin) stops every run that
    uses it, while `models verify` said "no pulled model to verify" and exit 0."""
    project.config(team_config(server))
    assert project.invoke("models", "pull", "team-voice")[0] == 0
    (folder,) = models_dir.glob("team-voice@*")
    (folder / "team.onnx").write_bytes(ONNX[:1000])  # cut short
    code, out = project.invoke("models", "verify")
    assert code == 1, out
    assert "no pulled model" not in out
    assert f"team-voice: {folder / 'team.onnx'} is not the pinned file" in out
    (folder / "team.onnx").unlink()
    code, out = project.invoke("models", "verify")
    assert code == 1 and f"{folder / 'team.onnx'} is missing" in out, out


def test_pull_for_config_pulls_the_configs_own_models(
    project: Project, server: ModelServer, models_dir: Path
) -> None:
    project.config(team_config(server))
    doc = project.json("models", "pull", "--for-config", "--json")
    assert [p["name"] for p in doc["pulled"]] == ["team-voice"]
    again = project.json("models", "pull", "--for-config", "--json")
    assert again["pulled"][0]["status"] == "present"
    assert sum(server.gets.values()) == 2  # the second pull asked for nothing


def test_a_wrong_pin_in_the_config_installs_nothing(
    project: Project, server: ModelServer, models_dir: Path
) -> None:
    project.config(team_config(server, sha="0" * 64))
    code, out = project.invoke("models", "pull", "team-voice")
    assert code == 3
    assert "another file than the pinned team.onnx" in out
    assert not list(models_dir.glob("team-voice@*/team.onnx*"))


def test_an_unknown_model_name_is_a_usage_error(project: Project) -> None:
    code, out = project.invoke("models", "pull", "kokoro-v9")
    assert code == 2
    assert "unknown model 'kokoro-v9'; known: kokoro-v1.0," in out


@pytest.mark.parametrize(
    ("config", "name"),
    [
        ('[providers.kokoro]\nvoices = "kokoro-voices-v1.0"\n', "kokoro-voices-v1.0"),
        ('[providers.kokoro]\nmodel = "kokoro-v1.0-fp16"\n', "kokoro-v1.0-fp16"),
        ('[languages]\nja = "piper:de_DE-thorsten-medium"\n', "piper:de_DE-thorsten-medium"),
    ],
)
def test_a_run_never_downloads_a_missing_model_names_the_pull_command(
    project: Project, config: str, name: str
) -> None:
    project.config(config).gen(
        {
            "data/grammar.json": [
                {
                    "id": "g1",
                    "examples": [{"japanese": "水を飲みます。", "english": "I drink water."}],
                }
            ]
        }
    )
    before = project.tree()
    code, out = project.invoke("generate")
    assert code == 2, out
    assert out.startswith("error: ") and out.count("\n") == 1, out
    assert f"{name} is not installed; run: tts-assets models pull {name}" in out
    assert project.tree() == before  # nothing written


def test_models_path_of_a_model_not_pulled_names_the_pull_command(project: Project) -> None:
    code, out = project.invoke("models", "path", "kokoro-voices-v1.0")
    assert code == 2
    assert out.strip() == (
        "error: kokoro-voices-v1.0 is not installed; run: tts-assets models pull "
        "kokoro-voices-v1.0 (offline: --from a copy of its files), or remove voices from "
        "[providers.kokoro]: Japanese runs on the voices the kokoro extra installs"
    )


def test_the_cache_key_changes_with_a_pulled_model_and_needs_none_installed(
    project: Project, server: ModelServer
) -> None:
    base = Settings()
    full = replace(base, providers={"kokoro": KokoroSettings(voices=Path("kokoro-voices-v1.0"))})
    fp16 = replace(
        full,
        providers={
            "kokoro": KokoroSettings(
                voices=Path("kokoro-voices-v1.0"), model=Path("kokoro-v1.0-fp16")
            )
        },
    )
    keys = {cache_key(base), cache_key(full), cache_key(fp16)}
    assert len(keys) == 3  # computed with neither model installed

    piper = replace(base, languages={"de": VoiceChoice("piper", "piper:de_DE-thorsten-medium")})
    other = replace(base, languages={"de": VoiceChoice("piper", "piper:de_DE-karlsson-low")})
    assert cache_key(piper) != cache_key(other)

    project.config(team_config(server) + '\n[languages]\nde = "piper:team-voice"\n')
    before = cache_key(load_settings("."))
    project.config(team_config(server, sha="1" * 64) + '\n[languages]\nde = "piper:team-voice"\n')
    assert cache_key(load_settings(".")) != before
    assert json.dumps(before)


def _tamper(path: Path) -> None:
    """Other bytes at the same size, the mtime set back."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[100:110] = bytes(10)
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_a_tampered_model_is_not_verified_refused_by_a_setting_and_repaired_by_pull(
    project: Project, server: ModelServer
) -> None:
    project.config(team_config(server))
    assert project.invoke("models", "pull", "team-voice")[0] == 0
    code, path = project.invoke("models", "path", "team-voice")
    onnx = Path(path.strip())
    _tamper(onnx)

    rows = {row["name"]: row for row in project.json("models", "list", "--json")["models"]}
    assert rows["team-voice"]["verified"] is False
    code, out = project.invoke("models", "path", "team-voice")
    assert code == 2, out
    (line,) = out.strip().splitlines()
    assert line.startswith(f"error: team-voice: {onnx} is not the pinned file")
    assert "repair it with: tts-assets models pull team-voice" in line

    code, out = project.invoke("models", "pull", "team-voice")
    assert code == 0, out
    assert "team-voice: installed" in out and "not the pinned file, kept as" in out
    assert onnx.read_bytes() == ONNX
    assert project.invoke("models", "path", "team-voice") == (0, f"{onnx}\n")
    assert project.json("models", "verify", "--json")["problems"] == []


@pytest.mark.parametrize("variable", ["HF_ENDPOINT", "TTS_ASSETS_GITHUB_MIRROR"])
def test_a_mirror_variable_that_is_no_url_stops_a_pull_with_one_line(
    project: Project, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "http://[::1")
    name = "whisper-small" if variable == "HF_ENDPOINT" else "kokoro-voices-v1.0"
    code, out = project.invoke("models", "pull", name)
    assert code == 2, out
    (line,) = out.strip().splitlines()
    assert line.startswith(f"error: {variable}='http://[::1': ")


def test_a_nul_in_a_config_models_file_name_is_refused_when_the_config_is_read(
    project: Project,
) -> None:
    project.config(
        '[models.mine]\nurl = "https://x.example/a.onnx"\nfile = "a\\u0000.onnx"\n'
        f'size = 1\nsha256 = "{"0" * 64}"\n'
    )
    code, out = project.invoke("models", "list")
    assert code == 2, out
    (line,) = out.strip().splitlines()
    assert "models.mine" in line and "file name" in line


@needs_fifo
def test_a_record_that_is_a_pipe_stops_no_command(
    project: Project, server: ModelServer, models_dir: Path
) -> None:
    import threading

    project.config(team_config(server))
    assert project.invoke("models", "pull", "team-voice")[0] == 0
    (record,) = models_dir.glob("*/.verified.json")
    record.unlink()
    os.mkfifo(record)
    answers: list[tuple[int, str]] = []

    def run() -> None:
        for args in (("models", "list"), ("models", "path", "team-voice"), ("models", "verify")):
            answers.append(project.invoke(*args))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(30)
    assert len(answers) == 3, "a command waited on the named pipe"
    assert [code for code, _ in answers] == [0, 0, 0], answers
