"""The review page lights the word being spoken, from the clip's own timings, in a real
Chromium: a reviewer hears a word and sees which one it is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.support import chromium
from tests.support.project import Project, write_json
from tests.support.review_project import cli, page_data

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.slow  # Kokoro makes the clip

SENTENCE = "毎朝、私は七時に起きます。"


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


def test_the_page_lights_each_word_as_it_is_spoken(project: Project, browser: Browser) -> None:
    write_json(project / "data/grammar.json", [{"id": "g1", "examples": [{"japanese": SENTENCE}]}])
    assert cli(project, "generate").returncode == 0
    assert cli(project, "review").returncode == 0
    out = project / "public/audio"
    (row,) = [r for r in page_data(out / "review.html")["rows"] if r["x"] == SENTENCE]
    words = row["tw"]
    assert "".join(w[2] for w in words) == SENTENCE  # the words as written, in order

    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto((out / "review.html").as_uri())
    page.wait_for_selector("html[data-ready]")
    spans = page.locator(".row .text .w")
    assert spans.all_inner_texts() == [w[2] for w in words]
    assert page.locator(".text .w.now").count() == 0  # nothing lit before it plays
    page.evaluate(
        "() => new Promise((done) => { const a = document.querySelector('.row audio');"
        " a.addEventListener('loadedmetadata', done, {once: true});"
        " a.preload = 'auto'; a.load(); })"
    )
    # Seek into each word: that word alone is lit.
    for start, end, word in words:
        page.evaluate(
            "([t]) => { const a = document.querySelector('.row audio');"
            " return new Promise((done) => { a.addEventListener('seeked', done, {once: true});"
            " a.currentTime = t; }); }",
            [(start + end) / 2000],
        )
        lit = page.locator(".text .w.now")
        lit.wait_for(timeout=5000)
        assert lit.all_inner_texts() == [word]
    context.close()
