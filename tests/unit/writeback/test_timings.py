"""What a `segments` place should become, beside the URL write-back leaves: each outcome of
`judge`, which write-back and verify both ask."""

from __future__ import annotations

from tests.support.sweep import check_each
from tts_assets.writeback.timings import Segments, Timings, judge, segments_of

OURS = "/audio/shadowing/0123456789abcdef0123456789abcdef.mp3"
OLD = "/audio/shadowing/fedcba9876543210fedcba9876543210.mp3"
UNTIMED = "/audio/shadowing/00000000000000000000000000000000.mp3"
HAND = "https://cdn.example.com/native/s1.mp3"
TIMED: dict[str, Segments] = {
    OURS: [{"start": 50, "end": 400, "text": "Good"}, {"start": 400, "end": 900, "text": "day."}],
    OLD: [{"start": 50, "end": 300, "text": "Hello."}],
}
GONE: Segments = [{"start": 60, "end": 700, "text": "Bye."}]
"""The timings of a clip the store lists whose text is gone (no URL names it)."""
MINE: Segments = [{"start": 0, "end": 2000, "text": "Good day."}]


def _timings() -> Timings:
    return Timings(lambda url, by: TIMED.get(url), lambda: [*TIMED.values(), GONE])


def _made(url: str) -> bool:
    return url.startswith("/audio/")


VERDICTS = [
    (None, None, OURS, False, "added", TIMED[OURS]),
    ([], OURS, OURS, False, "added", TIMED[OURS]),  # an empty list is a placeholder
    (TIMED[OURS], OURS, OURS, False, "unchanged", TIMED[OURS]),
    (TIMED[OLD], OLD, OURS, False, "replaced", TIMED[OURS]),  # its text changed
    (GONE, OURS, OURS, False, "replaced", TIMED[OURS]),  # another clip's, wherever
    (MINE, OURS, OURS, False, "kept", TIMED[OURS]),  # a person's
    (MINE, OURS, OURS, True, "replaced", TIMED[OURS]),  # --replace-hand-set-urls
    (TIMED[OURS], OURS, None, False, "cleared", None),  # its URL cleared (refused)
    (TIMED[OURS], HAND, HAND, False, "cleared", None),  # a person's recording now
    (TIMED[OURS], OURS, UNTIMED, False, "cleared", None),  # a clip without timings
    (MINE, HAND, HAND, False, "unchanged", None),  # a person's, beside a person's URL
    (MINE, None, None, True, "unchanged", None),
    (None, HAND, HAND, False, "unchanged", None),
]


def test_each_place_becomes_what_its_url_s_clip_says() -> None:
    check_each(_each_place_becomes_what_its_url_s_clip_says, VERDICTS)


def _each_place_becomes_what_its_url_s_clip_says(
    held: object, was: object, now: object, hand_set: bool, outcome: str, want: object
) -> None:
    verdict = judge(held, was, now, _made, _timings(), hand_set)
    assert (verdict.outcome, verdict.want) == (outcome, want)
    assert verdict.clip == (now if want is not None else None)


def test_the_store_is_believed_of_no_other_host() -> None:
    # A person's URL ending in a clip's path names no clip of the tool's: its timings are
    # neither written nor called the tool's.
    asked: list[str] = []

    def of(url: str, by: str = "word") -> Segments | None:
        asked.append(url)
        return TIMED.get(url)

    verdict = judge(MINE, HAND, HAND, _made, Timings(of), False)
    assert verdict.outcome == "unchanged" and HAND not in asked


def test_every_clip_s_timings_are_gathered_once_and_only_when_needed() -> None:
    gathered: list[int] = []

    def every() -> list[Segments]:
        gathered.append(1)
        return [*TIMED.values(), GONE]

    timings = Timings(lambda url, by: TIMED.get(url), every)
    assert timings.made(TIMED[OURS], OURS) and not gathered  # its own URL's clip: one lookup
    assert timings.made(GONE) and timings.made([dict(reversed(GONE[0].items()))])
    assert not timings.made(MINE)
    assert gathered == [1]


def test_a_clip_s_record_becomes_the_seed_app_s_segments() -> None:
    record = {
        "source": "kokoro",
        "words": [{"start": 52, "end": 650, "text": "毎朝、", "reading": "まいあさ", "morae": []}],
    }
    assert segments_of(record) == [
        {"start": 52, "end": 650, "text": "毎朝、", "reading": "まいあさ"}
    ]
    assert segments_of({"none": "its provider reports no timings"}) is None
    assert segments_of(None) is None


def _translated(segments: Segments, *translations: str) -> Segments:
    return [{**s, "translation": t} for s, t in zip(segments, translations, strict=True)]


