"""Faults, money, backfill and messages, tried as a careless or hostile user would, through
the CLI and the library as a team runs them.

Each test was written before its fix and failed on the code before it, on the provider
where the review found it: ElevenLabs on the test suite's server on 127.0.0.1 for money,
Kokoro where a backfill needs a model that says a text the same way every time, espeak-ng
elsewhere. A test that kills or stops a run makes its moment (the server holds a request,
a stretch waits at a gate), never hopes for one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, working_directory, write_json
from tests.support.stretch_gate import StretchGate, hanging

pytestmark = pytest.mark.slow  # real processes, real signals, Rubber Band, models

KEY = "sk-test-0123456789abcdef"
TEMPO = "0.75"

SHADOWING = """
provider = "elevenlabs"
slow = 0.75
webvtt = true
type = "shadowing"

[types.shadowing]
file = "shadowing.json"
fields = [{ text = "text", url = "audioUrl", segments = "segments" }]
"""


def _wait(until: Callable[[], bool], run: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 120
    while not until():
        assert run.poll() is None, f"the run ended before {what}"
        assert time.monotonic() < deadline, f"waited 120 s for {what}"
        time.sleep(0.02)


@contextlib.contextmanager
def _sigkilled(run: subprocess.Popen[bytes]) -> Iterator[None]:
    """The block, then `run` killed with SIGKILL and reaped (killed and reaped too when the
    block fails)."""
    try:
        yield
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()


def _clips(project: Project) -> int:
    folder = project / "public/audio/shadowing"
    return len(list(folder.glob("*.mp3"))) if folder.is_dir() else 0


@pytest.fixture
def gate(tmp_path: Path) -> Iterator[StretchGate]:
    made = StretchGate(tmp_path / "stretch-gate")
    yield made
    made.open()


# --- 4. a kill never bills a clip twice -------------------------------------------------


def test_sigkill_twenty_times_in_both_phases_bills_no_clip_twice(
    project: Project, gate: StretchGate
) -> None:
    """A course with segments, slow clips and WebVTT on ElevenLabs, growing as a course
    does (two texts a commit), is SIGKILLed twenty times: in the synthesis phase once the
    server has answered a random number of its requests (and the tool has stored them)
    and holds the next, and in the slow phase once a random number of stretches is done
    and the next waits at its gate. Then a run finishes it. No text is ever answered
    twice: every paid clip made was recorded before anything could lose it."""
    rng = random.Random(45)
    project.config(SHADOWING)
    texts: list[str] = []
    kills = {"synthesis": 0, "slow": 0}
    with FakeElevenLabs(api_key=KEY, max_concurrent=3) as server:
        env = {
            **os.environ,
            "ELEVENLABS_API_KEY": KEY,
            "ELEVENLABS_BASE_URL": server.base_url,
            "PATH": f"{gate.folder}{os.pathsep}{os.environ['PATH']}",
        }
        argv = [sys.executable, "-m", "tts_assets", "generate", "--concurrency", "2"]
        for cycle in range(20):
            texts += [f"{len(texts) + n}番目の文を毎朝読みます。" for n in (1, 2)]
            write_json(
                project / "data/shadowing.json",
                [{"id": f"s{n}", "text": t} for n, t in enumerate(texts)],
            )
            paid = [t for t in texts if server.answered()[t] == 0]  # two new, at least
            stored = _clips(project)
            slow_missing = len(texts) - (stored - (len(texts) - len(paid)))
            in_synthesis = cycle % 2 == 0
            if in_synthesis:  # some of the paid requests answered, the next one held
                answered, stretched = rng.randint(1, len(paid) - 1), 0
                server.hold_after(answered)
                gate.reset(passing=1 << 30)
            else:  # every paid clip made, some stretches done, the next one held
                answered, stretched = len(paid), rng.randint(0, slow_missing - 1)
                gate.reset(passing=stretched)
            before = sum(server.answered().values())
            log = (project.parent / f"log{cycle}").open("wb")
            run = subprocess.Popen(argv, cwd=project, env=env, stderr=log)
            try:
                with _sigkilled(run):
                    if in_synthesis:
                        _wait(lambda: server.held > 0, run, "a request held")
                    else:
                        _wait(lambda: bool(gate.held()), run, "a stretch held")
                    want = stored + answered + stretched
                    _wait(lambda w=want: _clips(project) >= w, run, f"{want} clips stored")
                    assert sum(server.answered().values()) - before == answered
            finally:
                for pid in gate.stopping():  # the stretches the kill left waiting
                    _kill(pid)
                server.release_hold()
                log.close()
            kills["synthesis" if in_synthesis else "slow"] += 1
            twice = {t: n for t, n in server.answered().items() if n > 1}
            assert not twice, f"cycle {cycle}: billed twice: {twice}"
        gate.reset(passing=1 << 30)
        done = subprocess.run(
            [*argv, "--json"], cwd=project, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-2000:]
        answered_at_end = server.answered()
    assert kills == {"synthesis": 10, "slow": 10}
    assert answered_at_end == {t: 1 for t in texts}  # each text billed once, none twice
    entries = project.read_json("data/shadowing.json")
    assert all(e["audioUrl"] and e["slowAudioUrl"] and e["segments"] for e in entries)
    for entry in entries:
        for url in (entry["audioUrl"], entry["slowAudioUrl"]):
            assert project.clip_of(url).with_suffix(".vtt").is_file(), url
    assert not [p for p in project.rglob("*.part")]
    code, out = project.invoke("verify")
    assert code == 0, out


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


# --- backfill: 7, 10, 14b ---------------------------------------------------------------

ESPEAK = """
provider = "espeak"
webvtt = true
type = "shadowing"

