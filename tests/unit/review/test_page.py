"""The review page in a real headless Chromium, over clips espeak-ng really made.

Skipped, with the reason, where Playwright or Chromium is missing (`tests/support/chromium.py`);
CI installs both. Set `TTS_ASSETS_SCREENSHOT=path.png` to keep a screenshot of the page
after a review.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.support import chromium
from tests.support.project import Project
from tests.support.review_project import cli, make_project, manifest, settings, write_page
from tts_assets.planning.course import prepare
from tts_assets.review.collect import collect_rows
from tts_assets.review.verdicts import read_review

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.slow


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


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Named as a team would name it: the page's title (and the README's screenshot) shows it.
    return make_project(tmp_path_factory.mktemp("japanese-course", numbered=False))


@dataclass
class Opened:
    """A page opened from disk, with what it logged and requested."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def open_page(context: BrowserContext, path: Path) -> Opened:
    page = context.new_page()
    opened = Opened(page)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready]")
    return opened


def current(page: Page) -> str:
    """The clip (or place) of the current row."""
    return str(page.get_attribute('.row[aria-current="true"]', "data-clip"))


def row_classes(page: Page, clip: str) -> set[str]:
    value = page.get_attribute(f'.row[data-clip="{clip}"]', "class") or ""
    return set(value.split())


# Scroll the list from top to bottom; every row that was ever rendered, by position.
SCROLL_THROUGH = """async () => {
  const list = document.getElementById("list");
  const seen = new Map();
  for (let top = 0; top <= list.scrollHeight; top += list.clientHeight / 2) {
    list.scrollTop = top;
    await new Promise((done) => requestAnimationFrame(done));
    for (const el of document.querySelectorAll(".row")) {
      seen.set(el.dataset.pos, { key: el.dataset.key, clip: el.dataset.clip,
        status: el.dataset.status, flagged: el.dataset.flagged });
    }
  }
  return [...seen.values()];
}"""


def test_the_page_opens_from_disk_with_one_row_per_clip_and_no_network(
    browser: Browser, made: Path
) -> None:
    path = write_page(made)
    context = browser.new_context(viewport={"width": 1300, "height": 600})
    opened = open_page(context, path)
    rows = opened.page.evaluate(SCROLL_THROUGH)
    stored = manifest(made)
    clips = [r for r in rows if r["status"] == "clip"]
    assert sorted(r["key"] for r in clips) == sorted(str(c["key"]) for c in stored)
    assert sorted(r["clip"] for r in clips) == sorted(str(c["path"]) for c in stored)
    # And the two texts without a clip: the refused emoji, the word added after the run
    # (which has the key and path its clip will have).
    others = sorted((r for r in rows if r["status"] != "clip"), key=lambda r: r["status"])
    assert [(r["status"], r["key"] != "") for r in others] == [
        ("missing", True),
        ("refused", False),
    ]
    summary = opened.page.inner_text("#summary")
    assert summary.startswith(f"{len(stored)} clips and 2 texts without one")
    # The header counts the rows the flag buttons count: the texts without a clip too
    # (it said "0 flagged" beside "No clip 1"); a note is no flag.
    flagged = sum(r["flagged"] == "yes" for r in rows)
    assert flagged >= 2 and f" · {flagged} flagged, " in summary, summary
    pills = opened.page.inner_text("#flag-counts")
    assert "No clip" in pills and "Not voiced" in pills
    if "Joined" in pills:
        assert pills.index("Notes (not flags):") < pills.index("Joined")
    assert opened.errors == []
    assert opened.requests == [path.as_uri()]  # no audio is fetched before it is played
    context.close()


