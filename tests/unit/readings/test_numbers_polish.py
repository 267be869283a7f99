"""Polish numbers said as a Polish teacher says them (`lang/pl.py`), written
from Polish grammar: a noun after a number in one of three forms (1 kilometr, 2 kilometry,
5 kilometrów; 2,5 kilometra), one and two agreeing with the noun's gender, men counted by
the genitive, ordinals declined by the preposition or noun beside them (dates, years,
hours, centuries), money in złoty and grosze, phone numbers in groups."""

from __future__ import annotations

from tests.support.spoken import said_right
from tests.support.sweep import check_each
from tts_assets.lang.pl import ordinal, plural_form
from tts_assets.readings.numbers import spoken_form

SAID: list[tuple[str, str]] = [
    # Units: the noun's three forms, and the genitive singular after decimals.
    ("1 km", "jeden kilometr"),
    ("2 km", "dwa kilometry"),
    ("5 km", "pięć kilometrów"),
    ("12 km", "dwanaście kilometrów"),
    ("22 km", "dwadzieścia dwa kilometry"),
    ("21 km", "dwadzieścia jeden kilometrów"),
    ("2,5 km", "dwa przecinek pięć kilometra"),
    ("Kupiłem 2 kg jabłek.", "Kupiłem dwa kilogramy jabłek."),
    ("1 h", "jedna godzina"),
    ("2 h", "dwie godziny"),
    ("5 min", "pięć minut"),
    ("Jest 2 h 30 min.", "Jest dwie godziny trzydzieści minut."),
    ("100 m²", "sto metrów kwadratowych"),
    ("Pociąg jedzie 120 km/h.", "Pociąg jedzie sto dwadzieścia kilometrów na godzinę."),
    ("5 tys. osób", "pięć tysięcy osób"),
    ("2 mln zł", "dwa miliony złotych"),
    # Degrees decline as any noun.
    ("Jest 1 °C.", "Jest jeden stopień Celsjusza."),
    ("Jest 2 °C.", "Jest dwa stopnie Celsjusza."),
    ("Temperatura: -5 °C.", "Temperatura: minus pięć stopni Celsjusza."),
    # One and two agree with the noun; men are counted by the genitive, children by the
    # collective numeral.
    ("1 godzina i 2 godziny", "jedna godzina i dwie godziny"),
    ("Kupiłem 1 jabłko.", "Kupiłem jedno jabłko."),
    ("Mam 1 córkę.", "Mam jedną córkę."),
    ("Mam 2 okna.", "Mam dwa okna."),
    ("Mam 102 lata.", "Mam sto dwa lata."),
    ("1002 osoby", "tysiąc dwie osoby"),
    ("Na zajęcia przyszło 5 studentów.", "Na zajęcia przyszło pięciu studentów."),
    ("Przyszło 22 studentów.", "Przyszło dwudziestu dwóch studentów."),
    ("Przyszło 1200 ludzi.", "Przyszło tysiąc dwustu ludzi."),
    ("Mamy 3 dzieci.", "Mamy troje dzieci."),
    ("Ma 21 lat.", "Ma dwadzieścia jeden lat."),
    # Money: złoty and grosze in their forms.
    ("To kosztuje 1 zł.", "To kosztuje jeden złoty."),
    ("To kosztuje 2 zł.", "To kosztuje dwa złote."),
    ("To kosztuje 5 zł.", "To kosztuje pięć złotych."),
    ("To kosztuje 25,50 zł.", "To kosztuje dwadzieścia pięć złotych pięćdziesiąt groszy."),
    ("To kosztuje 0,99 zł.", "To kosztuje dziewięćdziesiąt dziewięć groszy."),
    ("Reszta: 2 gr", "Reszta: dwa grosze"),
    ("Cena: 1 €.", "Cena: jedno euro."),
    ("Bilet za $20.", "Bilet za dwadzieścia dolarów."),
    # Dates: the day an ordinal in the genitive, the year too, then `roku`.
    (
        "Urodziłem się 3 maja 1990 r.",
        "Urodziłem się trzeciego maja tysiąc dziewięćset dziewięćdziesiątego roku.",
    ),
    ("Data: 03.05.2024", "Data: trzeciego maja dwa tysiące dwudziestego czwartego roku"),
    ("od 1 do 5 maja", "od pierwszego do piątego maja"),
    ("1-5 maja", "od pierwszego do piątego maja"),
    ("Spotkanie 12.05. o 9.30.", "Spotkanie dwunastego maja o dziewiątej trzydzieści."),
    # Years: ordinals in the case of the preposition.
    ("W 2024 roku pojechałem.", "W dwa tysiące dwudziestym czwartym roku pojechałem."),
    ("Od 2020 r. mieszkam tu.", "Od dwa tysiące dwudziestego roku mieszkam tu."),
    ("Jest 2000 rok.", "Jest dwutysięczny rok."),
    ("W 2010 skończyłem studia.", "W dwa tysiące dziesiątym skończyłem studia."),
    # Hours: a feminine ordinal, declined by the preposition.
    ("Jest 8:05.", "Jest ósma zero pięć."),
    ("Spotkajmy się o 17:30.", "Spotkajmy się o siedemnastej trzydzieści."),
    ("Otwarte od 9:00 do 17:00.", "Otwarte od dziewiątej do siedemnastej."),
    ("Przyjdź przed 18:00.", "Przyjdź przed osiemnastą."),
    ("o godz. 17", "o godzinie siedemnastej"),
    ("Zaczynamy o godz. 17.", "Zaczynamy o godzinie siedemnastej."),
    # After a preposition taking the genitive, the number in it.
    ("Mieszkam tu od 5 lat.", "Mieszkam tu od pięciu lat."),
    ("Do 1 godziny.", "Do jednej godziny."),
    ("Warszawa ma ok. 2 mln mieszkańców.", "Warszawa ma około dwóch milionów mieszkańców."),
    ("Do szkoły mam ok. 3 km.", "Do szkoły mam około trzech kilometrów."),
    ("Od 1 roku", "Od jednego roku"),
    ("do 2000 osób", "do dwóch tysięcy osób"),
    ("do 5%", "do pięciu procent"),
    ("do 5,1%", "do pięciu przecinek jeden procent"),
    ("Ceny od 5 zł.", "Ceny od pięciu złotych."),
    ("Do 2,50 zł.", "Do dwóch złotych pięćdziesięciu groszy."),
    ("do 5 maja", "do piątego maja"),
    ("Od 2010 pracowałem tu.", "Od dwa tysiące dziesiątego pracowałem tu."),
    ("Między 13:00 a 14:00 jest przerwa.", "Między trzynastą a czternastą jest przerwa."),
    ("Mam 2 psy i 1 kota.", "Mam dwa psy i jednego kota."),
    ("Bilety: 2 x 30 zł.", "Bilety: dwa razy trzydzieści złotych."),
    # Ranges, ratios and scores: the genitive after `do`.
    ("To trwa 5-10 minut.", "To trwa od pięciu do dziesięciu minut."),
    ("Ma 2-3 godziny.", "Ma od dwóch do trzech godzin."),
    (
        "W latach 1939-1945 trwała wojna.",
        "W latach od tysiąc dziewięćset trzydziestego dziewiątego do tysiąc dziewięćset "
        "czterdziestego piątego trwała wojna.",
    ),
    ("Wynik meczu 2:1.", "Wynik meczu dwa do jednego."),
    ("Wynik 3:0.", "Wynik trzy do zera."),
    ("W skali 1:10.", "W skali jeden do dziesięciu."),
    # Ordinals: with a dot, and Roman numerals before and after what they number.
    ("Zająłem 3. miejsce.", "Zająłem trzecie miejsce."),
    ("Mieszkam na 3. piętrze.", "Mieszkam na trzecim piętrze."),
    ("W XIX wieku.", "W dziewiętnastym wieku."),
    ("XIX wiek był ciekawy.", "dziewiętnasty wiek był ciekawy."),
    ("po II wojnie światowej", "po drugiej wojnie światowej"),
    ("Jan Paweł II był papieżem.", "Jan Paweł Drugi był papieżem."),
    ("Elżbieta II", "Elżbieta Druga"),
    ("część II", "część druga"),
    # Phone numbers in groups, codes and the emergency number digit by digit.
    (
        "Zadzwoń: 600 123 456.",
        "Zadzwoń: sześćset, sto dwadzieścia trzy, czterysta pięćdziesiąt sześć.",
    ),
    (
        "Tel. +48 600 123 456",
        "telefon plus czterdzieści osiem, sześćset, sto dwadzieścia "
        "trzy, czterysta pięćdziesiąt sześć",
    ),
    ("Zadzwoń na 112.", "Zadzwoń na jeden jeden dwa."),
    ("Mój PIN to 1234.", "Mój PIN to jeden dwa trzy cztery."),
    ("Kod pocztowy: 00-950 Warszawa.", "Kod pocztowy: zero zero, dziewięć pięć zero Warszawa."),
    # Fractions, percent, abbreviations.
    ("1/2 litra", "pół litra"),
    ("3/4 szklanki", "trzy czwarte szklanki"),
    ("1/3", "jedna trzecia"),
    ("Wzrost o 5%.", "Wzrost o pięć procent."),
    ("Zob. np. str. 5.", "Zobacz na przykład strona pięć."),
    ("Ćwiczenie jest na str. 5.", "Ćwiczenie jest na stronie pięć."),
    ("Tabela jest na s. 7.", "Tabela jest na stronie siedem."),
    # A year of three digits before `rok` is an ordinal as one of four is.
    ("Gród założono w 850 r.", "Gród założono w osiemset pięćdziesiątym roku."),
    ("To był 476 rok.", "To był czterysta siedemdziesiąty szósty rok."),
    # A man's title in the case his name shows; before a woman's, as written.
    ("Byłem u lekarza z dr. Wiśniewskim.", "Byłem u lekarza z doktorem Wiśniewskim."),
    ("Piszę do prof. Zielińskiego.", "Piszę do profesora Zielińskiego."),
    ("Dziękuję mgr. Lisowi.", "Dziękuję magistrowi Lisowi."),
    ("Rozmawiam z prof. Zielińską.", "Rozmawiam z profesor Zielińską."),
    # A street in the case its name (or the preposition before it) gives it.
    ("Sklep jest przy ul. Leśnej.", "Sklep jest przy ulicy Leśnej."),
    ("Skręć w ul. Krótką.", "Skręć w ulicę Krótką."),
    ("Idę do al. Róż.", "Idę do alei Róż."),
    ("Ul. Mickiewicza jest długa.", "Ulica Mickiewicza jest długa."),
]


