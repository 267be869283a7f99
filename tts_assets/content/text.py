"""Text cleanup: what a provider is asked to say, made from what the content file holds.

The JSON keeps the text as written; `clean` makes the spoken form (the form that also
goes into the content key), and `split_sentences` cuts a long spoken text into pieces a
provider takes in one call.
"""

from __future__ import annotations

import functools
import html
import html.entities
import re
import unicodedata
from collections.abc import Callable
from importlib import resources

from ..languages import Language, language
from ..pauses import ESCAPED_TAG, READ_TAGS, marker_spans
from ..scripts.hangul import HANGUL_SOUNDS as HANGUL_SOUNDS

KINDS = ("text", "reading", "kana")
"""`text`: ordinary text. `reading`: a dictionary-notation reading (`か.つ`, `-ち`, `おと-`).
`kana`: a character chart's letter, a sound rather than a word, validated as one mora or
syllable: a kana (が, きゃ) spoken in katakana (は as ハ, "ha", never the particle "wa";
へ as ヘ, "he", never "e"), a Hangul letter spoken as the syllable that sounds it
(`HANGUL_SOUNDS`: ㄱ as 가, ㅏ as 아), never as its name (기역)."""

SEGMENT_UNITS = ("word", "phrase", "sentence")
"""What one of a field's `segments` is (`segments_by`): a word as said, a phrase (a
Japanese accent phrase; elsewhere the stretch between commas) or a sentence."""

_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
"""Hiragana → katakana, code point by code point (ぁ U+3041 … ゖ U+3096)."""


_CHART_SOUNDS: dict[int, int | str] = {**_TO_KATAKANA, **HANGUL_SOUNDS}

# A terminal colour code pasted with a text (ESC [ 31 m) says nothing: without its ESC
# the rest would be read out as "31 m".
_ANSI = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]")
# Control and invisible formatting characters say nothing and upset some engines; lone
# surrogates (from "\ud800" escapes) cannot even be encoded.
_REMOVE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
# Dictionary notation: okurigana dots, prefix/suffix hyphens, the parenthesized
# okurigana some sources use and the wave dash of an attaching reading (〜がる). The
# long-vowel mark ー (U+30FC) is speech and stays.
# Roman numerals as single characters (Ⅳ, ⅻ, U+2160-U+217F) in the letters they stand
# for: voices name the character ("Buchstabe 2173") where they read IV as a number.
_ROMAN = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2160, 0x2180)}
# Kangxi radicals and the CJK radicals supplement's forms of a whole character (⾏ U+2F8F,
# ⺟ U+2E9F, ⻓ U+2ED3): a PDF's text layer gives them for ordinary characters, and they look
# alike, but no voice or dictionary reads them as the character (a Chinese reading dropped
# the syllable, 团队⻓期). Written as the character they stand for: NFKC's for the Kangxi
# block and ⺟ ⻳ (NFC already maps the CJK compatibility ideographs, 﨎 aside, which are
# characters of their own); for the rest of the supplement, which NFKC leaves, Unicode's
# EquivalentUnifiedIdeograph.txt, for the forms that stand for a whole character (⻓ 长,
# ⻔ 门, ⻘ 青); a form only written as part of one (⺅ of 你, ⺡ of 河) is no character read.
_SUPPLEMENT = (
    "⺁厂⺇几⺊卜⺜日⺝月⺠民⻄西⻅见⻆角⻉贝⻋车⻑長⻓长⻔门⻘青⻙韦⻚页⻛风⻜飞⻝食⻢马⻣骨⻤鬼⻥鱼"
    "⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀"
)
_RADICALS = {
    code: folded
    for code in range(0x2E80, 0x2FE0)
    if (folded := unicodedata.normalize("NFKC", chr(code))) != chr(code) and len(folded) == 1
} | {ord(form): char for form, char in zip(_SUPPLEMENT[::2], _SUPPLEMENT[1::2], strict=True)}
# Markup in a text (HTML's <b>, <i>, <br>, <span class="x">, SSML's <emphasis>, any tag
# with attributes or closed): what a page shows, never said; the words it wraps are. A word
# alone in angle brackets that names no element (`elements.txt`) is no markup but a
# placeholder the course means said (`Press <Enter>`, `Write <name> here`): kept. A tag
# that parts words (<br>, <p>, <li>, <td>: `parts` in the table) leaves a space. An
# attribute's quoted value may hold a `>` (`title='a>b'`). A comment, and a ruby's reading
# (<rt>かん</rt>, its end tag optional) and its parentheses (<rp>), are left out whole:
# said, the reading would be said twice (漢かん).
_TAG = re.compile(
    r"</?(?P<name>[A-Za-z][\w:.-]{0,40})"
    r"""(?:\s(?:[^<>"']|"[^"<]{0,500}"|'[^'<]{0,500}'){0,500})?/?\s*>"""
)
_UNSAID = re.compile(r"<!--.*?-->|<(r[tp])\b[^<>]{0,500}>[^<]*(?:</\1\s*>)?", re.I | re.S)
_KEPT_TAGS = frozenset(READ_TAGS)
_CLOSED = re.compile(r"</([A-Za-z][\w:.-]{0,40})")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});?")


