"""A kept plan (`commands.kept`): a run with nothing to do, run again with nothing
changed, answers from the record the first one kept without planning; any change to an
input it declares, or any doubt about the record, is the full run, with the same output.

Every run here is a real process (`python -m tts_assets`) on the sample content, its out
dir filled without synthesis (`benchmarks.fill_store`). Each process notes in a file
whether it planned (`tally.surveyed` entered, as a run and a dry run do), which is how a test
tells the kept plan from the full run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

_RUN = """
import os, runpy, sys
import tts_assets.commands.generate as g
marks = os.environ["PLANNED_LOG"]
def noted(real):
    def planned(*args, **kwargs):
        with open(marks, "a") as log:  # at once: a test may wait for it
            log.write("planned\\n")
        return real(*args, **kwargs)
    return planned
g.surveyed = noted(g.surveyed)
sys.argv = ["tts-assets", *sys.argv[1:]]
runpy.run_module("tts_assets", run_name="__main__")
"""


class Course:
    """A project folder with its own cache folder, run as a user would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache = root / "cache"
        self.log = root / "planned.log"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TTS_ASSETS_")}
        self.env.update(
            PYTHONPATH=str(ROOT),
            TTS_ASSETS_CACHE_DIR=str(self.cache),
            TTS_ASSETS_MANIFEST_DATABASE_FROM=str(10**12),
            PLANNED_LOG=str(self.log),
        )

    def run(
        self,
        *args: str,
        dry: bool = False,
        where: tuple[str, ...] = ("data", "out"),
        timeout: float = 300,
    ) -> tuple[int, str, str, bool]:
        """(exit code, stdout, stderr, whether it planned) of `generate --json ARGS`, on the
        data dir and out dir `where` names (none: the config's)."""
        self.log.unlink(missing_ok=True)
        folders = ["--data-dir", where[0], "--out-dir", where[1]] if where else []
        command = ["generate", *folders, "--json", *args]
        done = subprocess.run(
            [sys.executable, "-c", _RUN, *command, *(["--dry-run"] if dry else [])],
            cwd=self.root / "p",
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return done.returncode, done.stdout, done.stderr, self.log.exists()

    def records(self) -> list[Path]:
        return sorted((self.cache / "kept-plans").glob("*.json"))


def _same(out: str) -> object:
    """A run's --json object, its time aside."""
    doc = json.loads(out)
    doc.pop("seconds")
    doc.pop("clips_per_minute")
    return doc


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return filled(tmp_path_factory.mktemp("kept"))


def filled(root: Path) -> Path:
    """The sample course under `root`/p, its out dir filled without synthesis and its URLs
    written back, no record kept; `root`."""
    shutil.copytree(ROOT / "data", root / "p" / "data")
    (root / "p/data/readings.json").unlink()  # a new content file, for one test
    (root / "p" / "out").mkdir()
    course = Course(root)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.fill_store", "data", "out"],
        cwd=root / "p",
        env={**course.env, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
    )
    code, _, err, _ = course.run()  # the URLs written back
    assert code == 0, err
    shutil.rmtree(course.cache / "kept-plans", ignore_errors=True)
    return root


@pytest.fixture
def course(built: Path, tmp_path: Path) -> Course:
    shutil.copytree(built, tmp_path / "c", symlinks=True)
    return Course(tmp_path / "c")


def _kept(course: Course, *, dry: bool = False) -> str:
    """Run twice: the first plans and keeps its plan; the second answers from it with the
    same output and exit code. The first's stdout."""
    code, first, err, planned = course.run(dry=dry)
    assert (code, planned) == (0, True), err
    assert len(course.records()) == 1
    code, again, err, planned = course.run(dry=dry)
    assert (code, planned) == (0, False), err
    assert _same(again) == _same(first)
    return first


@pytest.mark.parametrize("dry", [False, True], ids=["run", "dry run"])
def test_nothing_changed_plans_nothing_and_says_the_same(course: Course, dry: bool) -> None:
    first = _kept(course, dry=dry)
    # Again, then the same without the record (the full run).
    code, again, _, planned = course.run(dry=dry)
    assert not planned and _same(again) == _same(first)
    shutil.rmtree(course.cache / "kept-plans")
    code_full, full, _, planned = course.run(dry=dry)
    assert planned and code_full == code == 0
    assert _same(full) == _same(first)


def test_a_file_that_is_no_input_keeps_the_record(course: Course) -> None:
    """A CI's log written beside the config (in the folder the run starts in, which is on
    the import path of `python -c`), a file in the data dir no type reads, a build folder:
    none is an input, so the next run answers from the record."""
    _kept(course)
    p = course.root / "p"
    (p / "ci.log").write_text("the build's log\n")
    (p / "data/notes.txt").write_text("not content\n")
    (p / "build").mkdir()
    code, _, err, planned = course.run()
    assert (code, planned) == (0, False), err


def _touch_same(path: Path, old: bytes, new: bytes) -> None:
    """`path` with `old` replaced by `new` (as long), its size and mtime kept."""
    st = path.stat()
    data = path.read_bytes()
    assert old in data and len(old) == len(new)
    path.write_bytes(data.replace(old, new, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size


def _memo(course: Course) -> Path:
    found = [p for p in course.cache.glob("readings-*.sqlite")]
    assert found
    return found[0]


def _change_memo(course: Course) -> None:
    with sqlite3.connect(_memo(course)) as db:
        db.execute("CREATE TABLE IF NOT EXISTS other (x)")


CHANGES = {
    "content bytes, size and mtime kept": lambda c: _touch_same(
        c.root / "p/data/vocabulary.json", "ねこ".encode(), "ねぎ".encode()
    ),
    "a new content file": lambda c: shutil.copy(ROOT / "data/readings.json", c.root / "p/data"),
    "a config value": lambda c: (c.root / "p/tts-assets.toml").write_text("timeout = 61\n"),
    "a pronunciations file": lambda c: (c.root / "p/pronunciations.toml").write_text(
        '"猫" = "ねこ"\n'
    ),
    "a clip deleted": lambda c: next((c.root / "p/out/grammar").iterdir()).unlink(),
    "the manifest edited": lambda c: (c.root / "p/out/manifest.json").write_text(
        json.dumps(json.loads((c.root / "p/out/manifest.json").read_text()), indent=3)
    ),
    "the readings memo": _change_memo,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_is_the_full_run(course: Course, change: str) -> None:
    dry = change in ("a clip deleted",)  # a run would make it (the dry run says so)
    _kept(course, dry=dry)
    CHANGES[change](course)
    code, out, err, planned = course.run(dry=dry)
    assert planned, change
    # What the full run says, with or without the record.
    shutil.rmtree(course.cache / "kept-plans")
    code_full, full, _, _ = course.run(dry=dry) if dry else (code, out, err, True)
    assert code == code_full and _same(out) == _same(full)


def test_variables_that_change_a_plan_are_inputs(course: Course) -> None:
    """The tool's own variables, and the Japanese analyzer's dictionary (which changes
    every reading), name the record: another value is the full run."""
    _kept(course)
    course.env["TTS_ASSETS_TIMEOUT"] = "61"
    assert course.run()[3]
    del course.env["TTS_ASSETS_TIMEOUT"]
    assert not course.run()[3]  # that record still holds
    import pyopenjtalk

    course.env["OPEN_JTALK_DICT_DIR"] = str(pyopenjtalk.OPEN_JTALK_DICT_DIR.decode())
    code, _, err, planned = course.run()
    assert code == 0 and planned, err
    assert course.run()[3]  # the memo that dictionary made: an input since
    assert not course.run()[3]
    course.env["A_VARIABLE_OF_NO_ONE"] = "1"
    assert not course.run()[3]  # a variable no run reads is none


def test_the_tools_code_and_engines_are_inputs(course: Course, tmp_path: Path) -> None:
    """A module loaded from outside the Python installation (the tool's own, a plugin's) by
    its bytes; an engine upgraded (another distribution's name on the import path)."""
    plugin = tmp_path / "plugins"
    plugin.mkdir()
    (plugin / "sitecustomize.py").write_text("WORD = 'a'\n")
    course.env["PYTHONPATH"] += os.pathsep + str(plugin)
    _kept(course)
    code = json.loads(course.records()[0].read_text())["inputs"]["code"]
    assert str(ROOT / "tts_assets/commands/generate.py") in code
    assert str(plugin / "sitecustomize.py") in code
    (plugin / "sitecustomize.py").write_text("WORD = 'b'\n")  # same size
    assert course.run()[3]
    assert not course.run()[3]
    (plugin / "pyopenjtalk_plus-99.0.dist-info").mkdir()
    assert course.run()[3]


@pytest.mark.parametrize(
    "damage",
    ["truncated", "not an object", "wrong types", "huge", "a fifo", "elsewhere", "nested"],
)
def test_a_damaged_record_is_ignored(course: Course, damage: str, tmp_path: Path) -> None:
    first = _kept(course)
    path = course.records()[0]
    record = json.loads(path.read_text())
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "not an object":
        path.write_text("[1, 2]")
    elif damage == "wrong types":
        record["sets"][0]["summary"]["counts"] = {"grammar": ["x"] * 11}
        record["sets"][0]["told"] = [["planned", -1, 0, 0, 0]]
        path.write_text(json.dumps(record))
    elif damage == "huge":
        path.write_text(json.dumps(record) + " " * (256 << 20))
    elif damage == "nested":
        path.write_text(json.dumps(record)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    elif damage == "a fifo":
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        record["inputs"]["code"][str(fifo)] = [0, 0, 0, 0, "0"]  # never opened
        path.write_text(json.dumps(record))
    else:
        record["inputs"]["code"]["/dev/zero"] = [0, 0, 0, 0, "0"]
        record["inputs"]["code"][str(tmp_path / "gone")] = None
        path.write_text(json.dumps(record))
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err, planned = course.run()
    assert (code, planned) == (0, True), err
    assert _same(out) == _same(first)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_kill_while_keeping_leaves_the_old_record_or_none(course: Course) -> None:
    kill = _RUN.replace(
        "sys.argv =",
        "os.fsync = lambda fd: os.kill(os.getpid(), 9)\n"  # the record written, not renamed
        "sys.argv =",
    )
    command = ["generate", "--data-dir", "data", "--out-dir", "out", "--json"]
    done = subprocess.run(
        [sys.executable, "-c", kill, *command], cwd=course.root / "p", env=course.env
    )
    assert done.returncode == -signal.SIGKILL
    assert course.records() == []  # none (a temporary file at most)
    first = _kept(course)  # the next run plans, keeps, and the one after uses it
    done = subprocess.run(
        [sys.executable, "-c", kill, *command, "--dry-run"],
        cwd=course.root / "p",
        env=course.env,
    )
    assert done.returncode == -signal.SIGKILL
    code, out, _, planned = course.run()
    assert (code, planned) == (0, False)  # the old record, whole
    assert _same(out) == _same(first)


_LIBRARY = """
import os, sys, tts_assets
settings = tts_assets.load_settings(".", data_dir="data", out_dir="out")
if sys.argv[1] == "after a run of one type":
    tts_assets.generate(settings, dry_run=True, only=["grammar"])
summary = tts_assets.generate(settings, dry_run=True)
print(summary.exit_code, sum(c.new for c in summary.counts.values()))
"""


def _library(course: Course, how: str, **env: str) -> tuple[str, bool]:
    course.log.unlink(missing_ok=True)
    run = _RUN.replace("sys.argv =", _LIBRARY + "\nraise SystemExit\nsys.argv =")
    done = subprocess.run(
        [sys.executable, "-c", run, how],
        cwd=course.root / "p",
        env={**course.env, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), course.log.exists()


def test_a_library_process_keeps_and_uses_records(course: Course, tmp_path: Path) -> None:
    """A library process keeps a record and answers from it as the command does, whatever
    it ran before (the process's caches are no input); another analyzer dictionary is the
    full run (whose readings fail here), and the memo it left in the cache folder (every
    memo there is an input) makes the next run plan once more."""
    assert _library(course, "after a run of one type") == ("0 0", True)
    assert _library(course, "after a run of one type") == ("0 0", True)  # `only`: planned
    assert len(course.records()) == 1
    assert _library(course, "alone") == ("0 0", False)
    empty = tmp_path / "no dictionary"
    empty.mkdir()
    said, planned = _library(course, "alone", OPEN_JTALK_DICT_DIR=str(empty))
    assert planned and said != "0 0", said
    assert _library(course, "alone") == ("0 0", True)
    assert _library(course, "alone") == ("0 0", False)


def _holds_open(pid: int, folder: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    for fd in fds.iterdir():
        try:
            if os.readlink(fd) == str(folder):
                return True
        except OSError:
            pass
    return False


def test_the_record_is_checked_under_the_out_dir_s_lock(course: Course) -> None:
    """A run that finds the out dir locked checks the record once it holds the lock, as
    the full run plans once it does: what the holder changed before letting go counts."""
    from tts_assets.store import lock

    _kept(course)
    out = (course.root / "p/out").resolve()
    command = ["generate", "--data-dir", "data", "--out-dir", "out", "--json", "--wait", "120"]
    course.log.unlink(missing_ok=True)
    with lock.locked([out]):
        waiting = subprocess.Popen(
            [sys.executable, "-c", _RUN, *command],
            cwd=course.root / "p",
            env=course.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        while not _holds_open(waiting.pid, out):  # waiting for the lock
            assert waiting.poll() is None
        manifest = out / "manifest.json"
        manifest.write_bytes(manifest.read_bytes()[:100])  # the holder damages it
    said, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 2 and course.log.exists(), said
    assert "not a tts-assets manifest" in err


def test_a_content_file_s_link_retargeted_is_the_full_run(course: Course) -> None:
    """A content file that is a symbolic link, pointed at another file of the same size and
    time: its bytes are what counts."""
    data = course.root / "p/data"
    (course.root / "v1.json").write_bytes((data / "vocabulary.json").read_bytes())
    (data / "vocabulary.json").unlink()
    (data / "vocabulary.json").symlink_to(course.root / "v1.json")
    _kept(course, dry=True)
    shutil.copy2(course.root / "v1.json", course.root / "v2.json")
    _touch_same(course.root / "v2.json", "ねこ".encode(), "ねぎ".encode())
    (data / "vocabulary.json").unlink()
    (data / "vocabulary.json").symlink_to(course.root / "v2.json")
    code, out, err, planned = course.run(dry=True)
    assert planned and code == 0, err
    assert json.loads(out)["types"]["vocabulary"]["new"] == 1


def test_a_cache_folder_it_cannot_write_keeps_nothing(course: Course) -> None:
    """The record's folder cannot be made (a file is in its place): the run is the same,
    and so is the next."""
    (course.cache / "kept-plans").write_text("not a folder")
    code, first, err, planned = course.run()
    assert (code, planned) == (0, True), err
    code, again, err, planned = course.run()
    assert (code, planned) == (0, True), err
    assert _same(again) == _same(first)
    assert (course.cache / "kept-plans").read_text() == "not a folder"


_NOTEBOOK = """
import tts_assets
from tts_assets.features import registry
from tts_assets.features.hooks import Feature
WORD = "a"
class Said:
    def notes(self):
        return [f"note {WORD}"]
class Note(Feature):
    name = "note"
    def planned(self, prepared, earlier):
        return Said()
settings = tts_assets.load_settings(".", data_dir="data", out_dir="out")
registry.register(Note())
print([n for n in tts_assets.generate(settings, dry_run=True).notes if "note" in n])
WORD = "b"  # the feature's code changed, in no file (a notebook's cell run again)
print([n for n in tts_assets.generate(settings, dry_run=True).notes if "note" in n])
"""


def test_a_process_that_registered_a_feature_neither_keeps_nor_uses_a_record(
    course: Course,
) -> None:
    _kept(course, dry=True)  # a record the library's dry run could use
    done = subprocess.run(
        [sys.executable, "-c", _NOTEBOOK],
        cwd=course.root / "p",
        env=course.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["['note a']", "['note b']"]


def test_a_plugin_installed_since_is_the_full_run(course: Course, tmp_path: Path) -> None:
    """A feature plugin installed on the path after the record was kept (its distribution's
    metadata a new entry of a folder on sys.path): the full run calls it."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "notefeat.py").write_text(
        "from tts_assets.features.hooks import Feature\n"
        "class Said:\n"
        "    def notes(self):\n"
        "        return ['a plugin says so']\n"
        "class Note(Feature):\n"
        "    name = 'notefeat'\n"
        "    def planned(self, prepared, earlier):\n"
        "        return Said()\n"
        "FEATURE = Note()\n"
    )
    course.env["PYTHONPATH"] += os.pathsep + str(plugins)
    _kept(course, dry=True)
    info = plugins / "notefeat-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: notefeat\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[tts_assets.features]\nnotefeat = notefeat:FEATURE\n")
    code, out, err, planned = course.run(dry=True)
    assert (code, planned) == (0, True), err
    assert "a plugin says so" in json.loads(out)["notes"]


def test_a_hidden_folder_on_the_import_path_keeps_the_record(course: Course) -> None:
    """The folder Python runs from is on the import path (`python -c`, `python -m`): a
    tool's hidden folder made there since (`.hypothesis`, `.pytest_cache`, `.ruff_cache`,
    as the tests' own tools make in this project's folder, which the tests' runs import
    from) keeps the record, and a new module there is the full run. In CI the record was
    dropped when another test's tool made one mid-run."""
    _kept(course)
    for hidden in (".hypothesis", ".pytest_cache", "__pycache__"):
        (course.root / "p" / hidden).mkdir(parents=True)
    assert course.run()[3] is False
    (course.root / "p/rich.py").write_text("")  # an import here would find it first
    assert course.run()[3] is True


def test_a_database_manifest_is_read_by_its_bytes(course: Course) -> None:
    """A database manifest (opened by URI, read only): an entry changed, the file's size
    and time kept, is the full run."""
    course.env["TTS_ASSETS_MANIFEST_DATABASE_FROM"] = "0"
    assert course.run()[0] == 0  # the manifest moved into a database
    _kept(course, dry=True)
    database = course.root / "p/out/manifest.sqlite"
    st = database.stat()
    with sqlite3.connect(database) as db:
        path, entry = db.execute(
            "SELECT path, entry FROM clips WHERE path LIKE 'grammar/%' LIMIT 1"
        ).fetchone()
        size = json.loads(entry)["bytes"]
        other = size + 1 if len(str(size + 1)) == len(str(size)) else size - 1
        changed = entry.replace(f'"bytes": {size}', f'"bytes": {other}', 1)
        changed = changed.replace(f'"bytes":{size}', f'"bytes":{other}', 1)
        assert json.loads(changed)["bytes"] == other
        db.execute("UPDATE clips SET entry = ? WHERE path = ?", (changed, path))
    db.close()
    os.utime(database, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert database.stat().st_size == st.st_size
    code, out, err, planned = course.run(dry=True)
    assert (code, planned) == (0, True), err
    assert sum(t["new"] for t in json.loads(out)["types"].values()) == 1


# --- several content sets ([[sets]], the seed app's shape) ------------------------------

SETS = """
[[sets]]
name = "one"
data_dir = "data"
out_dir = "out"

[[sets]]
name = "two"
data_dir = "more"
out_dir = "out"
"""


@pytest.fixture
def sets(course: Course) -> Course:
    """The course as two content sets sharing its out dir, the second a copy of the first
    (its clips the first's), run once so the manifest knows both sets' clips."""
    p = course.root / "p"
    shutil.copytree(p / "data", p / "more")
    (p / "tts-assets.toml").write_text(SETS)
    code, _, err, _ = course.run(where=())
    assert code == 0, err
    shutil.rmtree(course.cache / "kept-plans", ignore_errors=True)
    return course


@pytest.mark.parametrize("dry", [False, True], ids=["run", "dry run"])
def test_several_sets_keep_one_plan_and_answer_from_it(sets: Course, dry: bool) -> None:
    """Each set's run reads what the one before left in memory, and a run checks every set
    before making any: one record for all."""
    code, first, err, planned = sets.run(where=(), dry=dry)
    assert (code, planned) == (0, True), err
    assert [s["set"]["name"] for s in json.loads(first)["sets"]] == ["one", "two"]
    assert len(sets.records()) == 1
    code, again, err, planned = sets.run(where=(), dry=dry)
    assert (code, planned) == (0, False), err
    assert _same_sets(again) == _same_sets(first)
    # The same for people: the lines of each set, its header first.
    said = _said(sets, dry)
    shutil.rmtree(sets.cache / "kept-plans")
    assert _said(sets, dry) == said  # the full run (it keeps the record again)
    assert len(sets.records()) == 1
    assert _said(sets, dry) == said  # from the record


def _said(course: Course, dry: bool) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate", *(["--dry-run"] if dry else [])],
        cwd=course.root / "p",
        env=course.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "set two: more → out (ja)" in done.stdout or dry
    return re.sub(r"[0-9.]+ s\b", "S", done.stdout + done.stderr)


def _same_sets(out: str) -> object:
    doc = json.loads(out)
    for one in doc["sets"]:
        one.pop("seconds")
        one.pop("clips_per_minute")
    return doc


def test_a_change_in_one_set_is_the_full_run_of_all(sets: Course) -> None:
    assert sets.run(where=(), dry=True)[3] and sets.records()
    words = sets.root / "p/more/vocabulary.json"
    words.write_text(words.read_text(encoding="utf-8").replace("ねこ", "ねぎ", 1), "utf-8")
    code, out, err, planned = sets.run(where=(), dry=True)
    assert planned and code == 0, err
    shutil.rmtree(sets.cache / "kept-plans")
    assert _same_sets(sets.run(where=(), dry=True)[1]) == _same_sets(out)
    one, two = json.loads(out)["sets"]
    assert (one["types"]["vocabulary"]["new"], two["types"]["vocabulary"]["new"]) == (0, 1)


def test_sets_answer_from_the_record_only_holding_every_folder(sets: Course) -> None:
    """A run answers from the record only holding every set's folders at once, without
    waiting (it could wait on a run that waits on it): a folder another run holds is the
    full run, which says what it says without a record."""
    from tts_assets.store import lock

    assert sets.run(where=())[3] and sets.records()
    with lock.locked([(sets.root / "p/more").resolve()]):
        code, out, err, planned = sets.run(where=())
        shutil.copytree(sets.cache / "kept-plans", sets.root / "kept")
        shutil.rmtree(sets.cache / "kept-plans")
        full = sets.run(where=())
    assert planned and (code, out, err) == full[:3]
    assert code == 2 and "another tts-assets run is writing here" in err
    shutil.copytree(sets.root / "kept", sets.cache / "kept-plans")
    assert not sets.run(where=())[3]  # let go: the record holds


def test_one_set_of_several_keeps_its_own_plan(sets: Course) -> None:
    code, first, err, planned = sets.run("--set", "two", where=())
    assert (code, planned) == (0, True), err
    code, again, err, planned = sets.run("--set", "two", where=())
    assert (code, planned) == (0, False), err
    assert _same_sets(again) == _same_sets(first)
    assert sets.run(where=())[3]  # the whole command: a record of its own


# --- attacks on several sets (keep67att) ------------------------------------------------


def _full_sets(course: Course, *args: str, dry: bool = False) -> tuple[int, object]:
    """What the full run of the sets says (its records set aside, then put back)."""
    aside = course.root / "aside"
    shutil.move(course.cache / "kept-plans", aside)
    code, out, err, planned = course.run(*args, where=(), dry=dry)
    assert planned, err
    shutil.rmtree(course.cache / "kept-plans", ignore_errors=True)
    shutil.move(aside, course.cache / "kept-plans")
    return code, _same_sets(out)


def _says_as_full(course: Course, *args: str, dry: bool = False) -> None:
    """The next run plans, and says what the full run says."""
    code, out, err, planned = course.run(*args, where=(), dry=dry)
    assert planned, err
    assert (code, _same_sets(out)) == _full_sets(course, *args, dry=dry)


_THIRD = '\n[[sets]]\nname = "three"\ndata_dir = "third"\nout_dir = "out"\n'
CONFIGS = {
    "sets reordered": lambda t: (
        t.split("\n[[sets]]")[0]
        + "\n[[sets]]"
        + t.split("[[sets]]")[2]
        + "\n[[sets]]"
        + t.split("[[sets]]")[1]
    ),
    "a set renamed": lambda t: t.replace('name = "two"', 'name = "deux"'),
    "a set removed": lambda t: t.split('\n[[sets]]\nname = "two"')[0],
    "a set added": lambda t: t + _THIRD,
}


@pytest.mark.parametrize("change", list(CONFIGS))
def test_sets_changed_in_the_config_are_the_full_run(sets: Course, change: str) -> None:
    shutil.copytree(sets.root / "p/data", sets.root / "p/third")
    assert sets.run(where=())[3] and len(sets.records()) == 1
    toml = sets.root / "p/tts-assets.toml"
    toml.write_text(CONFIGS[change](toml.read_text()))
    code, out, err, planned = sets.run(where=())
    assert (code, planned) == (0, True), err
    assert (code, _same_sets(out)) == _full_sets(sets)
    names = [s["set"]["name"] for s in json.loads(out)["sets"]]
    assert names == re.findall(r'name = "(\w+)"', toml.read_text())


SET_CHANGES = {
    "set two's bytes, size and mtime kept": lambda c: _touch_same(
        c.root / "p/more/vocabulary.json", "ねこ".encode(), "ねぎ".encode()
    ),
    "a new file in set two": lambda c: shutil.copy(ROOT / "data/readings.json", c.root / "p/more"),
    "a clip deleted": lambda c: next((c.root / "p/out/kanji").iterdir()).unlink(),
    "the manifest edited": CHANGES["the manifest edited"],
}


@pytest.mark.parametrize("change", list(SET_CHANGES))
@pytest.mark.parametrize("dry", [False, True], ids=["run", "dry run"])
def test_a_change_under_one_set_is_the_full_run(sets: Course, change: str, dry: bool) -> None:
    assert sets.run(where=(), dry=dry)[3] and len(sets.records()) == 1
    SET_CHANGES[change](sets)
    if dry or change == "the manifest edited":
        _says_as_full(sets, dry=dry)
        return
    code, out, err, planned = sets.run(where=())  # a run makes what changed
    assert (code, planned) == (0, True), err
    assert sum(s["generated"] for s in json.loads(out)["sets"]) > 0


def test_sets_runs_dry_runs_and_one_set_keep_records_of_their_own(sets: Course) -> None:
    """A dry run's record is never a run's, nor the reverse, nor `--set two`'s the whole
    command's: each plans once, then answers from its own."""
    kinds: list[tuple[tuple[str, ...], bool]] = [((), True), ((), False), (("--set", "two"), False)]
    for args, dry in kinds:
        code, _, err, planned = sets.run(*args, where=(), dry=dry)
        assert (code, planned) == (0, True), (args, dry, err)
    assert len(sets.records()) == 3
    for args, dry in reversed(kinds):
        code, again, err, planned = sets.run(*args, where=(), dry=dry)
        assert (code, planned) == (0, False), (args, dry, err)
        assert (code, _same_sets(again)) == _full_sets(sets, *args, dry=dry)


def test_a_plain_run_s_sets_record_answers_json(sets: Course) -> None:
    plain = [sys.executable, "-c", _RUN, "generate"]
    done = subprocess.run(plain, cwd=sets.root / "p", env=sets.env, capture_output=True)
    assert done.returncode == 0 and b"set two: more" in done.stdout, done.stderr
    assert len(sets.records()) == 1  # people's run kept it
    code, out, err, planned = sets.run(where=())
    assert (code, planned) == (0, False), err
    assert (code, _same_sets(out)) == _full_sets(sets)


def test_a_set_that_exits_1_keeps_nothing(sets: Course) -> None:
    """A dead URL in set two (a person's URL under the prefix, no file): exit 1, and the
    command is planned every time."""
    words = sets.root / "p/more/vocabulary.json"
    doc = json.loads(words.read_text("utf-8"))
    doc[0]["audioUrl"] = "/audio/vocabulary/nobody-made-this.mp3"
    words.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    for _ in range(2):
        code, out, err, planned = sets.run(where=())
        assert (code, planned) == (1, True), err
        assert sets.records() == []
    assert json.loads(out)["sets"][1]["exit_code"] == 1


def test_a_set_reading_outside_its_data_dir_is_kept_with_that_folder_locked(sets: Course) -> None:
    """Set two's type reads a file outside its data dir (`path`), whose folder the full
    run locks: the record names the folder, and a replay answers only holding it too (a
    run holding it makes the command the full run, which says so). Before, such a set was
    never kept: a course with its kanji in another folder always planned in full."""
    from tts_assets.store import lock

    shared = sets.root / "p/shared"
    shared.mkdir()
    phrases = shared / "phrases.json"
    phrases.write_text('[{"word": "ねこ"}]', "utf-8")
    toml = sets.root / "p/tts-assets.toml"
    toml.write_text(
        toml.read_text() + '[sets.types.phrases]\npath = "shared/phrases.json"\n'
        '[[sets.types.phrases.fields]]\ntext = "word"\nurl = "audioUrl"\n'
    )
    code, out, err, planned = sets.run(where=())
    assert (code, planned) == (0, True), err
    assert json.loads(out)["sets"][1]["generated"] == 1
    for args in ((), ("--set", "two")):  # the whole command's record, then one set's own
        code, first, err, planned = sets.run(*args, where=())
        assert (code, planned) == (0, True), err
        assert json.loads(first)["sets"][-1]["types"]["phrases"]["present"] == 1
        code, again, err, planned = sets.run(*args, where=())
        assert (code, planned) == (0, False), err
        assert _same_sets(again) == _same_sets(first)
        with lock.locked([shared.resolve()]):
            code, out, err, planned = sets.run(*args, where=())
        assert planned and code == 2 and "another tts-assets run is writing here" in err
    assert len(sets.records()) == 2


@pytest.mark.parametrize(
    "damage", ["a part missing", "a part damaged", "one set's record", "a fifo in its place"]
)
def test_a_damaged_sets_record_is_ignored(sets: Course, damage: str, tmp_path: Path) -> None:
    """Found hanging: a FIFO in the record's place was opened to be read, and a FIFO
    answers only when something writes to it (the command waited for ever)."""
    own = sets.run("--set", "two", where=())[3] and sets.records()
    code, first, err, planned = sets.run(where=())
    assert (code, planned) == (0, True), err
    (path,) = set(sets.records()) - set(own)
    record = json.loads(path.read_text())
    if damage == "a part missing":
        record["sets"].pop()
    elif damage == "a part damaged":
        record["sets"][1]["summary"]["counts"] = {"grammar": ["x"] * 11}
    if damage == "one set's record":
        shutil.copy(own[0], path)
    elif damage == "a fifo in its place":
        path.unlink()
        os.mkfifo(path)
    else:
        path.write_text(json.dumps(record))
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err, planned = sets.run(where=(), timeout=60)
    assert (code, planned) == (0, True), err
    assert _same_sets(out) == _same_sets(first)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not sets.run(where=())[3]  # kept again


_KILLED = {
    "writing": "os.fsync = lambda fd: os.kill(os.getpid(), 9)\n",
    "renaming": "real = os.replace\n"
    "def replace(src, dst, *args, **kwargs):\n"
    "    if 'kept-plans' in str(dst): os.kill(os.getpid(), 9)\n"
    "    return real(src, dst, *args, **kwargs)\n"
    "os.replace = replace\n",
}


@pytest.mark.parametrize("step", list(_KILLED))
def test_a_kill_while_keeping_the_sets_record(sets: Course, step: str) -> None:
    """Killed while the record is written, or before its rename: no record, or the old one
    (which holds no more, since the config's bytes changed); the next run plans."""
    kill = _RUN.replace("sys.argv =", _KILLED[step] + "sys.argv =")

    def killed() -> None:
        done = subprocess.run(
            [sys.executable, "-c", kill, "generate"], cwd=sets.root / "p", env=sets.env
        )
        assert done.returncode == -signal.SIGKILL

    killed()
    assert sets.records() == []
    assert sets.run(where=())[3] and not sets.run(where=())[3]
    old = sets.records()[0].read_bytes()
    with open(sets.root / "p/tts-assets.toml", "a") as toml:
        toml.write("# a comment: the same settings\n")
    killed()
    assert [p.read_bytes() for p in sets.records()] == [old]
    _says_as_full(sets)
    assert not sets.run(where=())[3]


def test_sets_waiting_for_a_set_another_run_holds_see_what_it_did(sets: Course) -> None:
    """`--wait`: a folder another run holds is the full run (no replay), which waits for
    set two's folder and then reads what the holder left there."""
    from tts_assets.store import lock

    assert sets.run(where=())[3] and sets.records()
    more = (sets.root / "p/more").resolve()
    sets.log.unlink(missing_ok=True)
    with lock.locked([more]):
        waiting = subprocess.Popen(
            [sys.executable, "-c", _RUN, "generate", "--wait", "120"],
            cwd=sets.root / "p",
            env={**sets.env, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert waiting.stdout is not None
        while "set two: more" not in waiting.stdout.readline():  # set one done
            assert waiting.poll() is None
        while not _holds_open(waiting.pid, more):  # waiting for set two's folder
            assert waiting.poll() is None
        (more / "vocabulary.json").write_text("[", "utf-8")  # the holder leaves it broken
    said, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 2 and sets.log.exists(), said
    assert "vocabulary.json" in err


_SLEEP = """
import faulthandler, signal, time, tts_assets.commands.kept as k
faulthandler.register(signal.SIGUSR1, all_threads=True)  # where it was, if it hangs
def slow(*args, **kwargs):
    open(os.environ["SLEEPING"], "w").close()
    # Short sleeps, as a slow step runs Python: a signal landing after the last check of
    # signals and before one long sleep's system call would wait for its end (seen in CI).
    for _ in range(2400):
        time.sleep(0.05)
if WHEN == "replaying":
    k.tell_again = slow
else:
    real = g.surveyed
    def surveyed(settings, *args, **kwargs):
        if settings.set_name == "two":
            slow()
        return real(settings, *args, **kwargs)
    g.surveyed = surveyed
"""


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
@pytest.mark.parametrize("when", ["replaying", "running"])
def test_a_stop_during_a_sets_command_keeps_nothing(
    sets: Course, when: str, how: signal.Signals
) -> None:
    """A stop while the record is told again leaves it as it was; a stop in the full
    run's second set keeps none. Both exit 130, as the full run does."""
    if when == "replaying":
        assert sets.run(where=())[3] and not sets.run(where=())[3]
    record = [p.read_bytes() for p in sets.records()]
    sleeping = sets.root / "sleeping"
    script = _RUN.replace("sys.argv =", f"WHEN = {when!r}\n" + _SLEEP + "sys.argv =")
    run = subprocess.Popen(
        [sys.executable, "-c", script, "generate", "--json"],
        cwd=sets.root / "p",
        env={**sets.env, "SLEEPING": str(sleeping)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while not sleeping.exists():
        assert run.poll() is None
    run.send_signal(how)
    try:
        out, err = run.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # seen once under load: say where each thread was
        run.send_signal(signal.SIGUSR1)
        time.sleep(1)
        run.kill()
        pytest.fail("no stop within 60 s; the run's threads:\n" + run.communicate()[1][-6000:])
    assert run.returncode == 130 and json.loads(out)["exit_code"] == 130, err
    assert [p.read_bytes() for p in sets.records()] == record
    code, _, err, planned = sets.run(where=())
    assert (code, planned) == (0, when == "running"), err


_LOOP = """
import json, sys, tts_assets
import tts_assets.commands.generate as g
planned = []
real = g.surveyed
def counted(settings, *args, **kwargs):
    planned.append(settings.set_name)
    return real(settings, *args, **kwargs)
g.surveyed = counted
settings = tts_assets.load_settings(".")
for name in sys.argv[1:]:
    if name == "edit":
        with open("more/vocabulary.json", "r+b") as words:
            data = words.read().replace("ねこ".encode(), "ねぎ".encode(), 1)
            words.seek(0); words.write(data)
        continue
    summary = tts_assets.generate(tts_assets.content_sets(settings, name)[0], dry_run=True)
    new = sum(c.new for c in summary.counts.values())
    print(json.dumps([name, planned.count(name), summary.exit_code, new]))
    planned.clear()
"""


def test_a_library_loop_over_sets_says_what_each_full_run_says(sets: Course) -> None:
    """The library over each set in one process: each set's run keeps its own record and
    answers from it while it holds, an edit in the process seen by the next run."""

    def loop(*names: str) -> list[list[object]]:
        done = subprocess.run(
            [sys.executable, "-c", _LOOP, *names],
            cwd=sets.root / "p",
            env=sets.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    assert loop("one", "two") == [["one", 1, 0, 0], ["two", 1, 0, 0]]
    assert len(sets.records()) == 2  # each set's own
    assert loop("one", "two", "edit", "two", "one") == [
        ["one", 0, 0, 0],
        ["two", 0, 0, 0],
        ["two", 1, 0, 1],
        ["one", 1, 0, 0],  # the readings memo learned ねぎ: an input of every set
    ]
    assert loop("two", "one") == [["two", 1, 0, 1], ["one", 0, 0, 0]]
    _, out, err, _ = sets.run("--set", "two", where=(), dry=True)
    assert json.loads(out)["sets"][0]["types"]["vocabulary"]["new"] == 1, err


def test_a_secret_setting_is_never_in_a_record(sets: Course) -> None:
    """Found: the API key (a secret, which a settings repr hides) was written into every
    record's name in the cache folder since settings were named field by field. It is
    named by a digest: another key is another record, and neither is in a file."""
    keys = ["sk-first-key-0123456789", "sk-other-key-0123456789"]
    for key in keys:
        sets.env["ELEVENLABS_API_KEY"] = key
        assert sets.run(where=())[3]
        assert not sets.run(where=())[3]
    assert len(sets.records()) == 2
    for record in sets.records():
        assert not any(k.encode() in record.read_bytes() for k in keys)


_NAMES = """
import hashlib, tts_assets
from tts_assets.commands.kept import _stable
settings = tts_assets.load_settings(".")
for one in tts_assets.content_sets(settings):
    print(hashlib.sha1(_stable(one).encode()).hexdigest())
"""


def test_sets_are_named_alike_in_every_process(sets: Course) -> None:
    """The settings' text is the same whatever a process's string hashes (a frozenset's
    order changes with them)."""
    toml = sets.root / "p/tts-assets.toml"
    toml.write_text(toml.read_text() + _THIRD.replace('"out"', '"out3"'))
    (sets.root / "p/third").mkdir()
    said = set()
    for seed in ("0", "1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", _NAMES],
            cwd=sets.root / "p",
            env={**sets.env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        said.add(done.stdout)
    assert len(said) == 1 and len(set(said.pop().split())) == 3


def adopted(root: Path) -> None:
    """The course under `root`/p with its first vocabulary text keeping a person's URL (a
    predecessor's recording: a copy of the tool's clip)."""
    words = root / "p/data/vocabulary.json"
    doc = json.loads(words.read_text("utf-8"))
    theirs = root / "p/out/vocabulary/theirs.mp3"
    shutil.copy2(root / "p/out" / doc[0]["audioUrl"].removeprefix("/audio/"), theirs)
    doc[0]["audioUrl"] = "/audio/vocabulary/theirs.mp3"
    words.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")


def test_a_persons_urls_kept_are_said_again_from_the_record(course: Course) -> None:
    """A course that adopted a predecessor keeps their URLs run after run (each a `kept`
    line): such a run is kept too, its kept URLs said again line for line and in --json.
    Before, it was never kept: the multi-language course of the e2e tests planned in full
    on every run."""
    p = course.root / "p"
    adopted(course.root)
    first = _kept(course)
    (kept,) = json.loads(first)["kept"]
    assert kept["old"] == "/audio/vocabulary/theirs.mp3"
    said = []
    for _ in range(2):  # plain output, from the record --json kept
        done = subprocess.run(
            [sys.executable, "-c", _RUN, "generate", "--data-dir", "data", "--out-dir", "out"],
            cwd=p,
            env=course.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        said.append((done.returncode, re.sub(r"[0-9.]+ s\b", "S", done.stdout + done.stderr)))
    assert not course.log.exists()  # both from the record
    shutil.rmtree(course.cache / "kept-plans")
    code, full, _, planned = course.run()
    assert planned and code == 0 and _same(full) == _same(first)
    done = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate", "--data-dir", "data", "--out-dir", "out"],
        cwd=p,
        env=course.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert said == [(0, re.sub(r"[0-9.]+ s\b", "S", done.stdout + done.stderr))] * 2
    assert "theirs.mp3" in said[0][1]
