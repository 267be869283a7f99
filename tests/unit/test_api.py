"""The library used as a library: `import tts_assets`, settings, a run, one text, a stop.

Everything here goes through `tts_assets.*` as a user's script would, with the
fault-injecting provider (tests/support/fault_provider.py) standing in for a model.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import types
from pathlib import Path

import anyio
import pytest
import soundfile as sf

import tts_assets
from tests.support import fault_provider
from tests.support.project import Project
from tts_assets import (
    ConfigError,
    Progress,
    Settings,
    Speech,
    Stop,
    agenerate,
    asynthesize,
    generate,
    get_provider,
    load_settings,
    render,
    synthesize,
)
from tts_assets.making import clips as making_clips

TEXTS = ["山を見ます。", "川を見ます。", "海を見ます。", "空を見ます。"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def project(project: Project, fault: None, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A project folder (not the working directory): grammar content, fault provider."""
    monkeypatch.chdir(project.parent)
    fault_provider.write_grammar(project / "data", TEXTS)
    return project.config('provider = "fault"\nconcurrency = 2\n')


def urls(project: Project) -> list[str | None]:
    doc = json.loads((project / "data/grammar.json").read_text(encoding="utf-8"))
    return [e.get("audioUrl") for entry in doc for e in entry["examples"]]


def test_all_is_exactly_the_public_names() -> None:
    """`__all__` lists every public name the package has, and each one resolves."""
    for name in tts_assets.__all__:
        assert getattr(tts_assets, name).__module__.startswith("tts_assets"), name
    public = sorted(
        name
        for name, value in vars(tts_assets).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in ("annotations", "importlib", "TYPE_CHECKING")  # the module's own
    )
    assert tts_assets.__all__ == public == sorted(set(public))
    assert set(tts_assets.__all__) <= set(dir(tts_assets))
    with pytest.raises(AttributeError, match="no attribute 'generat'"):
        _ = tts_assets.generat  # type: ignore[attr-defined]