def _outside(spans: list[tuple[int, int]], text: str, change: Callable[[str], str]) -> str:
    """`text` with `change` made to each part outside `spans` (sorted, apart)."""
    out, at = [], 0
    for start, end in spans:
        out += [change(text[at:start]), text[start:end]]
        at = end
    out.append(change(text[at:]))
    return "".join(out)


def _untagged(tag: re.Match[str], closed: set[str]) -> str:
    """What is said of `tag` in a text whose end tags name `closed` (lower case)."""
    name = tag.group("name")
    lower = name.lower()
    if lower in _KEPT_TAGS:
        return tag.group()
    parts = _elements().get(lower)
    if parts is None and tag.group() == f"<{name}>" and lower not in closed:
        return tag.group()  # a placeholder: `<Enter>`
    return " " if parts else ""


@functools.cache
def _elements() -> dict[str, bool]:
    """The element names of HTML and SSML (`elements.txt`), lower case, each with
    whether its tag parts the words either side."""
    table = resources.files(__package__).joinpath("elements.txt").read_text("utf-8")
    rows = (line.split() for line in table.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1:] == ["parts"] for row in rows}


def _decoded(entity: re.Match[str]) -> str:
    """A character reference decoded; a name HTML has no reference of kept as written
    (`&notes`, `&notanentity;`: not `¬` and the rest)."""
    found = entity.group()
    if found[1] != "#" and found[1:] not in html.entities.html5:
        return found
    return html.unescape(found)


_NOTATION = re.compile("[.\uff0e\\-\uff0d\u2010\u2011\u2212()\uff08\uff09\u301c\uff5e]")


