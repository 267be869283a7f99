"""A text the owner of what is said refuses is refused everywhere, and a rule that fails on
one text never stops the others.

- A Chinese text whose pinyin gives a character a reading no dictionary has (呢 "nei",
  three entries of the seed app) makes no clip: the dry run, generate, verify and
  `readings` count it refused and exit 1; it gets no URL of another entry's clip (the
  seed app's 呢 "ne" entries share its predecessor URL); `verify --fix` makes nothing and
  says what to fix in the content.
- An unexpected error in one text's rules (the numbers rules, the readings engine, the
  pinyin rules, a provider's pinyin rules) refuses that text, naming the rules and the
  error; the other texts are made; every command shows it and exits 1.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest

from tests.support.fault_provider import tell_pinyin
from tests.support.markers import fast_first
from tests.support.project import Project

DEAD = "/audio/zh/vocabulary/vocabulary_65ac5a7b1552.mp3"
"""The seed app's predecessor URL of every 呢 entry, whose file is not there."""

NE = [
    {"id": 1, "word": "呢", "reading": "ne", "audioUrl": DEAD},
    {"id": 2, "word": "呢", "reading": "ne", "audioUrl": DEAD},
    {"id": 3, "word": "呢", "reading": "nei", "audioUrl": DEAD},
    {"id": 4, "word": "呢", "reading": "nei", "audioUrl": DEAD},
    {"id": 5, "word": "呢", "reading": "nei2", "audioUrl": DEAD},
    {"id": 6, "word": "每天", "reading": "měi tiān"},
]
SLIPS = [f"vocabulary.json › [{n}] › word" for n in (2, 3, 4)]


