"""`tts-assets say TEXT`: one text said as a run says it, before a teacher puts
it in the course: what it is said as, and its clip, the very bytes a run stores for it, on
Kokoro's real path; the course itself untouched."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project
from tts_assets.content.rotation import turn

pytestmark = pytest.mark.slow

CONFIG = 'lang = "ja"\nslow = 0.75\n'
SENTENCE = "今日は雨が降っています。"
GRAMMAR = [{"id": "g1", "examples": [{"japanese": SENTENCE}]}]
WORDS = [{"id": "v1", "word": "辛い", "reading": "からい"}]


@pytest.fixture
def course(project: Project) -> Project:
    """A small course after one real run: a sentence, a word with its reading, slow twins."""
    project.gen({"data/grammar.json": GRAMMAR, "data/vocabulary.json": WORDS}).config(CONFIG)
    assert project.json("generate", "--type", "grammar,vocabulary")["failed"] == 0
    return project


def stored(project: Project, url: str) -> dict[str, object]:
    """The manifest's record of the clip `url` names."""
    path = url.removeprefix("/audio/")
    (record,) = [c for c in project.manifest()["clips"] if c["path"] == path]
    return dict(record)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_text_is_said_and_made_as_the_run_made_it(course: Project, tmp_path: Path) -> None:
    before = course.tree()
    out = tmp_path / "said.mp3"
    said = course.json("say", SENTENCE, "-o", str(out))
    record = stored(course, course.url_of("grammar.json", 0, "examples", 0, "audioUrl"))
    assert said["key"] == record["key"] and sha(out) == record["sha256"]
    assert said["reading"] == record["reading"] and said["phonemes"] == record["phonemes"]
    assert said["said"] == record["spoken"] and said["verdict"] == record["verdict"]
    assert course.tree() == before  # nothing of the course read back or written


def test_a_reading_and_the_slow_twin_are_those_of_the_run(course: Project, tmp_path: Path) -> None:
    out = tmp_path / "slow.mp3"
    said = course.json("say", "辛い", "--reading", "からい", "--slow", "0.75", "-o", str(out))
    record = stored(course, course.url_of("vocabulary.json", 0, "slowAudioUrl"))
    assert said["key"] == record["key"] and sha(out) == record["sha256"]
    assert said["slow"] == 0.75 and "からい" in json.dumps(said, ensure_ascii=False)


def test_a_text_a_run_would_refuse_is_exit_1_with_its_reason(
    course: Project, tmp_path: Path
) -> None:
    out = tmp_path / "de.mp3"
    said = course.json("say", "Das ist ein ganz normaler deutscher Satz.", "-o", str(out), code=1)
    assert "not Japanese" in said["refused"]
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "."], "is a folder"),
        (["-o", "clip.wav"], "expected a file ending .mp3"),
        (["-o", "data/grammar.json/x.mp3"], "is a file, not a folder"),
    ],
)
def test_a_wrong_output_is_exit_2_before_anything_is_made(
    project: Project, args: list[str], said: str
) -> None:
    project.gen({"data/grammar.json": GRAMMAR})
    before = project.tree(folders=True)
    code, out = project.invoke("say", "みず", *args)
    assert code == 2 and said in out and "Traceback" not in out, out
    assert project.tree(folders=True) == before


