"""Replacing a person's file: check-then-swap, owner and mode kept, hard links refused.

The changes that land between reading a file and replacing it are made by real
programs where the program is the point: `sed -i` saves the way editors do (a new file
renamed over the old one), `git checkout` rewrites the file, `ln -s` swaps a link in.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import REPO
from tests.support.markers import needs_espeak, needs_exchange, needs_symlinks, needs_xattrs
from tests.support.programs import editor_save, git
from tts_assets.errors import NotReplaced
from tts_assets.store import files as fsutil
from tts_assets.store.files import read_snapshot, replace_if_unchanged, write_atomic
from tts_assets.store.layout import staged_name

ROOT = REPO
NOBODY = 65534
NOGROUP = 65534
USERS = 100

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="changing a file's owner to another user needs root (as in Docker CI)",
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "vocabulary.json"
    path.parent.mkdir()
    path.write_bytes(b'[{"word": "mizu"}]\n')
    return path


def staging_of(content: Path) -> Path:
    return content.parent.parent / ".temp-audio"


def leftovers(content: Path) -> list[str]:
    """Files other than the content file, beside it and in the staging folder."""
    staging = staging_of(content)
    beside = [p.name for p in content.parent.iterdir() if p != content]
    staged = [p.name for p in staging.iterdir()] if staging.exists() else []
    return beside + staged


def test_replace_writes_the_new_bytes_through_the_staging_folder(content: Path) -> None:
    _, read = read_snapshot(content)
    inode = content.stat().st_ino
    kept = replace_if_unchanged(read, b"new", temp=staged_name(staging_of(content)))
    assert content.read_bytes() == b"new"
    assert kept.lost == ()
    assert content.stat().st_ino != inode  # a new file, renamed in: never half-written
    assert leftovers(content) == []


@pytest.mark.slow
def test_an_editors_save_between_reading_and_replacing_is_not_replaced(content: Path) -> None:
    _, read = read_snapshot(content)
    editor_save(content, "mizu", "yama")
    with pytest.raises(NotReplaced, match=r"vocabulary\.json: changed on disk") as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert e.value.kind == "changed"
    assert content.read_bytes() == b'[{"word": "yama"}]\n'
    assert leftovers(content) == []


@needs_exchange
def test_a_write_in_place_between_reading_and_replacing_is_not_replaced(content: Path) -> None:
    _, read = read_snapshot(content)
    with content.open("r+b") as f:  # same inode, same size: only times and bytes tell
        f.write(b'[{"word": "kawa"}]\n')
    with pytest.raises(NotReplaced, match="changed on disk"):
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert content.read_bytes() == b'[{"word": "kawa"}]\n'


@pytest.mark.slow
def test_a_save_landing_between_the_last_check_and_the_swap_is_put_back(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window a plain rename cannot close: the swap is checked after it is made. Our
    version was at the name for a moment (a program may have read it, and save on it
    later): a copy of the save put back is kept aside and named."""
    real_exchange = fsutil.exchange
    saves = []

    def save_first(a: Path, b: Path) -> None:
        if not saves:
            editor_save(b, "mizu", "umi")  # the editor saves right before the swap
            saves.append(b)
        real_exchange(a, b)

    monkeypatch.setattr(fsutil, "exchange", save_first)
    _, read = read_snapshot(content)
    with pytest.raises(NotReplaced, match="was saved while it was written") as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert saves
    assert content.read_bytes() == b'[{"word": "umi"}]\n'
    (kept,) = e.value.kept
    assert kept.read_bytes() == b'[{"word": "umi"}]\n'
    assert leftovers(content) == [kept.name]


