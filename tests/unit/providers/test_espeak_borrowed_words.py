"""Borrowed words: the language switches of espeak-ng that are how a native says a word
(German `Job`, Korean `AI`) make clips; those that garble a word or read the language's
own script in another stay refused, naming the word."""

from __future__ import annotations

import pytest

from tests.support.markers import needs_espeak, needs_espeak_library
from tests.support.sweep import check_each
from tts_assets.errors import CannotSay
from tts_assets.frontends.espeak_switches import refused_switch
from tts_assets.providers.base import Speech
from tts_assets.providers.espeak import EspeakProvider, EspeakSettings

pytestmark = [pytest.mark.anyio]

SYSTEM = EspeakSettings(engine="system")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


BORROWED = [
    ("Ich habe einen neuen Job.", "de", "de", "(en)dZ'0b(de)"),
    ("Il team lavora bene.", "it", "it", "(en)t'i:m(it)"),
    ("Sono fake news.", "it", "it", "(en)nj'u:z(it)"),
    ("K-pop을 좋아해요.", "ko", "ko", "(en)k'eIp'0p(ko)"),
    ("AI 기술이 발전했어요.", "ko", "ko", "(en)'eI 'aI(ko)"),
    ("OECD 국가", "ko", "ko", "(en),oU,i:s,i:d'i:(ko)"),
    ("我喜欢K-pop。", "zh", "cmn", "(en)k'eIp'0p(cmn)"),
]


@needs_espeak_library
@pytest.mark.parametrize(("text", "lang", "voice", "switch"), BORROWED)
async def test_a_borrowed_word_is_said_as_a_native_says_it(
    packaged_espeak: EspeakProvider, text: str, lang: str, voice: str, switch: str
) -> None:
    audio = await packaged_espeak.synthesize(Speech(text, lang, voice))
    assert audio.phonemes is not None and switch in audio.phonemes
    assert audio.samples.size > 0


@needs_espeak_library
async def test_a_switch_inside_a_word_is_refused_naming_the_word_past_40_characters(
    packaged_espeak: EspeakProvider,
) -> None:
    text = "Wir sprechen heute Abend lange über die Work-Life-Balance im Büro."
    with pytest.raises(CannotSay) as caught:
        await packaged_espeak.synthesize(Speech(text, "de", "de"))
    message = str(caught.value)
    assert message.startswith(
        'espeak-ng 1.52.0 de switched to English for the word "Work-Life-Balance" (only part '
        'of it switches) in "Wir sprechen heute Abend lange über die…"'
    ), message
    assert '[pronunciations] "Work-Life-Balance" = ' in message
    assert caught.value.why == "it switched to English"


@needs_espeak_library
async def test_a_long_lowercase_english_word_in_korean_is_refused_naming_it(
    packaged_espeak: EspeakProvider,
) -> None:
    with pytest.raises(CannotSay, match='for the word "computer" \\(not an acronym'):
        await packaged_espeak.synthesize(Speech("나는 computer를 써요", "ko", "ko"))


@needs_espeak_library
async def test_japanese_borrows_nothing(packaged_espeak: EspeakProvider) -> None:
    with pytest.raises(CannotSay, match='switched to English for "CD"'):
        await packaged_espeak.synthesize(Speech("CD", "ja", "ja"))


@pytest.mark.slow
@needs_espeak
async def test_chinese_read_as_english_pinyin_stays_refused_beside_a_borrowed_word() -> None:
    espeak = EspeakProvider(SYSTEM)
    if not espeak._version.startswith("1.51"):
        pytest.skip(f"Debian's espeak-ng 1.51 reads 每天 as English; this is {espeak._version}")
    with pytest.raises(CannotSay) as caught:
        await espeak.synthesize(Speech("每天学习AI", "zh", "cmn"))
    assert "(the text in its own script switches too)" in str(caught.value)
    # The program takes the same borrowed words the library does.
    audio = await espeak.synthesize(Speech("Ich habe einen neuen Job.", "de", "de"))
    assert audio.phonemes is not None and "(en)dZ'0b(de)" in audio.phonemes


# The rule on recorded phonemes (Debian's espeak-ng 1.51, packaged 1.52), without espeak-ng.
RECORDED = {
    "每天学习AI": "(en)meI55Tr'i:55_| tja55nw'055n_| zju:55t'u:55_| zI55t'u:55(cmn)_| ,ei53'ai51_|",
    "AI": "ai11_|",
    "每天学习 ": "(en)meI55Tr'i:55_| tja55nw'055n_| zju:55t'u:55_| zI55t'u:55(cmn)_|",
    "Work-Life-Balance": "(en)w'3:k(de)l'i:f@bal'aNs",
    "Job": "(en)dZ'0b(de)",
    "Die": "di:",
    "Ich": "_|IC",
    "schreibe": "Sr'aIb@",
    "eine": "_|,aIn@",
    "E-Mail": "_!'e:(en)m'eIl(de)",
    "Jobs": "(en)dZ'0bz(de)",
}


def own(lang: str) -> object:
    return lambda code: code.split("-")[0] in {lang, "cmn", "zh"}


SWITCHES = [
    ("每天学习AI", "zh", RECORDED["每天学习AI"], (None, "own script")),
    ("Work-Life-Balance", "de", RECORDED["Work-Life-Balance"], ("Work-Life-Balance", "part")),
    ("Job", "de", RECORDED["Job"], None),
    ("Job", "ja", RECORDED["Job"], (None, "")),
    # A pause glued to the word is no word boundary: only "Mail" switches.
    (
        "Ich schreibe eine E-Mail.",
        "de",
        "_|IC Sr'aIb@ _|,aIn@ _!'e:(en)m'eIl(de)",
        ("E-Mail", "part"),
    ),
    # A switch that ends inside a word of the text, whichever word it is.
    ("Die Jobs", "de", "di: (en)dZ'0b(de)s", (None, "inside a word")),
]


def test_which_switches_are_borrowed_words() -> None:
    check_each(_which_switches_are_borrowed_words, SWITCHES)


def _which_switches_are_borrowed_words(
    text: str, lang: str, said: str, refused: tuple[str | None, str] | None
) -> None:
    found = refused_switch(text, lang, said, RECORDED.__getitem__, own(lang))  # type: ignore[arg-type]
    if refused is None:
        assert found is None
    else:
        assert found is not None and found.word == refused[0] and refused[1] in found.reason
