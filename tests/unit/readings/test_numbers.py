"""What a text is said as (`readings.numbers`): each class of number, time, date, ordinal,
money and counter in every language the tool voices but Japanese, on sentences shaped like
a course's; what was right stays right, and what reads two ways is said as written and
noted."""

from __future__ import annotations

import pytest

from tests.support.spoken import said_right
from tests.support.sweep import check_each, grouped
from tts_assets.readings.numbers import spoken_form

CASES: list[tuple[str, str, str, str]] = [
    # (language, class, text, said)
    ("de", "clock", "Der Kurs beginnt um 17:00 Uhr.", "Der Kurs beginnt um siebzehn Uhr."),
    ("de", "clock", "Ich stehe um 6:30 Uhr auf.", "Ich stehe um sechs Uhr dreißig auf."),
    ("de", "clock", "Wir treffen uns um 1 Uhr.", "Wir treffen uns um ein Uhr."),
    ("de", "date", "Der 3. Oktober ist ein Feiertag.", "Der dritte Oktober ist ein Feiertag."),
    ("de", "date", "Am 3. Oktober feiern wir.", "Am dritten Oktober feiern wir."),
    (
        "de",
        "date",
        "Heute ist der 24.12.2024.",
        "Heute ist der vierundzwanzigste Dezember zweitausendvierundzwanzig.",
    ),
    ("de", "ordinal", "Sie wohnt im 4. Stock.", "Sie wohnt im vierten Stock."),
    ("de", "ordinal", "Der 3. Bewerber war der beste.", "Der dritte Bewerber war der beste."),
    ("de", "date", "Vom 3. bis 5. Mai bin ich weg.", "Vom dritten bis fünften Mai bin ich weg."),
    ("de", "ordinal", "Er ist in der 2. Klasse.", "Er ist in der zweiten Klasse."),
    ("de", "ordinal", "Karl ist der 1. in der Schlange.", "Karl ist der erste in der Schlange."),
    ("de", "plain", "Bus 100 fährt zum Zoo.", "Bus hundert fährt zum Zoo."),
    (
        "de",
        "abbreviation",
        "Geöffnet Mo.-Fr. 9-17 Uhr.",
        "Geöffnet Montag bis Freitag neun bis siebzehn Uhr.",
    ),
    ("de", "abbreviation", "Fr. Müller kommt.", "Frau Müller kommt."),
    ("de", "regnal", "Lies bitte Teil III.", "Lies bitte Teil drei."),
    ("de", "agreement", "Das Ticket kostet 1 €.", "Das Ticket kostet einen Euro."),
    ("de", "agreement", "Ich gehe mit 1 Freund ins Kino.", "Ich gehe mit einem Freund ins Kino."),
    ("de", "agreement", "Ich wohne seit 1 Woche hier.", "Ich wohne seit einer Woche hier."),
    ("de", "agreement", "Er kommt mit 1 Kind.", "Er kommt mit einem Kind."),
    ("de", "agreement", "Ich habe 1 Idee.", "Ich habe eine Idee."),
    ("de", "agreement", "Wir bleiben 1 Tag.", "Wir bleiben einen Tag."),
    ("de", "abbreviation", "Ich wohne in der Goethestr. 5.", "Ich wohne in der Goethestraße fünf."),
    ("de", "ordinal", "Das war im 19. Jahrhundert.", "Das war im neunzehnten Jahrhundert."),
    ("de", "year", "Die Mauer fiel 1989.", "Die Mauer fiel neunzehnhundertneunundachtzig."),
    ("de", "year", "Im Jahr 2024 ziehe ich um.", "Im Jahr zweitausendvierundzwanzig ziehe ich um."),
    (
        "de",
        "regnal",
        "Ludwig XIV. war König von Frankreich.",
        "Ludwig der Vierzehnte war König von Frankreich.",
    ),
    (
        "de",
        "regnal",
        "Unter Ludwig XIV. wurde Versailles gebaut.",
        "Unter Ludwig dem Vierzehnten wurde Versailles gebaut.",
    ),
    ("de", "money", "Das kostet 12,50 €.", "Das kostet zwölf Euro fünfzig."),
    ("de", "percent", "Die Preise steigen um 15 %.", "Die Preise steigen um fünfzehn Prozent."),
    ("de", "decimal", "Es sind 3,5 Kilometer.", "Es sind drei Komma fünf Kilometer."),
    (
        "de",
        "thousands",
        "Die Stadt hat 250.000 Einwohner.",
        "Die Stadt hat zweihundertfünfzigtausend Einwohner.",
    ),
    (
        "de",
        "range",
        "Ich arbeite 7-8 Stunden am Tag.",
        "Ich arbeite sieben bis acht Stunden am Tag.",
    ),
    ("de", "range", "Geöffnet von 9-17 Uhr.", "Geöffnet von neun bis siebzehn Uhr."),
    (
        "de",
        "abbreviation",
        "Obst, z. B. Äpfel, ist gesund.",
        "Obst, zum Beispiel Äpfel, ist gesund.",
    ),
    ("de", "abbreviation", "Prof. Dr. Weber kommt.", "Professor Doktor Weber kommt."),
    (
        "de",
        "agreement",
        "Ich habe 1 Schwester und 1 Bruder.",
        "Ich habe eine Schwester und ein Bruder.",
    ),
    ("de", "right stays right", "Das kostet 45 Euro.", "Das kostet fünfundvierzig Euro."),
    ("de", "right stays right", "Ich bin 25.", "Ich bin fünfundzwanzig."),
    ("es", "clock", "La clase empieza a las 6:30.", "La clase empieza a las seis y media."),
    ("es", "clock", "Abrimos a la 1:15.", "Abrimos a la una y cuarto."),
    ("es", "thousands", "Hay 31.000 libros.", "Hay treinta y un mil libros."),
    ("es", "thousands", "Cuesta 21.500 €.", "Cuesta veintiún mil quinientos euros."),
    ("es", "millions", "Hay 2.000.000 habitantes.", "Hay dos millones de habitantes."),
    ("es", "clock", "Cenamos a las 21:00.", "Cenamos a las veintiuna."),
    ("es", "date", "Mi cumpleaños es el 3 de octubre.", "Mi cumpleaños es el tres de octubre."),
    ("es", "date", "El 1 de mayo no trabajo.", "El primero de mayo no trabajo."),
    ("es", "ordinal", "Vivo en el 1.º piso.", "Vivo en el primer piso."),
    ("es", "ordinal", "Es la 2.ª vez.", "Es la segunda vez."),
    ("es", "year", "Nací en 1998.", "Nací en mil novecientos noventa y ocho."),
    ("es", "regnal", "Alfonso X fue rey de Castilla.", "Alfonso décimo fue rey de Castilla."),
    (
        "es",
        "regnal",
        "Felipe II vivió en el siglo XVI.",
        "Felipe segundo vivió en el siglo dieciséis.",
    ),
    ("es", "money", "El café cuesta 2,50 €.", "El café cuesta dos euros con cincuenta."),
    ("es", "percent", "El 15 % de los alumnos", "El quince por ciento de los alumnos"),
    ("es", "decimal", "Peso 3,5 kilos más.", "Peso tres coma cinco kilos más."),
    ("es", "range", "Duermo 7-8 horas.", "Duermo siete a ocho horas."),
    (
        "es",
        "abbreviation",
        "La Sra. López es la Dra. del pueblo.",
        "La señora López es la doctora del pueblo.",
    ),
    ("es", "agreement", "El mes tiene 31 días.", "El mes tiene treinta y un días."),
    ("es", "agreement", "Tengo 1 casa y 1 coche.", "Tengo una casa y un coche."),
    (
        "es",
        "agreement",
        "Hay 21 personas y 200 sillas.",
        "Hay veintiuna personas y doscientas sillas.",
    ),
    ("es", "right stays right", "Cuesta 45 euros.", "Cuesta cuarenta y cinco euros."),
    ("it", "clock", "Ci vediamo alle 17:00.", "Ci vediamo alle diciassette."),
    ("it", "clock", "Mi alzo alle 6:30.", "Mi alzo alle sei e mezza."),
    ("it", "date", "Il 1 maggio è festa.", "Il primo maggio è festa."),
    ("it", "ordinal", "Abito al 3° piano.", "Abito al terzo piano."),
    ("it", "ordinal", "È il 118° anniversario.", "È il centodiciottesimo anniversario."),
    ("it", "year", "Sono nato nel 1998.", "Sono nato nel millenovecentonovantotto."),
    ("it", "year", "La casa è del 1818.", "La casa è del milleottocentodiciotto."),
    ("it", "regnal", "Luigi XIV era re di Francia.", "Luigi quattordicesimo era re di Francia."),
    ("it", "regnal", "Nel XIX secolo", "Nel diciannovesimo secolo"),
    ("it", "regnal", "il XIII e il XIV secolo", "il tredicesimo e il quattordicesimo secolo"),
    ("it", "money", "Il biglietto costa 12,50 €.", "Il biglietto costa dodici euro e cinquanta."),
    ("it", "percent", "Il 20 % degli studenti", "Il venti per cento degli studenti"),
    ("it", "decimal", "Corro 3,5 chilometri.", "Corro tre virgola cinque chilometri."),
    (
        "it",
        "thousands",
        "Roma ha 2.800.000 abitanti.",
        "Roma ha due milioni e ottocentomila abitanti.",
    ),
    ("it", "range", "Dormo 7-8 ore.", "Dormo da sette a otto ore."),
    (
        "it",
        "abbreviation",
        "Il Sig. Rossi e la Prof.ssa Bianchi",
        "Il signor Rossi e la professoressa Bianchi",
    ),
    ("it", "agreement", "Ho 1 sorella e 1 fratello.", "Ho una sorella e un fratello."),
    ("it", "agreement", "C'è 1 studente.", "C'è uno studente."),
    # The tens' `uno` cut before a masculine noun and `mila`, kept before a feminine one.
    ("it", "agreement", "Ho 21 anni.", "Ho ventun anni."),
    ("it", "agreement", "Dormo 31 notti.", "Dormo trentuno notti."),
    ("it", "agreement", "C'erano 81 persone.", "C'erano ottantuno persone."),
    ("it", "agreement", "Ci sono 41 studenti.", "Ci sono quarantuno studenti."),
    ("it", "cardinal", "La città conta 81.000 abitanti.", "La città conta ottantunmila abitanti."),
    ("fr", "clock", "Le cours commence à 17h30.", "Le cours commence à dix-sept heures trente."),
    ("fr", "clock", "Il est 1h.", "Il est une heure."),
    ("fr", "date", "Le 1er mai est férié.", "Le premier mai est férié."),
    ("fr", "date", "Je pars le 14 juillet.", "Je pars le quatorze juillet."),
    ("fr", "ordinal", "C'est la 2e fois.", "C'est la deuxième fois."),
    ("fr", "ordinal", "Au XIXe siècle", "Au dix-neuvième siècle"),
    ("fr", "year", "Je suis né en 1998.", "Je suis né en mille neuf cent quatre-vingt-dix-huit."),
    ("fr", "regnal", "Louis XIV aimait Versailles.", "Louis quatorze aimait Versailles."),
    ("fr", "money", "Ça coûte 12,50 €.", "Ça coûte douze euros cinquante."),
    ("fr", "percent", "15 % des élèves", "quinze pour cent des élèves"),
    ("fr", "thousands", "La ville a 10 000 habitants.", "La ville a dix mille habitants."),
    ("fr", "range", "Je dors 7-8 heures.", "Je dors sept à huit heures."),
    ("fr", "abbreviation", "M. Dupont et Mme Martin", "monsieur Dupont et madame Martin"),
    ("fr", "abbreviation", "Lisez les p. 20 à 25.", "Lisez les pages vingt à vingt-cinq."),
    ("en", "abbreviation", "See p. 12 of 30.", "See page twelve of thirty."),
    ("de", "abbreviation", "49 € inkl. MwSt.", "neunundvierzig Euro inklusive Mehrwertsteuer."),
    ("pt-BR", "agreement", "O ônibus nº 42 passa.", "O ônibus número quarenta e dois passa."),
    ("fr", "agreement", "Nous sommes 21 personnes.", "Nous sommes vingt et une personnes."),
    ("pt", "clock", "A aula começa às 17h.", "A aula começa às dezassete horas."),
    ("pt-BR", "clock", "A aula começa às 17h.", "A aula começa às dezessete horas."),
    ("pt-BR", "clock", "Acordo às 6:30.", "Acordo às seis e meia."),
    ("pt-BR", "date", "No dia 1 de maio", "No dia primeiro de maio"),
    ("pt-BR", "ordinal", "Moro no 1º andar.", "Moro no primeiro andar."),
    ("pt-BR", "year", "Nasci em 1998.", "Nasci em mil novecentos e noventa e oito."),
    ("pt-BR", "regnal", "D. Pedro II governou o Brasil.", "Dom Pedro segundo governou o Brasil."),
    ("pt-BR", "money", "Custa R$ 12,50.", "Custa doze reais e cinquenta centavos."),
    ("pt-BR", "percent", "15 % dos alunos", "quinze por cento dos alunos"),
    ("pt-BR", "range", "Durmo 7-8 horas.", "Durmo sete a oito horas."),
    ("pt-BR", "abbreviation", "O Sr. Silva e a Dra. Costa", "O senhor Silva e a doutora Costa"),
    ("pt-BR", "agreement", "Tenho 1 casa e 2 filhas.", "Tenho uma casa e duas filhas."),
    ("pt-BR", "agreement", "Vieram 200 pessoas.", "Vieram duzentas pessoas."),
    ("en", "clock", "The class starts at 5:30.", "The class starts at five thirty."),
    ("en", "clock", "It is 5:00.", "It is five o'clock."),
    ("en", "regnal", "World War II ended in 1945.", "World War two ended in nineteen forty-five."),
    ("en", "clock", "The shop opens at 9:00 am.", "The shop opens at nine a m."),
    ("en", "clock", "The bus leaves at 7:05.", "The bus leaves at seven oh five."),
    ("en", "date", "My birthday is on October 3.", "My birthday is on October third."),
    ("en", "date", "We met on 3 October.", "We met on the third of October."),
    ("en", "ordinal", "It is my 3rd time here.", "It is my third time here."),
    ("en", "year", "I was born in 1998.", "I was born in nineteen ninety-eight."),
    ("en", "year", "In 2024 we moved.", "In twenty twenty-four we moved."),
    ("en", "year", "It happened in 1066.", "It happened in ten sixty-six."),
    ("en", "regnal", "Henry VIII had six wives.", "Henry the Eighth had six wives."),
    ("en", "money", "It costs $12.50.", "It costs twelve dollars and fifty cents."),
    ("en", "percent", "15% of students", "fifteen percent of students"),
    (
        "en",
        "thousands",
        "The city has 250,000 people.",
        "The city has two hundred and fifty thousand people.",
    ),
    ("en", "range", "I sleep 7-8 hours.", "I sleep seven to eight hours."),
    (
        "en",
        "abbreviation",
        "Mr. Smith likes tea, coffee, etc.",
        "Mister Smith likes tea, coffee, et cetera.",
    ),
    ("en", "right stays right", "Yesterday I went home.", "Yesterday I went home."),
    ("en", "right stays right", "No. I do not.", "No. I do not."),
    ("en", "abbreviation", "Go to room No. 5.", "Go to room number five."),
    # A house number before a street's name, said as one reads it.
    (
        "en",
        "address",
        "Our office is at 221 Baker St.",
        "Our office is at two twenty-one Baker Street.",
    ),
    (
        "en",
        "address",
        "I live at 1204 North Oak Street.",
        "I live at twelve oh four North Oak Street.",
    ),
    ("ko", "native counter", "7시에 만나요.", "일곱 시에 만나요."),
    ("ko", "native counter", "11시에 자요.", "열한 시에 자요."),
    ("ko", "native counter", "사과 3개 주세요.", "사과 세 개 주세요."),
    ("ko", "native counter", "학생이 5명 있어요.", "학생이 다섯 명 있어요."),
    ("ko", "native counter", "저는 20살이에요.", "저는 스무 살이에요."),
    ("ko", "native counter", "커피 2잔 주세요.", "커피 두 잔 주세요."),
    ("ko", "native counter", "강아지 2마리가 있어요.", "강아지 두 마리가 있어요."),
    ("ko", "native counter", "3번 했어요.", "세 번 했어요."),
    ("ko", "sino counter", "1번 출구로 나가세요.", "일 번 출구로 나가세요."),
    ("ko", "sino counter", "30분 걸려요.", "삼십 분 걸려요."),
    ("ko", "sino counter", "5,000원이에요.", "오천 원이에요."),
    ("ko", "sino counter", "6개월 동안 배웠어요.", "육 개월 동안 배웠어요."),
    ("ko", "sino counter", "사무실은 3층에 있어요.", "사무실은 삼 층에 있어요."),
    ("ko", "year", "2024년에 왔어요.", "이천이십사 년에 왔어요."),
    ("ko", "month", "6월에 시험이 있어요.", "유월에 시험이 있어요."),
    ("ko", "month", "10월 3일은 개천절이에요.", "시월 삼 일은 개천절이에요."),
    ("ko", "range", "하루에 7-8시간 자요.", "하루에 일고여덟 시간 자요."),
    ("ko", "clock", "7:30에 일어나요.", "일곱 시 반에 일어나요."),
    ("ko", "percent", "50% 할인이에요.", "오십 퍼센트 할인이에요."),
    ("ko", "decimal", "3.5킬로미터 걸었어요.", "삼 점 오 킬로미터 걸었어요."),
    (
        "ko",
        "phone",
        "전화번호는 010-1234-5678이에요.",
        "전화번호는 공일공 일이삼사 오육칠팔이에요.",
    ),
    ("ko", "right stays right", "공부할 수 있어요.", "공부할 수 있어요."),
    ("zh", "measure word", "我有2张票。", "我有两张票。"),
    ("zh", "measure word", "我们2点见。", "我们两点见。"),
    ("zh", "measure word", "我学了2个月中文。", "我学了两个月中文。"),
    ("zh", "measure word", "我22岁。", "我二十二岁。"),
    ("zh", "year", "我1998年出生。", "我一九九八年出生。"),
    ("zh", "date", "2024年10月1日是国庆节。", "二零二四年十月一日是国庆节。"),
    ("zh", "date", "今天是2月2日。", "今天是二月二日。"),
    ("zh", "ordinal", "这是第2课。", "这是第二课。"),
    ("zh", "percent", "价格上涨了15%。", "价格上涨了百分之十五。"),
    ("zh", "decimal", "这本书12.5元。", "这本书十二点五元。"),
    ("zh", "money", "一共¥35。", "一共三十五元。"),
    ("zh", "clock", "我下午3:30下课。", "我下午三点半下课。"),
    # A part of the day before it: a time, though a word for a match is near (比赛).
    ("zh", "clock", "比赛晚上7:30开始。", "比赛晚上七点半开始。"),
    ("zh", "range", "我每天睡7-8个小时。", "我每天睡七到八个小时。"),
    ("zh", "thousands", "这个城市有10,000人。", "这个城市有一万人。"),
    ("zh", "thousands", "我有2000块。", "我有两千块。"),
    ("zh", "phone", "我的电话是13812345678。", "我的电话是一三八一二三四五六七八。"),
    # Days CLDR abbreviates (a language's `[days]`), said whole where a dash or a word for
    # `through` puts two together (es `mar.` is martes here, not marzo).
    ("en", "day range", "The office is open Mon.–Fri.", "The office is open Monday to Friday."),
    (
        "nl",
        "day range",
        "De winkel is ma t/m vr geopend.",
        "De winkel is maandag tot en met vrijdag geopend.",
    ),
    ("es", "day range", "Abrimos de mar. a dom.", "Abrimos de martes a domingo."),
    ("it", "day range", "Aperto lun-ven", "Aperto lunedì a venerdì"),
    ("fr", "day range", "Ouvert lun.–sam.", "Ouvert lundi à samedi."),
    # Money counted in thousands or millions: the currency last, the scale from the
    # language's own number words.
    ("pt-BR", "money scale", "O carro custa R$ 80 mil.", "O carro custa oitenta mil reais."),
    ("pt-BR", "money scale", "Custou R$ 2 milhões.", "Custou dois milhões de reais."),
    ("en", "money scale", "It cost $5 million.", "It cost five million dollars."),
    ("de", "money scale", "Es kostet 5 Mio. €.", "Es kostet fünf Millionen Euro."),
    ("fr", "money scale", "Il coûte 2 millions €.", "Il coûte deux millions d'euros."),
    ("ko", "range", "할인율은 20~30%입니다.", "할인율은 이십에서 삼십 퍼센트입니다."),
    ("ko", "range", "가격은 1,000~2,000원이에요.", "가격은 천에서 이천 원이에요."),
    # A day above twelve or a part with its leading zero: no fraction is written so.
    ("fr", "date", "Nous sommes le 31/12.", "Nous sommes le trente et un décembre."),
    ("it", "date", "L'esame è il 15/07.", "L'esame è il quindici luglio."),
    ("en", "date", "It is 25/12.", "It is the twenty-fifth of December."),
    # An abbreviation of a title or of a word, told by a name after it.
    ("en", "abbreviation", "St. Patrick's Day is in March.", "Saint Patrick's Day is in March."),
    ("en", "abbreviation", "The museum is on Baker St.", "The museum is on Baker Street."),
    (
        "de",
        "abbreviation",
        "Das Konzert ist am Fr., 13. Juni.",
        "Das Konzert ist am Freitag, dem dreizehnten Juni.",
    ),
    (
        "de",
        "abbreviation",
        "Bitte geben Sie das Formular Fr. Wagner.",
        "Bitte geben Sie das Formular Frau Wagner.",
    ),
    (
        "en",
        "score",
        "She got 98/100 on the test.",
        "She got ninety-eight out of one hundred on the test.",
    ),
    ("fr", "score", "Il a eu 15/20.", "Il a eu quinze sur vingt."),
    # Two times of day: the language's `through` between them.
    ("en", "clock range", "Open 9:00-17:00.", "Open nine o'clock to seventeen o'clock."),
    (
        "de",
        "clock range",
        "Geöffnet 9:00–17:30 Uhr.",
        "Geöffnet neun Uhr bis siebzehn Uhr dreißig.",
    ),
    ("vi", "clock range", "Mở cửa 8:00-17:00", "Mở cửa tám giờ đến mười bảy giờ"),
    ("zh", "clock range", "营业时间9:00-18:30。", "营业时间九点到十八点半。"),
    # A century in Roman numerals, whatever the letters of the word before (kỷ).
    ("vi", "century", "Thế kỷ XX có nhiều biến động.", "Thế kỷ hai mươi có nhiều biến động."),
    ("vi", "century", "Vào thế kỉ XIX, dân số tăng.", "Vào thế kỉ mười chín, dân số tăng."),
    ("th", "clock range", "ร้านเปิด 8.00-20.00 น.", "ร้านเปิด แปดนาฬิกาถึงยี่สิบนาฬิกา"),
    # A letter before an apostrophe is an article elided, no unit.
    ("it", "elision", "Dal 1990 l'azienda cresce.", "Dal millenovecentonovanta l'azienda cresce."),
    ("fr", "elision", "En 2010 l'équipe a gagné.", "En deux mille dix l'équipe a gagné."),
    # A day abbreviated as CLDR writes it, before a date.
    ("nl", "day", "Open op di 3 mei.", "Open op dinsdag drie mei."),
    ("es", "day", "Abrimos el vie 7 de junio.", "Abrimos el viernes siete de junio."),
    ("es", "clock", "Cerramos a las 21 h.", "Cerramos a las veintiuna horas."),
    ("ko", "scale", "1천 명이 왔어요.", "천 명이 왔어요."),
    ("ko", "scale", "1만 5천 원이에요.", "만 오천 원이에요."),
    ("ko", "money", "이 책은 $30입니다.", "이 책은 삼십 달러입니다."),
    ("zh", "money", "这本书€30。", "这本书三十欧元。"),
    ("zh", "measure word", "我们公司有120名员工。", "我们公司有一百二十名员工。"),
    ("th", "money", "ค่าห้อง $45", "ค่าห้อง สี่สิบห้าดอลลาร์"),
    ("de", "date", "Wir feiern am Mo., 4. Mai.", "Wir feiern am Montag, dem vierten Mai."),
    ("de", "street", "Sie wohnt in der Lindenstr. 3.", "Sie wohnt in der Lindenstraße drei."),
    ("nl", "street", "Hij woont in de Molenstr. 9.", "Hij woont in de Molenstraat negen."),
    ("pl", "fraction", "Wypiłam 1/3 mleka.", "Wypiłam jedną trzecią mleka."),
    ("pl", "fraction", "Zostało około 1/4 tortu.", "Zostało około jednej czwartej tortu."),
    ("pl", "date", "Jutro jest 5 czerwca.", "Jutro jest piąty czerwca."),
    ("vi", "month", "Tháng 4 hoa nở khắp nơi.", "Tháng tư hoa nở khắp nơi."),
    ("vi", "roman", "Đọc phần II của sách.", "Đọc phần hai của sách."),
    ("fr", "roman", "Ouvrez le tome IV.", "Ouvrez le tome quatre."),
]


