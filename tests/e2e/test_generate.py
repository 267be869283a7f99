"""`tts-assets generate` end to end with the real Kokoro model, through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf

from tests.support import fault_provider
from tests.support.project import Project, tree, write_json

pytestmark = pytest.mark.slow  # a real Kokoro run makes the project

GRAMMAR = [
    {
        "id": "g1",
        "pattern": "〜たい",
        "examples": [
            {"japanese": "海へ行きたいです。", "english": "I want to go to the sea."},
            {"japanese": "", "english": "placeholder"},
        ],
    },
    {
        "id": "../../etc/passwd",
        "pattern": "〜ます",
        # The same text twice: one synthesis, two URLs.
        "examples": [{"japanese": "海へ行きたいです。"}, {"japanese": "水を飲みます。"}],
    },
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder after one real run over a small grammar file."""
    root = Project(tmp_path_factory.mktemp("project")).gen({"data/grammar.json": GRAMMAR})
    code, out = root.invoke("generate", "--type", "grammar", "--json")
    assert code == 0, out
    (root / "summary.json").write_text(out)
    return root


@pytest.fixture
def project(project: Project, generated: Path) -> Project:
    """A private copy of the generated project, as the working directory."""
    return project.copy(generated)


def test_first_run_makes_each_text_once_and_writes_urls_back(generated: Path) -> None:
    summary = json.loads((generated / "summary.json").read_text())
    assert summary["generated"] == 2  # two distinct texts; the repeat shares its clip
    assert summary["types"]["grammar"]["texts"] == 3
    assert summary["types"]["grammar"]["empty"] == 1
    assert summary["skipped"][0]["place"] == "grammar.json › [0] › examples › [1] › japanese"

    doc = json.loads((generated / "data/grammar.json").read_text())
    first = doc[0]["examples"][0]["audioUrl"]
    assert first == doc[1]["examples"][0]["audioUrl"]
    assert first.startswith("/audio/grammar/") and first.endswith(".mp3")
    assert "audioUrl" not in doc[0]["examples"][1]  # the empty placeholder gets no URL
    assert doc[0]["examples"][1]["japanese"] == ""

    files = sorted((generated / "public/audio/grammar").iterdir())
    assert len(files) == 2
    for f in files:
        info = sf.info(str(f))
        assert 0.7 < info.duration < 6.0
        assert info.channels == 1
        # The file name is the content key: never the entry id.
        assert "passwd" not in str(f)
    manifest = json.loads((generated / "public/audio/manifest.json").read_text())
    assert {c["path"] for c in manifest["clips"]} == {f"grammar/{f.name}" for f in files}
    assert not (generated / "public/audio/.temp-audio").exists()


def test_second_run_generates_nothing_and_rewrites_no_file(project: Project) -> None:
    before = tree(project / "data", locks=False) | tree(project / "public", locks=False)
    mtimes = {p: p.stat().st_mtime_ns for p in project.rglob("*") if p.is_file()}
    code, out = project.invoke("generate", "--type", "grammar", "--json")
    assert code == 0, out
    assert json.loads(out)["generated"] == 0
    assert tree(project / "data", locks=False) | tree(project / "public", locks=False) == before
    for p, mtime in mtimes.items():
        assert p.stat().st_mtime_ns == mtime, p


def test_write_back_runs_when_every_clip_is_present(project: Project) -> None:
    data = project / "data/grammar.json"
    doc = json.loads(data.read_text())
    url = doc[1]["examples"][1].pop("audioUrl")
    write_json(data, doc)
    code, out = project.invoke("generate", "--type", "grammar", "--json")
    assert code == 0, out
    assert json.loads(out)["generated"] == 0
    assert json.loads(data.read_text())[1]["examples"][1]["audioUrl"] == url


def test_changed_text_gets_a_new_file_and_url(project: Project) -> None:
    data = project / "data/grammar.json"
    doc = json.loads(data.read_text())
    old = doc[1]["examples"][1]["audioUrl"]
    doc[1]["examples"][1]["japanese"] = "お茶を飲みます。"
    write_json(data, doc)
    code, out = project.invoke("generate", "--type", "grammar", "--json")
    assert code == 0, out
    assert json.loads(out)["generated"] == 1
    new = json.loads(data.read_text())[1]["examples"][1]["audioUrl"]
    assert new != old
    assert (project / "public" / new.removeprefix("/")).is_file()


