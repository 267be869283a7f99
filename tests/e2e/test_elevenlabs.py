"""`tts-assets generate --provider elevenlabs` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
import soundfile as sf

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import fast_first
from tests.support.project import Project, invoke

KEY = "sk-test-0123456789abcdef"
TEXTS = [f"{n}番の例文です。" for n in ("一", "二", "三", "四", "五", "六", "七", "八")]


@pytest.fixture
def project(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    return project.gen(
        {"data/grammar.json": [{"id": "g1", "examples": [{"japanese": t} for t in TEXTS]}]}
    )


def _run(server: FakeElevenLabs, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
    return invoke("generate", "--type", "grammar", "--provider", "elevenlabs", *args)


def _urls(project: Project) -> list[str | None]:
    doc = json.loads((project / "data/grammar.json").read_text(encoding="utf-8"))
    return [e.get("audioUrl") for e in doc[0]["examples"]]


@pytest.mark.slow  # waits on real time (or loads a dictionary)
def test_concurrency_above_the_plan_limit_fails_no_clip(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeElevenLabs(api_key=KEY, max_concurrent=3, latency=0.1) as server:
        code, out = _run(server, monkeypatch, "--concurrency", "10", "--json")
        stats = server.stats
    assert code == 0, out
    summary = json.loads(out)
    assert summary["generated"] == len(TEXTS) and summary["failed"] == 0
    assert stats.max_admitted == 3
    # Only the first burst (10 started, 3 admitted) can be turned away: once the provider
    # has read maximum-concurrent-requests it never sends more than 3 at once.
    assert stats.rejected["too_many_concurrent_requests"] <= 7
    assert all(_urls(project))
    for url in _urls(project):
        assert url is not None
        assert sf.info(str(project / "public" / url.removeprefix("/"))).duration > 0.5


def test_quota_exceeded_stops_keeps_finished_clips_and_exits_3(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Room for three texts (9 characters each), then the quota is gone.
    with FakeElevenLabs(api_key=KEY, max_concurrent=1, quota_chars=27) as server:
        code, out = _run(server, monkeypatch, "--concurrency", "1")
    assert code == 3, out
    assert "quota" in out.lower()
    done = [u for u in _urls(project) if u]
    assert len(done) == 3  # finished clips were kept and written back
    for url in done:
        assert (project / "public" / url.removeprefix("/")).is_file()


@pytest.mark.parametrize(
    ("server_key", "voice", "expect"),
    [("another-key", None, "api key"), (KEY, "AAAAAAAAAAAAAAAAAAAA", "voice")],
)
def test_invalid_key_and_unknown_voice_are_fatal(
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    server_key: str,
    voice: str | None,
    expect: str,
) -> None:
    args = ["--voice", voice] if voice else []
    with FakeElevenLabs(api_key=server_key) as server:
        code, out = _run(server, monkeypatch, *args)
        requests = server.stats.requests
    assert code == 3, out
    assert expect in out.lower()
    assert requests <= 2  # no new requests start after the fatal answer
    assert not any(_urls(project))


def test_dry_run_shows_billable_characters_and_sends_nothing(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeElevenLabs(api_key=KEY) as server:
        code, out = _run(server, monkeypatch, "--dry-run")
        assert server.stats.requests == 0
    assert code == 0, out
    assert f"characters a paid provider would bill: {sum(map(len, TEXTS))}" in out


@pytest.mark.parametrize("scenario", fast_first(["ok", "quota", "bad-key"]))
def test_the_key_never_appears_in_any_output(
    project: Project, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:
    # Two texts: a clip made, and (with the quota) one refused; each more is one more
    # clip the server encodes and the run decodes, where the key is no likelier to show.
    project.gen(
        {"data/grammar.json": [{"id": "g1", "examples": [{"japanese": t} for t in TEXTS[:2]]}]}
    )
    server_key = "another-key" if scenario == "bad-key" else KEY
    quota = 9 if scenario == "quota" else None
    with FakeElevenLabs(api_key=server_key, quota_chars=quota) as server:
        code, out = _run(server, monkeypatch, "--verbose", "--json")
    assert code in (0, 3)
    assert KEY not in out
    assert KEY[-8:] not in out
    for f in project.rglob("*"):
        if f.is_file():
            assert KEY.encode() not in f.read_bytes(), f