BY_LANGUAGE = grouped(CASES, lambda c: c[0])


@pytest.mark.parametrize("lang", BY_LANGUAGE)
def test_each_class_is_said_as_a_teacher_says_it(lang: str) -> None:
    """Every case of the language (one test a language; each case it fails on named)."""
    cases = [(lang, text, said) for _, _, text, said in BY_LANGUAGE[lang]]
    check_each(said_right, cases, ids=lambda c: c[1])


def test_every_language_has_a_case_of_every_class_it_writes() -> None:
    classes = {(lang.split("-")[0], what) for lang, what, _, _ in CASES}
    for lang in ("de", "es", "it", "fr", "pt", "en"):
        for what in ("clock", "date", "ordinal", "year", "regnal", "money", "percent", "range"):
            assert (lang, what) in classes, (lang, what)
            assert (lang, "abbreviation") in classes
            assert (lang, "agreement") in classes or lang == "en"
    for what in ("native counter", "sino counter", "month", "range", "percent"):
        assert ("ko", what) in classes
    for what in ("measure word", "year", "percent", "decimal", "range"):
        assert ("zh", what) in classes


def test_what_reads_two_ways_is_said_as_written_and_noted() -> None:
    def case(lang: str, text: str, kept: str) -> None:
        spoken = spoken_form(text, lang)
        assert kept in spoken.text
        assert spoken.note is not None and kept in spoken.note and "said as written" in spoken.note

    check_each(
        case,
        [
            ("de", "Das ist 3.5 mal so viel.", "3.5"),
            ("de", "Er kam als 3. Bewerber.", "3."),  # or: … als 3. Bewerber kam ein Neuer
            ("en", "The exam is on 10/3/2024.", "10/3/2024"),
            ("es", "Son las 25:70.", "25:70"),
        ],
    )


