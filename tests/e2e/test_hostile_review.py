"""Review verdicts, the pronunciations file and the files the tool reads and writes,
tried as a careless or hostile user would, through the CLI.

Each test was written before its fix and failed on the code before it. The fault provider
speaks (it takes text, as espeak-ng and ElevenLabs do), and logs what it was asked to
say, so a test can tell a whole sentence from the one word a reading was meant for.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support import fault_provider
from tests.support.markers import needs_dev, needs_fifo, needs_symlinks
from tests.support.project import Project, made_once, working_directory
from tests.support.sweep import check_each_one
from tts_assets.errors import InputError
from tts_assets.store import lock

SENTENCE = "この歌は一度聞いたことがある。"
PASSAGE = "今日は晴れです。この歌は一度聞いたことがある。明日も晴れるでしょう。"
WORD = "先生"


def _build(project: Project) -> None:
    project.gen(
        {
            "data/vocabulary.json": [
                {"id": "v1", "word": WORD, "examples": [{"sentence": SENTENCE}]}
            ],
            "data/readings.json": [{"id": "r1", "text": PASSAGE}],
        }
    )
    project.config(
        'provider = "fault"\ntype = "vocabulary,reading"\n\n'
        '[providers.fault]\nlog = "calls.jsonl"\n'
    )
    assert project.invoke("generate")[0] == 0


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return made_once(tmp_path_factory, _build)


@pytest.fixture
def project(project: Project, made: Project, fault: None) -> Project:
    """A word, a sentence and a passage, made by the fault provider, its calls logged."""
    return project.copy(made)


def _verdict(project: Project, text: str, **given: Any) -> dict[str, Any]:
    (clip,) = [c for c in project.manifest()["clips"] if c["text"] == text]
    return {
        "key": clip["key"],
        "clip": clip["path"],
        "places": ["vocabulary.json › [0] › word"],
        "text": text,
        "verdict": "reject",
        "note": "",
        "reading": None,
        "voice": None,
        "at": "2026-11-22T10:00:00Z",
        **given,
    }


def _review(project: Project, *verdicts: dict[str, Any]) -> Path:
    path = project / "review.json"
    doc = {
        "format": "tts-assets-review",
        "version": 1,
        "page": "0123456789abcdef",
        "exported": "2026-11-22T10:01:00Z",
        "verdicts": list(verdicts),
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _said(project: Project) -> list[str]:
    return fault_provider.calls(project / "calls.jsonl")


def _pronunciations(project: Project) -> str:
    return (project / "pronunciations.toml").read_text(encoding="utf-8")


# --- 1. a reading is one word's -------------------------------------------------------


def test_a_sentences_reading_without_its_word_is_refused_and_nothing_is_written(
    project: Project,
) -> None:
    review = _review(project, _verdict(project, SENTENCE, reading="いちど"))
    before = project.tree()
    code, out = project.invoke("review", "--apply", str(review))
    assert code == 2, out
    assert "a reading for a whole sentence" in out and "name the misread word" in out
    assert project.tree() == before


def test_a_misread_words_reading_is_said_inside_the_sentence(project: Project) -> None:
    before = len(_said(project))
    verdict = _verdict(project, SENTENCE, reading="いちど", word="一度")
    code, out = project.invoke("review", "--apply", str(_review(project, verdict)))
    assert code == 0, out
    assert '"一度" = "いちど"' in _pronunciations(project)
    remade = _said(project)[before:]
    sentence = [t for t in remade if "聞いたことがある" in t]
    assert sentence and all("いちど" in t for t in sentence), remade  # the sentence, whole
    assert not any(t == "いちど" for t in remade)


def test_an_override_reaches_a_passage_spoken_in_pieces(project: Project) -> None:
    before = len(_said(project))
    verdict = _verdict(project, SENTENCE, reading="いちど", word="一度")
    assert project.invoke("review", "--apply", str(_review(project, verdict)))[0] == 0
    remade = _said(project)[before:]
    assert any("いちど聞いた" in t and t != SENTENCE for t in remade if "歌" in t), remade
    passage = [c for c in project.manifest()["clips"] if c["text"] == PASSAGE]
    assert [c["verdict"] for c in passage if c["verdict"]] == ["override"]


def test_a_reading_given_with_a_voice_applies_both(project: Project) -> None:
    verdict = _verdict(project, WORD, reading="せんせえ", voice="tone")
    verdict["voice"] = "other"
    code, out = project.invoke("review", "--apply", str(_review(project, verdict)))
    assert code == 2 and "other" in out  # the voice is checked, not dropped
    verdict["voice"] = None
    code, out = project.invoke("review", "--apply", str(_review(project, verdict)))
    assert code == 0, out
    assert '"先生" = "せんせえ"' in _pronunciations(project)


# --- 4. a page never replaces another kind of file ------------------------------------


NOT_PAGES = ["data/vocabulary.json", "public/audio/manifest.json", "notes.html"]


def _page_refused(project: Project, target: str) -> str:
    """What the review page's place (`page_path`, where the command decides it) refuses
    `target` with: exit 2, the file left as it was."""
    from tts_assets.review.page import page_path
    from tts_assets.settings.load import load_settings

    before = (project / target).read_bytes()
    with working_directory(project), pytest.raises(InputError) as refused:
        page_path(load_settings("."), Path(target))
    assert refused.value.exit_code == 2
    assert str(refused.value).startswith(f"--output {Path(target)}: "), refused.value
    assert (project / target).read_bytes() == before
    return str(refused.value)


def test_review_output_never_replaces_a_file_that_is_not_a_page(project: Project) -> None:
    """Each file asked of the page's place; the command line shows one refused (exit 2,
    the line), then writes a page and replaces its own."""
    (project / "notes.html").write_text("<p>my notes</p>", encoding="utf-8")
    check_each_one(lambda target: _page_refused(project, target), NOT_PAGES)
    line = _page_refused(project, "notes.html")
    assert "not a tts-assets review page" in line
    code, out = project.invoke("review", "--output", "notes.html")
    assert code == 2 and out == f"error: {line}\n", out
    assert (project / "notes.html").read_text(encoding="utf-8") == "<p>my notes</p>"
    assert project.invoke("review", "--output", "page.html")[0] == 0
    assert project.invoke("review", "--output", "page.html")[0] == 0  # its own page: replaced


# --- 5. --apply: all or nothing, and never exit 2 after writing -----------------------


def test_apply_that_cannot_make_its_clips_says_the_review_is_recorded(project: Project) -> None:
    verdict = _verdict(project, SENTENCE, reading="いちど", word="一度")
    with lock.locked([project / "public/audio"]):  # another run is making clips
        code, out = project.invoke("review", "--apply", str(_review(project, verdict)))
    assert code == 1, out
    assert "the review is recorded" in out and "run tts-assets generate" in out
    assert '"一度" = "いちど"' in _pronunciations(project)


def test_apply_waits_for_the_lock_of_the_pronunciations_file(project: Project) -> None:
    verdict = _verdict(project, SENTENCE, reading="いちど", word="一度")
    review = _review(project, verdict)
    before = project.tree()
    with lock.locked([project]):  # another apply is writing the pronunciations file
        code, out = project.invoke("review", "--apply", str(review))
    assert code == 2 and "lock" in out.lower(), out
    assert project.tree() == before


# --- 7. the pronunciations file ----------------------------------------------------------


@needs_symlinks
def test_the_pronunciations_file_is_read_and_written_as_carefully_as_content(
    project: Project,
) -> None:
    kept = project / "shared" / "pronunciations.toml"
    kept.parent.mkdir()
    # A valid file ending in a table: an override written as TOML's table form.
    kept.write_text('"山" = "やま"\n\n[AI]\nphonemes = "eːai"\n', encoding="utf-8")
    (project / "pronunciations.toml").symlink_to(kept)
    verdict = _verdict(project, SENTENCE, reading="いちど", word="一度")
    code, out = project.invoke("review", "--apply", str(_review(project, verdict)))
    assert code == 0, out
    assert (project / "pronunciations.toml").is_symlink()  # still a link
    text = kept.read_text(encoding="utf-8")
    assert text.index('"一度" = "いちど"') < text.index("[AI]")  # above the table
    kept.unlink()  # now the link leads nowhere
    code, out = project.invoke("generate")
    assert code == 2 and "symbolic link" in out and "does not exist" in out
    (project / "pronunciations.toml").unlink()
    (project / "pronunciations.toml").symlink_to("/dev/zero")
    code, out = project.invoke("generate")
    assert code == 2 and "not a regular file" in out


# --- 10. bounded reviewer input and reads ------------------------------------------------


def test_a_huge_reading_is_refused(project: Project) -> None:
    verdict = _verdict(project, WORD, reading="あ" * 100_000)
    code, out = project.invoke("review", "--apply", str(_review(project, verdict)))
    assert code == 2 and len(out) < 600, out[:300]
    assert not (project / "pronunciations.toml").exists()


@needs_dev
@needs_fifo
def test_apply_refuses_a_device_and_a_pipe_at_once(project: Project) -> None:
    code, out = project.invoke("review", "--apply", "/dev/zero")
    assert code == 2 and "not a regular file" in out
    fifo = project / "review.fifo"
    os.mkfifo(fifo)
    done: list[tuple[int, str]] = []
    thread = threading.Thread(
        target=lambda: done.append(project.invoke("review", "--apply", str(fifo)))
    )
    started = time.monotonic()
    thread.start()
    thread.join(60)  # a pipe nobody writes to would block for ever
    assert done and time.monotonic() - started < 60, "a named pipe made it wait"
    assert done[0][0] == 2 and "not a regular file" in done[0][1]


def test_a_set_name_with_a_page_marker_keeps_the_page_whole() -> None:
    from tts_assets.review.page import render_page

    page = render_page([], title="Review: {{js}} {{data}}", page_id="0123456789abcdef")
    assert page.count("<script") == 2  # the data and the page's script, once each
    assert "Review: {{js}} {{data}}" in page


def test_review_without_the_provider_the_clips_were_made_with_says_which(
    project: Project,
) -> None:
    """The clips were made with --provider fault; a review without it plans Kokoro's and
    would show none of them, without a word."""
    project.config(
        f'type = "vocabulary,reading"\n\n[providers.fault]\nlog = "{project.as_posix()}/c"\n'
    )
    code, out = project.invoke("review")
    assert code == 0, out
    assert "holds clips of its texts made by fault: pass --provider fault" in out
