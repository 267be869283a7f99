"""The kinds of number a hostile review found said as something else (issue 59), said as
a teacher says them: amounts in groups of thousands apart by spaces with a decimal comma,
durations, lists of years, ISBNs, verse references, scores written with a dash, and the
rest of the fresh cases' kinds. The fresh cases themselves are held out in
benchmarks/data/spoken_numbers_fresh.txt (benchmarks/spoken_fresh.py)."""

from __future__ import annotations

import pytest

from tts_assets.readings.numbers import spoken_form

NNBSP, NBSP = "\u202f", "\u00a0"

AMOUNTS: list[tuple[str, str, str]] = [
    (
        "pl",
        "Kosztuje 1 299,99 zł.",
        "Kosztuje tysiąc dwieście dziewięćdziesiąt dziewięć złotych dziewięćdziesiąt "
        "dziewięć groszy.",
    ),
    (
        "de",
        "Es kostet 1 299,99 €.",
        "Es kostet tausendzweihundertneunundneunzig Euro neunundneunzig.",
    ),
    (
        "de",
        f"Es kostet 1{NNBSP}299,99 €.",
        "Es kostet tausendzweihundertneunundneunzig Euro neunundneunzig.",
    ),
    (
        "es",
        f"Cuesta 1{NBSP}299,99 €.",
        "Cuesta mil doscientos noventa y nueve euros con noventa y nueve.",
    ),
    ("pt", "Custa 2 499,00 €.", "Custa dois mil quatrocentos e noventa e nove euros."),
    ("it", f"Costa 1{NNBSP}299,99 €.", "Costa milleduecentonovantanove euro e novantanove."),
    (
        "en",
        "It costs 1 299.99 dollars.",
        "It costs one thousand two hundred and ninety-nine point nine nine dollars.",
    ),
]


@pytest.mark.parametrize(("lang", "text", "said"), AMOUNTS)
def test_an_amount_in_spaced_groups_with_decimals_is_one_number(
    lang: str, text: str, said: str
) -> None:
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


DURATIONS: list[tuple[str, str, str]] = [
    ("ko", "소요 시간: 2h 30m", "소요 시간: 두 시간 삼십 분"),
    ("zh", "需要2h 30m。", "需要两小时 三十分钟。"),
    ("th", "ใช้เวลา 2h 30m", "ใช้เวลา สองชั่วโมง สามสิบนาที"),
]


@pytest.mark.parametrize(("lang", "text", "said"), DURATIONS)
def test_minutes_after_hours_are_no_metres(lang: str, text: str, said: str) -> None:
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


ISBNS: list[tuple[str, str, str]] = [
    (
        "de",
        "ISBN 978-3-16-148410-0",
        "ISBN neun sieben acht, drei, eins sechs, eins vier acht vier eins null, null",
    ),
    (
        "en",
        "Book: 978-0-306-40615-7.",
        "Book: nine seven eight, zero, three zero six, four zero six one five, seven.",
    ),
    ("fr", "ISBN 2-07-036822-X", "ISBN deux, zéro sept, zéro trois six huit deux deux, X"),
    ("zh", "书号978-7-5600-3879-7。", "书号九七八 七 五六零零 三八七九 七。"),
    ("ko", "ISBN 979-11-6224-187-2입니다", "ISBN 구칠구 일일 육이이사 일팔칠 이입니다"),
    ("th", "ISBN 978-616-08-2118-5", "ISBN เก้าเจ็ดแปด หกหนึ่งหก ศูนย์แปด สองหนึ่งหนึ่งแปด ห้า"),
]


@pytest.mark.parametrize(("lang", "text", "said"), ISBNS)
def test_an_isbn_is_said_digit_by_digit_in_its_groups(lang: str, text: str, said: str) -> None:
    """It was said as four ranges (neunhundertachtundsiebzig bis drei bis ...)."""
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


def test_a_number_in_groups_like_an_isbn_but_not_one_is_no_isbn() -> None:
    spoken = spoken_form.__wrapped__("Code 978-3-16-1484-0 ok", "de")
    assert "978-3-16-1484-0" in spoken.text and spoken.doubts  # 12 digits: said as written


