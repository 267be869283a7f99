"""The making order is the graph of inputs (`making.graph`): a clip is made once the clips
its recipe names are stored, whatever order the plan lists them in, and a clip whose input
failed or is missing fails with that reason, never handed to its maker.

The makers here are the real driver of the derived ones (`derived.make_derived`, with its
input check) over a real store; what they make is stand-in bytes, and the spoken maker
fails one clip on purpose (a fault injected, as a provider's would be)."""

from __future__ import annotations

from pathlib import Path

import anyio

from tests.support.clips import spoken_clip
from tts_assets.languages import resolved
from tts_assets.making.derived import make_derived
from tts_assets.making.graph import Made, Making, make_in_order, ranks
from tts_assets.making.hooks import SilentReporter, Stop
from tts_assets.making.report import Failure
from tts_assets.planning.plan import Clip, Plan, TypeCounts, Voice
from tts_assets.planning.recipes import Joined, Regapped, SequencePart, Spoken, Stretched
from tts_assets.settings.config import Settings
from tts_assets.store.manifest import Store, StoredClip

VOICE = Voice("kokoro", "jf_alpha")
JA = resolved("ja")


def stretched(source: Clip, key: str) -> Clip:
    assert source.speech is not None
    recipe = Stretched(source.speech, 0.75, source.rel_path)
    return Clip(key, "vocabulary", f"vocabulary/{key}.mp3", "", source.spoken, JA, recipe)


def regapped(former: Clip, key: str) -> Clip:
    """The clip of `former`'s words with other pauses (a cloze's gap of another length),
    cut from it (`planning.regap`)."""
    assert isinstance(former.recipe, Spoken)
    recipe = Regapped(former.recipe, former.rel_path)
    return Clip(key, "vocabulary", f"vocabulary/{key}.mp3", "", former.spoken, JA, recipe)


def joined(key: str, *parts: Clip) -> Clip:
    named = tuple(
        SequencePart("word (slow)" if isinstance(c.recipe, Stretched) else "word", c.rel_path)
        for c in parts
    )
    recipe = Joined((named[0], SequencePart("1s", seconds=1.0), *named[1:]), VOICE)
    return Clip(key, "vocabulary", f"vocabulary/{key}.mp3", "", key, JA, recipe)


class Course:
    """Two words (the second one's synthesis fails), their slow twins, and two drills:
    a word with its slow twin, each."""

    def __init__(self) -> None:
        self.rain = spoken_clip("a" * 32, "雨", "ja", VOICE)
        self.candy = spoken_clip("b" * 32, "飴", "ja", VOICE)
        self.slow_rain = stretched(self.rain, "c" * 32)
        self.slow_candy = stretched(self.candy, "d" * 32)
        self.rain_drill = joined("e" * 32, self.rain, self.slow_rain)
        self.candy_drill = joined("f" * 32, self.rain, self.slow_candy)


def test_a_clip_ranks_after_the_clips_it_is_made_from_whatever_the_plan_s_order() -> None:
    c = Course()
    listed = [c.rain_drill, c.candy_drill, c.slow_rain, c.slow_candy, c.rain, c.candy]
    assert ranks(listed) == [
        [c.rain, c.candy],
        [c.slow_rain, c.slow_candy],
        [c.rain_drill, c.candy_drill],
    ]
    # A clip made from clips this run does not make is ready at once.
    assert ranks([c.rain_drill, c.slow_rain]) == [[c.slow_rain], [c.rain_drill]]
    assert ranks([c.rain_drill]) == [[c.rain_drill]]


def _making(tmp_path: Path, clips: list[Clip]) -> Making:
    store = Store(tmp_path / "out", tmp_path / "out" / ".temp-audio")
    plan = Plan(clips, list(clips), [], {"vocabulary": TypeCounts()})
    settings = Settings(out_dir=tmp_path / "out")
    return Making(plan, store, settings, {}, 1, SilentReporter(), Stop())


def _stored(clip: Clip, store: Store) -> None:
    data = f"made {clip.key}".encode()
    store.put(clip.rel_path, data, clip.manifest_entry(data, 1.0))