def test_every_audio_element_loads_and_has_its_duration(browser: Browser, made: Path) -> None:
    path = write_page(made)
    context = browser.new_context(viewport={"width": 1300, "height": 500})
    opened = open_page(context, path)
    loaded = opened.page.evaluate(
        """async () => {
          const list = document.getElementById("list");
          const found = {};
          for (let top = 0; top <= list.scrollHeight; top += list.clientHeight / 2) {
            list.scrollTop = top;
            await new Promise((done) => requestAnimationFrame(done));
            for (const audio of document.querySelectorAll(".row audio")) {
              const clip = audio.closest(".row").dataset.clip;
              if (clip in found) continue;
              found[clip] = await new Promise((done) => {
                audio.addEventListener("loadedmetadata", () => done(audio.duration));
                audio.addEventListener("error", () => done("error " + audio.error.code));
                audio.preload = "metadata";
                audio.load();
              });
            }
          }
          return found;
        }"""
    )
    stored = {str(c["path"]): float(str(c["duration"])) for c in manifest(made)}
    assert set(loaded) == set(stored)
    for clip, duration in loaded.items():
        assert isinstance(duration, float), (clip, duration)
        assert duration == pytest.approx(stored[clip], abs=0.06), clip
    assert all(url.startswith("file://") for url in opened.requests)
    assert opened.errors == []
    context.close()


def test_only_the_rows_on_screen_exist(browser: Browser, made: Path) -> None:
    s = settings(made)
    real = [r for r in collect_rows(prepare(s), page_dir=s.out_dir) if r.status == "clip"]
    # 3,000 rows over the real clips (their files, new keys and paths).
    many = []
    for n in range(3000):
        row = real[n % len(real)]
        key = f"{n:08x}{row.key[8:]}"
        many.append(replace(row, key=key, clip=f"{row.type}/{key}.mp3"))
    path = write_page(made, rows=many)
    context = browser.new_context(viewport={"width": 1300, "height": 800})
    opened = open_page(context, path)
    page = opened.page
    assert 0 < page.locator(".row").count() <= 30
    page.select_option("#f-sort", "content")
    page.keyboard.press("End")
    assert current(page) == many[-1].clip
    assert page.locator(".row").count() <= 30
    page.keyboard.press("Home")
    assert current(page) == many[0].clip
    assert opened.errors == []
    context.close()


def test_keyboard_review_export_reload_and_import(
    browser: Browser, made: Path, tmp_path: Path
) -> None:
    path = write_page(made)
    stored = {str(c["text"]): str(c["path"]) for c in manifest(made)}
    passage = next(p for t, p in stored.items() if t.startswith("きょうは"))
    cat, cat_sentence = stored["ねこ"], stored["ねこがすきです。"]
    context = browser.new_context(viewport={"width": 1300, "height": 800})
    opened = open_page(context, path)
    page = opened.page
    page.select_option("#f-sort", "content")
    page.keyboard.press("Home")
    assert current(page) == cat

    page.keyboard.press("n")  # the next unreviewed flag: none here ("Joined" is a note)
    assert current(page) == cat
    page.click(f'.row[data-clip="{passage}"] .text')
    assert current(page) == passage
    page.keyboard.press("a")  # accept it
    assert "accept" in row_classes(page, passage)
    page.keyboard.press("Home")
    page.keyboard.press("r")  # reject ねこ with a note and a reading
    assert page.is_visible("#reject-dialog")
    page.keyboard.type("too robotic")
    page.fill("#reject-reading", "ねこ")
    page.focus("#reject-note")
    page.keyboard.press("Enter")
    # The verdict is taken when the dialog's close event fires, just after it closes.
    page.wait_for_selector(f'.row[data-clip="{cat}"].reject')
    assert not page.is_visible("#reject-dialog")
    assert current(page) == cat_sentence  # a verdict moves on to the next clip
    page.keyboard.press("a")
    page.keyboard.press("k")
    page.keyboard.press("x")  # and takes that one back
    assert row_classes(page, cat_sentence) & {"accept", "reject"} == set()
    page.keyboard.press("a")
    page.keyboard.press("n")  # no unreviewed flag left: a message, no move
    assert "No unreviewed flagged clip" in page.inner_text("#status")
    assert page.inner_text("#summary").count("3 reviewed (2 accepted, 1 rejected)") == 1

    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename == "review.json"
    exported = tmp_path / "review.json"
    download.value.save_as(exported)
    review = read_review(exported)
    verdicts = {v.clip: v for v in review.verdicts}
    assert set(verdicts) == {passage, cat, cat_sentence}
    assert verdicts[cat].verdict == "reject"
    assert (verdicts[cat].note, verdicts[cat].reading, verdicts[cat].voice) == (
        "too robotic",
        "ねこ",
        None,
    )
    assert verdicts[cat].places == (
        "vocabulary.json › [0] › word",
        "vocabulary.json › [2] › word",
    )
    assert verdicts[cat].text == "ねこ"
    assert verdicts[passage].verdict == verdicts[cat_sentence].verdict == "accept"
    assert {v.key for v in review.verdicts} == {
        str(c["key"]) for c in manifest(made) if c["path"] in verdicts
    }

    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert "reject" in row_classes(page, cat)
    assert "accept" in row_classes(page, passage)
    page.click(f'.row[data-clip="{cat}"] .text')  # its verdict and facts in the panel
    _keep_screenshot(page)

    # Another page (another out dir) in the same browser keeps its own state.
    other = open_page(context, write_page(made, page="another-page")).page
    assert other.locator(".row.accept, .row.reject").count() == 0
    assert opened.errors == []
    context.close()

    fresh = browser.new_context(viewport={"width": 1300, "height": 800})
    again = open_page(fresh, path).page
    assert again.locator(".row.accept, .row.reject").count() == 0
    again.set_input_files("#import-file", str(exported))
    again.wait_for_selector(f'.row[data-clip="{cat}"].reject')
    assert "Imported 3 verdicts" in again.inner_text("#status")
    assert "accept" in row_classes(again, passage)
    again.reload()
    again.wait_for_selector("html[data-ready]")
    assert "reject" in row_classes(again, cat)
    fresh.close()


