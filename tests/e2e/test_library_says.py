"""The library says what a run says: `tts_assets.synthesize` sends a provider
exactly what `generate` sends it for the same text, in every language with rules: numbers,
dates and times in words, respellings, pronunciation overrides, Japanese readings, the
content's pinyin and pypinyin's. A provider that records what it is sent holds it: the
fault provider (its `log`), and the real espeak-ng and Kokoro wrapped (`recorder`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

import tts_assets
from tests.support.fault_provider import recorder, requests
from tests.support.markers import fast_first, needs_espeak_library
from tests.support.project import Project
from tts_assets.errors import InputError
from tts_assets.settings.load import load_settings

TEXTS = {
    "de": ["Der Kurs beginnt am 3. Oktober um 17:00 Uhr.", "Ich arbeite gern im Homeoffice."],
    "es": ["Tengo 21 años y vivo en el piso 3."],
    "it": ["Sono le 17:30."],
    "fr": ["J'ai 71 ans."],
    "pt": ["Custa 2,50 €."],
    "en": ["It's 10 o'clock."],
    "ko": ["7시에 만나요."],
    "zh": ["我有3个苹果。"],
}
"""Texts each language's rules change, per language."""

CONFIG = """\
provider = "fault"

[providers.fault]
log = "calls.jsonl"

[pronunciations]
"Homeoffice" = "Hohmoffiss"
"""


def _said(project: Project) -> Counter[tuple[str, str, str | None]]:
    """What the provider was sent since the log was last cleared, and clear it."""
    log = project / "calls.jsonl"
    found = Counter((r["text"], r["lang"], r["phonemes"]) for r in requests(log))
    log.unlink(missing_ok=True)
    return found


def _run(project: Project, lang: str, words: list[dict[str, str]], *flags: str) -> Any:
    project.gen({f"data/{lang}/vocabulary.json": words})
    return project.json("generate", "--data-dir", f"data/{lang}", "--lang", lang, *flags)


@pytest.mark.parametrize("lang", fast_first(sorted(TEXTS)))
def test_the_library_sends_what_a_run_sends(project: Project, fault: None, lang: str) -> None:
    project.config(CONFIG)
    words = [{"word": text} for text in TEXTS[lang]]
    assert _run(project, lang, words)["generated"] == len(words)
    by_run = _said(project)
    settings = load_settings(data_dir=f"data/{lang}", lang=lang)
    for text in TEXTS[lang]:
        tts_assets.synthesize(text, lang=lang, provider="fault", settings=settings)
    by_library = _said(project)
    assert by_library == by_run
    sent = " ".join(text for text, _, _ in by_run)
    assert not any(c.isdigit() for c in sent), sent  # every number in words
    if lang == "de":
        assert "am dritten Oktober um siebzehn Uhr" in sent and "Hohmoffiss" in sent


def test_a_text_the_run_refuses_the_library_refuses(
    project: Project, fault: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.fault_provider import tell_pinyin

    project.config(CONFIG)
    tell_pinyin(monkeypatch)
    settings = load_settings(lang="zh")
    with pytest.raises(InputError, match="likely a mistake in the pinyin"):
        tts_assets.synthesize("呢", lang="zh", reading="nei", provider="fault", settings=settings)
    assert _said(project) == Counter()


@pytest.mark.slow
@needs_espeak_library
@pytest.mark.parametrize(
    ("lang", "provider", "words"),
    [
        pytest.param(
            "ja",
            "kokoro",
            [
                {"word": "御雑煮", "reading": "おぞうに"},
                {"word": "日本", "examples": [{"sentence": "日本に行きます。"}]},
                {"word": "駅", "examples": [{"sentence": "駅まで五分かかります。"}]},
            ],
            id="ja-kokoro",
        ),
        pytest.param(
            "ja",
            "espeak",
            [{"word": "御雑煮", "reading": "おぞうに"}, {"word": "今日", "reading": "こんにち"}],
            id="ja-espeak",
        ),
        pytest.param(
            "zh",
            "espeak",
            [{"word": "几点", "reading": "jǐ diǎn"}, {"word": "便宜"}, {"word": "每天"}],
            id="zh-espeak",
        ),
    ],
)
def test_readings_and_pinyin_by_real_providers(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    provider: str,
    words: list[dict[str, Any]],
) -> None:
    from tts_assets.providers.registry import get

    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(project.parent / "cache"))
    cls = get(provider)
    monkeypatch.setattr(cls, "synthesize", recorder(cls, project / "calls.jsonl"))
    project.config('[pronunciations]\n"日本" = "にっぽん"\n')
    _run(project, lang, words, "--provider", provider)
    by_run = _said(project)
    settings = load_settings(data_dir=f"data/{lang}", lang=lang)
    for word in words:
        texts = [(word["word"], word.get("reading"))]
        texts += [(x["sentence"], None) for x in word.get("examples", [])]
        for text, reading in texts:
            tts_assets.synthesize(
                text, lang=lang, reading=reading, provider=provider, settings=settings
            )
    by_library = _said(project)
    assert by_library == by_run
    sent = {text: phonemes for text, _, phonemes in by_run}
    if provider == "kokoro":
        assert sent["御雑煮"] == "o ʣoːɲi"  # the content's reading, not ごぞうに
        assert sent["日本に行きます。"] == "ɲiʔpoɴ ɲi ikʲimasɨ."  # the override
        assert "ɡoɸɯɴ" in sent["駅まで五分かかります。"]  # five minutes (a rule), not ごぶ
    elif lang == "ja":
        assert set(sent) == {"おぞうに", "こんにち"}  # the kana of the misread words
    else:
        # 几点 as said (jí diǎn, its tone changed); 便宜 as decided from its sentence.
        assert set(sent) == {"ji2 dian3", "pian2 yi5", "每天"}