def test_unrecorded_or_wrong_size_file_is_regenerated(project: Project) -> None:
    manifest = json.loads((project / "public/audio/manifest.json").read_text())
    victim = project / "public/audio" / manifest["clips"][0]["path"]
    original = victim.read_bytes()
    victim.write_bytes(original[: len(original) // 2])  # exists, but not what was recorded
    code, out = project.invoke("generate", "--type", "grammar", "--json")
    assert code == 0, out
    assert json.loads(out)["generated"] == 1
    assert victim.read_bytes() == original  # same text, same settings: the same bytes


def test_dry_run_writes_nothing(project: Project) -> None:
    data = project / "data/grammar.json"
    doc = json.loads(data.read_text())
    doc[0]["examples"][0]["japanese"] = "山に登りたいです。"
    write_json(data, doc)
    before = project.tree(locks=False)
    code, out = project.invoke("generate", "--type", "grammar", "--dry-run")
    assert code == 0, out
    assert "山に登りたいです。 →" in out
    assert "characters a paid provider would bill: 9" in out
    assert project.tree(locks=False) == before


def test_unknown_voice_exits_2_listing_voices(project: Project) -> None:
    code, out = project.invoke("generate", "--type", "grammar", "--voice", "af_nope")
    assert code == 2
    assert "valid voices: jf_alpha, jf_gongitsune, jf_nezumi, jf_tebukuro, jm_kumo" in out


def test_unknown_type_lists_the_valid_ones(project: Project) -> None:
    code, out = project.invoke("generate", "--type", "verbs", "--dry-run")
    assert code == 2
    assert "grammar" in out and "kanji" in out and "vocabulary" in out


def test_malformed_json_is_one_line_with_line_and_column(project: Project) -> None:
    (project / "data/grammar.json").write_text('[\n  {"id": "g1",,}\n]\n')
    before = project.tree(locks=False)
    code, out = project.invoke("generate", "--type", "grammar")
    assert code == 2
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    assert "grammar.json" in lines[0] and ":2:" in lines[0]
    assert "Traceback" not in out
    assert project.tree(locks=False) == before


def test_voices_and_providers_commands(project: Project) -> None:
    code, out = project.invoke("voices", "--provider", "kokoro")
    assert code == 0
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if "│" in line}
    assert "default for ja" in rows["jf_alpha"] and "│ ja " in rows["jf_alpha"]
    assert "│ ja " in rows["jm_kumo"] and "default" not in rows["jm_kumo"]
    code, out = project.invoke("providers")
    assert code == 0
    for name in ("kokoro", "piper", "say", "espeak", "elevenlabs"):
        assert name in out


def _modules_after(*args: str) -> set[str]:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['tts-assets', *{list(args)!r}]\n"
        "try:\n"
        "    from tts_assets.cli.app import app; app()\n"
        "except SystemExit:\n"
        "    pass\n"
        "import json; print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args", [("--help",), ("generate", "--dry-run", "--type", "grammar", "--json")]
)
def test_help_and_dry_run_import_no_model_code(project: Project, args: tuple[str, ...]) -> None:
    loaded = _modules_after(*args)
    assert not {"numpy", "onnxruntime", "kokoro_onnx", "soundfile"} & loaded


def test_a_killed_run_resumes_and_finishes(tmp_path: Path) -> None:
    write_json(
        tmp_path / "data/grammar.json",
        [{"examples": [{"japanese": t} for t in ("一です。", "二です。", "三です。", "四です。")]}],
    )
    cmd = [sys.executable, "-m", "tts_assets", "generate", "--type", "grammar"]
    env = {**fault_provider.driver_env(), "TTS_ASSETS_CONCURRENCY": "1"}
    # Killed after its first clip: the second waits for a gate that never opens.
    held = fault_provider.held_driver("kokoro", tmp_path / "never", 1)
    proc = subprocess.Popen(
        [*held, *cmd[3:]],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = tmp_path / "public/audio/grammar"
    try:
        fault_provider.wait_until(lambda: out.is_dir() and any(out.glob("*.mp3")), proc)
    finally:
        proc.kill()
        proc.wait()
    made_before = {p.name for p in out.glob("*.mp3")}
    assert len(made_before) == 1
    result = subprocess.run([*cmd, "--json"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    # Files renamed before the kill but not yet in the manifest are made again: at most
    # the ones already there, at least the ones that were missing.
    assert 4 - len(made_before) <= summary["generated"] <= 4
    doc = json.loads((tmp_path / "data/grammar.json").read_text())
    assert all("audioUrl" in e for e in doc[0]["examples"])
    assert len(list(out.glob("*.mp3"))) == 4
    assert (
        not list((tmp_path / "public/audio/.temp-audio").glob("*"))
        if (tmp_path / "public/audio/.temp-audio").exists()
        else True
    )
