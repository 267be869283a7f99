"""Content in its own language, end to end through `tts-assets` and real espeak-ng processes:
the content language (--lang), the language gate in the run, voices per language, content
sets, kana charts and listening passages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support import course
from tests.support.markers import needs_espeak, needs_espeak_library
from tests.support.project import Project, read_json, write_json
from tests.support.refusal import refused_by_types
from tests.support.windows import loaded_as_run
from tts_assets import content_sets, load_settings
from tts_assets.languages import LANGUAGES as PROFILES
from tts_assets.planning.course import prepare
from tts_assets.store.manifest import Store


def _manifest(out_dir: Path) -> dict[str, tuple[str, str, str | None]]:
    """Each stored clip's text → (provider, voice, lang)."""
    store = Store(out_dir, out_dir.parent / ".temp-audio")
    return {c.text: (c.provider, c.voice, c.lang) for c in store}


# --- several languages through espeak-ng ---------------------------------------------

LANGUAGES: dict[str, dict[str, Any]] = {
    "zh": {
        "voice": "cmn",
        "word": "图书馆",
        "sentence": "我每天早上六点起床。",
        "passage": "我叫小明。你叫什么名字？我们去图书馆吧！",
        "pieces": ["我叫小明。", "你叫什么名字？", "我们去图书馆吧！"],
    },
    "ko": {
        "voice": "ko",
        "word": "가다",
        "sentence": "저는 학교에 갑니다.",
        "passage": "저는 학생입니다.오늘은 날씨가 좋아요! 같이 갈까요?",
        "pieces": ["저는 학생입니다.", "오늘은 날씨가 좋아요!", "같이 갈까요?"],
    },
    "de": {
        "voice": "de",
        "word": "Arbeit",
        "sentence": "Ich arbeite jeden Tag.",
        "passage": "Das kostet z. B. 3.5 Euro. Am 3. Mai kommt Dr. Weber. „Wirklich?“ Ja.",
        # Said as a teacher says it (`readings.numbers`), then split; `3.5` reads two ways.
        "pieces": [
            "Das kostet zum Beispiel 3.5 Euro.",
            "Am dritten Mai kommt Doktor Weber.",
            "„Wirklich?“",
            "Ja.",
        ],
    },
    "es": {
        "voice": "es",
        "word": "trabajo",
        "sentence": "Trabajo todos los días.",
        "passage": "¿Dónde está la Sra. López? Está en casa, p. ej. hoy. ¡Qué bien!",
        "pieces": [
            "¿Dónde está la señora López?",
            "Está en casa, por ejemplo hoy.",
            "¡Qué bien!",
        ],
    },
    "en": {
        "voice": "en-us",
        "word": "work",
        "sentence": "I work every day.",
        "passage": 'Dr. Smith paid $3.50 for tea, coffee, etc. and left. "Why?" she asked. Fine.',
        "pieces": [
            "Doctor Smith paid three dollars and fifty cents for tea, coffee, et cetera and left.",
            '"Why?" she asked.',
            "Fine.",
        ],
    },
}


@pytest.mark.slow
@needs_espeak
@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_content_in_its_language_is_voiced_in_it_and_split_at_its_sentences(
    project: Project, lang: str
) -> None:
    sample = LANGUAGES[lang]
    data = project / "data"
    write_json(
        data / "vocabulary.json",
        [{"word": sample["word"], "examples": [{"sentence": sample["sentence"]}]}],
    )
    write_json(data / "readings.json", [{"id": "r1", "text": sample["passage"]}])
    # The passage is split at this language's sentence ends, traps and all.
    settings = load_settings(".", lang=lang, provider="espeak")
    (passage,) = [c for c in prepare(settings).plan.clips if c.type_name == "reading"]
    assert list(passage.pieces) == sample["pieces"]

    summary = project.json("generate", "--lang", lang, "--provider", "espeak")
    assert summary["generated"] == 3 and summary["refused"] == []
    made = _manifest(project / "public/audio")
    expected = ("espeak", sample["voice"], lang)
    assert made == {
        sample["word"]: expected,
        sample["sentence"]: expected,
        sample["passage"]: expected,
    }
    # Each voice's language is the content's, as espeak-ng itself lists it.
    listing = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True, check=True)
    line = next(row for row in listing.stdout.splitlines()[1:] if row.split()[1] == sample["voice"])
    speaks = [line.split()[1], *re.findall(r"\(([^\s()]+)\s+\d+\)", line)]
    assert lang in [code.split("-")[0] for code in speaks], line
    assert project.json("verify", "--lang", lang, "--provider", "espeak")["ok"]


