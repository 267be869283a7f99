"""The tool's own sample (data/) passes its own listening check: every sentence Kokoro says
in the quick start is heard as meant by Whisper base (issue 29: 図書館で本を三冊借りました。
was flagged before the thresholds were chosen on 147 correct sentences, BENCHMARKS.md)."""

from __future__ import annotations

import shutil

import pytest

from tests.support import REPO
from tests.support.project import Project

pytestmark = pytest.mark.slow  # Kokoro makes about 50 clips, Whisper base hears 30


def test_the_bundled_sample_passes_verify_listen(project: Project) -> None:
    for name in ("grammar.json", "vocabulary.json", "readings.json"):
        (project / "data").mkdir(exist_ok=True)
        shutil.copy(REPO / "data" / name, project / "data" / name)
    made = project.json("generate")  # kanji.json left out: words only, not judged
    assert made["failed"] == 0

    checked = project.json("verify", "--listen")
    listened = checked["listening"]
    assert listened["counts"]["flagged"] == 0, listened["flagged"]
    assert listened["counts"]["ok"] >= 25  # the sentences and passages were judged
