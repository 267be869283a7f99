"""What was right stays right: the readings the tool gives on its corpora are
pinned with their verdicts (tests/fixtures/pinned_readings/, one file per corpus: the
corpora and how each is judged are tests/support/pinned_readings.py's), and a change that
turns a pinned right reading wrong, or a flagged wrong one wrong and silent, fails here,
naming the text, the reading that was right, what it says now, and how to pin it again on
purpose (`python -m benchmarks.pin_readings --update --accept KEY`). A reading that turned
right, a new case, a case gone, is a warning: pin them again.

The whole gate is slow (every case of every corpus, read again: CI runs it); the big
corpora are split into shards, which xdist's workers share. The fast loop reads a sample of
each kind of reading (`Corpus.kind`: numbers, Japanese homographs, Chinese sentences told
to each voice, ...), `SAMPLE` cases chosen evenly through the cases of all its corpora (the
same every run while the corpora stay), against their pins: a budget that does not grow as
sets are pinned. Each library is loaded once per process, in the fixture, not in a test's
call. The readings the tool said right before a round of rules and wrong since are held
apart, as known failures (`KNOWN`, strict: the day one is right again, its test fails until
its entry is removed)."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from benchmarks import pin_readings
from tests.support import pinned_readings as gate
from tests.support.pinned_readings import CORPORA, KNOWN, Corpus, Pin

SHARDS = [
    pytest.param(name, index, id=f"{name}-{index + 1}of{corpus.shards}")
    for name, corpus in CORPORA.items()
    for index in range(corpus.shards)
]

KINDS = sorted({corpus.kind for corpus in CORPORA.values()})

SAMPLE = 36
"""How many cases of each kind of reading the fast loop reads (`test_a_sample_...`): every
kind is read, whatever the number of its corpora, and a rule that turns many readings wrong
is caught before the whole gate runs."""


@pytest.fixture
def corpus(request: pytest.FixtureRequest) -> Corpus:
    """The corpus named by the test's parameter, its libraries loaded (once a process)."""
    found = CORPORA[request.param]
    missing = found.missing()
    if missing is not None:
        pytest.skip(f"{found.name}: {missing}")
    found.warm()
    return found


@pytest.fixture
def of_kind(request: pytest.FixtureRequest) -> list[Corpus]:
    """The corpora of the kind named by the test's parameter, their libraries loaded."""
    found = [corpus for corpus in CORPORA.values() if corpus.kind == request.param]
    missing = found[0].missing()
    if missing is not None:
        pytest.skip(f"{request.param}: {missing}")
    for corpus in found:
        corpus.warm()
    return found


def _checked(corpus: Corpus, mine: Sequence[Any], *, gone: bool = False) -> gate.Changes:
    """The cases `mine` of `corpus` read again against their pins (the known failures
    aside); `gone`: with the pins of cases no longer in the corpus."""
    pins = gate.pinned(corpus)
    keys = {gate.key_of(case) for case in mine}
    if gone:
        keys |= pins.keys() - {gate.key_of(case) for case in corpus.cases()}
    known = {key for name, key in KNOWN if name == corpus.name}
    found = [pin for pin in corpus.read(mine) if pin.key not in known]
    held = {key: pin for key, pin in pins.items() if key in keys and key not in known}
    return gate.compare(corpus, held, found)


@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "index"), SHARDS, indirect=["corpus"])
def test_no_reading_that_was_right_turns_wrong(corpus: Corpus, index: int) -> None:
    """The `index`-th shard of `corpus` (the pins of cases no longer in it go with the
    first)."""
    mine = corpus.cases()[index :: corpus.shards]
    _hold(corpus, _checked(corpus, mine, gone=index == 0))


