"""Spans in another language as a careless or hostile author writes them, through the CLI:
marks that cannot be read refuse their text alone, with how to write them, and the run
goes on; a span in a language with no voice, or one tts-assets does not voice, stops the
run at load (exit 2, one line naming the file and the place, nothing written); a mark in
a reading or a URL place is never read as a span. The fault provider (it takes text, as
ElevenLabs does) keeps them in the fast loop; Kokoro is asked only which voices it has.
The kill between the runs and their join is in `test_spans_paid.py`."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.project import Project, write_json
from tests.support.refusal import refused, refused_by_types
from tests.support.spans import notes_config
from tests.support.sweep import check_each_one
from tts_assets.content.lang_spans import MOST_SPANS

GOOD = '今日は<lang xml:lang="en">apple</lang>を食べます。'

BAD: dict[str, str] = {
    '今日は<lang xml:lang="en">apple': "not closed; close it with </lang>",
    "今日はapple</lang>です。": "closes no span",
    '<lang xml:lang="en">a <lang xml:lang="fr">b</lang></lang>です': "a span inside a span",
    "今日は<lang>apple</lang>です。": "a <lang> names its language",
    '今日は<lang xml:lang="en"></lang>です。': "its span says nothing",
    '今日は<lang xml:lang="en">。！</lang>です。': "its span says nothing",
    "語".join(
        f'<lang xml:lang="en">w{n}</lang>' for n in range(MOST_SPANS + 1)
    ): f"at most {MOST_SPANS}",
    # Markup that looks like a tag in a text about code: escaped, it is no span, and
    # never read out as letters.
    "ここに&lt;lang xml:lang=&quot;en&quot;&gt;と書きます。": "written as &lt;…&gt;",
}


def _reasons(summary: dict[str, Any]) -> dict[str, str]:
    return {r["place"]: r["reason"] for r in summary["refused"]}


def _place(n: int) -> str:
    return f"notes.json › [{n}] › sentence"


@pytest.fixture
def notes(project: Project, fault: None) -> Project:
    return project.config(notes_config(top='provider = "fault"'))


def test_marks_that_cannot_be_read_refuse_their_text_alone_and_the_run_goes_on(
    notes: Project,
) -> None:
    texts = [GOOD, *BAD]
    write_json(notes / "data/notes.json", [{"sentence": t} for t in texts])
    before = notes.tree()
    dry = notes.json("generate", "--dry-run", code=1)
    assert notes.tree() == before
    reasons = _reasons(dry)
    assert set(reasons) == {_place(n) for n in range(1, len(texts))}
    for n, why in enumerate(BAD.values(), start=1):
        assert why in reasons[_place(n)], (n, reasons[_place(n)])
        assert "\n" not in reasons[_place(n)]
    (join,) = [c for c in dry["clips"] if "spans" in c]
    assert [s["text"] for s in join["spans"]] == ["今日は", "apple", "を食べます。"]

    summary = notes.json("generate", code=1)
    assert summary["failed"] == 0 and summary["generated"] == 4  # three runs, their join
    entries = notes.read_json("data/notes.json")
    assert [bool(e.get("audioUrl")) for e in entries] == [True] + [False] * len(BAD)
    assert notes.json("generate", code=1)["generated"] == 0


NO_VOICE = '今日は<lang xml:lang="ko">안녕</lang>です。'
"""Korean has no voice on Kokoro here: [languages] must name one."""
UNKNOWN = '今日は<lang xml:lang="xx">apple</lang>です。'


def _said_of_the_span(line: str, needle: str) -> None:
    assert line.startswith("error: notes.json › [1] › sentence: ") and needle in line, line
    assert "[languages]" in line or "remove the mark" in line, line


def test_a_span_with_no_voice_stops_the_run_at_load_naming_the_file_and_the_place(
    project: Project,
) -> None:
    """The dry run asked one layer below the command line (`refused`); the run through it,
    with the same line."""
    project.config(notes_config())
    write_json(project / "data/notes.json", [{"sentence": "山です。"}, {"sentence": NO_VOICE}])
    line = "error: " + refused(project)
    _said_of_the_span(line, "has no voice: ko: kokoro has no Korean voice")
    before = project.tree()
    code, out = project.invoke("generate")
    assert code == 2 and out == line + "\n", out
    assert project.tree() == before


def test_a_span_in_a_language_tts_assets_does_not_voice_stops_the_run_at_load(
    project: Project,
) -> None:
    """As the span with no voice above stops the command line, asked one layer below it
    (`refused`: exit 2, one line, nothing written)."""
    files = {
        "tts-assets.toml": notes_config(),
        "data/notes.json": [{"sentence": "山です。"}, {"sentence": UNKNOWN}],
    }
    line = "error: " + refused(project, files)
    _said_of_the_span(line, 'a span in "xx", which tts-assets does not voice')


def test_a_mark_in_a_reading_or_a_url_place_is_never_read_as_a_span(notes: Project) -> None:
    mark = '<lang xml:lang="en">water</lang>'
    write_json(
        notes / "data/notes.json",
        [
            {"sentence": "水を飲みます。", "reading": f"{mark}をのみます"},
            {"sentence": "山です。", "audioUrl": mark},
        ],
    )
    summary = notes.json("generate", code=1)
    (refused,) = summary["refused"]
    assert refused["place"] == "notes.json › [0] › sentence" and "its reading" in refused["reason"]
    # A URL place's value is a person's (kept, its text needs no clip), never a text.
    assert summary["types"]["notes"]["kept"] == 1 and summary["generated"] == 0
    assert notes.read_json("data/notes.json")[1]["audioUrl"] == mark
    assert not list((notes / "public/audio").glob("**/*.mp3"))


def test_a_run_its_rules_refuse_before_it_is_made_takes_its_join_out_of_the_run(
    notes: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a run says is decided again before it is made (`speaking.say_new`): a rule that
    fails there refuses the run, and its join leaves the plan with it (nothing fails), as
    the run's own line says why. Its other runs are made (clips as good as any, which the
    text reuses once the rule is fixed)."""
    from tts_assets.readings.saying import Saying

    real = Saying._said

    def said(self: Saying, form: Any, provider: Any) -> Any:
        if form.spoken.text == "apple":
            raise IndexError("list index out of range")
        return real(self, form, provider)

    monkeypatch.setattr(Saying, "_said", said)
    write_json(notes / "data/notes.json", [{"sentence": GOOD}, {"sentence": "山です。"}])
    summary = notes.json("generate", code=1)
    assert summary["failures"] == [] and summary["generated"] == 3  # two runs, 山です。
    reasons = [r["reason"] for r in summary["refused"]]
    assert any("its readings failed on it (IndexError" in r for r in reasons), reasons
    assert 'the clip of its English span "apple" is refused (its own line says why)' in reasons
    assert [bool(e.get("audioUrl")) for e in notes.read_json("data/notes.json")] == [False, True]


