"""Voices in rotation written wrong, as a course author could write them.

Every bad list is refused when the config or the content is read: exit 2, one line naming
the file, the key and what to do, nothing written. A list of one voice is that voice (its
clips keep their keys); entries without an id are said by the voice their first text
hashes to, on every run; a run killed mid-way loses nothing and bills nothing twice.
"""

from __future__ import annotations

import signal
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_paid_stops import ARGV, KEY, Run, _env
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project, new_project, write_json
from tests.support.refusal import refused
from tests.support.sweep import check_each
from tests.support.windows import loaded_as_run

WORDS = [{"id": f"w{i}", "word": w} for i, w in enumerate(("ねこ", "いぬ", "とり", "さかな"))]
FIELD = (
    '[types.vocabulary]\nfile = "vocabulary.json"\n[[types.vocabulary.fields]]\n'
    'text = "word"\nurl = "audioUrl"\n'
)


def _refused(project: Project, config: str, *named: str, content: Any = WORDS) -> str:
    """The line (`error: ...`, as the command line prints it) a dry run refuses `config`
    with (exit 2), naming `named`; nothing written. Asked where the command asks it
    (`refused`); the test below shows a dry run and a run through the command line
    refusing with that same line."""
    files = {"tts-assets.toml": config, "data/vocabulary.json": content}
    out = f"error: {refused(project, files)}\n"
    for words in named:
        assert words in out, out
    return out


def test_a_dry_run_and_a_run_refuse_a_bad_list_with_the_line_of_its_load(
    project: Project,
) -> None:
    line = _refused(project, FIELD + "voice = []\n", "fields[0].voice", "names no voice")
    before = project.tree()
    for args in (("generate", "--dry-run"), ("generate",)):
        code, out = project.invoke(*args)
        assert code == 2 and out == line, out
    assert project.tree() == before


BAD_FIELD_LISTS = [
    ("[]", "an empty list names no voice"),
    ('["jf_alpha", "jf_alpha"]', "names jf_alpha twice"),
    ('["jf_alpha", " jf_alpha "]', "names jf_alpha twice"),
    ("[" + ", ".join(f'"v{n}"' for n in range(1000)) + "]", "1,000 voices; a rotation"),
    ('[["jf_alpha", "jf_nezumi"]]', "[0] is a list"),
    ('["jf_alpha", 5]', "[1] is a number"),
    ('["jf_alpha", ""]', "[1] is a blank name"),
    ("5", "expected a voice name, or a list of them"),
]


def test_a_bad_field_list_is_refused_naming_its_key(tmp_path: Path) -> None:
    check_each(
        _a_bad_field_list_is_refused_naming_its_key,
        dict(
            zip(
                [
                    "empty",
                    "twice",
                    "twice-spaced",
                    "1000",
                    "nested",
                    "number",
                    "blank",
                    "not-a-list",
                ],
                [(tmp_path, *c) for c in BAD_FIELD_LISTS],
                strict=True,
            )
        ),
    )


def _a_bad_field_list_is_refused_naming_its_key(tmp_path: Path, voice: str, why: str) -> None:
    project = new_project(tmp_path)
    _refused(project, FIELD + f"voice = {voice}\n", "tts-assets.toml", "fields[0].voice", why)


BAD_LANGUAGE_LISTS = [
    ("[]", "an empty list names no voice"),
    ('["kokoro:jf_alpha", "kokoro:jf_alpha"]', "twice"),
    ('["kokoro:jf_alpha", "espeak:ja"]', "one provider's, found kokoro and espeak"),
    ('["kokoro:jf_alpha", "jf_nezumi"]', '"jf_nezumi" names no voice'),
    ('["kokoro:jf_alpha", ["kokoro:jf_nezumi"]]', "[1] is a list"),
    ("[5]", "[0] is a number"),
    ('{ voices = ["kokoro:jf_alpha"], mode = "both" }', "mode: 'both' is not one of"),
    ('{ voices = "kokoro:jf_alpha" }', "voices: expected a list"),
    ('{ voice = ["kokoro:jf_alpha"], voices = ["kokoro:jf_nezumi"] }', "both given"),
    ('{ mode = "each" }', "mode without voices"),
]