# --- the language gate in the run ------------------------------------------------------

JAPANESE_WITH_FOREIGN = [
    {"id": "v1", "word": "みず", "examples": [{"sentence": "みずをのみます。"}]},
    {"id": "v2", "word": "Arbeit"},
    {"id": "v3", "word": "ねこ", "examples": [{"sentence": "我每天早上六点起床。"}]},
    {"id": "v4", "word": "가다"},
    {"id": "v5", "word": "いぬ"},
    # Capitals pass the gate (Japanese spells them out), but espeak-ng's Japanese voice
    # switches to English for them: that clip fails, with its place and the reason.
    {"id": "v6", "word": "CD"},
]


@pytest.mark.slow
@needs_espeak
def test_foreign_texts_in_japanese_content_are_listed_not_voiced_and_the_rest_is_made(
    project: Project,
) -> None:
    write_json(project / "data/vocabulary.json", JAPANESE_WITH_FOREIGN)
    summary = project.json("generate", "--provider", "espeak", code=1)
    assert summary["generated"] == 4
    (failure,) = summary["failures"]
    assert failure["places"] == ["vocabulary.json › [5] › word"]
    assert failure["reason"].startswith('espeak-ng 1.52.0 ja switched to English for "CD"')
    assert summary["types"]["vocabulary"]["refused"] == 3
    assert summary["refused"] == [
        {
            "place": "vocabulary.json › [1] › word",
            "text": "Arbeit",
            "reason": '"Arbeit" is Latin script, not Japanese',
        },
        {
            "place": "vocabulary.json › [2] › examples › [0] › sentence",
            "text": "我每天早上六点起床。",
            "reason": '"我每天早上六点起床。" has Chinese forms Japanese does not use (每): '
            "Chinese, not Japanese",
        },
        {
            "place": "vocabulary.json › [3] › word",
            "text": "가다",
            "reason": '"가다" is Hangul: Korean, not Japanese',
        },
    ]
    made = _manifest(project / "public/audio")
    assert set(made) == {"みず", "みずをのみます。", "ねこ", "いぬ"}
    doc = read_json(project / "data/vocabulary.json")
    assert isinstance(doc, list)
    assert "audioUrl" not in doc[1] and "audioUrl" not in doc[3]
    assert "audioUrl" not in doc[2]["examples"][0] and doc[2]["audioUrl"]
    # The plain report lists each refused text with its place and reason.
    code, out = project.invoke("generate", "--provider", "espeak")
    assert code == 1
    assert 'refused: vocabulary.json › [1] › word: "Arbeit" is Latin script, not Japanese' in out
    # verify reports them as refused (no clip, by design), and exits 1 as generate does.
    report = project.json("verify", "--provider", "espeak", code=1)
    assert report["counts"] == {
        "missing": 1,  # the clip espeak-ng could not say
        "stale": 0,
        "corrupt": 0,
        "refused": 3,
        "gone": 0,
        "dead": 0,
        "unfetched": 0,
        "heard": 0,
        "accent": 0,  # not asked for
    }


