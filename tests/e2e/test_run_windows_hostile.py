"""A run in windows met by a careless or hostile user: each case run in windows of 1 or 2
texts on a course of three folders keeps the guarantees its run in one window keeps, and
where it makes sense ends as that run ends (the same exit, --json report and files).

- a file mostly in another language, or a Git LFS pointer (a URL kept or a clip of the
  tool's own), in the LAST window: found by the survey before anything is made (exit 2,
  one line naming the file, nothing written);
- a text whose making fails in the first window and is said again in the last: asked of
  the provider as often as the whole run asks (its retries once), never again;
- a provider out of credits in the second window: the later windows make nothing but
  are written back (exit 3); the next run makes what is left, nothing twice;
- a text said in two folders of two windows, a person's URL at one of its places;
- a content file edited during the run: after the survey (before its window), and while
  its own window makes its clips; the edit is kept, no URL names another text's clip;
- another run's clips put in the out dir while this one waits for its lock (the survey
  done again: nothing made twice);
- Ctrl-C / SIGTERM (real signals to a real process) between two windows and during a
  window's making, and a kill: the next run finishes, nothing is made twice, no JSON
  file is half-written.

Every order of events is made by the test (a gate file, a hook), never hoped for.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import REPO, fault_provider
from tests.support.manifests import comparable_project, read_manifest
from tests.support.markers import fast_first
from tests.support.project import Project, write_json
from tests.support.windows import SMALL, lock_refusals, small_windows, windowed_cli
from tts_assets.commands import tally
from tts_assets.planning.course import Course
from tts_assets.store import lock

CONFIG = """provider = "fault"

[types.grammar]
file = "*/grammar.json"
fields = [{ text = "examples[].japanese", url = "examples[].audioUrl" }]

[providers.fault]
log = "calls.jsonl"
"""

COURSE = {
    "a": ["山を見ます。", "川を見ます。"],
    "b": ["海を見ます。"],
    "c": ["空を見ます。", "山を見ます。"],
}
"""Three folders, one file each, walked a, b, c: in windows of one text, a window a text
(a file is written back with its last). 山を見ます。 is said in the first window and the
last (one clip)."""

PROGRESS = re.compile(r"^planned [0-9,]+ texts? of the course so far .*\n", re.MULTILINE)

LFS = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "4d" * 32 + "\nsize 9\n"


def _config(project: Path, fates: dict[str, str] | None = None) -> None:
    """The course's config: the fault provider, its log, each text of `fates` its fate."""
    text = CONFIG
    if fates:
        text += "[providers.fault.fates]\n"
        text += "".join(
            f"{json.dumps(t, ensure_ascii=False)} = {json.dumps(f)}\n" for t, f in fates.items()
        )
    (project / "tts-assets.toml").write_text(text, encoding="utf-8")


def _course(
    project: Path, course: dict[str, list[str]] = COURSE, fates: dict[str, str] | None = None
) -> None:
    _config(project, fates)
    for folder, texts in course.items():
        write_json(
            project / f"data/{folder}/grammar.json",
            [{"id": f"{folder}{i}", "examples": [{"japanese": t}]} for i, t in enumerate(texts)],
        )


