"""A gloss is not spoken: the kana chart's `ヲ (rarely used alone)` is
said as ヲ, by a real espeak-ng, and its clip records the note left out."""

from __future__ import annotations

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json

pytestmark = [
    pytest.mark.slow,
    needs_espeak_library,
]


def test_the_note_is_left_out_of_the_clip_and_recorded(project: Project) -> None:
    chart = [
        {
            "char": "を",
            "hiragana": "を",
            "katakana": "ヲ",
            "type": "hiragana",
            "examples": [{"word": "ヲ (rarely used alone)"}],
        }
    ]
    write_json(project / "data/characters.json", chart)
    summary = project.json("generate", "--provider", "espeak", "--type", "characters")
    assert summary["failures"] == []
    manifest = project.read_json("public/audio/manifest.json")["clips"]
    (example,) = [c for c in manifest if c["note"]]
    assert (example["text"], example["spoken"], example["phonemes"]) == ("ヲ", "ヲ", "'o")
    assert example["note"].startswith("said without the note (rarely used alone)")
    # The content keeps its text; only its URL is written.
    doc = project.read_json("data/characters.json")
    assert doc[0]["examples"][0]["word"] == "ヲ (rarely used alone)"
    assert doc[0]["examples"][0]["audioUrl"]


def test_a_stray_letter_is_refused_and_a_roman_numeral_is_said_as_a_number(
    project: Project,
) -> None:
    # espeak-ng said "Wasser (水" as "Wasser chinesisches Schriftzeichen" and
    # "Kapitel (Ⅳ)" as "Kapitel Buchstabe 2173", switching no language.
    examples = [{"german": t} for t in ("Wasser (水)", "Wasser (水", "Kapitel (Ⅳ)")]
    write_json(project / "data/grammar.json", [{"id": "g", "examples": examples}])
    code, out = project.invoke("generate", "--lang", "de", "--provider", "espeak")
    assert code == 1
    assert (
        'refused: grammar.json › [0] › examples › [1] › german: "Wasser (水" has Chinese '
        "characters (水) in German: a German voice would name them rather than say them"
    ) in out
    manifest = {c["text"]: c for c in project.read_json("public/audio/manifest.json")["clips"]}
    assert set(manifest) == {"Wasser", "Kapitel (IV)"}  # what is said
    assert manifest["Wasser"]["phonemes"] == "v'as3"
    assert "r,Y:mIS f'i:r" in manifest["Kapitel (IV)"]["phonemes"]  # römisch vier
    assert all("b'u:xStA:b@" not in c["phonemes"] for c in manifest.values())  # Buchstabe
