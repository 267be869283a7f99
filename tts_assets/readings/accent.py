"""The pitch accent a Japanese text is said with: high and low, mora by mora.

Tokyo Japanese marks each word with where its pitch falls: after the first mora
(雨 あ\\め, HL), after a later one (橋 はし\\, LH and then the particle low), or nowhere
(飴 あめ, LH and the particle high). An *accent phrase* is a word with the particles
and endings that lean on it; its *accent* is the mora after which the pitch falls,
0 for none. Its pattern follows from that alone: the first mora low unless the fall
comes right after it, the morae up to the fall high, those after it low.

The accent comes from the content where it gives one (`pitchPattern`: HL letters or
an accent number, `parse_pitch_pattern`), else from the analyzer (OpenJTalk's accent
phrases, `expected_accent`). Plain string work but for `expected_accent`, which
imports pyopenjtalk on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .analysis import _LOCK, prepare
from .morae import mora_groups

HIGH = "H"
LOW = "L"


@dataclass(frozen=True)
class AccentPhrase:
    """One accent phrase of a text: its kana and where its pitch falls."""

    kana: str
    """How it is said, in katakana with ー (ハシヲ)."""
    morae: int
    """How many morae it has."""
    accent: int
    """The mora after which the pitch falls (1 = after the first); 0: it does not fall."""

    @property
    def pattern(self) -> str:
        """High and low per mora, `H`/`L` (橋を, accent 2: LHL)."""
        return accent_pattern(self.accent, self.morae)


def accent_pattern(accent: int, morae: int) -> str:
    """The H/L pattern of a phrase of `morae` morae whose pitch falls after `accent`."""
    if morae <= 0:
        return ""
    if accent == 1:
        return HIGH + LOW * (morae - 1)
    if accent == 0 or accent > morae:
        return LOW + HIGH * (morae - 1)
    return LOW + HIGH * (accent - 1) + LOW * (morae - accent)


def expected_accent(text: str) -> tuple[AccentPhrase, ...]:
    """The accent phrases of `text` as the analyzer (OpenJTalk) accents it."""
    import pyopenjtalk

    with _LOCK:
        nodes = pyopenjtalk.run_frontend(prepare(text), use_sudachi_kanji_yomi=False)
    phrases: list[AccentPhrase] = []
    kana, morae, accent = "", 0, 0
    for node in nodes:
        size = int(node["mora_size"])
        pron = node["pron"].replace("’", "").replace("'", "")
        if size <= 0:
            # A sign (、, 。) ends the phrase: a pause, the pitch starts again after it.
            if morae:
                phrases.append(AccentPhrase(kana, morae, accent))
            kana, morae, accent = "", 0, 0
            continue
        if morae and int(node["chain_flag"]) != 1:
            phrases.append(AccentPhrase(kana, morae, accent))
            kana, morae = "", 0
        if not morae:
            accent = int(node["acc"])
        kana += pron
        morae += size
    if morae:
        phrases.append(AccentPhrase(kana, morae, accent))
    return tuple(phrases)


_ACCENT_NUMBER = re.compile(r"^\s*[\[(（［]?\s*(\d{1,2})\s*[\])）］]?\s*$")
_HL = re.compile(r"^[HL]+$")


def parse_pitch_pattern(value: object, morae: int, where: str) -> str:
    """The H/L pattern of a word of `morae` morae from the content's `value`.

    `value` is an accent number (0, "2", "[1]") or a pattern of H and L per mora
    ("LHH", "L-H-H", "lhh"), which may hold one more letter for the particle after the
    word (NHK style: 橋 "LHL", 端 "LHH"); that letter is not said in a clip of the word
    alone and is dropped. InputError naming `where` for anything else.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value <= morae:
            return accent_pattern(value, morae)
    elif isinstance(value, str):
        number = _ACCENT_NUMBER.match(value)
        if number and int(number.group(1)) <= morae:
            return accent_pattern(int(number.group(1)), morae)
        letters = re.sub(r"[\s\-・/|]", "", value).upper()
        if _HL.match(letters) and len(letters) in (morae, morae + 1):
            pattern = letters[:morae]
            if _is_pattern(pattern):
                return pattern
    raise InputError(
        f"{where}: pitch pattern {value!r} is not an accent of a word of {morae} morae; "
        f"give the accent number (0 to {morae}) or H and L per mora (such as "
        f"{accent_pattern(0, morae)!r})"
    )


def _is_pattern(pattern: str) -> bool:
    """Whether `pattern` is one a Tokyo accent can make (one rise at most, then one fall)."""
    return any(accent_pattern(a, len(pattern)) == pattern for a in range(len(pattern) + 1))


def phoneme_pitch(phonemes: str, phrases: tuple[AccentPhrase, ...]) -> str | None:
    """The level of each symbol of Kokoro Japanese `phonemes` (H or L; a space for
    spaces and signs) saying `phrases`; None when its morae are not the phrases' morae
    (a reading said otherwise than the analyzer reads the text)."""
    groups = mora_groups(list(phonemes))
    pattern = "".join(phrase.pattern for phrase in phrases)
    if len(groups) != len(pattern) or not pattern:
        return None
    levels = [" "] * len(phonemes)
    for group, level in zip(groups, pattern, strict=True):
        for index in group:
            levels[index] = level
    return "".join(levels)