@needs_exchange
def test_a_file_deleted_in_the_last_window_is_not_recreated(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_exchange = fsutil.exchange

    def delete_first(a: Path, b: Path) -> None:
        b.unlink()
        real_exchange(a, b)

    monkeypatch.setattr(fsutil, "exchange", delete_first)
    _, read = read_snapshot(content)
    with pytest.raises(NotReplaced, match="was deleted during the run; not re-created"):
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert not content.exists()
    assert leftovers(content) == []


@pytest.mark.slow
def test_a_git_checkout_between_reading_and_replacing_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "grammar.json"
    git(tmp_path, "init", "-q")
    path.write_text('[{"examples": [{"japanese": "A"}]}]\n', encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one")
    path.write_text('[{"examples": [{"japanese": "B"}]}]\n', encoding="utf-8")
    git(tmp_path, "commit", "-qam", "two")
    _, read = read_snapshot(path)
    git(tmp_path, "checkout", "-q", "HEAD~1", "--", "grammar.json")
    with pytest.raises(NotReplaced, match="changed on disk"):
        replace_if_unchanged(read, b"ours")
    assert path.read_text(encoding="utf-8") == '[{"examples": [{"japanese": "A"}]}]\n'


@pytest.mark.slow
def test_a_symlink_swapped_in_is_not_written_through(content: Path) -> None:
    elsewhere = content.parent / "other.json"
    elsewhere.write_bytes(b"someone else's file")
    _, read = read_snapshot(content)
    subprocess.run(["ln", "-sf", str(elsewhere), str(content)], check=True)
    with pytest.raises(NotReplaced, match="became a symbolic link") as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert e.value.kind == "symlink"
    assert content.is_symlink()
    assert elsewhere.read_bytes() == b"someone else's file"


@needs_symlinks
def test_a_content_file_that_is_a_symlink_has_its_target_updated(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "kanji.json"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "kanji.json"
    link.symlink_to(target)
    _, read = read_snapshot(link)
    replace_if_unchanged(read, b"new", temp=staged_name(tmp_path / ".temp-audio"))
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() == b"new"


@needs_symlinks
def test_a_symlink_pointed_elsewhere_is_not_written(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_bytes(b"a")
    second.write_bytes(b"b")
    link = tmp_path / "kanji.json"
    link.symlink_to(first)
    _, read = read_snapshot(link)
    link.unlink()
    link.symlink_to(second)
    with pytest.raises(NotReplaced, match=r"leads to .*b\.json now, to .*a\.json when it was read"):
        replace_if_unchanged(read, b"ours")
    assert (first.read_bytes(), second.read_bytes()) == (b"a", b"b")


@pytest.mark.slow
def test_a_deleted_file_is_not_recreated(content: Path) -> None:
    _, read = read_snapshot(content)
    subprocess.run(["rm", str(content)], check=True)
    with pytest.raises(NotReplaced) as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert e.value.kind == "deleted"
    assert not content.exists()


def test_a_renamed_file_is_not_recreated_under_its_old_name(content: Path) -> None:
    _, read = read_snapshot(content)
    content.rename(content.with_name("words.json"))
    with pytest.raises(NotReplaced, match="deleted"):
        replace_if_unchanged(read, b"ours")
    assert not content.exists()
    assert content.with_name("words.json").read_bytes() == b'[{"word": "mizu"}]\n'


def test_a_hard_linked_file_is_refused_and_keeps_its_links(content: Path) -> None:
    other = content.parent.parent / "backup.json"
    os.link(content, other)
    _, read = read_snapshot(content)
    with pytest.raises(NotReplaced, match="has 2 hard links; replacing it would cut them") as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert e.value.kind == "hard links"
    assert content.stat().st_ino == other.stat().st_ino
    assert content.read_bytes() == other.read_bytes() == b'[{"word": "mizu"}]\n'
    assert leftovers(content) == []


@needs_root
@pytest.mark.parametrize("replace", ["write_atomic", "replace_if_unchanged"])
def test_root_keeps_owner_group_and_mode_of_another_users_file(content: Path, replace: str) -> None:
    os.chown(content, NOBODY, NOGROUP)
    content.chmod(0o640)
    if replace == "write_atomic":
        kept = write_atomic(content, b"new", temp=staged_name(staging_of(content)))
    else:
        kept = replace_if_unchanged(
            read_snapshot(content)[1], b"new", temp=staged_name(staging_of(content))
        )
    st = content.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (NOBODY, NOGROUP, 0o640)
    assert content.read_bytes() == b"new"
    assert kept.lost == ()


@needs_xattrs
def test_extended_attributes_are_kept(content: Path) -> None:
    try:
        os.setxattr(content, "user.origin", b"lesson-3")
    except OSError as e:
        pytest.skip(f"no user extended attributes on this file system ({e.strerror})")
    replace_if_unchanged(read_snapshot(content)[1], b"new", temp=staged_name(staging_of(content)))
    assert os.getxattr(content, "user.origin") == b"lesson-3"


_AS_NOBODY = """
import ctypes, grp, json, os, pwd, sys
from pathlib import Path
from tts_assets.store import files as fsutil
# The interpreter lives under /root, which nobody may read: load everything, then drop root.
fsutil._renameat2()
os.setgroups([65534, 100])
os.setgid(65534)
os.setuid(65534)
path = Path(sys.argv[1])
kept = fsutil.replace_if_unchanged(fsutil.read_snapshot(path)[1], b"new")
print(json.dumps(list(kept.lost)))
"""


@needs_root
@pytest.mark.slow
@pytest.mark.parametrize(
    ("group", "lost"),
    [
        (USERS, ["owner root (uid 0): Operation not permitted"]),  # nobody is in users
        (0, ["owner root (uid 0): Operation not permitted", "group root (gid 0): ..."]),
    ],
)
def test_without_root_what_cannot_be_kept_is_said(group: int, lost: list[str]) -> None:
    """A process running as nobody (in group users) replaces root's file in a folder it
    may write: it keeps the mode, and the group where it is a member, and says the rest."""
    folder = Path(_world_writable_folder())
    try:
        path = folder / "kanji.json"
        path.write_bytes(b"old")
        os.chown(path, 0, group)
        path.chmod(0o664)

        done = subprocess.run(
            [sys.executable, "-c", _AS_NOBODY, str(path)],
            cwd=folder,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        said = json.loads(done.stdout)
        assert f"kanji.json: the new version cannot keep the old one's {said[0]}" in done.stderr
        assert [s.replace("Operation not permitted", "...") for s in said] == [
            s.replace("Operation not permitted", "...") for s in lost
        ]
        st = path.stat()
        assert (st.st_uid, st.st_gid) == (NOBODY, group if group == USERS else NOGROUP)
        assert stat.S_IMODE(st.st_mode) == 0o664
        assert path.read_bytes() == b"new"
    finally:
        shutil.rmtree(folder)


def _world_writable_folder() -> str:
    import tempfile

    folder = tempfile.mkdtemp(prefix="tts-assets-owner-", dir="/tmp")
    os.chmod(folder, 0o777)
    return folder


def test_without_the_exchange_the_file_is_replaced_by_a_rename(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(a: Path, b: Path) -> None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")

    monkeypatch.setattr(fsutil, "exchange", unavailable)
    replace_if_unchanged(read_snapshot(content)[1], b"new", temp=staged_name(staging_of(content)))
    assert content.read_bytes() == b"new"
    assert leftovers(content) == []


def test_a_staging_folder_on_another_file_system_falls_back_to_beside_the_file(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staging = staging_of(content)
    real_exchange = fsutil.exchange

    def across(a: Path, b: Path) -> None:
        if Path(a).parent == staging:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_exchange(a, b)

    monkeypatch.setattr(fsutil, "exchange", across)
    replace_if_unchanged(read_snapshot(content)[1], b"new", temp=staged_name(staging))
    assert content.read_bytes() == b"new"
    assert leftovers(content) == []


_EDITOR = """
import os, sys, time
path, saves = sys.argv[1], int(sys.argv[2])
for n in range(saves):
    with open(path) as f:
        text = f.read()
    tmp = f"{path}.{n}.swp"
    with open(tmp, "w") as f:
        f.write(text + f"e{n}\\n")
    os.replace(tmp, path)
    time.sleep(0.0005)
"""


@pytest.mark.slow
def test_no_save_of_an_editor_saving_all_the_time_is_lost(tmp_path: Path) -> None:
    """An editor process saves 300 times (read, append a line, write, rename) while this
    process keeps reading, appending its own line and replacing with the check-then-swap.
    The editor may drop our lines (its save wins), but we must never drop one of its.

    One race no check can close: a save lands between our check and our swap, and the
    editor reads our version (swapped in for the moment before the swap back) and saves
    on it, before or after the swap back. That save wins, and the one it displaced is set
    aside, named in the refusal (`test_a_second_save_during_the_undo_wins_and_the_first_is_
    kept_aside`, `test_a_save_made_on_our_version_while_it_was_in_place_loses_no_save`): a
    few times in 300 saves. Every editor line is then in the file or in a save set aside
    and named; nothing else is left in the staging folder."""
    path = tmp_path / "notes.json"
    path.write_text("", encoding="utf-8")
    staging = tmp_path / ".temp-audio"
    saves = 300
    editor = subprocess.Popen([sys.executable, "-c", _EDITOR, str(path), str(saves)])
    ours = refused = 0
    named: set[Path] = set()
    try:
        while editor.poll() is None:
            data, read = read_snapshot(path)
            try:
                replace_if_unchanged(read, data + f"w{ours}\n".encode(), temp=staged_name(staging))
                ours += 1
            except NotReplaced as e:
                refused += 1
                named.update(e.kept)
    finally:
        editor.wait()
    lines = path.read_text(encoding="utf-8").split()
    editors = [x for x in lines if x.startswith("e")]
    assert editors == sorted(editors, key=lambda x: int(x[1:]))  # in the order saved
    aside = set(staging.iterdir()) if staging.is_dir() else set()
    assert aside == named  # only saves set aside, each named in its refusal
    for kept in aside:
        editors += kept.read_text(encoding="utf-8").split()
    assert {x for x in editors if x.startswith("e")} == {f"e{n}" for n in range(saves)}
    assert ours > 0


_REPLACER = """
import sys
from pathlib import Path
from tts_assets.store.files import read_snapshot, replace_if_unchanged
from tts_assets.store.manifest import staged_name
path, staging = Path(sys.argv[1]), Path(sys.argv[2])
a, b = b"A" * 2_000_000, b"B" * 2_000_000
print("ready", flush=True)
while True:
    data, read = read_snapshot(path)
    replace_if_unchanged(read, b if data == a else a, temp=staged_name(staging))
"""


@pytest.mark.slow
def test_a_kill_at_any_moment_leaves_the_old_or_the_new_content(tmp_path: Path) -> None:
    path = tmp_path / "readings.json"
    path.write_bytes(b"A" * 2_000_000)
    staging = tmp_path / ".temp-audio"
    rng = random.Random(12)
    for _ in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-c", _REPLACER, str(path), str(staging)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert path.read_bytes() in (b"A" * 2_000_000, b"B" * 2_000_000)
        # What a killed run leaves is a .part file the next run's clean_staging removes.
        assert all(p.suffix == ".part" for p in staging.iterdir())


@needs_root
@pytest.mark.slow
@needs_espeak
def test_a_run_as_root_keeps_the_owner_group_and_mode_of_the_content(tmp_path: Path) -> None:
    """Docker CI: tts-assets runs as root on a checkout owned by the team's user."""
    grammar = tmp_path / "data" / "grammar.json"
    grammar.parent.mkdir()
    # In kana: espeak-ng's Japanese voice reads no kanji (行きます would be "kimasu").
    grammar.write_text('[{"examples": [{"japanese": "いきます。"}]}]\n', encoding="utf-8")
    os.chown(grammar, NOBODY, NOGROUP)
    grammar.chmod(0o640)
    done = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate", "--provider", "espeak"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "audioUrl" in grammar.read_text(encoding="utf-8")
    st = grammar.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (NOBODY, NOGROUP, 0o640)


@needs_exchange
def test_a_second_save_during_the_undo_wins_and_the_first_is_kept_aside(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_exchange = fsutil.exchange
    saves = iter([b"first save", b"second save"])

    def save_then_swap(a: Path, b: Path) -> None:
        version = next(saves, None)
        if version is not None:  # an editor saves right before each of our two swaps
            tmp = b.with_name(".swp")
            tmp.write_bytes(version)
            os.replace(tmp, b)
        real_exchange(a, b)

    monkeypatch.setattr(fsutil, "exchange", save_then_swap)
    _, read = read_snapshot(content)
    with pytest.raises(NotReplaced, match=r"saved twice .*the saves are kept in ") as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert content.read_bytes() == b"second save"
    # Both saves are kept aside, the one in place too (a program that read the first
    # while it was back for a moment may save over it), each named in the refusal.
    assert {p.read_bytes() for p in e.value.kept} == {b"first save", b"second save"}
    assert all(p.parent == staging_of(content) and str(p) in str(e.value) for p in e.value.kept)
    assert sorted(leftovers(content)) == sorted(p.name for p in e.value.kept)


def _save(path: Path, data: bytes) -> None:
    """An editor's save: a new file, renamed over the name."""
    swp = path.with_name(f".{path.name}.swp")
    swp.write_bytes(data)
    os.replace(swp, path)


def _around_the_swaps(
    monkeypatch: pytest.MonkeyPatch,
    before: dict[int, bytes],
    after: dict[int, Callable[[Path], object]],
) -> None:
    """An editor around our swaps: before the Nth (1: ours, 2: the swap back, ...) it saves
    `before[N]`; after it, `after[N]` is called with the content file's name."""
    real_exchange = fsutil.exchange
    calls = 0

    def editor_around(a: Path, b: Path) -> None:
        nonlocal calls
        calls += 1
        if calls in before:
            _save(b, before[calls])
        real_exchange(a, b)
        if calls in after:
            after[calls](b)

    monkeypatch.setattr(fsutil, "exchange", editor_around)


def _on_disk(root: Path, data: bytes) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.read_bytes() == data)


@needs_exchange
def test_a_save_made_on_our_version_while_it_was_in_place_loses_no_save(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race `test_no_save_of_an_editor_saving_all_the_time_is_lost` lost a save to: an
    editor saves between our check and our swap; our version is at the name until the swap
    back puts that save back; an editor reads our version in that moment and saves on it
    after the swap back, over the save put back. A copy of that save is kept, named."""
    read_ours: list[bytes] = []
    _around_the_swaps(
        monkeypatch,
        {1: b"first save"},  # a save lands right before our swap
        {
            1: lambda name: read_ours.append(name.read_bytes()),  # read while ours is there...
            2: lambda name: _save(name, read_ours[0] + b" and an edit"),  # ...saved on after
        },
    )
    _, read = read_snapshot(content)
    with pytest.raises(NotReplaced) as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert read_ours == [b"ours"]  # the order of events the test is about happened
    assert content.read_bytes() == b"ours and an edit"  # the last save wins
    kept = _on_disk(content.parent.parent, b"first save")
    assert len(kept) == 1  # the save put back and then saved over is not lost...
    assert e.value.kept == (kept[0],)  # ...and the refusal names where it is
    assert f"a copy of it is kept in {kept[0]}" in str(e.value)
    assert kept[0].parent == staging_of(content) and kept[0].suffix == fsutil.KEPT_SUFFIX
    assert sorted(leftovers(content)) == [kept[0].name]


@needs_exchange
def test_a_save_made_on_the_first_save_while_it_was_back_loses_neither(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved twice while we write: the first save lands before our swap, the second on our
    version before the swap back. Swapping back puts the first save at the name for a moment
    before the second goes back: an editor that reads it then and saves after, over the
    second save, loses neither: both are kept aside, named."""
    read_first: list[bytes] = []
    _around_the_swaps(
        monkeypatch,
        {1: b"first save", 2: b"second save"},
        {
            2: lambda name: read_first.append(name.read_bytes()),
            3: lambda name: _save(name, read_first[0] + b" and an edit"),
        },
    )
    _, read = read_snapshot(content)
    with pytest.raises(NotReplaced) as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert read_first == [b"first save"]
    assert content.read_bytes() == b"first save and an edit"
    first = _on_disk(content.parent.parent, b"first save")
    second = _on_disk(content.parent.parent, b"second save")
    assert len(first) == len(second) == 1
    assert set(e.value.kept) == {first[0], second[0]}
    assert all(str(p) in str(e.value) for p in e.value.kept)
    assert sorted(leftovers(content)) == sorted(p.name for p in e.value.kept)


def _save_numbered(path: Path, data: bytes, number: int) -> int:
    """An editor's save whose new file has the inode number `number` if the file system
    gives it out (it gives a freed one out again at once: ext4, tmpfs); returns the number."""
    made: list[Path] = []
    for n in range(64):
        made.append(path.with_name(f".{path.name}.{n}.swp"))
        made[-1].write_bytes(data)
        if made[-1].stat().st_ino == number:
            break
    os.replace(made[-1], path)
    for other in made[:-1]:
        other.unlink()
    return os.lstat(path).st_ino


@needs_exchange
def test_a_save_given_the_inode_number_of_our_freed_version_is_not_taken_for_ours(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `test_no_save_of_an_editor_saving_all_the_time_is_lost` caught: a save lands
    before our swap; the editor saves twice on our version before the swap back. Its
    first save frees our file, whose inode number goes to its second: that save was taken
    for ours, deleted, and both lost. Our file is held open until the end: its number is
    given to no other file. (A file system that gives no freed number out again would
    pass this without the fix; ext4, where this ran, gives it at once.)"""
    numbers: list[int] = []

    def save_twice_on_ours(name: Path) -> None:
        numbers.append(os.lstat(name).st_ino)  # our version, at the name
        _save(name, name.read_bytes() + b" e2")
        numbers.append(_save_numbered(name, name.read_bytes() + b" e3", numbers[0]))

    _around_the_swaps(monkeypatch, {1: b"first save"}, {1: save_twice_on_ours})
    _, read = read_snapshot(content)
    with pytest.raises(NotReplaced, match="saved twice") as e:
        replace_if_unchanged(read, b"ours", temp=staged_name(staging_of(content)))
    assert numbers[1] != numbers[0]  # held open, our version kept its number to itself
    assert content.read_bytes() == b"ours e2 e3"  # the last save, not taken for ours
    assert {p.read_bytes() for p in e.value.kept} == {b"first save", b"ours e2 e3"}
    assert sorted(leftovers(content)) == sorted(p.name for p in e.value.kept)


def test_a_file_is_read_where_the_system_has_no_nonblocking_open(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows: no O_NONBLOCK, and `os.set_blocking` takes pipes only (none before 3.12):
    a content file opened blocking is read without asking for blocking reads again."""

    def pipes_only(fd: int, blocking: bool) -> None:
        raise OSError(errno.EINVAL, "not a pipe")  # what Windows answers for a file

    monkeypatch.setattr(fsutil, "NONBLOCK", 0, raising=False)
    monkeypatch.setattr(os, "set_blocking", pipes_only)
    assert fsutil.read_regular(content) == b'[{"word": "mizu"}]\n'
    assert read_snapshot(content)[0] == b'[{"word": "mizu"}]\n'
