"""The content keys and what is said of a varied set of texts, pinned.

Moving what decides what a text is said as (readings/) must not remake a clip: a key that
moves remakes it, and a paid provider bills it again. So the key of every text below, in
every language with rules, by a provider that takes text (espeak-ng, the fault provider)
and one that takes phonemes (Kokoro), and what each new clip is then said as (its pieces,
its phonemes, its reading, its verdict), are pinned in tests/fixtures/pinned_keys.json.

The providers' model identities are fixed here (they differ between machines, and are not
what this holds); the analyzer's output is not, so an upgrade of pyopenjtalk-plus or
misaki that changes what is said shows here too. Texts whose saying other work changes on
purpose (negative numbers, run-together pinyin) are left out. A change of what is said that is meant
(a fix) rewrites the file: `PIN=1 python -m pytest tests/unit/planning/test_pinned_keys.py`,
and the diff is reviewed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import REPO
from tests.support.kokoro_voices import standing_in_voices
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json
from tts_assets.planning.course import prepare
from tts_assets.planning.prepare import decided
from tts_assets.providers.espeak import EspeakProvider
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.settings.load import load_settings

pytestmark = [pytest.mark.slow, needs_espeak_library]  # loads pyopenjtalk and misaki

PINNED = REPO / "tests/fixtures/pinned_keys.json"

JA = {
    "vocabulary.json": [
        {"id": "v1", "word": "水", "reading": "みず", "examples": [{"sentence": "水を飲みます。"}]},
        {"id": "v2", "word": "御雑煮", "reading": "おぞうに"},
        {"id": "v3", "word": "今日", "reading": "こんにち"},
        {"id": "v4", "word": "学校"},
        {"id": "v5", "word": "3日", "reading": "みっか"},
        {"id": "v6", "word": "日本", "examples": [{"sentence": "日本に行きます。"}]},
        {"id": "v7", "word": "人気", "reading": "ninki"},
        {"id": "v8", "word": "一日", "reading": "ついたち"},
    ],
    "kanji.json": [{"id": "k1", "character": "水", "onyomi": ["スイ"], "kunyomi": ["みず"]}],
    "characters.json": [{"id": "c1", "char": "は", "type": "hiragana"}],
    "readings.json": [
        {
            "id": "r1",
            "text": "日本の冬は寒いです。3月になると暖かくなります。御雑煮を食べました。",
        }
    ],
}

ZH = {
    "vocabulary.json": [
        {"id": "z1", "word": "便宜", "reading": "pián yi"},
        {"id": "z2", "word": "几点", "reading": "jǐ diǎn"},
        {"id": "z3", "word": "说中文", "reading": "shuō zhōngwén"},
        {"id": "z4", "word": "只", "reading": "zhī"},
        {"id": "z5", "word": "每天", "reading": "měitiān"},
        {"id": "z6", "word": "呢", "reading": "nei"},
        {"id": "z8", "word": "便宜"},
        {"id": "z9", "word": "几点"},
        {"id": "z10", "word": "中文"},
        {"id": "z11", "word": "长大"},
        {"id": "z12", "word": "教"},
        {"id": "z13", "word": "好学"},
        {"id": "z14", "word": "学习"},
        {
            "id": "z15",
            "word": "点",
            "examples": [
                {"sentence": "我每天早上六点起床。"},
                {"sentence": "我有3个苹果。"},
            ],
        },
    ],
    "readings.json": [{"id": "r1", "text": "我喜欢学中文。中文很有意思。我每天学习两个小时。"}],
}

OTHERS: dict[str, dict[str, Any]] = {
    "de": {
        "vocabulary.json": [
            {
                "id": "d1",
                "word": "Uhr",
                "examples": [
                    {"sentence": "Der Kurs beginnt am 3. Oktober um 17:00 Uhr."},
                    {"sentence": "Das ist 3.5 mal so viel."},
                    {"sentence": "Ich arbeite gern im Homeoffice."},
                    {"sentence": "Ich arbeite gern."},
                ],
            }
        ],
        "readings.json": [
            {
                "id": "r1",
                "text": "Der Kurs beginnt um 9:00 Uhr. Er kostet 250 €. Am 3. Mai ist Prüfung.",
            }
        ],
    },
    "es": {
        "vocabulary.json": [
            {
                "id": "e1",
                "word": "agua",
                "examples": [{"sentence": "Tengo 21 años."}, {"sentence": "Bebo agua."}],
            }
        ]
    },
    "it": {
        "vocabulary.json": [
            {
                "id": "i1",
                "word": "acqua",
                "examples": [{"sentence": "Sono le 17:30."}, {"sentence": "Bevo acqua."}],
            }
        ]
    },
    "fr": {
        "vocabulary.json": [
            {
                "id": "f1",
                "word": "eau",
                "examples": [{"sentence": "J'ai 71 ans."}, {"sentence": "Je bois de l'eau."}],
            }
        ]
    },
    "pt": {
        "vocabulary.json": [
            {
                "id": "p1",
                "word": "água",
                "examples": [{"sentence": "Custa 2,50 €."}, {"sentence": "Bebo água."}],
            }
        ]
    },
    "en": {
        "vocabulary.json": [
            {
                "id": "n1",
                "word": "water",
                "examples": [{"sentence": "It's 10 o'clock."}, {"sentence": "I drink water."}],
            }
        ]
    },
    "ko": {
        "vocabulary.json": [
            {
                "id": "k1",
                "word": "학교",
                "examples": [{"sentence": "7시에 만나요."}, {"sentence": "저는 학생입니다."}],
            }
        ]
    },
}

CONFIG = """\
[pronunciations]
"日本" = "にっぽん"
"Homeoffice" = "Hohmoffiss"
"""

ACCENT_TOLD = "kokoro+accent"
"""The run of every Japanese text told its accent (the default now); the
`kokoro` run is `accent = "words"`, as builds before that told it, and must keep every key."""

RUNS = [
    ("ja", "kokoro"),
    ("ja", ACCENT_TOLD),
    ("ja", "espeak"),
    ("ja", "fault"),
    ("zh", "espeak"),
    ("zh", "kokoro"),
    ("zh", "fault"),
    *((lang, provider) for lang in OTHERS for provider in ("espeak", "fault")),
]


@pytest.fixture
def course(project: Project, fault: None, monkeypatch: pytest.MonkeyPatch) -> Project:
    """Every language's folder, the overrides, Kokoro's stand-in Chinese voice, a cache
    of the test's own, and the model identities fixed."""
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(project.parent / "cache"))
    for lang, files in {"ja": JA, "zh": ZH, **OTHERS}.items():
        for name, doc in files.items():
            write_json(project / "data" / lang / name, doc)
    project.config(CONFIG)
    standing_in_voices(project, zf_test="jf_alpha")
    fixed = {"pinned": "1"}
    monkeypatch.setattr(KokoroProvider, "identity", lambda self, voice: fixed)
    monkeypatch.setattr(EspeakProvider, "identity", lambda self, voice: fixed)
    monkeypatch.setattr("tts_assets.lang.ja.identity.analyzer_identity", lambda: "analyzer")
    monkeypatch.setattr("tts_assets.lang.ja.identity.phoneme_identity", lambda: "phonemes")
    return project


