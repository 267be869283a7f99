"""Abbreviations from the published lists of `abbreviations.tsv`: said whole, or said as
written and flagged where the list gives several meanings or none names them."""

from __future__ import annotations

from tests.support.sweep import check_each
from tts_assets.readings.numbers import spoken_form
from tts_assets.readings.numbers.abbreviations import UNSURE, published

SAID = [
    ("de", "Siehe Abs. 2 auf S. 14.", "Siehe Absatz zwei auf Seite vierzehn."),
    ("en", "See fig. 3 in ch. 2.", "See figure three in chapter two."),
    ("es", "Nació en el 30 a. C.", "Nació en el treinta antes de Cristo."),
    ("fr", "Lisez le chap. 3, p. 12.", "Lisez le chapitre trois, page douze."),
    ("it", "Abito in p.zza Verdi.", "Abito in piazza Verdi."),
    ("nl", "Bel z.s.m. terug a.u.b.", "Bel zo snel mogelijk terug alstublieft"),
    ("pt", "Leia o cap. 4.", "Leia o capítulo quatro."),
    ("th", "นัดวันที่ 5 มี.ค.", "นัดวันที่ ห้า มีนาคม"),
    ("vi", "Xem tr. 9.", "Xem trang chín."),
]


def test_a_published_abbreviation_is_said_whole() -> None:
    def case(lang: str, text: str, said: str) -> None:
        spoken = spoken_form(text, lang)
        assert spoken.text.rstrip(".") == said.rstrip("."), spoken
        assert not spoken.doubts

    check_each(case, SAID)


TITLES_WRITTEN_SMALL = [
    ("it", "Ho parlato con la sig.ra Bianchi.", "Ho parlato con la signora Bianchi."),
    ("it", "Oggi il dott. Conti non c'è.", "Oggi il dottor Conti non c'è."),
    ("es", "Hoy viene la sra. Ruiz.", "Hoy viene la señora Ruiz."),
]


def test_a_title_written_small_is_said_as_its_capital_form() -> None:
    """Within a sentence a title is written small (`la sig.ra`); the table names it
    capitalized (`Sig.ra`), and says it all the same."""

    def case(lang: str, text: str, said: str) -> None:
        assert spoken_form(text, lang).text == said

    check_each(case, TITLES_WRITTEN_SMALL)


def test_one_letter_and_a_stop_is_an_abbreviation_only_before_a_number() -> None:
    """`p.` is a page before a number; elsewhere (`p.m.`, an initial) it is left alone."""
    assert spoken_form("Meet J. p. Smith at 5 p.m.", "en").text.startswith("Meet J. p. Smith")


def test_an_abbreviation_with_two_meanings_is_said_as_written_and_flagged() -> None:
    assert published("de")["St."] == UNSURE  # Sankt, or Stück before a capitalised noun
    spoken = spoken_form("Er kauft 3 St. Brot in St. Gallen.", "de")
    assert spoken.text == "Er kauft drei St. Brot in St. Gallen."
    assert any("more than one meaning" in d for d in spoken.doubts)


def test_an_abbreviation_no_list_names_before_a_number_is_flagged() -> None:
    spoken = spoken_form("Siehe Anh. 3.", "de")
    assert "Anh." in spoken.text
    assert any("Anh.: an abbreviation the rules do not know" in d for d in spoken.doubts)


def test_an_abbreviation_the_rules_say_is_not_flagged() -> None:
    assert not spoken_form("Siehe S. 3.", "de").doubts


HEIGHTS = [
    ("vi", "Anh ấy cao 1m70.", "Anh ấy cao một mét bảy mươi."),
    ("fr", "Il mesure 1m75.", "Il mesure un mètre soixante-quinze."),
    ("it", "È alto 1m78.", "È alto un metro e settantotto."),
    ("de", "Er ist 1m85 groß.", "Er ist ein Meter fünfundachtzig groß."),
]


def test_a_height_written_together_is_metres_then_centimetres() -> None:
    def case(lang: str, text: str, said: str) -> None:
        spoken = spoken_form(text, lang)
        assert (spoken.text, spoken.doubts) == (said, ())

    check_each(case, HEIGHTS)