def test_the_clip_is_played_where_a_player_is(
    course: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for the system's player, which records what it was given to play.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    played = tmp_path / "played"
    player = bin_dir / "ffplay"
    player.write_text(f'#!/bin/sh\nfor a; do last="$a"; done\nsha256sum "$last" > {played}\n')
    player.chmod(player.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    code, out = course.invoke("say", SENTENCE)
    assert code == 0 and "played with ffplay" in out, out
    record = stored(course, course.url_of("grammar.json", 0, "examples", 0, "audioUrl"))
    assert played.read_text().split()[0] == record["sha256"]


def test_without_a_player_the_clip_is_kept_and_named(
    course: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tts_assets.commands.say.PLAYERS", ())
    said = course.json("say", SENTENCE)
    kept = Path(said["file"])
    try:
        assert kept.is_file() and said["played_with"] is None
        record = stored(course, course.url_of("grammar.json", 0, "examples", 0, "audioUrl"))
        assert sha(kept) == record["sha256"]
    finally:
        kept.unlink()


def test_a_text_no_run_has_made_is_made_as_a_later_run_makes_it(
    project: Project, tmp_path: Path
) -> None:
    """`say` before the course holds the text (nothing to take from its store), in another
    voice (--voice) and another language (--lang): a later run stores each text's clip
    under the key `say` gave, with the same bytes and what it was said as."""
    project.config('lang = "ja"\n\n[languages]\nen = "espeak:en-us"\n')
    ja, en = tmp_path / "ja.mp3", tmp_path / "en.mp3"
    said = project.json("say", "辛い", "--reading", "からい", "--voice", "jf_nezumi", "-o", str(ja))
    english = project.json("say", "spicy", "--lang", "en", "-o", str(en))
    assert not said["from_course"] and not english["from_course"]
    assert (said["provider"], said["voice"]) == ("kokoro", "jf_nezumi")
    assert (english["lang"], english["provider"]) == ("en", "espeak")
    project.gen({"data/vocabulary.json": [{**WORDS[0], "meaning": "spicy"}]})
    made = project.json(
        "generate",
        "--type",
        "vocabulary",
        "--voice",
        "jf_nezumi",
        "--include",
        "vocabulary.meaning",
    )
    assert made["generated"] == 2 and made["failed"] == 0, made
    word = stored(project, project.url_of("vocabulary.json", 0, "audioUrl"))
    meaning = stored(project, project.url_of("vocabulary.json", 0, "meaningAudioUrl"))
    assert said["key"] == word["key"] and sha(ja) == word["sha256"]
    assert said["reading"] == word["reading"] and said["phonemes"] == word["phonemes"]
    assert english["key"] == meaning["key"] and sha(en) == meaning["sha256"]


def test_a_tempo_of_a_languages_ladder_is_the_twin_the_run_made(
    project: Project, tmp_path: Path
) -> None:
    """A course whose [languages.ja] gives a ladder of tempi: `say --slow 0.6` is the 0.6
    twin the run made (it said "the run stored no clip for it", exit 1: the language's
    ladder put the scratch run's twins at places of their own)."""
    project.gen({"data/vocabulary.json": WORDS})
    project.config('lang = "ja"\n\n[languages.ja]\nslow = [0.6, 0.8]\n')
    assert project.json("generate", "--type", "vocabulary")["failed"] == 0
    out = tmp_path / "slow.mp3"
    said = project.json("say", "辛い", "--reading", "からい", "--slow", "0.6", "-o", str(out))
    record = stored(project, project.url_of("vocabulary.json", 0, "slowAudioUrl60"))
    assert said["key"] == record["key"] and sha(out) == record["sha256"]
    assert said["slow"] == 0.6


ROTATING = '[languages]\nja = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]\n'
ROTATED = [{"id": f"w{n}", "word": w} for n, w in enumerate(("みず", "ひ", "つき", "て", "め"))]


def test_in_voices_that_take_turns_id_says_the_text_in_the_voice_the_run_gave_its_entry(
    project: Project, tmp_path: Path
) -> None:
    """`rotate` gives an entry the voice its id picks; without the entry, `say` knows only
    the text, which may pick the other voice: --id names the entry (its voice, its key,
    the run's own clip), and without it the report says which voice said it and why."""
    voices = ("jf_alpha", "jf_nezumi")
    differ = [
        e for e in ROTATED if turn(voices, f"id:{e['id']}") != turn(voices, f"text:{e['word']}")
    ]
    assert differ  # an entry whose id and text pick two voices: the case asserted below
    project.gen({"data/vocabulary.json": ROTATED}).config(f'lang = "ja"\n\n{ROTATING}')
    assert project.json("generate", "--type", "vocabulary")["failed"] == 0
    for n, entry in enumerate(ROTATED):
        record = stored(project, project.url_of("vocabulary.json", n, "audioUrl"))
        out = tmp_path / f"{entry['id']}.mp3"
        said = project.json("say", entry["word"], "--id", entry["id"], "-o", str(out))
        assert (said["voice"], said["key"]) == (record["voice"], record["key"]), entry
        assert said["from_course"] and sha(out) == record["sha256"]
    entry = differ[0]
    record = stored(project, project.url_of("vocabulary.json", ROTATED.index(entry), "audioUrl"))
    said = project.json("say", entry["word"], "-o", str(tmp_path / "by-text.mp3"))
    assert said["voice"] != record["voice"]
    assert any(
        f"said by {said['voice']}, the voice the text itself picks" in n and "--id" in n
        for n in said["notes"]
    ), said["notes"]


EL_VOICES = ("AAAAAAAAAAAAAAAAAAA1", "BBBBBBBBBBBBBBBBBBB2")


def test_a_language_said_by_each_voice_is_said_once_in_its_first_voice(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`each` at the language: a run's clip at a field's URL is the first voice's, and
    that is what `say` makes: one request, billed once (it made one per voice, each billed,
    and reported the first)."""
    key = "sk-test-0123456789abcdef"
    monkeypatch.setenv("ELEVENLABS_API_KEY", key)
    listed = ", ".join(f'"elevenlabs:{v}"' for v in EL_VOICES)
    project.config(f'lang = "ja"\n\n[languages]\nja = {{ voices = [{listed}], mode = "each" }}\n')
    with FakeElevenLabs(api_key=key, voices=EL_VOICES) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        said = project.json("say", "みず", "-o", str(tmp_path / "said.mp3"))
        assert server.answered() == {"みず": 1}
        project.gen({"data/vocabulary.json": [{"id": "v1", "word": "みず"}]})
        assert project.json("generate", "--type", "vocabulary")["failed"] == 0
    record = stored(project, project.url_of("vocabulary.json", 0, "audioUrl"))
    assert said["voice"] == EL_VOICES[0] == record["voice"] and said["key"] == record["key"]
