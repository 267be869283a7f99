"""Hostile cases of the kept plan of a course that adopted a predecessor: a person's URLs kept
said again from the record, the folders of content outside the data dir locked by a
replay, the variables that name a record. Each case: the run
after a record is kept either answers from it saying what the full run says, or plans
(the full run), saying what it says without any record.

Every run is a real process on the sample content, its out dir filled without synthesis
(`benchmarks.fill_store`); the harness is the one of `test_kept_plan`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.test_kept_plan import _RUN, _holds_open, adopted, filled
from tests.e2e.test_kept_plan import Course as PlainCourse

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


class Course(PlainCourse):
    """`test_kept_plan`'s course, run as a user would, with what the full run says."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.p = root / "p"

    def full(self, *args: str, dry: bool = False) -> tuple[int, object, str]:
        """What the full run says (the records set aside, then put back)."""
        aside = self.root / "aside"
        shutil.move(self.cache / "kept-plans", aside)
        code, out, err, planned = self.run(*args, dry=dry)
        assert planned, err
        shutil.rmtree(self.cache / "kept-plans", ignore_errors=True)
        shutil.move(aside, self.cache / "kept-plans")
        return code, _same(out), _line(err)

    def says_as_full(self, *args: str, dry: bool = False) -> tuple[int, object]:
        """The next run (from the record or not) says what the full run says, in --json,
        on stderr and by its exit code; its code and --json."""
        code, out, err, _ = self.run(*args, dry=dry)
        said = (code, _same(out), _line(err))
        assert said == self.full(*args, dry=dry)
        return code, said[1]


def _same(out: str) -> object:
    """A run's --json object, its time aside (None: no JSON)."""
    if not out.strip():
        return None
    doc = json.loads(out)
    doc.pop("seconds", None)
    doc.pop("clips_per_minute", None)
    return doc


def _line(err: str) -> str:
    """stderr's lines that name no time."""
    return "\n".join(line for line in err.splitlines() if " s" not in line)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course filled, its URLs written back, one vocabulary text keeping a
    person's URL (a predecessor's recording: a copy of the tool's clip)."""
    root = filled(tmp_path_factory.mktemp("adopt"))
    adopted(root)
    return root


@pytest.fixture
def course(built: Path, tmp_path: Path) -> Course:
    shutil.copytree(built, tmp_path / "c", symlinks=True)
    return Course(tmp_path / "c")


def _kept(course: Course, *args: str, dry: bool = False) -> str:
    """Run twice: the first plans and keeps its plan; the second answers from it with the
    same output and exit code. The first's stdout."""
    code, first, err, planned = course.run(*args, dry=dry)
    assert (code, planned) == (0, True), err
    assert course.records()
    code, again, err, planned = course.run(*args, dry=dry)
    assert (code, planned) == (0, False), err
    assert _same(again) == _same(first)
    return first


def _theirs(course: Course) -> Path:
    return course.p / "out/vocabulary/theirs.mp3"


def _first_word(course: Course, change: dict[str, object]) -> None:
    words = course.p / "data/vocabulary.json"
    doc = json.loads(words.read_text("utf-8"))
    doc[0].update(change)
    words.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")


def _same_size_not_audio(path: Path) -> None:
    """`path` another file of its size and mtime, not audio."""
    st = path.stat()
    path.unlink()
    path.write_bytes(b"<html>" + b" " * (st.st_size - 6))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _linked(path: Path) -> None:
    """`path` a symbolic link to a copy of itself elsewhere (its bytes, size, mtime)."""
    copy = path.parents[3] / "elsewhere.mp3"  # outside the out dir: no listing moves
    shutil.copy2(path, copy)
    path.unlink()
    path.symlink_to(copy)


def _retargeted(path: Path) -> None:
    """`path` (a link since the record) pointed at a file of the same size, name length
    and mtime that is not audio, the link's own mtime kept too."""
    target = Path(os.readlink(path))
    other = target.with_name("elsewherf.mp3")
    shutil.copy2(target, other)
    _same_size_not_audio(other)
    st = os.lstat(path)
    path.unlink()
    path.symlink_to(other)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns), follow_symlinks=False)


KEPT_CHANGES = {
    "deleted": lambda c: _theirs(c).unlink(),
    "another file of its size": lambda c: _same_size_not_audio(_theirs(c)),
    "made a symlink": lambda c: _linked(_theirs(c)),
    "a dangling link": lambda c: (_theirs(c).unlink(), _theirs(c).symlink_to("gone.mp3")),
    "a folder": lambda c: (_theirs(c).unlink(), _theirs(c).mkdir()),
    "its text changed": lambda c: _first_word(c, {"word": "氷"}),
    "its URL another host": lambda c: _first_word(
        c, {"audioUrl": "https://cdn.example.com/theirs.mp3"}
    ),
    "its URL another file": lambda c: _first_word(c, {"audioUrl": "/audio/vocabulary/nope.mp3"}),
}


@pytest.mark.parametrize("dry", [False, True], ids=["run", "dry run"])
@pytest.mark.parametrize("change", list(KEPT_CHANGES))
def test_a_kept_url_changed_is_the_full_run(course: Course, change: str, dry: bool) -> None:
    first = _kept(course, dry=dry)
    assert json.loads(first)["kept"][0]["old"] == "/audio/vocabulary/theirs.mp3"
    KEPT_CHANGES[change](course)
    course.says_as_full(dry=dry)


def test_a_kept_url_s_link_retargeted_is_the_full_run(course: Course) -> None:
    """The kept URL's file a link when the record is kept, then pointed at another file of
    the same size and mtime that is not audio (the link's length and mtime kept)."""
    _linked(_theirs(course))
    _kept(course, dry=True)
    _retargeted(_theirs(course))
    course.says_as_full(dry=True)


