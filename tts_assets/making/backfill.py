"""Timings for clips made before clips recorded them: found again, never invented.

A course whose clips were made by an earlier tts-assets has no `timings` in their manifest
entries. Its provider, where it says a text the same way every time and bills nothing
(Kokoro, Piper, espeak-ng: `Engine.deterministic`, not `paid`), is asked again for each
such clip, in memory; the audio is finished as the run finishes a clip, and only when the
bytes come out equal to the clip's file on disk are that audio's timings the stored
clip's: they are kept in its entry. A slow clip is stretched again from its clip, once
that clip's timings are known, and kept the same way. The clip's file is never written,
and a clip whose bytes differ (another model build, a file someone replaced, even with
one of the same size) gets none. Kokoro's encoder half alone would give the durations for
less, but not where they fall in the trimmed and padded stored file: the bytes are the
proof.

A clip that came out otherwise is remembered in its entry (`{"none": why, "tried":
{"sha256", "build"}}`), so a run that could not find its timings does not synthesize it
again on every run: only a changed clip (other bytes) or another build (`build_of`: this
tts-assets, the provider's runtime, the machine) tries again. The dry run says what the
next run's search will cost (`untimed_note`).
"""

from __future__ import annotations

import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..audio.tempo import STRETCH
from ..planning.plan import Clip, Plan
from ..planning.recipes import Stretched
from ..providers.base import package_version
from ..providers.engine import Engine
from ..store.files import READ_LIMIT, read_bounded
from ..store.manifest import Store, StoredClip, sha256

if TYPE_CHECKING:
    from ..planning.prepare import Prepared
    from ..planning.voices import Voices
    from .graph import Making

OTHERWISE = (
    "made again, it came out otherwise than the stored file (another model build, or a "
    "file replaced): no timings rather than wrong ones"
)
"""Why a clip whose timings were searched for has none (the `none` of its record)."""


def build_of(provider: Engine | None) -> str:
    """What besides a clip's content key decides its bytes, as far as tts-assets can name
    it: its own version, the provider's runtime package (or the stretcher, for a slow
    clip: `provider` None) and the machine."""
    made_by = (
        STRETCH
        if provider is None
        else f"{provider.name} {package_version(provider.runtime_package)}"
        if provider.runtime_package
        else provider.name
    )
    return f"tts-assets {package_version('tts-assets')}; {made_by}; {platform.machine()}"


def wants_timings(store: Store, entry: StoredClip, build: str) -> bool:
    """Whether the timings of the clip `entry` records may be searched for: it has none
    recorded, or a search failed on other bytes than its file's now or under another
    build (`build_of`)."""
    timings = entry.timings
    if timings is None:
        return True
    # `type(...) is dict` first: a manifest's are, and `Mapping` is an ABC (slow to ask).
    tried = timings.get("tried") if type(timings) is dict or isinstance(timings, Mapping) else None
    if tried is None or not isinstance(tried, Mapping):
        return False  # timings, or why the provider gave none: nothing to search for
    if tried.get("build") != build:
        return True
    data = on_disk(store, entry)  # only a clip searched for in vain is read again
    return data is not None and tried.get("sha256") != sha256(data)


@dataclass
class Untimed:
    """The present clips whose timings a run searches for (`untimed`)."""

    spoken: list[Clip] = field(default_factory=list)
    slow: list[Clip] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.spoken or self.slow)


def untimed_note(spoken: int, chars: int, slow: int) -> str | None:
    """What searching for the timings of `spoken` clips (of `chars` characters) and of
    `slow` slow ones costs, for the dry run."""
    said = f"{spoken} clip(s) ({chars} characters) synthesized again in memory, as long as"
    parts = [f"{said} making them (billed nothing)"] if spoken else []
    parts += [f"{slow} slow clip(s) stretched again"] if slow else []
    if not parts:
        return None
    return (
        "timings of clips made before clips recorded them will be searched for: "
        + " and ".join(parts)
        + "; their files are not written, and a clip that comes out otherwise is not "
        "tried again"
    )