def test_a_decimal_height_in_metres_is_metres_then_centimetres() -> None:
    assert (
        spoken_form("Sie ist 1,85 m groß.", "de").text == "Sie ist ein Meter fünfundachtzig groß."
    )
    assert "Komma" in spoken_form("Es sind 1,85 m².", "de").text  # an area stays a number


def test_an_ampersand_is_said_as_the_languages_and() -> None:
    assert spoken_form("Souza & Filhos", "pt").text == "Souza e Filhos"
    assert spoken_form("한국 vs 일본", "ko").text == "한국 대 일본"


def test_italian_stresses_a_final_three_after_hundreds() -> None:
    assert spoken_form("nel 753", "it").text == "nel settecentocinquantatré"


DAYS_AND_MONTHS = [
    ("es", "El concierto es el sáb. por la noche.", "El concierto es el sábado por la noche."),
    (
        "nl",
        "Open van ma. t/m za. tot zes uur.",
        "Open van maandag tot en met zaterdag tot zes uur.",
    ),
    ("en", "We leave on Sept. 5.", "We leave on September fifth."),
    ("pt", "A prova é na qua. de manhã.", "A prova é na quarta-feira de manhã."),
]


def test_a_short_day_or_month_name_of_cldr_is_said_whole() -> None:
    def case(lang: str, text: str, said: str) -> None:
        spoken = spoken_form(text, lang)
        assert (spoken.text, spoken.doubts) == (said, ())

    check_each(case, DAYS_AND_MONTHS)


def test_a_short_day_name_that_may_end_a_sentence_is_said_as_written_and_flagged() -> None:
    """Dutch `zo.` is Sunday, or `zo` (so) ending a sentence: there it is left."""
    spoken = spoken_form("Het is zo. Dan gaan we.", "nl")
    assert spoken.text == "Het is zo. Dan gaan we."
    assert any("zondag, or a word ending a sentence" in d for d in spoken.doubts)


def test_a_listed_title_or_place_word_before_a_name_is_said_and_noted() -> None:
    """`R. Augusta` is Rua Augusta, or a name's initial: said rua and noted; in an
    initial's place (after a name, before an initial) said as written and flagged;
    Vietnamese writes no initials, so `Q. Ba Đình` is quận Ba Đình."""
    spoken = spoken_form("A loja fica na R. Augusta.", "pt")
    assert spoken.text == "A loja fica na rua Augusta."
    assert any("rua, or an initial" in d for d in spoken.doubts)
    for text in ("Falei com Pedro R. Alves.", "Falei com R. P. Alves."):
        initial = spoken_form(text, "pt")
        assert initial.text == text
        assert any("rua, or an initial; said as written" in d for d in initial.doubts)
    assert spoken_form("Vive en la c/ Mayor.", "es").text == "Vive en la calle Mayor."
    vi = spoken_form("Cửa hàng nằm ở Q. Ba Đình.", "vi")
    assert (vi.text, vi.doubts) == ("Cửa hàng nằm ở quận Ba Đình.", ())


def test_the_slot_decides_an_abbreviation_of_several_meanings() -> None:
    """Thai `ม.` before a word is มหาวิทยาลัย, after a number a metre, and elsewhere
    (`ม.3`, a grade or a village) as written and flagged; a day's short name after a
    number (`5 seg.`: seconds, seguinte) is no day."""
    uni = spoken_form("เขาเรียนที่ ม.เกษตรศาสตร์", "th")
    assert (uni.text, uni.doubts) == ("เขาเรียนที่ มหาวิทยาลัยเกษตรศาสตร์", ())
    assert spoken_form("เขาวิ่งได้ 100 ม.", "th").text == "เขาวิ่งได้ หนึ่งร้อย เมตร"
    for text, lang in (("เขาเรียนชั้น ม.3", "th"), ("Espere 5 seg. por favor.", "pt")):
        assert spoken_form(text, lang).doubts, text
    assert spoken_form("Espere 5 seg. por favor.", "pt").text == "Espere cinco seg. por favor."
    assert "segunda-feira" in spoken_form("A loja abre na seg. às 9h.", "pt").text


