"""`verify` of a course planned window by window: the same report, plain and `--json`, the same
exit code and every problem in the same order whatever the windows (the course in one
window, or in windows of 1, 2 and 5 texts), on a course shaped like a real one: its words in
several folders, each with its meaning in a second language, slow twins, word timings, clip
lengths and a drill per word; then a predecessor's URL kept, another dead, a text changed
(stale), a clip deleted and a URL removed (missing), a clip's bytes flipped (corrupt), a
clip length changed, a text emptied (its URL gone), an entry removed (its clips unused) and
one of those clips damaged besides, and a new word said in two types whose folder a later
window moves."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from typing import Any

import pytest

from tests.e2e.test_drills import DRILL, PARTS
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json
from tests.support.windows import small_windows
from tts_assets.commands import verify as verify_module
from tts_assets.planning.course import Course, CourseIndex

pytestmark = pytest.mark.slow  # real clips are made first


def _config(lang: str, voice: str) -> str:
    """test_drills' drill per word, its words in every folder, in `lang` said by `voice`,
    each word's clip length and word timings written too."""
    return f'lang = "{lang}"\n' + (
        DRILL.format(en="espeak:en-us", parts=PARTS)
        .replace("[languages]\n", f'[languages]\n{lang} = "{voice}"\n')
        .replace('file = "vocabulary.json"', 'file = "*/vocabulary.json"')
        .replace('reading = "reading"\n', 'duration = "durationMs"\nsegments = "segments"\n')
        + '[types.alpha]\nfile = "alpha.json"\nfields = [{ text = "word", url = "audioUrl" }]\n'
    )


WORDS = {
    "kokoro": [("水", "water"), ("山", "mountain"), ("川", "river"), ("空", "sky"), ("雨", "rain")],
    "espeak": [
        ("Wasser", "water"),
        ("Berg", "mountain"),
        ("Fluss", "river"),
        ("Himmel", "sky"),
        ("Regen", "rain"),
    ],
}
CHANGED = {"kokoro": "火", "espeak": "Feuer"}


def _course(project: Project, provider: str) -> None:
    """Three folders of three words each (a word in two folders is one clip), made by
    `provider` (and espeak-ng's English), then broken as the module docstring says."""
    lang, voice = ("ja", "kokoro:jf_alpha") if provider == "kokoro" else ("de", "espeak:de")
    project.config(_config(lang, voice))
    words = WORDS[provider]
    for n, folder in enumerate(("one", "two", "three")):
        entries = [
            {"id": f"{folder}{i}", "word": w, "meaning": m} for i, (w, m) in enumerate(words)
        ]
        write_json(project / f"data/{folder}/vocabulary.json", entries[n : n + 3])
    write_json(project / "data/alpha.json", [{"word": words[-1][0]}])
    summary = project.json("generate")
    assert summary["failed"] == 0, summary
    assert project.invoke("verify")[0] == 0

    one, two, three = (
        project.read_json(f"data/{f}/vocabulary.json") for f in ("one", "two", "three")
    )
    out = project / "public"
    # A predecessor's recording kept (a copy of a clip), and one that names no file (dead).
    shutil.copy2(out / one[0]["audioUrl"].removeprefix("/"), out / "audio/vocabulary/theirs.mp3")
    one[0]["audioUrl"] = "/audio/vocabulary/theirs.mp3"
    one[1]["meaningAudioUrl"] = "/audio/vocabulary/lost.mp3"
    two[0]["word"] = CHANGED[provider]  # stale, and its drill
    del two[1]["audioUrl"]  # missing
    (out / two[2]["meaningAudioUrl"].removeprefix("/")).unlink()  # missing: the file
    corrupt = out / three[0]["audioUrl"].removeprefix("/")
    data = bytearray(corrupt.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 16] = bytes(16)
    corrupt.write_bytes(bytes(data))
    three[1]["durationMs"] += 250  # another length than its clip's
    three[1]["meaning"] = ""  # its URL gone
    gone = three.pop()  # its clips unused: its word's one damaged too
    damaged = out / gone["audioUrl"].removeprefix("/")
    damaged.write_bytes(damaged.read_bytes()[:100])
    # A new word said in two types, met first in vocabulary (the first type walked) and
    # stored in alpha's folder (the first by name): a course in windows is planned again.
    three.append({"id": "new", "word": CHANGED[provider] * 2, "meaning": "new"})
    write_json(
        project / "data/alpha.json", [{"word": words[-1][0]}, {"word": CHANGED[provider] * 2}]
    )
    for folder, entries in (("one", one), ("two", two), ("three", three)):
        write_json(project / f"data/{folder}/vocabulary.json", entries)


def _said(project: Project, *args: str) -> tuple[int, str]:
    """verify's exit code and output, its seconds taken out."""
    code, out = project.invoke("verify", *args)
    out = re.sub(r"in [0-9.]+ s\b", "in S s", out)
    out = re.sub(r'"seconds": [0-9.]+', '"seconds": 0', out)
    return code, out


def _diff(said: list[tuple[int, str]], expected: list[tuple[int, str]]) -> str:
    """What `said` says otherwise than `expected`, line by line."""
    lines = []
    for (code, out), (code_was, was) in zip(said, expected, strict=True):
        lines.append(f"exit {code} (whole: {code_was})")
        lines += difflib.unified_diff(was.splitlines(), out.splitlines(), lineterm="", n=1)
    return "\n".join(lines)


@pytest.mark.parametrize("provider", ["kokoro", pytest.param("espeak", marks=needs_espeak_library)])
def test_verify_in_windows_says_what_verify_of_the_course_in_one_window_says(
    project: Project, monkeypatch: pytest.MonkeyPatch, provider: str
) -> None:
    _course(project, provider)
    windows: list[int] = []
    add = verify_module._Windows.add

    def counted(self: Any, prepared: Any) -> None:
        windows.append(len(prepared.loaded.items))
        add(self, prepared)

    monkeypatch.setattr(verify_module._Windows, "add", counted)
    again = Course.again
    moved: list[bool] = []

    def planned_again(self: Course) -> None:
        moved.append(True)
        again(self)

    monkeypatch.setattr(Course, "again", planned_again)

    expected = [_said(project), _said(project, "--json")]
    assert len(windows) == 2 and not moved  # one window, each run
    windows.clear()
    code, plain = expected[0]
    assert code == 1
    report = json.loads(expected[1][1])
    found = {kind for kind, n in report["counts"].items() if n}
    assert found == {"missing", "stale", "corrupt", "dead", "refused", "gone"}, plain
    assert any(p["place"].startswith("manifest.json › ") for p in report["problems"]), plain
    assert report["unused"] and report["elsewhere"] == 0, plain

    def unasked(self: CourseIndex, needing: Any) -> Any:
        raise AssertionError("verify asked the course's index which clips are new")

    # Which clips a window is the first to check, verify keeps as paths in the index
    # (`CourseIndex.checking`, a query a window), not by the dry run's counts (`first`).
    monkeypatch.setattr(CourseIndex, "first", unasked)
    for texts in ("1", "2", "5"):
        small_windows(monkeypatch, texts)
        said = [_said(project), _said(project, "--json")]
        assert said == expected, _diff(said, expected)
        assert len(windows) > 2 and moved, texts
        windows.clear()
        moved.clear()
