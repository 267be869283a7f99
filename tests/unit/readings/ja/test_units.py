"""Units after digits said as their Japanese words: `2Lの水`, `30min`, `10h`,
`30s`, `25℃` were misread on Kokoro's phoneme path (ニＬ, サンジューミン, ジューｈ dropped,
セカンド, ゴ°Ｃ dropped), where `2リットル`, `30分`, `10時間`, `30秒`, `25度` are right.
Each case is said as its Japanese twin, phonemes and pitch alike, the text keeping its
letters; the units the analyzer already reads right stay its own; a unit nothing decides
is said as written and doubted."""

from __future__ import annotations

from tests.support.sweep import check_each, check_each_one
from tts_assets.lang.ja import context
from tts_assets.lang.ja.accent import told_pattern
from tts_assets.lang.ja.analysis import counter_doubts, prepare
from tts_assets.lang.ja.phonemes import kokoro_phonemes
from tts_assets.lang.ja.reconcile import reconcile
from tts_assets.lang.ja.units import UNITS, spots

MISREAD = [
    ("2Lの水", "2リットルの水", "ニリットルノミズ"),
    ("水を2L飲みます。", "水を2リットル飲みます。", "ミズヲニリットルノミマス。"),
    ("1L", "1リットル", "イチリットル"),
    ("1.5L", "1.5リットル", "イッテンゴリットル"),
    ("0.5L", "0.5リットル", "レーテンゴリットル"),
    ("2 L", "2リットル", "ニリットル"),
    ("1,000L", "1,000リットル", "センリットル"),
    ("30min", "30分", "サンジュップン"),
    ("90min", "90分", "キュージュップン"),
    ("1min", "1分", "イップン"),
    ("6min", "6分", "ロップン"),
    ("10 min", "10分", "ジュップン"),
    ("30minです。", "30分です。", "サンジュップンデス。"),
    ("5mins", "5分", "ゴフン"),
    ("10h", "10時間", "ジュージカン"),
    ("1h", "1時間", "イチジカン"),
    ("8h", "8時間", "ハチジカン"),
    ("1.5h", "1.5時間", "イッテンゴジカン"),
    ("24h営業", "24時間営業", "ニジューヨジカンエーギョー"),
    ("2hrs", "2時間", "ニジカン"),
    ("30s", "30秒", "サンジュービョー"),
    ("10sec", "10秒", "ジュービョー"),
    ("50ms", "50ミリ秒", "ゴジューミリビョー"),
    ("1h30m", "1時間30分", "イチジカンサンジュップン"),
    ("3m20s", "3分20秒", "サンプンニジュービョー"),
    ("25℃", "25度", "ニジューゴド"),
    ("25°C", "25度", "ニジューゴド"),
    ("30°", "30度", "サンジュード"),
]
"""Each unit the analyzer misread after digits, its Japanese twin, and what both say."""

READ_RIGHT = [
    ("5km", "ゴキロメートル"),
    ("100km", "ヒャッキロメートル"),
    ("250g", "ニヒャクゴジューグラム"),
    ("3kg", "サンキログラム"),
    ("500mg", "ゴヒャクミリグラム"),
    ("2m²", "ニヘーホーメートル"),
    ("100m", "ヒャクメートル"),
    ("5cm", "ゴセンチメートル"),
    ("3mm", "サンミリメートル"),
    ("500mL", "ゴヒャクミリリットル"),
    ("2dL", "ニデシリットル"),
    ("200cc", "ニヒャクシーシー"),
    ("2t", "ニトン"),
    ("10ha", "ジューヘクタール"),
    ("50%", "ゴジュッパーセント"),
    ("60km/h", "ロクジュッキロメートルマイジ"),
    ("80m/s", "ハチジューメートルマイビョー"),
]
"""Units the analyzer reads as a teacher does: left to it (60km/h as キロメートル毎時, the
symbol's reading in the written order; 時速60キロ moves a word before the number)."""


