"""`--shard K/N`: the split of a run's clips over N machines.

Properties, over any content: the shards partition the clips (every key in exactly one
shard, one text in two types on one shard), every shard computes the same split whatever
order it reads the content in, the split is balanced by expected work, and a rerun after
a partial run makes exactly the rest of its own share. Folder claims are tested with
real processes racing for one folder.
"""

from __future__ import annotations

import functools
import hashlib
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.sweep import check_each, check_each_one
from tts_assets.errors import InputError
from tts_assets.planning.shard import CLAIM_NAME, Batch, Shard, assign, claim, weight


@dataclass(frozen=True)
class Clip:
    """The part of `plan.Clip` the split reads."""

    spoken: str
    pieces: list[str] = field(default_factory=list)
    type_name: str = "grammar"

    @functools.cached_property
    def key(self) -> str:
        # As plan.content_key: the text and its number of pieces, among others; computed
        # once, as plan.Clip holds it.
        return hashlib.sha256(f"{self.spoken}|{len(self.pieces)}".encode()).hexdigest()[:32]


texts = st.text(alphabet="あいうえおかきくけこアイウエオ日本語。", min_size=1, max_size=60)
contents = st.lists(
    st.builds(Clip, texts, st.lists(texts, min_size=1, max_size=4)), min_size=0, max_size=80
)
counts = st.integers(min_value=1, max_value=9)


def test_parse_reads_k_of_n() -> None:
    def case(text: str, shard: Shard) -> None:
        assert Shard.parse(text) == shard
        assert str(shard) == text.strip()

    check_each(case, [("1/1", Shard(1, 1)), ("2/4", Shard(2, 4)), (" 4/4 ", Shard(4, 4))])


BAD_SHARDS = [
    ("0/4", "K must be between 1 and 4"),
    ("5/4", "K must be between 1 and 4"),
    ("1/0", "N is the number of shards"),
    ("2", "write K/N"),
    ("-1/4", "write K/N"),
    ("1.5/4", "write K/N"),
    ("a/b", "write K/N"),
    ("1/4/8", "write K/N"),
    ("", "write K/N"),
]


def test_parse_refuses_bad_values_with_the_fix() -> None:
    check_each(_parse_refuses_bad_values_with_the_fix, BAD_SHARDS)


def _parse_refuses_bad_values_with_the_fix(text: str, says: str) -> None:
    with pytest.raises(InputError) as e:
        Shard.parse(text)
    message = str(e.value)
    assert message.startswith(f"--shard {text!r}: ") and says in message
    assert "e.g. --shard 2/4" in message and "\n" not in message


@given(contents, counts)
def test_the_shards_partition_the_keys(clips: list[Clip], n: int) -> None:
    shards = [Shard(k, n).keys(clips) for k in range(1, n + 1)]
    keys = {c.key for c in clips}
    assert set().union(*shards) == keys
    assert sum(len(s) for s in shards) == len(keys)


@given(contents, counts, st.randoms(use_true_random=False))
def test_every_shard_computes_the_same_split_in_any_order(
    clips: list[Clip], n: int, rng: random.Random
) -> None:
    shuffled = list(clips)
    rng.shuffle(shuffled)
    assert assign(shuffled, n) == assign(clips, n)


@given(contents, counts)
def test_one_text_in_two_types_is_one_piece_of_work_on_one_shard(clips: list[Clip], n: int) -> None:
    clips = list({c.key: c for c in clips}.values())
    twins = [Clip(c.spoken, c.pieces, "vocabulary") for c in clips]
    split = assign([*clips, *twins], n)
    mine = Shard(1, n).select([*clips, *twins], [*clips, *twins])
    assert split == assign(clips, n)
    assert {c.key for c in mine} == Shard(1, n).keys(clips)
    assert len(mine) == 2 * sum(1 for c in clips if split[c.key] == 1)


@given(contents, counts)
def test_the_split_is_balanced_by_expected_work(clips: list[Clip], n: int) -> None:
    unique = {c.key: c for c in clips}
    loads = [sum(weight(unique[k]) for k in Shard(k, n).keys(clips)) for k in range(1, n + 1)]
    total = sum(loads)
    heaviest = max((weight(c) for c in unique.values()), default=0)
    # Greedy scheduling's bound: no shard exceeds the average by more than one clip.
    assert max(loads) <= total / n + heaviest
    assert min(loads) >= total / n - heaviest


def test_long_passages_are_spread_before_the_short_readings_fill_in() -> None:
    passages = [Clip(f"{n}番目の長い文章です。" * 20, ["…"] * 8) for n in range(4)]
    readings = [Clip(f"よみ{n}") for n in range(200)]
    every = [*readings, *passages]
    shares = [Shard(k, 4).keys(every) for k in (1, 2, 3, 4)]
    for share in shares:
        assert sum(1 for p in passages if p.key in share) == 1
    loads = [sum(weight(c) for c in every if c.key in share) for share in shares]
    assert max(loads) - min(loads) <= max(weight(r) for r in readings)


@given(contents, counts, st.data())
def test_a_rerun_after_a_partial_run_makes_exactly_the_rest_of_its_share(
    clips: list[Clip], n: int, data: st.DataObject
) -> None:
    """Present clips change what is missing, never who makes it."""
    k = data.draw(st.integers(1, n))
    shard = Shard(k, n)
    present = data.draw(st.sets(st.sampled_from(sorted({c.key for c in clips}) or [""])))
    missing = [c for c in clips if c.key not in present]
    first = shard.select(missing, clips)
    made = {c.key for c in data.draw(st.lists(st.sampled_from(first))) if first} if first else set()
    rerun = shard.select([c for c in missing if c.key not in made], clips)
    assert [c.key for c in rerun] == [c.key for c in first if c.key not in made]
    others = set().union(*(Shard(j, n).keys(clips) for j in range(1, n + 1) if j != k))
    assert not {c.key for c in rerun} & others