def _said(course: Project, lang: str, provider: str) -> Iterator[tuple[str, dict[str, object]]]:
    """Each planned text's key and what its clip is said as, by its place."""
    named = provider
    if provider == ACCENT_TOLD:
        provider = "kokoro"
    overrides: dict[str, Any] = {"data_dir": f"data/{lang}", "lang": lang, "provider": provider}
    if provider == "kokoro" and lang == "ja":
        overrides["accent"] = "every-text" if named == ACCENT_TOLD else "words"
    if provider == "kokoro" and lang == "zh":
        overrides["voice"] = "zf_test"
        overrides["providers"] = {"kokoro": {"voices": "voices.npz"}}
    settings = load_settings(course, **overrides)
    prepared = decided(prepare(settings))
    for clip in prepared.plan.clips:
        spoken = clip.speech  # what its recipe says (`planning.recipes.Spoken`)
        assert spoken is not None
        phonemes = spoken.phonemes
        for item in clip.items:
            said: dict[str, object] = {
                "key": clip.key,
                "pieces": list(spoken.pieces),
                "phonemes": None if phonemes is None else list(phonemes),
                "reading": spoken.reading,
                "verdict": spoken.verdict,
                "note": spoken.note,
            }
            if named == ACCENT_TOLD:
                said["pitch"] = spoken.told
            yield f"{named} {lang} {item.where}", said
    for refusal in prepared.refused:
        yield f"{named} {lang} {refusal.item.where}", {"refused": refusal.verdict.reason}


def test_no_key_and_nothing_said_moves(course: Project) -> None:
    found = {
        place: said for lang, provider in RUNS for place, said in _said(course, lang, provider)
    }
    if os.environ.get("PIN"):
        PINNED.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    moved = {p: (pinned.get(p), found.get(p)) for p in pinned.keys() | found.keys()}
    moved = {p: pair for p, pair in moved.items() if pair[0] != pair[1]}
    assert not moved, json.dumps(moved, ensure_ascii=False, indent=1)
    assert len(found) > 90


def test_the_pin_covers_every_language_with_rules() -> None:
    pinned = json.loads(Path(PINNED).read_text(encoding="utf-8"))
    langs = {place.split()[1] for place in pinned}
    assert langs == {"ja", "zh", "de", "es", "it", "fr", "pt", "en", "ko"}
