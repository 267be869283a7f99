"""Voices in rotation: a list of voices for a language or a field.

`rotate`: each entry is said by one voice of the list, chosen by a hash of its identity
(its id, else its first text), so it keeps its voice on every run, whatever is inserted
before it; the manifest records who said each clip and the dry run shows the shares.
`each`: every text said by every voice, their URLs in the field's list place, each clip
made (and billed) once. On Kokoro, the default provider, with two of its Japanese voices;
the billing on the test suite's ElevenLabs server on 127.0.0.1, which counts each text it
answers.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project, write_json

pytestmark = pytest.mark.slow

VOICES = ("jf_alpha", "jf_nezumi")
WORDS = [
    "ねこ", "いぬ", "とり", "さかな", "うま", "くま", "さる", "うし", "ぶた", "かめ",
    "はな", "き", "やま", "かわ", "うみ", "そら", "あめ", "ゆき", "かぜ", "ほし",
]  # fmt: skip
ROTATING = '[languages]\nja = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]\n'


def _course(n: int = 20) -> list[dict[str, Any]]:
    return [{"id": f"w{i}", "word": WORDS[i]} for i in range(n)]


def _voices_by_id(project: Project) -> dict[str, str]:
    """Each entry's id → the voice the manifest records for the clip its URL names."""
    records = {c["path"]: c for c in project.manifest()["clips"]}
    found = {}
    for entry in project.read_json("data/vocabulary.json"):
        record = records[entry["audioUrl"].removeprefix("/audio/")]
        assert record["provider"] == "kokoro"
        found[entry["id"]] = record["voice"]
    return found


def test_an_entry_keeps_its_voice_on_every_run_and_after_entries_are_inserted_before_it(
    project: Project,
) -> None:
    project.config(ROTATING)
    project.gen({"data/vocabulary.json": _course()})
    dry = project.json("generate", "--dry-run")
    summary = project.json("generate")
    assert summary["generated"] == 20 and summary["failed"] == 0, summary
    first = _voices_by_id(project)
    shares = Counter(first.values())
    # Two voices across a course of 20 words: both used, the split recorded and shown.
    assert set(shares) == set(VOICES) and min(shares.values()) >= 3, shares
    shown = f"jf_alpha {shares['jf_alpha']}, jf_nezumi {shares['jf_nezumi']} text(s)"
    assert any(f"voices in rotation: vocabulary.word: {shown}" in n for n in dry["notes"]), dry
    # Again: nothing to make, every entry said by the same voice.
    again = project.json("generate")
    assert again["generated"] == 0 and _voices_by_id(project) == first
    # Five entries inserted before them, and one removed: theirs stay theirs.
    course = project.read_json("data/vocabulary.json")
    inserted = [
        {"id": f"n{i}", "word": w} for i, w in enumerate(("みず", "ひ", "つき", "て", "め"))
    ]
    write_json(project / "data/vocabulary.json", inserted + course[:7] + course[8:])
    later = project.json("generate")
    assert later["generated"] == 5 and later["failed"] == 0, later
    after = _voices_by_id(project)
    assert {k: v for k, v in after.items() if k.startswith("w")} == {
        k: v for k, v in first.items() if k != course[7]["id"]
    }
    code, out = project.invoke("verify")
    assert code == 0, out


def test_each_says_every_text_in_every_voice_into_the_list_place_and_prune_drops_a_voice(
    project: Project,
) -> None:
    fields = (
        '[types.vocabulary]\nfile = "vocabulary.json"\n[[types.vocabulary.fields]]\n'
        'text = "word"\nurl = "audioUrl"\nvoice = {voices}\nvoice_mode = "each"\n'
    )
    project.config(fields.format(voices='["jf_alpha", "jf_nezumi"]'))
    project.gen({"data/vocabulary.json": _course(3)})
    summary = project.json("generate")
    assert summary["generated"] == 6 and summary["failed"] == 0, summary
    records = {c["path"]: c for c in project.manifest()["clips"]}
    for entry in project.read_json("data/vocabulary.json"):
        urls = entry["voicesAudioUrl"]
        said = [records[u.removeprefix("/audio/")] for u in urls]
        assert [r["voice"] for r in said] == list(VOICES)
        assert len({r["key"] for r in said}) == 2
        assert entry["audioUrl"] == urls[0]  # the first voice's clip, made once
    assert project.json("generate")["generated"] == 0
    # jf_nezumi dropped from the list: its clips are unused, prune removes them.
    project.config(fields.format(voices='["jf_alpha"]'))
    assert project.json("generate")["generated"] == 0
    for entry in project.read_json("data/vocabulary.json"):
        assert entry["voicesAudioUrl"] == [entry["audioUrl"], None]  # its place cleared
    pruned = project.json("prune", "--yes")
    assert len(pruned["unused"]) == 3 and pruned["deleted"], pruned
    assert {c["voice"] for c in project.manifest()["clips"]} == {"jf_alpha"}
    assert all(
        project.clip_of(e["audioUrl"]).is_file() for e in project.read_json("data/vocabulary.json")
    )
    code, out = project.invoke("verify")
    assert code == 0, out


