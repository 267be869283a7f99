"""The tool's own sample (data/) passes its own listening check: every sentence Kokoro says
in the quick start is heard as meant by Whisper base (図書館で本を三冊借りました。
was flagged before the thresholds were chosen on 147 correct sentences, BENCHMARKS.md)."""

from __future__ import annotations

import pytest

from tests.support.project import Project
from tests.support.sample import copy_sample

pytestmark = pytest.mark.slow  # Kokoro makes about 50 clips, Whisper base hears 30


def test_the_bundled_sample_passes_verify_listen(project: Project) -> None:
    copy_sample(project / "data", ("grammar.json", "vocabulary.json", "readings.json"))
    made = project.json("generate")  # kanji.json left out: words only, not judged
    assert made["failed"] == 0

    checked = project.json("verify", "--listen")
    listened = checked["listening"]
    assert listened["counts"]["flagged"] == 0, listened["flagged"]
    assert listened["counts"]["ok"] >= 25  # the sentences and passages were judged
