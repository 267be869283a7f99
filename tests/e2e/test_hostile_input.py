"""Hostile and broken input, from the corpus in tests/hostile/ (and a few files too big
to keep there, made here): each stops with exit 2 and one line naming the file and the
place, with no traceback and nothing written; or, where one bad text should not stop
the rest, that text is skipped with its reason and every other text is made.

Stops the run (exit 2): truncated JSON, invalid UTF-8, UTF-16, an empty file, duplicate
keys, NaN, nesting too deep, raw control characters inside a JSON string, a top level
that is not the list of entries (null too), a value of the wrong kind (a string where the list of
examples belongs, a number as a text or as a URL), a bad config file (invalid TOML,
unknown keys, wrong value types, bad path expressions).

Skips one text (reported; exit 0): a text with no letter or digit (emoji only), a text
over 5,000 characters. Accepted as they are: a UTF-8 byte order mark (kept on write-back),
null where a list belongs (no texts there), control characters escaped in JSON (removed
from what is spoken), emoji inside a text, ids like ../../etc/passwd (ids are never paths),
a 50 MB file, and texts that look like shell commands or options (never interpreted).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support import TESTS, fault_provider, refusal
from tests.support.markers import needs_espeak
from tests.support.project import Project
from tests.support.sweep import check_each
from tts_assets.cli.app import app
from tts_assets.languages import HAN, KANA
from tts_assets.scripts.letters import without_glosses

CORPUS = TESTS / "hostile"
FAKE_SAY_DIR = TESTS / "support" / "fake_say"
GENERATE = ("generate", "--provider", "fault", "--type", "grammar")

# corpus file → a pattern the one-line error must match after "error: ".
STOPS = {
    "truncated.json": r"data/grammar\.json:7:9: invalid JSON \(Unterminated string starting\)",
    "invalid-utf8.json": r"data/grammar\.json:7: invalid UTF-8 at byte 97",
    "utf16.json": r"data/grammar\.json: the file is UTF-16; save it as UTF-8",
    "empty.json": r"data/grammar\.json: the file is empty",
    "duplicate-keys.json": r'data/grammar\.json:5:5: duplicate key "examples"',
    "nan.json": r"data/grammar\.json: invalid JSON \(NaN is not a JSON number\)",
    "raw-nul-in-string.json": r"data/grammar\.json:1:43: invalid JSON \(Invalid control character",
    "top-level-object.json": r"data/grammar\.json: expected a list of entries at the top level, "
    r'found an object; .* set root = "grammar"',
    "top-level-string.json": r"data/grammar\.json: expected a list of entries at the top level, "
    r"found a string",
    "top-level-null.json": r"data/grammar\.json: holds null, not a list of entries; write \[\]",
    "examples-is-a-string.json": r"grammar\.json › \[0\] › examples: expected a list, found a "
    r"string",
    "text-is-a-number.json": r"grammar\.json › \[0\] › examples › \[0\] › japanese: expected a "
    r"text \(a string\), found a number",
    "url-is-a-number.json": r"grammar\.json › \[0\] › examples › \[0\] › audioUrl: holds a "
    r"number, not a URL",
}
CONFIG_STOPS = {
    "invalid-toml.toml": r"tts-assets\.toml: invalid TOML \(.*line 1, column 18\)",
    "unknown-key.toml": r"tts-assets\.toml: unknown key concurency; valid keys: .*concurrency",
    "wrong-value-type.toml": r"tts-assets\.toml: concurrency = 'four': use a whole number ≥ 1",
    "bad-path-expression.toml": r"tts-assets\.toml: types\.phrases\.fields\[0\]\.text: "
    r'"examples\[\.japanese": "\[" at 8 is not closed',
    "bad-url-expression.toml": r"tts-assets\.toml: types\.phrases\.fields\[0\]\.url: text "
    r'"examples\[\]\.japanese" has 1 "\[\]" but url "audioUrl" has 0',
    "unknown-field-key.toml": r"tts-assets\.toml: types\.phrases\.fields\[0\]: unknown key txt;",
    "type-file-outside.toml": r'tts-assets\.toml: types\.phrases\.file: "\.\./outside\.json" is '
    r"outside the data folder",
    "unknown-provider-key.toml": r"tts-assets\.toml: unknown key providers\.elevenlabs\.model; "
    r"valid keys: .*model_id",
    "unknown-provider.toml": r"tts-assets\.toml: \[providers\.kokor\]: unknown provider 'kokor'; "
    r"valid providers: .*kokoro",
}


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    """An empty project using the (healthy) fault provider, as the working directory."""
    (project / "data").mkdir()
    return project


def _use(project: Project, corpus_file: str) -> Path:
    target = project / "data/grammar.json"
    shutil.copyfile(CORPUS / corpus_file, target)
    return target


def _assert_stops(project: Project, pattern: str, *args: str) -> None:
    before = project.tree()
    code, out = project.invoke(*GENERATE, *args)
    assert code == 2, out
    assert out.count("\n") == 1 and out.startswith("error: "), out
    assert re.search(pattern, out.replace(os.sep, "/")), out  # the patterns write data/...
    assert "Traceback" not in out
    assert project.tree() == before  # nothing written or changed, no out dir made


def _refused(project: Project, pattern: str, **flags: str) -> str:
    """`_assert_stops` asked one layer below the command line, where the command asks it
    (`refused`: exit 2, one line, no bug, nothing written)."""
    out = refusal.refused(project, provider="fault", **flags)
    assert re.search(pattern, out.replace(os.sep, "/")), out
    return out


STOPPING_FILES = sorted(STOPS)


def test_broken_content_stops_with_one_line_naming_file_and_place(project: Project) -> None:
    """Each file of the corpus, asked where the command asks it; the test below runs one
    through the command line."""
    check_each(
        _broken_content_stops_with_one_line_naming_file_and_place,
        [(project, c) for c in STOPPING_FILES],
        ids=lambda case: repr(case[-1]),
    )


def _broken_content_stops_with_one_line_naming_file_and_place(
    project: Project, corpus_file: str
) -> str:
    _use(project, corpus_file)
    return _refused(project, STOPS[corpus_file], type="grammar")


def test_broken_content_stops_the_command_with_the_line_of_its_load(project: Project) -> None:
    """Through the command line (a real run, not a dry run): the same line, nothing made."""
    line = _broken_content_stops_with_one_line_naming_file_and_place(project, "truncated.json")
    _assert_stops(project, "^error: " + re.escape(line) + "\n$")


STOPPING_CONFIGS = sorted(CONFIG_STOPS)


def test_a_broken_config_file_stops_with_one_line_naming_the_key(project: Project) -> None:
    """Each config of the corpus, asked where the command asks it; the test below runs
    one through the command line."""
    check_each(
        _a_broken_config_file_stops_with_one_line_naming_the_key,
        [(project, c) for c in STOPPING_CONFIGS],
        ids=lambda case: repr(case[-1]),
    )


def _a_broken_config_file_stops_with_one_line_naming_the_key(
    project: Project, corpus_file: str
) -> str:
    _use(project, "bom.json")
    shutil.copyfile(CORPUS / corpus_file, project / "tts-assets.toml")
    type_name = (
        "phrases"
        if "types.phrases" in (CORPUS / corpus_file).read_text(encoding="utf-8")
        else "grammar"
    )
    return _refused(project, CONFIG_STOPS[corpus_file], type=type_name)


def test_a_broken_config_file_stops_the_command_with_the_line_of_its_load(
    project: Project,
) -> None:
    line = _a_broken_config_file_stops_with_one_line_naming_the_key(project, "unknown-key.toml")
    _assert_stops(project, "^error: " + re.escape(line) + "\n$", "--type", "grammar")


def test_a_file_of_null_is_no_empty_course_to_prune(project: Project) -> None:
    """Read as a course with no entries, a file holding `null` made
    prune call every clip of it unused."""
    project.gen({"data/grammar.json": [{"examples": [{"japanese": "みずをのみます。"}]}]})
    assert project.json(*GENERATE)["generated"] == 1
    _use(project, "top-level-null.json")
    before = project.tree()
    for command in (("prune", "--yes", "--provider", "fault"), ("verify", "--provider", "fault")):
        code, out = project.invoke(*command)
        assert code == 2 and out.count("\n") == 1, out
        assert "data/grammar.json: holds null, not a list of entries" in out.replace(os.sep, "/")
    assert project.tree() == before  # no clip deleted


def test_nesting_ten_thousand_deep_stops(project: Project) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    (project / "data/grammar.json").write_text(
        f'[{{"id": "g", "examples": {deep}}}]\n', encoding="utf-8"
    )
    _assert_stops(project, r"data/grammar\.json: JSON nested too deeply to read")
    deep = '{"a": ' * 10_000 + "1" + "}" * 10_000
    (project / "data/grammar.json").write_text(
        f'[{{"id": "g", "notes": {deep}}}]\n', encoding="utf-8"
    )
    _assert_stops(project, r"data/grammar\.json: JSON nested too deeply to read")


def _fifty_megabytes(texts: list[str]) -> str:
    pad = "x" * (50 * 2**20 // len(texts))
    entries = [
        {"id": f"g{i}", "notes": pad, "examples": [{"japanese": t}]} for i, t in enumerate(texts)
    ]
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.slow
def test_a_50_megabyte_file_is_read_and_written_back_in_bounded_time(project: Project) -> None:
    texts = ["山を見ます。", "川を見ます。", "海を見ます。"]
    original = _fifty_megabytes(texts)
    path = project / "data/grammar.json"
    path.write_text(original, encoding="utf-8")
    started = time.monotonic()
    code, out = project.invoke(*GENERATE, "--json")
    assert code == 0, out
    assert time.monotonic() - started < 30
    assert json.loads(out)["generated"] == 3
    doc = json.loads(path.read_text(encoding="utf-8"))
    urls = [e["examples"][0].pop("audioUrl") for e in doc]
    assert all(u.startswith("/audio/grammar/") for u in urls)
    assert doc == json.loads(original)  # only the URLs changed

    # The same file cut short: stops at its end, naming line and column.
    path.write_text(original[: len(original) - 200], encoding="utf-8")
    _assert_stops(project, r"data/grammar\.json:\d+:\d+: invalid JSON")


def _summary(out: str) -> dict[str, object]:
    summary = json.loads(out)
    assert isinstance(summary, dict)
    return summary


def test_text_with_nothing_to_say_is_skipped_and_the_rest_is_made(project: Project) -> None:
    _use(project, "emoji.json")
    code, out = project.invoke(*GENERATE, "--json")
    assert code == 0, out
    summary = _summary(out)
    assert summary["generated"] == 1  # 猫が好きです😺。 keeps its emoji and is spoken
    assert summary["skipped"] == [  # 🎌 and 👨‍👩‍👧
        {
            "place": f"grammar.json › [0] › examples › [{i}] › japanese",
            "reason": "nothing to say (no letter or digit)",
        }
        for i in (1, 2)
    ]
    code, out = project.invoke(*GENERATE)  # the table names each skipped text, on its own line
    assert "note: skipped grammar.json › [0] › examples › [1] › japanese: nothing to say" in out


def test_a_100_000_character_text_is_refused_and_the_rest_is_made(project: Project) -> None:
    doc = [{"id": "g", "examples": [{"japanese": "あ" * 100_000}, {"japanese": "海です。"}]}]
    (project / "data/grammar.json").write_text(
        json.dumps(doc, ensure_ascii=False), encoding="utf-8"
    )
    code, out = project.invoke(*GENERATE, "--dry-run")
    assert code == 1  # a text no clip is made of: the run says so, it is not "empty"
    assert "あ" * 100 not in out  # the report shows a preview, not the whole text
    code, out = project.invoke(*GENERATE, "--json")
    assert code == 1, out
    summary = _summary(out)
    assert summary["generated"] == 1 and summary["skipped"] == []
    assert summary["types"]["grammar"]["refused"] == 1
    assert summary["types"]["grammar"]["empty"] == 0
    [refused] = summary["refused"]  # type: ignore[misc]
    assert refused["place"] == "grammar.json › [0] › examples › [0] › japanese"
    assert refused["reason"].startswith("text too long (100,000 characters; at most 5,000")


def test_a_long_passage_is_limited_by_what_is_spoken_at_once(project: Project) -> None:
    """A passage is spoken sentence by sentence: 10,200 characters are made, not refused."""
    passage = "今日はとても良い天気なので、公園へ散歩に行きました。" * 400
    project.gen({"data/readings.json": [{"id": "r", "text": passage[:10_200]}]})
    code, out = project.invoke(
        "generate", "--provider", "fault", "--type", "reading", "--dry-run", "--json"
    )
    assert code == 0, out
    summary = _summary(out)
    assert summary["types"]["reading"]["new"] == 1 and summary["refused"] == []


ODDITIES = {"bom.json": 2, "null-examples.json": 1, "escaped-controls.json": 2, "passwd-id.json": 2}
"""Corpus files a run accepts, with the clips each file's texts have."""


