"""Thai and Vietnamese content voiced end to end, laid out as hanabira.org lays it out:
every language in one folder, the language in each file's name (`grammar_th_*.json`,
`grammar_vn_*.json`), one type per language with `lang` on its field
(tests/fixtures/hanabira: the app's own files, cut short; MIT).

Vietnamese with the real espeak-ng; Thai, which no offline voice on this machine speaks,
refused before anything is written, then voiced by ElevenLabs' eleven_v3 on a real HTTP
server on 127.0.0.1; a pulled Piper Vietnamese voice in tests/e2e/test_pulled_models.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tts_assets.providers.piper import PiperProvider

HANABIRA = Path(__file__).parents[1] / "fixtures" / "hanabira"
THAI = "grammar_th_CU-TFL_1_0001.json"
VIETNAMESE = "grammar_vn_all_corrected_0001.json"
KEY = "sk-test-0123456789abcdef"

TYPES = """
[types.grammar_th]
file = "grammar_th_*.json"
fields = [{ text = "examples[].th", url = "examples[].audio", lang = "th" }]

[types.grammar_vi]
file = "grammar_vn_*.json"
fields = [{ text = "examples[].vn", url = "examples[].audio", lang = "vi" }]

[types.vocabulary]
enabled = false
[types.grammar]
enabled = false
[types.reading]
enabled = false
"""


@pytest.fixture
def course(project: Project) -> Project:
    """hanabira's json_data folder, its Thai and Vietnamese grammar in it."""
    for name in (THAI, VIETNAMESE):
        (project / "data").mkdir(exist_ok=True)
        (project / "data" / name).write_bytes((HANABIRA / name).read_bytes())
    return project


def _examples(project: Project, name: str) -> list[dict[str, str]]:
    doc = json.loads((project / "data" / name).read_text(encoding="utf-8"))
    return [example for point in doc for example in point["examples"]]


def _clips_exist(project: Project, name: str) -> int:
    examples = _examples(project, name)
    for example in examples:
        url = example["audio"]
        assert url.startswith("/audio/grammar_"), example
        assert (project / "public" / url.removeprefix("/")).stat().st_size > 1000
    return len(examples)


SETS = """
[[sets]]
data_dir = "content/th"
out_dir = "public/audio"
lang = "th"

[[sets]]
data_dir = "content/vi"
out_dir = "public/audio"
lang = "vi"
provider = "espeak"
"""


def test_a_thai_set_without_a_voice_stops_every_set_in_one_line(project: Project) -> None:
    # A course with a folder per language; Kokoro, the default, speaks neither.
    project.gen(
        {
            "content/th/vocabulary.json": [{"word": "สวัสดี"}, {"word": "ขอบคุณ"}],
            "content/vi/vocabulary.json": [{"word": "nước"}, {"word": "cảm ơn"}],
        }
    ).config(SETS)
    before = project.tree(folders=True)
    for command in (["generate"], ["generate", "--dry-run"]):
        code, out = project.invoke(*command)
        assert code == 2, out
        assert out.count("\n") == 1 and "Traceback" not in out
        assert out.startswith(
            "error: th: no offline voice for Thai: kokoro has no Thai voice (Kokoro v1.0 "
            "speaks no Thai) (kokoro: the default provider); "
        ), out
        if PiperProvider.unavailable_reason() is None:
            assert "; piper has no Thai voice (none in Piper's catalog; " in out
        assert out.endswith(
            '; pass --provider elevenlabs (set model_id = "eleven_v3" in '
            "[providers.elevenlabs], which speaks Thai)\n"
        ), out
        assert project.tree(folders=True) == before  # the Vietnamese set waits too


