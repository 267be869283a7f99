"""Dialogues: an entry's lines, each said by its speaker's voice, joined into
one clip with a pause between turns; each line its own clip, made and billed once, shared
with the line's own URL; verified, pruned, reviewed, sharded like any clip. On the local
ElevenLabs server (127.0.0.1) with two voices, and Kokoro where a test hears the clips
(tests/e2e/test_dialogue_example.py: the example course end to end)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.heard import samples, similarity, speech, stored, stretch
from tests.support.project import Project, write_json

pytestmark = pytest.mark.slow

KEY = "sk-test-0123456789abcdef"
A, B = "EXAVITQu4vr4xnSDxMaL", "pNInz6obpgDQGcFmaJgB"
"""Two ElevenLabs voices (A is the default Japanese voice)."""

CONFIG = f"""{{top}}
[languages]
ja = "elevenlabs"

[types.talk]
file = "talk.json"

[[types.talk.fields]]
name = "title"
text = "title"
url = "titleAudioUrl"

[[types.talk.dialogues]]
name = "dialogue"
text = "lines[].text"
speaker = "lines[].speaker"
line_url = "lines[].audioUrl"
url = "audioUrl"
timings = "lineTimings"
speakers = {{{{ "田中" = "{A}", "山田" = "{B}" }}}}