def _examples(project: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each example of the course's files, with its file's folder."""
    for path in sorted((project / "data").glob("*/grammar.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            for example in entry["examples"]:
                yield path.parent.name, example


def _no_url_of_another_text(project: Path, *, complete: bool = True) -> dict[str, str | None]:
    """Check that every URL of the tool's names a clip the manifest lists of the text at
    its place, the clip's bytes as listed, and that every content file is whole JSON;
    returns each text's URL: each of its places has it (`complete`), or has it or none (a
    run stopped before it wrote a later window's files back)."""
    manifest = read_manifest(project / "public/audio")
    listed = {c["path"]: c for c in manifest["clips"]}
    urls: dict[str, str | None] = {}
    for _, example in _examples(project):
        url = example.get("audioUrl")
        text = example["japanese"]
        if url is not None and url.startswith("/audio/"):
            clip = listed[url.removeprefix("/audio/")]
            assert clip["text"] == text, (url, text, clip)
            assert (project / "public" / url.removeprefix("/")).stat().st_size == clip["bytes"]
        if not complete and (url is None or urls.get(text) is None):
            urls[text] = urls.get(text) or url
            continue
        assert urls.setdefault(text, url) == url, (text, urls[text], url)
    for path in (project / "data").rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # never half-written
    return urls


def _calls(project: Path) -> Counter[str]:
    return Counter(fault_provider.calls(project / "calls.jsonl"))


def _ran(project: Project, *args: str) -> tuple[int, dict[str, Any], dict[str, bytes]]:
    """A run's exit code, its --json report (its seconds taken out) and every file of the
    project after it (the provider's log and lock files aside)."""
    code, out = project.invoke("generate", "--json", *args)
    found = json.JSONDecoder().raw_decode(out)[0]  # an error's line follows (stderr)
    found["seconds"] = found["clips_per_minute"] = 0
    # The out dir's manifest moves into a database as the first window records: the
    # move's note counts the clips recorded by then, which depends on the window's size.
    found["notes"] = [
        re.sub(r"manifest\.json: \d+ clips, 0 or more: moved", "manifest.json: moved", note)
        for note in found.get("notes", [])
    ]
    files = project.tree(locks=False)
    files.pop("calls.jsonl", None)
    return code, found, comparable_project(project, files)


def _diff(
    expected: tuple[int, dict[str, Any], dict[str, bytes]],
    said: tuple[int, dict[str, Any], dict[str, bytes]],
) -> str:
    """What `said` (a run's `_ran`) says otherwise than `expected`, line by line."""

    def lines(code: int, summary: dict[str, Any], files: dict[str, bytes]) -> list[str]:
        return [
            f"exit {code}",
            *json.dumps(summary, indent=1, ensure_ascii=False, sort_keys=True).splitlines(),
            *(
                f"{name} {line}"
                for name, data in sorted(files.items())
                for line in (
                    data.decode("utf-8", "replace").splitlines()
                    if name.endswith(".json")
                    else [str(hash(data))]
                )
            ),
        ]

    return "\n".join(difflib.unified_diff(lines(*expected), lines(*said), lineterm="", n=2))


def _whole_and_windows(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> dict[str, tuple[tuple[int, dict[str, Any], dict[str, bytes]], Counter[str], Project]]:
    """The course of `project` run whole and in windows of 1 and 2 texts, each on a copy:
    by name ("whole", "1", "2"), its run, the provider's calls and the copy."""
    ran = {}
    for texts in ("whole", "1", "2"):
        if texts == "whole":
            small_windows(monkeypatch, None)
        else:
            small_windows(monkeypatch, texts)
        copy = Project(tmp_path / f"run-{texts}").copy(project)
        ran[texts] = (_ran(copy, *args), _calls(copy), copy)
    small_windows(monkeypatch, None)
    return ran


def _plain(project: Project, texts: str) -> str:
    """The output of a run (not --json) in windows of `texts` texts ("whole": none)."""
    with pytest.MonkeyPatch.context() as env:
        if texts == "whole":
            small_windows(env, None)
        else:
            small_windows(env, texts)
        # The line a course in windows tells while it plans (stderr, every few seconds).
        return PROGRESS.sub("", project.invoke("generate")[1])


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts of each window a run (or a survey) plans, in order."""
    planned: list[list[str]] = []
    real = Course.windows

    def counted(self: Course) -> Any:
        for prepared in real(self):
            planned.append([i.spoken for i in prepared.loaded.items])
            yield prepared

    monkeypatch.setattr(Course, "windows", counted)
    return planned


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    _course(project)
    return project


# -- bad input in a later window: the survey stops the run before anything is made -------------


ENGLISH = [
    "The weather is very nice today and we walk to the park.",
    "My brother reads a long book every evening after dinner.",
    "Please open the window because it is warm in this room.",
]


def test_a_file_in_another_language_in_the_last_window_stops_the_run_before_anything_is_made(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windows: list[list[str]]
) -> None:
    """Three folders of new Japanese texts, then one of English: the survey judges every
    file before the first window makes a clip (exit 2, one line naming the file)."""
    _course(project, {**COURSE, "d": ENGLISH})
    before = comparable_project(project, project.tree())
    ran = _whole_and_windows(project, tmp_path, monkeypatch)
    for texts in ("whole", "1", "2"):
        (code, _summary, files), calls, copy = ran[texts]
        out = _plain(copy, texts)
        assert code == 2, (texts, out)
        assert out.count("\n") == 1 and "Traceback" not in out, out
        assert out.startswith("error: ") and "data/d/grammar.json" in out, out
        assert not calls, texts  # nothing made, the first windows' clips neither
        assert files == before, texts  # nothing written: no manifest, no URL
    assert len(windows) > 3  # windows of 1 and 2 texts were planned (the survey's)


@pytest.mark.parametrize("own", fast_first([False, True], ids=["url-kept", "own-clip"]))
def test_a_git_lfs_pointer_in_the_last_window_stops_the_run_before_anything_is_made(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own: bool
) -> None:
    """A URL kept (a person's recording) that is a pointer; or, once a run made every clip,
    a clip of the tool's own that a checkout without Git LFS left as a pointer, its text
    in the last folder only, while a new text waits in the first folder."""
    if own:
        assert project.json("generate")["generated"] == 4
        url = project.read_json("data/c/grammar.json")[0]["examples"][0]["audioUrl"]
        project.clip_of(url).write_text(LFS, encoding="utf-8")
        first = project.read_json("data/a/grammar.json")
        first.append({"id": "a-new", "examples": [{"japanese": "花を見ます。"}]})
        write_json(project / "data/a/grammar.json", first)
        (project / "calls.jsonl").unlink()
    else:
        project.gen({"public/audio/grammar/theirs.mp3": LFS})
        last = project.read_json("data/c/grammar.json")
        last[0]["examples"][0]["audioUrl"] = "/audio/grammar/theirs.mp3"
        write_json(project / "data/c/grammar.json", last)
    before = comparable_project(project, project.tree())
    ran = _whole_and_windows(project, tmp_path, monkeypatch)
    said = set()
    for texts in ("whole", "1", "2"):
        (code, summary, files), calls, copy = ran[texts]
        assert code == 2, (texts, summary)
        out = _plain(copy, texts)
        assert out.count("\n") == 1 and "Traceback" not in out, out
        assert "Git LFS pointer" in out and "nothing was synthesized" in out, out
        said.add(out)
        assert not calls, texts
        assert files == {k: v for k, v in before.items() if k != "calls.jsonl"}, texts
    [out] = said  # the whole run's line
    # The place a file's, not its folder's: "grammar.json" of three (see the report).
    assert ("mp3: a Git LFS" if own else "audioUrl keeps /audio/grammar/theirs.mp3") in out


# -- a provider's failures --------------------------------------------------------------------


@pytest.mark.parametrize("fate", fast_first(["fail", "garbage:nan"]))
def test_a_text_failing_in_the_first_window_is_not_asked_again_in_the_last(
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    windows: list[list[str]],
    fate: str,
) -> None:
    """山を見ます。 fails (retried, as any failure) in the first window; the last window
    says it again, one clip: the run asks for it as often as the whole run does, and its
    record (failed.json) names both places, as the whole run's."""
    _course(project, fates={"山を見ます。": fate})
    ran = _whole_and_windows(project, tmp_path, monkeypatch)
    expected, whole_calls, _ = ran["whole"]
    code, summary, _files = expected
    assert code == 1, summary
    [failure] = summary["failures"]
    assert len(failure["places"]) == 2, failure  # both folders' places, one failure
    # A provider's failure is tried three times; audio no clip may be made of, once.
    assert whole_calls["山を見ます。"] == (3 if fate == "fail" else 1)
    for texts in ("1", "2"):
        said, calls, copy = ran[texts]
        assert calls == whole_calls, texts  # not tried again in the last window
        assert said == expected, _diff(expected, said)
        urls = _no_url_of_another_text(copy)
        assert urls["山を見ます。"] is None and urls["空を見ます。"] is not None
    assert ["空を見ます。"] in windows and ["山を見ます。"] in windows  # a text a window


def test_a_provider_out_of_credits_in_the_second_window_makes_nothing_after_it(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """海を見ます。 (the second folder, the second window) spends the quota: the first
    window's clips are kept, the last window makes nothing (空を見ます。 not asked) yet is
    written back (its 山を見ます。, made in the first window, gets its URL); exit 3 as the
    whole run's. The next run, the quota back, makes only what is left."""
    _course(project, fates={"海を見ます。": "fatal"})
    whole = Project(tmp_path / "whole").copy(project)
    assert whole.invoke("generate")[0] == 3  # the whole run's exit
    small_windows(monkeypatch, "1")
    code, out = project.invoke("generate", "--json")
    summary = json.loads(out)
    assert code == 3, out
    assert summary["fatal"] and "quota" in summary["fatal"]
    calls = _calls(project)
    assert calls == Counter({"山を見ます。": 1, "川を見ます。": 1, "海を見ます。": 1}), calls
    urls = _no_url_of_another_text(project)
    assert urls["山を見ます。"] and urls["川を見ます。"]
    assert urls["海を見ます。"] is None and urls["空を見ます。"] is None
    last = project.read_json("data/c/grammar.json")
    assert last[1]["examples"][0]["audioUrl"] == urls["山を見ます。"]  # written back
    assert "data/c/grammar.json" in summary["written"]

    small_windows(monkeypatch, "1")
    _config(project)  # the quota back
    again = project.json("generate")
    assert again["generated"] == 2, again
    assert _calls(project) == calls + Counter({"海を見ます。": 1, "空を見ます。": 1})
    urls = _no_url_of_another_text(project)
    assert all(urls.values()), urls


# -- a text in two windows, a person's URL at one place ---------------------------------------


@pytest.mark.parametrize(
    "theirs", fast_first(["https://cdn.example.com/yama.mp3", "/audio/grammar/theirs.mp3"])
)
@pytest.mark.parametrize("at", fast_first(["a", "c"]))
def test_a_person_s_url_at_one_place_of_a_text_said_in_two_windows(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theirs: str, at: str
) -> None:
    if theirs.startswith("/audio/"):
        project.gen({"public/audio/grammar/theirs.mp3": b"ID3" + bytes(500)})
    doc = project.read_json(f"data/{at}/grammar.json")
    place = 0 if at == "a" else 1
    assert doc[place]["examples"][0]["japanese"] == "山を見ます。"
    doc[place]["examples"][0]["audioUrl"] = theirs
    write_json(project / f"data/{at}/grammar.json", doc)
    ran = _whole_and_windows(project, tmp_path, monkeypatch)
    expected, whole_calls, whole = ran["whole"]
    assert expected[0] == 0, expected[1]
    for texts in ("1", "2"):
        said, calls, _ = ran[texts]
        assert said == expected, _diff(expected, said)
        assert calls == whole_calls, texts
    kept = whole.read_json(f"data/{at}/grammar.json")[place]["examples"][0]["audioUrl"]
    assert kept == theirs


# -- content edited during the run ------------------------------------------------------------


def _after_window(monkeypatch: pytest.MonkeyPatch, n: int, then: Callable[[], None]) -> list[int]:
    """Call `then` once the run's `n`th window is made and written back (before the next is
    planned); returns the windows run so far (a list that grows)."""
    ran: list[int] = []
    real = tally.Tally.made

    def hooked(self: tally.Tally, *args: Any) -> None:
        real(self, *args)
        ran.append(len(ran) + 1)
        if len(ran) == n:
            then()

    monkeypatch.setattr(tally.Tally, "made", hooked)
    return ran


def test_a_file_edited_after_the_survey_before_its_window_keeps_the_edit(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last folder's file is edited once the first window is done: a text changed to
    another, a text changed to one the first window made, an entry added. The edit is
    kept, every text of it gets its own clip's URL (its window plans the file as it is)."""

    def edit() -> None:
        write_json(
            project / "data/c/grammar.json",
            [
                {"id": "c0", "examples": [{"japanese": "星を見ます。"}]},
                {"id": "c1", "examples": [{"japanese": "川を見ます。"}]},
                {"id": "c2", "examples": [{"japanese": "月を見ます。"}], "note": "mine"},
            ],
        )

    small_windows(monkeypatch, "1")
    ran = _after_window(monkeypatch, 1, edit)
    code, out = project.invoke("generate", "--json")
    assert code == 0, out
    assert ran == [1, 2, 3, 4, 5, 6, 7]  # a text a window; the last holds none (the end)
    last = project.read_json("data/c/grammar.json")
    assert [e["examples"][0]["japanese"] for e in last] == [
        "星を見ます。",
        "川を見ます。",
        "月を見ます。",
    ]
    assert last[2]["note"] == "mine"
    urls = _no_url_of_another_text(project)
    assert all(urls[t] for t in ("星を見ます。", "川を見ます。", "月を見ます。")), urls
    assert "空を見ます。" not in urls
    calls = _calls(project)
    assert max(calls.values()) == 1, calls
    assert project.json("generate")["generated"] == 0  # all done, nothing to redo
    assert _calls(project) == calls


def test_a_file_rewritten_in_another_language_after_the_survey_has_its_texts_refused(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last folder's file, Japanese when the survey judged it, is rewritten in English
    once the first window is done: its window's gate refuses each text, and the run says
    so (exit 1, each refused text listed), as a run that read it so would."""

    def rewrite() -> None:
        write_json(
            project / "data/c/grammar.json",
            [{"id": "c0", "examples": [{"japanese": "I look at the sky."}]}],
        )

    small_windows(monkeypatch, "1")
    _after_window(monkeypatch, 1, rewrite)
    code, out = project.invoke("generate", "--json")
    found = json.loads(out)
    assert code == 1, out
    assert [r["text"] for r in found["refused"]] == ["I look at the sky."], out
    urls = _no_url_of_another_text(project, complete=False)
    assert urls.get("I look at the sky.") is None, urls


def test_a_file_edited_while_its_window_makes_its_clips_keeps_the_edit(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second folder's file is edited while its window's one clip is being made (the
    provider's call edits it): write-back of that window keeps the edit; the changed text
    gets no URL of the old text's clip; the next run makes it."""
    real = fault_provider.FaultProvider.synthesize

    async def editing(self: Any, request: Any) -> Any:
        if request.text == "海を見ます。":
            write_json(
                project / "data/b/grammar.json",
                [{"id": "b0", "examples": [{"japanese": "湖を見ます。"}], "note": "mine"}],
            )
        return await real(self, request)

    monkeypatch.setattr(fault_provider.FaultProvider, "synthesize", editing)
    small_windows(monkeypatch, "1")
    code, out = project.invoke("generate", "--json")
    assert code == 0, out
    doc = project.read_json("data/b/grammar.json")
    assert doc == [{"id": "b0", "examples": [{"japanese": "湖を見ます。"}], "note": "mine"}]
    _no_url_of_another_text(project)
    monkeypatch.setattr(fault_provider.FaultProvider, "synthesize", real)
    again = project.json("generate")
    assert again["generated"] == 1, again
    doc = project.read_json("data/b/grammar.json")
    assert doc[0]["note"] == "mine" and doc[0]["examples"][0]["audioUrl"]
    _no_url_of_another_text(project)


@pytest.mark.parametrize("damage", fast_first(["deleted", "broken", "folder"]))
def test_a_file_broken_after_the_survey_stops_the_run_at_its_window_keeping_the_others(
    project: Project, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """The last folder's file, found good by the survey, is deleted, made invalid JSON or
    replaced by a folder once the first window is done: the run stops where it reaches it
    (exit 2, one line naming it, no traceback), as a kill there would, the windows before
    made and written back. The file put back, the next run makes only what is left."""
    path = project / "data/c/grammar.json"
    good = path.read_bytes()

    def damaged() -> None:
        path.unlink()
        if damage == "broken":
            path.write_text('[{"id": "c0", "examples": [', encoding="utf-8")
        elif damage == "folder":
            path.mkdir()

    small_windows(monkeypatch, "1")
    ran = _after_window(monkeypatch, 1, damaged)
    code, out = project.invoke("generate")
    assert code == 2, out
    # The windows' progress lines, then the one line of the error.
    errors = [line for line in out.splitlines() if line.startswith("error: ")]
    assert errors == out.splitlines()[-1:] and "Traceback" not in out, out
    assert errors[0].startswith("error: data/c/grammar.json"), out
    assert ran == [1, 2, 3]  # the first two files' windows made and written back
    assert _calls(project) == Counter({"山を見ます。": 1, "川を見ます。": 1, "海を見ます。": 1})
    if path.is_dir():
        path.rmdir()
    path.write_bytes(good)
    urls = _no_url_of_another_text(project, complete=False)
    assert urls["山を見ます。"] and urls["川を見ます。"] and urls["海を見ます。"], urls
    assert project.json("generate")["generated"] == 1
    urls = _no_url_of_another_text(project)
    assert all(urls.values()), urls
    assert _calls(project) == Counter(dict.fromkeys(urls, 1))


# -- another run's clips, while this one waited for the lock ----------------------------------


def test_clips_another_run_made_while_this_one_waited_for_the_lock_are_not_made_again(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windows: list[list[str]]
) -> None:
    """The run surveys its course, then waits for the out dir (another data dir's run holds
    it); that run puts its clips (two of this course's texts) in the out dir and lets go.
    The run surveys again and makes only the others."""
    other = Project(tmp_path / "other")
    other.mkdir()
    _course(other, {"x": ["山を見ます。", "海を見ます。"]})
    assert other.json("generate")["generated"] == 2
    refused = lock_refusals(monkeypatch)
    out = project / "public/audio"
    out.mkdir(parents=True)
    holding = threading.Event()

    def other_run() -> None:
        with lock.locked([out]):
            holding.set()
            assert refused.wait(60), "the run never waited for the out dir"
            surveyed = len(windows)
            shutil.copytree(other / "public/audio", out, dirs_exist_ok=True)
            assert surveyed >= 3  # the survey was done before the clips came

    holder = threading.Thread(target=other_run)
    holder.start()
    holding.wait()
    small_windows(monkeypatch, "1")
    code, said = project.invoke("generate", "--json", "--wait", "60")
    holder.join()
    assert code == 0, said
    summary = json.loads(said)
    assert summary["generated"] == 2 and summary["present"] == 2, summary
    assert _calls(project) == Counter({"川を見ます。": 1, "空を見ます。": 1})
    urls = _no_url_of_another_text(project)
    assert all(urls.values()), urls
    # The other course's run (one window, planned once); this one's surveyed twice, then
    # run: six windows each (a text each, the last empty).
    assert len(windows) == 1 + 18


# -- signals and kills: real processes --------------------------------------------------------


def _driver(gate: Path, held: Path, after: int, between: int = 0) -> list[str]:
    """`tts-assets` with the fault provider, whose calls after the first `after` of the
    process note their text in `held` and wait for `gate`; with `between`, the run also
    notes `between` in `held` once that window is made and written back and waits there
    for `gate` (before the next window is planned)."""
    code = (
        SMALL.format(texts=1)
        + f"""
import os, time, anyio
from tests.support import fault_provider
fault_provider.register()
real = fault_provider.FaultProvider.synthesize
calls = [0]
def wait(what):
    with open({str(held)!r}, "a", encoding="utf-8") as f:
        f.write(what + "\\n")
async def synthesize(self, request):
    calls[0] += 1
    if calls[0] > {after}:
        wait(request.text)
        while not os.path.exists({str(gate)!r}):
            await anyio.sleep(0.01)
    return await real(self, request)
fault_provider.FaultProvider.synthesize = synthesize
from tts_assets.commands import tally
ran = tally.Tally.made
windows = [0]
def hooked(self, *args):
    ran(self, *args)
    windows[0] += 1
    if windows[0] == {between}:
        wait("between")
        while not os.path.exists({str(gate)!r}):
            time.sleep(0.01)
tally.Tally.made = hooked
from tts_assets.cli.app import main
main()
"""
    )
    return [sys.executable, "-c", code, "generate", "--concurrency", "1"]


def _env() -> dict[str, str]:
    """The environment of a run in another process (its windows set by its first line)."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _signalled(
    argv: list[str], cwd: Path, held: Path, signum: int, *, noted: list[str] | None = None
) -> tuple[int, str]:
    """Start `argv` in `cwd` (windows of one text), send it `signum` once its hook noted in
    `held` where it waits (`noted`, when given, is what it must have noted: the order made,
    not hoped for); its exit code and stderr, once it ended (killed if it did not)."""
    proc = subprocess.Popen(
        argv, cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        fault_provider.wait_until(lambda: _lines(held), proc, timeout=300)
        if noted is not None:
            assert _lines(held) == noted
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = err.decode()
    assert "Traceback" not in stderr, stderr
    return proc.returncode, stderr


@pytest.mark.slow  # real processes
@pytest.mark.parametrize("when", ["making", "between"])
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGKILL"])  # no SIGKILL on Windows
def test_a_signal_between_windows_or_during_one_loses_nothing_and_makes_nothing_twice(
    tmp_path: Path, when: str, name: str
) -> None:
    """The first window (the first folder, two clips) made and written back; then the
    signal, while the second window's clip waits on the gate ("making") or before the
    second window is planned ("between"). The next run finishes the course; no text is
    asked of the provider twice (its log counts the calls that reached it)."""
    signum = getattr(signal, name)
    _course(tmp_path)
    gate, held = tmp_path / "never", tmp_path / "held"
    argv = _driver(gate, held, after=2, between=2 if when == "between" else 0)
    noted = ["between" if when == "between" else "海を見ます。"]
    code, stderr = _signalled(argv, tmp_path, held, signum, noted=noted)
    if signum != signal.SIGKILL:
        assert code in (130, -signum), (code, stderr)
    first = _no_url_of_another_text(tmp_path, complete=False)
    if when == "making" and signum != signal.SIGKILL:
        # A stop: the windows after it make nothing but are written back (the last
        # folder's 山を見ます。 given the first window's clip).
        assert code == 130, stderr
        last = json.loads((tmp_path / "data/c/grammar.json").read_text(encoding="utf-8"))
        assert last[1]["examples"][0]["audioUrl"] == first["山を見ます。"]
        assert "audioUrl" not in last[0]["examples"][0]
    assert first["山を見ます。"] and first["川を見ます。"], first  # the first window's, kept
    assert first["海を見ます。"] is None
    assert _calls(tmp_path) == Counter({"山を見ます。": 1, "川を見ます。": 1})
    assert not list((tmp_path / "data").rglob("*.tmp*"))
    again = subprocess.run(
        [
            sys.executable,
            "-c",
            SMALL.format(texts=1) + fault_provider.DRIVER[2],
            "generate",
            "--json",
        ],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["generated"] == 2
    urls = _no_url_of_another_text(tmp_path)
    assert all(urls.values()), urls
    assert _calls(tmp_path) == Counter(dict.fromkeys(urls, 1))  # each text asked once


@pytest.mark.slow  # real processes
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
def test_a_stop_between_windows_ends_the_run_at_once_with_130(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """Ctrl-C or SIGTERM while the run plans its next window (the first made and written
    back) ends it as a stop during the making does: exit 130, "interrupted"."""
    _course(tmp_path)
    gate, held = tmp_path / "never", tmp_path / "held"
    argv = [*_driver(gate, held, after=99, between=1), "--json"]
    proc = subprocess.Popen(
        argv, cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        fault_provider.wait_until(lambda: _lines(held), proc)
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, (proc.returncode, err.decode())
    assert err.decode().splitlines() == ["error: interrupted"]  # one line, no traceback
    assert json.loads(out)["exit_code"] == 130


KOKORO = CONFIG.replace('provider = "fault"', 'provider = "kokoro"').split("[providers.fault]")[0]
"""The course's config with Kokoro, the default provider, saying its texts."""


@pytest.mark.slow  # Kokoro in real processes
@pytest.mark.parametrize("name", ["SIGINT", "SIGKILL"])  # no SIGKILL on Windows
def test_kokoro_a_signal_between_windows_loses_nothing_and_makes_nothing_twice(
    tmp_path: Path, name: str
) -> None:
    """On Kokoro's real path: the first window made and written back, the run held before
    the second is planned (the order made by a hook), then Ctrl-C or a kill. The first
    window's clips are kept, byte for byte, every JSON file whole; the next run makes only
    the rest, each text once, and every URL names its own text's clip."""
    signum = getattr(signal, name)
    _course(tmp_path)
    (tmp_path / "tts-assets.toml").write_text(KOKORO, encoding="utf-8")
    gate, held = tmp_path / "never", tmp_path / "held"
    code = (
        SMALL.format(texts=1)
        + f"""
import os, time
from tts_assets.commands import tally
ran = tally.Tally.made
windows = [0]
def hooked(self, *args):
    ran(self, *args)
    windows[0] += 1
    if windows[0] < 2:
        return  # the first folder's file is written back with its second window
    with open({str(held)!r}, "a", encoding="utf-8") as f:
        f.write("between\\n")
    while not os.path.exists({str(gate)!r}):
        time.sleep(0.01)
tally.Tally.made = hooked
from tts_assets.cli.app import main
main()
"""
    )
    ended, stderr = _signalled([sys.executable, "-c", code, "generate"], tmp_path, held, signum)
    if signum != signal.SIGKILL:
        assert ended == 130, (ended, stderr)
    first = _no_url_of_another_text(tmp_path, complete=False)
    assert first["山を見ます。"] and first["川を見ます。"] and first["海を見ます。"] is None, first
    made = {c["path"]: c["sha256"] for c in read_manifest(tmp_path / "public/audio")["clips"]}
    assert len(made) == 2, made
    again = subprocess.run(
        [*windowed_cli(1), "generate", "--json"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["generated"] == 2  # 海 and 空: the others were kept
    after = {c["path"]: c["sha256"] for c in read_manifest(tmp_path / "public/audio")["clips"]}
    assert {path: after[path] for path in made} == made  # not made again
    urls = _no_url_of_another_text(tmp_path)
    assert all(urls.values()) and len(set(urls.values())) == 4, urls