def test_a_guess_is_said_and_noted() -> None:
    spoken = spoken_form("Tengo 1 lápiz.", "es")  # lápiz: no ending tells its gender
    assert spoken.text == "Tengo un lápiz."
    assert spoken.note is not None and "gender" in spoken.note
    spoken = spoken_form("Beim Stadtlauf wurde sie 3.", "de")  # dritte, or an age
    assert spoken.text == "Beim Stadtlauf wurde sie drei."
    assert spoken.note is not None and "ordinal" in spoken.note


def test_what_may_be_a_flight_is_said_digit_by_digit_and_flagged() -> None:
    def case(lang: str, text: str, said: str) -> None:
        spoken = spoken_form(text, lang)
        assert spoken.text == said
        assert spoken.note is not None and "flight" in spoken.note

    check_each(
        case,
        [
            ("en", "Flight BA 207 boards.", "Flight BA two oh seven boards."),
            ("de", "Flug LH 454 landet.", "Flug LH vier fünf vier landet."),
            # The letters are no abbreviation here (vi `VN`: Việt Nam).
            ("vi", "Chuyến bay VN 254 bị hoãn.", "Chuyến bay VN hai năm bốn bị hoãn."),
            ("zh", "CA1831航班延误了。", "CA一八三一航班延误了。"),
            ("en", "My flight is UA857.", "My flight is UA eight five seven."),
            # A language that lists its letters' names says them; an airline of a letter
            # and a digit is one too.
            ("it", "Il volo AZ 610 è in ritardo.", "Il volo a zeta sei uno zero è in ritardo."),
            ("pt-BR", "O voo G3 1402 atrasou.", "O voo gê três um quatro zero dois atrasou."),
            ("ko", "KE017편이 늦어요.", "케이이공일칠편이 늦어요."),
            # Its digits said are no abbreviation either (fr `sept.`: septembre).
            ("fr", "Mon vol est AF 217.", "Mon vol est AF deux un sept."),
        ],
    )