@pytest.fixture
def chinese(project: Project, fault: None, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The seed app's 呢 entries, voiced by a provider that is told the content's pinyin
    (the fault provider, which says what it is given, told pinyin: `tell_pinyin`)."""
    tell_pinyin(monkeypatch)
    return project.gen({"data/vocabulary.json": NE}).config('lang = "zh"\nprovider = "fault"\n')


def _refused(doc: dict[str, Any]) -> dict[str, str]:
    return {r["place"]: r["reason"] for r in doc["refused"]}


def test_the_dry_run_counts_a_text_refused_for_its_pinyin_and_exits_1(chinese: Project) -> None:
    plan = chinese.json("generate", "--dry-run", "--replace-dead-urls", code=1)
    refused = _refused(plan)
    assert sorted(refused) == SLIPS
    assert "呢 nei (it is read ne" in refused[SLIPS[0]] and "fix the pinyin" in refused[SLIPS[0]]
    assert plan["types"]["vocabulary"]["refused"] == 3
    assert plan["types"]["vocabulary"]["texts"] == 6
    assert sorted(c["text"] for c in plan["clips"]) == ["呢", "每天"]
    code, out = chinese.invoke("generate", "--dry-run")
    assert code == 1 and "呢 nei (it is read ne" in out


def test_generate_gives_a_refused_text_no_url_of_another_entrys_clip(chinese: Project) -> None:
    summary = chinese.json("generate", "--replace-dead-urls", code=1)
    assert summary["generated"] == 2 and summary["failures"] == []
    assert sorted(_refused(summary)) == SLIPS
    assert summary["types"]["vocabulary"]["refused"] == 3
    entries = chinese.read_json("data/vocabulary.json")
    ne = entries[0]["audioUrl"]
    assert ne != DEAD and entries[1]["audioUrl"] == ne
    # The 呢 "nei" entries get no URL: not the 呢 "ne" entries' clip (their dead URL is
    # cleared, as --replace-dead-urls asked, for want of a clip to replace it with).
    assert [e["audioUrl"] for e in entries[2:5]] == [None] * 3
    assert entries[5]["audioUrl"] not in (None, ne)


def test_verify_and_readings_call_it_refused_and_fix_says_what_to_fix(chinese: Project) -> None:
    chinese.json("generate", "--replace-dead-urls", code=1)
    report = chinese.json("verify", code=1)
    problems = {p["place"]: p for p in report["problems"]}
    assert sorted(problems) == SLIPS
    assert {p["kind"] for p in problems.values()} == {"refused"}
    assert "fix the pinyin" in problems[SLIPS[0]]["message"]
    assert "run tts-assets generate" not in problems[SLIPS[0]]["message"]
    code, out = chinese.invoke("verify", "--fix")
    assert code == 1
    assert "3 text(s) refused: no clip is made for them by design" in out
    assert "do as each one's line says (fix the text, or give its language another voice)" in out
    fixed = chinese.json("verify", "--fix", code=1)
    assert fixed["fix"]["generate"] is None  # nothing is made, forever or once
    readings = chinese.json("readings", code=1)
    assert readings["counts"]["unusable"] == 3
    assert {p["place"] for p in readings["problems"]} == set(SLIPS)


# --- a rule that fails on one text -------------------------------------------------------


def _boom(real: Callable[..., Any], when: str) -> Callable[..., Any]:
    """`real`, raising an unexpected error (a bug) when its first argument holds `when`."""

    def call(*args: Any, **kwargs: Any) -> Any:
        first = args[0] if args else ""
        if when in str(first):
            raise IndexError("list index out of range")
        return real(*args, **kwargs)

    return call


def _numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    from tts_assets.readings import numbers

    monkeypatch.setattr(numbers, "spoken_form", _boom(numbers.spoken_form, "110101"))


def _numbers_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fault deep in one language's rules, which the rules catch themselves (the text
    # said as written with a FAILED note): the owner of what is said refuses it all the same.
    from tts_assets.readings import numbers

    rules = type(numbers.rules_for("zh"))
    real = rules.say

    def say(self: Any, draft: Any) -> None:
        if "110101" in draft.text:
            raise IndexError("list index out of range")
        real(self, draft)

    monkeypatch.setattr(rules, "say", say)
    # A cache of its own: a form this process kept would never meet the fault, and the
    # faulty form is kept from the tests after this one.
    fresh = functools.lru_cache(maxsize=None)(numbers.spoken_form.__wrapped__)
    monkeypatch.setattr(numbers, "spoken_form", fresh)


def _engine(monkeypatch: pytest.MonkeyPatch) -> None:
    from tts_assets.lang.ja import memo

    monkeypatch.setattr(memo, "reconcile", _boom(memo.reconcile, "御雑煮"))


def _pinyin(monkeypatch: pytest.MonkeyPatch) -> None:
    from tts_assets.lang import zh as chinese

    tell_pinyin(monkeypatch)
    monkeypatch.setattr(chinese, "doubtful", _boom(chinese.doubtful, "便宜"))


def _provider_pinyin(monkeypatch: pytest.MonkeyPatch) -> None:
    def phonemes_of(text: str) -> str:
        if "便宜" in text:
            raise KeyError(text)
        return ""

    tell_pinyin(monkeypatch, phonemes_of)


FAULTS = {
    # The numbers rules on an 18-digit Chinese ID card number (they once crashed on it).
    "numbers": (
        "zh",
        [{"word": "我的身份证号码是110101199003071234。"}, {"word": "我有3个苹果。"}],
        _numbers,
        "the numbers rules failed on it (IndexError: list index out of range)",
    ),
    "numbers, caught inside": (
        "zh",
        [{"word": "我的身份证号码是110101199003071234。"}, {"word": "我有3个苹果。"}],
        _numbers_caught,
        "the numbers rules failed on it (IndexError: list index out of range)",
    ),
    "readings engine": (
        "ja",
        [{"word": "御雑煮", "reading": "おぞうに"}, {"word": "水を3杯飲みます。"}],
        _engine,
        "the readings engine failed on it (IndexError: list index out of range)",
    ),
    "pinyin rules": (
        "zh",
        [{"word": "便宜", "reading": "pián yi"}, {"word": "每天", "reading": "měi tiān"}],
        _pinyin,
        "the pinyin rules failed on it (IndexError: list index out of range)",
    ),
    "a provider's pinyin rules": (
        "zh",
        [{"word": "便宜", "reading": "pián yi"}, {"word": "每天", "reading": "měi tiān"}],
        _provider_pinyin,
        "fault's pinyin rules failed on it (KeyError",
    ),
}


@pytest.mark.parametrize("rules", fast_first(sorted(FAULTS)))
def test_a_rule_that_fails_on_one_text_refuses_it_alone(
    rules: str, project: Project, fault: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    lang, words, inject, why = FAULTS[rules]
    # A cache folder of its own: a decision another test kept would never meet the fault.
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(project.parent / "cache"))
    project.gen({"data/vocabulary.json": words}).config(f'lang = "{lang}"\nprovider = "fault"\n')
    inject(monkeypatch)
    place = "vocabulary.json › [0] › word"
    plan = project.json("generate", "--dry-run", code=1)
    assert list(_refused(plan)) == [place] and why in _refused(plan)[place]
    assert "a bug in tts-assets, please report it" in _refused(plan)[place]
    assert [c["text"] for c in plan["clips"]] == [words[1]["word"]]
    summary = project.json("generate", code=1)
    assert summary["generated"] == 1 and list(_refused(summary)) == [place]
    assert "audioUrl" not in project.read_json("data/vocabulary.json")[0]
    assert "audioUrl" in project.read_json("data/vocabulary.json")[1]
    report = project.json("verify", code=1)
    assert [(p["place"], p["kind"]) for p in report["problems"]] == [(place, "refused")]
    assert why in report["problems"][0]["message"]
    readings = project.json("readings", code=1)
    assert [p["place"] for p in readings["problems"]] == [place]
    assert readings["counts"]["failed"] == 1


def test_a_chinese_id_card_number_never_stops_the_others(project: Project, fault: None) -> None:
    # The 18-digit number that made every command exit 4 (an IndexError in the Chinese
    # number rules): whether its rules now say it or fail on it, the other text is planned
    # and made, and the run ends with 0 or 1, never a crash.
    words = [{"word": "我的身份证号码是110101199003071234。"}, {"word": "我有3个苹果。"}]
    project.gen({"data/vocabulary.json": words}).config('lang = "zh"\nprovider = "fault"\n')
    for command in (["generate", "--dry-run"], ["generate"], ["verify"], ["readings"]):
        code, out = project.invoke(*command, "--json")
        assert code in (0, 1), out
    assert "audioUrl" in project.read_json("data/vocabulary.json")[1]
