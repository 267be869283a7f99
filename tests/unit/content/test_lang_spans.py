"""Spans in another language inside a text: how a text is cut into its
runs, the silences between them, and each mark that cannot be read refused with how to
write it (`content.lang_spans`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.content.gate import FileVotes, Status
from tts_assets.content.item import Item, Spans
from tts_assets.content.lang_spans import (
    CLAUSE_GAP_S,
    MOST_SPANS,
    WORD_GAP_S,
    Cut,
    Unsaid,
    course_mark,
    cut_spans,
    judged,
    marked,
    spanned,
    without_notes,
)
from tts_assets.content.places import SpecError
from tts_assets.content.spec import FieldSpec
from tts_assets.errors import InputError
from tts_assets.languages import resolved
from tts_assets.pauses import SENTENCE_S, split

JA = FieldSpec(text="sentence", url="audioUrl", lang="ja")
OWN = FieldSpec(text="sentence", url="audioUrl", lang="ja", lang_mark="[{lang}]{text}[/{lang}]")
WHERE = "notes.json › [0] › sentence"


def _cut(text: str, field: FieldSpec = JA, **kwargs: object) -> Cut:
    found = cut_spans(text, field, WHERE, **kwargs)  # type: ignore[arg-type]
    assert isinstance(found, Cut), found
    return found


def _why(text: str, field: FieldSpec = JA) -> str:
    found = cut_spans(text, field, WHERE)
    assert isinstance(found, Unsaid) and found.refused, found
    return found.reason


def _runs(found: Cut) -> list[tuple[str, str]]:
    return [(run.lang.code, run.text) for run in found.runs]


def test_an_english_span_cuts_a_japanese_sentence_into_three_runs() -> None:
    found = _cut('今日は<lang xml:lang="en">apple</lang>を食べます。')
    assert _runs(found) == [("ja", "今日は"), ("en", "apple"), ("ja", "を食べます。")]
    assert found.gaps == (WORD_GAP_S, WORD_GAP_S)
    assert [run.mark for run in found.runs] == [None, '<lang xml:lang="en">', None]


def test_pauses_between_runs_are_the_pauses_written_else_a_gap_by_the_punctuation() -> None:
    written = _cut('今日は [pause:1.5s] <lang xml:lang="en">apple</lang><break time="300ms"/>を')
    assert written.gaps == (1.5, 0.3)
    assert _runs(written) == [("ja", "今日は"), ("en", "apple"), ("ja", "を")]
    assert _cut('<lang xml:lang="en">Hello</lang>、元気？').gaps == (CLAUSE_GAP_S,)
    assert _cut('<lang xml:lang="en">Hello.</lang> 元気？').gaps == (SENTENCE_S,)
    # A pause inside a run is the run's own (its clip's), and one that opens the text is
    # silence before its first word, as in a text without spans.
    inside = _cut('<lang xml:lang="en">one [pause:1s] two</lang>です')
    assert _runs(inside)[0] == ("en", "one [pause:1s] two") and inside.gaps == (WORD_GAP_S,)
    opening = _cut('[pause:2s] <lang xml:lang="en">apple</lang>です')
    assert split(opening.runs[0].text).lead == 2.0


def test_a_mark_in_the_fields_own_language_says_nothing_more() -> None:
    found = _cut('<lang xml:lang="ja-JP">今日は</lang>いい天気です。')
    assert _runs(found) == [("ja", "今日はいい天気です。")] and found.gaps == ()
    # A text all in another language is a text of that language: one run, no join.
    whole = _cut('<lang xml:lang="en">Good morning.</lang>')
    assert _runs(whole) == [("en", "Good morning.")]


def test_the_courses_own_mark_beside_ssml() -> None:
    found = _cut('今日は[en]apple[/en]を<lang xml:lang="fr">pomme</lang>と言います', OWN)
    assert _runs(found) == [
        ("ja", "今日は"),
        ("en", "apple"),
        ("ja", "を"),
        ("fr", "pomme"),
        ("ja", "と言います"),
    ]
    braces = FieldSpec(text="s", url="u", lang="ja", lang_mark="{{lang}:{text}}")
    assert _runs(_cut("水は{en:water}です", braces))[1] == ("en", "water")
    # Without the field's mark, its brackets are text (said as today).
    assert not marked("今日は[en]apple[/en]を", "text", None)


def test_a_cut_text_reads_as_written_without_its_marks_and_its_item_with_it() -> None:
    """What captions and a card show of a text with spans (`Spans.text`): the text between
    the marks as written (its spaces, its pauses), each mark left out, SSML's or the
    course's own."""
    cases = {
        '今日は<lang xml:lang="en">apple</lang>を食べます。': "今日はappleを食べます。",
        'The word <lang xml:lang="ja">水</lang> means water.': "The word 水 means water.",
        '今日は[en]apple[/en]を<lang xml:lang="fr">pomme</lang>と [pause:1s] 言います': (
            "今日はappleをpommeと [pause:1s] 言います"
        ),
    }
    for text, unmarked in cases.items():
        field = FieldSpec(text="s", url="u", lang="en" if text.startswith("The") else "ja",
                          lang_mark=OWN.lang_mark)  # fmt: skip
        found = _cut(text, field)
        assert found.text == unmarked
        item = spanned(
            Item("t", Path("t.json"), ("s",), text, text, resolved(field.lang), ("u",)), found
        )
        assert item.unmarked == unmarked and item.text == text
    assert Item("t", Path("t.json"), ("s",), "山", "山", resolved("ja"), ("u",)).unmarked is None


