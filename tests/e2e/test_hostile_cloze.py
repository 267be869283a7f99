"""What a careless or hostile user finds in the cloze surfaces (`cloze`, `cloze_blank`,
`cloze_answer`, `cloze_separator`, `cloze_url`, a gap's length changed and regapped),
through the CLI as a careless or hostile user would meet them.

Each case that broke was written before its fix and failed on the code before it: a key
that needs another accepted and ignored (`cloze_blank` without `cloze`, `cloze_url`
without `cloze_answer`); an answer that says nothing (`。`, `[pause:9s]`) or is a blank
itself (the question named as its own answer) said as the filled sentence; a marker
inside a course's own blank (`_`) made one blank three gaps; a marker inside a written
pause (`[`) said the pause's words; a stored clip replaced or its record's pauses edited
regapped into a clip of another sentence's speech. The rest are what held already (the
wrong type, another writer's place, indexes out of range, 10,000 blanks, a 1 MB
separator), kept so they hold. A key's refusal is asked of the settings' load and an
answer's skip of the content's, where a run decides them (one case of each through the
command line); what loads Kokoro or runs processes is `slow`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_cloze import _longest_silence_ms
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project, new_project, tree, write_json
from tests.support.refusal import refused
from tests.support.sweep import check_each
from tests.support.windows import loaded_as_run
from tts_assets.content.load import LoadResult

QUESTION = "私は___を食べます。"

CONFIG = """
[types.grammar]
file = "grammar.json"

