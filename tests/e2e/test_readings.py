"""Readings in a run: what each clip says is decided before it is made.

The engine itself is tested row by row in tests/unit/readings/ja/test_reconcile.py; here,
through the commands:
the built-in types' reading paths, the dry run's list of what will be said, the report
of problems with their places, overrides in sentences and what changing one remakes, the
`readings` command, and what a real Kokoro run records.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.support.markers import needs_espeak
from tests.support.project import Project, invoke, read_json, write_json
from tts_assets.cli.app import app
from tts_assets.planning.course import prepare
from tts_assets.review.collect import READING_VERDICTS, collect_rows
from tts_assets.settings.load import load_settings
from tts_assets.settings.pronunciations import with_entries, write


@pytest.fixture
def project(project: Project) -> Project:
    return project.gen(
        {
            "data/vocabulary.json": [
                {"id": "v1", "word": "学生", "reading": "がくせい"},
                {"id": "v2", "word": "御雑煮", "reading": "おぞうに"},
                {"id": "v3", "word": "先生", "reading": "sensei"},
                {"id": "v4", "word": "水"},
                # A reading no dictionary gives the form (JMdict has おおみき).
                {"id": "v5", "word": "大御酒", "reading": "おみき"},
            ],
            "data/kanji.json": [
                {
                    "id": "k1",
                    "character": "生",
                    "onyomi": ["セイ", "ショウ"],
                    "kunyomi": ["い.きる"],
                    "examples": [
                        {"word": "学生", "reading": "がくせい"},
                        {"word": "がくせい", "reading": "gakusei"},
                    ],
                }
            ],
            "data/grammar.json": [{"id": "g1", "examples": [{"japanese": "今日は寒い。"}]}],
        }
    )


def _run(*args: str) -> tuple[int, Any]:
    """The CLI's exit code and its output, parsed if it is JSON."""
    code, out = invoke(*args)
    try:
        return code, json.loads(out)
    except json.JSONDecodeError:
        return code, out


def _planned(*args: str) -> dict[str, dict[str, Any]]:
    code, doc = _run("generate", "--dry-run", "--json", *args)
    assert code in (0, 1), doc
    # Every place of a clip: a text several types say is one clip (stored once).
    return {place: c for c in doc["clips"] for place in c["places"]}


def test_the_dry_run_lists_what_each_clip_will_say(project: Project) -> None:
    clips = _planned("--type", "vocabulary,kanji")
    # Agreement: the written form, said as the dictionary says it (a long e).
    word = clips["vocabulary.json › [0] › word"]
    assert (word["text"], word["verdict"], word["phonemes"]) == ("学生", "agree", "ɡakɯseː")
    # A misread word: the content's reading wins, with its pronunciation; a reading of the
    # form (another analysis has it) is settled, one no dictionary gives it is a disagreement.
    zoni = clips["vocabulary.json › [1] › word"]
    assert zoni["verdict"] == "corrected" and zoni["phonemes"] == "o ʣoːɲi"
    omiki = clips["vocabulary.json › [4] › word"]
    assert omiki["verdict"] == "disagree" and omiki["phonemes"] == "o mʲikʲi"
    # A romaji reading is never said: the written form is.
    sensei = clips["vocabulary.json › [2] › word"]
    assert sensei["verdict"] == "unusable" and "reading is not kana" in sensei["note"]
    assert sensei["phonemes"] == "seɴseː"
    # No reading: said as the analyzer reads it (what Kokoro's own G2P says), told the
    # accent of its words (水 みず, flat).
    water = clips["vocabulary.json › [3] › word"]
    assert (water["phonemes"], water["pitch"]) == (
        "mʲizɨ",
        {"pattern": "LH", "from": "analyzer", "kana": "ミズ"},
    )
    # Told too: the word with a reading, the misread one as the content reads it.
    assert word["pitch"]["pattern"] == "LHHH"
    assert zoni["pitch"]["kana"] == "オゾーニ" and len(zoni["pitch"]["pattern"]) == 4
    # Kanji examples speak the word, reconciled with its reading.
    example = clips["kanji.json › [0] › examples › [0] › word"]
    assert (example["text"], example["phonemes"]) == ("学生", "ɡakɯseː")
    # Bare on'yomi are Sino-Japanese (a long e); kun'yomi are said as spelled.
    assert clips["kanji.json › [0] › onyomi › [0]"]["phonemes"] == "seː"
    assert clips["kanji.json › [0] › kunyomi › [0]"]["phonemes"] == "ikʲiɾɯ"


def test_problems_are_reported_with_their_places(project: Project) -> None:
    _, doc = _run("generate", "--dry-run", "--json", "--type", "vocabulary,kanji")
    readings = {r["place"]: r for r in doc["readings"]}
    assert readings["vocabulary.json › [1] › word"]["message"] == (
        "御雑煮: read as ごぞうに, content says おぞうに; spoke おぞうに, "
        "as another analysis reads it"
    )
    assert readings["vocabulary.json › [4] › word"]["message"] == (
        "大御酒: read as だいみき, content says おみき; spoke おみき"
    )
    assert readings["kanji.json › [0] › examples › [1] › word"]["verdict"] == "unusable"
    assert "vocabulary.json › [0] › word" not in readings  # agreement is not news