def test_accepted_oddities_are_made_and_written_back(project: Project) -> None:
    """Each file in a folder of its own, all made by one run (a type over `*/grammar.json`)."""
    project.config(
        '[types.grammar]\nfile = "*/grammar.json"\n'
        'fields = [{ text = "examples[].japanese", url = "examples[].audioUrl" }]\n'
    )
    originals = {}
    for name in ODDITIES:
        path = project / "data" / name.removesuffix(".json") / "grammar.json"
        path.parent.mkdir()
        shutil.copyfile(CORPUS / name, path)
        originals[name] = (path, path.read_bytes())
    code, out = project.invoke(*GENERATE, "--json")
    assert code == 0, out
    every: set[str] = set()

    def written_back(name: str, made: int) -> None:
        path, original = originals[name]
        after = path.read_bytes()
        assert after.startswith(b"\xef\xbb\xbf") == original.startswith(b"\xef\xbb\xbf")
        doc = json.loads(after.decode("utf-8-sig"))
        urls = [e["audioUrl"] for entry in doc for e in entry["examples"] or [] if "audioUrl" in e]
        assert len(set(urls)) == made
        for url in urls:  # every clip is <type>/<hex key>.mp3, whatever the entry's id
            assert re.fullmatch(r"/audio/grammar/[0-9a-f]{32}\.mp3", url)
        every.update(urls)

    check_each(written_back, ODDITIES.items(), ids=lambda case: case[0])
    assert _summary(out)["generated"] == len(every)  # a text two files hold: one clip
    made_files = {p.name for p in (project / "public/audio/grammar").iterdir()}
    assert made_files == {u.rsplit("/", 1)[1] for u in every}


