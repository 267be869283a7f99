"""The run's note on a language whose provider could not say most of its texts."""

from __future__ import annotations

from tests.support.clips import spoken_clip
from tts_assets.features.advice import unsaid_notes
from tts_assets.languages import Lang, resolved
from tts_assets.making.graph import asked_of
from tts_assets.making.report import Failure
from tts_assets.planning.plan import Clip, Voice


def clip(key: str, lang: str, provider: str = "espeak") -> Clip:
    return spoken_clip(key, key, lang, Voice(provider, "cmn" if lang == "zh" else lang))


def unsaid(key: str, lang: str, why: str = "it switched to English") -> Failure:
    return Failure([f"vocabulary.json › {key}"], key, "…", resolved(lang), "espeak", why)


def instead(lang: Lang, provider: str) -> str:
    return f"use anything but {provider} for {lang}"


def test_a_language_that_mostly_fails_is_named_once_with_what_to_use_instead() -> None:
    new = [clip(k, "zh") for k in "abcd"] + [clip(k, "de") for k in "ef"]
    new.append(clip("a", "zh"))  # another type's clip of the same text: one text
    failures = [unsaid(k, "zh") for k in "abc"] + [unsaid("e", "de")]
    failures.append(Failure(["x"], "d", "timed out after 60 s", resolved("zh"), "espeak"))
    assert unsaid_notes(failures, asked_of(new), instead) == [
        "zh: espeak could not say 3 of 4 texts (it switched to English); "
        "use anything but espeak for zh"
    ]  # de: 1 of 2 is not most


def test_no_note_without_such_failures_or_without_an_alternative() -> None:
    new = [clip(t, "ko") for t in "abc"]
    assert unsaid_notes([], asked_of(new), instead) == []
    failed = [unsaid(t, "ko", "it switched to Japanese") for t in "abc"]
    assert unsaid_notes(failed, asked_of(new), lambda *_: "") == [
        "ko: espeak could not say 3 of 3 texts (it switched to Japanese)"
    ]


def test_text_places_with_nothing_written_are_named_once_and_listed_in_json() -> None:
    from tts_assets.commands.summary import Summary

    places = [("c.json › [0] › word", "empty text"), ("c.json › [1] › word", "no text (null)")]
    summary = Summary(counts={}, skipped=places, dry_run=True)
    notes = [line.text for line in summary.lines() if "hold no text yet" in line.text]
    assert notes == [
        "note: 2 text place(s) hold no text yet (c.json › [0] › word and 1 more): skipped, "
        "no clip until they are written (--json lists them under skipped)"
    ]
    assert [s["place"] for s in summary.as_json()["skipped"]] == [p for p, _ in places]
    assert not [x for x in Summary(counts={}, dry_run=True).lines() if "no text" in x.text]
