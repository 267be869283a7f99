"""The store: staged writes, manifest round trip, resume trusting manifest plus size."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.sweep import check_each
from tts_assets.audio import AudioSettings
from tts_assets.errors import InputError
from tts_assets.planning.plan import PIPELINE_VERSION, Voice, content_key
from tts_assets.store.files import create_in
from tts_assets.store.layout import KEY_LENGTH
from tts_assets.store.manifest import MANIFEST_VERSION, Store, StoredClip, sha256

ABC_KEY = "abc" * 10 + "ab"
ABC = f"kanji/{ABC_KEY}.mp3"
"""A clip's path (a manifest read again holds only clip paths, TYPE/KEY.EXT)."""


def _clip(key: str, data: bytes) -> StoredClip:
    return StoredClip(
        key=key,
        path="",
        text="かつ",
        provider="kokoro",
        voice="jf_alpha",
        duration=0.5,
        bytes=len(data),
        sha256=sha256(data),
    )


def test_put_renames_into_place_and_records_after_flush(tmp_path: Path) -> None:
    store = Store(tmp_path / "out", tmp_path / ".temp-audio")
    store.put(ABC, b"audio-bytes", _clip(ABC_KEY, b"audio-bytes"))
    assert (tmp_path / f"out/{ABC}").read_bytes() == b"audio-bytes"
    # Only the proof it made the file (and the folder's .gitignore).
    (journal,) = [p for p in (tmp_path / ".temp-audio").iterdir() if p.name != ".gitignore"]
    assert journal.name.startswith(f"made-{os.getpid()}-") and journal.suffix == ".log"
    (line,) = journal.read_text(encoding="utf-8").splitlines()  # and what it made
    noted = json.loads(line)
    assert noted["path"] == ABC and noted["clip"]["sha256"] == sha256(b"audio-bytes")
    assert not (tmp_path / "out/manifest.json").exists()  # written on flush only
    store.flush()
    # The manifest vouches now.
    assert [p.name for p in (tmp_path / ".temp-audio").iterdir()] == [".gitignore"]
    doc = json.loads((tmp_path / "out/manifest.json").read_text(encoding="utf-8"))
    assert doc["clips"][0]["path"] == ABC
    assert doc["clips"][0]["sha256"] == sha256(b"audio-bytes")
    again = Store(tmp_path / "out", tmp_path / ".temp-audio")
    assert again.is_present(ABC, ABC_KEY)


def test_present_needs_manifest_entry_same_key_and_same_size(tmp_path: Path) -> None:
    store = Store(tmp_path / "out", tmp_path / "tmp")
    (tmp_path / "out/kanji").mkdir(parents=True)
    (tmp_path / "out/kanji/orphan.mp3").write_bytes(b"x")
    assert not store.is_present("kanji/orphan.mp3", "orphan")  # exists, not recorded
    store.put("kanji/abc.mp3", b"12345", _clip("abc", b"12345"))
    assert store.is_present("kanji/abc.mp3", "abc")
    assert not store.is_present("kanji/abc.mp3", "other-key")
    (tmp_path / "out/kanji/abc.mp3").write_bytes(b"123")  # truncated behind our back
    assert not store.is_present("kanji/abc.mp3", "abc")
    (tmp_path / "out/kanji/abc.mp3").unlink()
    assert not store.is_present("kanji/abc.mp3", "abc")


def test_a_broken_manifest_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out/manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest\.json: not a tts-assets manifest"):
        Store(tmp_path / "out", tmp_path / "tmp")


def test_manifest_entries_read_back_as_the_clips_put(tmp_path: Path) -> None:
    store = Store(tmp_path / "out", tmp_path / "tmp")
    store.serving = "set-a"
    data = b"abc"
    put = store.put("kanji/" + "a" * KEY_LENGTH + ".mp3", data, _clip("a" * KEY_LENGTH, data))
    store.flush()
    again = Store(tmp_path / "out", tmp_path / "tmp")
    read = again.get(put.path)
    assert read == put and read is not None
    assert read.sets == ("set-a",) and read.lang is None  # a field left out has its default
    assert [c.path for c in again] == [put.path]