@functools.lru_cache(maxsize=1 << 17)
def clean(text: str, kind: str = "text") -> str:
    """The spoken form of `text`; "" when nothing is left to say.

    NFC-normalizes, writes Ⅳ as IV and a Kangxi radical as its character (銀⾏ → 銀行),
    removes colour codes, control and zero-width characters, folds runs of spaces to one
    and of line breaks to one newline (a sentence end for `split_sentences`), and strips
    the ends. Kind "reading" also drops dictionary notation (`か.つ`, `おと-`, `あ(がる)`,
    `〜がる`; a pause marker stays); kind "kana" says the sound, not the particle or the
    letter's name (`は` → `ハ`, `ㄱ` → `가`).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown text kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind == "text" and _as_written(text):
        return text
    return _cleaned(text, kind)


_TRANSLATED = re.compile("[\u2160-\u217f\u2e80-\u2fdf]")
"""The characters `clean` writes otherwise (`_ROMAN`, `_RADICALS`), and a few more."""


def _as_written(text: str) -> bool:
    """Whether `clean` leaves a text of kind "text" as it is (most texts: the check is a
    few passes in C): every character printable (no control, format or line-break
    character, no space but " ", none that `_REMOVE` or `_ANSI` removes), none written
    otherwise (`_TRANSLATED`), no space at either end nor two together, NFC already."""
    return (
        text.isprintable()
        and "<" not in text
        and "&" not in text
        and _TRANSLATED.search(text) is None
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
        and unicodedata.is_normalized("NFC", text)
    )


def _cleaned(text: str, kind: str) -> str:
    """`clean` of any text, each step taken: first its markup left out (tags but those the
    markers read: `pauses.READ_TAGS`) and its character references decoded once (`&amp;` →
    `&`, `&nbsp;` → a space), an SSML tag escaped (`&lt;break/&gt;`) left for the markers
    to refuse."""
    if "<" in text:
        text = _UNSAID.sub("", text)
        closed = {name.lower() for name in _CLOSED.findall(text)}
        text = _TAG.sub(lambda tag: _untagged(tag, closed), text)
    if "&" in text:
        kept = [(m.start(), m.end()) for m in ESCAPED_TAG.finditer(text)]
        text = _outside(kept, text, lambda part: _ENTITY.sub(_decoded, part))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _REMOVE.sub("", _ANSI.sub("", text)).translate(_ROMAN).translate(_RADICALS)
    if kind == "reading":
        # The dot of a pause marker (`[pause:1.5s]`) is no okurigana dot.
        text = _outside(marker_spans(text), text, lambda part: _NOTATION.sub("", part))
    elif kind == "kana":
        # A lone hiragana は, へ or を is a particle to a Japanese phonemizer (Kokoro's G2P
        # says "wa" and "e"; espeak-ng says "ha" either way); a lone katakana is its sound.
        # A lone Hangul letter is its name: the syllable that sounds it (HANGUL_SOUNDS).
        text = text.translate(_CHART_SOUNDS)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# Where sentences end, per language. Japanese and Chinese (and any language not below): after
# runs of 。．！？!? (an ASCII full stop only before a space or the end, so 3.14 and
# example.com stay whole) or at a line break; closing quotes and brackets right after
# belong to the sentence.
_CLOSERS = "[\u300d\u300f\uff09)\\]\u3011\"'\u201d\u2019]*"
_SENTENCE_END = re.compile(r"(?:[\u3002\uff0e\uff01\uff1f!?]+|\.+(?=\s|$)|\n)" + _CLOSERS)
# Korean: .?! before a space or the end, and right after a Hangul syllable whatever
# follows (했다.그리고: Korean is often typed without the space).
_KOREAN_END = re.compile(
    r"(?:(?<=[\uac00-\ud7a3])[.!?]+|[.!?]+(?=\s|$)|\n)[\"'\u201d\u2019)\]\u300d\u300f]*"
)
# European languages: a candidate end is a run of .!?… (with the closing quotes after it,
# French » after a space too) before a space or the end; `_european_ends` then drops the
# ones that end an abbreviation, an initial or an ordinal, or go on in lower case.
_EUROPEAN_CANDIDATE = re.compile(
    r"\n|[.!?\u2026]+(?:[ \u00a0\u202f]?\u00bb)?[\"'\u201d\u2019\u00bb)\]]*(?P<de>[\u201c\u2018]*)"
)
_OPENERS = " \t\u00a0\u202f\"'\u201c\u2018\u201e\u00ab\u2039\u00bf\u00a1([\u2014\u2013-"
_TOKEN_STRIP = "\"'\u201c\u2018\u201e\u00ab\u2039\u00bf\u00a1(["
_LONGEST_TOKEN = 12
CLAUSE_END = re.compile(r"[\u3001\uff0c,;\uff1b:\uff1a]+" + _CLOSERS)
_SPACES = re.compile(r"\s+")
_FINER = (CLAUSE_END, _SPACES)


def split_sentences(text: str, max_chars: int, lang: str = "ja") -> list[str]:
    """Cut `text` into pieces of at most `max_chars` characters, one sentence per piece.

    Sentences end as `lang` writes them: 。！？ in Japanese and Chinese (a long Thai text
    is cut at its spaces); .?! in Korean, even with no space after a Hangul syllable;
    .?!… in the European languages, but not after an abbreviation (`z. B.`, `Dr.`), an
    initial (`J. K.`), a German ordinal (`3. Mai`), nor where the text goes on in lower
    case (`etc. and`); decimals (3.5) never end one, and closing quotes stay with theirs.
    A sentence longer than `max_chars` is cut after 、,; (clauses packed back together up
    to the limit), then at spaces, then hard. Pieces are stripped and never empty; joined
    they give back every character of the text in order, less the whitespace at the cuts.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    pieces: list[str] = []
    for sentence in _cut_at(text, sentence_ends(text, lang)):
        pieces.extend(_fit(sentence, max_chars, 0))
    return pieces