[types.shadowing]
file = "shadowing.json"
fields = [{ text = "text", url = "audioUrl", segments = "segments", lang = "en" }]
"""

SENTENCES = ["I read a book every morning.", "The library opens at nine."]


def _course(project: Project, config: str) -> dict[str, Any]:
    """A course made on espeak-ng, then aged: its entries record no timings and its
    tracks and segments are gone, as an earlier tts-assets left it. The manifest made."""
    project.config(config)
    content = [{"id": f"s{n}", "text": s} for n, s in enumerate(SENTENCES)]
    write_json(project / "data/shadowing.json", content)
    summary = project.json("generate")
    assert summary["failed"] == 0 and summary["generated"] >= 2, summary
    made: dict[str, Any] = project.manifest()
    _age(project, made)
    write_json(project / "data/shadowing.json", content)  # no URLs nor segments yet
    for track in (project / "public/audio").rglob("*.vtt"):
        track.unlink()
    return made


def _age(project: Project, manifest: dict[str, Any]) -> None:
    older = [{k: v for k, v in c.items() if k != "timings"} for c in manifest["clips"]]
    path = project / "public/audio/manifest.json"
    path.write_text(json.dumps({**manifest, "clips": older}, ensure_ascii=False), "utf-8")


def _by_path(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["path"]: c for c in manifest["clips"]}


def _words(entry: dict[str, Any]) -> list[Any]:
    timings = entry.get("timings")
    return list(timings.get("words", ())) if isinstance(timings, dict) else []


def _flip(path: Path) -> None:
    """The file edited in place, its size kept: other bytes in its middle."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(b ^ 0x55 for b in data[middle : middle + 16])
    path.write_bytes(bytes(data))


@needs_espeak_library
def test_a_clip_edited_to_the_same_size_gets_no_timings_of_the_audio_it_replaced(
    project: Project,
) -> None:
    """The backfill compares the clip made again with the file on disk, not
    with the manifest's sha256: a clip someone edited (same size) keeps no timings."""
    made = _course(project, ESPEAK)
    (first, second) = sorted(made["clips"], key=lambda c: c["path"])
    edited = project / "public/audio" / first["path"]
    _flip(edited)
    kept = edited.read_bytes()
    summary = project.json("generate")
    assert summary["generated"] == 0, summary
    clips = _by_path(project.manifest())
    assert not _words(clips[first["path"]])
    assert _words(clips[second["path"]]) == _words(second)
    assert edited.read_bytes() == kept  # the person's file is not touched
    entries = {
        e["audioUrl"].removeprefix("/audio/"): e for e in project.read_json("data/shadowing.json")
    }
    assert "segments" not in entries[first["path"]]
    assert entries[second["path"]]["segments"]
    assert not edited.with_suffix(".vtt").exists()