def test_a_lone_i_after_a_numbered_word_is_said_as_a_number_and_noted() -> None:
    def case(text: str, said: str) -> None:
        spoken = spoken_form(text, "en")
        assert spoken.text == said
        assert spoken.note is not None and "the word I" in spoken.note

    check_each(
        case,
        [
            ("World War I began in 1914.", "World War one began in nineteen fourteen."),
            ("After the War I moved away.", "After the War one moved away."),
        ],
    )


def test_a_year_after_two_letters_is_said_as_a_year() -> None:
    spoken = spoken_form("Die WM 2026 beginnt.", "de")
    assert spoken.text == "Die WM zweitausendsechsundzwanzig beginnt." and spoken.note is None


def test_japanese_and_texts_without_numbers_pass_through() -> None:
    def case(text: str, lang: str) -> None:
        assert spoken_form(text, lang).text == text

    check_each(
        case,
        [
            ("３時に会いましょう。", "ja"),
            ("7時", "ja"),
            ("Ohne Zahlen.", "de"),
            ("没有数字。", "zh"),
        ],
    )


def test_a_slash_that_may_be_a_score_is_still_said_as_written() -> None:
    def case(lang: str, text: str) -> None:
        assert spoken_form(text, lang).note is not None

    check_each(case, [("fr", "Il a eu 15/16."), ("en", "It is 07/15.")])


