"""A small real project for the review tests: content, clips made by espeak-ng, a page.

`make_project` writes content of three built-in types, runs `tts-assets generate --provider
espeak` on it (real synthesizer processes), then adds one word that has no clip yet. The
result has a clip used at two places, a passage joined from pieces, a text refused a clip
(emoji only) and a text whose clip is missing: every kind of row the page shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

from tests.support.manifests import read_manifest
from tests.support.project import write_json
from tts_assets.planning.course import prepare
from tts_assets.review.collect import collect_rows, page_id
from tts_assets.review.page import render_page
from tts_assets.review.row import Row
from tts_assets.settings.config import Settings

VOCABULARY: list[dict[str, object]] = [
    {"id": "v1", "word": "ねこ", "examples": [{"sentence": "ねこがすきです。"}]},
    {"id": "v2", "word": "いぬ", "examples": [{"sentence": "いぬとさんぽします。"}]},
    {"id": "v3", "word": "ねこ"},
    {"id": "v4", "word": "😀"},
]
LATE_WORD = {"id": "v5", "word": "とり"}
"""Added after the run: a text the page must show as having no clip."""
KANJI = [
    {
        "id": "k1",
        "character": "水",
        "onyomi": ["スイ"],
        "kunyomi": ["みず"],
        # Kana: espeak-ng's Japanese voice reads no kanji (such a clip fails).
        "examples": [{"word": "すいどう", "reading": "すいどう"}],
    }
]
READINGS = [{"id": "r1", "text": "きょうはあめです。あしたははれるでしょう。"}]


def settings(root: Path) -> Settings:
    """The settings the project was generated with (espeak), with absolute folders."""
    return Settings(provider="espeak", data_dir=root / "data", out_dir=root / "public/audio")


def cli(root: Path, *args: str, env: dict[str, str] | None = None) -> CompletedProcess[str]:
    """`tts-assets ARGS` run in `root` as a process of its own: the way a user runs it, and
    clear of any event loop the test runs (Playwright's sync API keeps one in the test's
    thread)."""
    return subprocess.run(
        [sys.executable, "-m", "tts_assets", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )


def make_project(root: Path) -> Path:
    """Content in `root/data`, espeak clips in `root/public/audio`, one word left without."""
    write_json(root / "data/vocabulary.json", VOCABULARY)
    write_json(root / "data/kanji.json", KANJI)
    write_json(root / "data/readings.json", READINGS)
    done = cli(root, "generate", "--provider", "espeak", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    vocabulary = json.loads((root / "data/vocabulary.json").read_text(encoding="utf-8"))
    write_json(root / "data/vocabulary.json", [*vocabulary, LATE_WORD])
    return root


def manifest(root: Path) -> list[dict[str, object]]:
    doc = read_manifest(root / "public/audio")
    clips: list[dict[str, object]] = doc["clips"]
    return clips


def write_page(root: Path, *, rows: list[Row] | None = None, page: str | None = None) -> Path:
    """The review page over the project, at `public/audio/review.html`; returns its path.

    `tts-assets review` writes it; given `rows` (or another `page` id), `render_page` does.
    """
    s = settings(root)
    path = s.out_dir / "review.html"
    if rows is None and page is None:
        done = cli(root, "review", "--provider", "espeak")
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.splitlines()[0] == "public/audio/review.html"
        return path
    rows = collect_rows(prepare(s), page_dir=path.parent) if rows is None else rows
    html = render_page(rows, title="Review: test project", page_id=page or page_id(s.out_dir))
    path.write_text(html, encoding="utf-8")
    return path


def page_data(path: Path) -> dict[str, Any]:
    """The data a review page embeds (`page.py`)."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="review-data">')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    data: dict[str, Any] = json.loads(body)
    return data


def write_retake(data_dir: Path, type_name: str, text: str, voice: str, provider: str) -> None:
    """`data_dir`/review-decisions.json asking `text` of `type_name` anew in `voice`, as
    `review --apply` writes a reviewer's retake."""
    retake = {"provider": provider, "voice": voice, "take": 0, "note": "", "at": "x"}
    decisions = {
        "format": "tts-assets-review-decisions",
        "version": 1,
        "accepted": {},
        "retakes": {type_name: {text: retake}},
    }
    write_json(data_dir / "review-decisions.json", decisions)