def test_a_bad_language_list_is_refused_naming_its_key(tmp_path: Path) -> None:
    check_each(
        _a_bad_language_list_is_refused_naming_its_key,
        dict(
            zip(
                [
                    "empty",
                    "twice",
                    "two-providers",
                    "no-provider",
                    "nested",
                    "number",
                    "mode-unknown",
                    "voices-a-string",
                    "voice-and-voices",
                    "mode-alone",
                ],
                [(tmp_path, *c) for c in BAD_LANGUAGE_LISTS],
                strict=True,
            )
        ),
    )


def _a_bad_language_list_is_refused_naming_its_key(tmp_path: Path, value: str, why: str) -> None:
    project = new_project(tmp_path)
    _refused(project, f"[languages]\nja = {value}\n", "tts-assets.toml", "[languages] ja", why)


@pytest.mark.parametrize(
    ("table", "named", "why"),
    [
        ('[languages.jp]\nvoice = "kokoro:jf_alpha"\n', "[languages] jp", "not a language"),
        ("[languages]\n" + "x" * 5000 + ' = "kokoro"\n', "[languages] xxx", "not a language"),
        ('[languages.ja]\nvoice = "' + "x" * 100_000 + '"\n', "unknown provider 'xxx", "…'"),
        (
            '[languages.ja]\nvoices = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]\nmode = "each"\n',
            "[languages]: types.vocabulary.fields[0].voices_url",
            'reads its text "voicesAudioUrl"',
        ),
    ],
    ids=["misspelt-language", "huge-language", "huge-voice", "each-list-on-a-text"],
)
def test_a_language_table_an_attacker_writes_is_one_short_line(
    project: Project, table: str, named: str, why: str
) -> None:
    """A misspelt language ([languages.jp]) was taken in silence and never used; a
    100,000-character voice was a line as long; a language's each list whose place (beside
    the field's URL) is another field's text was exit 4 (an unexpected SpecError)."""
    other = '[[types.vocabulary.fields]]\nname = "n"\ntext = "voicesAudioUrl"\nurl = "nUrl"\n'
    out = _refused(project, table + FIELD + other, named, why)
    assert len(out) < 500, out


def test_an_unknown_voice_in_a_list_is_named_with_its_key(project: Project) -> None:
    out = _refused(
        project, FIELD + 'voice = ["jf_alpha", "jf_nobody"]\n', "fields[0].voice", "'jf_nobody'"
    )
    assert "tts-assets.toml: types.vocabulary.fields[0].voice: unknown voice" in out
    out = _refused(
        project, '[languages]\nja = ["kokoro:jf_alpha", "kokoro:jf_nobody"]\n', "jf_nobody"
    )
    assert out.startswith(f"error: {project / 'tts-assets.toml'}: [languages] ja: unknown voice")


def test_a_voice_of_another_language_in_a_list_is_refused(project: Project) -> None:
    """espeak-ng's en says English: a Japanese text said by it would be worse than none."""
    out = _refused(
        project,
        'provider = "espeak"\n' + FIELD + 'voice = ["ja", "en"]\n',
        "fields[0].voice",
        "speaks en",
    )
    assert "not Japanese" in out


BAD_MODES = [
    ('voice_mode = ["each"]\n', "voice_mode: expected"),
    ('voice_mode = "both"\n', "'both' is not one of: rotate, each"),
    ('voice_mode = "each"\nvoice = "jf_alpha"\n', "give voice a list of voices"),
    ('voices_url = "voices"\nvoice = ["jf_alpha", "jf_nezumi"]\n', 'voice_mode = "each"'),
    (
        'voice_mode = "each"\nvoice = ["jf_alpha", "jf_nezumi"]\nvoices_url = "word"\n',
        "voices_url",
    ),
    (
        'voice_mode = "each"\nvoice = ["jf_alpha", "jf_nezumi"]\nvoices_url = "audioUrl"\n',
        "voices_url",
    ),
    ('voice_mode = "each"\nvoice = ["jf_alpha", "jf_nezumi"]\nvoices_url = 5\n', "voices_url"),
]


def test_a_bad_mode_or_list_place_is_refused(tmp_path: Path) -> None:
    check_each(
        _a_bad_mode_or_list_place_is_refused,
        dict(
            zip(
                [
                    "mode-list",
                    "mode-unknown",
                    "each-one",
                    "url-no-each",
                    "text",
                    "own-url",
                    "number",
                ],
                [(tmp_path, *c) for c in BAD_MODES],
                strict=True,
            )
        ),
    )