def test_what_type_checkers_see_is_what_the_package_exports() -> None:
    """The TYPE_CHECKING imports of __init__.py name each public name from its home."""
    import ast

    source = Path(tts_assets.__file__).read_text(encoding="utf-8")
    guarded = next(
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    seen = {
        alias.name: "." * node.level + (node.module or "")
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == tts_assets._HOME


@pytest.mark.slow
def test_importing_the_library_imports_neither_the_cli_nor_numpy() -> None:
    code = "import sys, tts_assets; print(sorted(m for m in sys.modules if '.' not in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(eval(done.stdout))
    assert not {"typer", "rich", "click", "numpy", "onnxruntime", "soundfile"} & loaded


def test_settings_precedence_is_defaults_file_environment_overrides(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "tts-assets.toml").write_text(
        'provider = "fault"\nconcurrency = 2\nspeed = 1.1\n[audio]\nformat = "ogg"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TTS_ASSETS_CONCURRENCY", "3")
    settings = load_settings(project, speed=1.2, providers={"fault": {"delay": 0.5}})
    assert settings.provider == "fault"  # the file
    assert settings.audio.format == "ogg" and settings.audio.bitrate_kbps == 64
    assert settings.concurrency == 3  # the environment over the file
    assert settings.speed == 1.2  # overrides over everything
    assert settings.providers["fault"] == fault_provider.FaultSettings(delay=0.5)
    assert settings.data_dir == project / "data"  # relative to the project
    assert settings.config_file == project / "tts-assets.toml"


def test_settings_are_checked_as_the_cli_checks_flags(project: Project) -> None:
    with pytest.raises(ConfigError, match=r"^speed = 5\.0: use a number from 0\.5 to 2$"):
        load_settings(project, speed=5.0)
    with pytest.raises(ConfigError, match=r"providers\.fault\.delay = -1\.0: use a number ≥ 0"):
        load_settings(project, providers={"fault": {"delay": -1}})
    with pytest.raises(ConfigError, match=r"unknown key providers\.fault\.dely; valid keys: "):
        load_settings(project, providers={"fault": {"dely": 1}})
    with pytest.raises(TypeError, match="'sped'"):
        load_settings(project, sped=1.0)


def test_settings_built_by_hand_are_checked_when_a_run_starts(project: Project) -> None:
    settings = Settings(data_dir=project / "data", out_dir=project / "out", speed=5.0)
    with pytest.raises(ConfigError, match=r"^speed = 5\.0: use a number from 0\.5 to 2"):
        generate(settings, dry_run=True)
    raw = Settings(data_dir=project / "data", providers={"fault": {"stall": "long"}})  # type: ignore[dict-item]
    with pytest.raises(ConfigError, match=r"providers\.fault\.stall = 'long': use a number ≥ 0"):
        generate(raw, dry_run=True)
    assert not (project / "out").exists()


def test_generate_makes_the_clips_and_writes_the_urls_back(project: Project) -> None:
    summary = generate(load_settings(project))
    assert (summary.exit_code, summary.generated, summary.failures) == (0, len(TEXTS), [])
    assert summary.written == [project / "data/grammar.json"]
    assert all(url and url.startswith("/audio/grammar/") for url in urls(project))
    again = generate(load_settings(project))
    assert (again.generated, again.present, again.written) == (0, len(TEXTS), [])


def test_shards_make_their_shares_and_a_merge_joins_them(project: Project) -> None:
    from tts_assets.commands.merge import merge

    settings = load_settings(project)
    made = []
    for k in (1, 2):
        folder = project / f"shards/{k}"
        summary = generate(settings, shard=tts_assets.Shard(k, 2), shard_dir=folder)
        assert summary.exit_code == 0 and summary.written == [] and summary.shard == f"{k}/2"
        made.append(summary.generated)
    assert sum(made) == len(TEXTS) and all(made) and not any(urls(project))
    assert not settings.out_dir.exists()
    merge(
        settings.out_dir, [project / "shards/1", project / "shards/2"], temp_dir=settings.temp_dir
    )
    final = generate(settings)
    assert (final.generated, final.present, final.written) == (
        0,
        len(TEXTS),
        [project / "data/grammar.json"],
    )
    assert all(urls(project))


@pytest.mark.anyio
async def test_agenerate_runs_inside_a_running_event_loop(project: Project) -> None:
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:  # the loop stays free while the run reads, plans and writes
            ticks += 1
            await anyio.sleep(0.001)

    async with anyio.create_task_group() as tg:
        tg.start_soon(heartbeat)
        summary = await agenerate(load_settings(project))
        tg.cancel_scope.cancel()
    assert summary.exit_code == 0 and summary.generated == len(TEXTS)
    assert all(urls(project))
    assert ticks > 1


@pytest.mark.slow  # waits for a progress report (every 0.5 s)
@pytest.mark.anyio
async def test_a_stop_keeps_and_writes_back_what_is_done(project: Project) -> None:
    # Two clips are made, the others wait for a gate that never opens: the progress
    # report (every 0.5 s) that sees two comes while the rest cannot be done.
    held = {"hold": str(project / "never"), "hold_after": 2}
    settings = load_settings(project, concurrency=1, providers={"fault": held})
    stop = Stop()
    seen: list[Progress] = []

    class StopAfterTwo:
        def planned(self, plan: object, workers: int) -> None:
            assert workers == 1

        def progress(self, progress: Progress) -> None:
            seen.append(progress)
            if progress.generated >= 2:
                stop.request()

        def notice(self, message: str) -> None:
            pass

    with anyio.fail_after(30):
        summary = await agenerate(settings, reporter=StopAfterTwo(), stop=stop)
    assert summary.interrupted and summary.exit_code == 130
    assert summary.generated == 2
    made = [url for url in urls(project) if url]
    assert len(made) == summary.generated  # written back
    assert seen[-1].generated == summary.generated
    assert not (project / "public/audio/.temp-audio").exists()


def test_a_stop_from_another_thread_ends_a_plain_generate(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first clip is made; the next waits for a gate that never opens: only the stop
    # ends it (a run that did not cancel it would never return). Progress is told every
    # TICK_S (0.5 s); sooner here, so the button is pressed as soon as the clip is made.
    monkeypatch.setattr(making_clips, "TICK_S", 0.01)
    held = {"hold": str(project / "never"), "hold_after": 1}
    settings = load_settings(project, concurrency=1, providers={"fault": held})
    stop = Stop()
    pressed: list[threading.Thread] = []

    class PressStopOnFirstClip:
        """Starts a thread (a GUI's button, say) that asks for the stop."""

        def planned(self, plan: object, workers: int) -> None:
            pass

        def progress(self, progress: Progress) -> None:
            if progress.generated and not pressed:
                pressed.append(threading.Thread(target=stop.request))
                pressed[0].start()

        def notice(self, message: str) -> None:
            pass

    summary = generate(settings, reporter=PressStopOnFirstClip(), stop=stop)
    pressed[0].join()
    assert summary.interrupted and summary.generated == 1  # the held clip was cancelled
    assert len([url for url in urls(project) if url]) == summary.generated


@pytest.mark.anyio
async def test_cancelling_agenerate_stops_the_run_and_keeps_what_is_made(project: Project) -> None:
    held = {"hold": str(project / "never"), "hold_after": 1}  # one clip, then no more
    settings = load_settings(project, concurrency=1, providers={"fault": held})
    with anyio.fail_after(60), anyio.CancelScope() as scope:

        async def cancel_after_first_clip() -> None:
            clips = project / "public/audio/grammar"
            while not any(urls(project)) and not any(clips.glob("*.mp3")):
                await anyio.sleep(0.02)
            scope.cancel()

        async with anyio.create_task_group() as tg:
            tg.start_soon(cancel_after_first_clip)
            await agenerate(settings)
    assert scope.cancelled_caught
    made = [url for url in urls(project) if url]
    assert len(made) == 1  # written back, the rest not made
    assert not (project / "public/audio/.temp-audio").exists()


@pytest.mark.anyio
async def test_agenerate_raises_input_errors_as_themselves(project: Project) -> None:
    (project / "data/grammar.json").write_text("[{", encoding="utf-8")
    with pytest.raises(tts_assets.InputError, match=r"grammar\.json:1:3: invalid JSON"):
        await agenerate(load_settings(project))


def test_a_stop_before_the_run_begins_makes_nothing(project: Project) -> None:
    stop = Stop()
    stop.request()
    summary = generate(load_settings(project), stop=stop)
    assert summary.interrupted and summary.generated == 0 and not any(urls(project))


@pytest.mark.anyio
async def test_get_provider_opens_and_closes_a_provider(project: Project) -> None:
    log = project / "calls.jsonl"
    settings = load_settings(project, providers={"fault": {"log": str(log)}})
    async with get_provider("fault", settings) as provider:
        assert isinstance(provider, fault_provider.FaultProvider)
        audio = await provider.synthesize(Speech("山を見ます。", "ja", "tone"))
    assert audio.duration > 0.2
    assert fault_provider.calls(log) == ["山を見ます。"]


def test_one_text_to_audio_to_file_bytes(project: Project, tmp_path: Path) -> None:
    settings = load_settings(project)
    text = "今日は雨です。傘を持って出かけました。"
    audio = synthesize(text, provider="fault", settings=settings)
    data = render(audio, settings.audio, text=text)
    clip = tmp_path / "clip.mp3"
    clip.write_bytes(data)
    info = sf.info(str(clip))
    # Two sentence pieces joined with a pause, trimmed and padded as a run makes them.
    assert info.samplerate == 24000 and info.duration > audio.duration * 0.5
    assert not (project / "public").exists()  # nothing stored


@pytest.mark.slow  # waits on real time (or loads a dictionary)
@pytest.mark.anyio
async def test_one_text_retries_as_a_run_does(project: Project) -> None:
    log = project / "calls.jsonl"
    settings = load_settings(project, providers={"fault": {"log": str(log), "fail_rate": 1.0}})
    with pytest.raises(tts_assets.ClipError, match="injected failure"):
        await asynthesize("山を見ます。", provider="fault", settings=settings)
    assert fault_provider.calls(log) == ["山を見ます。"] * 3  # the provider's retry policy
