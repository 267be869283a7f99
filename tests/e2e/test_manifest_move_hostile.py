"""The move of a JSON manifest into a database at the default line
(`store.database.DATABASE_FROM`, scaled down by a wrapper as a test can, never the
variable: a line a team set is said nothing of) as a hostile machine meets it: a real
`python -m tts_assets generate` killed (SIGKILL) at each step of the move; the note on it,
plain and --json, said once; a full disk at the first write that adds the index on texts
to a database an older tts-assets wrote, and a read-only out dir of one (also with a write
a kill cut, to roll back); every command on an out dir moved at the line saying what it
says of a JSON manifest.
espeak-ng makes the clips (fast); each case runs real processes, real files, real SQLite."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import mounts
from tests.support.manifests import is_database, read_manifest
from tests.support.markers import needs_espeak
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME

pytestmark = [pytest.mark.slow, needs_espeak]  # real runs, each a process of its own

LINE = 4
"""The default line, scaled down: two clips made, then two more bring it there."""

WRAPPER = """
import os, signal, sys
from tts_assets.content import windows
from tts_assets.store import database, manifest
database.DATABASE_FROM = int(os.environ["LINE"])
windows.WINDOW_TEXTS = int(os.environ.get("WINDOW", windows.WINDOW_TEXTS))
step = os.environ.get("KILL_AT", "")

def kill():
    os.kill(os.getpid(), signal.SIGKILL)

write_database, put_in_place = database.write_database, manifest.put_in_place
write = manifest.Store.write

def writing(path, entries, version):
    def cut():  # killed with the database half written in the staging folder
        for n, entry in enumerate(entries):
            if n == 2:
                kill()
            yield entry
    return write_database(path, cut() if step == "writing" else entries, version)

def staged(path, entries, version):
    writing(path, entries, version)
    if step == "staged":  # written whole, not yet renamed into the out dir
        kill()

def placed(*args, **kwargs):
    db = put_in_place(*args, **kwargs)
    if step == "placed":  # in place beside the full JSON manifest, no stub yet
        kill()
    return db

def stubbed(self, path, data):
    write(self, path, data)
    if step == "stub" and data == database.stub():  # the stub names it; the run goes on no more
        kill()

database.write_database = staged
manifest.put_in_place = placed
manifest.Store.write = stubbed
from tts_assets.cli.app import main
sys.argv[0] = "tts-assets"
main()
"""

WORDS = ["みず", "やま", "かわ", "うみ", "そら"]


def _run(project: Path, *args: str, kill_at: str = "", line: int = LINE) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != DATABASE_ENV}
    env.update(LINE=str(line), KILL_AT=kill_at, PYTHONPATH=str(Path(__file__).parents[2]))
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def _json(project: Path, *args: str, code: int = 0, line: int = LINE) -> Any:
    got, said = _run(project, *args, "--json", line=line)
    assert got == code, said
    return json.loads(said[: said.rindex("}") + 1])


def _words(project: Path, words: list[str]) -> None:
    entries = [{"id": f"v{n}", "word": w} for n, w in enumerate(words)]
    (project / "data").mkdir(parents=True, exist_ok=True)
    (project / "data/vocabulary.json").write_text(json.dumps(entries, ensure_ascii=False))


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A project of two clips, a JSON manifest; its content now four words: the run makes
    two more, which bring its manifest to the line."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "tts-assets.toml").write_text('provider = "espeak"\ntype = "vocabulary"\n')
    _words(project, WORDS[:2])
    assert _json(project, "generate")["generated"] == 2
    assert not is_database(project / "public/audio")
    _words(project, WORDS[:4])
    return project


def _folders(project: Path, more: str = "") -> Path:
    """`project` of four folders of a word each (a window each, in windows of a text), its
    config's vocabulary reading them all, `more` after it."""
    for n, word in enumerate(WORDS[:4]):
        folder = project / f"data/f{n}"
        folder.mkdir(parents=True)
        entry = [{"id": f"v{n}", "word": word}]
        (folder / "vocabulary.json").write_text(json.dumps(entry, ensure_ascii=False))
    (project / "tts-assets.toml").write_text(
        'provider = "espeak"\nlang = "ja"\n[types.vocabulary]\nfile = "*/vocabulary.json"\n'
        f'fields = [{{ text = "word", url = "audioUrl" }}]\n{more}'
    )
    return project


