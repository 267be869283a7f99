"""espeak-ng says a Chinese text with the content's pinyin: the words it
would misread are given to it as numbered pinyin, and what it says is checked. Erhua,
which it cannot say, is refused naming 儿."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from tests.support.markers import needs_espeak, needs_espeak_library
from tests.support.sweep import check_each
from tts_assets.errors import CannotSay
from tts_assets.frontends.alphabets import ESPEAK_PINYIN, told_pinyin_each
from tts_assets.frontends.base import PinyinSaid
from tts_assets.frontends.espeak_pinyin import ERHUA_WHY, erhua_in
from tts_assets.lang.zh.pinyin import syllables, syllables_for
from tts_assets.providers.base import Speech
from tts_assets.providers.espeak import EspeakProvider, EspeakSettings

pytestmark = [
    pytest.mark.anyio,
    needs_espeak_library,
]


def _told(espeak: EspeakProvider, text: str, numbered: Sequence[str]) -> PinyinSaid | None:
    """How espeak-ng's Mandarin voice says `text` told `numbered`, as a reader asks it:
    its alphabet's front-end, from what the voice says (`phonemes_of_each`)."""
    assert espeak.alphabet("cmn") == ESPEAK_PINYIN
    return told_pinyin_each(
        espeak.alphabet("cmn"),
        [(text, tuple(numbered))],
        lambda texts: espeak.phonemes_of_each(texts, "cmn"),
        espeak.said_by("cmn"),
    )[0]


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
        # It reads 东西 dōngxī "east and west" where the content says dōngxi "things",
        # and 个 alone light (ge), another word than the gè the content gives.
        ("东西", "dōngxi", "东 xi5", "t'ong55_| S;'i11_|"),
        ("个", "gè", "ge4", "k'o-51_|"),
    ],
)
async def test_a_word_it_misreads_is_said_as_the_content_pinyin(
    packaged_espeak: EspeakProvider, text: str, pinyin: str, given: str, said: str
) -> None:
    espeak = packaged_espeak
    numbered = syllables(pinyin, len(text))
    assert numbered is not None
    told = _told(espeak, text, numbered)
    assert told is not None
    assert (told.verdict, told.text) == ("disagree", given), told
    assert told.message.startswith(f"{text}: espeak-ng 1.52.0 reads ")
    assert told.message.endswith("; said from the pinyin")
    # What it then says, as it records it: the content's reading.
    audio = await espeak.synthesize(Speech(told.text, "zh", "cmn"))
    assert audio.phonemes == said
    assert audio.samples.size > 0


def test_a_text_it_reads_as_the_pinyin_is_left_as_written(packaged_espeak: EspeakProvider) -> None:
    def case(text: str, pinyin: str) -> None:
        numbered = syllables(pinyin, sum(1 for c in text if "\u4e00" <= c <= "\u9fff"))
        assert numbered is not None
        told = _told(packaged_espeak, text, numbered)
        assert told is not None and (told.verdict, told.text) == ("agree", text)

    check_each(
        case,
        [
            ("每天", "měitiān"),
            ("一只猫", "yì zhī māo"),  # 一 changes its tone before 只
            ("不对", "bú duì"),
            ("东西", "dōngxī"),  # "east and west", as it reads it
            ("现在几点了？", "xiànzài jǐ diǎn le?"),  # 几 read right in this sentence
        ],
    )


def test_a_syllable_it_cannot_say_is_refused_not_said_wrong(
    packaged_espeak: EspeakProvider,
) -> None:
    # 1.52 reads the numbered syllable xiong1 as English: no way to make it say xiōng.
    told = _told(packaged_espeak, "只", ("xiong1",))
    assert told is not None and told.verdict == "unusable", told
    assert "cannot be made to say xiōng (it reads some of its syllables as English)" in (
        told.message
    )


def test_erhua_in_the_pinyin_is_refused_naming_it(packaged_espeak: EspeakProvider) -> None:
    def case(text: str, pinyin: str, words: str) -> None:
        numbered = syllables_for(text, pinyin)
        assert numbered is not None and erhua_in(text, numbered) == [words]
        told = _told(packaged_espeak, text, numbered)
        assert told is not None and told.verdict == "unusable"
        assert told.message.startswith(
            f"{text}: espeak-ng 1.52.0 cannot say the erhua of {words} (儿 joined to the "
            "syllable before it): its Mandarin has no r-coloured syllable"
        )

    check_each(
        case,
        [
            ("你的手机在哪儿？", "Nǐ de shǒujī zài nǎr?", "哪儿"),
            ("不过有点儿太甜了。", "búguò yǒudiǎn er tài tián le.", "点儿"),
            ("我们必须得快点儿。", "Wǒmen bìxū děi kuàidiǎner.", "点儿"),
        ],
    )