def test_a_german_ordinal_without_its_noun_is_said_and_its_guessed_ending_noted() -> None:
    """`2.` before a word in lower case cannot end a sentence: an ordinal, whose ending
    no article settles here (als zweiter, als zweite): said, and noted for a listen."""
    spoken = spoken_form("Er kam als 2. ins Ziel.", "de")
    assert spoken.text == "Er kam als zweiter ins Ziel."
    assert spoken.doubts == ("2.: an ordinal without its noun; its ending guessed",)


def test_a_noun_of_either_gender_is_counted_masculine_and_noted() -> None:
    """`-ista` is no feminine ending (el or la periodista): the generic masculine, noted;
    a feminine noun listed with that ending keeps its gender (veintiuna revistas)."""

    def case(lang: str, text: str, said: str) -> None:
        spoken = spoken_form(text, lang)
        assert spoken.text == said
        assert len(spoken.doubts) == 1 and "gender is unknown" in spoken.doubts[0]
        assert spoken_form("Hay 21 revistas.", "es").text == "Hay veintiuna revistas."

    check_each(
        case,
        [
            ("es", "Hay 21 periodistas en la sala.", "Hay veintiún periodistas en la sala."),
            ("pt-BR", "Chegaram 21 jornalistas.", "Chegaram vinte e um jornalistas."),
        ],
    )