def test_a_unit_after_digits_is_said_as_its_japanese_word() -> None:
    """Every case of `MISREAD` (one test; each case it fails on named)."""

    def said_as_its_twin(case: tuple[str, str, str]) -> None:
        written, twin, said = case
        reading, japanese = reconcile(written), reconcile(twin)
        assert (reading.pronunciation, reading.verdict) == (said, "unchecked")
        assert japanese.pronunciation == said
        assert kokoro_phonemes(reading) == kokoro_phonemes(japanese)
        assert told_pattern(reading.morphemes) == told_pattern(japanese.morphemes)

    check_each_one(said_as_its_twin, MISREAD, ids=lambda c: c[0])


def test_a_unit_the_analyzer_reads_right_is_left_to_it() -> None:
    """Every case of `READ_RIGHT` (one test; each case it fails on named)."""

    def left_alone(case: tuple[str, str]) -> None:
        written, said = case
        reading = reconcile(written)
        assert (reading.pronunciation, reading.verdict) == (said, "unchecked")
        assert spots(prepare(written)) == [] and not context.touching(written)

    check_each_one(left_alone, READ_RIGHT, ids=lambda c: c[0])


def test_the_text_keeps_its_letters() -> None:
    """Each word the analyzer cut the unit's Japanese form into reads as it (時|間: said
    as 10時間 is); the first holds the unit as written."""
    words = reconcile("1h30minと2Lの水").morphemes
    assert [(w.surface, w.read_as) for w in words if w.read_as] == [
        ("h", "時"),
        ("", "間"),
        ("min", "分"),
        ("L", "リットル"),
    ]
    assert [(w.surface, w.read_as) for w in reconcile("10 h").morphemes] == [
        ("十", None),
        ("h", "時間"),
    ]


def test_a_unit_is_found_only_after_a_number() -> None:
    found = spots(prepare("3Lサイズと2Lの水、iPhone 5s、A4、2m²、100m、60km/h、1h30m、3m20s"))
    assert [(s.number, s.unit, s.said) for s in found] == [
        ("2", "L", "リットル"),  # not 3L before サイズ: a clothing size
        ("1", "h", "時間"),
        ("30", "m", "分"),  # m between hours and seconds is a minute; 100m a metre
        ("3", "m", "分"),
        ("20", "s", "秒"),
    ]
    assert set(UNITS) >= {"L", "min", "h", "s", "sec", "°C"}
    # A pause's length is no unit: the text's key stays as it was.
    assert spots("休みます[pause:1.5s]おきます。") == []
    assert not context.touching("休みます[pause:1.5s]おきます。")


def test_counters_and_units_in_one_text_keep_their_places() -> None:
    """A counter's 分 (5ふん) and a unit's (10min) counted together, whichever comes
    first; a counter's 時 and the 時 of a unit's 時間 too."""
    for text, said, surfaces in [
        ("5ふんと10min", "ゴフントジュップン", "五ふんと十min"),
        ("10minと5ふん", "ジュップントゴフン", "十minと五ふん"),
        ("4じに30min", "ヨジニサンジュップン", "四じに三十min"),
        ("10hと4じ", "ジュージカントヨジ", "十hと四じ"),
        ("4じと10h", "ヨジトジュージカン", "四じと十h"),
    ]:
        reading = reconcile(text)
        assert reading.pronunciation == said, text
        assert "".join(w.surface for w in reading.morphemes) == surfaces, text


def test_a_unit_nothing_decides_is_said_as_written_and_doubted() -> None:
    def case(written: str, message: str) -> None:
        reading = reconcile(written)
        assert (reading.verdict, reading.message) == ("doubt", message)
        # The unit doubted is said as written (7:30's colon is a clock time's 時, not it).
        assert not any(w.read_as and w.surface[-1:].isalpha() for w in reading.morphemes)

    check_each(
        case,
        [
            # After a clock time a.m. is not moved: 午前 goes before the hour.
            ("7:30a.m.", "7:30a.m.: 30a.m. is said as written: write 午前7時30分"),
            ("10h30", "10h30: 10h30 is said as written: write 10時間30分 or 10時30分"),
            ("1990s", "1990s: 1990s is said as written: write 1990秒 or 1990年代"),
        ],
    )


def test_only_texts_with_a_unit_get_its_rules_in_their_key() -> None:
    assert context.touching("30min") and context.touching("7a.m.")
    assert not context.touching("5km") and not context.touching("30分")


def _said_with_no_unit_left(text: str, said: str) -> None:
    decided = reconcile(text)
    assert said in decided.pronunciation, decided.pronunciation
    # No unit nor counter left undecided (another word may be a doubt of its own).
    assert not counter_doubts(text), decided.message


