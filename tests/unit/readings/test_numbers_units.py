"""Units said as a teacher says them (`readings.numbers`): a unit in words
agreeing with its number (`5 km` fünf Kilometer, `200 t` doscientas toneladas, `1 kg` one
kilogram, `2L` 两升, `2h` 두 시간), `m` a minute between hours and seconds, and the
ranges and decades beside them said as before.

English says US units (kilometers, liters: the voice the tool ships is American).
Written before the rules, as fresh sentences of a course."""

from __future__ import annotations

import pytest

from tests.support.spoken import said_right
from tests.support.sweep import check_each, check_each_one, grouped
from tts_assets.lang.ko.numbers import Korean
from tts_assets.lang.th import Thai
from tts_assets.lang.zh.numbers import Chinese
from tts_assets.readings.numbers import rules_for, spoken_form
from tts_assets.readings.numbers.latin import LatinRules
from tts_assets.readings.numbers.units import SI

UNITS: list[tuple[str, str, str]] = [
    ("de", "Die Strecke ist 5 km lang.", "Die Strecke ist fünf Kilometer lang."),
    ("de", "Ich kaufe 250 g Käse.", "Ich kaufe zweihundertfünfzig Gramm Käse."),
    ("de", "Das Paket wiegt 3 kg.", "Das Paket wiegt drei Kilogramm."),
    ("de", "Wir laufen 2,5 km.", "Wir laufen zwei Komma fünf Kilometer."),
    ("de", "Der Film dauert 90 min.", "Der Film dauert neunzig Minuten."),
    ("de", "Die Fahrt dauert 1 h.", "Die Fahrt dauert eine Stunde."),
    ("de", "Eine Flasche hat 1,5 l.", "Eine Flasche hat eins Komma fünf Liter."),
    ("de", "Das Auto fährt 120 km/h.", "Das Auto fährt hundertzwanzig Kilometer pro Stunde."),
    ("de", "Die Wohnung hat 80 m².", "Die Wohnung hat achtzig Quadratmeter."),
    ("de", "Der Grenzwert ist 0,5 ‰.", "Der Grenzwert ist null Komma fünf Promille."),
    ("de", "Der LKW hat 7,5 t geladen.", "Der LKW hat sieben Komma fünf Tonnen geladen."),
    ("de", "Nimm 500 mg davon.", "Nimm fünfhundert Milligramm davon."),
    ("de", "Er läuft 100 m in 12 s.", "Er läuft hundert Meter in zwölf Sekunden."),
    ("de", "Der Hof hat 1200 ha.", "Der Hof hat tausendzweihundert Hektar."),
    ("de", "Das dauert 3-5 min.", "Das dauert drei bis fünf Minuten."),
    ("de", "Ihre Zeit: 2 h 30 m.", "Ihre Zeit: zwei Stunden dreißig Minuten."),
    ("de", "Es hat 1 kg.", "Es hat ein Kilogramm."),
    ("en", "The trail is 5 km long.", "The trail is five kilometers long."),
    ("en", "Add 250 g of flour.", "Add two hundred and fifty grams of flour."),
    ("en", "The bag weighs 1 kg.", "The bag weighs one kilogram."),
    ("en", "We walked 2.5 km.", "We walked two point five kilometers."),
    ("en", "The movie is 90 min long.", "The movie is ninety minutes long."),
    ("en", "Drink 1.5 l of water.", "Drink one point five liters of water."),
    ("en", "The limit is 50 km/h.", "The limit is fifty kilometers per hour."),
    ("en", "The flat is 60 m².", "The flat is sixty square meters."),
    ("en", "It takes 1 h.", "It takes one hour."),
    ("en", "Run 100 m in 12 s.", "Run one hundred meters in twelve seconds."),
    ("en", "Take 500 mg twice a day.", "Take five hundred milligrams twice a day."),
    ("en", "It lasts 3-5 min.", "It lasts three to five minutes."),
    ("en", "Music of the 1990s", "Music of the nineteen nineties"),
    ("es", "La ruta tiene 5 km.", "La ruta tiene cinco kilómetros."),
    ("es", "Compra 250 g de queso.", "Compra doscientos cincuenta gramos de queso."),
    ("es", "La maleta pesa 1 kg.", "La maleta pesa un kilogramo."),
    ("es", "Caminamos 2,5 km.", "Caminamos dos coma cinco kilómetros."),
    ("es", "La película dura 90 min.", "La película dura noventa minutos."),
    ("es", "El límite es 120 km/h.", "El límite es ciento veinte kilómetros por hora."),
    ("es", "El piso tiene 80 m².", "El piso tiene ochenta metros cuadrados."),
    ("es", "Tardo 1 h.", "Tardo una hora."),
    ("es", "Son 200 t de trigo.", "Son doscientas toneladas de trigo."),
    ("es", "La finca tiene 21 ha.", "La finca tiene veintiuna hectáreas."),
    ("es", "Toma 500 mg.", "Toma quinientos miligramos."),
    ("es", "Espera 3-5 min.", "Espera tres a cinco minutos."),
    ("it", "Il percorso è di 5 km.", "Il percorso è di cinque chilometri."),
    ("it", "Compra 250 g di burro.", "Compra duecentocinquanta grammi di burro."),
    ("it", "Pesa 1 kg.", "Pesa un chilogrammo."),
    ("it", "Abbiamo camminato 2,5 km.", "Abbiamo camminato due virgola cinque chilometri."),
    ("it", "Il film dura 90 min.", "Il film dura novanta minuti."),
    ("it", "Il limite è 130 km/h.", "Il limite è centotrenta chilometri orari."),
    ("it", "La casa ha 90 m².", "La casa ha novanta metri quadrati."),
    ("it", "Ci vuole 1 h.", "Ci vuole un'ora."),
    ("it", "Sono 200 t di grano.", "Sono duecento tonnellate di grano."),
    ("it", "Prendi 500 mg.", "Prendi cinquecento milligrammi."),
    ("it", "Ci vogliono 3-5 min.", "Ci vogliono da tre a cinque minuti."),
    ("fr", "Le parcours fait 5 km.", "Le parcours fait cinq kilomètres."),
    ("fr", "Achète 250 g de beurre.", "Achète deux cent cinquante grammes de beurre."),
    ("fr", "Le sac pèse 1 kg.", "Le sac pèse un kilogramme."),
    ("fr", "Nous avons marché 2,5 km.", "Nous avons marché deux virgule cinq kilomètres."),
    ("fr", "Le film dure 90 min.", "Le film dure quatre-vingt-dix minutes."),
    ("fr", "Limité à 130 km/h.", "Limité à cent trente kilomètres à l'heure."),
    ("fr", "L'appartement fait 50 m².", "L'appartement fait cinquante mètres carrés."),
    ("fr", "Il faut 1 h.", "Il faut une heure."),
    ("fr", "Il y a 21 t de blé.", "Il y a vingt et une tonnes de blé."),
    ("fr", "Prends 500 mg.", "Prends cinq cents milligrammes."),
    ("fr", "Compte 3-5 min.", "Compte trois à cinq minutes."),
    ("fr", "Il faut 48 h.", "Il faut quarante-huit heures."),
    ("pt", "O percurso tem 5 km.", "O percurso tem cinco quilómetros."),
    ("pt", "Compra 200 g de queijo.", "Compra duzentos gramas de queijo."),
    ("pt", "Pesa 1 kg.", "Pesa um quilograma."),
    ("pt", "São 2 kg.", "São dois quilogramas."),
    ("pt", "Andámos 2,5 km.", "Andámos dois vírgula cinco quilómetros."),
    ("pt", "O filme dura 90 min.", "O filme dura noventa minutos."),
    ("pt", "Demora 2 h.", "Demora duas horas."),
    ("pt", "O limite é 120 km/h.", "O limite é cento e vinte quilómetros por hora."),
    ("pt", "A casa tem 80 m².", "A casa tem oitenta metros quadrados."),
    ("pt", "São 2 t de trigo.", "São duas toneladas de trigo."),
    ("pt", "Toma 500 mg.", "Toma quinhentos miligramas."),
    ("pt-BR", "Corri 5 km.", "Corri cinco quilômetros."),
    ("pt-BR", "Comprei 200 g de queijo.", "Comprei duzentos gramas de queijo."),
    ("zh", "我每天跑5km。", "我每天跑五公里。"),
    ("zh", "买250g牛肉。", "买二百五十克牛肉。"),
    ("zh", "这个箱子重3kg。", "这个箱子重三公斤。"),
    ("zh", "走了2.5km。", "走了二点五公里。"),
    ("zh", "喝2L水。", "喝两升水。"),
    ("zh", "等了30min。", "等了三十分钟。"),
    ("zh", "睡了8h。", "睡了八小时。"),
    ("zh", "限速120km/h。", "限速每小时一百二十公里。"),
    ("zh", "房子有90m²。", "房子有九十平方米。"),
    ("zh", "买2kg苹果。", "买两公斤苹果。"),
    ("zh", "走了3-5km。", "走了三到五公里。"),
    ("zh", "吃500mg。", "吃五百毫克。"),
    ("ko", "5km를 걸었어요.", "오 킬로미터를 걸었어요."),
    ("ko", "30min 걸려요.", "삼십 분 걸려요."),
    ("ko", "2h 걸려요.", "두 시간 걸려요."),
    ("ko", "10s 남았어요.", "십 초 남았어요."),
    ("ko", "500mg 먹어요.", "오백 밀리그램 먹어요."),
    ("ko", "집이 80m²예요.", "집이 팔십 제곱미터예요."),
    ("ko", "2t 트럭", "이 톤 트럭"),
    ("ko", "물 2L 주세요.", "물 이 리터 주세요."),
    ("ko", "250g 주세요.", "이백오십 그램 주세요."),
    ("ko", "2.5km 뛰었어요.", "이 점 오 킬로미터 뛰었어요."),
    ("vi", "Tôi chạy 5 km.", "Tôi chạy năm ki-lô-mét."),
    ("vi", "Sợi dây dài 15 cm.", "Sợi dây dài mười lăm xăng-ti-mét."),
    ("vi", "Mua 200 g thịt.", "Mua hai trăm gam thịt."),
    ("vi", "Phim dài 90 phút.", "Phim dài chín mươi phút."),
    ("vi", "Đi 60 km/h.", "Đi sáu mươi ki-lô-mét trên giờ."),
]