VERSES: list[tuple[str, str, str]] = [
    ("de", "Lies Johannes 3,16.", "Lies Johannes Kapitel drei, Vers sechzehn."),
    ("de", "Gen 1,1-3", "Genesis Kapitel eins, Vers eins bis drei"),
    ("en", "Read John 3:16 today.", "Read John three sixteen today."),
    ("es", "Leemos Mateo 5:3.", "Leemos Mateo capítulo cinco, versículo tres."),
    ("fr", "Lisez Luc 2,11.", "Lisez Luc chapitre deux, verset onze."),
    ("it", "Leggiamo Giovanni 3,16.", "Leggiamo Giovanni capitolo tre, versetto sedici."),
    ("pt", "Leia João 3:16.", "Leia João capítulo três, versículo dezasseis."),
    (
        "pl",
        "Czytamy Ewangelię Jana 3,16.",
        "Czytamy Ewangelię Jana, rozdział trzeci, werset szesnasty.",
    ),
    ("vi", "Đọc Giăng 3:16.", "Đọc Giăng chương ba câu mười sáu."),
    ("zh", "请读约翰福音3:16。", "请读约翰福音三章十六节。"),
    ("ko", "요한복음 3:16을 읽어요.", "요한복음 삼 장 십육 절을 읽어요."),
    ("th", "อ่านยอห์น 3:16", "อ่านยอห์นบทที่สามข้อที่สิบหก"),
]


@pytest.mark.parametrize(("lang", "text", "said"), VERSES)
def test_a_verse_reference_is_no_time_of_day_nor_a_decimal(lang: str, text: str, said: str) -> None:
    """`Johannes 3,16` was drei Komma eins sechs, `John 3:16` a time in Spanish."""
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


def test_a_range_of_verses_the_rules_cannot_say_is_said_as_written_and_noted() -> None:
    spoken = spoken_form.__wrapped__("Czytamy Jana 3,16-18.", "pl")
    assert "3,16-18" in spoken.text and spoken.doubts


SCORES: list[tuple[str, str, str]] = [
    ("it", "La Juve ha vinto 2-0.", "La Juve ha vinto due a zero."),
    ("vi", "Đội nhà thắng 2-1.", "Đội nhà thắng hai một."),
    ("th", "ทีมเราชนะ 2-0", "ทีมเราชนะ สองต่อศูนย์"),
    ("pt", "O Porto ganhou 4-2.", "O Porto ganhou quatro a dois."),
]


@pytest.mark.parametrize(("lang", "text", "said"), SCORES)
def test_a_score_written_with_a_dash_is_no_range(lang: str, text: str, said: str) -> None:
    """`vinto 3-1` was da tre a uno, `thắng 3-1` ba đến một (a range)."""
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


@pytest.mark.parametrize("lang", ["de", "en", "es", "ko", "zh", "th", "vi"])
def test_a_range_that_ends_below_its_start_without_a_score_word_is_noted(lang: str) -> None:
    spoken = spoken_form.__wrapped__("Gruppe 5-2", lang)
    assert "5-2" in spoken.text and spoken.doubts


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        ("de", "Der Kurs endet um 19:00 Uhr.", "Der Kurs endet um neunzehn Uhr."),
        ("pl", "Mecz skończył się o 19:00.", "Mecz skończył się o dziewiętnastej."),
    ],
)
def test_a_time_after_a_score_word_is_a_time_when_its_minutes_start_with_zero(
    lang: str, text: str, said: str
) -> None:
    """`endet um 19:00 Uhr` was neunzehn zu null Uhr (`endet` makes a score)."""
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


DURATIONS_SAID: list[tuple[str, str, str]] = [
    ("de", "Die Pause dauert 1h15.", "Die Pause dauert eine Stunde fünfzehn."),
    ("en", "The tour takes 3h 15m.", "The tour takes three hours and fifteen minutes."),
    ("en", "The match lasts 1h45.", "The match lasts one hour forty-five."),
    ("es", "El examen dura 2h 15m.", "El examen dura dos horas y quince minutos."),
    ("es", "El examen dura 2h15.", "El examen dura dos horas y quince minutos."),
    ("it", "La lezione dura 1h45.", "La lezione dura un'ora e quarantacinque."),
    ("it", "Il volo dura 3h 10m.", "Il volo dura tre ore e dieci minuti."),
    ("pt", "O jogo dura 1h45.", "O jogo dura uma hora e quarenta e cinco minutos."),
    ("fr", "Le cours dure 1h45.", "Le cours dure une heure quarante-cinq."),
    ("pl", "Egzamin trwa 1h45.", "Egzamin trwa godzinę czterdzieści pięć."),
    ("pl", "Egzamin trwa 2h15.", "Egzamin trwa dwie godziny piętnaście."),
]