def test_units_said_before_the_number_or_left_undone_are_said() -> None:
    check_each(
        _said_with_no_unit_left,
        [
            # A minus before a temperature was dropped (−ごど).
            ("今朝の気温は-5℃でした。", "マイナスゴド"),
            ("山の上は−12℃まで下がった。", "マイナスジューニド"),
            # a.m. and p.m. after an hour are said before it, as Japanese says them.
            ("7a.m.に出発します。", "ゴゼンシチジニ"),
            ("お店は9p.m.まで開いています。", "ゴゴクジマデ"),
            # °F: 華氏 before the number (it was said as written: キュージューゴ°Ｆ).
            ("気温は95°Fでした。", "カシキュージューゴド"),
            # A clock time: 10時30分 (じゅう：さんじゅう before).
            ("会議は10:30から始まります。", "ジュージサンジュップンカラ"),
            # A range's wave dash was not said: 3〜5人 さんごにん, thirty-five people; its
            # counter is said after both numbers, as a teacher reads it.
            ("3〜5人のグループ", "サンニンカラゴニン"),
            # The are, where the sentence speaks of land; elsewhere `a` is left alone.
            ("10aの畑を耕す。", "ジューアールノ"),
        ],
    )


def test_a_minus_inside_a_range_or_a_name_is_no_temperature_sign() -> None:
    assert "マイナス" not in reconcile("3-5℃").pronunciation
    assert "マイナス" not in reconcile("A-5℃").pronunciation
    assert "アール" not in reconcile("問題3aを解く。").pronunciation


def test_two_numbers_with_a_slash_are_a_doubt_a_date_or_a_fraction() -> None:
    decided = reconcile("次の試験は3/4です。")
    assert decided.verdict == "doubt"
    assert "write 3月4日 or 4分の3" in (decided.message or "")


def test_ranges_ages_speeds_and_dates_are_said_as_a_teacher_says_them() -> None:
    check_each(
        _said_with_no_unit_left,
        [
            # The held-out units (units-2026-11-25.txt): said as a teacher says them.
            ("1〜3月は雪が多い。", "イチガツカラサンガツワ"),
            ("10〜15min休憩します。", "ジュップンカラジューゴフン"),
            ("1〜3本", "イッポンカラサンボン"),
            ("1月〜3月は雪が多い。", "イチガツカラサンガツワ"),  # the 〜 was not said
            ("妹は来月20歳になります。", "ライゲツハタチニ"),
            ("この道路の制限速度は45km/hです。", "ジソクヨンジューゴキロメートルデス"),
            ("時速45km/hで走る。", "ジソクヨンジューゴキロメートルデ"),  # 時速 once
            ("7/7は七夕です。", "シチガツナノカワタナバタ"),
            ("6/20に引っ越します。", "ロクガツハツカニ"),
            ("4/1から新学期が始まります。", "シガツツイタチカラ"),
            ("9/9に会いましょう。", "クガツココノカニ"),
            ("今日は七夕です。", "キョーワタナバタ"),  # 七 + 夕 after a particle: なな ゆう
        ],
    )


def test_what_is_no_age_of_twenty_nor_a_sentence_of_speed_is_the_analyzers() -> None:
    def case(text: str, said: str) -> None:
        assert reconcile(text).pronunciation == said

    check_each(
        case,
        [
            ("20歳代の人", "ニジュッサイダイノヒト"),  # twenties
            ("120歳", "ヒャクニジュッサイ"),
            ("60km/h", "ロクジュッキロメートルマイジ"),  # no word of speed: the symbol's
        ],
    )


def test_slashed_numbers_stay_a_doubt_where_the_sentence_shows_no_date() -> None:
    def case(text: str) -> None:
        decided = reconcile(text)
        assert decided.verdict == "doubt", decided.pronunciation
        assert "月" not in "".join(w.read_as or "" for w in decided.morphemes)

    check_each_one(
        case,
        [
            "次の試験は3/4です。",  # です: a date or a share of the candidates
            "ケーキの3/4を食べてしまった。",
            "人口が3/4に減った。",  # に, but no word of a day: a fraction
            "2/30に会いましょう。",  # no such day
        ],
    )