UNITS_BY_LANGUAGE = grouped(UNITS, lambda c: c[0])


@pytest.mark.parametrize("lang", UNITS_BY_LANGUAGE)
def test_a_unit_is_said_in_words_agreeing_with_its_number(lang: str) -> None:
    """Every case of the language (one test a language; each case it fails on named)."""
    check_each(said_right, UNITS_BY_LANGUAGE[lang], ids=lambda c: c[1])


def test_every_language_names_every_common_unit() -> None:
    def case(lang: str) -> None:
        rules = rules_for(lang)
        assert isinstance(rules, LatinRules)
        assert set(SI) <= set(rules.units), set(SI) - set(rules.units)
        assert (
            set(SI) <= set(Chinese.units)
            and set(SI) <= set(Korean.units)
            and set(SI) <= set(Thai.units)
        )

    check_each_one(case, ["de", "en", "es", "it", "fr", "pt", "pt-BR", "vi"])


def test_what_is_no_unit_after_a_number_is_left_to_the_other_rules() -> None:
    def case(lang: str, text: str, said: str) -> None:
        assert spoken_form(text, lang).text == said

    check_each(
        case,
        [
            ("de", "Ich habe 5 Stunden.", "Ich habe fünf Stunden."),  # a unit's noun written out
            ("en", "Grade 5 students", "Grade five students"),  # `s` only apart from a number
            ("de", "Die 5 m sind um 10 h gelaufen.", "Die fünf Meter sind um zehn Uhr gelaufen."),
        ],
    )