def _gist(note: str) -> str:
    """A note on the move without the clips it counts missing (a rerun finds them made)."""
    return re.sub(r" once the [0-9,]+ missing are made", "", note)


def _moving(found: dict[str, Any]) -> list[str]:
    return [n for n in found["notes"] if DATABASE_NAME in n]


@pytest.mark.parametrize("step", ["writing", "staged", "placed", "stub"])
def test_a_kill_at_each_step_of_the_move_loses_nothing_and_makes_nothing_twice(
    course: Path, step: str
) -> None:
    out = course / "public/audio"
    planned = _json(course, "generate", "--dry-run")
    (note,) = _moving(planned)
    assert f"{LINE} clips once the " in note and f"are made, {LINE} or more" in note, note
    code, said = _run(course, "generate", kill_at=step)
    assert code == -9, said  # SIGKILL, at the step
    moved = step == "stub"
    assert is_database(out) == moved
    if not moved:  # the JSON manifest the manifest still (as a flush under the line left it)
        assert len(read_manifest(out)["clips"]) in (2, 3)

    again = _json(course, "generate")
    assert again["generated"] == 0, again  # the two made taken back: not made (billed) again
    # Said again where the move is still to come (its clips now recovered, not missing);
    # not once it is made. A database put in place before its stub is the manifest: the
    # JSON manifest left in the stub's place is taken into it, and said so.
    if step == "placed":
        (taken,) = _moving(again)
        assert "where the stub of the database belongs" in taken, taken
    else:
        assert [_gist(n) for n in _moving(again)] == ([] if moved else [_gist(note)])
    assert is_database(out)
    assert sorted(c["text"] for c in read_manifest(out)["clips"]) == sorted(WORDS[:4])
    assert _json(course, "verify")["broken"] == []
    staging = out / ".temp-audio"
    leftovers = [p.name for p in staging.glob("*") if p.name != ".gitignore"]
    assert not leftovers, leftovers
    assert not (out / f"{DATABASE_NAME}.new").exists()
    assert _moving(_json(course, "generate", "--dry-run")) == []


def test_the_note_is_said_once_plain_and_json_and_never_after_the_move(course: Path) -> None:
    code, plain = _run(course, "generate", "--dry-run")
    assert code == 0 and plain.count(DATABASE_NAME) == 1, plain
    (note,) = _moving(_json(course, "generate", "--dry-run"))
    # The dry runs wrote nothing: the note stands, the manifest is JSON.
    assert not is_database(course / "public/audio")
    assert " ".join(note.split()[:3]) in " ".join(plain.split())
    made = _json(course, "generate")
    assert made["generated"] == 2 and _moving(made) == [note]
    for args in (("generate",), ("generate", "--dry-run")):
        code, plain = _run(course, *args)
        assert code == 0 and DATABASE_NAME not in plain, plain
    # A line above the out dir's clips: nothing said, nothing moved (a JSON manifest).
    fresh = course.parent / "fresh"
    shutil.copytree(course, fresh)
    shutil.rmtree(fresh / "public")
    _words(fresh, WORDS[:4])
    assert _moving(_json(fresh, "generate", line=5)) == []
    assert not is_database(fresh / "public/audio")


def _older_database(db_path: Path) -> None:
    """The database as an older tts-assets wrote it: no index on texts."""
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("DROP INDEX clips_of_text")
    db.execute("VACUUM")
    db.close()


def _indexes(db_path: Path) -> set[str]:
    db = sqlite3.connect(db_path)
    try:
        found = db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        db.close()
    return {name for (name,) in found}