[[types.grammar.fields]]
text = "exercises[].question"
url = "exercises[].questionAudio"
{lines}
"""


def _config(project: Project, *lines: str) -> None:
    project.config(CONFIG.format(lines="\n".join(lines)))


def _dry(project: Project, exercises: list[dict[str, Any]], code: int = 0) -> dict[str, Any]:
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": exercises}])
    summary: dict[str, Any] = project.json("generate", "--dry-run", "--type", "grammar", code=code)
    return summary


def _loaded(project: Project, exercises: list[dict[str, Any]]) -> LoadResult:
    """The exercises as a run loads them (the config's types, as `generate --type grammar`
    selects them), one layer below the command: what the loader skips is what the run
    lists as skipped, with the same reason."""
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": exercises}])
    return loaded_as_run(project, type="grammar")


def _skipped(loaded: LoadResult) -> dict[int, str]:
    """The reason each exercise's text was skipped, by the exercise's index."""
    found = {}
    for s in loaded.skipped:
        index = s.text_path[2]
        assert isinstance(index, int)
        found[index] = s.reason
    return found


def _said(loaded: LoadResult) -> set[str]:
    """What the loaded texts say (a gapped question, its filled sentence)."""
    return {item.spoken for item in loaded.items}


# --- the config: a key of the wrong kind, or one needing another, stops every command ----


HOSTILE_KEYS = [
    # Before: accepted, and meant nothing (the blanks were said as written).
    (['cloze_blank = "〇〇"'], "cloze_blank: needs cloze: the length of the blank's silence"),
    (
        ['cloze = "2s"', 'cloze_url = "exercises[].answerAudio"'],
        "cloze_url: needs cloze_answer: the answer its filled sentence says",
    ),
    (['cloze_url = "exercises[].answerAudio"'], "cloze_url: needs cloze_answer"),
    # Held before.
    (["cloze = 2"], 'cloze: expected a length, like "2s", found a number'),
    (["cloze = true"], "cloze: expected a length"),
    (['cloze = ["2s"]'], "found a list"),
    (['cloze = "10h"'], '\'10h\' is not a length like "2s" or "1500ms" (at most 10 s)'),
    (['cloze = "0s"'], "'0s' is not a length"),
    (['cloze = "-2s"'], "'-2s' is not a length"),
    (['cloze = "nan s"'], "is not a length"),
    (['cloze = "1e400s"'], "is not a length"),
    (['cloze = ""'], "is not a length"),
    (['cloze = "2s"', "cloze_blank = 5"], "cloze_blank: expected the blank"),
    (['cloze = "2s"', 'cloze_blank = ""'], "cloze_blank: expected the blank"),
    (['cloze = "2s"', "cloze_blank = {a = 1}"], "found an object"),
    # Before: accepted, and no blank ever found (a pause is no blank).
    (['cloze = "2s"', 'cloze_blank = "[pause:1s]"'], "'[pause:1s]' is a pause, which a"),
    (['cloze = "2s"', "cloze_blank = '<break time=\"1s\"/>'"], "is a pause"),
    (['cloze = "2s"', "cloze_answer = 5"], "cloze_answer: expected a path expression"),
    (['cloze = "2s"', 'cloze_answer = ""'], "cloze_answer: empty path expression"),
    (['cloze = "2s"', 'cloze_answer = "exercises[].options[@]"'], "[@] is not []"),
    (['cloze_answer = "exercises[].answer"'], "cloze_answer: needs cloze"),
    # The answer is the field's own URL, or its index key is: another writer's place.
    (['cloze = "2s"', 'cloze_answer = "exercises[].questionAudio"'], "reads its cloze's"),
    (
        ['cloze = "2s"', 'cloze_answer = "exercises[].options[@filledQuestionAudio]"'],
        "give cloze_url a place of its own",
    ),
    # The filled URL at the text, the URL, the index, the options, the slow URL.
    (['cloze_url = "exercises[].question"'], "reads its text"),
    (['cloze_url = "exercises[].questionAudio"'], "writes its URL"),
    (['cloze_url = "exercises[].correct"'], "reads its cloze's answer"),
    (['cloze_url = "exercises[].options[0]"'], "reads its cloze's answer"),
    (['cloze_url = "exercises[].slowQuestionAudio"'], "writes its slow clip's URL"),
    (['cloze_url = "filled"'], "has 0; give the cloze_url the same [] steps"),
    (["cloze_url = 5"], "cloze_url: expected a path expression"),
    (['cloze_separator = ""'], "cloze_separator: expected what separates the answers"),
    (['cloze_separator = "   "'], "cloze_separator: expected what separates the answers"),
    (["cloze_separator = 5"], "found a number"),
]


def test_a_hostile_cloze_key_is_one_line_exit_2_and_nothing_written(tmp_path: Path) -> None:
    """Each key of `HOSTILE_KEYS`, as `generate --dry-run` asks it one layer below the
    command line (`refused`: exit 2, one line, nothing written); the test below shows
    every command stopping with that line."""
    check_each(
        _a_hostile_cloze_key_is_one_line_exit_2_and_nothing_written,
        [(new_project(tmp_path), *c) for c in HOSTILE_KEYS],
        ids=lambda case: repr(case[1:]),
    )


def test_a_hostile_cloze_key_stops_every_command_with_its_line(project: Project) -> None:
    said = _a_hostile_cloze_key_is_one_line_exit_2_and_nothing_written(project, *HOSTILE_KEYS[1])
    before = project.tree()
    for command in (("generate", "--dry-run"), ("generate",), ("verify",)):
        code, out = project.invoke(*command)
        assert code == 2 and out == f"error: {said}\n", out
    assert project.tree() == before


def _a_hostile_cloze_key_is_one_line_exit_2_and_nothing_written(
    project: Project, lines: list[str], says: str
) -> str:
    answer = 'cloze_answer = "exercises[].options[@correct]"'
    if "needs" not in says and any(
        line.startswith(("cloze_url", "cloze_separator")) for line in lines
    ):
        lines = ['cloze = "2s"', answer, *lines]
        if lines[-1].startswith("cloze_separator"):
            lines[1] = 'cloze_answer = "exercises[].answer"'
        lines = list(dict.fromkeys(lines))
    exercise = {"question": QUESTION, "options": ["パン"], "correct": 0}
    files = {
        "tts-assets.toml": CONFIG.format(lines="\n".join(lines)),
        "data/grammar.json": [{"id": "g1", "exercises": [exercise]}],
    }
    out = refused(project, files)
    assert "tts-assets.toml: types.grammar.fields[0]." in out and says in out, out
    return out


# --- the content: answers of every wrong kind are skipped with a reason, never a crash ----


def test_an_answer_that_says_nothing_or_is_a_blank_has_no_filled_sentence(
    project: Project,
) -> None:
    _config(project, 'cloze = "2s"', 'cloze_answer = "exercises[].answer"')
    answers: list[Any] = ["。", "[pause:9s]", "___", "パン（　）", "パン___", "パン"]
    loaded = _loaded(project, [{"question": QUESTION, "answer": a} for a in answers])
    skipped = _skipped(loaded)
    # Before: the filled sentence said "私は。を食べます。", a 9 s gap, the underscores.
    assert skipped[0].startswith("no answer for its blank at exercises[].answer")
    assert skipped[1].startswith("no answer for its blank at exercises[].answer")
    assert skipped[2].startswith("no answer for its blank at exercises[].answer")
    assert skipped[3].startswith("the answer ('パン（ ）') holds a blank")  # cleaned
    assert skipped[4] == (
        "the answer ('パン___') holds a blank: give the words it stands for at "
        "exercises[].answer (a cloze's filled sentence)"
    )
    assert 5 not in skipped
    # Its texts are said: the gapped sentence, and the one answer's filled sentence.
    assert _said(loaded) == {"私は [pause:2s] を食べます。", "私はパンを食べます。"}


def test_the_question_named_as_its_own_answer_is_skipped(project: Project) -> None:
    _config(project, 'cloze = "2s"', 'cloze_answer = "exercises[].question"')
    assert _skipped(_loaded(project, [{"question": QUESTION}]))[0].startswith(
        f"the answer ({QUESTION!r}) holds a blank"
    )


def test_answers_and_indexes_of_the_wrong_kind_are_skipped_with_their_reason(
    project: Project,
) -> None:
    _config(project, 'cloze = "2s"', 'cloze_answer = "exercises[].options[@correct]"')
    indexes: list[Any] = [5, -1, True, 1.0, "1", [0, [1]], None, {"a": 0}, 10**30, [0] * 10_000]
    exercises: list[dict[str, Any]] = [
        {"question": QUESTION, "options": ["パン", "水"], "correct": c} for c in indexes
    ]
    exercises += [
        {"question": QUESTION, "options": "パン", "correct": 0},
        {"question": QUESTION, "options": {"0": "パン"}, "correct": 0},
        {"question": QUESTION, "options": [None, "水"], "correct": 0},
        {"question": QUESTION, "options": [5, "水"], "correct": 0},
        {"question": QUESTION, "options": [], "correct": 0},
    ]
    loaded = _loaded(project, exercises)
    skipped = _skipped(loaded)
    assert set(skipped) == set(range(len(exercises)))
    assert skipped[9].startswith("1 blank and 10000 answers: give one answer per blank")
    others = [why for n, why in skipped.items() if n != 9]
    assert all(w.startswith("no answer for its blank at exercises[].options") for w in others)
    assert not any(s.refused for s in loaded.skipped)
    assert _said(loaded) == {"私は [pause:2s] を食べます。"}


def test_ten_thousand_blanks_are_refused_with_their_reason(project: Project) -> None:
    _config(
        project,
        'cloze = "10s"',
        'cloze_blank = "〇"',
        'cloze_answer = "exercises[].answer"',
        'cloze_separator = " / "',
    )
    exercises = [
        # 10,000 blanks: far past a clip's length; 150 in a short text: past a text's 100
        # pauses; 13 of 10 s: past 120 s of them.
        {"question": "水〇" * 10_000, "answer": " / ".join(["パン"] * 10_000)},
        {"question": "水〇" * 150, "answer": " / ".join(["パン"] * 150)},
        {"question": "水〇" * 13, "answer": " / ".join(["パン"] * 13)},
    ]
    summary = _dry(project, exercises, code=1)
    refused = {r["place"].split(" › ")[3]: r["reason"] for r in summary["refused"]}
    assert refused["[0]"].startswith("text too long")
    assert "too many pauses: 150 pause markers" in refused["[1]"]
    assert "130.0 s in all (at most 120 s of pauses in one text)" in refused["[2]"]


def test_a_megabyte_separator(project: Project) -> None:
    separator = "|" * 1_000_000
    _config(
        project,
        'cloze = "2s"',
        'cloze_answer = "exercises[].answer"',
        f'cloze_separator = "{separator}"',
    )
    exercises = [
        {"question": "私は___を___ます。", "answer": f"パン{separator}食べ"},
        {"question": "私は___を___ます。", "answer": "パン|食べ"},  # not its separator
    ]
    loaded = _loaded(project, exercises)
    skipped = _skipped(loaded)
    assert 0 not in skipped and skipped[1].startswith("2 blanks and 1 answer")
    assert not any(s.refused for s in loaded.skipped)


@pytest.mark.parametrize("separator", [".*", "|", "\\\\", "(", "$"])
def test_a_separator_that_is_a_pattern_s_metacharacter_is_the_text_it_is(
    project: Project, separator: str
) -> None:
    _config(
        project,
        'cloze = "2s"',
        'cloze_answer = "exercises[].answer"',
        f'cloze_separator = "{separator}"',
    )
    written = json.loads(f'"{separator}"')
    exercises = [
        {"question": "私は___を___ます。", "answer": f"パン{written}食べ"},
        {"question": "私は___を___ます。", "answer": "パン食べ"},  # one answer, two blanks
    ]
    skipped = _skipped(_loaded(project, exercises))
    assert 0 not in skipped
    assert skipped[1].startswith("2 blanks and 1 answer: give one answer per blank")


# --- a gap's length changed: regapped from the stored clip only when it is as recorded -----

KEY = "sk-test-0123456789abcdef"

PAID = 'provider = "elevenlabs"\n' + CONFIG.format(lines='cloze = "{gap}"')


GAPPED = [
    {"question": "I eat ___ every day."},
    {"question": "She drinks ___ in the morning, and ___ at night."},
]


def _paid(project: Project, gap: str) -> None:
    project.config(PAID.format(gap=gap) + 'lang = "en"\n')


def _records(project: Project) -> list[dict[str, Any]]:
    """The records of GAPPED's clips, in order."""
    urls = [e["questionAudio"] for e in project.read_json("data/grammar.json")[0]["exercises"]]
    clips = {c["path"]: c for c in project.manifest()["clips"]}
    return [clips[url.removeprefix("/audio/")] for url in urls]