def test_chinese_content_with_the_default_language_stops_before_writing_anything(
    project: Project,
) -> None:
    write_json(
        project / "data/vocabulary.json",
        [
            {"word": "每天", "examples": [{"sentence": "我每天早上六点起床。"}]},
            {"word": "谢谢"},
            {"word": "图书馆", "examples": [{"sentence": "我们去图书馆吧。"}]},
            {"word": "学生"},
        ],
    )
    before = project.tree(folders=True)
    for command in (["generate"], ["generate", "--dry-run"], ["verify"], ["prune"]):
        code, out = project.invoke(*command)
        assert code == 2, (command, out)
        assert out == (
            f"error: {Path('data/vocabulary.json')}: 5 of 6 texts look Chinese (zh), not Japanese; "
            "pass --lang zh\n"
        ), (command, out)
    assert project.tree(folders=True) == before
    assert "Traceback" not in out


def test_a_language_without_a_voice_stops_the_run_naming_what_would_serve_it(
    project: Project,
) -> None:
    write_json(project / "data/vocabulary.json", [{"word": "每天"}, {"word": "谢谢"}])
    before = project.tree(folders=True)
    code, out = project.invoke("generate", "--lang", "zh")
    assert code == 2
    assert out == (
        "error: zh: kokoro has no Chinese voice in its voices file (kokoro: the default "
        "provider); pass --kokoro-voices kokoro-voices-v1.0 (run: tts-assets models pull "
        "kokoro-voices-v1.0), or --provider espeak (cmn), or piper (pass --voice "
        "zh_CN-huayan-medium (run: tts-assets models pull piper:zh_CN-huayan-medium)), or "
        "elevenlabs\n"
    )
    write_json(project / "data/vocabulary.json", [{"word": "가다"}])
    code, out = project.invoke("generate", "--lang", "ko", "--dry-run")
    assert code == 2  # Kokoro v1.0 has no Korean at all
    assert out.startswith("error: ko: kokoro has no Korean voice (Kokoro v1.0 speaks no Korean)")
    assert not (project / "public").exists() and not (project / "public/audio/.temp-audio").exists()
    assert before.keys() == project.tree(folders=True).keys()


@pytest.mark.slow
@needs_espeak
def test_a_voice_given_for_a_language_it_does_not_speak_is_refused(project: Project) -> None:
    write_json(project / "data/vocabulary.json", [{"word": "每天"}])
    before = project.tree(folders=True)
    code, out = project.invoke("generate", "--lang", "zh", "--provider", "espeak", "--voice", "de")
    assert code == 2
    assert out.startswith("error: zh: the espeak voice de speaks de, not Chinese")
    assert "cmn" in out
    assert project.tree(folders=True) == before


def test_an_unknown_content_language_lists_the_known_ones(project: Project) -> None:
    code, out = project.invoke("generate", "--lang", "xx", "--dry-run")
    assert code == 2
    assert out == (
        'error: --lang xx: "xx" is not a content language tts-assets knows; use one of: '
        f"{', '.join(PROFILES)}\n"
    )


def test_the_built_in_grammar_type_follows_the_content_language(project: Project) -> None:
    write_json(
        project / "data/grammar.json",
        [{"id": "g1", "examples": [{"japanese": "みずをのみます。", "spanish": "Bebo agua."}]}],
    )
    (project / "tts-assets.toml").write_text(
        'lang = "es"\n[languages]\nes = "espeak:es"\n', encoding="utf-8"
    )
    (clip,) = prepare(load_settings(".", type="grammar")).plan.clips  # as its dry run
    assert (clip.spoken, clip.lang.code, clip.voice.voice) == ("Bebo agua.", "es", "es")


# --- content sets -----------------------------------------------------------------------

SETS_CONFIG = """\
[languages]
ja = "espeak:ja"
zh = "espeak:cmn"
de = "espeak:de"

[[sets]]
data_dir = "content/ja"
out_dir = "site/audio/ja"
url_prefix = "/audio/ja"

[[sets]]
data_dir = "content/zh"
out_dir = "site/audio/zh"
url_prefix = "/audio/zh"
lang = "zh"

[[sets]]
name = "german"
data_dir = "content/de"
out_dir = "site/audio/de"
url_prefix = "/audio/de"
lang = "de"
"""