[[types.talk.dialogues]]
name = "script"
text = "script"
url = "scriptAudioUrl"
timings = "scriptTimings"
pause = "1s"
{{script_speakers}}
"""
SCRIPT_SPEAKERS = f'speakers = {{ A = "{A}", B = "{B}" }}'

TALK: list[dict[str, Any]] = [
    {
        "id": "t1",
        "title": "朝のあいさつ",
        "lines": [
            {"speaker": "田中", "text": "おはようございます。"},
            {"speaker": "山田", "text": "おはよう。早いですね。"},
            {"speaker": "田中", "text": "今日は会議があります。"},
        ],
        # Its first line is the lines' first: the same text in the same voice, one clip.
        "script": "A: おはようございます。\nB: 行ってきます。\nB: また明日。",
    },
    {
        "id": "t2",
        "title": "夜",
        "lines": [
            {"speaker": "山田", "text": "お疲れさまでした。"},
            {"speaker": "田中", "text": "お先に失礼します。"},
        ],
    },
]


def _config(top: str = "", script_speakers: str = SCRIPT_SPEAKERS) -> str:
    return CONFIG.format(top=top, script_speakers=script_speakers)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    with FakeElevenLabs(api_key=KEY, voices=[A, B]) as fake:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", fake.base_url)
        yield fake


def _said(server: FakeElevenLabs) -> Counter[tuple[str, str]]:
    """Each (voice, text) the server answered with audio (what it billed), counted."""
    return Counter(
        (r.path.removeprefix("/v1/text-to-speech/").split("/")[0], r.body["text"])
        for r in server.stats.records
        if r.status == 200 and r.path.startswith("/v1/text-to-speech/")
    )


def test_each_line_is_said_and_billed_once_shared_with_its_own_url(
    project: Project, server: FakeElevenLabs
) -> None:
    project.config(_config())
    write_json(project / "data/talk.json", TALK)
    dry = project.json("generate", "--type", "talk", "--dry-run")
    summary = project.json("generate", "--type", "talk")
    assert summary["failed"] == 0 and not summary["refused"], summary
    said = _said(server)
    expected = {
        (A, "朝のあいさつ"),
        (A, "夜"),
        (A, "おはようございます。"),  # a line of both dialogues, at its own URL too
        (B, "おはよう。早いですね。"),
        (A, "今日は会議があります。"),
        (B, "行ってきます。"),
        (B, "また明日。"),
        (B, "お疲れさまでした。"),
        (A, "お先に失礼します。"),
    }
    assert set(said) == expected and all(n == 1 for n in said.values()), said
    # The dry run bills what the server billed, and says who says each dialogue's lines.
    assert dry["billable_characters"] == sum(len(t) for _, t in expected)
    assert dry["billable_characters"] == server.stats.chars_billed
    shown = {c["places"][0]: c for c in dry["clips"]}
    assert shown["talk.json › [0] › scriptAudioUrl"]["speakers"] == {"A": A, "B": B}
    assert shown["talk.json › [0] › audioUrl"]["parts"] == [
        "line 1 (田中)",
        "0.8s",
        "line 2 (山田)",
        "0.8s",
        "line 3 (田中)",
    ]
    first, *_ = entries = project.read_json("data/talk.json")
    # Lines of one speaker in a row are one turn: no pause but the clips' own edges.
    script = first["scriptTimings"]
    assert [(t["speaker"], t["voice"]) for t in script] == [("A", A), ("B", B), ("B", B)]
    assert script[1]["start"] - script[0]["end"] == pytest.approx(1000, abs=30)
    assert script[2]["start"] - script[1]["end"] < 400
    # Each line's URL names its own clip, the one the dialogues join.
    shared = stored(project, first["lines"][0]["audioUrl"])
    assert shared["voice"] == A and shared["text"] == "おはようございます。"
    joined, rate = samples(project, first["scriptAudioUrl"])
    alone, _ = samples(project, first["lines"][0]["audioUrl"])
    piece = stretch(joined, rate, script[0]["start"], script[0]["end"])
    assert similarity(piece, speech(alone, rate)) > 0.95
    assert all(e["audioUrl"] and all(line["audioUrl"] for line in e["lines"]) for e in entries)
    # A rerun sends nothing; verify passes.
    server.reset_stats()
    assert project.json("generate", "--type", "talk")["generated"] == 0
    assert server.stats.requests == 0
    code, out = project.invoke("verify", "--type", "talk")
    assert code == 0, out


def test_a_changed_line_remakes_its_clip_and_its_dialogue_and_nothing_else(
    project: Project, server: FakeElevenLabs
) -> None:
    project.config(_config())
    write_json(project / "data/talk.json", TALK)
    assert project.json("generate", "--type", "talk")["failed"] == 0
    before = project.read_json("data/talk.json")
    changed = json.loads(json.dumps(before))
    changed[1]["lines"][1]["text"] = "お先に失礼いたします。"
    write_json(project / "data/talk.json", changed)
    server.reset_stats()
    summary = project.json("generate", "--type", "talk")
    assert summary["generated"] == 2  # the line, its dialogue
    assert set(_said(server)) == {(A, "お先に失礼いたします。")}
    after = project.read_json("data/talk.json")
    assert after[0] == before[0]
    assert after[1]["audioUrl"] != before[1]["audioUrl"]
    assert after[1]["lines"][0] == before[1]["lines"][0]
    # The old line's clip and the old dialogue are no text's any more: prune lists them.
    unused = project.json("prune")["unused"]
    assert {u["path"].rsplit("/", 1)[1] for u in unused} == {
        before[1]["audioUrl"].rsplit("/", 1)[1],
        before[1]["lines"][1]["audioUrl"].rsplit("/", 1)[1],
    }


def test_a_renamed_speaker_remakes_the_dialogue_whose_timings_name_it(
    project: Project, server: FakeElevenLabs
) -> None:
    """The same voice under another name: no line is said again, but the dialogue's
    timings name the speaker, so the dialogue is joined anew (its key holds the names)."""
    project.config(_config())
    write_json(project / "data/talk.json", TALK[:1])
    assert project.json("generate", "--type", "talk")["failed"] == 0
    before = project.read_json("data/talk.json")[0]
    renamed = before["script"].replace("A: ", "Aki: ")
    write_json(project / "data/talk.json", [{**before, "script": renamed}])
    project.config(_config(script_speakers=f'speakers = {{ Aki = "{A}", B = "{B}" }}'))
    server.reset_stats()
    summary = project.json("generate", "--type", "talk")
    assert summary["generated"] == 1 and server.stats.requests == 0
    after = project.read_json("data/talk.json")[0]
    assert [t["speaker"] for t in after["scriptTimings"]] == ["Aki", "B", "B"]
    assert after["scriptAudioUrl"] != before["scriptAudioUrl"]
    assert after["audioUrl"] == before["audioUrl"]


def test_a_track_names_each_lines_speaker_and_a_lines_clip_gone_is_missing(
    project: Project, server: FakeElevenLabs
) -> None:
    project.config(_config("webvtt = true"))
    write_json(project / "data/talk.json", TALK[:1])
    assert project.json("generate", "--type", "talk")["failed"] == 0
    (entry,) = project.read_json("data/talk.json")
    track = project.clip_of(entry["scriptAudioUrl"]).with_suffix(".vtt")
    cues = [line for line in track.read_text("utf-8").splitlines() if line.startswith("<v ")]
    assert cues == ["<v A>おはようございます。", "<v B>行ってきます。", "<v B>また明日。"]
    code, out = project.invoke("verify", "--type", "talk")
    assert code == 0, out
    # A line with no URL of its own ("行ってきます。"): its clip gone, verify says so at
    # its text, and generate makes it again (and nothing else: the dialogue stands).
    manifest = project.manifest()
    (line,) = [c for c in manifest["clips"] if c["text"] == "行ってきます。"]
    manifest["clips"].remove(line)
    write_json(project / "public/audio/manifest.json", manifest)
    (project / "public/audio" / line["path"]).unlink()
    report = project.json("verify", "--type", "talk", code=1)
    (problem,) = report["problems"]
    assert problem["kind"] == "missing" and problem["place"] == "talk.json › [0] › script"
    server.reset_stats()
    assert project.json("generate", "--type", "talk")["generated"] == 1
    assert set(_said(server)) == {(B, "行ってきます。")}
    code, out = project.invoke("verify", "--type", "talk")
    assert code == 0, out


def test_a_dialogue_and_each_of_its_lines_are_rows_of_the_review_page(
    project: Project, server: FakeElevenLabs
) -> None:
    from tests.support.review_project import page_data

    project.config(_config())
    write_json(project / "data/talk.json", TALK[1:])
    assert project.json("generate", "--type", "talk")["failed"] == 0
    (entry,) = project.read_json("data/talk.json")
    done = project.json("review", "--type", "talk", "--output", "page.html")
    assert done["clips"] == 4  # the title, two lines, the dialogue
    rows = page_data(project / "page.html")["rows"]
    urls = [r.get("u", "") for r in rows]
    for url in (entry["audioUrl"], *(line["audioUrl"] for line in entry["lines"])):
        assert any(url.rsplit("/", 1)[1] in u for u in urls), url


def test_the_lines_are_sharded_and_the_run_that_joins_the_shards_makes_the_dialogues(
    project: Project, server: FakeElevenLabs
) -> None:
    project.config(_config())
    write_json(project / "data/talk.json", TALK)
    for shard in ("1/2", "2/2"):
        done = project.json("generate", "--type", "talk", "--shard", shard)
        assert done["failed"] == 0
    code, out = project.invoke("merge", "public/audio", "shards/1", "shards/2")
    assert code == 0, out
    said = _said(server)
    assert all(n == 1 for n in said.values()) and len(said) == 9
    server.reset_stats()
    summary = project.json("generate", "--type", "talk")
    assert summary["generated"] == 3 and server.stats.requests == 0  # the three dialogues
    code, out = project.invoke("verify", "--type", "talk")
    assert code == 0, out