def _a_bad_mode_or_list_place_is_refused(tmp_path: Path, more: str, why: str) -> None:
    project = new_project(tmp_path)
    _refused(project, FIELD + more, "tts-assets.toml", why)


def test_each_into_another_writers_place_is_refused(project: Project) -> None:
    config = (
        FIELD
        + 'voice = ["jf_alpha", "jf_nezumi"]\nvoice_mode = "each"\nvoices_url = "other"\n'
        + '[[types.vocabulary.fields]]\ntext = "reading"\nurl = "other"\n'
    )
    _refused(project, config, "tts-assets.toml", "voices_url", '"other"')


@pytest.mark.parametrize(
    "held", ["one URL", {"a": 1}, [5]], ids=["string", "object", "number-in-list"]
)
def test_a_list_place_holding_the_contents_own_is_refused_at_load(
    project: Project, held: object
) -> None:
    """A string where the list goes (or an object, a number in it): the content's own."""
    content = [{**WORDS[0], "voicesAudioUrl": held}, *WORDS[1:]]
    _refused(
        project,
        FIELD + 'voice = ["jf_alpha", "jf_nezumi"]\nvoice_mode = "each"\n',
        "vocabulary.json › [0] › voicesAudioUrl",
        "give the field's voices_url a place of its own",
        content=content,
    )


def _voices(project: Project) -> dict[str, str | None]:
    """Each text → the voice that says it (a dry run plans each clip in it), as the run
    loads the content, where the rotation chooses it: one layer below the command."""
    return {item.spoken: item.voice for item in loaded_as_run(project).items}


def test_a_list_of_one_voice_keeps_the_keys_of_that_voice(project: Project) -> None:
    project.gen({"data/vocabulary.json": WORDS})
    keys = {}
    for config in (
        FIELD + 'voice = "jf_nezumi"\n',
        FIELD + 'voice = ["jf_nezumi"]\n',
        '[languages]\nja = ["kokoro:jf_nezumi"]\n',
        '[languages]\nja = "kokoro:jf_nezumi"\n',
    ):
        project.config(config)
        clips = project.json("generate", "--dry-run")["clips"]
        keys[config] = sorted(c["path"] for c in clips)
    assert len(set(map(tuple, keys.values()))) == 1, keys


def test_entries_without_an_id_are_said_by_the_voice_their_first_text_hashes_to(
    project: Project,
) -> None:
    """No id: the entry's first text names it. Entries inserted before it, or moved,
    never change its voice; every text of an entry is said by one voice."""
    words = ["ねこ", "いぬ", "とり", "さかな", "うま", "くま", "さる", "うし", "ぶた", "かめ"]
    sentences = [f"{w}がいます。" for w in words]
    course = [{"word": w, "example": s} for w, s in zip(words, sentences, strict=True)]
    config = (
        FIELD
        + 'voice = ["jf_alpha", "jf_nezumi"]\n[[types.vocabulary.fields]]\n'
        + 'text = "example"\nurl = "exampleAudioUrl"\nvoice = ["jf_alpha", "jf_nezumi"]\n'
    )
    project.gen({"tts-assets.toml": config, "data/vocabulary.json": course})
    first = _voices(project)
    assert set(first.values()) == {"jf_alpha", "jf_nezumi"}
    for w, s in zip(words, sentences, strict=True):
        assert first[w] == first[s]  # one voice per entry
    write_json(
        project / "data/vocabulary.json",
        [{"word": "みず", "example": "みずがあります。"}, *reversed(course)],
    )
    later = _voices(project)
    assert {t: v for t, v in later.items() if t in first} == first


