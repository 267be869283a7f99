"""Forms real courses wrote that the spoken-form rules once said wrong (`readings.numbers`):
signs, temperatures and balances in every language, Korean minutes, times with a dot,
ranges, emergency numbers, decades, fractions, ratios and scores; and what a rule cannot
know, said as written and noted."""

from __future__ import annotations

import pytest

from tests.support import TESTS
from tests.support.spoken import said_right
from tests.support.sweep import check_each, grouped
from tts_assets.readings.numbers import LANGUAGES, RULES, rules_for, spoken_form
from tts_assets.readings.numbers.rules import Rules

FIXTURES = TESTS / "fixtures"

TEMPERATURES_AND_BALANCES: list[tuple[str, str, str]] = [
    (lang, written, said)
    for line in (FIXTURES / "temperatures_and_balances.tsv").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
    for lang, written, said in [line.split("\t")]
]
"""Each language's own, one file of data (a new language adds its rows, not a test's)."""

SAID_RIGHT: list[tuple[str, str, str]] = [
    # Korean minutes and seconds are Sino-Korean after a native hour.
    ("ko", "2시 30분", "두 시 삼십 분"),
    ("ko", "10시 5분", "열 시 오 분"),
    ("ko", "3시 15분 20초에 만나요.", "세 시 십오 분 이십 초에 만나요."),
    ("ko", "30분이 걸려요.", "삼십 분이 걸려요."),
    ("ko", "세 분이 오셨어요.", "세 분이 오셨어요."),
    ("ko", "100km", "백 킬로미터"),
    ("ko", "325km를 달렸어요.", "삼백이십오 킬로미터를 달렸어요."),
    ("ko", "10 kilometer이나 걸었어요.", "십 킬로미터이나 걸었어요."),
    ("ko", "코로나19 바이러스가", "코로나 일구 바이러스가"),
    ("ko", "119에 전화하세요.", "일일구에 전화하세요."),
    ("ko", "119명이 왔어요.", "백십구 명이 왔어요."),
    ("ko", "1/2", "이분의 일"),
    ("ko", "2:1로 이겼어요.", "이 대 일로 이겼어요."),
    # A time with a dot after a word that makes it one.
    ("it", "Ci vediamo alle 9.30.", "Ci vediamo alle nove e mezza."),
    ("it", "Il treno parte alle 17.45.", "Il treno parte alle diciassette e quarantacinque."),
    ("de", "Wir treffen uns um 9.30 Uhr.", "Wir treffen uns um neun Uhr dreißig."),
    ("de", "Wir treffen uns um 9.30.", "Wir treffen uns um neun Uhr dreißig."),
    ("de", "Ab 1.10. geöffnet.", "Ab ersten Oktober geöffnet."),
    # Ranges are ranges, never "or".
    (
        "it",
        "Leopardi (1798-1837)",
        "Leopardi (dal millesettecentonovantotto al milleottocentotrentasette)",
    ),
    ("it", "Dormo 7-8 ore.", "Dormo da sette a otto ore."),
    ("it", "Aperto dalle 9-17.", "Aperto dalle nove alle diciassette."),
    # Emergency numbers digit by digit.
    ("en", "Call 911", "Call nine one one"),
    ("en", "Dial 999 now.", "Dial nine nine nine now."),
    ("de", "Wählen Sie die 110.", "Wählen Sie die eins eins null."),
    ("de", "Ruf die 112 an!", "Ruf die eins eins zwei an!"),
    ("es", "Llama al 112.", "Llama al uno uno dos."),
    ("it", "Chiama il 112.", "Chiama il uno uno due."),
    ("pt", "Liga para o 112.", "Liga para o um um dois."),
    ("zh", "请拨打120。", "请拨打一二零。"),
    ("zh", "一共120元。", "一共一百二十元。"),
    ("zh", "他考了110分。", "他考了一百一十分。"),
    ("zh", "他跑了120分钟。", "他跑了一百二十分钟。"),
    ("vi", "Hãy gọi 113.", "Hãy gọi một một ba."),
    # Decades.
    ("en", "Music of the 1990s", "Music of the nineteen nineties"),
    ("en", "in the '80s", "in the eighties"),
    ("de", "die 90er", "die neunziger"),
    ("de", "in den 1990er Jahren", "in den neunzehnhundertneunziger Jahren"),
    # Fractions, as a teacher reads a recipe.
    ("de", "1/2 Liter reicht.", "ein halber Liter reicht."),
    ("de", "Man braucht 1/2 Liter Milch.", "Man braucht einen halben Liter Milch."),
    ("de", "Ich kaufe 1/2 Liter Milch.", "Ich kaufe einen halben Liter Milch."),
    ("de", "Nach 1/2 Stunde", "Nach einer halben Stunde"),
    ("de", "3/4 Liter", "drei Viertel Liter"),
    ("de", "2 1/2 Stunden", "zweieinhalb Stunden"),
    ("en", "Add 1/2 cup of milk.", "Add half a cup of milk."),
    ("en", "3/4 of the class", "three quarters of the class"),
    ("en", "Stir in 2/3 cup of oats.", "Stir in two thirds of a cup of oats."),
    ("en", "Walk 1/4 mile.", "Walk one quarter of a mile."),
    ("en", "a 2/3 majority", "a two thirds majority"),
    # The cent sign, and an amount that describes the noun after it.
    ("en", "Stamps cost 60¢ and 1¢.", "Stamps cost sixty cents and one cent."),
    (
        "en",
        "He paid with a $20 note and an $8 coupon.",
        "He paid with a twenty-dollar note and an eight-dollar coupon.",
    ),
    ("en", "a 10¢ coin", "a ten-cent coin"),
    ("en", "The budget is £250k.", "The budget is two hundred and fifty thousand pounds."),
    ("es", "1/2 litro y 1/2 hora", "medio litro y media hora"),
    ("es", "3/4 de kilo", "tres cuartos de kilo"),
    ("it", "1/2 litro", "mezzo litro"),
    ("it", "un quarto d'ora e 1/4 ora", "un quarto d'ora e un quarto d'ora"),
    ("fr", "1/2 litre", "un demi-litre"),
    ("fr", "1/4 heure", "un quart d'heure"),
    ("pt", "1/2 litro", "meio litro"),
    # Published abbreviations without a dot: a floor, with and without.
    ("de", "Das Büro ist im 3. OG.", "Das Büro ist im dritten Obergeschoss."),
    ("pt", "Café c/ leite, pão s/ sal: R$ 5.", "Café com leite, pão sem sal: cinco reais."),
    # One before an article counts no noun: uno, not un.
    ("es", "Ganaron 2 a 1 la final.", "Ganaron dos a uno la final."),
    # A fraction sign is the fraction written with digits.
    ("es", "Añade ½ taza.", "Añade media taza."),
    ("fr", "Ajoutez ¾ de litre.", "Ajoutez trois quarts de litre."),
    ("de", "Nimm 1½ Liter.", "Nimm eineinhalb Liter."),
    # A fraction before "of the" merged in one word says no second "of".
    ("fr", "Les 2/3 des voix", "Les deux tiers des voix"),
    ("it", "I 2/3 dei voti", "I due terzi dei voti"),
    ("pt", "Os 2/3 das vagas", "Os dois terços das vagas"),
    ("pt", "Use 1/2 colher de sopa.", "Use meia colher de sopa."),
    ("zh", "1/2", "二分之一"),
    ("vi", "1/2 lít", "nửa lít"),
    ("en", "Open 24/7.", "Open twenty-four seven."),
    ("de", "Wir sind 24/7 erreichbar.", "Wir sind vierundzwanzig sieben erreichbar."),
    # Ratios and scores, not clock times.
    ("de", "Im Verhältnis 1:10 mischen.", "Im Verhältnis eins zu zehn mischen."),
    ("de", "Das Spiel endete 2:1.", "Das Spiel endete zwei zu eins."),
    ("de", "Maßstab 1:100", "Maßstab eins zu hundert"),
    # A time word just before is a clock time, whatever the sentence is about.
    ("it", "Il risultato arriva alle 22:40.", "Il risultato arriva alle ventidue e quaranta."),
    ("de", "Das Spiel beginnt um 20:15.", "Das Spiel beginnt um zwanzig Uhr fünfzehn."),
    ("en", "Chelsea won 2:1.", "Chelsea won two to one."),
    ("es", "Ganó 3:0.", "Ganó tres a cero."),
    ("zh", "比分是2:1。", "比分是二比一。"),
    ("de", "Um 1:10 Uhr", "Um ein Uhr zehn"),
    # Money, letters and full stops.
    ("en", "It costs 50p.", "It costs fifty pence."),
    ("it", "Il R2", "Il erre due"),
    ("de", "Niveau B2", "Niveau B zwei"),
    ("es", "hasta el siglo XX. Asimismo", "hasta el siglo veinte. Asimismo"),
    ("de", "Ludwig XIV. war König.", "Ludwig der Vierzehnte war König."),
    ("es", "Nació el 2024-03-15.", "Nació el quince de marzo de dos mil veinticuatro."),
    (
        "zh",
        "我的身份证号码是110101199003071234。",
        "我的身份证号码是一一零一零一一九九零零三零七一二三四。",
    ),
    ("zh", "号码是11010119900307123X。", "号码是一一零一零一一九九零零三零七一二三X。"),
    ("zh", "2024-03-15", "二零二四年三月十五日"),
    ("en", "on 31/12/2024", "on the thirty-first of December twenty twenty-four"),
    # Thai and Vietnamese.
    ("vi", "Năm 2024 có 21 người.", "Năm hai nghìn không trăm hai mươi bốn có hai mươi mốt người."),
    ("vi", "15 con mèo và 105 cây", "mười lăm con mèo và một trăm lẻ năm cây"),
    (
        "vi",
        "Hẹn lúc 7:30, ngày 3/10/2024.",
        "Hẹn lúc bảy giờ ba mươi phút, ngày ba tháng mười năm hai nghìn không trăm hai mươi bốn.",
    ),
    ("vi", "thứ 4, giá 3,5 kg", "thứ tư, giá ba phẩy năm ki-lô-gam"),
    ("th", "ราคา 250,000 บาท", "ราคา สองแสนห้าหมื่น บาท"),
    ("th", "เวลา 17:30 น.", "เวลา สิบเจ็ดนาฬิกาสามสิบนาที"),
    ("th", "๒๕ คน 15%", "ยี่สิบห้า คน สิบห้าเปอร์เซ็นต์"),
]