def _sets_project(project: Project) -> None:
    (project / "tts-assets.toml").write_text(SETS_CONFIG, encoding="utf-8")
    write_json(project / "content/ja/vocabulary.json", [{"word": "みず"}, {"word": "Arbeit"}])
    write_json(project / "content/zh/vocabulary.json", [{"word": "每天"}, {"word": "谢谢"}])
    write_json(project / "content/de/vocabulary.json", [{"word": "Arbeit"}])


@pytest.mark.slow
@needs_espeak
def test_every_content_set_is_made_in_one_run_each_with_its_own_manifest(
    project: Project,
) -> None:
    _sets_project(project)
    doc = project.json("generate", code=1)  # the ja set refuses "Arbeit"
    assert doc["exit_code"] == 1 and not doc["ok"]
    by_name = {s["set"]["name"]: s for s in doc["sets"]}
    assert list(by_name) == ["ja", "zh", "german"]
    assert by_name["zh"]["set"] == {
        "name": "zh",
        "id": "../../../content/zh",
        "data_dir": "content/zh",
        "out_dir": "site/audio/zh",
        "lang": "zh",
    }
    assert [by_name[n]["generated"] for n in by_name] == [1, 2, 1]
    assert [len(by_name[n]["refused"]) for n in by_name] == [1, 0, 0]
    assert _manifest(project / "site/audio/zh") == {
        "每天": ("espeak", "cmn", "zh"),
        "谢谢": ("espeak", "cmn", "zh"),
    }
    assert _manifest(project / "site/audio/de") == {"Arbeit": ("espeak", "de", "de")}
    zh = read_json(project / "content/zh/vocabulary.json")
    assert isinstance(zh, list) and zh[0]["audioUrl"].startswith("/audio/zh/vocabulary/")

    # One set at a time; verify and prune go over the sets too.
    only = project.json("generate", "--set", "german")
    assert [s["set"]["name"] for s in only["sets"]] == ["german"] and only["exit_code"] == 0
    verified = project.json("verify", code=1)
    assert [s["exit_code"] for s in verified["sets"]] == [1, 0, 0]
    assert project.json("verify", "--set", "zh")["ok"]
    pruned = project.json("prune")
    assert [s["unused"] for s in pruned["sets"]] == [[], [], []]


def test_a_bad_set_stops_every_set_before_anything_is_written(project: Project) -> None:
    _sets_project(project)
    # Japanese content in the Chinese set, between the Japanese set and the German one:
    # the whole command stops, no set is made, neither the one before it nor the one after.
    write_json(
        project / "content/zh/vocabulary.json",
        [{"word": "みず"}, {"word": "ねこ"}, {"word": "いぬ"}],
    )
    before = project.tree(folders=True)
    code, out = project.invoke("generate")
    assert code == 2
    assert out == (
        f"error: {Path('content/zh/vocabulary.json')}: 3 of 3 texts look Japanese (ja), "
        "not Chinese; pass --lang ja\n"
    )
    assert project.tree(folders=True) == before


def test_sets_are_checked_when_the_config_is_read(project: Project) -> None:
    _sets_project(project)
    # The flags and the config's own faults, asked where the command asks them (its load).
    assert "--data-dir would apply to which?" in refused_by_types(project, data_dir="content/ja")
    out = refused_by_types(project, set="fr")
    assert out == "--set fr: no such content set; the sets are: ja, zh, german"
    project.config(SETS_CONFIG + '\n[[sets]]\ndata_dir = "content/zh"\nout_dir = "site/audio/ko"\n')
    assert (
        'two sets are named "zh" (sets over one data dir are told apart by name); give each a '
        'name (name = "...")'
    ) in refused_by_types(project)
    project.config('[[sets]]\ndata_dir = "a"\nout_dir = "b"\nvoices = "x"\n')
    assert "unknown key sets[0].voices; valid keys" in refused_by_types(project)
    project.config('[[sets]]\ndata_dir = "a"\nout_dir = "b"\nlang = "jp"\n')
    out = refused_by_types(project)
    assert 'sets[0].lang: "jp" is not a content language tts-assets knows' in out