def test_control_characters_are_not_spoken(project: Project) -> None:
    _use(project, "escaped-controls.json")
    log = project / "calls.jsonl"
    fault_provider.write_config(project, log=str(log))
    code, out = project.invoke(*GENERATE, "--json")
    assert code == 0, out
    spoken = fault_provider.calls(log)
    assert sorted(spoken) == ["水を飲みます。", "海です。"]
    assert _summary(out)["skipped"] == [
        {"place": "grammar.json › [0] › examples › [1] › japanese", "reason": "empty text"}
    ]


SHELL_TEXTS = json.loads((CORPUS / "shell-and-options.json").read_text(encoding="utf-8"))[0][
    "examples"
]


@pytest.mark.slow
@needs_espeak
def test_texts_that_look_like_commands_or_options_are_only_spoken_by_espeak(
    project: Project,
) -> None:
    _use(project, "shell-and-options.json")
    # The espeak-ng program, whose command line these texts must never reach.
    (project / "tts-assets.toml").write_text(
        '[providers.espeak]\nengine = "system"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["generate", "--provider", "espeak", "--type", "grammar", "--json"]
    )
    summary = _summary(result.output)
    # Each text was spoken: made, or refused by espeak-ng's Japanese voice for switching
    # to English (the Latin letters, the kanji), never parsed as an option or a command.
    assert summary["generated"] + summary["failed"] == len(SHELL_TEXTS), result.output
    for failure in summary["failures"]:
        assert "ja switched to English for" in failure["reason"], failure
    assert not list(project.rglob("pwned*")) and not list(project.rglob("evil.wav"))