@pytest.fixture
def paid(project: Project, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The ElevenLabs test server, the project made on it at a 2 s gap."""
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        write_json(project / "data/grammar.json", [{"id": "g1", "exercises": GAPPED}])
        _paid(project, "2s")
        assert project.json("generate")["failed"] == 0
        yield server


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["replaced", "pauses edited", "deleted"])
def test_a_stored_clip_not_as_recorded_is_said_again_not_cut(
    project: Project, paid: FakeElevenLabs, damage: str
) -> None:
    first, second = _records(project)
    out = project / "public/audio"
    if damage == "replaced":  # another sentence's clip, in the place of the first's
        (out / first["path"]).write_bytes((out / second["path"]).read_bytes())
    elif damage == "deleted":
        (out / first["path"]).unlink()
    else:  # its gap recorded after its end: cut there, the speech would be said twice
        manifest = project.manifest()
        (record,) = [c for c in manifest["clips"] if c["path"] == first["path"]]
        end = round(record["duration"] * 1000)
        record["timings"]["pauses"] = [[end + 500, end + 900]]
        (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    billed = paid.answered()
    _paid(project, "3s")
    # The dry run bills the first sentence's words again, and no other.
    dry = project.json("generate", "--dry-run")
    assert dry["billable_characters"] == len("I eat") + len("every day."), dry
    summary = project.json("generate")
    assert summary["generated"] == 2 and summary["failed"] == 0, summary
    again = paid.answered() - billed
    assert set(again) == {"I eat", "every day."}, again  # said again, its pieces once
    made_first, made_second = _records(project)
    assert made_first["text"] == "I eat [pause:3s] every day."
    assert made_first["duration"] < made_second["duration"]  # not the other's speech
    code, text = project.invoke("verify")
    if damage == "pauses edited":
        assert code == 0, text
    else:  # the damaged clip is the old gap's, which verify finds; the new ones are whole
        assert code == 1 and "1 problem(s)" in text and first["path"] in text, text


# --- a kill at each step of a first run with gaps, and of a regap: nothing lost or paid twice


MANY = [
    {"question": f"I {verb} ___ every {when}."}
    for verb, when in (("eat", "day"), ("drink", "night"), ("read", "week"), ("draw", "month"))
]
"""Gapped texts whose pieces are all different: each piece billed once per clip said."""


def _env(server: FakeElevenLabs) -> dict[str, str]:
    return {
        **os.environ,
        "ELEVENLABS_API_KEY": KEY,
        "ELEVENLABS_BASE_URL": server.base_url,
        "TTS_ASSETS_CONCURRENCY": "2",
    }


def _generate(root: Path, server: FakeElevenLabs) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tts_assets", "generate"],
        cwd=root,
        env=_env(server),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _whole(root: Path) -> set[str]:
    """Assert what a killed run left is whole: the content parses, each clip file the
    manifest lists is there with its recorded bytes. The texts of the clips stored."""
    for entry in json.loads((root / "data/grammar.json").read_text(encoding="utf-8")):
        assert isinstance(entry, dict)
    out = root / "public/audio"
    if not (out / "manifest.json").exists():
        return set()
    stored = set()
    for clip in json.loads((out / "manifest.json").read_bytes())["clips"]:
        data = (out / clip["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == clip["sha256"], clip["path"]
        stored.add(clip["text"])
    return stored


def _pieces(texts: set[str]) -> set[str]:
    return {p.strip() for t in texts for p in t.replace("[pause:2s]", "|").split("|")}


@pytest.mark.slow
@pytest.mark.parametrize("answered", [0, 1, 3, 4, 7])
def test_a_kill_in_a_first_run_with_gaps_pays_again_only_for_what_was_not_stored(
    project: Project, monkeypatch: pytest.MonkeyPatch, answered: int
) -> None:
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": MANY}])
    _paid(project, "2s")
    with FakeElevenLabs(api_key=KEY) as server:
        server.hold_after(answered)  # the next requests wait: the kill comes while they do
        run = _generate(project, server)
        deadline = time.monotonic() + 120
        while server.held == 0 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        run.send_signal(signal.SIGKILL)
        run.wait()
        server.release_hold()  # dropped, unbilled: their client is gone
        paid = server.answered()
        stored = _whole(project)
        rerun = subprocess.run(
            [sys.executable, "-m", "tts_assets", "generate"],
            cwd=project,
            env=_env(server),
            capture_output=True,
        )
        assert rerun.returncode == 0, rerun.stderr.decode()
        again = server.answered() - paid
    # What the killed run stored is never paid again, nor, mostly, a piece it was answered
    # (kept before its clip was joined): only a request answered as the kill came (at most
    # one per worker) may be paid twice. Every piece is paid.
    assert not set(again) & _pieces(stored), (again, stored)
    total = paid + again
    assert set(total) == _pieces({e["question"].replace("___", "[pause:2s]") for e in MANY})
    assert sum(total.values()) - len(total) <= 2, (paid, again)
    assert len(_whole(project)) == len(MANY)
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    code, out = project.invoke("verify")
    assert code == 0, out


@pytest.mark.slow
def test_a_kill_or_a_stop_at_each_step_of_a_regap_pays_nothing_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base"
    (base / "data").mkdir(parents=True)
    write_json(base / "data/grammar.json", [{"id": "g1", "exercises": MANY}])
    with FakeElevenLabs(api_key=KEY) as server:
        (base / "tts-assets.toml").write_text(PAID.format(gap="2s") + 'lang = "en"\n')
        made = subprocess.run(
            [sys.executable, "-m", "tts_assets", "generate"], cwd=base, env=_env(server)
        )
        assert made.returncode == 0
        (base / "tts-assets.toml").write_text(PAID.format(gap="3s") + 'lang = "en"\n')
        paid = server.answered()
        clean = tmp_path / "clean"
        shutil.copytree(base, clean)
        started = time.monotonic()
        assert _generate(clean, server).wait() == 0
        duration = time.monotonic() - started
        moments = [(i + 0.5) * duration / 6 for i in range(6)]
        for n, (moment, sig) in enumerate(
            [(m, signal.SIGKILL) for m in moments] + [(duration * 0.75, signal.SIGTERM)]
        ):
            root = tmp_path / f"trial{n}"
            shutil.copytree(base, root)
            run = _generate(root, server)
            time.sleep(moment)
            run.send_signal(sig)
            run.wait()
            _whole(root)
            rerun = subprocess.run(
                [sys.executable, "-m", "tts_assets", "generate"],
                cwd=root,
                env=_env(server),
                capture_output=True,
            )
            assert rerun.returncode == 0, rerun.stderr.decode()
            assert tree(root / "data") == tree(clean / "data"), f"trial {n}"
            assert tree(root / "public") == tree(clean / "public"), f"trial {n}"
        # A gap's new length is never billed: not by the runs killed, nor by their reruns.
        assert server.answered() == paid


# --- on Kokoro: a marker inside a blank, and one inside a written pause --------------------


@pytest.mark.slow
def test_kokoro_says_a_marker_inside_a_blank_as_one_gap_and_never_a_pause_s_words(
    project: Project,
) -> None:
    # cloze_blank = "_": ___ was three blanks (three 2 s gaps, 6 s) whose one answer was
    # "not one per blank"; "[" made the written [pause:1s] a gap and the words "pause:1s]".
    exercises = [
        {"question": "私は___を食べます。", "answer": "パン"},
        {"question": "水を飲みます。[pause:1s]私は_を食べます。", "answer": "パン"},
    ]
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": exercises}])
    _config(project, 'cloze = "2s"', 'cloze_blank = "_"', 'cloze_answer = "exercises[].answer"')
    summary = project.json("generate", "--type", "grammar")
    assert summary["failed"] == 0 and summary["skipped"] == [], summary
    one, paused = project.read_json("data/grammar.json")[0]["exercises"]
    assert 1900 <= _longest_silence_ms(project, one["questionAudio"]) <= 2300
    assert _record(project, one["filledQuestionAudio"])["text"] == "私はパンを食べます。"
    record = _record(project, paused["questionAudio"])
    assert record["text"] == "水を飲みます。[pause:1s]私は [pause:2s] を食べます。"
    assert [b - a for a, b in record["timings"]["pauses"]] == [
        pytest.approx(1000, abs=60),
        pytest.approx(2000, abs=60),
    ]
    _config(project, 'cloze = "2s"', 'cloze_blank = "["', 'cloze_answer = "exercises[].answer"')
    exercises[1]["question"] = "水を飲みます。[pause:1s]私は___を食べます。"
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": exercises}])
    project.json("generate", "--type", "grammar")
    paused = project.read_json("data/grammar.json")[0]["exercises"][1]
    record = _record(project, paused["questionAudio"])
    assert "pause" not in record["phonemes"] and "pʰ" not in record["phonemes"]
    assert len(record["timings"]["pauses"]) == 2


def _record(project: Project, url: str) -> dict[str, Any]:
    (clip,) = [c for c in project.manifest()["clips"] if c["path"] == url.removeprefix("/audio/")]
    return dict(clip)