def test_a_kept_url_on_another_host_is_said_again(course: Course) -> None:
    _first_word(course, {"audioUrl": "https://cdn.example.com/theirs.mp3"})
    first = _kept(course)
    assert json.loads(first)["kept"][0]["old"] == "https://cdn.example.com/theirs.mp3"
    shutil.rmtree(course.cache / "kept-plans")
    code, full, err, planned = course.run()
    assert planned and code == 0 and _same(full) == _same(first), err


@pytest.mark.parametrize("flag", ["--replace-hand-set-urls", "--replace-dead-urls"])
def test_replacing_flags_are_other_records(course: Course, flag: str) -> None:
    """A record kept without the flag is not the flagged run's: it plans (the kept file
    deleted first for --replace-dead-urls, so the flag has something to do). A dry run
    says what the full dry run says; the run replaces the URL."""
    _kept(course, dry=True)
    _kept(course)
    if flag == "--replace-dead-urls":
        _theirs(course).unlink()
        assert course.run(dry=True)[3] and course.run()[3]  # the plain runs see it dead
    code, out, err, planned = course.run(flag, dry=True)
    assert planned and "theirs.mp3" in out, err
    course.says_as_full(flag, dry=True)
    code, out, err, planned = course.run(flag)
    assert planned and code == 0, err
    assert json.loads(out)["written"], out
    assert "theirs.mp3" not in (course.p / "data/vocabulary.json").read_text("utf-8")


# --- content outside the data dir ---------------------------------------------------------

_PHRASES = (
    '[types.phrases]\npath = "shared/phrases.json"\n'
    '[[types.phrases.fields]]\ntext = "word"\nurl = "audioUrl"\n'
)


@pytest.fixture
def outside(course: Course) -> Course:
    """The course with a type whose file is outside the data dir (`shared/`), its clip
    made and its URL written back, then a record kept."""
    shared = course.p / "shared"
    shared.mkdir()
    (shared / "phrases.json").write_text('[{"word": "ねこ"}]', "utf-8")
    (course.p / "tts-assets.toml").write_text(_PHRASES)
    code, _, err, _ = course.run()
    assert code == 0, err
    _kept(course)
    return course


def _swap(folder: Path, how: str) -> None:
    other = folder.parent / "other"
    shutil.copytree(folder, other, symlinks=True)  # copytree keeps mtimes (copy2)
    if how == "renamed":
        folder.rename(folder.parent / "renamed")
    elif how == "removed":
        shutil.rmtree(folder)
    elif how == "a link to a copy":
        shutil.rmtree(folder)
        folder.symlink_to(other)
    elif how == "a copy in its place":
        shutil.rmtree(folder)
        other.rename(folder)


@pytest.mark.parametrize("how", ["renamed", "removed", "a link to a copy", "a copy in its place"])
def test_an_outside_folder_changed_is_the_full_run(outside: Course, how: str) -> None:
    _swap(outside.p / "shared", how)
    outside.says_as_full()


def test_an_outside_folder_held_is_the_full_run_which_waits(outside: Course) -> None:
    """Held without --wait: the full run, exit 2 as without a record. Held with --wait:
    the full run, which waits for it (the folder let go only once the run has planned),
    then says what the record said."""
    from tts_assets.store import lock

    shared = (outside.p / "shared").resolve()
    with lock.locked([shared]):
        code, out, err, planned = outside.run()
        assert planned and code == 2 and "another tts-assets run is writing here" in err
        assert (code, _same(out), _line(err)) == outside.full()
    first = _same(outside.run()[1])
    outside.log.unlink(missing_ok=True)
    command = ["generate", "--data-dir", "data", "--out-dir", "out", "--json", "--wait", "60"]
    with lock.locked([shared]):
        waiting = subprocess.Popen(
            [sys.executable, "-c", _RUN, *command],
            cwd=outside.p,
            env=outside.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        while not (outside.log.exists() and _holds_open(waiting.pid, shared)):
            assert waiting.poll() is None  # planned, then waiting for the folder
            time.sleep(0.05)
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert _same(out) == first


# --- variables -----------------------------------------------------------------------------


def test_the_analyzer_s_dictionary_is_another_record(course: Course) -> None:
    """A process started with the Japanese analyzer's dictionary set (every reading may
    differ) is the full run, saying what it says without a record."""
    import pyopenjtalk

    _kept(course)
    course.env["OPEN_JTALK_DICT_DIR"] = str(pyopenjtalk.OPEN_JTALK_DICT_DIR.decode())
    course.says_as_full()


def test_an_outside_folder_s_link_retargeted_never_skips_its_lock(course: Course) -> None:
    """`shared` a link to a folder when the record is kept, then pointed at a copy of it
    (same bytes and mtimes, the link's name length and mtime kept, as `tar` or `rsync -a`
    leave it): the full run locks the copy, so with the copy held by another run the
    command must not answer from the record (which names the first folder)."""
    from tts_assets.store import lock

    first, second = course.root / "s1", course.root / "s2"
    first.mkdir()
    (first / "phrases.json").write_text('[{"word": "ねこ"}]', "utf-8")
    shared = course.p / "shared"
    shared.symlink_to(first)
    (course.p / "tts-assets.toml").write_text(_PHRASES)
    code, _, err, _ = course.run()
    assert code == 0, err
    _kept(course)
    shutil.copytree(first, second)
    st = os.lstat(shared)
    shared.unlink()
    shared.symlink_to(second)
    os.utime(shared, ns=(st.st_atime_ns, st.st_mtime_ns), follow_symlinks=False)
    with lock.locked([second]):
        code, _, err, planned = course.run()
    assert planned and code == 2 and "another tts-assets run is writing here" in err
