"""The kinds of number once said as something else, said as
a teacher says them: amounts in groups of thousands apart by spaces with a decimal comma,
durations, lists of years, ISBNs, verse references, scores written with a dash, and the
rest of the fresh cases' kinds; and what no rule may say with certainty, said as written
and noted. The fresh cases themselves are held out in
benchmarks/data/spoken_numbers_fresh.txt (benchmarks/spoken_fresh.py)."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.readings.numbers import spoken_form

NNBSP, NBSP = "\u202f", "\u00a0"

SAID: dict[str, list[tuple[str, str, str]]] = {
    "amount in spaced groups with decimals (was two numbers)": [
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
            "It costs one thousand two hundred and ninety-nine dollars and ninety-nine cents.",
        ),
    ],
    "minutes after hours (were metres)": [
        ("ko", "소요 시간: 2h 30m", "소요 시간: 두 시간 삼십 분"),
        ("zh", "需要2h 30m。", "需要两小时 三十分钟。"),
        ("th", "ใช้เวลา 2h 30m", "ใช้เวลา สองชั่วโมง สามสิบนาที"),
    ],
    "duration (was einshdreißig, or without its and)": [
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
    ],
    "ISBN (was four ranges)": [
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
    ],
    "verse reference (was a time of day or a decimal)": [
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
    ],
    "score with a dash (was a range)": [
        ("it", "La Juve ha vinto 2-0.", "La Juve ha vinto due a zero."),
        ("vi", "Đội nhà thắng 2-1.", "Đội nhà thắng hai một."),
        ("th", "ทีมเราชนะ 2-0", "ทีมเราชนะ สองต่อศูนย์"),
        ("pt", "O Porto ganhou 4-2.", "O Porto ganhou quatro a dois."),
    ],
    "years in a row (were a phone number)": [
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
        (
            "de",
            "Telefon 2010 2020 2030",
            "Telefon zwei null eins null, zwei null zwei null, zwei null drei null",
        ),
    ],
    "a time after a score word (was zu null)": [
        ("de", "Der Kurs endet um 19:00 Uhr.", "Der Kurs endet um neunzehn Uhr."),
        ("pl", "Mecz skończył się o 19:00.", "Mecz skończył się o dziewiętnastej."),
    ],
    "the fresh cases' other kinds": [
        ("fr", "1/3 + 1/3 = 2/3", "un tiers plus un tiers égale deux tiers"),
        ("de", "4 + 5 = 9", "vier plus fünf gleich neun"),
        ("es", "El autobús sale a las 18:20.", "El autobús sale a las dieciocho veinte."),
        ("pt", "O jantar é às 20h30.", "O jantar é às vinte e trinta."),
        ("vi", "Tôi sinh vào tháng 4.", "Tôi sinh vào tháng tư."),
        ("vi", "Mỗi tháng 2 lần.", "Mỗi tháng hai lần."),
        ("ko", "수업 시간은 1시간 20분이에요.", "수업 시간은 한 시간 이십 분이에요."),
        ("th", "ราคา 45.25 บาท", "ราคา สี่สิบห้าบาทยี่สิบห้าสตางค์"),
        ("th", "ราคา ฿12.50", "ราคา สิบสองบาทห้าสิบสตางค์"),
        ("th", "วันนี้ 32 °C", "วันนี้ สามสิบสององศาเซลเซียส"),
        ("th", "2/3 ของห้อง", "สองส่วนสาม ของห้อง"),
        (
            "pl",
            "Byłam tam w 2001 i 2005 roku.",
            "Byłam tam w dwa tysiące pierwszym i dwa tysiące piątym roku.",
        ),
    ],
    "Hr. after a preposition or an article (was Herr)": [
        ("de", "Das Paket ist für Hr. Wagner.", "Das Paket ist für Herrn Wagner."),
        ("de", "Ich spreche mit dem Hr. Vogel.", "Ich spreche mit dem Herrn Vogel."),
        ("de", "Hr. Wagner ist da.", "Herr Wagner ist da."),
    ],
    "an hour agrees with heures; a date after a capital Ngày": [
        ("fr", "Le train part à 21 h.", "Le train part à vingt et une heures."),
        ("fr", "On mange à 21h30.", "On mange à vingt et une heures trente."),
        ("vi", "Ngày 2/9 là ngày lễ.", "Ngày hai tháng chín là ngày lễ."),
    ],
    "the held-out set's misses (were said otherwise in silence)": [
        ("de", "Wir essen 2 x pro Woche Fisch.", "Wir essen zweimal pro Woche Fisch."),
        ("es", "El examen es a las 9:30 h.", "El examen es a las nueve treinta horas."),
        ("pl", "Biuro jest czynne 8-16.", "Biuro jest czynne od ósmej do szesnastej."),
        ("ko", "30대 초반이에요.", "삼십 대 초반이에요."),
        ("ko", "차 20대가 있어요.", "차 스무 대가 있어요."),
        ("ko", "고려의 제3대 왕", "고려의 제 삼 대 왕"),
        ("ko", "제2과를 읽으세요.", "제 이 과를 읽으세요."),
        ("ko", "우리가 3대 2로 이겼다.", "우리가 삼 대 이로 이겼다."),
    ],
}


@pytest.mark.parametrize("kind", SAID)
def test_each_kind_is_said_as_a_teacher_says_it(kind: str) -> None:
    """Every case of the kind (one test a kind; each case it fails on named)."""

    def said_right(case: tuple[str, str, str]) -> None:
        lang, text, said = case
        spoken = spoken_form.__wrapped__(text, lang)
        assert spoken.text == said and not spoken.doubts

    check_each_one(said_right, SAID[kind], ids=lambda c: f"{c[0]}: {c[1]}")


NOTED: list[tuple[str, str, str]] = [
    # (language, text, what is said as written): a number like an ISBN but of 12 digits,
    # a range of verses Polish does not say, a range that ends below its start without a
    # word that makes it a score, hours glued to minutes without a word of duration, a
    # Thai day and month
    ("de", "Code 978-3-16-1484-0 ok", "978-3-16-1484-0"),
    ("pl", "Czytamy Jana 3,16-18.", "3,16-18"),
    ("de", "Gruppe 5-2", "5-2"),
    ("en", "Gruppe 5-2", "5-2"),
    ("es", "Gruppe 5-2", "5-2"),
    ("ko", "Gruppe 5-2", "5-2"),
    ("zh", "Gruppe 5-2", "5-2"),
    ("th", "Gruppe 5-2", "5-2"),
    ("vi", "Gruppe 5-2", "5-2"),
    ("de", "Treffpunkt 1h30", "1h30"),
    ("en", "Treffpunkt 1h30", "1h30"),
    ("it", "Treffpunkt 1h30", "1h30"),
    ("pl", "Treffpunkt 1h30", "1h30"),
    ("th", "วันที่ 3/10", "3/10"),
    ("de", "Gruppe 10-5", "10-5"),
    ("en", "Read pages 110-15.", "110-15"),
]


def test_what_no_rule_reads_with_certainty_is_said_as_written_and_noted() -> None:
    def case(lang: str, text: str, kept: str) -> None:
        spoken = spoken_form.__wrapped__(text, lang)
        assert kept in spoken.text and spoken.doubts

    check_each(case, NOTED)
