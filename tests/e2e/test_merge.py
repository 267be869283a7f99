"""`merge`: shard folders joined into one out dir, checked, all or nothing, idempotent.

The shard folders here are filled through the store, as a shard's run fills its own
(staged, renamed, listed in the manifest), with real MP3 clips of a tone (tts-assets'
own encoder): a merge checks the bytes against the manifest and that they are a whole
clip. The end-to-end test with real espeak runs in separate processes is
tests/e2e/test_sharded_run.py.
"""

from __future__ import annotations

import functools
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import fault_provider
from tests.support.manifests import comparable, is_database, read_manifest, write_manifest
from tests.support.project import tree
from tts_assets.audio.samples import Audio
from tts_assets.commands.merge import merge
from tts_assets.commands.single import render
from tts_assets.errors import InputError, LockedError
from tts_assets.store import lock
from tts_assets.store.database import DATABASE_NAME
from tts_assets.store.manifest import MANIFEST_NAME, Store, StoredClip, sha256


def _clip(text: str, type_name: str = "grammar", salt: str = "") -> tuple[StoredClip, bytes]:
    key = hashlib.sha256(text.encode()).hexdigest()[:32]
    data = _audio(text, salt)
    entry = StoredClip(
        key, f"{type_name}/{key}.mp3", text, "espeak", "ja", 1.2, len(data), sha256(data)
    )
    return entry, data


@functools.cache
def _audio(text: str, salt: str) -> bytes:
    """A real MP3 of a tone as long as `text` plausibly lasts (`salt`: played backwards,
    so other bytes for the same text)."""
    speech = fault_provider.speech(text)
    if salt:
        speech = Audio(speech.samples[::-1].copy(), speech.sample_rate)
    return render(speech)


def _fill(folder: Path, texts: list[str], **kw: str) -> list[StoredClip]:
    folder.mkdir(parents=True, exist_ok=True)
    store = Store(folder, folder.parent / ".temp-audio")
    entries = []
    for text in texts:
        entry, data = _clip(text, **kw)
        entries.append(store.put(entry.path, data, entry))
    store.flush()
    store.clean_staging()
    return entries


def _manifest(folder: Path) -> list[dict[str, object]]:
    clips: list[dict[str, object]] = read_manifest(folder)["clips"]
    return clips


def _manifest_files(folder: Path) -> set[str]:
    """The files of `folder`'s manifest: manifest.json, and the database it names."""
    return {MANIFEST_NAME, DATABASE_NAME} if is_database(folder) else {MANIFEST_NAME}


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_shards_clips_and_entries_are_joined_into_the_out_dir(work: Path) -> None:
    a = _fill(work / "shards/1", ["やま", "かわ"])
    b = _fill(work / "shards/2", ["うみ"], type_name="vocabulary")
    c = _fill(work / "shards/3", [])  # a shard with nothing to make
    assert c == []
    report = merge(work / "out", [work / "shards/1", work / "shards/2", work / "shards/3"])
    entries = sorted([*a, *b], key=lambda e: e.path)
    assert _manifest(work / "out") == [vars(e) for e in entries]
    out = tree(work / "out")
    for e in entries:
        assert out[e.path] == _clip(e.text, e.path.split("/")[0])[1]
    assert set(out) == {*_manifest_files(work / "out"), *(e.path for e in entries)}
    assert report.copied == 3 and report.present == 0 and not report.repaired
    assert report.taken == {
        str(work / "shards/1"): sorted(e.path for e in a),
        str(work / "shards/2"): [b[0].path],
    }
    assert report.lines()[-1].startswith(
        f"merged 3 shard folder(s) into {work / 'out'}: 3 clips copied, 0 already there"
    )
    assert not (work / ".temp-audio").exists()


def test_a_second_merge_changes_nothing(work: Path) -> None:
    _fill(work / "shards/1", ["やま", "かわ"])
    _fill(work / "shards/2", ["うみ"])
    shards = [work / "shards/1", work / "shards/2"]
    merge(work / "out", shards)
    before = {p: p.stat().st_mtime_ns for p in (work / "out").rglob("*")}
    content = tree(work / "out")
    report = merge(work / "out", shards)
    assert report.copied == 0 and report.present == 3
    assert {p: p.stat().st_mtime_ns for p in (work / "out").rglob("*")} == before
    assert tree(work / "out") == content


