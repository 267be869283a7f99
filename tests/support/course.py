"""Courses shaped like real multi-language apps, as teams bring them to tts-assets.

`make_course`: the seed app (rennerdo30/japanese-trainer), a folder per language.

    public/data/<lang>/vocabulary.json     ja, zh, ko, de, es, it, en: one folder per language
    public/data/<lang>/grammar.json        example sentences under the language's name
    public/data/ko/characters.json         the Hangul chart: a letter per entry (`ㄱ`),
                                           `type` "alphabet", romanized example readings
    src/data/ja/kanji.json                 the kanji set, outside the data folder
    public/audio/vocabulary/<8 hex>.mp3    the predecessor's clips: a type folder and the first
                                           8 hex digits of md5("type-id-text"), its URLs in
                                           the JSON (`/audio/vocabulary/aa5e4ad6.mp3`)
    tts-assets.toml                        one content set per language

Of the predecessor's URLs, one leads to no file (`DEAD`), one is shared by two different
texts (`SHARED`); `lfs=True` turns every predecessor clip into a Git LFS pointer, as a
checkout without `lfs: true` leaves them. The predecessor's clips are real MP3 files of a
plausible length for their text (the fault provider's speech-shaped tone, encoded by
tts-assets itself); `voices="espeak"` makes them with the real espeak-ng instead.

`make_hanabira`: tristcoil/hanabira.org, every language in one folder, the language in each
file's name (tests/fixtures/hanabira: the app's own files, cut short; MIT).

    backend/express/json_data/grammar_<ja|kr|cn|th|vn>_*.json   grammar points, examples
                                           under `jp`, `kr`, `cn` (with `pinyin`), `th`, `vn`
    backend/express/json_data/words_*.json, sentences_*.json    Japanese words and sentences
    backend/express/json_data/kana.json    a kana chart without `type`: `{"char", "romaji"}`

Every text holds the predecessor's URL (`/audio/korean/grammar/s_….mp3`), and none of those
files is in the repository: all of them are dead.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support import fault_provider

VOCABULARY = {
    "ja": [("v1", "水"), ("v2", "学校"), ("v3", "先生"), ("v4", "電車"), ("v5", "天気")],
    "zh": [("z1", "每天"), ("z2", "学习"), ("z3", "朋友")],
    "ko": [("k1", "학교"), ("k2", "친구")],
    "de": [("d1", "Arbeit"), ("d2", "Wasser")],
    "es": [("e1", "agua"), ("e2", "escuela")],
    "it": [("i1", "acqua"), ("i2", "scuola")],
    "en": [("n1", "water"), ("n2", "school")],
}
GRAMMAR = {
    "ja": ("japanese", ["今日は雨が降っています。", "この本はとても面白いです。"]),
    "zh": ("chinese", ["我喜欢吃苹果。"]),
    "ko": ("korean", ["저는 학생입니다."]),
    "de": ("german", ["Ich trinke Wasser."]),
    "es": ("spanish", ["Bebo agua."]),
    "it": ("italian", ["Bevo acqua."]),
    "en": ("english", ["I drink water."]),
}
HANGUL_CHART = [
    ("ㄱ", "g/k", "consonants", [("가다", "gada", "to go"), ("고기", "gogi", "meat")]),
    ("ㅇ", "silent/ng", "consonants", [("아이", "ai", "child"), ("강", "gang", "river")]),
    ("ㅏ", "a", "vowels", [("아버지", "abeoji", "father")]),
    ("ㅢ", "ui", "vowels", [("의사", "uisa", "doctor")]),
]
"""The seed app's Korean chart, shortened: (letter, romanization, group, examples)."""


def hangul_chart() -> list[dict[str, object]]:
    """The seed app's Korean `characters.json`, shortened (`HANGUL_CHART`)."""
    return [
        {
            "id": 2086 + n,
            "char": letter,
            "character": letter,
            "romanization": romanized,
            "type": "alphabet",
            "group": group,
            "examples": [{"word": w, "reading": r, "meaning": m} for w, r, m in examples],
            "audioUrl": None,
        }
        for n, (letter, romanized, group, examples) in enumerate(HANGUL_CHART)
    ]


KANJI = [
    {"id": "k1", "character": "水", "onyomi": ["スイ"], "kunyomi": ["みず"]},
    {"id": "k2", "character": "山", "onyomi": ["サン"], "kunyomi": ["やま"]},
]

DEAD = ("ja", "v5")
"""The entry whose predecessor URL leads to no file."""
SHARED = ("ja", "v3", "v4")
"""Two entries whose predecessor URLs are one and the same file."""

LANGS = tuple(VOCABULARY)

CONFIG = """\
lang = "ja"

[languages]
ja = "fault"
zh = "fault"
ko = "fault"
de = "fault"
es = "fault"
it = "fault"
en = "fault"
{sets}
"""


def predecessor_url(type_name: str, entry_id: str, text: str) -> str:
    """The URL the predecessor's Node tool wrote: type folder, 8 hex digits of an md5."""
    digest = hashlib.md5(f"{type_name}-{entry_id}-{text}".encode()).hexdigest()[:8]
    return f"/audio/{type_name}/{digest}.mp3"


def md5_url(type_name: str, text: str) -> str:
    """The URL another predecessor wrote: type folder and the md5 of the text, 32 hex
    digits, as long as a tts-assets content key (`/audio/vocabulary/<md5>.mp3`)."""
    return f"/audio/{type_name}/{hashlib.md5(text.encode()).hexdigest()}.mp3"