def test_a_page_after_a_word_that_gives_its_case_is_noted() -> None:
    """`str.` after a verb takes the case the verb gives (`Przeczytaj str. 45`: stronę),
    which no preposition settles: said in the nominative and noted, never silently."""
    spoken = spoken_form("Przeczytaj str. 45.", "pl")
    assert spoken.text == "Przeczytaj strona czterdzieści pięć."
    assert spoken.doubts == ("str.: its case is the word before's to give; said as `strona`",)


def test_whole_hours_at_a_clause_end_are_said_as_the_clock_says_them() -> None:
    """An hour is a feminine ordinal (`godzina` understood); it may be an amount (`wzrosła
    o 8.`), noted unless a word that opens hours comes first."""

    def case(text: str, said: str, noted: bool) -> None:
        spoken = spoken_form(text, "pl")
        assert spoken.text == said
        assert bool(spoken.doubts) is noted

    check_each(
        case,
        [
            (
                "Sklep jest otwarty od 9 do 17.",
                "Sklep jest otwarty od dziewiątej do siedemnastej.",
                False,
            ),
            ("Zajęcia trwają od 8 do 10.", "Zajęcia trwają od ósmej do dziesiątej.", True),
            ("Lekcja zaczyna się o 8.", "Lekcja zaczyna się o ósmej.", True),
            ("Dzieci od 3 do 6 lat.", "Dzieci od trzech do sześciu lat.", False),
        ],
    )