def test_a_course_mark_that_cannot_mark_a_span_alone_is_refused_in_the_config() -> None:
    def case(mark: str) -> None:
        with pytest.raises(SpecError) as raised:
            course_mark(mark)
        assert raised.value.key == "lang_mark"
        with pytest.raises(SpecError):
            FieldSpec(text="s", url="u", lang_mark=mark)

    check_each_one(
        case,
        [
            "{text}",
            "[{lang}]",
            "{lang}:{text};",
            "[{lang}{text}]",
            "[{lang}]{text}",
            "[{lang}]{text}{text}",
        ],
    )


def test_a_mark_that_cannot_be_read_refuses_the_text_with_how_to_write_it() -> None:
    def case(text: str, why: str | None) -> None:
        if why is None:  # single quotes and a space before > are SSML too
            assert _runs(_cut(text))[1] == ("en", "apple")
            return
        assert why in _why(text)

    check_each(
        case,
        [
            ('今日は<lang xml:lang="en">apple', "not closed; close it with </lang>"),
            ("今日はapple</lang>", "closes no span"),
            (
                '<lang xml:lang="en">a <lang xml:lang="fr">b</lang></lang>',
                "a span inside a span",
            ),
            ("今日は<lang>apple</lang>", "a <lang> names its language"),
            ('<lang lang="en">apple</lang>', 'takes xml:lang alone, not "lang"'),
            ('<lang xml:lang="en" onlangfailure="x">a</lang>', "takes xml:lang alone"),
            ("<lang xml:lang=en>apple</lang>", 'its attributes are name="value"'),
            ('<lang xml:lang="e">apple</lang>', "is not a language code"),
            ('<lang xml:lang="en; rm -rf /">apple</lang>', "is not a language code"),
            ('今日は<lang xml:lang="en"></lang>です', "its span says nothing (no letter or digit)"),
            (
                '今日は<lang xml:lang="en"> 。!</lang>です',
                "its span says nothing (no letter or digit)",
            ),
            ("今日は<lang xml:lang='en'>apple</lang >", None),
            ('<lang xml:lang="en">a</lang', "not a <lang> tag"),
            ('今日は<lang xml:lang="en">apple</lang>[pause:99s]です', "a pause lasts at most"),
            ('今日は<lang xml:lang="en">apple<prosody rate="slow">x</prosody></lang>', "<prosody>"),
        ],
    )


def test_a_course_mark_closed_by_another_language_or_by_ssml_is_refused() -> None:
    assert "does not close [en]" in _why("今日は[en]apple[/fr]です", OWN)
    assert "does not close [en]" in _why("今日は[en]apple</lang>です", OWN)
    assert "not closed" in _why("今日は[en]apple です", OWN)


def test_a_span_in_a_language_tts_assets_does_not_voice_stops_the_run_naming_the_place() -> None:
    with pytest.raises(InputError) as raised:
        cut_spans('今日は<lang xml:lang="xx">apple</lang>', JA, WHERE)
    message = str(raised.value)
    assert message.startswith(WHERE) and '"xx"' in message and "remove the mark" in message
    assert "\n" not in message


def test_too_many_spans_refuse_the_text_in_one_pass() -> None:
    many = "".join(f'語<lang xml:lang="en">w{n}</lang>' for n in range(MOST_SPANS))
    assert "runs" in _why(many) and f"at most {MOST_SPANS}" in _why(many)
    # Halves of marks by the thousand are read once each, then refused at the first.
    assert "not a <lang> tag" in _why("<lang" * 4000)
    assert "a span inside a span" in _why('<lang xml:lang="en">' * 2000)


def test_a_reading_or_an_accent_of_the_whole_text_cannot_be_a_runs() -> None:
    text = '今日は<lang xml:lang="en">apple</lang>を食べます。'
    found = cut_spans(text, JA, WHERE, ("きょうはあっぷるをたべます", None))
    assert isinstance(found, Unsaid) and found.refused and "reading or an accent" in found.reason
    assert isinstance(cut_spans(text, JA, WHERE, (None, "0")), Unsaid)
    # A mark that only wraps the field's own text keeps its reading.
    own = cut_spans('<lang xml:lang="ja">今日</lang>', JA, WHERE, ("きょう", None))
    assert isinstance(own, Cut)


