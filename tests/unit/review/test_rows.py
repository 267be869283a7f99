"""`collect_rows` on clips espeak-ng really made: one row per clip, its places, its audio."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.project import Project
from tests.support.review_project import LATE_WORD, make_project, manifest, settings, write_json
from tts_assets.making.report import Failure
from tts_assets.planning.course import prepare
from tts_assets.review.collect import collect_rows

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("review-rows"))


def test_one_row_per_clip_with_every_place_and_its_measures(made: Path) -> None:
    s = settings(made)
    rows = collect_rows(prepare(s), page_dir=s.out_dir)
    stored = {str(c["path"]): c for c in manifest(made)}
    clips = [r for r in rows if r.status == "clip"]
    assert sorted(r.clip for r in clips) == sorted(stored)
    for row in clips:
        entry = stored[row.clip]
        assert row.key == entry["key"]
        assert row.spoken == entry["text"]
        assert (row.provider, row.voice) == ("espeak", entry["voice"])
        assert row.measures is not None
        # The file's own length, decoded; the manifest rounds it to milliseconds.
        assert row.measures.duration == pytest.approx(float(str(entry["duration"])), abs=0.002)
        assert 0 < row.measures.speech < row.measures.duration
        assert row.measures.lufs == pytest.approx(-18.0, abs=1.0)  # normalised when made
        assert row.url == row.clip  # the page sits in the out dir
        assert (s.out_dir / row.url).is_file()

    by_text = {r.text: r for r in rows}
    cat = by_text["ねこ"]
    assert cat.places == ("vocabulary.json › [0] › word", "vocabulary.json › [2] › word")
    # kanji `reading` (the first on'yomi) and `onyomi[0]` speak the same text from the
    # same place: one clip, one place.
    assert by_text["スイ"].places == ("kanji.json › [0] › onyomi › [0]",)
    passage = next(r for r in rows if r.type == "reading")
    assert passage.pieces == 2
    assert [f.code for f in passage.flags] == ["joined"]


def test_texts_without_a_clip_are_rows_with_the_reason(made: Path) -> None:
    s = settings(made)
    rows = collect_rows(prepare(s), page_dir=s.out_dir)
    late = next(r for r in rows if r.text == LATE_WORD["word"])
    assert late.status == "missing" and not late.reviewable
    assert late.clip == "" or not (s.out_dir / late.clip).exists()
    assert "tts-assets generate" in late.reason
    assert [f.code for f in late.flags] == ["missing"]
    emoji = next(r for r in rows if r.text == "😀")
    assert emoji.status == "refused"
    assert emoji.places == ("vocabulary.json › [3] › word",)
    assert [f.code for f in emoji.flags] == ["refused"]
    assert "letter" in emoji.reason
    assert emoji.lang.code == "ja"  # its field's language


def test_a_text_refused_for_its_length_is_shown_cut(made: Path, project: Project) -> None:
    copy = project.copy(made)
    vocabulary = json.loads((copy / "data/vocabulary.json").read_text(encoding="utf-8"))
    vocabulary.append({"id": "v6", "word": "あ" * 6000})
    write_json(copy / "data/vocabulary.json", vocabulary)
    s = settings(copy)
    row = next(r for r in collect_rows(prepare(s), page_dir=s.out_dir) if r.text.startswith("ああ"))
    assert row.status == "refused"
    assert row.text == "あ" * 300 + "…"


def test_rows_come_entry_by_entry(made: Path) -> None:
    s = settings(made)
    rows = collect_rows(prepare(s), page_dir=s.out_dir)
    vocabulary = [r.places[0] for r in rows if r.type == "vocabulary"]
    # The loader walks field by field (every word, then every example); a reviewer reads
    # an entry's word and its example together.
    assert vocabulary == [
        "vocabulary.json › [0] › word",
        "vocabulary.json › [0] › examples › [0] › sentence",
        "vocabulary.json › [1] › word",
        "vocabulary.json › [1] › examples › [0] › sentence",
        "vocabulary.json › [3] › word",
        "vocabulary.json › [4] › word",
    ]
    assert [r.type for r in rows] == sorted(
        (r.type for r in rows), key=["vocabulary", "grammar", "kanji", "reading"].index
    )
    assert {r.entry for r in rows if r.type == "kanji"} == {"kanji.json › [0]"}


def test_urls_are_relative_to_the_page(made: Path, tmp_path: Path) -> None:
    s = settings(made)
    page_dir = tmp_path / "site with spaces" / "review"
    rows = collect_rows(prepare(s), page_dir=page_dir)
    row = next(r for r in rows if r.status == "clip")
    assert row.url.startswith("../../")
    assert " " not in row.url
    from urllib.parse import unquote

    assert (page_dir / unquote(row.url)).resolve() == (s.out_dir / row.clip).resolve()


def test_rows_take_the_measures_the_run_recorded_without_opening_the_audio(
    made: Path, project: Project
) -> None:
    copy = project.copy(made)
    s = settings(copy)
    entry = next(c for c in manifest(copy) if str(c["text"]) == "いぬ")
    clip = s.out_dir / str(entry["path"])
    # Same size, so the store lists it as present; the bytes no longer decode, which
    # only a page that opened the file would notice (verify does).
    clip.write_bytes(b"\0" * clip.stat().st_size)
    row = next(r for r in collect_rows(prepare(s), page_dir=s.out_dir) if r.text == "いぬ")
    assert row.status == "clip" and row.measures is not None
    assert row.measures.as_manifest() == entry["measures"]


def test_a_damaged_clip_without_recorded_measures_is_a_row_without_audio(
    made: Path, project: Project
) -> None:
    copy = project.copy(made)
    s = settings(copy)
    # A manifest from before measures were recorded: the page decodes the files.
    path = s.out_dir / "manifest.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for clip in doc["clips"]:
        del clip["measures"]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    entry = next(c for c in manifest(copy) if str(c["text"]) == "いぬ")
    clip = s.out_dir / str(entry["path"])
    clip.write_bytes(b"\0" * clip.stat().st_size)
    rows = collect_rows(prepare(s), page_dir=s.out_dir)
    row = next(r for r in rows if r.text == "いぬ")
    assert row.status == "missing"
    assert row.reason.startswith(f"{entry['path']}: ")
    assert "verify --fix" in row.reason
    # The others are measured from their files, as the run would have recorded them.
    cat = next(r for r in rows if r.text == "ねこ")
    assert cat.measures is not None and cat.measures.lufs == pytest.approx(-18.0, abs=1.0)
    assert path.read_text(encoding="utf-8") == json.dumps(doc, ensure_ascii=False)


def test_a_text_the_language_gate_refuses_is_a_row_with_its_reason(
    made: Path, project: Project
) -> None:
    copy = project.copy(made)
    vocabulary = json.loads((copy / "data/vocabulary.json").read_text(encoding="utf-8"))
    write_json(copy / "data/vocabulary.json", [*vocabulary, {"id": "v6", "word": "Arbeit"}])
    s = settings(copy)
    row = next(r for r in collect_rows(prepare(s), page_dir=s.out_dir) if r.text == "Arbeit")
    assert (row.status, row.key, row.places) == ("refused", "", ("vocabulary.json › [5] › word",))
    assert row.reason == '"Arbeit" is Latin script, not Japanese'
    assert [f.code for f in row.flags] == ["refused"]


def test_a_clip_whose_synthesis_failed_says_why(made: Path) -> None:
    s = settings(made)
    place = "vocabulary.json › [4] › word"
    failed = Failure(places=[place], text="とり", reason="timed out after 60 s")
    row = next(
        r
        for r in collect_rows(prepare(s), page_dir=s.out_dir, failures=[failed])
        if r.text == "とり"
    )
    assert row.status == "missing" and row.places == (place,)
    assert (
        row.reason
        == "its synthesis failed: timed out after 60 s; run tts-assets generate to try again"
    )