def test_a_library_caller_gets_each_sets_settings(project: Project) -> None:
    _sets_project(project)
    settings = load_settings(".")
    each = content_sets(settings)
    assert [(s.set_name, s.lang, s.url_prefix) for s in each] == [
        ("ja", "ja", "/audio/ja"),
        ("zh", "zh", "/audio/zh"),
        ("german", "de", "/audio/de"),
    ]
    assert [s.data_dir for s in content_sets(settings, "zh")] == [Path("content/zh")]
    with pytest.raises(Exception, match="content sets"):
        prepare(settings)  # the sets' own settings, not the top level's


# --- kana charts and listening passages -------------------------------------------------

CHART = [
    {"char": "は", "type": "basic", "romaji": "ha", "audioUrl": ""},
    {"char": "を", "type": "basic", "romaji": "wo", "audioUrl": ""},
    {"char": "きゃ", "type": "yoon", "romaji": "kya", "audioUrl": ""},
    {
        "char": "が",
        "type": "dakuten",
        "romaji": "ga",
        "examples": [{"word": "がくせい", "reading": "gakusei"}],
        "audioUrl": "",
    },
    {"char": "水", "meaning": "water", "audioUrl": ""},  # the chart's kanji: not a kana
]


@pytest.mark.slow
@needs_espeak
def test_a_kana_chart_is_voiced_as_sounds(project: Project) -> None:
    write_json(project / "data/characters.json", CHART)
    summary = project.json("generate", "--type", "characters", "--provider", "espeak")
    assert summary["generated"] == 5 and summary["failures"] == []
    made = Store(project / "public/audio", project / ".temp-audio")
    spoken = {c.text for c in made}
    assert spoken == {"キャ", "ガ", "ハ", "ヲ", "がくせい"}  # sounds in katakana; the word as is
    kana = [c for c in made if c.text in ("ハ", "ヲ", "キャ", "ガ")]
    assert all(c.duration < 1.5 for c in kana)  # one mora (plus the padding)
    doc = read_json(project / "data/characters.json")
    assert isinstance(doc, list) and doc[4]["audioUrl"] == ""  # the kanji is left alone


@pytest.mark.slow
@needs_espeak
@pytest.mark.parametrize(("kana", "sound"), [("は", "h'a"), ("へ", "h'e"), ("を", "'o")])
def test_espeak_reads_a_lone_particle_kana_as_its_sound(kana: str, sound: str) -> None:
    """What espeak-ng does with a chart's は, へ, を, in hiragana and in katakana (as a
    chart's kana is spoken): the sound, never the particle's "wa" or "e"."""
    katakana = chr(ord(kana) + 0x60)
    for text in (kana, katakana):
        done = subprocess.run(
            ["espeak-ng", "-q", "-x", "-v", "ja", "--stdin"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "LANG": "C.UTF-8"},
        )
        assert done.stdout.strip() == sound, text


def _espeak_phonemes(text: str, voice: str) -> str:
    done = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", voice, "--stdin"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    return done.stdout.strip()


@pytest.mark.slow
@needs_espeak
def test_espeak_says_a_lone_hangul_letter_as_its_name() -> None:
    """What espeak-ng does with a chart's bare letter: a consonant is its name (ㄱ 기역,
    ㄲ 쌍기역), ㅇ a bare ng, a vowel its sound. A chart teaches sounds: tts-assets never
    sends it a bare letter (`text.HANGUL_SOUNDS`)."""
    assert _espeak_phonemes("ㄱ", "ko") == _espeak_phonemes("기역", "ko") == "gij'@q"
    assert _espeak_phonemes("ㄲ", "ko") == "s-'aNq,ij@q"  # 쌍기역, "double giyeok"
    assert _espeak_phonemes("ㅇ", "ko") == "N"
    assert _espeak_phonemes("ㅏ", "ko") == _espeak_phonemes("아", "ko") == "'a"