def test_polish_is_said_as_a_teacher_says_it() -> None:
    """Every case (one test; each case it fails on named)."""
    check_each(said_right, [("pl", text, said) for text, said in SAID], ids=lambda c: c[1])


def test_a_noun_after_a_number_takes_one_of_three_forms() -> None:
    def case(value: int, form: str) -> None:
        assert plural_form(value) == form

    check_each(
        case,
        [
            (0, "many"),
            (1, "one"),
            (2, "few"),
            (4, "few"),
            (5, "many"),
            (12, "many"),
            (14, "many"),
            (21, "many"),
            (22, "few"),
            (104, "few"),
            (111, "many"),
            (1002, "few"),
        ],
    )


def test_ordinals_decline_by_case_and_gender_their_cardinal_part_does_not() -> None:
    assert ordinal(3, "gen") == "trzeciego"
    assert ordinal(2, "nom", "f") == "druga"
    assert ordinal(2, "acc", "f") == "drugą"
    assert ordinal(3, "ins", "f") == "trzecią"
    assert ordinal(17, "loc", "f") == "siedemnastej"
    assert ordinal(3, "nom", "n") == "trzecie"
    assert ordinal(2024, "loc") == "dwa tysiące dwudziestym czwartym"
    assert ordinal(3001, "gen") == "trzy tysiące pierwszego"  # `trzy` is no ordinal


def test_an_ordinal_before_a_noun_it_does_not_know_is_said_as_written_and_noted() -> None:
    spoken = spoken_form("Zajął 3. lokatę.", "pl")
    assert "3." in spoken.text
    assert spoken.note is not None and "said as written" in spoken.note
    # A number ending a sentence is no ordinal: said, not noted.
    assert spoken_form("Mam 25. Jutro idę.", "pl").text == "Mam dwadzieścia pięć. Jutro idę."