@pytest.mark.slow
@needs_espeak_library
def test_vietnamese_is_voiced_by_espeak_and_thai_is_refused_for_want_of_a_voice(
    course: Project,
) -> None:
    course.config(f'lang = "vi"\nprovider = "espeak"\n{TYPES}')
    before = course.tree(folders=True)

    # Thai first: no offline voice speaks it (espeak-ng's Thai voice is not fit): one
    # line, exit 2, nothing written, with what does speak it.
    code, out = course.invoke("generate", "--type", "grammar_th,grammar_vi")
    assert code == 2
    assert out.count("\n") == 1 and "Traceback" not in out
    assert out.startswith("error: th: no offline voice for Thai: ")
    assert "espeak-ng's Thai voice drops Thai tones and many vowels" in out
    assert "(espeak: the content language's provider, as [languages] has no th)" in out
    assert 'elevenlabs (set model_id = "eleven_v3" in [providers.elevenlabs]' in out
    assert course.tree(folders=True) == before

    # Vietnamese: every sentence said in Vietnamese but one, whose loanword espeak-ng
    # reads in English (kilômét): that one fails with its reason, the rest are made.
    summary = course.json("generate", "--type", "grammar_vi", code=1)
    assert summary["generated"] == 11 and len(summary["failures"]) == 1
    (failure,) = summary["failures"]
    assert "khoảng ba kilômét" in failure["text"] and "switched to English" in failure["reason"]
    assert (course / "data" / THAI).read_bytes() == (HANABIRA / THAI).read_bytes()
    # `readings` tells the same: that sentence would not be said (a problem, exit 1), and
    # names its word (and no Vietnamese word) among the borrowed words to check.
    code, out = course.invoke("readings", "--type", "grammar_vi")
    assert code == 1, out
    (unsaid,) = [line for line in out.splitlines() if ": unsaid: " in line]
    assert "vi switched to English" in unsaid and "Ngôi trường gần nhà tôi" in unsaid
    assert "1 borrowed word(s) to check" in out
    assert "  kilômét (vi, espeak-ng reads it as English): " in out
    assert "(1 unsaid); 1 problem(s)" in out

    # A respelling in Vietnamese letters says it in Vietnamese: now every clip is made.
    course.config(
        f'lang = "vi"\nprovider = "espeak"\n{TYPES}\n[pronunciations]\n"kilômét" = "ki lô mét"\n'
    )
    summary = course.json("generate", "--type", "grammar_vi")
    assert summary["generated"] == 1 and summary["failures"] == []
    assert _clips_exist(course, VIETNAMESE) == 12
    clips = {c["text"]: c for c in course.manifest()["clips"]}
    said = clips["Tôi không có gì ngoài bút và sách."]
    assert (said["provider"], said["voice"], said["lang"]) == ("espeak", "vi", "vi")
    assert "(en)" not in said["phonemes"]
    assert any("ki lô mét" in (c.get("spoken") or "") for c in clips.values())
    code, out = course.invoke("verify", "--type", "grammar_vi")
    assert code == 0, out


@pytest.mark.slow  # decodes and encodes every clip
def test_thai_and_vietnamese_are_voiced_by_elevenlabs_v3(
    course: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    course.config(
        f'lang = "th"\nprovider = "elevenlabs"\n{TYPES}\n'
        '[providers.elevenlabs]\nmodel_id = "eleven_v3"\n\n'
        '[languages]\nvi = "elevenlabs"\n'
    )
    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        summary = course.json("generate")
        sent = [(r.body["language_code"], r.body["text"]) for r in server.stats.records]
    assert summary["generated"] == 24 and summary["failures"] == []
    assert _clips_exist(course, THAI) == 12 and _clips_exist(course, VIETNAMESE) == 12
    # Each text went with its own language, as written (Thai spaced word by word).
    assert ("th", "คุณ ชอบ กิน อาหาร ไทย ครับ ?") in sent
    assert ("vi", "Tôi không có gì ngoài bút và sách.") in sent
    assert {code for code, _ in sent} == {"th", "vi"}
    code, out = course.invoke("verify")
    assert code == 0, out
