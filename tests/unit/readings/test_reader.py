"""A language's reader is found by the name its profile gives: `Saying` asks
the text's reader through `readings.reader.Reader`, and a language without one is said in
words and respelled, nothing more."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import ClassVar

import pytest

from tests.support import REPO
from tts_assets.languages import LANGUAGES, Lang, Language, language, resolved
from tts_assets.providers.base import Audio, Speech
from tts_assets.providers.catalogue import VoiceCatalogue
from tts_assets.providers.engine import Engine
from tts_assets.readings import NO_OVERRIDES, Overrides, saying
from tts_assets.readings.form import Form, Said, ToRead, Written
from tts_assets.readings.reader import Options, Planned, Reader, load
from tts_assets.readings.saying import Saying


class _Plain(Engine, VoiceCatalogue):
    name = "plain-test"

    async def synthesize(self, speech: Speech) -> Audio:  # pragma: no cover - never asked
        raise AssertionError("nothing is said in these tests")


class Shouting:
    """A reader of the tests' own: every text shouted, what it decided named in the key."""

    respelled = False
    made: ClassVar[list[Options]] = []

    def __init__(self, options: Options) -> None:
        Shouting.made.append(options)
        self.decided: list[str] = []

    def work(self, written: Written, provider: Engine, every_reading: bool) -> ToRead | None:
        return ToRead(written.text, None, "shout")

    def plan(self, written: Written, form: Form, work: ToRead, provider: Engine) -> Form:
        return replace(form, to_read=work)

    def decide(self, planned: Sequence[Planned]) -> list[Form]:
        self.decided += [p.written.text for p in planned]
        return [replace(p.form, material=f"shout\x1f{p.written.text}") for p in planned]

    def said(self, form: Form, provider: Engine) -> Said | None:
        return Said(tuple(piece.upper() for piece in form.pieces), verdict="shout")

    def holds(self, forms: Sequence[Form]) -> bool:
        return False


@pytest.fixture
def german_shouts(monkeypatch: pytest.MonkeyPatch) -> None:
    """German's profile names `Shouting` as its reader."""
    german = language("de")
    assert german is not None and not german.reader
    named = replace(german, reader=f"{__name__}:Shouting")

    def profile(lang: Lang | None) -> Language:
        if lang is not None and lang.base == named.code:
            return named
        return (lang.profile if lang is not None else None) or Language("", "", ())

    monkeypatch.setattr(saying, "_profile", profile)
    Shouting.made.clear()


def test_every_reader_a_profile_names_is_one() -> None:
    named = {code: p.reader for code, p in LANGUAGES.items() if p.reader}
    assert sorted(named) == ["ja", "zh"]
    for reader in named.values():
        made = load(reader, Options(NO_OVERRIDES, fresh=False, accent="every-text"))
        assert isinstance(made, Reader), reader
        assert isinstance(made.respelled, bool)


@pytest.mark.usefixtures("german_shouts")
def test_saying_asks_the_reader_its_profile_names_once_per_run() -> None:
    run = Saying(Overrides.parse({"Bahn": "Baan"}), fresh=True, accent="none")
    provider = _Plain()
    forms = run.forms(
        [
            (Written("Guten Tag.", resolved("de")), provider, ""),
            (Written("Hallo.", resolved("de")), provider, ""),
        ]
    )
    assert [f.material for f in forms] == ["shout\x1fGuten Tag.", "shout\x1fHallo."]
    assert [o.fresh for o in Shouting.made] == [True]  # one reader for the run, its options
    said = run.said(forms[0], provider)
    assert (said.pieces, said.verdict) == (("GUTEN TAG.",), "shout")
    assert not run.holds(forms)  # the reader is asked whether its decisions hold
    # A reader that keeps the team's overrides to itself: no respelling said around it.
    assert run.form(Written("Die Bahn.", resolved("de")), provider).to_read == ToRead(
        "Die Bahn.", None, "shout"
    )


def test_a_language_without_a_reader_is_said_in_words_and_respelled() -> None:
    run = Saying(Overrides.parse({"Bahn": "Baan"}))
    provider = _Plain()
    plain = run.form(Written("Um 17:00 Uhr.", resolved("de")), provider)
    assert plain.to_read is None and plain.pieces == ("Um siebzehn Uhr.",)
    respelled = run.form(Written("Die Bahn.", resolved("de")), provider)
    assert respelled.to_read is not None and respelled.to_read.kind == saying.RESPELL
    assert run.said(respelled, provider).pieces == ("Die Baan.",)
    assert run.holds([plain, respelled])


@pytest.mark.slow  # starts a Python process (0.2 s of its CPU)
def test_a_reader_is_imported_when_a_text_of_its_language_is_first_planned() -> None:
    """Loaded by name on first use: a run of German texts never imports the Japanese
    reader (nor the Chinese one)."""
    code = """
import sys
from tts_assets.languages import LANGUAGES, resolved
from tts_assets.providers.catalogue import VoiceCatalogue
from tts_assets.providers.engine import Engine
from tts_assets.readings.saying import Saying, Written

class Plain(Engine, VoiceCatalogue):
    name = "plain-test"

run = Saying()
readers = [p.reader.partition(":")[0] for p in LANGUAGES.values() if p.reader]
first = next(p for p in LANGUAGES.values() if p.reader)
run.form(Written("Guten Tag.", resolved("de")), Plain())
print(sum(r in sys.modules for r in readers), len(readers))
print(sorted(m for m in sys.modules if m.startswith("tts_assets.lang.") and ".de" not in m))
run.form(Written("あ", resolved(first.code), kind="kana"), Plain())
print([r for r in readers if r in sys.modules] == [first.reader.partition(":")[0]])
"""
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded, others, second = found.stdout.split("\n")[:3]
    assert loaded.split()[0] == "0" and int(loaded.split()[1]) >= 2
    assert others == "[]"  # no other language's package, not even its numbers
    assert second == "True"


def test_memory_running_out_in_a_rule_stops_the_run_where_a_bug_refuses_one_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rule's bug refuses its text alone (exit 1, the run goes on); memory running out
    is the machine's, not the text's: it goes up to stop the run (exit 3)."""
    from tts_assets.readings import numbers

    def raising(error: Exception) -> Callable[[str, str], object]:
        def spoken_form(text: str, lang: str) -> object:
            raise error

        return spoken_form

    monkeypatch.setattr(numbers, "spoken_form", raising(ValueError("a bug")))
    form = Saying().form(Written("Um 17:00 Uhr.", resolved("de")), _Plain())
    assert form.refused is not None and "ValueError: a bug" in form.refused
    monkeypatch.setattr(numbers, "spoken_form", raising(MemoryError()))
    with pytest.raises(MemoryError):
        Saying().form(Written("Um 17:00 Uhr.", resolved("de")), _Plain())
