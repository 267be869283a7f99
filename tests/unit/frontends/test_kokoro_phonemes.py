"""Kokoro's phonemes per language, as its authors make them, and what it refuses to say.

No model here: espeak-ng (espeakng-loader's library) and misaki's Chinese G2P only.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.errors import ClipError
from tts_assets.frontends.espeak_phonemes import espeak_phonemes, foreign_letters
from tts_assets.frontends.kokoro_phonemes import (
    ESPEAK_ENGLISH,
    MISAKI,
    phonemize,
    spoken,
)

TEXTS = {
    ("es", "es"): [
        "¿Dónde está el baño?",
        "Buenos días, señor García.",
        "Me gusta el chocolate (mucho).",
        "«Hola», dijo.",
        "Tengo un iPhone.",
    ],
    ("fr", "fr-fr"): [
        "Bonjour, je m'appelle Claire.",
        "Le chat dort sur le canapé.",
        "Il fait beau aujourd'hui.",
    ],
    ("it", "it"): ["Buongiorno, come stai?", "Ho un computer nuovo.", "Ciao, mi chiamo Giulia."],
    ("pt-br", "pt-br"): ["Obrigado, até amanhã!", "Eu gosto de café.", "Onde fica a estação?"],
}


def test_espeak_languages_get_misakis_phonemes() -> None:
    """What hexgrad's pipeline feeds Kokoro v1.0 for these languages (misaki EspeakG2P):
    every text of `TEXTS` (one test; each text it fails on named)."""
    misaki = pytest.importorskip("misaki.espeak")
    # One G2P a language, as hexgrad's pipeline keeps one: each is made with phonemizer's
    # espeak-ng backend (its voices listed, its language set), 15 ms apiece.
    g2ps = {espeak: misaki.EspeakG2P(espeak) for _, espeak in TEXTS}

    def fed_alike(language: str, espeak: str, text: str) -> None:
        theirs = g2ps[espeak](text)[0]
        assert phonemize(text, language, espeak, _front(language)) == theirs

    check_each(
        fed_alike,
        [(lang, espeak, text) for (lang, espeak), texts in TEXTS.items() for text in texts],
    )


@pytest.mark.parametrize("accent", ["en-us", "en-gb"])
def test_english_gets_misakis_espeak_table(accent: str) -> None:
    misaki = pytest.importorskip("misaki.espeak")
    fallback = misaki.EspeakFallback(british=accent == "en-gb")
    for word in ["water", "bottle", "button", "yesterday", "hello", "judge", "boy", "there"]:
        expected = fallback(SimpleNamespace(text=word))[0]
        assert phonemize(word, accent, accent, ESPEAK_ENGLISH) == expected, word


@pytest.mark.slow  # waits on real time (or loads a dictionary)
def test_chinese_gets_misakis_v1_0_phonemes_with_tone_arrows() -> None:
    assert phonemize("我喜欢吃苹果。", "zh", "", MISAKI) == "wo↓ ɕi↓xwa→n ꭧʰɨ→ pʰi↗ŋkwo↓."


def test_espeak_reports_the_words_it_reads_in_another_language() -> None:
    reading = espeak_phonemes("Uso Facebook e Google ogni giorno.", "it")
    assert (reading.languages, reading.switched) == (("en",), ("Facebook", "Google"))
    assert "(" not in reading.phonemes  # the markers are gone
    plain = espeak_phonemes("Le chat (gris) dort.", "fr-fr")
    assert plain.languages == () and "(ɡʁˈi)" in plain.phonemes  # text parentheses stay


def test_what_kokoro_cannot_say_is_refused_with_the_reason() -> None:
    def case(text: str, language: str, espeak: str, reason: str) -> None:
        with pytest.raises(ClipError) as info:
            phonemize(text, language, espeak, _front(language))
        assert str(info.value).startswith(f"kokoro: {text!r}: ")
        assert reason in str(info.value)
        assert not info.value.retryable

    check_each(
        case,
        [
            (
                "Je t'envoie un email.",
                "fr",
                "fr-fr",
                'espeak-ng reads "email" as English, and a Kokoro French voice says one '
                "language only; write it as French says it, or voice fr with a provider that "
                "switches languages (espeak-ng, ElevenLabs)",
            ),
            (
                "Hola 你好",
                "es",
                "es",
                '"你", "好" are not written in Spanish: espeak-ng would spell them out by name',
            ),
            ("Привет, amigo.", "es", "es", '"П", "р", "и", "в", "е", "т" are not written in'),
            (
                "我用iPhone打电话。",
                "zh",
                "",
                '"i", "P", "h", "o", "n", "e" are not Chinese characters, and Kokoro\'s Chinese '
                "phonemizer (misaki) reads Chinese characters only",
            ),
            ("我们都是アニメ迷", "zh", "", '"ア", "ニ", "メ" are not Chinese characters'),
        ],
    )


def test_letters_that_decompose_into_the_script_are_not_foreign() -> None:
    assert foreign_letters("El 1º de mayo, la 1ª vez, ﬁn", "LATIN") == []
    assert foreign_letters("10 µm", "LATIN") == ["µ"]


VOCABULARY = set("abdeiklmnost ˈˌː.,?!ɲʔ")


def test_punctuation_the_model_does_not_know_is_left_out() -> None:
    assert spoken("¿dˈonde estˈa?", VOCABULARY, "¿Dónde está?") == "dˈonde estˈa?"


def test_a_sound_the_model_does_not_know_is_refused() -> None:
    with pytest.raises(ClipError, match=r"hold \"ɫ\", which Kokoro's model does not know"):
        spoken("miɫk", VOCABULARY, "milk")


def test_phonemes_without_a_sound_say_nothing() -> None:
    def case(phonemes: str) -> None:
        with pytest.raises(ClipError, match="nothing to say: '♪' gives no phonemes"):
            spoken(phonemes, VOCABULARY, "♪")

    check_each_one(case, ["", "¿…!", "  "])


def _front(language: str) -> str:
    """The front-end Kokoro's voices of `language` have (`kokoro.VOICE_LANGUAGES`)."""
    from tts_assets.providers.kokoro import VOICE_LANGUAGES

    return next(front for lang, _, front in VOICE_LANGUAGES.values() if lang == language)
