"""espeak-ng on Thai and Vietnamese, both engines (the system's 1.51 program and the packaged
1.52 library): Vietnamese is spoken, in Vietnamese phonemes; Thai, though espeak-ng lists
a voice for it, is not, and this is why."""

from __future__ import annotations

import re

import pytest

from tests.support.markers import needs_espeak, needs_espeak_library
from tts_assets.providers.base import Speech
from tts_assets.providers.espeak import UNFIT, EspeakProvider, EspeakSettings

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

ENGINES = [
    pytest.param("system", marks=needs_espeak),
    pytest.param("packaged", marks=needs_espeak_library),
]

VIETNAMESE = [  # hanabira.org (MIT), tests/fixtures/hanabira
    "Tôi không có gì ngoài bút và sách.",
    "Anh ấy không biết gì về vấn đề này.",
    "Chúng tôi đã sống gần nhau trong suốt năm năm qua.",
]
_SWITCH = re.compile(r"\([a-z]{2,3}(?:-[a-z0-9]+)*\)")
_VOWEL = re.compile("[aeiouɛɔɯəɤʉɪʊæɐyɑɒʌɜɨAEIOUV@0-9]")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize("engine", ENGINES)
def test_vietnamese_has_a_voice_and_thai_has_none(engine: str) -> None:
    espeak = EspeakProvider(EspeakSettings(engine=engine))  # type: ignore[arg-type]
    assert espeak.default_voice("vi") == "vi"
    assert {"vi", "vi-vn-x-central", "vi-vn-x-south"} <= set(espeak.voices_for("vi"))
    # espeak-ng lists a Thai voice, and says it speaks Thai...
    assert "th" in espeak.voices() and espeak.voice_languages("th") == ("th",)
    # ...but it is not used: no voice for Thai, and the reason instead.
    assert espeak.voices_for("th") == [] and espeak.offer("th") is None
    assert not espeak.speaks("th", "th")
    assert espeak.no_voice("th") == UNFIT["th"]


@pytest.mark.parametrize("engine", ENGINES)
async def test_vietnamese_sentences_are_said_in_vietnamese(engine: str) -> None:
    espeak = EspeakProvider(EspeakSettings(engine=engine))  # type: ignore[arg-type]
    for text in VIETNAMESE:
        audio = await espeak.synthesize(Speech(text, "vi", "vi", 1.0))
        assert audio.phonemes and not _SWITCH.search(audio.phonemes), audio.phonemes
        assert 1.0 < audio.duration < 8.0
    # Its tone contours are numbered like Mandarin's (k'O3 for có).
    said = (await espeak.synthesize(Speech("có", "vi", "vi", 1.0))).phonemes
    assert said is not None and said.startswith("k'O")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_thai_voice_drops_vowels_and_tones(engine: str) -> None:
    # Why Thai is UNFIT: ข่าว (khàao, news: low tone) and ข้าว (khâao, rice: falling tone)
    # come out alike and without a vowel, as do ป่า (forest) and ป้า (aunt). When an
    # espeak-ng reads them apart, this fails: time to look at its Thai again.
    espeak = EspeakProvider(EspeakSettings(engine=engine))  # type: ignore[arg-type]
    said = {word: _phonemes(espeak, word) for word in ("ข่าว", "ข้าว", "ป่า", "ป้า")}
    assert said["ข่าว"] == said["ข้าว"] and said["ป่า"] == said["ป้า"], said
    assert not _VOWEL.search(said["ข่าว"]), said


def _phonemes(espeak: EspeakProvider, text: str) -> str:
    if espeak.engine == "packaged":
        return espeak._library.phonemes([text], "th")[0].strip()
    return espeak.query("-q", "-x", "-v", "th", text).strip()