def test_other_currencies_counts_and_thai_units_are_said_in_words() -> None:
    def case(lang: str, text: str, said: str) -> None:
        spoken = spoken_form(text, lang)
        assert spoken.text == said
        assert spoken.doubts == ()

    check_each(
        case,
        [
            ("de", "Das Handy kostet 500 CHF.", "Das Handy kostet fünfhundert Franken."),
            ("de", "Es kostet 1 CHF.", "Es kostet einen Franken."),
            ("en", "It costs ¥1,000.", "It costs one thousand yen."),
            ("en", "CHF 20.50", "twenty Swiss francs fifty"),
            ("en", "It costs 5 GBP.", "It costs five pounds."),
            ("en", "It costs $1.01.", "It costs one dollar and one cent."),  # cents named
            ("en", "It costs £2.80.", "It costs two pounds eighty."),  # pence bare
            ("pt-BR", "Custa R$ 0,01.", "Custa um centavo."),
            # An amount with cents before its currency's name written out.
            ("it", "La pizza costa 8,50 euro.", "La pizza costa otto euro e cinquanta."),
            ("de", "Das kostet 3,20 Euro.", "Das kostet drei Euro zwanzig."),
            ("es", "Cuesta 1000 ¥.", "Cuesta mil yenes."),
            ("it", "Costa 25 CHF.", "Costa venticinque franchi svizzeri."),
            ("fr", "Ça coûte 2 CHF.", "Ça coûte deux francs suisses."),
            ("pt", "Custa 1 CHF.", "Custa um franco suíço."),
            (
                "de",
                "Berlin hat 3,7 Mio. Einwohner.",
                "Berlin hat drei Komma sieben Millionen Einwohner.",
            ),
            ("de", "Berlin hat 1 Mio. Einwohner.", "Berlin hat eine Million Einwohner."),
            ("de", "2 EL Zucker und 1 TL Salz", "zwei Esslöffel Zucker und ein Teelöffel Salz"),
            ("en", "Add 2 tbsp sugar.", "Add two tablespoons sugar."),
            # Thai, spaced word by word as courses write it.
            ("th", "ฉัน วิ่ง 5 km ทุกวัน", "ฉัน วิ่ง ห้า กิโลเมตร ทุกวัน"),
            ("th", "ดื่ม น้ำ 2 L", "ดื่ม น้ำ สอง ลิตร"),
            ("th", "ซื้อ เนื้อ 250 g", "ซื้อ เนื้อ สองร้อยห้าสิบ กรัม"),
            # CLDR's short forms with a stop, which alone have several meanings (`ม.`).
            ("th", "ถนน ยาว 250 ม.", "ถนน ยาว สองร้อยห้าสิบ เมตร"),
            ("th", "แป้ง 200 ก. นม 1 ล.", "แป้ง สองร้อย กรัม นม หนึ่ง ลิตร"),
            ("th", "นัด 5 ม.ค. นี้", "นัด ห้า มกราคม นี้"),
        ],
    )


