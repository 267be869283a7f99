"""Every text without a clip says why, in the terminal, in `readings` and on the review page
alike, with what fixes it, in a real Chromium.

A German course voiced by the real espeak-ng: a passage it cannot say in German (it
switches to English for a borrowed word), a word left out of the run, a person's recording
whose file is a Git LFS pointer, and a text the language gate refuses. The page is made
later, by another command, from what the run left: the reason the run printed is the reason
the page shows, never "run tts-assets generate" where generate would do nothing.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.support import chromium
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json
from tests.support.review_project import cli, page_data

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.slow, needs_espeak_library]

BORROWED = "Wir reden über die Work-Life-Balance."
RECORDED = "Guten Tag."
LATE = "Ich lese ein Buch."
POINTER = f"version https://git-lfs.github.com/spec/v1\noid sha256:{'0' * 64}\nsize 12345\n"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    reason = chromium.missing()
    if reason and chromium.REQUIRED:
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = chromium.launch(playwright)
        yield launched
        launched.close()


def _rows(page: Path) -> dict[str, dict[str, Any]]:
    return {row["x"]: row for row in page_data(page)["rows"]}


def test_the_page_says_why_each_text_has_no_clip(project: Project, browser: Browser) -> None:
    examples = [{"german": BORROWED}, {"german": "Ich trinke Wasser."}, {"german": "水です。"}]
    write_json(project / "data/grammar.json", [{"id": "g1", "examples": examples}])
    project.config('lang = "de"\nprovider = "espeak"\n')
    done = cli(project, "generate", "--json")
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    (failure,) = summary["failures"]
    printed = failure["reason"]
    assert 'switched to English for the word "Work-Life-Balance"' in printed

    # `readings` says the same, not "ok".
    said = cli(project, "readings", "--json")
    assert said.returncode == 1
    problems = json.loads(said.stdout)["problems"]
    assert [p["message"] for p in problems] == [printed]

    # Later: a person's recording whose file the checkout left as a Git LFS pointer, and a
    # text added after the run.
    out = project / "public/audio"
    made = next(out.glob("grammar/*.mp3"))
    (out / "recordings").mkdir()
    shutil.copy(made, out / "recordings/guten-tag.mp3")
    doc = project.read_json("data/grammar.json")
    doc[0]["examples"] += [
        {"german": RECORDED, "audioUrl": "/audio/recordings/guten-tag.mp3"},
        {"german": LATE},
    ]
    write_json(project / "data/grammar.json", doc)
    (out / "recordings/guten-tag.mp3").write_text(POINTER, encoding="utf-8")

    review = cli(project, "review")
    assert review.returncode == 0, review.stderr
    rows = _rows(out / "review.html")
    assert rows[BORROWED]["why"] == f"its synthesis failed: {printed}"  # no "try again"
    assert "not fetched:" in rows[RECORDED]["why"] and "git lfs pull" in rows[RECORDED]["why"]
    assert rows[LATE]["why"] == "no clip yet: not made; run tts-assets generate"
    assert "Japanese" in rows["水です。"]["why"] or "not German" in rows["水です。"]["why"]

    # As the page shows it, in Chromium.
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto((out / "review.html").as_uri())
    page.wait_for_selector("html[data-ready]")
    shown = page.inner_text("#list")
    assert "switched to English" in shown and "git lfs pull" in shown
    summary_line = page.inner_text("#summary")
    assert " · 4 flagged, " in summary_line, summary_line  # the four texts without a clip
    context.close()

    # Made later, the failed clip's reason stays until a run makes it or its text changes.
    doc[0]["examples"][0]["german"] = "Wir reden über die Balance."
    (out / "recordings/guten-tag.mp3").unlink()
    doc[0]["examples"][3].pop("audioUrl")
    write_json(project / "data/grammar.json", doc)
    again = cli(project, "generate", "--json")
    assert again.returncode == 1, again.stderr  # the gate's refusal stays
    assert not (out / "failed.json").exists()  # nothing failed: no record left
