"""Places whose clip the content no longer asks for are left over (cleared where the tool
wrote them), found by the load: the twins of a tempo no longer given, and the URL of a
drill or a dialogue that is not made."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.windows import whole_course
from tts_assets.content.load import LoadResult
from tts_assets.content.spec import resolve_types
from tts_assets.content.tempi import Tempi
from tts_assets.content.twins import slow_twins

OLD = "/audio/words/0123456789abcdef0123456789abcdef.mp3"


def _load(tmp_path: Path, table: dict[str, Any], entry: object, slow: Tempi | None) -> LoadResult:
    (tmp_path / "words.json").write_text(json.dumps([entry]), "utf-8")
    types = slow_twins([resolve_types({"words": table}, None)["words"]], slow)
    return whole_course(tmp_path, types)


def _left(result: LoadResult) -> list[str]:
    return sorted(str(left.path[-1]) for left in result.leftovers)


WORDS = {"file": "words.json", "fields": [{"text": "word", "url": "audioUrl"}]}
TWINS = {
    "id": "1",
    "word": "river",
    "audioUrl": OLD,
    "slowAudioUrl": OLD,
    "slowAudioUrl60": OLD,
    "slowAudioUrl80": OLD,
}


def test_the_twins_of_a_ladder_replaced_or_removed_are_left_over(tmp_path: Path) -> None:
    """A ladder replaced by one number, or removed: the places of its rungs held their old
    twins' URLs for ever (verify ok, prune kept them)."""
    assert _left(_load(tmp_path, WORDS, TWINS, (0.6, 0.8))) == ["slowAudioUrl"]
    assert _left(_load(tmp_path, WORDS, TWINS, 0.75)) == ["slowAudioUrl60", "slowAudioUrl80"]
    assert _left(_load(tmp_path, WORDS, TWINS, None)) == [
        "slowAudioUrl",
        "slowAudioUrl60",
        "slowAudioUrl80",
    ]
    assert _left(_load(tmp_path, WORDS, TWINS, (0.6,))) == ["slowAudioUrl", "slowAudioUrl80"]
    # Its text emptied: every place once, the one number's twin's too.
    emptied = _load(tmp_path, WORDS, {**TWINS, "word": ""}, 0.75)
    assert _left(emptied) == ["audioUrl", "slowAudioUrl", "slowAudioUrl60", "slowAudioUrl80"]


def test_the_url_of_a_drill_or_dialogue_not_made_is_left_over(tmp_path: Path) -> None:
    """A drill whose part is skipped (its text emptied) kept the URL of the drill it was."""
    drills = {
        **WORDS,
        "fields": [*WORDS["fields"], {"name": "meaning", "text": "meaning", "url": "mUrl"}],
        "sequences": [{"url": "drillUrl", "parts": ["meaning", "1s", "word"]}],
    }
    entry = {"word": "river", "meaning": "", "audioUrl": OLD, "drillUrl": OLD}
    assert _left(_load(tmp_path, drills, entry, None)) == ["drillUrl"]
    assert _left(_load(tmp_path, drills, {**entry, "meaning": "川"}, None)) == []
    talk = {
        "file": "words.json",
        "dialogues": [{"text": "script", "url": "talkUrl", "speakers": {"A": "jf_alpha"}}],
    }
    assert _left(_load(tmp_path, talk, {"script": "", "talkUrl": OLD}, None)) == ["talkUrl"]
    assert _left(_load(tmp_path, talk, {"script": "A: はい。", "talkUrl": OLD}, None)) == []
