"""One ranking of the readings that may be wrong: the likeliest wrong first, whatever the
language or the kind of doubt, for `readings` and the review page; what its sentence
settles is counted, never listed by the thousand."""

from __future__ import annotations

from tts_assets.commands.readings import SCREEN, ReadingsReport
from tts_assets.commands.say import SaidText
from tts_assets.languages import resolved
from tts_assets.readings.form import UNKNOWN_RISK, ReadingNote, ranked
from tts_assets.review.flags import flags_first
from tts_assets.review.row import Flag, Row


def test_the_likeliest_wrong_come_first_and_an_unestimated_doubt_as_even() -> None:
    notes = [
        ReadingNote("a", "doubt", "a", 0.1),
        ReadingNote("b", "numbers", "b"),
        ReadingNote("c", "doubt", "c", 0.9),
        ReadingNote("d", "doubt", "d", 0.1),
        ReadingNote("e", "disagree", "e", UNKNOWN_RISK + 0.01),
    ]
    assert [n.place for n in ranked(notes)] == ["c", "e", "b", "a", "d"]


def _report(doubts: int, settled: int) -> ReadingsReport:
    report = ReadingsReport()
    report.notes.append(ReadingNote("bad.json", "unusable", "not kana"))
    report.notes += [
        ReadingNote(f"d{i}", "doubt", f"doubt {i}", risk=i / (doubts + 1)) for i in range(doubts)
    ]
    report.notes += [
        ReadingNote(f"s{i}", "alike", f"settled {i}", risk=0.01) for i in range(settled)
    ]
    report.counts.update({"unusable": 1, "doubt": doubts, "alike": settled})
    return report


def test_readings_fits_a_screen_the_problem_then_the_likeliest_wrong() -> None:
    lines = _report(doubts=40, settled=1200).lines()
    assert len(lines) <= SCREEN + 4
    assert lines[0] == "bad.json: unusable: not kana"
    assert lines[1].startswith("d39: doubt:") and lines[SCREEN].startswith(f"d{40 - SCREEN}:")
    assert f"{40 - SCREEN} more to check" in "\n".join(lines)
    counted = next(line for line in lines if "1200 text(s) said as most likely meant" in line)
    assert "--all lists them" in counted
    assert not any(line.startswith("s") for line in lines)


def test_readings_all_lists_every_note_still_ranked() -> None:
    report = _report(doubts=40, settled=30)
    report.every = True
    lines = report.lines()
    listed = [line.split(":")[0] for line in lines[:-1]]
    assert listed[:3] == ["bad.json", "d39", "d38"]
    assert len(listed) == 1 + 40 + 30
    noted = report.as_json()["noted"]
    assert isinstance(noted, list) and noted[0]["risk"] == 0.01


def _row(text: str, flags: tuple[Flag, ...], risk: float | None = None) -> Row:
    return Row("t", "t.json › [0]", (text,), text, resolved("ja"), flags=flags, risk=risk)


def test_the_review_page_ranks_its_doubted_readings_by_risk_not_kind() -> None:
    rows = [
        _row("unflagged", ()),
        _row("joined only", (Flag("joined", "2 pieces"),)),
        _row("doubt, unlikely", (Flag("reading-doubt", "x"),), 0.05),
        _row("number, unestimated", (Flag("numbers", "x"),)),
        _row("doubt, likely", (Flag("reading-doubt", "x"),), 0.8),
        _row("refused", (Flag("refused", "x"),)),
        _row("disagreed", (Flag("reading", "x"),), 0.2),
    ]
    order = flags_first(rows)
    by_place = [rows[i].text for i in sorted(range(len(rows)), key=order.__getitem__)]
    assert by_place == [
        "refused",
        "doubt, likely",
        "number, unestimated",
        "disagreed",
        "doubt, unlikely",
        "unflagged",
        "joined only",
    ]


def test_say_shows_a_doubt_but_not_what_its_sentence_settles() -> None:
    settled = SaidText("明日は学校へ行きます。", "ja", verdict="alike", note="明日 is said あした")
    doubted = SaidText("雨が降りそうだ。", "ja", verdict="doubt", note="降り is said おり")
    assert not any("明日 is said" in line for line in settled.lines())
    assert "  note: 降り is said おり" in doubted.lines()
    assert settled.as_json()["note"] == "明日 is said あした"
