"""The captions of a Chinese clip show the characters the content wrote. A word
espeak-ng reads otherwise is given to it as numbered pinyin (你好 said ní hǎo: `ni2 hao3`),
and its word events name what it was given: the WebVTT cues and the `segments` read `ni2`,
`hao3 ！` in 120 of HSK-Master's 587 clips. A course shaped like HSK-Master's export
(`vocabulary_hsk1.json`: `chinese_word` and `example_sentence`, each with its pinyin), on
espeak-ng, with tracks and segments; then the same course as the tool before wrote it, whose
tracks and segments are written again, not kept as a person's."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.course import HSK_MASTER_CONFIG
from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tts_assets.store.manifest import Store
from tts_assets.writeback.tracks import track_of

pytestmark = [pytest.mark.slow, needs_espeak_library]

CONFIG = HSK_MASTER_CONFIG.format(voice="espeak:cmn")
ENTRIES = [
    ("你好", "nǐ hǎo", "喂，你好！", "Wéi, nǐ hǎo!"),
    ("冷", "lěng", "今天很冷，多穿点衣服。", "Jīntiān hěn lěng, duō chuān diǎn yīfu."),
    ("水果", "shuǐ guǒ", "我想买水果。", "Wǒ xiǎng mǎi shuǐguǒ."),
]
SYLLABLE = re.compile(r"[a-z]+[1-5]")


def _course(project: Project) -> Project:
    entries = [
        {"chinese_word": w, "pinyin": p, "example_sentence": s, "example_pinyin": sp}
        for w, p, s, sp in ENTRIES
    ]
    project.gen({"data/vocabulary_hsk1.json": entries})
    return project.config(CONFIG)


def _captions(project: Project) -> dict[str, tuple[list[str], str]]:
    """Each clip's text: the texts of its words in the manifest and its track."""
    found = {}
    for clip in project.manifest()["clips"]:
        track = (project / "public/audio" / clip["path"]).with_suffix(".vtt")
        found[clip["text"]] = ([w["text"] for w in clip["timings"]["words"]], track.read_text())
    return found


def test_the_words_of_a_clip_said_from_pinyin_are_its_characters(project: Project) -> None:
    _course(project)
    project.json("generate")
    captions = _captions(project)
    # Given as pinyin where espeak-ng reads a tone otherwise (the change of two third tones).
    said = {c["text"]: c["spoken"] for c in project.manifest()["clips"]}
    assert SYLLABLE.search(said["喂，你好！"]) and SYLLABLE.search(said["我想买水果。"])
    assert captions["喂，你好！"][0] == ["喂，", "你", "好！"]
    # Each word's cue carries the pinyin said, with tone marks, as a Japanese word's its kana:
    # the content's, each syllable with its own tone (nǐ hǎo, said ní hǎo).
    assert "你 (nǐ)" in captions["喂，你好！"][1] and "好！ (hǎo)" in captions["喂，你好！"][1]
    assert "冷 (lěng)" in captions["冷"][1]
    for text, (words, track) in captions.items():
        assert "".join(words) == text.replace(" ", "")
        assert not SYLLABLE.search(track), (text, track)
    entries = json.loads((project / "data/vocabulary_hsk1.json").read_text(encoding="utf-8"))
    segments = [s["text"] for e in entries for s in e["example_segments"] + e["segments"]]
    assert not any(SYLLABLE.search(t) for t in segments), segments


def test_captions_written_with_the_pinyin_before_are_written_again(project: Project) -> None:
    _course(project)
    project.json("generate")
    # As the tool before left them: each word named as its voice was given it, in the
    # manifest's record, the track and the segments written from it.
    manifest = project.manifest()
    old: dict[str, list[str]] = {}
    for clip in manifest["clips"]:
        given: list[str] = []
        for token in clip["spoken"].split():  # a mark alone joins the word before it
            if given and not any(c.isalnum() for c in token):
                given[-1] += f" {token}"
            else:
                given.append(token)
        words = clip["timings"]["words"]
        if SYLLABLE.search(clip["spoken"]) and len(given) == len(words):
            for word, name in zip(words, given, strict=True):
                word["text"] = name
            old[clip["text"]] = given
    assert "喂，你好！" in old
    (project / "public/audio/manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    store = Store(project / "public/audio", project / "public/audio/.temp-audio")
    entries = json.loads((project / "data/vocabulary_hsk1.json").read_text(encoding="utf-8"))
    for entry in store:
        data = track_of(entry, former=True)
        assert data is not None
        (project / "public/audio" / entry.path).with_suffix(".vtt").write_bytes(data)
        for e in entries:
            for text, place in (
                ("chinese_word", "segments"),
                ("example_sentence", "example_segments"),
            ):
                if e[text] == entry.text and entry.text in old:
                    e[place] = [dict(w) for w in entry.timings["words"]]  # type: ignore[index]
    (project / "data/vocabulary_hsk1.json").write_text(json.dumps(entries, ensure_ascii=False))
    summary = project.json("generate")
    assert not any("did not write" in note for note in summary.get("notes", [])), summary
    captions = _captions(project)
    for text in old:
        words, track = captions[text]
        assert not SYLLABLE.search(track), (text, track)
    written = json.loads((project / "data/vocabulary_hsk1.json").read_text(encoding="utf-8"))
    segments = [s["text"] for e in written for s in e["example_segments"] + e["segments"]]
    assert not any(SYLLABLE.search(t) for t in segments), segments
