"""Glosses: a note in parentheses in another script than the field's
language is for the reader: the text is said without it, and the item keeps it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.sweep import check_each
from tests.support.windows import whole_course
from tts_assets.content.selection import select_types
from tts_assets.content.spec import builtin_types
from tts_assets.languages import LANGUAGES
from tts_assets.planning.plan import left_out_note
from tts_assets.scripts.letters import without_glosses


def test_a_gloss_in_another_script_is_left_out() -> None:
    def case(text: str, lang: str, said: str, left_out: tuple[str, ...]) -> None:
        assert without_glosses(text, LANGUAGES[lang].scripts) == (said, left_out)

    check_each(
        case,
        [
            ("ヲ (rarely used alone)", "ja", "ヲ", ("(rarely used alone)",)),
            ("を（particle）です", "ja", "をです", ("（particle）",)),
            ("Wasser (水)", "de", "Wasser", ("(水)",)),
            ("学校 (school)", "zh", "学校", ("(school)",)),
            # Parentheses in the language's own script are speech; so is a text that is all note.
            ("ヲ (を)", "ja", "ヲ (を)", ()),
            ("Wasser (das)", "de", "Wasser (das)", ()),
            ("(rarely used alone)", "ja", "(rarely used alone)", ()),
            ("水（みず）", "ja", "水（みず）", ()),
            ("(2)", "ja", "(2)", ()),
        ],
    )


def test_the_loaded_item_says_the_rest_and_its_clip_records_the_note(tmp_path: Path) -> None:
    chart = [
        {
            "char": "を",
            "hiragana": "を",
            "katakana": "ヲ",
            "type": "hiragana",
            "examples": [{"word": "ヲ (rarely used alone)"}],
        }
    ]
    (tmp_path / "characters.json").write_text(json.dumps(chart, ensure_ascii=False), "utf-8")
    items = whole_course(tmp_path, select_types(builtin_types(), "characters")).items
    (example,) = [i for i in items if i.field == "example"]
    assert (example.text, example.spoken) == ("ヲ (rarely used alone)", "ヲ")
    assert example.left_out == ("(rarely used alone)",)
    assert left_out_note(example) == (
        "said without the note (rarely used alone): another script than the text's, for the reader"
    )
