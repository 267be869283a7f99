"""A text whose clip the store holds in another type's folder is never paid for again: a
sentence moved from one content type to another (its clip at `vocabulary/KEY.mp3`, now
wanted at `grammar/KEY.mp3`) is put in place from the file it has, on ElevenLabs (a
request per text, counted by the test server on 127.0.0.1)."""

from __future__ import annotations

import hashlib

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project

pytestmark = pytest.mark.slow

KEY = "sk-test-0123456789abcdef"
SENTENCE = "今日は雨が降っています。"


def test_a_text_moved_to_another_type_is_not_billed_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.config('lang = "ja"\nprovider = "elevenlabs"\n')
    project.gen({"data/vocabulary.json": [{"id": "v1", "word": SENTENCE}]})
    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        assert project.json("generate", "--type", "vocabulary")["generated"] == 1
        before = project.clip_of(project.read_json("data/vocabulary.json")[0]["audioUrl"])
        project.gen(
            {
                "data/vocabulary.json": [],
                "data/grammar.json": [{"id": "g1", "examples": [{"japanese": SENTENCE}]}],
            }
        )
        dry = project.json("generate", "--type", "grammar", "--dry-run")
        assert dry["types"]["grammar"]["new"] == 0, dry  # the dry run bills nothing either
        made = project.json("generate", "--type", "grammar")
        assert made["failed"] == 0 and server.answered() == {SENTENCE: 1}, made
    url = project.read_json("data/grammar.json")[0]["examples"][0]["audioUrl"]
    assert url.startswith("/audio/grammar/")
    digest = hashlib.sha256(project.clip_of(url).read_bytes()).hexdigest()
    assert digest == hashlib.sha256(before.read_bytes()).hexdigest()
    code, out = project.invoke("verify", "--type", "grammar")
    assert code == 0, out
