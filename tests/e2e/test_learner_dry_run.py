"""What a dry run shows of the learner's clips (a ladder of tempi, voices in
rotation or each): what each would make and bill. A twin is a clip of its own in
`--json`, its tempo and the clip it is stretched from named, billed nothing; each planned
clip says what a paid provider bills for it (the summary's bill is theirs, each key once);
the preview names a twin's tempo; a note gives each field's voices and their shares, and
none for a field with no text (every built-in type of a course with one file had one)."""

from __future__ import annotations

from collections import Counter

from tests.support.project import Project

WORDS = [{"id": f"w{i}", "word": w} for i, w in enumerate(("ねこ", "いぬ", "とり", "さかな"))]


def test_a_ladders_twins_are_named_with_their_tempo_and_source_and_bill_nothing(
    project: Project,
) -> None:
    project.gen({"tts-assets.toml": "slow = [0.6, 0.8]\n", "data/vocabulary.json": WORDS})
    dry = project.json("generate", "--dry-run")
    clips = {c["path"]: c for c in dry["clips"]}
    spoken = [c for c in clips.values() if "tempo" not in c]
    twins = [c for c in clips.values() if "tempo" in c]
    assert len(spoken) == 4 and Counter(c["tempo"] for c in twins) == {0.6: 4, 0.8: 4}
    for twin in twins:
        source = next(c for p, c in clips.items() if p.endswith(twin["made_from"]))
        assert source in spoken and source["text"] == twin["text"]
        assert twin["billable_characters"] == 0
    assert [c["billable_characters"] for c in spoken] == [len(c["text"]) for c in spoken]
    assert dry["billable_characters"] == sum(c["billable_characters"] for c in clips.values())
    code, out = project.invoke("generate", "--dry-run")
    assert code == 0 and "ねこ (0.6×, stretched from its clip) → " in out, out


def test_voices_are_noted_for_the_fields_they_say_and_no_other(project: Project) -> None:
    config = '[languages]\nja = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]\n'
    project.gen({"tts-assets.toml": config, "data/vocabulary.json": WORDS})
    notes = [n for n in project.json("generate", "--dry-run")["notes"] if "voices" in n]
    assert len(notes) == 1 and notes[0].startswith("voices in rotation: vocabulary.word: ")
    each = '[languages]\nja = { voices = ["kokoro:jf_alpha", "kokoro:jf_nezumi"], mode = "each" }\n'
    project.gen({"tts-assets.toml": each})
    notes = [n for n in project.json("generate", "--dry-run")["notes"] if "voices" in n]
    assert notes == [
        "voices each: vocabulary.word: jf_alpha 4, jf_nezumi 4 text(s), every text in every "
        "voice (the first voice's at its URL, each voice's in its list at voicesAudioUrl)"
    ], notes