EL_VOICES = ("AAAAAAAAAAAAAAAAAAA1", "BBBBBBBBBBBBBBBBBBB2")
KEY = "sk-test-0123456789abcdef"


def test_each_clip_is_billed_once_and_a_rerun_bills_nothing(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    with FakeElevenLabs(api_key=KEY, voices=EL_VOICES) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        project.config(
            'provider = "elevenlabs"\n[types.vocabulary]\nfile = "vocabulary.json"\n'
            '[[types.vocabulary.fields]]\ntext = "word"\nurl = "audioUrl"\n'
            f'voice = ["{EL_VOICES[0]}", "{EL_VOICES[1]}"]\nvoice_mode = "each"\n'
        )
        project.gen({"data/vocabulary.json": _course(4)})
        dry = project.json("generate", "--dry-run")
        summary = project.json("generate")
        assert summary["generated"] == 8 and summary["failed"] == 0, summary
        sent = Counter(
            (r.path.removeprefix("/v1/text-to-speech/").split("/")[0], r.body["text"])
            for r in server.stats.records
            if r.status == 200
        )
        texts = {text for _, text in sent}
        assert len(texts) == 4 and sent == {(v, t): 1 for v in EL_VOICES for t in texts}, sent
        # The dry run told the bill: each voice's clip of each text, once.
        assert dry["billable_characters"] == server.stats.chars_billed > 0
        billed = server.answered()
        assert project.json("generate")["generated"] == 0
        assert server.answered() == billed


def test_a_language_tables_voices_each_and_its_tempo_ladder_make_every_clip(
    project: Project,
) -> None:
    """`[languages.ja]` giving a list of voices, `mode = "each"` and a ladder of tempi:
    each word said by both voices into its list place, and its 0.6 and 0.8 twins
    stretched from the first voice's clip (the one at its URL), each at its rung's place."""
    project.config(
        '[languages.ja]\nvoice = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]\nmode = "each"\n'
        "slow = [0.6, 0.8]\n"
    )
    project.gen({"data/vocabulary.json": _course(2)})
    summary = project.json("generate")
    assert summary["failed"] == 0 and summary["generated"] >= 4, summary
    records = {c["path"]: c for c in project.manifest()["clips"]}
    for entry in project.read_json("data/vocabulary.json"):
        said = [records[u.removeprefix("/audio/")] for u in entry["voicesAudioUrl"]]
        assert [r["voice"] for r in said] == list(VOICES)
        assert entry["audioUrl"] == entry["voicesAudioUrl"][0]
        twins = [entry["slowAudioUrl60"], entry["slowAudioUrl80"]]
        assert len({entry["audioUrl"], entry["voicesAudioUrl"][1], *twins}) == 4
        for url in twins:
            assert project.clip_of(url).is_file()
            assert records[url.removeprefix("/audio/")]["voice"] == "jf_alpha"
    assert project.json("generate")["generated"] == 0
    code, out = project.invoke("verify")
    assert code == 0, out


def test_a_sharded_run_of_each_voice_and_a_ladder_bills_each_clip_once(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two shards of a course said by each of two voices with a ladder of tempi: each
    voice's clip of each text is sent once across the shards (a twin goes with the clip it
    is stretched from, never sent), the merged folder is every clip (the run after it
    makes none), and the dry run's bill was the server's."""
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    listed = ", ".join(f'"elevenlabs:{v}"' for v in EL_VOICES)
    project.config(f'[languages.ja]\nvoice = [{listed}]\nmode = "each"\nslow = [0.6, 0.8]\n')
    project.gen({"data/vocabulary.json": _course(6)})
    with FakeElevenLabs(api_key=KEY, voices=EL_VOICES) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        dry = project.json("generate", "--dry-run")
        made = [project.json("generate", "--shard", f"{k}/2")["generated"] for k in (1, 2)]
        code, out = project.invoke("merge", "public/audio", "shards/1", "shards/2")
        assert code == 0, out
        after = project.json("generate")
        sent = Counter(
            (r.path.removeprefix("/v1/text-to-speech/").split("/")[0], r.body["text"])
            for r in server.stats.records
            if r.status == 200
        )
        billed = server.stats.chars_billed
    words = WORDS[:6]
    assert sent == {(v, w): 1 for v in EL_VOICES for w in words}, sent
    assert dry["billable_characters"] == billed == 2 * len("".join(words))
    # 6 words: a clip per voice, and the first voice's 0.6 and 0.8 twins
    assert sum(made) == 6 * 4 and all(made) and after["generated"] == 0, (made, after)
    for entry in project.read_json("data/vocabulary.json"):
        urls = [*entry["voicesAudioUrl"], entry["slowAudioUrl60"], entry["slowAudioUrl80"]]
        assert all(project.clip_of(u).is_file() for u in urls) and len(set(urls)) == 4
    code, out = project.invoke("verify")
    assert code == 0, out