@needs_espeak_library
def test_a_backfill_that_cannot_succeed_is_tried_once_and_the_dry_run_says_its_cost(
    project: Project,
) -> None:
    """A clip another build made (its bytes are not what this build makes)
    is searched for once: the failure is remembered with its file's sha256 and the build,
    the next runs synthesize nothing, and the dry run says what a search costs."""
    made = _course(project, ESPEAK)
    (first, _) = sorted(made["clips"], key=lambda c: c["path"])
    other = project / "public/audio" / first["path"]
    _flip(other)  # another build's bytes, recorded as the clip's
    aged = project.manifest()
    for clip in aged["clips"]:
        if clip["path"] == first["path"]:
            clip["sha256"] = hashlib.sha256(other.read_bytes()).hexdigest()
    (project / "public/audio/manifest.json").write_text(json.dumps(aged), "utf-8")

    dry = project.json("generate", "--dry-run")
    chars = sum(map(len, SENTENCES))
    (cost,) = [n for n in dry["notes"] if "searched for" in n]
    assert f"2 clip(s) ({chars} characters) synthesized again in memory" in cost
    summary = project.json("generate")
    assert any("timings found again for 1 clip(s)" in n for n in summary["notes"])
    assert any("1 clip(s) came out otherwise" in n for n in summary["notes"])
    tried = _by_path(project.manifest())[first["path"]]["timings"]
    assert tried["tried"]["sha256"] == hashlib.sha256(other.read_bytes()).hexdigest()

    assert not [n for n in project.json("generate", "--dry-run")["notes"] if "searched" in n]
    before = project.tree()
    again = project.json("generate")
    assert not [n for n in again["notes"] if "timings" in n], again["notes"]
    assert project.tree() == before
    code, out = project.invoke("verify")  # a clip without timings is no fault of the course
    assert code == 0, out

    # Another build (tts-assets, espeak-ng or the machine) searches again, once.
    manifest = project.manifest()
    for clip in manifest["clips"]:
        if clip["path"] == first["path"]:
            clip["timings"]["tried"]["build"] = "an older build"
    (project / "public/audio/manifest.json").write_text(json.dumps(manifest), "utf-8")
    (cost,) = [n for n in project.json("generate", "--dry-run")["notes"] if "searched" in n]
    assert "1 clip(s)" in cost


@needs_espeak_library
def test_slow_clips_made_before_timings_existed_get_them_and_their_tracks(
    project: Project,
) -> None:
    """A course's slow clips made before clips recorded timings get them
    (stretched again from their clip, once its timings are found), their segments in the
    content and their .vtt, the audio untouched."""
    made = _course(project, ESPEAK.replace("webvtt = true", "webvtt = true\nslow = 0.75"))
    assert len(made["clips"]) == 4
    folder = project / "public/audio"
    audio = {p: p.read_bytes() for p in folder.rglob("*.mp3")}
    summary = project.json("generate")
    assert summary["generated"] == 0, summary
    assert any("timings found again for 4 clip(s)" in n for n in summary["notes"]), summary
    clips = _by_path(project.manifest())
    assert {p: _words(c) for p, c in clips.items()} == {c["path"]: _words(c) for c in made["clips"]}
    assert all(_words(c) for c in clips.values())
    assert audio == {p: p.read_bytes() for p in folder.rglob("*.mp3")}
    for entry in project.read_json("data/shadowing.json"):
        assert entry["segments"] and entry["slowSegments"], entry
        for url in (entry["audioUrl"], entry["slowAudioUrl"]):
            assert project.clip_of(url).with_suffix(".vtt").is_file(), url
    before = project.tree()
    assert project.json("generate")["generated"] == 0
    assert project.tree() == before


# --- 11, 19: Rubber Band that hangs, or is missing --------------------------------------


