"""The language gate's table: short texts (1 to 3 words) with their field's language and verdict.

Used by tests/unit/content/test_gate.py, and by benchmarks/languages.py to measure the gate and an
offline identifier on the same texts. `truth` is the language the text really is in
(what an identifier should answer), "" where no one language is right (CD, 2024, emoji).
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    text: str
    lang: str
    """The language of the field the text sits in."""
    status: str
    """ok, ambiguous or refused."""
    looks_like: str
    """For refused texts, what the gate says the text is."""
    truth: str
    """The language the text is really written in ("" if none)."""


OK, AMBIGUOUS, REFUSED = "ok", "ambiguous", "refused"

CASES: tuple[Case, ...] = (
    # Japanese in Japanese fields
    Case("みず", "ja", OK, "", "ja"),
    Case("たべる", "ja", OK, "", "ja"),
    Case("コーヒー", "ja", OK, "", "ja"),
    Case("食べる", "ja", OK, "", "ja"),
    Case("駅", "ja", OK, "", "ja"),
    Case("気持ち", "ja", OK, "", "ja"),
    Case("働く", "ja", OK, "", "ja"),
    Case("学生", "ja", AMBIGUOUS, "", "ja"),
    Case("日本", "ja", AMBIGUOUS, "", "ja"),
    Case("人々", "ja", AMBIGUOUS, "", "ja"),
    Case("Tシャツ", "ja", OK, "", "ja"),
    Case("CDを買う", "ja", OK, "", "ja"),
    Case("私はNHKで働いています。", "ja", OK, "", "ja"),
    Case("ｱｲｽ", "ja", OK, "", "ja"),
    Case("ー", "ja", AMBIGUOUS, "", ""),
    Case("CD", "ja", AMBIGUOUS, "", ""),
    Case("NHK", "ja", AMBIGUOUS, "", ""),
    Case("2024年", "ja", AMBIGUOUS, "", "ja"),
    Case("3時", "ja", AMBIGUOUS, "", "ja"),
    Case("100", "ja", AMBIGUOUS, "", ""),
    Case("ねこ🐱", "ja", OK, "", "ja"),
    Case("🎉 おめでとう", "ja", OK, "", "ja"),
    # Other languages in Japanese fields
    Case("Arbeit", "ja", REFUSED, "latin", "de"),
    Case("hello world", "ja", REFUSED, "latin", "en"),
    Case("Guten Morgen", "ja", REFUSED, "latin", "de"),
    Case("Sony", "ja", REFUSED, "latin", ""),
    Case("iPhone", "ja", REFUSED, "latin", ""),
    Case("sushi", "ja", REFUSED, "romaji", "ja"),
    Case("konnichiwa", "ja", REFUSED, "romaji", "ja"),
    Case("arigatou gozaimasu", "ja", REFUSED, "romaji", "ja"),
    Case("Tōkyō", "ja", REFUSED, "romaji", "ja"),
    Case("谢谢", "ja", REFUSED, "zh", "zh"),
    Case("们", "ja", REFUSED, "zh", "zh"),
    Case("图书馆", "ja", REFUSED, "zh", "zh"),
    Case("每天", "ja", REFUSED, "zh", "zh"),
    Case("我每天早上六点起床。", "ja", REFUSED, "zh", "zh"),
    Case("說話", "ja", REFUSED, "zh", "zh"),
    Case("가다", "ja", REFUSED, "ko", "ko"),
    Case("안녕하세요", "ja", REFUSED, "ko", "ko"),
    Case("Привет", "ja", REFUSED, "cyrillic", ""),
    # Chinese fields
    Case("谢谢", "zh", OK, "", "zh"),
    Case("图书馆", "zh", OK, "", "zh"),
    Case("你好", "zh", OK, "", "zh"),
    Case("學生", "zh", AMBIGUOUS, "", "zh"),
    Case("今天", "zh", AMBIGUOUS, "", "zh"),
    Case("学生", "zh", AMBIGUOUS, "", "zh"),
    Case("我用iPhone", "zh", AMBIGUOUS, "", "zh"),
    Case("T恤", "zh", AMBIGUOUS, "", "zh"),
    Case("ㄅㄆㄇ", "zh", OK, "", "zh"),
    Case("駅", "zh", REFUSED, "ja", "ja"),
    Case("気", "zh", REFUSED, "ja", "ja"),
    Case("たべる", "zh", REFUSED, "ja", "ja"),
    Case("彼は学生です", "zh", REFUSED, "ja", "ja"),
    Case("nǐ hǎo", "zh", REFUSED, "pinyin", "zh"),
    Case("hello", "zh", REFUSED, "latin", "en"),
    Case("CEO", "zh", AMBIGUOUS, "", ""),
    Case("사랑", "zh", REFUSED, "ko", "ko"),
    # Korean fields
    Case("가다", "ko", OK, "", "ko"),
    Case("감사합니다", "ko", OK, "", "ko"),
    Case("大韓民國 만세", "ko", OK, "", "ko"),
    Case("KTX", "ko", AMBIGUOUS, "", ""),
    Case("学生", "ko", REFUSED, "han", ""),
    Case("谢谢", "ko", REFUSED, "zh", "zh"),
    Case("みず", "ko", REFUSED, "ja", "ja"),
    Case("saranghae", "ko", REFUSED, "latin", "ko"),
    # Latin-script fields
    Case("Arbeit", "de", AMBIGUOUS, "", "de"),
    Case("Straße", "de", AMBIGUOUS, "", "de"),
    Case("Guten Morgen", "de", AMBIGUOUS, "", "de"),
    Case("die Arbeit", "de", AMBIGUOUS, "", "de"),
    Case("hola", "es", AMBIGUOUS, "", "es"),
    Case("¿Qué tal?", "es", AMBIGUOUS, "", "es"),
    Case("mañana", "es", AMBIGUOUS, "", "es"),
    Case("buongiorno", "it", AMBIGUOUS, "", "it"),
    Case("grazie mille", "it", AMBIGUOUS, "", "it"),
    Case("water", "en", AMBIGUOUS, "", "en"),
    Case("to eat", "en", AMBIGUOUS, "", "en"),
    Case("water (水)", "en", AMBIGUOUS, "", "en"),
    Case("bonjour", "fr", AMBIGUOUS, "", "fr"),
    Case("s'il vous plaît", "fr", AMBIGUOUS, "", "fr"),
    Case("obrigado", "pt", AMBIGUOUS, "", "pt"),
    Case("não", "pt", AMBIGUOUS, "", "pt"),
    Case("Haus", "es", AMBIGUOUS, "", "de"),
    Case("thank you", "de", AMBIGUOUS, "", "en"),
    Case("みず", "en", REFUSED, "ja", "ja"),
    Case("水", "en", REFUSED, "han", ""),
    Case("谢谢", "de", REFUSED, "zh", "zh"),
    Case("안녕", "es", REFUSED, "ko", "ko"),
    Case("Привет", "fr", REFUSED, "cyrillic", ""),
    Case("42", "it", AMBIGUOUS, "", ""),
    Case("👍", "pt", AMBIGUOUS, "", ""),
    # Thai fields (sentences from hanabira.org's Thai grammar, MIT: spaced word by word)
    Case("คุณ ชอบ กิน อาหาร ไทย ครับ ?", "th", OK, "", "th"),
    Case("ฉัน อยาก เรียน ภาษา ไทย เพราะ ฉัน อยาก ทำงาน ใน ประเทศ ไทย", "th", OK, "", "th"),
    Case("เรา วางแผน ที่จะ ไป ปิคนิค วันนี้", "th", OK, "", "th"),
    Case("สวัสดีครับ", "th", OK, "", "th"),
    Case("ฉันใช้ iPhone", "th", OK, "", "th"),
    Case("ATM", "th", AMBIGUOUS, "", ""),
    Case("๒๕๖๗", "th", AMBIGUOUS, "", ""),
    Case("Khun chop gin a-han Thai khrap?", "th", REFUSED, "latin", "th"),
    Case("学生", "th", REFUSED, "han", ""),
    Case("안녕하세요", "th", REFUSED, "ko", "ko"),
    Case("Tôi không có gì ngoài bút và sách.", "th", REFUSED, "vi", "vi"),
    Case("สวัสดี", "ja", REFUSED, "th", "th"),
    Case("ขอบคุณ", "en", REFUSED, "th", "th"),
    # Vietnamese fields (sentences from hanabira.org's Vietnamese grammar, MIT)
    Case("Tôi không có gì ngoài bút và sách.", "vi", OK, "", "vi"),
    Case("Anh ấy không biết gì về vấn đề này.", "vi", OK, "", "vi"),
    Case("Tôi còn phải viết một email nữa.", "vi", OK, "", "vi"),
    Case("Toà tháp Eiffel là biểu tượng của Paris.", "vi", OK, "", "vi"),
    Case("nước", "vi", OK, "", "vi"),
    Case("đi", "vi", OK, "", "vi"),
    Case("anh em", "vi", AMBIGUOUS, "", "vi"),
    Case("ba", "vi", AMBIGUOUS, "", "vi"),
    Case("WTO", "vi", AMBIGUOUS, "", ""),
    Case("I have nothing but a pen and a book.", "vi", REFUSED, "latin", "en"),
    Case("I still have one more email to write.", "vi", REFUSED, "latin", "en"),
    Case("Je suis là.", "vi", REFUSED, "latin", "fr"),
    Case("water", "vi", REFUSED, "latin", "en"),
    Case("谢谢", "vi", REFUSED, "zh", "zh"),
    Case("ขอบคุณ", "vi", REFUSED, "th", "th"),
    # Vietnamese in other fields, and words other languages share with it
    Case("Tôi không có gì ngoài bút và sách.", "en", REFUSED, "vi", "vi"),
    Case("Chúng tôi không thảo luận gì hết.", "fr", REFUSED, "vi", "vi"),
    Case("Anh ấy không biết gì về vấn đề này.", "ja", REFUSED, "vi", "vi"),
    Case("Hà Huyền Chi is a famous poet in Vietnam.", "en", AMBIGUOUS, "", "en"),
    Case("là", "fr", AMBIGUOUS, "", "fr"),
    Case("più", "it", AMBIGUOUS, "", "it"),
    Case("¿Qué tal?", "vi", REFUSED, "latin", "es"),
    Case("só", "pt", AMBIGUOUS, "", "pt"),
    # A language the table does not know: every text stands
    Case("みず", "sv", AMBIGUOUS, "", "ja"),
)
"""Every case of the table."""
