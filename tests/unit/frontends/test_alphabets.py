"""Each voice declares the alphabet it is told a text in (`Provider.alphabet`), decided
from its name with no model loaded; a Chinese text's pinyin is told by the alphabet's
front-end (`told_pinyin_each`), which asks the provider only what it says
(`phonemes_of_each`), in batches."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.sweep import check_each, check_each_one
from tts_assets.frontends.alphabets import (
    ESPEAK_PINYIN,
    KOKORO,
    KOKORO_JAPANESE,
    MISAKI_CHINESE,
    told_pinyin_each,
)
from tts_assets.frontends.kokoro_phonemes import chinese_with_pinyin
from tts_assets.providers import registry
from tts_assets.providers.espeak import EspeakProvider, EspeakSettings
from tts_assets.providers.kokoro import FULL_VOICE_NAMES, KokoroProvider


def test_each_kokoro_voice_declares_its_alphabet_without_its_model() -> None:
    def case(voice: str, alphabet: object) -> None:
        kokoro = KokoroProvider()
        assert kokoro.alphabet(voice) == alphabet
        assert kokoro._kokoro is None  # nothing loaded to decide it

    check_each(
        case,
        [
            ("jf_alpha", KOKORO_JAPANESE),
            ("jm_kumo", KOKORO_JAPANESE),
            ("zf_xiaobei", MISAKI_CHINESE),
            ("zm_yunxi", MISAKI_CHINESE),
            ("af_heart", KOKORO),
            ("ef_dora", KOKORO),
            ("my_own_voice", KOKORO_JAPANESE),  # a name Kokoro does not know: Japanese
        ],
    )


def test_only_kokoros_japanese_voices_take_a_pitch_and_only_its_chinese_are_told_pinyin() -> None:
    kokoro = KokoroProvider()
    alphabets = {voice: kokoro.alphabet(voice) for voice in FULL_VOICE_NAMES}
    assert {v for v, a in alphabets.items() if a is not None and a.pitch} == {
        v for v in FULL_VOICE_NAMES if v.startswith("j")
    }
    assert {v for v, a in alphabets.items() if a is not None and a.pinyin} == {
        v for v in FULL_VOICE_NAMES if v.startswith("z")
    }
    assert all(a is not None and a.phonemes for a in alphabets.values())


@needs_espeak_library
def test_espeaks_mandarin_voices_are_told_numbered_pinyin_the_others_read_text() -> None:
    espeak = EspeakProvider(EspeakSettings(engine="packaged"))
    for voice in ("cmn", "cmn+f3", "zh"):
        assert espeak.alphabet(voice) == ESPEAK_PINYIN, voice
    for voice in ("ja", "en-us", "de", "ko"):
        assert espeak.alphabet(voice) is None, voice


def test_the_other_built_in_providers_read_plain_text() -> None:
    def case(name: str) -> None:
        provider = registry.get(name)()
        voices = set(provider.default_voices.values())
        assert voices
        assert all(provider.alphabet(voice) is None for voice in voices)
        with pytest.raises(NotImplementedError):
            provider.phonemes_of_each(["text"], next(iter(voices)))

    check_each_one(case, ["piper", "say", "elevenlabs", "supertonic"])


def test_kokoros_phonemes_of_each_are_what_its_g2p_writes_for_the_voice() -> None:
    kokoro = KokoroProvider()
    japanese = kokoro.phonemes_of_each(["学生です。", "先生"], "jf_alpha")
    assert japanese == ["ɡakɯseː desɨ.", "seɴseː"]
    assert kokoro.phonemes_of_each(["Hello there."], "af_heart") == ["həlˈO ðˈɛɹ."]
    assert kokoro._kokoro is None


def test_misakis_pinyin_is_told_by_its_front_end_without_asking_the_voice() -> None:
    def never(texts: Sequence[str]) -> list[str]:
        raise AssertionError("misaki's pinyin asks nothing of the voice")

    texts = [("便宜", ("pian2", "yi5")), ("每天", ("mei3", "tian1"))]
    told = told_pinyin_each(MISAKI_CHINESE, texts, never, "kokoro")
    assert told == [chinese_with_pinyin(text, numbered) for text, numbered in texts]
    assert told_pinyin_each(KOKORO_JAPANESE, texts, never, "kokoro") == [None, None]
    assert told_pinyin_each(None, texts, never, "kokoro") == [None, None]


@needs_espeak_library
def test_espeaks_pinyin_asks_its_phonemes_in_two_batches_for_all_texts() -> None:
    # espeak-ng's library is loaded once per batch (a load with the Mandarin voice is
    # costly): the texts and their syllables, then the texts with misread words replaced.
    espeak = EspeakProvider(EspeakSettings(engine="packaged"))
    batches: list[list[str]] = []

    def phonemes_of_each(texts: Sequence[str]) -> list[str]:
        batches.append(list(texts))
        return espeak.phonemes_of_each(texts, "cmn")

    texts = [
        ("便宜", ("pian2", "yi5")),  # misread: told as numbered pinyin
        ("几点", ("ji3", "dian3")),
        ("每天", ("mei3", "tian1")),  # read as the content says
        ("你有点儿饿", ("ni3", "you3", "dian3", "er5", "e4")),  # erhua: refused unasked
    ]
    told = told_pinyin_each(ESPEAK_PINYIN, texts, phonemes_of_each, espeak.said_by("cmn"))
    assert len(batches) == 2
    assert [t.verdict if t else None for t in told] == ["disagree", "disagree", "agree", "unusable"]
    assert told[0] is not None and told[0].text == "pian2 yi5"
    assert "你有点儿饿" not in batches[0] and batches[1] == ["pian2 yi5", "ji3 dian3"]
    # Each text alone is told the same (what `ask_each` falls back to).
    for (text, numbered), together in zip(texts, told, strict=True):
        alone = told_pinyin_each(
            ESPEAK_PINYIN, [(text, numbered)], phonemes_of_each, espeak.said_by("cmn")
        )
        assert alone == [together]