def test_er_as_a_syllable_of_its_own_is_said(packaged_espeak: EspeakProvider) -> None:
    def case(text: str, pinyin: str) -> None:
        numbered = syllables_for(text, pinyin)
        assert numbered is not None and erhua_in(text, numbered) == []
        told = _told(packaged_espeak, text, numbered)
        assert told is not None and told.verdict == "agree"
        assert "'@r35" in told.heard

    check_each(
        case, [("原来你是老板的女儿。", "Yuánlái nǐ shì lǎobǎn de nǚ'ér."), ("儿子", "érzi")]
    )


async def test_erhua_without_pinyin_fails_naming_it(packaged_espeak: EspeakProvider) -> None:
    espeak = packaged_espeak
    with pytest.raises(CannotSay) as raised:
        await espeak.synthesize(Speech("我有点儿饿。", "zh", "cmn"))
    assert raised.value.why == ERHUA_WHY
    assert str(raised.value).startswith(
        'espeak-ng 1.52.0 cmn "我有点儿饿。": cannot say the erhua of 点儿'
    )
    # Another switch is no erhua: its own reason stands.
    with pytest.raises(CannotSay) as raised:
        await espeak.synthesize(Speech("我用iPhone打电话。", "zh", "cmn"))
    assert raised.value.why != ERHUA_WHY and 'for the word "iPhone"' in str(raised.value)
    said = await espeak.synthesize(Speech("女儿很好。", "zh", "cmn"))
    assert said.phonemes == "n'y214_| '@r35_| X@214nX'Au214_|"


@pytest.mark.slow  # the espeak-ng program, a process per text
@needs_espeak
async def test_the_system_espeak_says_no_erhua_either() -> None:
    espeak = EspeakProvider(EspeakSettings(engine="system"))
    numbered = ("wo3", "you3", "dian3", "er5", "e4")
    told = _told(espeak, "我有点儿饿。", numbered)
    assert told is not None and told.verdict == "unusable"
    assert "cannot say the erhua of 点儿" in told.message
    with pytest.raises(CannotSay):  # 1.51 reads most Chinese as English anyway
        await espeak.synthesize(Speech("我有点儿饿。", "zh", "cmn"))


def test_words_are_compared_piece_by_piece_as_their_pattern_would_judge_them(
    packaged_espeak: EspeakProvider,
) -> None:
    # A dry run compared each word with a pattern compiled for it (most of its time on a
    # course of 10,000 sentences); the pieces between tone numbers are compared now. On
    # espeak-ng's own phonemes of textbook sentences, told pypinyin's reading of each (the
    # reading a dictionary gives, right or not: both judges are asked either way), as said
    # and with a syllable or a tone changed, both judge alike.
    espeak = packaged_espeak
    seen: dict[str, str] = {}
    # The library loaded once for all the texts, as phonemes_of_each loads it (a load with
    # the Mandarin voice is costly: loaded per call, this test took most of a minute).
    with espeak._library.loaded() as lib:
        lib.select("cmn")

        def phonemes_of(text: str) -> str:
            if text not in seen:
                seen[text] = lib.phonemes(text)
            return seen[text]

        _compare_both_ways(phonemes_of)


def _compare_both_ways(phonemes_of: Callable[[str], str]) -> None:
    import re
    from pathlib import Path

    from pypinyin import Style, lazy_pinyin

    from tts_assets.frontends import espeak_pinyin as ep

    lines = (Path(__file__).parents[1] / "readings/zh/textbook.txt").read_text("utf-8")
    texts = [
        line.split("\t")[0].replace("[", "").replace("]", "")
        for line in lines.splitlines()
        if line and not line.startswith("#")
    ]
    judged: list[bool] = []
    for text in texts:
        # pypinyin's reading, not the decider's: the decider took most of this test's time
        # (a second on these 609 sentences), and both judges are asked of any reading.
        numbered = lazy_pinyin(text, Style.TONE3, errors="ignore", neutral_tone_with_five=True)
        alone = [ep._syllable_alone(phonemes_of(s)) for s in numbered]
        if None in alone:
            continue
        expected = [e for e in alone if e is not None]
        patterns = [ep._syllable_pattern(e, n) for e, n in zip(expected, numbered, strict=True)]
        bare = ep._bare(phonemes_of(text))
        toned = ep._TONE.sub(lambda m: "51" if m.group() != "51" else "35", bare, count=1)
        swapped = bare.replace(ep._bare(expected[0]).rstrip("0123456789")[:2], "pa", 1)
        for said in (bare, toned, swapped, bare + "a55"):
            regex = "".join(p.regex() for p in patterns)
            says = ep._says(patterns, said)
            assert says == (re.fullmatch(regex, said) is not None), said
            judged.append(says)
    # Both ways, each often: a text said as its reading, and the readings it does not say.
    assert judged.count(True) >= 200 and judged.count(False) >= 4 * 200, judged.count(True)
    # Two tones that touch (nothing said between them) are left to the pattern.
    touching = [ep._Syllable("a", "", ("5",)), ep._Syllable("", "b", ())]
    assert ep._says(touching, "a51b") and not ep._says(touching, "a5b")