@pytest.mark.slow  # a real process, killed
@pytest.mark.parametrize("answered", [0, 1, 3, 6], ids=lambda n: f"after-{n}-answers")
def test_a_kill_mid_run_loses_nothing_and_bills_nothing_twice(
    project: Project, answered: int
) -> None:
    """A SIGKILL at each step of the 8 requests (4 texts in 2 voices): with so many
    answered and kept, and the next ones out."""
    voices = ("AAAAAAAAAAAAAAAAAAA1", "BBBBBBBBBBBBBBBBBBB2")
    texts = [f"{n}番目の文を毎朝読みます。" for n in range(1, 5)]
    with FakeElevenLabs(api_key=KEY, max_concurrent=3, voices=voices) as server:
        project.config(
            'provider = "elevenlabs"\n[types.lines]\nfile = "lines.json"\n'
            '[[types.lines.fields]]\ntext = "text"\nurl = "audioUrl"\n'
            f'voice = ["{voices[0]}", "{voices[1]}"]\nvoice_mode = "each"\n'
        )
        write_json(
            project / "data/lines.json", [{"id": f"s{n}", "text": t} for n, t in enumerate(texts)]
        )
        staging = project / "public/audio/.temp-audio"
        server.hold_after(answered)
        run = Run(project, _env(server), "--concurrency", "2")
        try:
            run.wait_for(
                lambda: (
                    server.held >= 1
                    and len([p for p in staging.rglob("*.json") if p.parent.name == "paid-answers"])
                    >= answered
                ),
                f"{answered} answers kept and the next out",
            )
            run.proc.send_signal(signal.SIGKILL)
            run.finish()
        finally:
            server.release_hold()
            run.kill()
        done = subprocess.run(ARGV, cwd=project, env=_env(server), capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        billed = Counter(
            (r.path.removeprefix("/v1/text-to-speech/").split("/")[0], r.body["text"])
            for r in server.stats.records
            if r.status == 200
        )
    assert set(billed.values()) == {1} and len(billed) == 8, billed
    for entry in project.read_json("data/lines.json"):
        assert len(entry["voicesAudioUrl"]) == 2 and entry["audioUrl"] == entry["voicesAudioUrl"][0]
        for url in entry["voicesAudioUrl"]:
            assert project.clip_of(url).is_file()


def test_a_languages_each_says_every_field_of_it_in_every_voice(project: Project) -> None:
    """`[languages]` with `mode = "each"`: each field of the language without a voice of
    its own is said by every voice, into its list place beside its URL."""
    project.gen(
        {
            "tts-assets.toml": '[languages]\nja = { voices = ["kokoro:jf_alpha", '
            '"kokoro:jf_nezumi"], mode = "each" }\n',
            "data/vocabulary.json": WORDS,
        }
    )
    dry = project.json("generate", "--dry-run")
    assert Counter(c["voice"] for c in dry["clips"]) == {"jf_alpha": 4, "jf_nezumi": 4}
    assert dry["types"]["vocabulary"]["texts"] == 12  # the word, and once per voice


def test_voice_names_one_voice_over_the_languages_list(project: Project) -> None:
    project.gen(
        {
            "tts-assets.toml": '[languages]\nja = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]\n',
            "data/vocabulary.json": WORDS,
        }
    )
    assert set(_voices(project).values()) == {"jf_alpha", "jf_nezumi"}
    clips = project.json("generate", "--dry-run", "--voice", "jm_kumo")["clips"]
    assert {c["voice"] for c in clips} == {"jm_kumo"}  # the voice given, where a run plans


@pytest.mark.parametrize("mode", ["rotate", "each"])
def test_a_language_table_gives_voices_a_mode_and_a_tempo_ladder_together(
    project: Project, mode: str
) -> None:
    """`[languages.ja]` with `voice` (a list), `mode` and `slow` (a ladder): every field of
    the language gets both. Rotate: each entry's clip and its two twins in the one voice
    its id chooses. Each: the word, a clip per voice, and the ladder's twins in the first
    voice (the clip at the field's URL)."""
    project.gen(
        {
            "tts-assets.toml": '[languages.ja]\nvoice = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]\n'
            f'mode = "{mode}"\nslow = [0.6, 0.8]\n',
            "data/vocabulary.json": WORDS,
        }
    )
    dry = project.json("generate", "--dry-run")
    counts = dry["types"]["vocabulary"]
    by_text: dict[str, Counter[str]] = {}
    for clip in dry["clips"]:
        by_text.setdefault(clip["text"], Counter())[clip["voice"]] += 1
    assert set(by_text) == {w["word"] for w in WORDS}
    if mode == "rotate":
        assert (counts["texts"], counts["clips"]) == (12, 12)  # the word and its 0.6, 0.8
        assert all(len(voices) == 1 and voices.total() == 3 for voices in by_text.values())
        assert {v for voices in by_text.values() for v in voices} == {"jf_alpha", "jf_nezumi"}
    else:
        # the word (its clip the first voice's), a text per voice, the 0.6 and 0.8 twins
        assert (counts["texts"], counts["clips"]) == (20, 16)
        assert all(v == {"jf_alpha": 3, "jf_nezumi": 1} for v in by_text.values()), by_text
