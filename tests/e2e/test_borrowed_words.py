"""Borrowed words through the commands: a German passage with `Job` gets
its clip, a team's respelling of `Homeoffice` is said in every clip that has the word and
changes their content keys, and `readings` lists the borrowed words to check."""

from __future__ import annotations

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json

pytestmark = [
    pytest.mark.slow,
    needs_espeak_library,
]

VOCABULARY = [
    {
        "word": "das Homeoffice",
        "examples": [
            {"sentence": "Ich arbeite heute im Homeoffice."},
            {"sentence": "Ich habe einen neuen Job."},
            {"sentence": "Die Homeofficetage sind toll."},
        ],
    }
]


def test_borrowed_words_are_said_and_respelled_once_for_all_clips(project: Project) -> None:
    write_json(project / "data/vocabulary.json", VOCABULARY)
    first = project.json("generate", "--lang", "de", "--provider", "espeak")
    assert first["generated"] == 4 and first["failures"] == []  # Job is no refusal
    project.config('[pronunciations]\n"Homeoffice" = "Hohmoffiss"\n')
    again = project.json("generate", "--lang", "de", "--provider", "espeak")
    assert again["generated"] == 2  # the two texts with the whole word, no other
    manifest = project.read_json("public/audio/manifest.json")["clips"]
    doc = project.read_json("data/vocabulary.json")[0]
    urls = {doc["audioUrl"], *(e["audioUrl"] for e in doc["examples"])}
    said = {
        c["text"]: (c["spoken"], c["phonemes"])
        for c in manifest
        if any(url.endswith(c["path"]) for url in urls)
    }
    assert said["das Homeoffice"] == ("das Hohmoffiss", "das h'o:mOf,Is")
    assert said["Ich arbeite heute im Homeoffice."][0] == "Ich arbeite heute im Hohmoffiss."
    assert said["Die Homeofficetage sind toll."][0] == "Die Homeofficetage sind toll."
    assert "(en)dZ'0b(de)" in said["Ich habe einen neuen Job."][1]

    code, out = project.invoke("readings", "--lang", "de", "--provider", "espeak")
    assert code == 0, out
    assert (
        "  Job (de, espeak-ng reads it as English): vocabulary.json › [0] › examples › [1]" in out
    )
    assert "  Homeoffice (de, respelled; said as Hohmoffiss): vocabulary.json › [0] › word" in out
    assert (
        "vocabulary.json › [0] › word: override: das Homeoffice: said with the override "
        "Homeoffice = Hohmoffiss"
    ) in out


def test_pause_markers_are_not_listed_as_borrowed_words(project: Project) -> None:
    # `[pause:1s]` was listed as the borrowed words `pause` and `1s` of a Chinese text.
    write_json(
        project / "data/vocabulary.json",
        [
            {"word": "我喜欢AI。[pause:1s]你呢？"},
            {"word": '你好。<break time="500ms"/>再见。'},
        ],
    )
    report = project.json("readings", "--lang", "zh", "--provider", "espeak")
    assert [b["word"] for b in report["borrowed"]] == ["AI"]
