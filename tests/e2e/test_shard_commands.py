"""The sharding commands as a user types them: `generate --shard`, `merge`, `cache-key`.

What needs no synthesis is tested here, in-process: the dry run of a shard (its share,
nothing written), every refusal (exit 2, one line, nothing written), and the cache key.
Shards that make clips, in separate processes, are tests/e2e/test_sharded_run.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.project import Project, working_directory
from tests.support.sweep import check_each
from tts_assets.cli.console import shortened
from tts_assets.commands.cache_key import cache_key
from tts_assets.commands.generate import generate
from tts_assets.errors import InputError
from tts_assets.planning.shard import CLAIM_NAME, Shard, claim
from tts_assets.settings.load import load_settings

WORDS = ["やま", "かわ", "うみ", "そら", "はな", "ほん", "えき", "あめ", "ねこ", "いぬ"]
SENTENCES = ["今日はとても良い天気ですね。明日も晴れるでしょうか。", "駅の前で友達に会いました。"]


@pytest.fixture
def project(project: Project) -> Project:
    return project.gen(
        {
            "data/vocabulary.json": [{"word": w} for w in WORDS],
            "data/grammar.json": [{"examples": [{"japanese": s}]} for s in SENTENCES],
        }
    )


def _new(summary: dict[str, object]) -> int:
    types = summary["types"]
    assert isinstance(types, dict)
    return sum(int(t["new"]) for t in types.values())


def test_a_shards_dry_run_shows_its_share_and_writes_nothing(project: Project) -> None:
    before = project.tree(folders=True)
    whole = project.json("generate", "--dry-run")
    assert whole["shard"] is None and whole["other_shards"] == 0
    total = _new(whole)
    assert total == len(WORDS) + len(SENTENCES)
    shares = []
    for k in (1, 2, 3):
        summary = project.json("generate", "--dry-run", "--shard", f"{k}/3")
        mine = _new(summary)
        assert summary["shard"] == f"{k}/3" and summary["other_shards"] == total - mine
        shares.append(mine)
    assert sum(shares) == total and all(shares), shares
    assert project.tree(folders=True) == before


def test_the_table_names_the_shard_and_what_the_others_make(project: Project) -> None:
    code, out = project.invoke("generate", "--dry-run", "--shard", "2/3", "--shard-dir", "mine")
    assert code == 0, out
    (line,) = [ln for ln in out.splitlines() if ln.startswith("shard 2/3: ")]
    assert "missing clips are this shard's" in line and "tts-assets merge" in line
    assert " → mine/" in out, "the planned clips are shown in the shard's folder"


BAD_SHARD_FLAGS = [
    (["--shard", "4/3"], "--shard '4/3': K must be between 1 and 3"),
    (["--shard", "two/3"], "--shard 'two/3': write K/N"),
    (["--shard", "0/0"], "--shard '0/0': N is the number of shards"),
    (["--shard-dir", "shards/1"], f"--shard-dir {Path('shards/1')}: give the shard too"),
    (["--shard", "1/2", "--shard-dir", "public/audio"], "is the out dir (--out-dir"),
    (["--shard", "1/2", "--shard-dir", "data"], "is the data dir (--data-dir"),
    (["--shard", "1/2", "--shard-dir", "public/audio/.temp-audio"], "is the staging folder"),
]


def test_bad_shard_values_stop_before_anything_is_written(project: Project) -> None:
    """Each case asked where the command asks it, a run and a dry run; the test below runs
    one through the command line."""
    check_each(
        _bad_shard_values_stop_before_anything_is_written,
        [(project, *c) for c in BAD_SHARD_FLAGS],
        ids=lambda case: repr(case[1:]),
    )


def _bad_shard_values_stop_before_anything_is_written(
    project: Project, args: list[str], says: str
) -> str:
    """What `generate --shard K/N --shard-dir DIR` is refused with, asked as the command
    asks it (`Shard.parse`, then the run, and its dry run, of the settings), exit 2 and
    nothing written: the line, as the command line prints it."""
    flags = dict(zip(args[::2], args[1::2], strict=True))
    before = project.tree(folders=True)
    lines = set()
    for dry_run in (False, True):
        with working_directory(project), pytest.raises(InputError) as refused:
            shard = flags.get("--shard")
            folder = flags.get("--shard-dir")
            generate(
                load_settings("."),
                dry_run=dry_run,
                shard=None if shard is None else Shard.parse(shard),
                shard_dir=None if folder is None else Path(folder),
            )
        assert refused.value.exit_code == 2
        lines.add(shortened(str(refused.value)))
    (line,) = lines
    assert "\n" not in line and says in line, line
    assert project.tree(folders=True) == before
    return line


def test_a_bad_shard_value_stops_the_command_with_its_line(project: Project) -> None:
    args, says = BAD_SHARD_FLAGS[-1]
    line = _bad_shard_values_stop_before_anything_is_written(project, args, says)
    before = project.tree(folders=True)
    code, out = project.invoke("generate", *args)
    assert code == 2 and out == f"error: {line}\n", out
    assert project.tree(folders=True) == before


def test_a_folder_another_shard_claimed_is_refused_before_any_clip(project: Project) -> None:
    claim(project / "shards/1", Shard(2, 3))
    before = project.tree(folders=True)
    code, out = project.invoke("generate", "--shard", "1/3", "--shard-dir", "shards/1")
    assert code == 2, out
    (line,) = out.splitlines()
    assert line.startswith(f"error: {Path('shards/1')}: this folder belongs to shard 2/3")
    assert project.tree(folders=True) == before
    assert (project / "shards/1" / CLAIM_NAME).read_text(encoding="utf-8") == "2/3\n"


def test_merge_refuses_folders_that_are_not_shard_folders(project: Project) -> None:
    code, out = project.invoke("merge", "public/audio", "shards/9")
    assert code == 2 and out.splitlines() == [
        f"error: {Path('shards/9')}: no such shard folder; nothing was merged"
    ]
    code, out = project.invoke("merge", "public/audio")
    assert code == 2 and "SHARD_DIR" in out
    assert not (project / "public").exists()


def test_cache_key_prints_the_key_for_github_output(project: Project) -> None:
    code, out = project.invoke("cache-key")
    assert code == 0 and out == f"key={cache_key(load_settings())}\n"
    code, other = project.invoke("cache-key", "--voice", "jf_nezumi")
    assert code == 0 and other != out and other.startswith("key=tts-assets-")
    (project / "tts-assets.toml").write_text('voice = "jf_nezumi"\n', encoding="utf-8")
    assert project.invoke("cache-key") == (0, other), "the config file's voices count"
    code, bad = project.invoke("cache-key", "--provider", "nosuch")
    assert code == 2 and bad.startswith("error: ") and len(bad.splitlines()) == 1