@pytest.mark.parametrize("of_kind", KINDS, indirect=True)
def test_a_sample_of_each_kind_reads_as_pinned(of_kind: list[Corpus]) -> None:
    pool = [(corpus, case) for corpus in of_kind for case in corpus.cases()]
    chosen = [pool[n * len(pool) // SAMPLE] for n in range(min(SAMPLE, len(pool)))]
    checked = [
        (corpus, _checked(corpus, [case for of, case in chosen if of is corpus]))
        for corpus in dict.fromkeys(of for of, _ in chosen)
    ]
    failing = [
        gate.failure_message(corpus, changes) for corpus, changes in checked if changes.failing
    ]
    if failing:
        pytest.fail("\n".join(failing), pytrace=False)
    for corpus, changes in checked:
        _hold(corpus, changes)


def _hold(corpus: Corpus, changes: gate.Changes) -> None:
    """Fail with what turned wrong; warn of the rest that changed."""
    if changes.failing:
        pytest.fail(gate.failure_message(corpus, changes), pytrace=False)
    shown = gate.report(corpus, changes)
    if shown:
        warnings.warn(
            "\n".join([*shown, f"Pin them again: {gate.REPIN}"]), UserWarning, stacklevel=1
        )


@pytest.mark.parametrize(
    ("corpus", "key"),
    [
        pytest.param(name, key, marks=pytest.mark.xfail(strict=True, reason=why), id=f"{name}:{n}")
        for n, ((name, key), why) in enumerate(KNOWN.items(), 1)
    ],
    indirect=["corpus"],
)
def test_a_known_regression_is_right_again(corpus: Corpus, key: str) -> None:
    was = gate.pinned(corpus)[key]
    (case,) = [case for case in corpus.cases() if gate.key_of(case) == key]
    (now,) = corpus.read([case])
    assert now.right, f"{corpus.name}: {key}: was {was.shown()}, now {now.shown()}"


def test_the_known_regressions_are_pinned_right() -> None:
    """便宜 and 长大 (and 空调, 系好, 冲), wrong after a2a6911 and held as known failures
    until the Chinese decider's fix: right again, and pinned right, so the gate holds them."""
    pins = gate.pinned(CORPORA["zh-textbook"])
    for key in ("这件衣服很[便]宜。", "孩子[长]大了。", "房间里有空[调]。", "请[系]好安全带。"):
        assert pins[key].right, key
    assert gate.pinned(CORPORA["zh-textbook-kokoro"])["请[系]好安全带。"].right
    for word in ("便宜", "长大"):  # and alone, from the dictionary
        assert gate.pinned(CORPORA["zh-pypinyin"])[word].right


def test_the_fresh_sets_are_pinned_at_their_bar() -> None:
    """The sets written before the rules (Chinese polyphones told to each voice,
    Japanese homographs, spoken forms) are held by the gate as the tool reads them: each at
    least 95 % right with no wrong reading unflagged, spoken forms in every language, and at
    least 40 % of the Chinese flags marking a wrong reading. Pinned below that bar, the gate
    would hold a worse tool."""
    for name in (
        "zh-fresh-2026-11-25",
        "zh-fresh-2026-11-25-kokoro",
        "ja-homographs-fresh-2026-11-25",
        "ja-units-2026-11-25",
    ):
        pins = list(gate.pinned(CORPORA[name]).values())
        flags = [pin for pin in pins if pin.verdict in CORPORA[name].flagged]
        assert sum(pin.right for pin in pins) >= 0.95 * len(pins), name
        assert all(pin.right or pin in flags for pin in pins), name
        if name.startswith("zh-"):
            assert len(pins) == 244 and sum(not pin.right for pin in flags) >= 0.4 * len(flags)
    spoken = gate.pinned(CORPORA["numbers-fresh-2026-11-25"])
    languages = {key.split(" | ")[0] for key in spoken}
    assert len(spoken) == 225 and len(languages) == 11
    for lang in languages:
        mine = [pin for key, pin in spoken.items() if key.startswith(f"{lang} | ")]
        assert sum(pin.right for pin in mine) >= 0.95 * len(mine), lang


def test_every_corpus_has_its_pins_one_line_a_case_sorted() -> None:
    files = {path.stem for path in gate.PINS.glob("*.tsv")}
    assert files == set(CORPORA)
    for corpus in CORPORA.values():
        lines = [
            line
            for line in corpus.path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")
        ]
        keys = [line.split("\t")[0] for line in lines]
        assert keys == sorted(set(keys)), corpus.name
        assert all(len(line.split("\t")) == 4 for line in lines), corpus.name
        assert {line.rsplit("\t", 1)[1] for line in lines} <= {"right", "wrong"}
    counts = {name: len(gate.pinned(corpus)) for name, corpus in CORPORA.items()}
    assert counts["zh-pypinyin"] > 10_000 and counts["ja-sudachi"] > 2_000
    assert counts["zh-textbook"] > 550 and counts["numbers"] > 400


# --- the gate catches what it is for ---------------------------------------------------


@pytest.mark.parametrize("corpus", ["zh-pypinyin"], indirect=True)
def test_a_rule_that_turns_a_right_reading_wrong_fails_the_gate(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule of 便 (biàn) read inside the dictionary's words too: 便宜 turns wrong, and
    the gate says so."""
    from tts_assets.lang.zh import decide
    from tts_assets.lang.zh.rules import parse

    toml = Path(decide.__file__).with_name("rules.toml").read_text(encoding="utf-8")
    rule = '[[rules]]\nchar = "便"\nreading = "bian4"\nover_words = true\n'
    broken = parse(f"{toml}\n{rule}")
    monkeypatch.setattr(decide, "rules", lambda: broken)
    pins = {key: pin for key, pin in gate.pinned(corpus).items() if "便" in key and len(key) == 2}
    assert "便宜" in pins and "方便" in pins
    changes = gate.compare(corpus, pins, corpus.read(list(pins)))
    lost = {was.key: (was.reading, now.reading) for was, now in changes.lost}
    assert lost["便宜"] == ("pian2 yi5", "bian4 yi5") and "方便" not in lost
    message = gate.failure_message(corpus, changes)
    assert "便宜: was pian2 yi5 (right, decided), now bian4 yi5 (wrong, decided)" in message
    assert f"{gate.REPIN} --accept" in message


@pytest.mark.parametrize("corpus", ["zh-fresh-2026-11-25"], indirect=True)
def test_a_rule_that_turns_a_fresh_case_wrong_fails_the_gate(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fresh Chinese set is held too: 血 said alone at the end of its clause (xiě, a
    rule backed by 流血) turned to xuè, and the gate names 流了一点儿血."""
    from tts_assets.lang.zh import decide
    from tts_assets.lang.zh.rules import parse

    toml = Path(decide.__file__).with_name("rules.toml").read_text(encoding="utf-8")
    rule = 'char = "血"\nreading = "xie3"\n'
    assert rule in toml
    broken = parse(toml.replace(rule, 'char = "血"\nreading = "xue4"\n'))
    monkeypatch.setattr(decide, "rules", lambda: broken)
    pins = {key: pin for key, pin in gate.pinned(corpus).items() if "[血]" in key}
    changes = gate.compare(corpus, pins, corpus.read([c for c in corpus.cases() if c[0] in pins]))
    lost = {was.key: now.reading for was, now in changes.lost}
    assert lost == {"他的手划破了，流了一点儿[血]。": "xue4"}
    assert "流了一点儿[血]。: was xie3 (right, decided)" in gate.failure_message(corpus, changes)


def _faulty(corpus: Corpus, key: str) -> Corpus:
    """`corpus` whose reading of `key` turns to a wrong one (a fault injected)."""

    def read(cases: Sequence[Any]) -> list[Pin]:
        return [
            dataclasses.replace(pin, reading="!", right=False) if pin.key == key else pin
            for pin in corpus.read(cases)
        ]

    return dataclasses.replace(corpus, read=read)


def test_a_flag_gone_from_a_wrong_reading_fails_and_a_gain_does_not() -> None:
    corpus = CORPORA["zh-textbook"]
    was = Pin("x", "chong1", "doubt", right=False)
    silent = gate.compare(corpus, {"x": was}, [Pin("x", "chong1", "decided", right=False)])
    assert [w.key for w, _ in silent.silenced] == ["x"]
    gained = gate.compare(corpus, {"x": was}, [Pin("x", "chong4", "decided", right=True)])
    assert gained.failing == [] and [w.key for w, _ in gained.gained] == ["x"]
    judged = gate.compare(corpus, {"x": was}, [Pin("x", "chong1", "doubt", right=True)])
    assert judged.failing == [] and judged.judged  # the answer moved, not the tool


def test_pinning_again_refuses_a_right_reading_turned_wrong_unless_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "numbers-held-out"
    pins = tmp_path / "pins"
    pins.mkdir()
    (pins / f"{name}.tsv").write_bytes(CORPORA[name].path.read_bytes())
    monkeypatch.setattr(gate, "PINS", pins)
    key = "de | Das Haus wurde 1875 gebaut."
    assert gate.pinned(CORPORA[name])[key].right
    monkeypatch.setitem(CORPORA, name, _faulty(CORPORA[name], key))
    before = (pins / f"{name}.tsv").read_bytes()
    others = {k: pin for k, pin in gate.pinned(CORPORA[name]).items() if k != key}

    assert pin_readings.main(["--update", name]) == 1
    assert (pins / f"{name}.tsv").read_bytes() == before
    out = capsys.readouterr()
    assert f"{name}: {key}: was " in out.out and "Nothing was written." in out.err

    assert pin_readings.main(["--update", name, "--accept", key]) == 0
    after = gate.pinned(CORPORA[name])
    assert after.pop(key) == Pin(key, "!", "-", right=False)
    assert after == others