def _gone(pid: int) -> bool:
    """Whether process `pid` has ended (a zombie waiting for its reaper has)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text("ascii")
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status


@needs_espeak_library
@pytest.mark.skipif(sys.platform == "win32", reason="process groups")
def test_a_rubber_band_that_hangs_is_killed_with_its_children(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stretcher that overruns its time is killed with what it started
    (its process group), as espeak-ng and say are: nothing outlives the run."""
    folder = hanging(tmp_path / "hangs")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    project.config(ESPEAK.replace("webvtt = true", "slow = 0.75"))
    write_json(project / "data/shadowing.json", [{"id": "s0", "text": SENTENCES[0]}])
    pids: list[int] = []
    try:
        summary = project.json("generate", "--timeout", "3", code=1)
        pids = [int(p) for p in (folder / "pids").read_text("ascii").split()]
        assert len(pids) == 2
        (failure,) = summary["failures"]
        assert failure["reason"] == "its slow clip: rubberband timed out after 3 s", failure
        deadline = time.monotonic() + 10
        while not all(map(_gone, pids)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [pid for pid in pids if not _gone(pid)] == []  # the stretcher and its child
    finally:
        for pid in pids:
            _kill(pid)
    entry = project.read_json("data/shadowing.json")[0]
    assert entry["audioUrl"] and "slowAudioUrl" not in entry  # the clip kept, the slow failed


@needs_espeak_library
def test_a_dry_run_with_slow_and_no_rubber_band_stops_as_the_run_would(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dry run finds Rubber Band as the run does: a PR check that runs
    it fails (exit 2, one line saying how to install it) where the run would stop."""
    project.config(ESPEAK.replace("webvtt = true", "slow = 0.75"))
    write_json(project / "data/shadowing.json", [{"id": "s0", "text": SENTENCES[0]}])
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    before = project.tree(folders=True)
    for args in (["--dry-run"], ["--dry-run", "--json"]):
        code, out = project.invoke("generate", *args)
        assert code == 2 and "Traceback" not in out, out
        assert "slow clips need Rubber Band's program: apt-get install rubberband-cli" in out
    assert project.tree(folders=True) == before


# --- 6: a person's recording gets no robot's slow clip ----------------------------------


@needs_espeak_library
def test_a_persons_recording_gets_no_slow_clip_of_another_voice(project: Project) -> None:
    """A text whose URL is a person's recording (under the prefix, or on
    another host) gets no slow clip: the slow button never plays the tool's voice beside
    a native speaker's, a slow URL the tool made there before is cleared, a person's slow
    recording is kept, no failure is invented and verify passes."""
    project.config(ESPEAK.replace("webvtt = true", "slow = 0.75"))
    texts = [*SENTENCES, "We meet at the station."]
    content: list[dict[str, Any]] = [{"id": f"s{n}", "text": t} for n, t in enumerate(texts)]
    write_json(project / "data/shadowing.json", content[:2])
    assert project.json("generate")["generated"] == 4
    made = project.read_json("data/shadowing.json")
    recording = project / "public/audio/recordings/s0.mp3"
    recording.parent.mkdir()
    recording.write_bytes(project.clip_of(made[1]["audioUrl"]).read_bytes())  # a person's
    made[0]["audioUrl"] = "/audio/recordings/s0.mp3"  # recorded after the tool's clip
    cdn = "https://cdn.example.org/native/s2.mp3"
    write_json(project / "data/shadowing.json", [*made, {**content[2], "audioUrl": cdn}])

    summary = project.json("generate")
    assert (summary["generated"], summary["failed"], summary["failures"]) == (0, 0, []), summary
    (note,) = [n for n in summary["notes"] if "person's recording" in n]
    assert note.startswith("2 text(s) keep a person's recording")
    now = project.read_json("data/shadowing.json")
    assert now[0]["audioUrl"] == "/audio/recordings/s0.mp3" and not now[0].get("slowAudioUrl")
    assert now[1]["slowAudioUrl"] == made[1]["slowAudioUrl"]
    assert now[2]["audioUrl"] == cdn and not now[2].get("slowAudioUrl")
    code, out = project.invoke("verify")
    assert code == 0, out

    now[0]["slowAudioUrl"] = "/audio/recordings/s0.mp3"  # the person's own slow reading
    write_json(project / "data/shadowing.json", now)
    assert project.json("generate")["failed"] == 0
    assert project.read_json("data/shadowing.json")[0]["slowAudioUrl"] == now[0]["slowAudioUrl"]

    summary = project.json("generate", "--replace-hand-set-urls")  # the tool's clips wanted
    assert summary["failed"] == 0 and summary["generated"] == 2, summary  # s2's two
    for entry in project.read_json("data/shadowing.json"):
        assert entry["audioUrl"].startswith("/audio/shadowing/"), entry
        assert entry["slowAudioUrl"].startswith("/audio/shadowing/"), entry


# --- 21: a batch of keys no clip needs --------------------------------------------------


@needs_espeak_library
def test_a_batch_of_wrong_keys_stops_before_its_folder_is_claimed(project: Project) -> None:
    """`make_batch` with malformed keys, keys of no clip the content needs,
    or a slow clip's key without its missing clip stops (exit 2) naming one, its folder
    unclaimed: it made nothing and said nothing before. Batches that disagree are merged
    with the batches' advice, not the shards'."""
    import tts_assets
    from tts_assets.errors import InputError

    project.config(ESPEAK.replace("webvtt = true", "slow = 0.75"))
    write_json(
        project / "data/shadowing.json",
        [{"id": f"s{n}", "text": s} for n, s in enumerate(SENTENCES)],
    )
    with working_directory(project):
        settings = tts_assets.load_settings(".")
        missing = tts_assets.missing_clips(settings)
        assert len(missing) == 2 and all(len(m.slow) == 1 for m in missing)
        wrong = [
            (["not-a-key", missing[0].key], "1 key(s) are not content keys"),
            ([missing[0].key, "0" * 32], "1 of its 2 key(s) are of no clip this content needs"),
            ([missing[1].slow[0]], f"is the slow clip of {missing[1].key}, which is missing"),
        ]
        for n, (keys, said) in enumerate(wrong):
            folder = project / f"batches/wrong-{n}"
            with pytest.raises(InputError, match=re.escape(said)):
                tts_assets.make_batch(settings, keys, folder)
            assert not folder.exists()
        first = missing[0]
        made = tts_assets.make_batch(settings, [first.key, *first.slow], project / "batches/b1")
        assert made.generated == 2 and not made.failures
    code, out = project.invoke("merge", "public/audio", "batches/b1")
    assert code == 0, out

    # Another batch that holds other bytes for one of its clips (another course's).
    other = project / "batches/b2"
    shutil.copytree(project / "batches/b1", other)
    manifest = json.loads((other / "manifest.json").read_text("utf-8"))
    clip = manifest["clips"][0]
    _flip(other / clip["path"])
    clip["sha256"] = hashlib.sha256((other / clip["path"]).read_bytes()).hexdigest()
    (other / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    code, out = project.invoke("merge", "public/audio", "batches/b2")
    assert code == 2, out
    assert "merge the batches of one missing_clips only" in out and "--shard" not in out


@needs_espeak_library
def test_a_slow_clip_whose_clip_keeps_no_timings_is_not_searched(project: Project) -> None:
    """A slow clip is searched for only from its clip's timings: when its
    clip's search came out otherwise (a file edited), the slow clip is left as it is, not
    counted as one that came out otherwise, and neither is tried again."""
    made = _course(project, ESPEAK.replace("webvtt = true", "webvtt = true\nslow = 0.75"))
    normal, slow = sorted(
        (c for c in made["clips"] if c["text"] == SENTENCES[0]), key=lambda c: c["duration"]
    )
    _flip(project / "public/audio" / normal["path"])
    dry = project.json("generate", "--dry-run")["notes"]
    assert any("2 clip(s)" in n and "2 slow clip(s) stretched again" in n for n in dry), dry
    summary = project.json("generate")
    (note,) = [n for n in summary["notes"] if "timings found again" in n]
    assert note.startswith("timings found again for 2 clip(s)"), note
    assert "; 1 clip(s) came out otherwise" in note, note
    clips = _by_path(project.manifest())
    assert not _words(clips[normal["path"]]) and clips[slow["path"]].get("timings") is None
    assert all(_words(c) for p, c in clips.items() if p not in (normal["path"], slow["path"]))
    assert not [n for n in project.json("generate", "--dry-run")["notes"] if "searched" in n]


KOKORO = """
webvtt = true
slow = 0.75
type = "shadowing"

[types.shadowing]
file = "shadowing.json"
fields = [{ text = "text", url = "audioUrl", segments = "segments" }]
"""


def test_kokoro_slow_clips_made_before_timings_existed_get_them_and_their_tracks(
    project: Project,
) -> None:
    """On the default provider: a Japanese course's slow clips made before
    clips recorded timings get them (words and morae), their tracks and `slowSegments`,
    from their clips' timings found again, the audio untouched."""
    project.config(KOKORO)
    content = [{"id": "s0", "text": "毎朝、私は七時に起きます。"}]
    write_json(project / "data/shadowing.json", content)
    assert project.json("generate")["generated"] == 2
    made: dict[str, Any] = project.manifest()
    _age(project, made)
    write_json(project / "data/shadowing.json", content)
    for track in (project / "public/audio").rglob("*.vtt"):
        track.unlink()
    audio = {p: p.read_bytes() for p in (project / "public/audio").rglob("*.mp3")}

    summary = project.json("generate")
    assert summary["generated"] == 0, summary
    assert any("timings found again for 2 clip(s)" in n for n in summary["notes"]), summary
    clips = _by_path(project.manifest())
    assert {p: c["timings"] for p, c in clips.items()} == {
        c["path"]: c["timings"] for c in made["clips"]
    }
    assert all(w.get("morae") for c in clips.values() for w in _words(c))
    assert audio == {p: p.read_bytes() for p in (project / "public/audio").rglob("*.mp3")}
    (entry,) = project.read_json("data/shadowing.json")
    assert entry["segments"] and entry["slowSegments"]
    assert entry["slowSegments"][-1]["end"] > entry["segments"][-1]["end"]
    for url in (entry["audioUrl"], entry["slowAudioUrl"]):
        assert project.clip_of(url).with_suffix(".vtt").is_file(), url


def test_a_kill_between_a_paid_answer_and_its_clip_bills_it_once(project: Project) -> None:
    """A kill that lands after the server answered, before its clip is
    finished and stored (the moment the answer is kept in the staging folder), bills
    nothing again: the next run makes the clip from the kept answer, and a run that made
    every clip forgets the answers."""
    project.config(SHADOWING)
    texts = [f"{n}番目の文を毎朝読みます。" for n in range(1, 5)]
    write_json(
        project / "data/shadowing.json", [{"id": f"s{n}", "text": t} for n, t in enumerate(texts)]
    )
    kept = project / "public/audio/.temp-audio/paid-answers"
    unstored = 0
    with FakeElevenLabs(api_key=KEY, max_concurrent=3) as server:
        env = {**os.environ, "ELEVENLABS_API_KEY": KEY, "ELEVENLABS_BASE_URL": server.base_url}
        argv = [sys.executable, "-m", "tts_assets", "generate", "--concurrency", "2"]

        def kept_since(started: float) -> bool:
            return any(p.stat().st_mtime >= started for p in kept.glob("*.json"))

        for cycle in range(len(texts) - 1):
            clips = _clips(project)
            server.hold_after(1)  # one more answer, then every request waits
            started = time.time() - 0.01
            run = subprocess.Popen(argv, cwd=project, env=env, stderr=subprocess.DEVNULL)
            try:
                with _sigkilled(run):
                    _wait(lambda s=started: kept_since(s), run, "an answer kept")
            finally:
                server.release_hold()
            unstored += _clips(project) == clips  # killed before its clip was stored
            twice = {t: n for t, n in server.answered().items() if n > 1}
            assert not twice, f"cycle {cycle}: billed twice: {twice}"
        done = subprocess.run(argv, cwd=project, env=env, capture_output=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        assert server.answered() == {t: 1 for t in texts}
    assert unstored >= 1  # the window was hit: a kept answer made its clip
    assert not kept.exists()  # a run that made every clip keeps no answer
    code, out = project.invoke("verify")
    assert code == 0, out