def _write_json(path: Path, doc: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@functools.lru_cache(maxsize=256)
def _mp3(text: str, voices: str, lang: str) -> bytes:
    """A real MP3 of `text`: a plausible tone (fast), or espeak-ng speaking it (made once
    a process: every course the tests build names the same words)."""
    import tts_assets

    if voices == "espeak":
        with tempfile.TemporaryDirectory() as folder:
            wav = Path(folder) / "a.wav"
            voice = {"zh": "cmn", "en": "en-us"}.get(lang, lang)
            subprocess.run(["espeak-ng", "-v", voice, "-w", str(wav), text], check=True)
            import soundfile

            samples, rate = soundfile.read(wav, dtype="float32")
            return tts_assets.render(tts_assets.Audio(samples, rate))
    return tts_assets.render(fault_provider.speech(text))


def make_course(
    root: Path,
    *,
    sets: bool = True,
    lfs: bool = False,
    voices: str = "tone",
    names: str = "short",
) -> Path:
    """The course under `root` (module docstring); returns `root`. `names="md5"`: the
    predecessor named its clips by the md5 of their text (`md5_url`)."""

    def predecessor(type_name: str, entry_id: str, text: str) -> str:
        if names == "md5":
            return md5_url(type_name, text)
        return predecessor_url(type_name, entry_id, text)

    audio = root / "public/audio"
    for lang in LANGS:
        entries = []
        for entry_id, word in VOCABULARY[lang]:
            entry: dict[str, object] = {"id": entry_id, "word": word}
            if lang == "ja":
                url = predecessor("vocabulary", entry_id, word)
                if entry_id == SHARED[2]:  # the same file as the other's: a mistake
                    url = predecessor("vocabulary", SHARED[1], dict(VOCABULARY["ja"])["v3"])
                entry["audioUrl"] = url
                if (lang, entry_id) != DEAD and entry_id != SHARED[2]:
                    clip = audio / url.removeprefix("/audio/")
                    clip.parent.mkdir(parents=True, exist_ok=True)
                    clip.write_bytes(_mp3(word, voices, lang))
            entries.append(entry)
        _write_json(root / f"public/data/{lang}/vocabulary.json", entries)
        key, sentences = GRAMMAR[lang]
        _write_json(
            root / f"public/data/{lang}/grammar.json",
            [{"id": f"g-{lang}", "examples": [{key: s} for s in sentences]}],
        )
    _write_json(root / "src/data/ja/kanji.json", KANJI)
    _write_json(root / "public/data/ko/characters.json", hangul_chart())
    if lfs:
        for clip in audio.rglob("*.mp3"):
            data = clip.read_bytes()
            oid = hashlib.sha256(data).hexdigest()
            pointer = (
                f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {len(data)}\n"
            )
            clip.write_bytes(pointer.encode())  # LF ends on every system, as git writes it
    blocks = []
    if sets:
        for lang in LANGS:
            block = (
                f'\n[[sets]]\nname = "{lang}"\ndata_dir = "public/data/{lang}"\n'
                f'out_dir = "public/audio"\nurl_prefix = "/audio"\nlang = "{lang}"\n'
            )
            if lang == "ja":
                block += '\n[sets.types.kanji]\npath = "src/data/ja/kanji.json"\n'
            blocks.append(block)
    (root / "tts-assets.toml").write_text(CONFIG.format(sets="".join(blocks)), encoding="utf-8")
    return root


def copy_course(source: Path, target: Path) -> Path:
    """A private copy of a course made once for a module."""
    shutil.copytree(source, target)
    return target


HANABIRA = Path(__file__).parents[1] / "fixtures" / "hanabira"
HANABIRA_DATA = "backend/express/json_data"
"""Where hanabira.org keeps every language's content, in one folder."""


def make_hanabira(root: Path) -> Path:
    """hanabira.org's content folder under `root` (module docstring); returns `root`."""
    folder = root / HANABIRA_DATA
    folder.mkdir(parents=True)
    for source in sorted(HANABIRA.glob("*.json")):
        (folder / source.name).write_bytes(source.read_bytes())
    return root


HSK_MASTER_CONFIG = """\
lang = "zh"
webvtt = true

[types.vocabulary]
file = "vocabulary_hsk*.json"

[[types.vocabulary.fields]]
text = "chinese_word"
reading = "pinyin"
url = "audio_url"
segments = "segments"

[[types.vocabulary.fields]]
text = "example_sentence"
reading = "example_pinyin"
url = "example_audio_url"
segments = "example_segments"

[types.kanji]
enabled = false
[types.grammar]
enabled = false
[types.reading]
enabled = false

[languages]
zh = "{voice}"
"""
"""HSK-Master's vocabulary export (hoangchien97/HSK-Master, `prisma/hsk_vocab_exports/
vocabulary_hsk<level>.json`): each word with its pinyin and an example with its pinyin, as a
course maps them, with word timings (`segments`) and WebVTT tracks."""

HANABIRA_CHINESE_CONFIG = """\
lang = "zh"

[types.grammar]
file = "grammar_cn_HSK_*.json"

[[types.grammar.fields]]
text = "examples[].cn"
reading = "examples[].pinyin"
url = "examples[].grammar_audio"

[types.vocabulary]
enabled = false
[types.kanji]
enabled = false
[types.reading]
enabled = false

[languages]
zh = "{voice}"
"""
"""hanabira.org's Chinese grammar (`grammar_cn_HSK_<level>_0001.json`): each example's `cn`
with its `pinyin`, the app's own URLs in `grammar_audio`."""