def sentence_ends(text: str, lang: str) -> list[int]:
    """The positions right after each sentence end of `text` in `lang` (as its profile
    says its sentences end: `Language.sentence_ends`)."""
    known = language(lang)
    how = known.sentence_ends if known else "marks"
    if how == "korean":
        return [m.end() for m in _KOREAN_END.finditer(text)]
    if how == "european" and known is not None:
        return _european_ends(text, known)
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def _european_ends(text: str, known: Language) -> list[int]:
    ends = []
    for m in _EUROPEAN_CANDIDATE.finditer(text):
        # “ and ‘ close a German quotation („So.“) but open an English one.
        end = m.end() if known.low_quotes or m.start("de") < 0 else m.start("de")
        if m.group() == "\n":
            ends.append(end)
            continue
        if end < len(text) and not text[end].isspace():
            continue  # 3.5, example.com, an opening quote glued to the next sentence
        rest = text[end:].lstrip(_OPENERS)
        if rest[:1].islower():
            continue
        if m.group().startswith(".") and not m.group().startswith(".."):
            before = text[max(0, m.start() - _LONGEST_TOKEN) : m.start()]
            token = before.rsplit(None, 1)[-1] if before.strip() else ""
            token = token.lstrip(_TOKEN_STRIP).lower()
            if token in known.abbreviations or (len(token) == 1 and token.isalpha()):
                continue
            if known.ordinal_dot and token.isdigit() and rest[:1].isalnum():
                continue
        ends.append(end)
    return ends


def _cut_at(text: str, ends: list[int]) -> list[str]:
    """`text` cut at each of `ends` (ascending); the parts cover the whole text."""
    parts = []
    start = 0
    for end in ends:
        if end > start:
            parts.append(text[start:end])
            start = end
    if start < len(text):
        parts.append(text[start:])
    return parts


def _fit(text: str, max_chars: int, level: int) -> list[str]:
    """`text` stripped, as one piece if it fits, else cut at the next finer level."""
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    pieces: list[str] = []
    if level == len(_FINER):  # cut hard, never a combining mark (゙, accents) from its character
        start = 0
        while start < len(text):
            end = min(start + max_chars, len(text))
            while start + 1 < end < len(text) and unicodedata.combining(text[end]):
                end -= 1
            if piece := text[start:end].strip():
                pieces.append(piece)
            start = end
        return pieces
    current = ""
    for part in _cut_at(text, [m.end() for m in _FINER[level].finditer(text)]):
        if len((current + part).strip()) <= max_chars:
            current += part
            continue
        pieces.extend(_fit(current, max_chars, level + 1))
        current = part
    pieces.extend(_fit(current, max_chars, level + 1))
    return pieces