@pytest.mark.parametrize("seed", range(5))
def test_when_most_clips_exist_the_missing_work_still_spreads(seed: int) -> None:
    """6,000 clips of which 300 are missing (a new lesson), over 4 shards: each shard's
    missing work is within a third of the even share (a random sample's spread)."""
    rng = random.Random(seed)
    kana = "あかさたなはまやらわ"
    clips = [Clip(f"{rng.choice(kana) * rng.randint(1, 12)}{i}") for i in range(6000)]
    missing = rng.sample(clips, 300)
    # Each shard's share of them: the split every shard computes alike (the properties
    # above), asked once here, not once a shard; the first shard's as it selects it.
    split = assign(clips, 4)
    shares: list[list[Clip]] = [[c for c in missing if split[c.key] == k] for k in range(1, 5)]
    assert Shard(1, 4).select(missing, clips) == shares[0]
    work = [sum(weight(c) for c in share) for share in shares]
    even = sum(work) / 4
    assert all(abs(w - even) <= even / 3 for w in work), work


# --- claiming a folder -------------------------------------------------------------


def test_a_shard_claims_its_folder_and_may_come_back_to_it(tmp_path: Path) -> None:
    folder = tmp_path / "shards" / "2"
    claim(folder, Shard(2, 4))
    claim(folder, Shard(2, 4))  # a rerun of the same shard
    assert (folder / CLAIM_NAME).read_text(encoding="utf-8") == "2/4\n"
    assert [p.name for p in folder.iterdir()] == [CLAIM_NAME]


def test_another_shard_is_refused_with_the_owner_and_the_fix(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(other: Shard) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        claim(tmp_path, Shard(2, 4))
        with pytest.raises(InputError) as e:
            claim(tmp_path, other)
        assert str(e.value) == (
            f"{tmp_path}: this folder belongs to shard 2/4 ({CLAIM_NAME}); give each shard a "
            f"folder of its own (e.g. shards/{other.index}) and join them with tts-assets merge"
        )

    check_each_one(case, [Shard(3, 4), Shard(2, 5)])


CLAIMER = """
import sys, time
from pathlib import Path
from tts_assets.errors import InputError
from tts_assets.planning.shard import Shard, claim
while time.time() < float(sys.argv[3]):
    pass
try:
    claim(Path(sys.argv[1]), Shard.parse(sys.argv[2]))
except InputError as e:
    print(e)
    sys.exit(2)
"""


@pytest.mark.slow
def test_of_shards_racing_for_one_folder_exactly_one_wins(tmp_path: Path) -> None:
    """Six processes claim one folder at the same instant, three times over."""
    import time

    for trial in range(3):
        folder = tmp_path / f"shared-{trial}"
        start = f"{time.time() + 1.0}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", CLAIMER, str(folder), f"{k}/6", start],
                stdout=subprocess.PIPE,
                text=True,
            )
            for k in range(1, 7)
        ]
        results = [(p.wait(), p.communicate()[0]) for p in procs]
        winners = [k for k, (code, _) in enumerate(results, 1) if code == 0]
        assert len(winners) == 1, results
        owner = (folder / CLAIM_NAME).read_text(encoding="utf-8").strip()
        assert owner == f"{winners[0]}/6"
        for code, out in results:
            assert code in (0, 2)
            if code == 2:
                assert f"belongs to shard {owner}" in out
        assert [p.name for p in folder.iterdir()] == [CLAIM_NAME]


@dataclass(frozen=True)
class SlowClip(Clip):
    """A slow clip: stretched from the clip of `shard_key` (its recipe's `shard_key`)."""

    shard_key: str | None = None


def test_a_batch_makes_its_keys_and_the_slow_clips_of_them() -> None:
    clips = [Clip("雨"), Clip("飴"), Clip("橋")]
    slow = SlowClip("雨 slow", shard_key=clips[0].key)
    batch = Batch(frozenset({clips[0].key, clips[2].key}), "batch-1")
    assert batch.select([*clips, slow], [*clips, slow]) == [clips[0], clips[2], slow]
    assert str(batch) == "batch batch-1" and batch.default_folder() == Path("shards/batch-1")


BAD_BATCH_NAMES = ["", "../x", "a/b", ".hidden", "x" * 101, "名前"]


def test_a_batch_s_name_is_a_folder_name() -> None:
    check_each(
        _a_batch_s_name_is_a_folder_name,
        [(c,) for c in BAD_BATCH_NAMES],
        ids=lambda case: repr(case[-1]),
    )


def _a_batch_s_name_is_a_folder_name(name: str) -> None:
    with pytest.raises(InputError, match="use letters, digits"):
        Batch(frozenset(), name)


def test_two_batches_never_share_a_folder(tmp_path: Path) -> None:
    claim(tmp_path, Batch(frozenset({"a"}), "one"))
    claim(tmp_path, Batch(frozenset({"a"}), "one"))  # the same batch comes back to it
    with pytest.raises(InputError, match="belongs to shard batch one"):
        claim(tmp_path, Batch(frozenset({"b"}), "two"))