def test_a_slow_twin_of_a_text_with_spans_is_left_out_with_a_note_not_refused() -> None:
    twin = FieldSpec(text="sentence", url="slowAudioUrl", lang="ja", tempo=0.75)
    found = cut_spans('今日は<lang xml:lang="en">apple</lang>です', twin, WHERE)
    assert isinstance(found, Unsaid) and not found.refused and "slow twin" in found.reason


def test_markup_that_only_looks_like_a_span_is_never_read_as_one() -> None:
    # Escaped, it is no mark here: the pauses' reading refuses it with its reason.
    escaped = "&lt;lang xml:lang=&quot;en&quot;&gt;apple&lt;/lang&gt;です"
    assert not marked(escaped, "text", None)
    assert "&lt;" in (split(escaped).problem or "")
    assert not marked('<language>apple</language> <langue xml:lang="en">', "text", None)
    # A reading or a chart's sound is never cut: a mark there is refused as SSML.
    assert not marked('<lang xml:lang="en">a</lang>', "reading", None)
    assert "<lang>" in (split('か<lang xml:lang="en">a</lang>').problem or "")


def test_glosses_are_left_out_run_by_run_in_each_runs_language() -> None:
    found = _cut('水 (<lang xml:lang="en">water (水)</lang>)です')
    assert ("en", "water") in _runs(found)
    assert next(r for r in found.runs if r.lang.code == "en").left_out == ("(水)",)
    # The text itself keeps its marks: its runs leave out their own glosses.
    text = '水<lang xml:lang="en">water</lang>'
    assert without_notes(text, "text", resolved("ja"), None) == (text, ())


def _item(spoken: str, lang: str = "ja") -> Item:
    return Item(
        "notes", Path("notes.json"), (0, "sentence"), spoken, spoken, resolved(lang), (0, "url")
    )


def test_each_run_is_judged_in_its_language_and_a_run_refused_refuses_its_text_once() -> None:
    good = spanned(
        _item('今日は<lang xml:lang="en">apple</lang>を食べます。'),
        _cut('今日は<lang xml:lang="en">apple</lang>を食べます。'),
    )
    text = 'りんごは<lang xml:lang="en">りんご</lang>と<lang xml:lang="en">ringo</lang>'
    bad = spanned(_item(text), _cut(text))
    assert isinstance(good.made_from, Spans) and isinstance(bad.made_from, Spans)
    runs = [p.item for p in good.made_from.parts if p.item is not None]
    assert [(r.lang.code, r.spoken, r.voice) for r in runs] == [
        ("ja", "今日は", None),
        ("en", "apple", None),
        ("ja", "を食べます。", None),
    ]
    refused = judged([good, bad, _item("apple")], FileVotes())
    reasons = {r.item.spoken: r.verdict.reason for r in refused}
    assert set(reasons) == {text, "apple"}
    assert reasons[text].startswith('its English span: "りんご"')
    assert all(r.verdict.status is Status.REFUSED for r in refused)
    # A Latin word in a Japanese sentence with no mark stands, as before spans.
    assert not judged([_item("私はappleを食べます。")], FileVotes())


def test_no_run_is_read_in_the_words_of_another() -> None:
    """A cloze's gapped text is read as part of its filled sentence (`Item.context`): a
    run of a text with spans never is, the filled sentence holding the other runs' words
    (the Japanese reader would see the English ones)."""
    from tts_assets.content.item import Stated

    text = '[pause:2s] は<lang xml:lang="en">apple</lang>です。'
    filled = '今日は<lang xml:lang="en">apple</lang>です。'
    item = _item(text)
    item = Item(
        *[
            getattr(item, f)
            for f in ("type_name", "file", "text_path", "text", "spoken", "lang", "url_path")
        ],
        stated=Stated(context=filled),
    )
    runs = [p.item for p in spanned(item, _cut(text)).made_from.parts if p.item is not None]  # type: ignore[union-attr]
    assert [(r.spoken, r.context) for r in runs] == [
        ("[pause:2s] は", None),
        ("apple", None),
        ("です。", None),
    ]
    # A mark around the whole text in its own language keeps what the content states.
    whole = spanned(item, _cut('<lang xml:lang="ja">今日</lang>'))
    assert whole.context == filled and whole.spoken == "今日"


def test_a_span_of_a_cloze_blank_alone_is_its_silence_not_refused() -> None:
    # A cloze's blank becomes a pause before the spans are cut: `<lang en>___</lang>`.
    text = '私は<lang xml:lang="en"> [pause:1s] </lang>を飲みます。'
    cut = cut_spans(text, JA, WHERE)
    assert not isinstance(cut, str), cut
    assert [run.text for run in cut.runs] == ["私は", "を飲みます。"]
    assert cut.gaps[0] >= 1.0