def test_a_person_s_translations_survive_re_timing_matched_by_text() -> None:
    """To get real times a team had to null the segments, and each segment's translation
    went with them."""
    # The seed app's made-up times, each with what the app shows under it.
    sample = [
        {"start": 0, "end": 2000, "text": "Good", "translation": "よい"},
        {"start": 2000, "end": 5000, "text": "day", "translation": "日"},
    ]
    verdict = judge(sample, OURS, OURS, _made, _timings(), True)
    assert verdict.outcome == "replaced"
    assert verdict.want == _translated(TIMED[OURS], "よい", "日")  # "day." is "day"
    # The tool's timings with a person's translations are still the tool's: unchanged...
    ours = _translated(TIMED[OURS], "よい", "日")
    assert judge(ours, OURS, OURS, _made, _timings()).outcome == "unchanged"
    # ... and when the text changes, re-timed with the translation kept, by order.
    old = [{**TIMED[OLD][0], "translation": "こんにちは"}]
    verdict = judge(old, OLD, OURS, _made, _timings())
    assert verdict.outcome == "replaced"
    assert verdict.want == [{**TIMED[OURS][0], "translation": "こんにちは"}, TIMED[OURS][1]]


def test_times_set_to_null_are_re_made_with_what_each_segment_adds() -> None:
    """The note's advice, followed: each segment's start and end set to null, its text and
    translation left. The new times come with every key the tool does not write, matched
    by text, then by order; none is dropped."""
    nulled = [
        {"start": None, "end": None, "text": "day", "translation": "日", "note": "n"},
        {"start": None, "end": None, "text": "Hi", "translation": "やあ"},
    ]
    verdict = judge(nulled, OURS, OURS, _made, _timings())
    assert verdict.outcome == "added"
    assert verdict.want == [
        {**TIMED[OURS][0], "translation": "やあ"},  # by order: "Hi" matched no text
        {**TIMED[OURS][1], "translation": "日", "note": "n"},  # by its text
    ]
    # Without their keys the segments are as good as null: the clip's, no loss to fear.
    assert judge([{"text": "x"}], OURS, OURS, _made, _timings()).want == TIMED[OURS]
    # More segments with something added than the clip has: nothing is written over them.
    three = [*nulled, {"start": None, "end": None, "text": "Yo", "translation": "よ"}]
    for held in (three, [{**s, "start": 0, "end": 1} for s in three]):
        verdict = judge(held, OURS, OURS, _made, _timings(), True)
        assert verdict.outcome == "kept" and verdict.want == TIMED[OURS]


def test_timings_that_run_past_their_clip_are_found() -> None:
    from tts_assets.writeback.timings import past_the_end

    assert past_the_end(MINE, 1500) == 2000
    assert past_the_end(MINE, 2000) is None and past_the_end(MINE, 1999) is None
    assert past_the_end(MINE, None) is None and past_the_end("x", 10) is None


def test_a_text_in_several_languages_is_gathered_in_phrases_run_by_run() -> None:
    """A text with spans in another language (`making.spans`): a phrase never crosses from
    one run into the next, each run's phrases gathered as its own clip's (its language,
    the accent it was told)."""
    from pathlib import PurePosixPath

    from tts_assets.store.manifest import StoredClip

    text = 'これは<lang xml:lang="en">a good book, really</lang>です。'
    runs = [
        {"start": 51, "end": 597, "text": "これは", "lang": "ja", "pitch": "LHHH"},
        {"start": 683, "end": 1574, "text": "a good book, really", "lang": "en"},
        {"start": 1665, "end": 2157, "text": "です。", "lang": "ja", "pitch": "HL"},
    ]
    said = [
        (51, 390, "これ", "ja"),
        (440, 597, "は", "ja"),
        (683, 778, "a", "en"),
        (848, 1080, "good", "en"),
        (1153, 1335, "book,", "en"),
        (1405, 1574, "really", "en"),
        (1665, 2157, "です。", "ja"),
    ]
    words = [{"start": a, "end": b, "text": t, "lang": lang} for a, b, t, lang in said]
    record = {"source": "spans", "langs": ["ja", "en"], "spans": runs, "words": words}
    clip = StoredClip(
        "k", str(PurePosixPath("notes/k.mp3")), text, "kokoro", "jf_alpha", 2.2, 1, "s", "ja"
    )
    phrases = segments_of(record, "phrase", clip)
    assert phrases is not None
    assert [(p["start"], p["end"]) for p in phrases] == [
        (51, 597),
        (683, 1335),
        (1405, 1574),
        (1665, 2157),
    ]
    # A sentence is the whole text, whatever language its words are in.
    (sentence,) = segments_of(record, "sentence", clip) or []
    assert (sentence["start"], sentence["end"]) == (51, 2157)