def test_the_readings_command_reports_and_fails_on_problems(project: Project) -> None:
    code, doc = _run("readings", "--json")
    assert code == 1
    assert doc["counts"]["disagree"] == 1 and doc["counts"]["unusable"] == 2
    assert doc["counts"]["corrected"] == 1  # 御雑煮: listed, neither a problem nor strict's
    # What was not spoken right fails; a disagreement the content's reading settled is news.
    assert {p["place"] for p in doc["problems"]} == {
        "vocabulary.json › [2] › word",
        "kanji.json › [0] › examples › [1] › word",
    }
    assert [d["place"] for d in doc["disagreements"]] == ["vocabulary.json › [4] › word"]
    code, doc = _run("readings", "--json", "--strict")
    strict = {p["place"] for p in doc["problems"]}
    assert code == 1 and "vocabulary.json › [4] › word" in strict
    assert "vocabulary.json › [1] › word" not in strict
    result = CliRunner().invoke(app, ["readings", "--type", "kanji"])
    assert result.exit_code == 1
    assert "kanji.json › [0] › examples › [1] › word: unusable" in result.output
    # Fixing the content leaves nothing to report.
    data = read_json(project / "data/kanji.json")
    assert isinstance(data, list)
    data[0]["examples"][1]["reading"] = "がくせい"
    write_json(project / "data/kanji.json", data)
    code, doc = _run("readings", "--json", "--type", "kanji")
    assert code == 0 and doc["problems"] == []


def test_a_disagreement_alone_is_listed_not_failed_unless_strict(project: Project) -> None:
    data = read_json(project / "data/vocabulary.json")
    assert isinstance(data, list)
    # 学生 (agrees), 御雑煮 (a reading of the form: corrected), 大御酒 (disagrees)
    write_json(project / "data/vocabulary.json", [data[0], data[1], data[4]])
    code, doc = _run("readings", "--json", "--type", "vocabulary")
    assert code == 0, doc
    assert doc["problems"] == [] and len(doc["disagreements"]) == 1
    result = CliRunner().invoke(app, ["readings", "--type", "vocabulary"])
    assert result.exit_code == 0
    assert "1 disagreement(s) settled by speaking the content's reading" in result.output
    # The content's reading said over the engine's, as the form has it: counted, and
    # listed with --all.
    assert "1 text(s) said as most likely meant (1 corrected" in result.output
    listed = CliRunner().invoke(app, ["readings", "--type", "vocabulary", "--all"])
    assert "vocabulary.json › [1] › word: corrected: 御雑煮" in listed.output
    code, doc = _run("readings", "--json", "--type", "vocabulary", "--strict")
    assert code == 1 and [p["place"] for p in doc["problems"]] == ["vocabulary.json › [2] › word"]


def test_an_override_settles_a_problem_and_applies_inside_sentences(project: Project) -> None:
    (project / "tts-assets.toml").write_text(
        '[pronunciations]\n"御雑煮" = "おぞうに"\n"先生" = "せんせい"\n"今日" = "こんにち"\n',
        encoding="utf-8",
    )
    code, doc = _run("readings", "--json", "--type", "vocabulary")
    assert code == 0, doc
    assert {o["place"] for o in doc["overrides"]} >= {"vocabulary.json › [1] › word"}
    # Said from phonemes as the override reads it: what was said shows the override's
    # reading, not the written word.
    word = _planned("--type", "vocabulary")["vocabulary.json › [1] › word"]
    assert word["verdict"] == "override"
    assert word["spoken"] in ("おぞうに", "せんせい", "こんにち") and word["spoken"] != word["text"]
    clips = _planned("--type", "grammar")
    sentence = clips["grammar.json › [0] › examples › [0] › japanese"]
    assert sentence["phonemes"].startswith("koɲɲiʨi")
    code, doc = _run("readings", "--json", "--type", "grammar")
    assert doc["overrides"] == [
        {
            "place": "grammar.json › [0] › examples › [0] › japanese",
            "verdict": "override",
            "message": "今日は寒い。: said with the override 今日 = こんにち",
        }
    ]


def test_a_built_in_rule_is_a_line_of_readings_a_teams_override_a_review_row(
    project: Project,
) -> None:
    """A word a built-in rule says as its sentence shows (辛い からい beside スープ) was
    decided with evidence: listed by `readings` (`ruled`), no review row; a team's own
    override is still shown (on hanabira.org's grammar, 8 rows of rules, each
    said as the example's romaji has it)."""
    write_json(
        project / "data/grammar.json",
        [
            {
                "id": "g1",
                "examples": [{"japanese": "このスープは辛いです。"}, {"japanese": "今日は寒い。"}],
            }
        ],
    )
    (project / "tts-assets.toml").write_text('[pronunciations]\n"今日" = "こんにち"\n', "utf-8")
    clips = _planned("--type", "grammar")
    soup = clips["grammar.json › [0] › examples › [0] › japanese"]
    today = clips["grammar.json › [0] › examples › [1] › japanese"]
    assert (soup["verdict"], today["verdict"]) == ("ruled", "override")
    assert "辛い = からい (spicy: スープ in its sentence; a built-in rule)" in soup["note"]
    code, doc = _run("readings", "--json", "--type", "grammar")
    assert code == 0 and doc["counts"]["ruled"] == 1
    assert [o["place"] for o in doc["overrides"]] == [
        "grammar.json › [0] › examples › [1] › japanese"
    ]
    assert READING_VERDICTS["ruled"] is None and READING_VERDICTS["override"] == "override"