@pytest.mark.parametrize(("lang", "text", "said"), DURATIONS_SAID)
def test_hours_and_minutes_of_a_duration_are_said_as_one(lang: str, text: str, said: str) -> None:
    """`dauert 1h30` was einshdreißig, `dura 2h 30m` dos horas treinta minutos."""
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


@pytest.mark.parametrize("lang", ["de", "en", "it", "pl"])
def test_hours_glued_to_minutes_without_a_word_of_duration_are_noted(lang: str) -> None:
    spoken = spoken_form.__wrapped__("Treffpunkt 1h30", lang)
    assert "1h30" in spoken.text and spoken.doubts


MORE_KINDS: list[tuple[str, str, str]] = [
    # a sum
    ("fr", "1/3 + 1/3 = 2/3", "un tiers plus un tiers égale deux tiers"),
    ("de", "4 + 5 = 9", "vier plus fünf gleich neun"),
    # the 24-hour clock
    ("es", "El autobús sale a las 18:20.", "El autobús sale a las dieciocho veinte."),
    ("pt", "O jantar é às 20h30.", "O jantar é às vinte e trinta."),
    # a month by its number
    ("vi", "Tôi sinh vào tháng 4.", "Tôi sinh vào tháng tư."),
    ("vi", "Mỗi tháng 2 lần.", "Mỗi tháng hai lần."),
    # minutes after hours
    ("ko", "수업 시간은 1시간 20분이에요.", "수업 시간은 한 시간 이십 분이에요."),
    # Thai money, degrees and fractions
    ("th", "ราคา 45.25 บาท", "ราคา สี่สิบห้าบาทยี่สิบห้าสตางค์"),
    ("th", "ราคา ฿12.50", "ราคา สิบสองบาทห้าสิบสตางค์"),
    ("th", "วันนี้ 32 °C", "วันนี้ สามสิบสององศาเซลเซียส"),
    ("th", "2/3 ของห้อง", "สองส่วนสาม ของห้อง"),
    # a list of years before `roku`
    (
        "pl",
        "Byłam tam w 2001 i 2005 roku.",
        "Byłam tam w dwa tysiące pierwszym i dwa tysiące piątym roku.",
    ),
]


@pytest.mark.parametrize(("lang", "text", "said"), MORE_KINDS)
def test_the_fresh_cases_other_kinds_are_said_as_a_teacher_says_them(
    lang: str, text: str, said: str
) -> None:
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


def test_a_thai_day_and_month_with_a_slash_is_still_noted() -> None:
    spoken = spoken_form.__wrapped__("วันที่ 3/10", "th")
    assert spoken.text == "วันที่ 3/10" and spoken.doubts


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        (
            "de",
            "Die Jahre 1998 2004 2010 waren gut.",
            "Die Jahre neunzehnhundertachtundneunzig zweitausendvier zweitausendzehn waren gut.",
        ),
        (
            "en",
            "Years: 1998 2004 2010",
            "Years: nineteen ninety-eight two thousand and four twenty ten",
        ),
        ("ko", "1998 2004 2010", "천구백구십팔 이천사 이천십"),
    ],
)
def test_years_in_a_row_are_no_phone_number(lang: str, text: str, said: str) -> None:
    """They were said digit by digit (eins neun neun acht, zwei null null vier, ...)."""
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


def test_years_in_a_row_after_a_phone_word_are_a_phone_number() -> None:
    spoken = spoken_form.__wrapped__("Telefon 2010 2020 2030", "de")
    assert spoken.text == "Telefon zwei null eins null, zwei null zwei null, zwei null drei null"