def test_a_fields_own_mark_cuts_its_texts_and_a_mark_that_cannot_be_read_stops_the_config(
    project: Project, fault: None
) -> None:
    def config(mark: str) -> str:
        return notes_config(top='provider = "fault"', sentence=f'lang_mark = "{mark}"\n')

    write_json(project / "data/notes.json", [{"sentence": "今日は[en]apple[/en]を食べます。"}])
    project.config(config("[{lang}]{text}[/{lang}]"))
    (join,) = [c for c in project.json("generate", "--dry-run")["clips"] if "spans" in c]
    assert [(s["lang"], s["text"]) for s in join["spans"]] == [
        ("ja", "今日は"),
        ("en", "apple"),
        ("ja", "を食べます。"),
    ]
    project.config(config("[{text}]"))
    code, out = project.invoke("generate", "--dry-run")
    assert code == 2 and "types.notes.fields[0].lang_mark" in out and "{lang}" in out, out


def _lang_mark_refused(project: Project, kind: str) -> str:
    """What a run is refused with for a `lang_mark` on a field of kind `kind`, asked where
    a run asks it (`refused_by_types`, the types a run and its dry run select): one line,
    exit 2, nothing written."""
    field = (
        f'\n[[types.notes.fields]]\nname = "yomi"\ntext = "yomi"\nurl = "yomiUrl"\n'
        f'kind = "{kind}"\nlang_mark = "[{{lang}}]{{text}}[/{{lang}}]"\n'
    )
    project.config(notes_config(top='provider = "fault"') + field)
    write_json(project / "data/notes.json", [{"sentence": "山です。", "yomi": "やま"}])
    line = refused_by_types(project)
    assert (
        "types.notes.fields[2].lang_mark" in line
        and f'the field "yomi" is of kind "{kind}"' in line
    ), line
    assert "remove lang_mark" in line
    return line


def test_a_lang_mark_on_a_field_whose_texts_are_said_whole_stops_the_config(
    project: Project, fault: None
) -> None:
    """A `lang_mark` on a field of kind `reading` or `kana` was taken and did nothing
    (such a text is never cut into spans): it is refused at load, naming the field. Each
    kind asked where a run asks it; the command line shows one refused with its line."""
    check_each_one(lambda kind: _lang_mark_refused(project, kind), ["reading", "kana"])
    line = _lang_mark_refused(project, "reading")
    before = project.tree()
    code, out = project.invoke("generate")
    assert code == 2 and out == f"error: {line}\n", out
    assert project.tree() == before