def test_verdicts_from_the_page_become_fixes_and_accepted_clips_hide_next_time(
    browser: Browser, made: Path, project: Project, tmp_path: Path
) -> None:
    root = project.copy(made)
    path = write_page(root)
    stored = {str(c["text"]): c for c in manifest(root)}
    cat, dog, walk = (str(stored[t]["path"]) for t in ("ねこ", "いぬ", "いぬとさんぽします。"))
    context = browser.new_context(viewport={"width": 1300, "height": 800})
    opened = open_page(context, path)
    page = opened.page
    page.select_option("#f-sort", "content")
    page.keyboard.press("Home")
    page.keyboard.press("a")  # accept ねこ
    page.keyboard.press("j")  # past its sentence, to いぬ
    assert current(page) == dog
    page.keyboard.press("r")  # reject it for another voice
    page.keyboard.type("too low")
    page.fill("#reject-voice", "ja+f3")
    page.focus("#reject-note")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'.row[data-clip="{dog}"].reject')
    assert current(page) == walk
    page.keyboard.press("r")  # reject its sentence with neither reading nor voice
    assert "espeak says a text the same way every time" in page.inner_text("#reject-hint")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'.row[data-clip="{walk}"].reject')
    with page.expect_download() as download:
        page.click("#export")
    exported = tmp_path / "review.json"
    download.value.save_as(exported)
    assert opened.errors == []
    context.close()

    before = {str(c["path"]): c for c in manifest(root)}
    done = cli(root, "review", "--provider", "espeak", "--apply", str(exported), "--json")
    assert done.returncode == 0, done.stderr
    after = {str(c["path"]): c for c in manifest(root)}
    # The clip rejected for a voice is made again, in that voice; nothing else is made.
    [new] = [after[p] for p in set(after) - set(before)]
    assert (new["text"], new["voice"]) == ("いぬ", "ja+f3")
    assert all(after[p] == entry for p, entry in before.items())
    applied = json.loads(done.stdout)["apply"]
    assert applied["accepted"] == [cat]
    assert [r["clip"] for r in applied["same_again"]] == [walk]

    # Someone opening the page written again does not see the accepted clip, until asked.
    fresh = browser.new_context(viewport={"width": 1300, "height": 800})
    again = open_page(fresh, path)
    rows = {r["clip"]: r for r in again.page.evaluate(SCROLL_THROUGH)}
    assert cat not in rows and new["path"] in rows and dog not in rows
    assert "1 reviewed (1 accepted, 0 rejected)" in again.page.inner_text("#summary")
    again.page.uncheck("#f-earlier")
    assert "earlier" in row_classes(again.page, cat)
    assert again.errors == []
    fresh.close()