@pytest.mark.slow  # its runs synthesize with espeak-ng in worker processes
@needs_espeak
def test_changing_an_override_remakes_exactly_the_clips_it_touches(project: Project) -> None:
    write_json(
        project / "data/grammar.json",
        [
            {
                "id": "g1",
                # Kana beside the overridden form: espeak-ng's Japanese reads no kanji (it
                # switches to English, "Chinese letter", and such a clip fails).
                "examples": [
                    {"japanese": "今日はさむい。"},
                    {"japanese": "あしたはあつい。"},
                    {"japanese": "今日もあめです。"},
                ],
            }
        ],
    )
    config = project / "tts-assets.toml"
    config.write_text('[pronunciations]\n"今日" = "きょう"\n', encoding="utf-8")
    code, doc = _run("generate", "--provider", "espeak", "--type", "grammar", "--json")
    assert code == 0, doc
    assert doc["generated"] == 3
    config.write_text('[pronunciations]\n"今日" = "こんにち"\n', encoding="utf-8")
    clips = _planned("--provider", "espeak", "--type", "grammar")
    assert sorted(clips) == [
        "grammar.json › [0] › examples › [0] › japanese",
        "grammar.json › [0] › examples › [2] › japanese",
    ]
    # A text provider is given the form that makes it say the override's reading.
    assert clips["grammar.json › [0] › examples › [0] › japanese"]["spoken"].startswith("こんにち")


def test_a_bad_override_stops_before_anything_is_written(project: Project) -> None:
    (project / "tts-assets.toml").write_text('[pronunciations]\n"学生" = "gakusei"\n', "utf-8")
    result = CliRunner().invoke(app, ["generate", "--dry-run"])
    assert result.exit_code == 2
    assert "tts-assets.toml" in result.output and "学生" in result.output


def test_a_corrected_reading_keeps_the_rest_of_the_file(project: Project) -> None:
    (project / "tts-assets.toml").write_text(
        'pronunciations_file = "words.toml"\n', encoding="utf-8"
    )
    words = project / "words.toml"
    words.write_text('# reviewed by Sato\n"明日" = "あした"\n', encoding="utf-8")
    settings = load_settings(".")
    path = settings.pronunciations_path
    write(path, with_entries(path, [("御雑煮", "おぞうに"), ("明日", "あす")]))
    assert (
        words.read_text("utf-8") == '# reviewed by Sato\n"明日" = "あす"\n"御雑煮" = "おぞうに"\n'
    )
    _, doc = _run("readings", "--json", "--type", "vocabulary")
    assert "vocabulary.json › [1] › word" in {o["place"] for o in doc["overrides"]}


@pytest.mark.slow
def test_a_kokoro_run_records_what_was_said(project: Project) -> None:
    code, doc = _run("generate", "--type", "vocabulary", "--json")
    assert code == 0, doc
    manifest = read_json(project / "public/audio/manifest.json")
    assert isinstance(manifest, dict)
    by_text = {c["text"]: c for c in manifest["clips"]}
    assert by_text["学生"]["phonemes"] == "ɡakɯseː" and by_text["学生"]["verdict"] == "agree"
    assert by_text["御雑煮"]["phonemes"] == "o ʣoːɲi"
    assert by_text["御雑煮"]["note"].startswith("御雑煮: read as ごぞうに")
    # The review page shows the disagreement no dictionary settles, not the reading of
    # the form that another analysis has (a line of `readings` instead).
    assert (by_text["御雑煮"]["verdict"], by_text["大御酒"]["verdict"]) == ("corrected", "disagree")
    rows = collect_rows(prepare(load_settings(project, type="vocabulary")), page_dir=project)
    flagged = {row.text: [f.code for f in row.flags] for row in rows}
    assert (flagged["御雑煮"], flagged["大御酒"]) == ([], ["reading"])
    # No reading: Kokoro's G2P made the phonemes, and the clip records them all the same.
    assert by_text["水"]["spoken"] == "水" and by_text["水"]["phonemes"] == "mʲizɨ"
    # Nothing is lost: every text got its clip and its URL.
    data = read_json(project / "data/vocabulary.json")
    assert isinstance(data, list) and all(e.get("audioUrl") for e in data)
    # And a second run makes nothing.
    code, doc = _run("generate", "--type", "vocabulary", "--json")
    assert code == 0 and doc["generated"] == 0