@pytest.mark.slow
@needs_espeak
def test_a_hangul_chart_is_voiced_as_sounds(project: Project) -> None:
    """The seed app's Korean chart (a letter per entry, `type` "alphabet", romanized
    example readings): the built-in `characters` type of Korean content voices each letter
    as the syllable that sounds it, and each example from its Hangul word."""
    write_json(project / "data/characters.json", course.hangul_chart())
    summary = project.json(
        "generate", "--lang", "ko", "--type", "characters", "--provider", "espeak"
    )
    assert summary["failures"] == [] and summary["generated"] == 10
    clips = {c["text"]: c for c in project.manifest()["clips"]}
    assert {"가", "앙", "아", "의", "가다", "강", "의사"} <= set(clips)
    assert "ㄱ" not in clips and "gada" not in clips  # never the bare letter, nor romaji
    said = clips["가"]["phonemes"]
    assert said == _espeak_phonemes("가", "ko") != _espeak_phonemes("기역", "ko")
    assert clips["가"]["duration"] < 1.5  # one syllable (and the padding)
    doc = read_json(project / "data/characters.json")
    assert isinstance(doc, list)
    assert doc[0]["audioUrl"] == f"/audio/{clips['가']['path']}"
    assert doc[0]["examples"][0]["audioUrl"] == f"/audio/{clips['가다']['path']}"
    verified = project.json(
        "verify", "--lang", "ko", "--type", "characters", "--provider", "espeak"
    )
    assert verified["ok"] is True


def test_a_chart_whose_entries_the_type_selects_none_of_is_named_in_the_run(
    project: Project,
) -> None:
    """hanabira.org's kana.json (`{"char", "romaji"}`, no `type`) read by the built-in
    chart type, whose filter reads a missing `type` as a kanji: the run says so."""
    shutil.copy(Path(__file__).parents[1] / "fixtures/hanabira/kana.json", project / "data.json")
    project.gen({"data/kana.json": (project / "data.json").read_bytes()})
    project.config('[types.characters]\nfile = "kana.json"\n')
    (note,) = loaded_as_run(project, type="characters").notes  # where a run decides it
    assert note.startswith(f"{Path('data/kana.json')} (10 entries): the characters type selects")
    assert '[types.kana] with file = "kana.json"' in note
    code, out = project.invoke("generate", "--type", "characters", "--dry-run")
    assert code == 0 and f"note: {note}" in out.replace("\n", " "), out


@pytest.mark.slow
@needs_espeak
def test_listening_passages_are_split_made_and_written_back(project: Project) -> None:
    passage = "きょうはあめです。かさをもっていきます！でんしゃはこんでいますか？"
    write_json(project / "data/listening.json", [{"id": "l1", "text": passage}])
    settings = load_settings(".", provider="espeak")
    (clip,) = prepare(settings).plan.clips
    assert list(clip.pieces) == [
        "きょうはあめです。",
        "かさをもっていきます！",
        "でんしゃはこんでいますか？",
    ]
    summary = project.json("generate", "--provider", "espeak")
    assert summary["types"] == {
        "listening": {
            "texts": 1,
            "clips": 1,
            "new": 1,
            "present": 0,
            "stale": 0,
            "kept": 0,
            "dead": 0,
            "empty": 0,
            "refused": 0,
            "generated": 1,
            "failed": 0,
        }
    }
    doc = read_json(project / "data/listening.json")
    assert isinstance(doc, list) and doc[0]["audioUrl"] == f"/audio/{clip.rel_path}"


# --- texts a voice cannot say ------------------------------------------------------------


def _system_espeak_1_51() -> bool:
    if shutil.which("espeak-ng") is None:
        return False
    banner = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout
    return "text-to-speech: 1.51 " in banner