def test_an_abbreviation_glued_to_its_number_is_said_apart_from_it() -> None:
    assert spoken_form("Công ty ở Q.1.", "vi").text == "Công ty ở quận một."


def test_abbreviations_joined_by_a_stop_are_each_said_apart() -> None:
    assert spoken_form("TS.BS Lan khám bệnh.", "vi").text == "tiến sĩ bác sĩ Lan khám bệnh."
    assert spoken_form("Dr.Weber kommt.", "de").text == "Doktor Weber kommt."
    assert spoken_form("Siehe www.sz.de heute.", "de").text == "Siehe www.sz.de heute."


def test_an_unknown_short_word_with_a_stop_before_a_small_word_is_flagged() -> None:
    """A stop before a small word does not end a sentence: `Zw.` is an abbreviation no
    list names, said letter by letter, so it is flagged."""
    spoken = spoken_form("Wir treffen uns im Zw. der Schule.", "de")
    assert any("Zw.: an abbreviation the rules do not know" in d for d in spoken.doubts)


def test_small_letters_each_with_a_stop_that_no_list_names_are_flagged() -> None:
    """`t.o.v.` abbreviates a phrase, never said letter by letter; capitals with stops
    (`U.S.`) are said as letters, so they are not flagged."""
    spoken = spoken_form("De prijs steeg t.o.v. vorig jaar.", "nl")
    assert any("t.o.v.: an abbreviation the rules do not know" in d for d in spoken.doubts)
    assert spoken_form("The U.S. is big.", "en").doubts == ()


def test_a_thai_repetition_mark_is_said_as_written_and_flagged() -> None:
    """ๆ repeats the word before it, and where that word begins only a dictionary knows."""
    spoken = spoken_form("คุณครูพูดช้าๆ", "th")
    assert spoken.text == "คุณครูพูดช้าๆ"
    assert any(d.startswith("ๆ: repeats the word before it") for d in spoken.doubts)


def test_a_small_letter_with_a_stop_before_a_capital_is_flagged() -> None:
    """No sentence ends in `p.`: before a name it is an abbreviation (Polish pan, pani or
    strona, by the list several meanings), said as written and flagged."""
    spoken = spoken_form("Proszę zadzwonić do p. Nowaka.", "pl")
    assert spoken.text == "Proszę zadzwonić do p. Nowaka."
    assert spoken.doubts == ("p.: an abbreviation with more than one meaning; said as written",)


def test_an_x_after_a_number_the_rules_leave_is_flagged() -> None:
    """Times or a score: said as the letter, so flagged."""

    def case(lang: str, text: str) -> None:
        assert "x: times, or a score; said as written" in spoken_form(text, lang).doubts

    check_each(
        case,
        [("nl", "Neem 3 x per dag een tablet."), ("pt-BR", "Venceu por 2 x 1."), ("it", "4 × 5 m")],
    )


POLISH_IN_CASE = [
    ("Biuro mieści się na pl. Zamkowym.", "Biuro mieści się na placu Zamkowym."),
    ("Mieszkam w woj. mazowieckim.", "Mieszkam w województwie mazowieckim."),
    ("Rozmawiałem z ks. proboszczem.", "Rozmawiałem z księdzem proboszczem."),
    ("To szkoła im. Adama Mickiewicza.", "To szkoła imienia Adama Mickiewicza."),
]


def test_a_polish_abbreviation_takes_the_case_of_the_word_after_it() -> None:
    def case(text: str, said: str) -> None:
        spoken = spoken_form(text, "pl")
        assert (spoken.text, spoken.doubts) == (said, ())

    check_each(case, POLISH_IN_CASE)


def test_a_small_abbreviation_written_capital_at_a_sentence_start_is_said() -> None:
    assert spoken_form("Approx. 300 people came.", "en").text == (
        "approximately three hundred people came."
    )


def test_a_capital_and_stop_before_a_small_word_is_no_initial() -> None:
    spoken = spoken_form("Moro na R. das Flores.", "pt")
    assert (spoken.text, spoken.doubts) == ("Moro na rua das Flores.", ())