def test_a_unit_that_may_mean_something_else_is_said_as_written_and_noted() -> None:
    def case(text: str, kept: str) -> None:
        spoken = spoken_form(text, "en")
        assert spoken.text == text
        assert spoken.note is not None and f"{kept}: meters or million" in spoken.note
        assert spoken_form("The wall is 5m long.", "en").text == "The wall is five meters long."

    check_each(case, [("The city has 5m people.", "5m"), ("He won 2m dollars.", "2m")])


def test_an_english_customary_unit_is_said_where_it_is_one() -> None:
    def case(text: str, said: str) -> None:
        spoken = spoken_form(text, "en")
        assert (spoken.text, spoken.doubts) == (said, ())

    check_each(
        case,
        [
            ("She is 5 ft 6 in tall.", "She is five feet six inches tall."),  # after a measure
            ("The board is 12 in long.", "The board is twelve inches long."),  # a word of size
            ("The screen is 55 in.", "The screen is fifty-five inches."),  # at the end
            ("Only 1 in 4 people voted.", "Only one in four people voted."),  # the preposition
            ("See fig. 3 in ch. 2.", "See figure three in chapter two."),
            ("The tank holds 12 gal.", "The tank holds twelve gallons."),  # CLDR, CMOS's stop
            ("Add 8 fl oz of milk.", "Add eight fluid ounces of milk."),
            ("It is 10 yd. away.", "It is ten yards away."),
        ],
    )


def test_a_cjk_unit_sign_is_said_as_the_unit_it_stands_for() -> None:
    def case(lang: str) -> None:
        import unicodedata

        signs = [chr(c) for c in range(0x3380, 0x33E0)]
        written = {s: unicodedata.normalize("NFKC", s) for s in signs}
        known = {
            s: w.replace("2", "²").replace("3", "³").replace("\u2215", "/")
            for s, w in written.items()
        }
        known = {s: w for s, w in known.items() if w in SI}
        assert {"㎡", "㎞", "㎏", "㎖", "㏊", "㎢", "㎧"} <= set(known)
        for sign, unit in known.items():
            spoken = spoken_form(f"84{sign}", lang)
            assert spoken.text == spoken_form(f"84{unit}", lang).text != f"84{sign}", sign

    check_each_one(case, ["de", "en", "ko", "zh", "vi"])