def test_the_out_dirs_own_clips_are_kept_and_the_shards_added(work: Path) -> None:
    own = _fill(work / "out", ["そら", "やま"])
    new = _fill(work / "shards/1", ["やま", "はな"])  # やま: the same clip, already there
    report = merge(work / "out", [work / "shards/1"])
    assert report.copied == 1 and report.present == 1
    paths = sorted({e.path for e in [*own, *new]})
    assert [c["path"] for c in _manifest(work / "out")] == paths


def test_one_clip_in_two_shards_is_taken_once(work: Path) -> None:
    _fill(work / "shards/1", ["やま"])
    _fill(work / "shards/2", ["やま", "かわ"])
    report = merge(work / "out", [work / "shards/1", work / "shards/2"])
    assert report.copied == 2 and len(_manifest(work / "out")) == 2


def _refused(work: Path, shards: list[Path], says: str) -> str:
    before = tree(work)
    with pytest.raises(InputError) as e:
        merge(work / "out", shards)
    message = str(e.value)
    assert says in message and "\n" not in message
    assert tree(work) == before, "a refused merge changed files"
    return message


def test_two_shards_with_different_clips_for_one_path_are_refused(work: Path) -> None:
    """Piper's clips differ run to run: shards that overlapped made one path twice."""
    _fill(work / "shards/1", ["やま"])
    _fill(work / "shards/2", ["かわ", "やま"], salt="another run")
    path = _clip("やま")[0].path
    message = _refused(work, [work / "shards/1", work / "shards/2"], "hold different clips")
    assert message.startswith(f"{path}: {work / 'shards/1'} and {work / 'shards/2'} hold")
    assert "leave one of the two out" in message
    assert not (work / "out").exists()


def test_a_shard_conflicting_with_an_intact_clip_of_the_out_dir_is_refused(work: Path) -> None:
    _fill(work / "out", ["やま", "そら"])
    _fill(work / "shards/1", ["かわ", "やま"], salt="another run")
    message = _refused(work, [work / "shards/1"], "hold different clips")
    assert message.startswith(f"{_clip('やま')[0].path}: {work / 'out'} and {work / 'shards/1'}")


@pytest.mark.parametrize("damage", ["missing", "truncated", "changed"])
def test_a_missing_or_damaged_clip_of_the_out_dir_is_repaired(work: Path, damage: str) -> None:
    (own,) = _fill(work / "out", ["やま"])
    target = work / "out" / own.path
    if damage == "missing":
        target.unlink()
    elif damage == "truncated":
        target.write_bytes(target.read_bytes()[:100])
    else:
        target.write_bytes(bytes(len(target.read_bytes())))
    (made,) = _fill(work / "shards/1", ["やま"], salt="made again")
    report = merge(work / "out", [work / "shards/1"])
    assert report.repaired == [own.path] and report.copied == 1
    assert _manifest(work / "out") == [vars(made)]
    assert sha256(target.read_bytes()) == made.sha256


@pytest.mark.parametrize("damage", ["missing", "changed", "truncated"])
def test_a_shard_file_that_does_not_match_its_manifest_is_refused(work: Path, damage: str) -> None:
    _fill(work / "shards/1", ["そら"])
    (entry,) = _fill(work / "shards/2", ["やま"])
    target = work / "shards/2" / entry.path
    if damage == "missing":
        target.unlink()
        says = "is in its manifest but the file is missing"
    else:
        data = target.read_bytes()
        target.write_bytes(data[:-1] if damage == "truncated" else bytes(len(data)))
        says = "differs from its manifest entry"
    message = _refused(work, [work / "shards/1", work / "shards/2"], says)
    assert message.startswith(f"{work / 'shards/2'}: {entry.path} ")
    assert "run that shard again, or merge without its folder" in message


@pytest.mark.parametrize(
    "path", ["../../evil.mp3", "grammar/../../evil.mp3", "/tmp/x.mp3", "a.mp3"]
)
def test_a_manifest_path_tts_assets_does_not_write_is_refused(work: Path, path: str) -> None:
    _fill(work / "shards/1", ["やま"])
    doc = read_manifest(work / "shards/1")
    doc["clips"][0]["path"] = path
    write_manifest(work / "shards/1", doc)
    message = _refused(work, [work / "shards/1"], "which is not a clip path tts-assets writes")
    assert message.startswith(f"{work / 'shards/1'}: its manifest lists {path!r}")
    assert not (work.parent / "evil.mp3").exists()


def test_a_shard_manifest_that_is_not_one_is_refused(work: Path) -> None:
    (work / "shards/1").mkdir(parents=True)
    (work / "shards/1" / MANIFEST_NAME).write_text("{ not json", encoding="utf-8")
    _refused(work, [work / "shards/1"], "not a tts-assets manifest")