def test_a_manifest_entry_that_is_no_clip_is_an_input_error(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(entry: object, why: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        (tmp_path / "out").mkdir()
        (tmp_path / "out/manifest.json").write_text(
            json.dumps({"version": MANIFEST_VERSION, "clips": [entry]}), encoding="utf-8"
        )
        with pytest.raises(InputError, match=f"not a tts-assets manifest .*{why}"):
            Store(tmp_path / "out", tmp_path / "tmp")

    check_each(
        case,
        [
            ({"key": "k", "path": "p", "text": "t"}, "not a clip's record"),  # fields missing
            ({**_clip("k", b"x").__dict__, "extra": 1}, "not a clip's record"),
            ("a string", "not a clip's record"),
        ],
    )


def test_a_record_with_a_wrong_field_is_left_out_named_and_its_file_proven_the_tools(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """One record's field of the wrong type leaves that record out, named
    with the field; the other records are read. Its file holds the bytes it records:
    the note says the next run records it again from the file, without synthesis."""

    def case(field: str, value: object, why: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        store = Store(tmp_path / "out", tmp_path / "tmp")
        kept = store.put(f"kanji/{'a' * KEY_LENGTH}.mp3", b"aa", _clip("a" * KEY_LENGTH, b"aa"))
        damaged = store.put(ABC, b"bb", _clip(ABC_KEY, b"bb"))
        store.flush()
        doc = json.loads((tmp_path / "out/manifest.json").read_text(encoding="utf-8"))
        index = [c["path"] for c in doc["clips"]].index(ABC)
        doc["clips"][index][field] = value
        (tmp_path / "out/manifest.json").write_text(json.dumps(doc), encoding="utf-8")

        again = Store(tmp_path / "out", tmp_path / "tmp")
        assert list(again) == [kept]
        assert not again.is_present(ABC, ABC_KEY)  # made again by the next run
        (note,) = again.damage_notes()
        where = ABC if field != "path" else f"clips › [{index}]"
        assert note.startswith(f"{again.manifest_path}: the record of {where} is damaged ({why}")
        assert note.endswith(
            f"its file {ABC} holds the bytes it records: tts-assets generate records it again "
            "from the file, nothing synthesized or billed"
        )
        assert again.vouching(ABC, ABC_KEY) is again.damaged[0]
        assert ABC in again.made_by_runs()  # prune may delete its file once nothing needs it
        again.flush()  # the next manifest written leaves it out
        assert [c["path"] for c in json.loads(again.manifest_path.read_text())["clips"]] == [
            kept.path
        ]
        assert damaged.path == ABC

    check_each(
        case,
        [
            ("sets", "a", "sets: a string, not a list of strings"),
            ("bytes", True, "bytes: true, not a count of bytes"),
            ("duration", "0.5", "duration: a string, not a number of seconds"),
            ("path", ["kanji"], "path: a list, not a string"),
            ("timings", {"words": [{"start": 0, "end": 9}]}, "timings › words › [0] › text: null"),
            ("pitch", {"pattern": "LH", "kana": ["ア"]}, "pitch › kana: a list, not a string"),
            (
                "measures",
                {
                    "duration": 1,
                    "speech": 1,
                    "peak": 1,
                    "lufs": -20,
                    "loudest_dbfs": -9,
                    "waveform": "!" * 64,
                },
                "measures › waveform: a string, not a waveform of 64 base64 characters",
            ),
        ],
    )


def test_a_manifest_none_of_whose_records_can_be_read_is_a_damaged_manifest(
    tmp_path: Path,
) -> None:
    """Every clip made again would cost what `rebuild-manifest` does for nothing."""
    (tmp_path / "out").mkdir()
    entry = {**_clip(ABC_KEY, b"x").__dict__, "path": ABC, "lang": ["ja"]}
    (tmp_path / "out/manifest.json").write_text(
        json.dumps({"version": MANIFEST_VERSION, "clips": [entry]}), encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        Store(tmp_path / "out", tmp_path / "tmp")
    assert str(info.value) == (
        f"{tmp_path / 'out/manifest.json'}: not a tts-assets manifest ({ABC}: lang: a list, "
        "not a string; no record can be read); run tts-assets rebuild-manifest (it rebuilds "
        "it from the clip files, nothing is synthesized)"
    )


def test_clean_staging_removes_dead_runs_leftovers_only(tmp_path: Path) -> None:
    staging = tmp_path / ".temp-audio"
    staging.mkdir()
    dead = staging / "999999999-abc.part"
    dead.write_bytes(b"half")
    live = staging / "1-def.part"  # pid 1 is alive
    live.write_bytes(b"in progress")
    Store(tmp_path / "out", staging).clean_staging()
    assert not dead.exists()
    assert live.exists()


def test_a_put_during_a_flush_is_written_by_the_next_flush(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Worker threads put clips while the event loop flushes: a put that lands while the
    # manifest is being written must not be marked as written.
    import tts_assets.store.manifest as store_module

    store = Store(tmp_path / "out", tmp_path / "tmp")
    store.put("a/1.mp3", b"one", _clip("1", b"one"))
    real_write = store_module.write_atomic

    def write_then_put(*args: object, **kwargs: object) -> None:
        real_write(*args, **kwargs)  # type: ignore[arg-type]
        monkeypatch.setattr(store_module, "write_atomic", real_write)
        store.put("a/2.mp3", b"two", _clip("2", b"two"))

    monkeypatch.setattr(store_module, "write_atomic", write_then_put)
    store.flush()
    store.flush()
    paths = {
        c["path"]
        for c in json.loads((tmp_path / "out/manifest.json").read_text(encoding="utf-8"))["clips"]
    }
    assert paths == {"a/1.mp3", "a/2.mp3"}


def test_a_staging_folder_another_run_removed_meanwhile_is_made_again(tmp_path: Path) -> None:
    """Runs sharing a staging folder (N shards on one machine) each remove it when they
    end and it is empty: between one run's mkdir and its create, it may be gone."""
    staging = tmp_path / ".temp-audio"
    removals = []

    def create() -> int:
        if not removals:
            removals.append(staging)
            staging.rmdir()  # another run's clean_staging, at the worst moment
        return os.open(staging / "1-x.part", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)

    os.close(create_in(staging, create))
    assert removals and (staging / "1-x.part").is_file()


def test_a_missing_file_in_an_existing_staging_folder_is_not_retried(tmp_path: Path) -> None:
    calls = []

    def create() -> int:
        calls.append(1)
        return os.open(tmp_path / "no/such/folder/x", os.O_WRONLY | os.O_CREAT, 0o600)

    with pytest.raises(FileNotFoundError):
        create_in(tmp_path, create)
    assert len(calls) == 1


@given(
    spoken=st.text(),
    lang=st.sampled_from(["ja", "en-US", "zh"]),
    speed=st.floats(min_value=0.5, max_value=2.0),
    pieces=st.integers(min_value=1, max_value=40),
    phonemes=st.none() | st.lists(st.text()),
    kind=st.sampled_from(["text", "reading", "kana"]),
    take=st.integers(min_value=0, max_value=3),
    reading=st.none() | st.text(),
    identity=st.dictionaries(st.text(), st.text(), max_size=3),
)
def test_the_content_key_hashes_exactly_the_material_dict(
    spoken: str,
    lang: str,
    speed: float,
    pieces: int,
    phonemes: list[str] | None,
    kind: str,
    take: int,
    reading: str | None,
    identity: dict[str, str],
) -> None:
    # The key must stay the plain dict's JSON, or every stored clip would be made again.
    voice = Voice("kokoro", "jf_alpha", identity)
    audio = AudioSettings(format="ogg", lead_ms=20)
    args = (spoken, lang, voice, speed, audio, pieces, phonemes, kind, take, reading)
    expected = hashlib.sha256(reference_material(*args)).hexdigest()[:KEY_LENGTH]
    assert content_key(*args) == expected


def reference_material(
    spoken: str,
    lang: str,
    voice: Voice,
    speed: float,
    audio: AudioSettings,
    pieces: int,
    phonemes: list[str] | None = None,
    kind: str = "text",
    take: int = 0,
    reading: str | None = None,
) -> bytes:
    """The bytes `content_key` must hash: json.dumps of the material as one dict."""
    material: dict[str, object] = {
        "text": spoken,
        "lang": lang,
        "provider": voice.provider,
        "voice": voice.voice,
        "model": dict(voice.identity),
        "speed": round(speed, 4),
        "audio": audio.key_fields(),
        "pieces": pieces,
        "pipeline": PIPELINE_VERSION,
    }
    if phonemes is not None:
        material["phonemes"] = list(phonemes)
    if kind == "kana":
        material["kind"] = kind
    if take:
        material["take"] = take
    if reading is not None:
        material["reading"] = reading
    return json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")


KEY = "0123456789abcdef0123456789abcdef"


def test_a_killed_runs_clips_are_proven_its_until_a_run_records_them(tmp_path: Path) -> None:
    """A file the manifest does not list is the tool's only if a run noted making
    it; the note outlives a killed run and goes once the clips are recorded again."""
    out, staging = tmp_path / "out", tmp_path / ".temp-audio"
    killed = Store(out, staging)
    killed.put(f"kanji/{KEY}.mp3", b"audio", _clip(KEY, b"audio"))  # no flush: killed
    (out / "kanji" / f"{'ab' * 16}.mp3").write_bytes(b"a predecessor's")
    later = Store(out, staging)
    assert later.made_by_runs() == {f"kanji/{KEY}.mp3"}
    (journal,) = staging.glob("made-*.log")
    # A process id that no longer runs (Windows has no `true`: a Python that does nothing)
    child = subprocess.Popen([sys.executable, "-c", ""] if sys.platform == "win32" else ["true"])
    child.wait()
    moved = journal.with_name(f"made-{child.pid}-0.log")
    journal.rename(moved)
    later.clean_staging()
    assert moved.exists()  # its clip is not recorded yet: prune needs the proof
    later.put(f"kanji/{KEY}.mp3", b"audio", _clip(KEY, b"audio"))  # the rerun makes it
    later.flush()
    later.clean_staging()
    assert not moved.exists() and not staging.exists()
    assert later.made_by_runs() == set()


def test_a_killed_runs_clips_are_taken_back_when_their_files_hold_them(tmp_path: Path) -> None:
    """A clip put in place is journaled with its entry first: the next store
    lists it (a paid clip is never made again) when the file holds the journaled bytes,
    and keeps the journal until a manifest on disk lists it."""
    out, staging = tmp_path / "out", tmp_path / ".temp-audio"
    killed = Store(out, staging)
    paths = [f"kanji/{n:032x}.mp3" for n in range(4)]
    for n, rel in enumerate(paths):
        data = f"audio {n}".encode()
        killed.put(rel, data, _clip(rel[6:38], data))  # no flush: killed
    (out / paths[1]).write_bytes(b"audio 9")  # edited by hand, same size: not the clip
    (out / paths[2]).unlink()  # gone
    (journal,) = staging.glob("made-*.log")
    journal.write_text(  # a line a crash cut, and a path alone (an older build's line)
        journal.read_text("utf-8") + '{"path": "kanji/' + "\n" + paths[3] + "\n", "utf-8"
    )
    child = subprocess.Popen([sys.executable, "-c", ""] if sys.platform == "win32" else ["true"])
    child.wait()
    journal = journal.rename(journal.with_name(f"made-{child.pid}-0.log"))  # its run is gone
    later = Store(out, staging)
    assert [rel for rel in paths if later.is_present(rel, rel[6:38])] == [paths[0], paths[3]]
    assert later.made_by_runs() == set(paths)
    later.clean_staging()
    assert journal.exists()  # the manifest on disk lists none of them yet
    later.flush()
    assert [c.path for c in Store(out, staging)] == [paths[0], paths[3]]
    later.clean_staging()
    assert journal.exists()  # it still proves paths[1] the tool's, for prune
    later.drop(paths[1])
    later.flush()
    later.clean_staging()
    assert not staging.exists()


def test_asking_whether_a_run_is_alive_leaves_it_running() -> None:
    """A run's own pid: alive, and still running after the question (on Windows,
    os.kill(pid, 0) would have ended it)."""
    from tts_assets.store.lock import alive

    assert alive(os.getpid())
    assert alive(os.getpid())


def test_a_clip_s_webvtt_track_is_the_tool_s_own_file_beside_it() -> None:
    from tts_assets.store.layout import is_track_path, own_file, track_path

    rel = f"grammar/{'a' * 32}.mp3"
    assert track_path(rel) == f"grammar/{'a' * 32}.vtt"
    assert is_track_path(track_path(rel)) and not is_track_path(rel)
    assert not is_track_path("grammar/notes.vtt")  # a person's file is not one
    assert own_file(Path("public/audio") / track_path(rel)) == "a clip's WebVTT track"
    assert own_file(Path("data/grammar/notes.vtt")) is None