def untimed_said(prepared: Prepared) -> Untimed:
    """`untimed` of a prepared run, with what each clip says set as for a new clip."""
    from ..planning.speaking import say_again

    found = untimed(prepared.plan, prepared.store, prepared.voices)
    say_again(found.spoken, prepared.saying, prepared.voices)
    return found


def untimed(plan: Plan, store: Store, voices: Voices) -> Untimed:
    """The present clips of `plan` whose timings can be searched for (`wants_timings`),
    made by a provider that says a text the same way every time and bills nothing; and
    the slow clips of such, or of clips with timings or made now."""
    found = Untimed()
    builds: dict[str, str] = {}
    for clip in plan.present:
        if clip.recipe.sent is None:
            continue  # made from other clips: below
        entry = store.get(clip.rel_path)
        if entry is None or entry.origin is not None:
            continue
        provider = voices.provider(clip.voice.provider)
        if provider.billing is not None or not provider.deterministic():
            continue
        if provider.name not in builds:
            builds[provider.name] = build_of(provider)
        if wants_timings(store, entry, builds[provider.name]):
            found.spoken.append(clip)
    timed_now = {c.rel_path for c in [*found.spoken, *plan.new] if c.recipe.sent is not None}
    slow_build = build_of(None)
    for clip in plan.present:
        if not isinstance(clip.recipe, Stretched):
            continue
        source = clip.recipe.source
        entry = store.get(clip.rel_path)
        if entry is None or not wants_timings(store, entry, slow_build):
            continue
        if source in timed_now or has_words(store, source):
            found.slow.append(clip)
    return found


def has_words(store: Store, rel_path: str | None) -> bool:
    """Whether the clip at `rel_path` records when its words are said."""
    entry = None if rel_path is None else store.get(rel_path)
    timings = None if entry is None else entry.timings
    return isinstance(timings, Mapping) and bool(timings.get("words"))


def on_disk(store: Store, entry: StoredClip) -> bytes | None:
    path = store.clip_file(entry.path)
    if path is None:
        return None
    try:
        return read_bounded(path, READ_LIMIT)
    except OSError:
        return None


def keep_if_same(store: Store, entry: StoredClip, data: bytes, timings: Any, build: str) -> bool:
    """Record `timings` in `entry` when `data` (the clip made again) are its file's bytes,
    else the failed search; whether they were kept."""
    found = on_disk(store, entry)
    if found != data:
        if found is not None:
            tried = {"sha256": sha256(found), "build": build}
            store.replace(replace(entry, timings={"none": OTHERWISE, "tried": tried}))
        return False
    store.replace(replace(entry, timings=timings))
    return True


async def backfill(clips: Sequence[Clip], making: Making) -> int:
    """Find the timings of each of `clips` again, in turn until a stop (which cancels the
    one under way); the number kept: a spoken clip asked of its provider again, a slow clip
    stretched again from its clip (once that clip's timings are known)."""
    import anyio

    from .finishing import finished
    from .slow import slowed
    from .synthesis import speech_for

    store, stop, audio = making.store, making.stop, making.settings.audio

    async def made_again(clip: Clip) -> tuple[bytes, Any, str]:
        if isinstance(clip.recipe, Stretched):
            with anyio.fail_after(making.settings.timeout * 2):
                data, entry = await slowed(clip, making)
            return data, entry.timings, build_of(None)
        provider = making.providers[clip.voice.provider]
        pieces = [
            await provider.synthesize(speech_for(clip, index, provider))
            for index in range(len(clip.pieces))
        ]
        data, *_, timings = await anyio.to_thread.run_sync(finished, clip, pieces, audio, provider)
        return data, timings.as_manifest(), build_of(provider)

    kept = 0
    with anyio.CancelScope() as scope:
        unsubscribe = stop.on_request(scope.cancel)
        try:
            for clip in clips:
                if stop.requested:
                    break
                if (entry := store.get(clip.rel_path)) is None:
                    continue
                try:
                    found = await made_again(clip)
                except Exception:  # this clip's timings stay unknown; the run goes on
                    continue
                kept += keep_if_same(store, entry, *found)
        finally:
            unsubscribe()
    return kept