@pytest.mark.parametrize(
    ("folders", "says"),
    [
        (["shards/9"], f"{Path('shards/9')}: no such shard folder"),  # shards\\9 on Windows
        (["shards/1", "shards/1/"], "given twice"),
        (["out"], "cannot be the out dir"),
        ([], "no shard folders given"),
    ],
)
def test_wrong_folders_are_refused(work: Path, folders: list[str], says: str) -> None:
    _fill(work / "shards/1", ["やま"])
    (work / "out").mkdir()
    _refused(work, [work / f for f in folders], says)


def test_a_killed_shards_leftovers_are_not_taken(work: Path) -> None:
    """A shard killed after a rename, before its manifest named the file: not merged."""
    (listed,) = _fill(work / "shards/1", ["やま"])
    stray, data = _clip("かわ")
    (work / "shards/1" / stray.path).write_bytes(data)
    (work / ".temp-audio").mkdir()
    (work / ".temp-audio" / "999999-half.part").write_bytes(b"half")
    report = merge(work / "out", [work / "shards/1"])
    assert report.copied == 1
    assert set(tree(work / "out")) == {*_manifest_files(work / "out"), listed.path}


@pytest.mark.parametrize("held", ["out", "shards/2"])
def test_a_folder_another_run_is_writing_is_waited_for_or_refused(work: Path, held: str) -> None:
    _fill(work / "shards/1", ["やま"])
    _fill(work / "shards/2", ["かわ"])
    (work / "out").mkdir()
    before = tree(work)
    with lock.locked([work / held]), pytest.raises(LockedError) as e:
        merge(work / "out", [work / "shards/1", work / "shards/2"])
    assert str(e.value).startswith(f"{(work / held).resolve()}: another tts-assets run")
    assert tree(work) == before


# --- a merge killed at random moments ----------------------------------------------

MERGER = """
import sys
from pathlib import Path
from tts_assets.commands.merge import merge
merge(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
"""

HELD_MERGER = (
    """
import time
from tts_assets.store.manifest import Store
put, made = Store.put, [0]
def held(self, *args, **kwargs):
    made[0] += 1
    while made[0] > AFTER:  # waits here until killed
        time.sleep(0.01)
    return put(self, *args, **kwargs)
Store.put = held
"""
    + MERGER
)
"""MERGER whose clips after the first AFTER wait for ever: the test kills it there."""


def _copied(out: Path) -> int:
    """The clip files in place in `out` (not the manifest)."""
    if not out.is_dir():
        return 0
    return sum(p.is_file() and not p.name.startswith("manifest.") for p in out.rglob("*"))


@pytest.mark.slow
def test_a_merge_killed_at_any_moment_loses_nothing_and_a_rerun_finishes(work: Path) -> None:
    texts = [f"ことば{n}" for n in range(600)]
    for k in range(3):
        _fill(work / f"shards/{k}", texts[k::3])
    shards = [str(work / f"shards/{k}") for k in range(3)]
    merge(work / "clean", [Path(s) for s in shards])
    clean = comparable(work / "clean", tree(work / "clean"))

    def run(script: str = MERGER) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-c", script, str(work / "out"), *shards])

    started = time.monotonic()
    run().wait()
    full = time.monotonic() - started
    rng = random.Random(16)
    moments: list[tuple[int, int]] = []
    for trial in range(7):
        for leftover in (work / "out", work / ".temp-audio"):
            subprocess.run(["rm", "-rf", str(leftover)], check=True)
        if trial < 6:
            proc = run()
            time.sleep(full * (trial + rng.random()) / 6)
        else:  # a kill the test places itself: 100 clips copied, the next one held
            proc = run(HELD_MERGER.replace("AFTER", "100"))
            fault_provider.wait_until(lambda: _copied(work / "out") >= 100, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # Whatever the moment: every listed clip is whole.
        listed = _manifest(work / "out") if (work / "out" / MANIFEST_NAME).exists() else []
        for entry in listed:
            data = (work / "out" / str(entry["path"])).read_bytes()
            assert sha256(data) == entry["sha256"]
        files = _copied(work / "out")
        moments.append((files, len(listed)))
        assert run().wait() == 0
        assert comparable(work / "out", tree(work / "out")) == clean
    # The kills did land while clips were being copied, not only before or after: the
    # held one always does, whatever the machine's load.
    assert 100 <= moments[-1][0] < len(texts), moments