def test_a_full_disk_at_the_first_write_that_adds_the_index_stops_the_run_honestly(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "tts-assets.toml").write_text('provider = "espeak"\ntype = "vocabulary"\n')
    with mounts.tmpfs(project / "public", "16m"):
        # An out dir of many entries (their texts long: a large index), a database.
        _words(project, WORDS[:4])
        assert _json(project, "generate", line=1)["generated"] == 4
        db_path = project / "public/audio" / DATABASE_NAME
        built = shutil.copy(db_path, tmp_path / DATABASE_NAME)  # built off the small disk
        db = sqlite3.connect(built, isolation_level=None)
        (entry,) = db.execute("SELECT entry FROM clips LIMIT 1").fetchone()
        doc = json.loads(entry)
        rows = []
        for n in range(8000):
            other = {**doc, "text": f"{n} " + "ことば" * 10, "path": f"vocabulary/x{n:05}.mp3"}
            entry = json.dumps(other, ensure_ascii=False)
            rows.append((other["path"], doc["key"], doc["bytes"], None, 0, entry))
        db.executemany("INSERT INTO clips VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.close()
        _older_database(built)  # its index's pages not left free in the file: vacuumed
        shutil.copy(built, db_path)
        before = db_path.read_bytes()
        _words(project, WORDS)  # one more word
        mounts.fill(project / "public")
        filler = project / "public/filler"
        with filler.open("r+b") as f:  # room for a clip, none for the index
            f.truncate(filler.stat().st_size - 200_000)

        code, said = _run(project, "generate", line=1)
        assert code != 0 and "Traceback" not in said, said
        assert "space" in said.lower() or "full" in said.lower(), said
        assert db_path.read_bytes() == before  # the cut write rolled back
        assert "clips_of_text" not in _indexes(db_path)

        filler.unlink()
        again = _json(project, "generate", line=1)
        assert again["generated"] == 0, again  # the clip made taken back, not billed again
        assert "clips_of_text" in _indexes(db_path)


TIMED = {"seconds", "clips_per_minute"}
"""Fields of an answer that say how long it took."""


def _untimed(found: Any) -> Any:
    if isinstance(found, dict):
        return {k: _untimed(v) for k, v in found.items() if k not in TIMED}
    if isinstance(found, list):
        return [_untimed(v) for v in found]
    return found


def _said(project: Path, *args: str, line: int) -> tuple[int, Any]:
    """A command's exit code and its --json answer (untimed), the project's folder named
    alike."""
    code, said = _run(project, *args, "--json", line=line)
    said = said.replace(str(project), "<project>")
    try:
        return code, _untimed(json.loads(said))
    except json.JSONDecodeError:
        return code, said


def _changed(project: Path) -> None:
    """The course changed: a word gone (its clip unused), a clip's file gone (missing), a
    predecessor's recording at a URL of its own (to adopt)."""
    entries = json.loads((project / "data/vocabulary.json").read_text())
    audio = project / "public/audio/vocabulary"
    (audio / Path(entries[1]["audioUrl"]).name).unlink()
    shutil.copy(audio / Path(entries[2]["audioUrl"]).name, audio / "theirs.mp3")
    entries.insert(-1, {"id": "v9", "word": "ほし", "audioUrl": "/audio/vocabulary/theirs.mp3"})
    (project / "data/vocabulary.json").write_text(json.dumps(entries[:-1], ensure_ascii=False))


def test_every_command_on_an_out_dir_moved_at_the_line_says_what_it_says_of_json(
    tmp_path: Path,
) -> None:
    as_json, moved, shard = tmp_path / "json", tmp_path / "moved", tmp_path / "shard"
    as_json.mkdir()
    (as_json / "tts-assets.toml").write_text('provider = "espeak"\ntype = "vocabulary"\n')
    _words(as_json, WORDS)
    assert _json(as_json, "generate", line=10**9)["generated"] == len(WORDS)
    shutil.copytree(as_json, shard)  # another out dir's clips, to merge in
    shutil.rmtree(shard / "public")
    _words(shard, ["はな", "つき"])
    assert _json(shard, "generate", line=10**9)["generated"] == 2
    shutil.copytree(as_json, moved)
    # A command that only reads moves nothing: verify, and prune's list.
    for args in (("verify",), ("prune",), ("generate", "--dry-run")):
        _run(moved, *args, line=LINE)
        assert not is_database(moved / "public/audio"), args
    # The move by the default line: at a no-op run's flush.
    assert _json(moved, "generate", line=LINE)["generated"] == 0
    assert is_database(moved / "public/audio")
    assert read_manifest(moved / "public/audio") == read_manifest(as_json / "public/audio")

    lines = {as_json: 10**9, moved: LINE}
    said: dict[Path, list[tuple[int, Any]]] = {as_json: [], moved: []}
    for project, line in lines.items():
        _changed(project)
        for args in (
            ("verify",),
            ("prune",),
            ("adopt",),
            ("verify",),
            ("review",),
            ("prune", "--yes"),
            ("merge", "public/audio", str(shard / "public/audio")),
            ("rebuild-manifest",),
            ("verify",),
        ):
            said[project].append(_said(project, *args, line=line))
    for n, (got, expected) in enumerate(zip(said[moved], said[as_json], strict=True)):
        assert got == expected, (n, json.dumps(got, indent=0), json.dumps(expected, indent=0))
    adopted, pruned, merged = (said[as_json][n][1] for n in (2, 5, 6))
    assert len(adopted["adopted"]) == 1, adopted
    assert pruned["deleted"] and len(pruned["unused"]) == 1, pruned  # そら
    assert isinstance(merged, dict), merged
    assert merged["copied"] == 2, merged
    assert not is_database(as_json / "public/audio")
    assert is_database(moved / "public/audio")
    assert read_manifest(moved / "public/audio") == read_manifest(as_json / "public/audio")


_CUT_IN_THE_INDEX = """
import os, signal, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode = DELETE")
db.execute("PRAGMA cache_size = 1")  # the index's pages spilled into the file as it goes
db.execute("BEGIN IMMEDIATE")
n = [0]
def tick():
    n[0] += 1
    if n[0] > 60:
        os.kill(os.getpid(), signal.SIGKILL)
    return 0
db.set_progress_handler(tick, 100)
db.execute(sys.argv[2])
"""
"""A write that adds the index on texts (`database._TEXT_INDEX`), killed part way."""


def test_a_read_only_out_dir_of_an_older_database_is_read_and_never_written(
    tmp_path: Path,
) -> None:
    from tts_assets.store.database import _TEXT_INDEX

    project = tmp_path / "project"
    project.mkdir()
    (project / "tts-assets.toml").write_text('provider = "espeak"\ntype = "vocabulary"\n')
    public = project / "public"
    with mounts.tmpfs(public, "16m"):
        _words(project, WORDS[:4])
        assert _json(project, "generate", line=1)["generated"] == 4
        db_path = public / "audio" / DATABASE_NAME
        db = sqlite3.connect(db_path, isolation_level=None)
        (entry,) = db.execute("SELECT entry FROM clips LIMIT 1").fetchone()
        doc = json.loads(entry)
        rows = []
        for n in range(800):  # entries no text uses (verify's unused): a larger index
            other = {**doc, "text": f"{n} " + "か" * 100, "path": f"vocabulary/x{n:05}.mp3"}
            entry = json.dumps(other, ensure_ascii=False)
            rows.append((other["path"], doc["key"], doc["bytes"], None, 0, entry))
        db.executemany("INSERT INTO clips VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.close()
        _older_database(db_path)
        _words(project, WORDS)  # one more word
        before = {p: p.read_bytes() for p in public.rglob("*") if p.is_file()}
        said = _said(project, "verify", line=1)

        # Read-only: read as it is (no index: asked by a scan), never written.
        mounts.read_only(public)
        assert _said(project, "verify", line=1) == said
        assert _json(project, "generate", "--dry-run", line=1)["types"]["vocabulary"]["new"] == 1
        code, out = _run(project, "generate", line=1)
        assert code == 3 and "read-only" in out and "Traceback" not in out, out
        assert {p: p.read_bytes() for p in public.rglob("*") if p.is_file()} == before

        # A kill cut the write that adds the index; the file system then read-only: the
        # cut write cannot be rolled back, nor the database read. The machine's fault, said
        # as one (exit 3), not a damaged manifest to rebuild.
        subprocess.run(["mount", "-o", "remount,rw", str(public)], check=True)
        cut = subprocess.run([sys.executable, "-c", _CUT_IN_THE_INDEX, str(db_path), _TEXT_INDEX])
        assert cut.returncode == -9
        assert db_path.with_name(f"{DATABASE_NAME}-journal").exists()
        mounts.read_only(public)
        for args in (("verify",), ("generate", "--dry-run"), ("generate",)):
            code, out = _run(project, *args, line=1)
            assert code == 3 and "read-only" in out, (args, out)
            assert "rebuild-manifest" not in out and "Traceback" not in out, out

        subprocess.run(["mount", "-o", "remount,rw", str(public)], check=True)
        assert _said(project, "verify", line=1) == said  # rolled back, as it was
        assert not db_path.with_name(f"{DATABASE_NAME}-journal").exists()
        assert _json(project, "generate", line=1)["generated"] == 1
        assert "clips_of_text" in _indexes(db_path)


@pytest.mark.parametrize("line", [3, 5])
def test_in_windows_the_note_is_said_once_at_the_window_that_reaches_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: int
) -> None:
    # Four folders of a word each, a window a text: the run makes each window before it
    # plans the next, so the clips it counts must not count a window's clips twice (once
    # planned, once in the store); a line above the course's four clips says nothing.
    project = _folders(tmp_path / "project")
    monkeypatch.setenv("WINDOW", "1")  # the wrapper's windows
    planned = _moving(_json(project, "generate", "--dry-run", line=line))
    made = _json(project, "generate", line=line)
    assert made["generated"] == 4
    assert _moving(made) == planned
    if line > 4:
        assert planned == [] and not is_database(project / "public/audio")
        return
    (note,) = planned
    assert f"{line} clips once the " in note, note
    assert is_database(project / "public/audio")
    assert _moving(_json(project, "generate", "--dry-run", line=line)) == []


@pytest.mark.parametrize("args", [("prune", "--yes"), ("adopt",), ("rebuild-manifest",)])
def test_every_command_that_moves_the_manifest_at_the_line_says_so(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    # Not generate alone: prune --yes, adopt and rebuild-manifest write the manifest too,
    # and the move is one way (an older tts-assets then refuses the out dir). verify, which
    # writes nothing, says what the next write does, as the dry run does.
    project = tmp_path / "project"
    project.mkdir()
    (project / "tts-assets.toml").write_text('provider = "espeak"\ntype = "vocabulary"\n')
    _words(project, WORDS[:4])
    assert _json(project, "generate", line=10**9)["generated"] == 4
    (told,) = _json(project, "verify")["notes"]
    assert f"{LINE} clips, {LINE} or more: the next write of it" in told, told
    assert not is_database(project / "public/audio")
    code, said = _run(project, *args, line=LINE)
    assert code in (0, 1), said
    assert is_database(project / "public/audio")  # moved by this command's flush
    assert f"{LINE} clips, {LINE} or more: moved into {DATABASE_NAME} by this command" in said
    assert "older" in said, said
    code, said = _run(project, *args, line=LINE)
    assert DATABASE_NAME not in said, said  # said once: at the move


@pytest.mark.parametrize("line", [5, 6])
def test_in_windows_a_clip_two_windows_plan_is_counted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: int
) -> None:
    # A word in a folder's vocabulary and in alpha's file: two windows plan its one clip
    # new, the run makes five clips. Counted twice, the note said 6 clips and a move at
    # the line of 6 that never came (and the run said 6 where its dry run said 5).
    fields = 'fields = [{ text = "word", url = "audioUrl" }]\n'
    project = _folders(tmp_path / "project", f'[types.alpha]\nfile = "alpha.json"\n{fields}')
    alpha = [{"word": WORDS[3]}, {"word": WORDS[4]}]
    (project / "data/alpha.json").write_text(json.dumps(alpha, ensure_ascii=False))
    whole = _moving(_json(project, "generate", "--dry-run", line=line))
    monkeypatch.setenv("WINDOW", "1")  # the wrapper's windows
    planned = _moving(_json(project, "generate", "--dry-run", line=line))
    made = _json(project, "generate", line=line)
    assert made["generated"] == 5
    assert _moving(made) == planned == whole
    assert is_database(project / "public/audio") == (line == 5)
    if line == 5:
        (note,) = planned
        assert "5 clips once the " in note and "are made, 5 or more" in note, note


@pytest.mark.parametrize("texts", [None, "1"], ids=["whole", "in windows"])
def test_a_clip_made_again_where_the_manifest_lists_it_adds_no_clip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, texts: str | None
) -> None:
    # Four clips, one's file gone: the run makes it again at the path the manifest lists,
    # four clips still. Counted as one more, the note said 5 clips and a move at the line
    # of 5 that never came.
    project = _folders(tmp_path / "project")
    assert _json(project, "generate", line=10**9)["generated"] == 4
    gone = sorted((project / "public/audio/vocabulary").iterdir())[0]
    gone.unlink()
    if texts is not None:
        monkeypatch.setenv("WINDOW", texts)  # the wrapper's windows
    planned = _json(project, "generate", "--dry-run", line=LINE + 1)
    assert planned["types"]["vocabulary"]["new"] == 1 and _moving(planned) == []
    (note,) = _moving(_json(project, "generate", "--dry-run", line=LINE))  # 4: at the line
    assert f"{LINE} clips, {LINE} or more" in note, note  # none missing from the manifest
    made = _json(project, "generate", line=LINE + 1)
    assert made["generated"] == 1 and _moving(made) == [] and gone.exists()
    assert not is_database(project / "public/audio")