needs_debian_espeak = pytest.mark.skipif(
    not _system_espeak_1_51(), reason="needs Debian's espeak-ng 1.51 (it reads 每天 as English)"
)
SYSTEM_ESPEAK = '[providers.espeak]\nengine = "system"\n'


@pytest.mark.slow
@needs_debian_espeak
@needs_espeak_library
def test_a_text_the_system_espeak_ng_reads_as_english_gets_no_clip_the_packaged_one_says_it(
    project: Project,
) -> None:
    write_json(
        project / "data/vocabulary.json", [{"word": "每天"}, {"word": "超市"}, {"word": "二"}]
    )
    project.config(SYSTEM_ESPEAK)
    summary = project.json("generate", "--lang", "zh", "--provider", "espeak", code=1)
    assert summary["generated"] == 2
    assert [(f["places"], f["text"]) for f in summary["failures"]] == [
        (["vocabulary.json › [0] › word"], "每天")
    ]
    reason = summary["failures"][0]["reason"]
    assert reason.startswith(
        'espeak-ng 1.51 cmn switched to English for "每天" (its phonemes: (en)meI55Tr\'i:55'
    ), reason
    assert "it would not say it in Chinese, so no clip was made" in reason
    assert not any("could not say" in note for note in summary["notes"])  # 1 of 3: no note
    # Nothing is written for it: no file, no manifest entry, no URL; the others are made,
    # each with the phonemes espeak-ng said.
    manifest = project.read_json("public/audio/manifest.json")["clips"]
    assert {c["text"]: c["phonemes"] for c in manifest} == {
        "超市": "ts.h'Au55_| s.'i.51_|",
        "二": "'@r51_|",
    }
    assert len(list((project / "public/audio").rglob("*.mp3"))) == 2
    doc = project.read_json("data/vocabulary.json")
    assert "audioUrl" not in doc[0] and doc[1]["audioUrl"] and doc[2]["audioUrl"]
    code, out = project.invoke("generate", "--lang", "zh", "--provider", "espeak")
    assert code == 1 and 'switched to English for "每天"' in out

    # The packaged espeak-ng (1.52) says it. Another espeak-ng is another content key:
    # every clip is made once more, by it.
    project.config("")
    summary = project.json("generate", "--lang", "zh", "--provider", "espeak")
    assert summary["generated"] == 3 and summary["failures"] == []
    manifest = project.read_json("public/audio/manifest.json")["clips"]
    said = {c["text"]: c["phonemes"] for c in manifest}
    assert said["每天"] == "m'ei214_| th'iE55n_|"
    assert len(said) == 3  # the program's two clips stay on disk until `tts-assets prune`


@pytest.mark.slow
@needs_debian_espeak
def test_a_language_whose_voice_fails_most_of_its_texts_says_so_once_with_what_to_use(
    project: Project,
) -> None:
    words = ["每天", "学习", "朋友", "超市"]  # 1.51 reads the first three as English pinyin
    write_json(project / "data/vocabulary.json", [{"word": w} for w in words])
    project.config(SYSTEM_ESPEAK)
    summary = project.json("generate", "--lang", "zh", "--provider", "espeak", code=1)
    assert summary["generated"] == 1 and len(summary["failures"]) == 3
    (note,) = [n for n in summary["notes"] if "could not say" in n]
    assert note == (
        "zh: espeak could not say 3 of 4 texts (it switched to English); use kokoro (pass "
        "--kokoro-voices kokoro-voices-v1.0 (run: tts-assets models pull kokoro-voices-v1.0)), "
        "or piper (pass --voice zh_CN-huayan-medium (run: tts-assets models pull "
        "piper:zh_CN-huayan-medium)), or elevenlabs"
    )
    code, out = project.invoke("generate", "--lang", "zh", "--provider", "espeak")
    assert code == 1 and out.count("could not say") == 1