def test_a_file_that_is_not_a_review_is_refused_on_import(
    browser: Browser, made: Path, tmp_path: Path
) -> None:
    path = write_page(made)
    context = browser.new_context()
    opened = open_page(context, path)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"clips": []}), encoding="utf-8")
    opened.page.set_input_files("#import-file", str(wrong))
    opened.page.wait_for_selector("#status.error")
    assert "not a tts-assets review.json" in opened.page.inner_text("#status")
    assert opened.errors == []
    context.close()


def test_buttons_are_labelled_and_the_help_lists_the_keys(browser: Browser, made: Path) -> None:
    path = write_page(made)
    context = browser.new_context(viewport={"width": 1300, "height": 800})
    opened = open_page(context, path)
    page = opened.page
    unlabelled: list[Any] = page.evaluate(
        """() => [...document.querySelectorAll("button, select, input")]
          .filter((el) => !el.hidden && !(el.getAttribute("aria-label") || el.textContent.trim()
            || (el.labels && el.labels.length)))
          .map((el) => el.outerHTML)"""
    )
    assert unlabelled == []
    names = page.eval_on_selector_all(
        ".row .play", "(buttons) => buttons.map((b) => b.getAttribute('aria-label'))"
    )
    assert "Play: ねこ" in names
    page.keyboard.press("?")
    assert page.is_visible("#help")
    keys = page.inner_text("#help-keys")
    for key in ("j", "k", "space", "a", "r", "x", "n", "?"):
        assert key in keys.split()
    page.keyboard.press("Escape")
    assert not page.is_visible("#help")
    # A mouse works too: the accept button of a row.
    page.click('.row[data-status="clip"] button.accept')
    assert page.locator(".row.accept").count() == 1
    assert opened.errors == []
    context.close()


def _keep_screenshot(page: Page) -> None:
    target = os.environ.get("TTS_ASSETS_SCREENSHOT")
    if target:
        page.screenshot(path=target)


def test_filters_by_flag_type_voice_and_text(browser: Browser, made: Path) -> None:
    path = write_page(made)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    opened = open_page(context, path)
    page = opened.page

    def texts() -> list[str]:
        return [t.strip() for t in page.locator(".row .text").all_inner_texts()]

    everything = texts()
    assert len(everything) == 10
    # Each flag is marked with its tone: a text with no clip is serious, a join a note.
    assert page.get_attribute(".row[data-status=refused] .flag", "class") == "flag serious"
    assert page.locator(".row .flag.note").all_inner_texts() == ["Joined"]
    page.click('#flag-counts button[data-flag="joined"]')  # the count at the top filters
    assert texts() == ["きょうはあめです。あしたははれるでしょう。"]
    assert page.get_attribute('#flag-counts button[data-flag="joined"]', "aria-pressed") == "true"
    page.click('#flag-counts button[data-flag="joined"]')
    assert len(texts()) == 10
    page.select_option("#f-type", "kanji")
    assert sorted(texts()) == sorted(["スイ", "みず", "すいどう"])
    page.select_option("#f-type", "")
    page.select_option("#f-flag", "-")  # clips with no flag to review (a note is not one)
    assert len(texts()) == 8
    page.select_option("#f-flag", "")
    page.fill("#f-text", "いぬ")
    page.wait_for_function("() => document.querySelectorAll('.row').length === 2")
    assert sorted(texts()) == ["いぬ", "いぬとさんぽします。"]
    page.fill("#f-text", "examples › [0] › word")  # places are searched too
    page.wait_for_function("() => document.querySelectorAll('.row').length === 1")
    assert texts() == ["すいどう"]
    page.fill("#f-text", "")
    page.wait_for_function("() => document.querySelectorAll('.row').length === 10")
    page.select_option("#f-voice", "ja")
    assert len(texts()) == 9  # every clip, and the word without one; not the refused emoji
    assert opened.errors == []
    context.close()