SAID_AS_WRITTEN: list[tuple[str, str, str, str]] = [
    # (language, text, what is kept as written, why)
    ("en", "The limit is 1e308.", "1e308", "scientific notation"),
    ("es", "El 31/02/2024 no existe.", "31/02/2024", "no such day"),
    ("de", "Am 31.02.2024 nicht.", "31.02.2024", "no such day"),
    ("it", "Il 2023-02-29", "2023-02-29", "no such day"),
    ("en", "Exam on 10/3/2024.", "10/3/2024", "month/day or day/month"),
    ("de", "Wir haben 10/3 gewonnen.", "10/3", "a date, a fraction or a score"),
    ("vi", "Tỷ số 2:1", "2:1", "a ratio or a score"),
    ("th", "วันที่ 3/10/2567", "3/10/2567", "a date"),
    ("ko", "3,5", "3,5", "cannot place"),
    ("en", "In 1.000.000 cases", "1.000.000", "decimal sign"),
]


BY_LANGUAGE = grouped(TEMPERATURES_AND_BALANCES + SAID_RIGHT, lambda c: c[0])


@pytest.mark.parametrize("lang", BY_LANGUAGE)
def test_said_as_a_teacher_says_it(lang: str) -> None:
    """Every case of the language (one test a language; each case it fails on named)."""
    check_each(said_right, BY_LANGUAGE[lang], ids=lambda c: c[1])


def test_every_language_says_its_temperatures_and_balances() -> None:
    languages = {lang.split("-")[0] for lang, _, _ in TEMPERATURES_AND_BALANCES}
    assert languages == set(LANGUAGES)


def test_what_a_rule_cannot_know_is_said_as_written_and_noted() -> None:
    def case(lang: str, text: str, kept: str, why: str) -> None:
        spoken = spoken_form(text, lang)
        assert kept in spoken.text
        assert spoken.note is not None and why in spoken.note and "said as written" in spoken.note

    check_each(case, SAID_AS_WRITTEN)


def test_one_class_per_language_in_one_registry() -> None:
    for code in RULES:
        rules = rules_for(code)
        assert isinstance(rules, Rules) and rules_for(code) is rules  # loaded once
    assert rules_for("pt-BR") is rules_for("pt_br") is not rules_for("pt")
    assert rules_for("en-GB") is rules_for("en")
    assert rules_for("ja") is None and rules_for("xx") is None
    assert {"th", "vi"} <= set(LANGUAGES)
