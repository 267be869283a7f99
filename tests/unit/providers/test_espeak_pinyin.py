"""espeak-ng says a Chinese text with the content's pinyin (issue 31: 4): the words it
would misread are given to it as numbered pinyin, and what it says is checked."""

from __future__ import annotations

import pytest

from tests.support.markers import needs_espeak_library
from tts_assets.providers.base import Speech
from tts_assets.providers.espeak import EspeakProvider, EspeakSettings
from tts_assets.providers.pinyin import syllables

pytestmark = [
    pytest.mark.anyio,
    needs_espeak_library,
]

PACKAGED = EspeakSettings(engine="packaged")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize(
    ("text", "pinyin", "given", "said"),
    [
        # espeak-ng 1.52 reads biàn yí, jī diǎn, zhòng, zhǐ; the content says otherwise.
        ("便宜", "pián yi", "pian2 yi5", "ph'iE35n_| j'i11_|"),
        ("很便宜", "hěn piányi", "很 pian2 yi5", "X'@214n_| ph'iE35n_| j'i11_|"),
        ("几点", "jǐ diǎn", "ji3 dian3", "tS;'i214_| t'iE214n_|"),
        ("说中文", "shuō zhōngwén", "shuo1 zhong1 文", "s.w'o55_| ts.'ong55_| w'u@35n_|"),
        ("只", "zhī", "zhi1", "ts.'i.55_|"),
    ],
)
async def test_a_word_it_misreads_is_said_as_the_content_pinyin(
    text: str, pinyin: str, given: str, said: str
) -> None:
    espeak = EspeakProvider(PACKAGED)
    numbered = syllables(pinyin, len(text))
    assert numbered is not None
    told = espeak.say_pinyin(text, numbered, "cmn")
    assert told is not None
    assert (told.verdict, told.text) == ("disagree", given), told
    assert told.message.startswith(f"{text}: espeak-ng 1.52.0 reads ")
    assert told.message.endswith("; said from the pinyin")
    # What it then says, as it records it: the content's reading.
    audio = await espeak.synthesize(Speech(told.text, "zh", "cmn"))
    assert audio.phonemes == said
    assert audio.samples.size > 0


@pytest.mark.parametrize(
    ("text", "pinyin"),
    [
        ("每天", "měitiān"),
        ("一只猫", "yì zhī māo"),  # 一 changes its tone before 只
        ("不对", "bú duì"),
        ("东西", "dōngxi"),  # a neutral tone in the content
        ("现在几点了？", "xiànzài jǐ diǎn le?"),  # 几 read right in this sentence
    ],
)
def test_a_text_it_reads_as_the_pinyin_is_left_as_written(text: str, pinyin: str) -> None:
    numbered = syllables(pinyin, sum(1 for c in text if "\u4e00" <= c <= "\u9fff"))
    assert numbered is not None
    told = EspeakProvider(PACKAGED).say_pinyin(text, numbered, "cmn")
    assert told is not None and (told.verdict, told.text) == ("agree", text)


def test_a_syllable_it_cannot_say_is_refused_not_said_wrong() -> None:
    # 1.52 reads the numbered syllable xiong1 as English: no way to make it say xiōng.
    told = EspeakProvider(PACKAGED).say_pinyin("只", ("xiong1",), "cmn")
    assert told is not None and told.verdict == "unusable", told
    assert "cannot be made to say xiōng (it reads some of its syllables as English)" in (
        told.message
    )