def test_clips_accepted_in_an_earlier_review_are_hidden_until_asked_for(
    browser: Browser, made: Path
) -> None:
    s = settings(made)
    rows = collect_rows(prepare(s), page_dir=s.out_dir)
    cat = next(r for r in rows if r.text == "ねこ")
    path = write_page(made, rows=[replace(r, accepted=r is cat) for r in rows])
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    opened = open_page(context, path)
    page = opened.page
    assert page.locator(f'.row[data-clip="{cat.clip}"]').count() == 0
    assert "1 reviewed (1 accepted, 0 rejected)" in page.inner_text("#summary")
    page.uncheck("#f-earlier")
    earlier = page.locator(f'.row[data-clip="{cat.clip}"]')
    assert earlier.count() == 1
    assert "earlier" in (earlier.get_attribute("class") or "")
    assert earlier.locator("button.accept").get_attribute("aria-pressed") == "true"
    assert opened.errors == []
    context.close()


def test_the_reject_dialog_asks_for_one_word_not_a_sentence(browser: Browser, made: Path) -> None:
    # Review --apply refuses a "word" with punctuation or a sentence end; the
    # page asks for one word before its dialog closes.
    path = write_page(made)
    stored = {str(c["text"]): str(c["path"]) for c in manifest(made)}
    sentence = stored["ねこがすきです。"]
    context = browser.new_context(viewport={"width": 1300, "height": 800})
    page = open_page(context, path).page
    page.click(f'.row[data-clip="{sentence}"] .text')
    page.keyboard.press("r")
    assert page.is_visible("#reject-dialog")
    page.fill("#reject-reading", "ねこがすきです")
    page.fill("#reject-word", "ねこがすきです。")
    page.click("#reject-save")
    assert page.is_visible("#reject-dialog")  # not closed: the word is not one word
    said = page.eval_on_selector("#reject-word", "e => e.validationMessage")
    assert "one word" in said, said
    page.fill("#reject-word", "すき")
    page.fill("#reject-reading", "すき")
    page.click("#reject-save")
    page.wait_for_selector(f'.row[data-clip="{sentence}"].reject')
    assert not page.is_visible("#reject-dialog")
    context.close()


FONTS = """() => {
  const family = {};
  for (const lang of ["ja", "zh", "ko"]) {
    const el = document.createElement("span");
    el.lang = lang;
    document.body.append(el);
    family[lang] = getComputedStyle(el).fontFamily;
  }
  return family;
}"""


def test_cjk_texts_ask_for_the_systems_cjk_fonts_by_name(browser: Browser, made: Path) -> None:
    """Whichever common CJK font the system has draws the texts (a fresh Debian has none:
    docs/review.md names fonts-noto-cjk); Chinese and Korean ask for their own first."""
    context = browser.new_context()
    family = open_page(context, write_page(made)).page.evaluate(FONTS)
    context.close()
    for name in ("Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo"):
        assert f'"{name}"' in family["ja"] or name in family["ja"], family["ja"]
    for name in ("IPAGothic", "Source Han Sans", "PingFang SC", "Malgun Gothic"):
        assert name in family["ja"], family["ja"]
    assert family["ja"].endswith("sans-serif")
    assert family["zh"].startswith('"Noto Sans CJK SC"'), family["zh"]
    assert family["ko"].startswith('"Noto Sans CJK KR"'), family["ko"]


def test_a_twins_row_shows_its_tempo(browser: Browser, project: Project) -> None:
    """Three rows of ねこ at one place (its clip, its 0.6 and 0.8 twins): each twin's row
    says its tempo beside its voice, and its details say what it is."""
    project.gen({"data/vocabulary.json": [{"id": "v1", "word": "ねこ"}]})
    project.config("slow = [0.6, 0.8]\n")
    code, out = project.invoke("review")
    assert code in (0, 1), out
    context = browser.new_context(viewport={"width": 1300, "height": 600})
    opened = open_page(context, project / "public/audio/review.html")
    tempi = opened.page.eval_on_selector_all(".row .tempo", "els => els.map(e => e.textContent)")
    assert sorted(tempi) == ["0.6× twin", "0.8× twin"]
    assert opened.errors == []
    context.close()