def test_a_failed_input_fails_its_dependants_with_the_reason_and_they_are_never_made(
    tmp_path: Path,
) -> None:
    c = Course()
    listed = [c.rain_drill, c.candy_drill, c.slow_rain, c.slow_candy, c.rain, c.candy]
    making = _making(tmp_path, listed)
    order: list[str] = []

    async def speak(clips: list[Clip], making: Making) -> Made:
        made = Made()
        for clip in clips:
            order.append(clip.spoken)
            if clip is c.candy:  # the provider's fault, injected
                made.failures.append(Failure([], clip.spoken, "timed out", "ja", "", key=clip.key))
            else:
                _stored(clip, making.store)
                made.generated += 1
        return made

    async def make(clip: Clip, making: Making) -> tuple[bytes, StoredClip]:
        order.append(f"{type(clip.recipe).__name__} {clip.spoken}")
        for found in clip.inputs:  # what it is made from is stored, as the graph promised
            assert making.store.is_present(found.path, found.key)
        data = f"made {clip.key}".encode()
        return data, clip.manifest_entry(data, 1.0)

    async def stretch(clips: list[Clip], making: Making) -> Made:
        return await make_derived(clips, making, make, "slow clip")

    async def join(clips: list[Clip], making: Making) -> Made:
        return await make_derived(clips, making, make, "drill")

    makers = {Spoken: speak, Stretched: stretch, Joined: join}
    made = anyio.run(make_in_order, listed, making, makers)

    assert order == ["雨", "飴", "Stretched 雨", f"Joined {c.rain_drill.key}"]
    assert made.generated == 3 and made.fatal is None
    reasons = {f.key: f.reason for f in made.failures}
    assert reasons == {
        c.candy.key: "timed out",
        c.slow_candy.key: "its slow clip: LookupError: its clip at its own tempo failed (its "
        "failure says why); the next run makes both",
        c.candy_drill.key: 'its drill: LookupError: the clip of its part "word (slow)" failed '
        "(its failure says why); the next run makes both",
    }
    assert making.store.is_present(c.rain_drill.rel_path, c.rain_drill.key)
    assert not making.store.is_present(c.candy_drill.rel_path, c.candy_drill.key)


def test_a_missing_input_fails_its_dependant_with_where_it_should_be(tmp_path: Path) -> None:
    c = Course()
    making = _making(tmp_path, [c.slow_rain])  # its source neither stored nor made now

    async def stretch(clips: list[Clip], making: Making) -> Made:
        async def make(clip: Clip, making: Making) -> tuple[bytes, StoredClip]:
            raise AssertionError("made without its source")

        return await make_derived(clips, making, make, "slow clip")

    made = anyio.run(make_in_order, [c.slow_rain], making, {Stretched: stretch})
    (failure,) = made.failures
    assert failure.reason == (
        "its slow clip: LookupError: its clip at its own tempo is not in the store "
        f"({c.rain.rel_path}); the next run makes both"
    )


def test_a_stop_leaves_the_dependants_unmade(tmp_path: Path) -> None:
    c = Course()
    making = _making(tmp_path, [c.rain, c.slow_rain])

    async def speak(clips: list[Clip], making: Making) -> Made:
        for clip in clips:
            _stored(clip, making.store)
        making.stop.request()  # Ctrl-C once the first clip is stored
        return Made(generated=len(clips))

    async def stretch(clips: list[Clip], making: Making) -> Made:
        raise AssertionError("a stopped run went on")

    makers = {Spoken: speak, Stretched: stretch}
    made = anyio.run(make_in_order, [c.slow_rain, c.rain], making, makers)
    assert made.generated == 1 and not made.failures


def test_a_clip_with_new_pauses_is_cut_from_its_stored_clip_before_its_twin_is_stretched(
    tmp_path: Path,
) -> None:
    former = spoken_clip("1" * 32, "雨が [2s] 降る", "ja", VOICE)
    gapped = regapped(former, "2" * 32)
    slow = stretched(gapped, "3" * 32)
    assert ranks([slow, gapped]) == [[gapped], [slow]]
    making = _making(tmp_path, [slow, gapped])
    assert making.plan.billable_characters == 0  # neither is sent to a provider
    _stored(former, making.store)  # stored by an earlier run, with the former gap
    order: list[str] = []

    async def make(clip: Clip, making: Making) -> tuple[bytes, StoredClip]:
        order.append(type(clip.recipe).__name__)
        for found in clip.inputs:
            assert making.store.is_present(found.path, found.key)
        data = f"made {clip.key}".encode()
        return data, clip.manifest_entry(data, 1.0)

    async def cut(clips: list[Clip], making: Making) -> Made:
        return await make_derived(clips, making, make, "new pauses")

    async def stretch(clips: list[Clip], making: Making) -> Made:
        return await make_derived(clips, making, make, "slow clip")

    makers = {Regapped: cut, Stretched: stretch}
    made = anyio.run(make_in_order, [slow, gapped], making, makers)
    assert order == ["Regapped", "Stretched"]
    assert made.generated == 2 and not made.failures


def test_a_clip_with_new_pauses_whose_stored_clip_is_gone_fails_saying_it_is_said_anew(
    tmp_path: Path,
) -> None:
    former = spoken_clip("1" * 32, "雨が [2s] 降る", "ja", VOICE)
    gapped = regapped(former, "2" * 32)
    making = _making(tmp_path, [gapped])  # its stored clip deleted since the plan

    async def cut(clips: list[Clip], making: Making) -> Made:
        async def make(clip: Clip, making: Making) -> tuple[bytes, StoredClip]:
            raise AssertionError("cut from a clip that is not there")

        return await make_derived(clips, making, make, "new pauses")

    made = anyio.run(make_in_order, [gapped], making, {Regapped: cut})
    (failure,) = made.failures
    assert failure.reason == (
        "its new pauses: LookupError: its clip with the former pauses is not in the store "
        f"({former.rel_path}); the next run has it said anew"
    )