@pytest.mark.slow
def test_texts_that_look_like_commands_or_options_never_reach_a_command_line(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", f"{FAKE_SAY_DIR}{os.pathsep}{os.environ['PATH']}")
    log = project / "say-calls.jsonl"
    monkeypatch.setenv("FAKE_SAY_LOG", str(log))
    _use(project, "shell-and-options.json")
    result = CliRunner().invoke(app, ["generate", "--provider", "say", "--type", "grammar"])
    assert result.exit_code == 0, result.output
    seen = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    # Each text reaches the program as written, but for a note in parentheses in Latin
    # script, which is a gloss and not spoken (`$(touch pwned)です。` says `$です。`).
    said = [without_glosses(e["japanese"], (HAN, KANA))[0] for e in SHELL_TEXTS]
    assert sorted(c["text"] for c in seen) == sorted(said)
    for call in seen:
        assert call["text"] not in call["argv"]
        assert not any(arg in call["text"] for arg in call["argv"] if len(arg) > 3)
    assert not list(project.rglob("pwned*")) and not list(project.rglob("evil.wav"))


def test_a_text_cannot_plant_a_line_of_its_own_in_the_report(project: Project) -> None:
    """A newline in content (escaped in JSON) would start a line of its own in a CI log,
    where `::error::...` is a workflow command: the report shows it escaped."""
    planted = "\n::error::planted\x1b[31m"
    doc = [{"id": "v", "word": "海", "reading": f"うみ{planted}"}]
    project.gen({"data/vocabulary.json": doc})
    for command in (("generate", "--type", "vocabulary", "--dry-run"), ("readings",)):
        _, out = project.invoke(*command)
        assert "planted" in out, out  # the reading is named,
        assert not any(line.startswith("::error::") for line in out.splitlines()), out
        assert "\x1b" not in out  # and its control characters are not written


HUGE = "x" * 100_000
HUGE_KEYS = {
    "a field's voice": f'voice = "{HUGE}"\n',
    "a voice of a field's list": f'voice = ["jf_alpha", "{HUGE}"]\n',
    "a field's language": f'lang = "{HUGE}"\n',
    "segments_by": f'segments_by = "{HUGE}"\n',
    "a drill's part": f'[[types.words.sequences]]\nurl = "d"\nparts = ["{HUGE}"]\n',
}


def _huge_value_refused(project: Project, key: str) -> str:
    config = (
        '[types.words]\nfile = "words.json"\n[[types.words.fields]]\ntext = "word"\n'
        'url = "audioUrl"\n' + HUGE_KEYS[key]
    )
    out = refusal.refused(
        project, {"tts-assets.toml": config, "data/words.json": [{"word": "ねこ"}]}
    )
    assert "…" in out and "(100,000 characters)" in out and len(out) < 1_500, out[:500]
    return out


@pytest.mark.parametrize("key", list(HUGE_KEYS))
def test_a_huge_value_the_error_quotes_is_cut_to_one_short_line(project: Project, key: str) -> None:
    """The error line quoted the whole value: 100,000 characters of one line. Asked as
    the dry run asks it, and read as the command line prints it (`shortened`)."""
    _huge_value_refused(project, key)


def test_a_huge_value_is_cut_by_the_command_line(project: Project) -> None:
    line = _huge_value_refused(project, "a field's voice")
    before = project.tree()
    code, out = project.invoke("generate", "--dry-run")
    assert code == 2 and out == f"error: {line}\n", out[:500]
    assert project.tree() == before
