"""The settings of a run: `Settings`, every key with its default and docstring, and
`VoiceChoice`. Split by concept beside it: where they come from (`sources.py`: defaults <
config file < environment < overrides), what every run holds them to (`checks.py`), each
content set's (`each_set.py`), and `load.py`'s `load_settings`, the one way settings are
made and checked (the CLI calls it with its flags, so a library run is validated exactly
as a command is).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..audio import AudioSettings
from ..models.catalog import Model
from ..providers.settings import ProviderSettings
from ..readings.form import AccentMode
from ..store.layout import content_set_id, staging_folder
from ..tables import not_a_key, setting
from . import pronunciations
from .sets import ContentSet

if TYPE_CHECKING:
    from ..content.tempi import Speeds
    from ..readings import Overrides

DEFAULT_LANG = "ja"
"""The content language when neither --lang nor the config says (`Settings.lang`)."""

CONCURRENCY_ENV = "TTS_ASSETS_CONCURRENCY"
BATCH_MODE_ENV = "TTS_ASSETS_BATCH_MODE"


@dataclass(frozen=True)
class VoiceChoice:
    """A provider and voice for one language (`ja = "kokoro:jf_alpha"`)."""

    provider: str
    voice: str | None
    source: str = field(default="", compare=False)
    """The setting that chose it, for messages (`tts-assets.toml: [languages] zh`)."""
    voices: tuple[str, ...] = ()
    """Voices of the provider that say the language's fields as `mode` says
    (`ja = ["kokoro:jf_alpha", "kokoro:jf_nezumi"]`, `content.rotation`); (): `voice`."""
    mode: str = "rotate"
    """How `voices` say a text: `rotate` (one voice per entry) or `each` (every voice)."""


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, already merged from every source.

    Made by `load_settings`, which checks it; a Settings built by hand is checked when a
    run starts (`check`).
    """

    type: str = "all"
    """The content types to make: a name, several as `a,b`, or all."""
    lang: str = DEFAULT_LANG
    """The content language (--lang): the built-in types speak it, and --provider and
    --voice apply to it."""
    provider: str | None = None
    """The provider of the content language; not set: the content language's entry in
    `[languages]`, else kokoro."""
    voice: str | None = None
    """The voice for texts in the content language; not set: the provider's default."""
    speed: float = setting(1.0, low=0.5, high=2.0)
    """Speaking rate, 0.5 to 2.0."""
    slow: float | tuple[float, ...] | None = setting(None, low=0.5, high=1.5)
    """Also make a slow clip of each text for learners: its clip time-stretched to this
    tempo (0.5 to 0.95; 0.75 plays in 4/3 the time; 1.1 to 1.5 makes a faster twin at the
    same places instead), pitch kept, by Rubber Band; its URL
    goes beside the first's (a field's `slow_url`, else `slowAudioUrl` for `audioUrl`),
    and its word timings beside the first's (a field's `slow_segments`, else
    `slowSegments` for `segments`). A list (`[0.6, 0.8]`) makes a twin per tempo, each
    at those places followed by the tempo in hundredths (`slowAudioUrl60`,
    `slowSegments60`). A type's own `slow` wins over it, then a language's (`slow` in
    `[languages.xx]`). A text whose URL is a person's recording gets none (the slow
    button would play another voice). A dry run stops too when Rubber Band is missing.
    Not set: none."""
    concurrency: int | None = setting(None, low=1)
    """Clips made at once; not set: each provider's own (a local model's: the physical
    cores; ElevenLabs: its plan's limit)."""
    data_dir: Path = Path("data")
    """The folder of the content JSON files (no control characters in its name)."""
    out_dir: Path = Path("public/audio")
    """Where clips and the manifest are stored; never content: a type reading a file in
    it is refused."""
    temp_dir: Path | None = None
    """Where files are written before they are renamed into place; not set: `.temp-audio`
    inside the out dir, on the out dir's file system, so that the rename putting a clip
    in place is atomic. A folder named here may be shared: each out dir stages in a folder
    of its own inside it (`tts-assets-HASH`), and nothing else in it is touched."""
    url_prefix: str = "/audio"
    """The URL of the out dir, written into the JSON: a path (`/audio`) or an http(s) URL
    with its host (`https://cdn.example.com/audio`); any other scheme (`javascript:`,
    `data:`), a URL without its scheme (`//host/audio`), credentials, a bad port or an
    escaped control character is refused."""
    former_url_prefixes: tuple[str, ...] = ()
    """The URL prefixes the out dir had before `url_prefix` (it moved to a CDN): the clip
    URLs tts-assets wrote under them are its own, and move to `url_prefix` on the next run.
    A URL under no prefix the config names is a person's, whatever the manifest says."""
    timeout: float = setting(60.0, above=0)
    """Seconds one piece's synthesis, and one clip's finishing, may take."""
    update_json: bool = True
    """Write the URLs back into the content."""
    webvtt: bool = False
    """Write each clip's word timings beside it as WebVTT (`TYPE/KEY.vtt`), for a `<track>`
    or captions; a clip whose provider reports no timings gets none. A track a person
    edited is kept (delete it to have it written again); with `false`, prune lists the
    tracks tts-assets wrote."""
    batch_mode: bool = not_a_key(default=False)
    """One of several instances an orchestrator runs (TTS_ASSETS_BATCH_MODE): one worker,
    whatever --concurrency says."""
    replace_hand_set_urls: bool = False
    """Replace URLs tts-assets did not make (a person's recording, a CDN link) with the
    clip's URL, and word timings it did not write with the clip's; by default write-back
    keeps them, lists them as `kept`, and makes no clip for their texts."""
    replace_dead_urls: bool = False
    """Replace a person's URL under the URL prefix that leads to no file (a dead link)
    with a new clip's URL; by default it is kept and verify reports it."""
    device: Literal["auto", "cpu", "cuda"] = "auto"
    """Where Kokoro, Piper and the listening check run: "auto" (CUDA where onnxruntime-gpu
    runs the model and it is not int8, else the CPU), "cpu" or "cuda". Never part of a
    clip's content key; the manifest records it."""
    accent: AccentMode = "every-text"
    """The Japanese pitch accent Kokoro (a provider that takes a pitch) is told:
    "every-text" (every word and sentence, phrase by phrase, from the analyzer's accent
    phrases unless the content states one), "words" (only words whose reading the content
    gives, as builds before every text was told: their clips keep their keys; and texts
    whose accent the content states), or "none"
    (the model's own pitch). Changing it makes the clips it changes again, once."""
    listen: bool = False
    """Hear each sentence's clip with Whisper base (the `listen` extra): generate records
    what was heard with the clips it makes, verify fails on a clip heard otherwise than
    meant. Clips it cannot judge (words, bare readings, espeak-ng voices) are counted as
    not checked."""
    listen_model: Path = Path("whisper-base")
    """The Whisper model the listening check hears with: `whisper-base` (packaged with the
    `listen` extra), a pulled model's name (`whisper-small`, `whisper-large-v3-turbo`:
    `tts-assets models pull NAME`), or a faster-whisper model folder."""
    audio: AudioSettings = not_a_key(default_factory=AudioSettings)
    """Post-processing and encoding: the `[audio]` table."""
    languages: Mapping[str, VoiceChoice] = not_a_key(default_factory=dict)
    """Which provider and voice speak each language: the `[languages]` table."""
    language_slow: Mapping[str, float | tuple[float, ...]] = not_a_key(default_factory=dict)
    """The tempi of each language's twins (`slow` in its `[languages.xx]` table), over the
    top-level `slow` and under a type's (`content.tempi.Speeds`)."""
    language_speakers: Mapping[str, tuple[tuple[str, str], ...]] = not_a_key(default_factory=dict)
    """Who says each language's dialogues' lines (`speakers` in its `[languages.xx]`
    table: speaker = voice), under a dialogue's own speakers (`content.dialogue`)."""
    providers: Mapping[str, ProviderSettings] = not_a_key(default_factory=dict)
    """Each provider's own settings, by registry name; an absent one has its defaults."""
    types: Mapping[str, Any] = not_a_key(default_factory=dict)
    """Raw [types.*] tables; parsed by tts_assets.content.spec."""
    config_file: Path | None = not_a_key(default=None)
    """Where the file settings came from, for error messages."""
    include_fields: tuple[str, ...] = ()
    """Opt-in fields to enable, as TYPE.FIELD (e.g. vocabulary.meaning)."""
    accept_refused: tuple[str, ...] = ()
    """Refused texts the course accepts without a clip, each by its text as written
    (`"😀"`) or its place (`"vocabulary.json › [3] › word"`): generate and verify name
    them in a note instead of failing on them."""
    sets: tuple[ContentSet, ...] = not_a_key(default=())
    """The content sets of `[[sets]]`; () for one set, the data dir above. `content_sets`
    gives each its own Settings (sets.py)."""
    own_temp_dir: bool = not_a_key(default=False)
    """Whether `temp_dir` is a staging folder of the tool's own (a shard's `.temp-audio`),
    staged in as it is, not in a folder of the out dir's inside it (`staging`)."""
    set_name: str | None = not_a_key(default=None)
    """The name of the content set these settings are for (None: no `[[sets]]`)."""
    shares_folders: bool = not_a_key(default=False)
    """Whether another content set of the config has this set's data dir and out dir (every
    language in one folder): its `set_id` then carries its name."""
    fellow_sets: Mapping[str, frozenset[str]] = not_a_key(default_factory=dict)
    """The other content sets of the config that share this set's out dir: each one's
    `set_id` and the names of its types. Prune leaves their clips alone without sending
    the user to another configuration, and knows their type folders."""
    pronunciations: Mapping[str, Any] = not_a_key(default_factory=dict)
    """The `[pronunciations]` table: written form = kana reading (or Kokoro phonemes),
    applied wherever the form is spoken (`tts_assets.settings.pronunciations`)."""
    pronunciations_file: Path | None = None
    """A TOML file of more pronunciations (form = reading), relative to the config file;
    `review --apply` adds a rejected clip's corrected reading there."""
    models: Mapping[str, Model] = not_a_key(default_factory=dict)
    """The team's own model files, `[models.NAME]` (url, size, sha256), by name: pulled
    by `tts-assets models pull NAME` and named in settings as catalog models are."""
    origins: Mapping[str, str] = not_a_key(default_factory=dict, compare=False, repr=False)
    """How the user gave each setting that did not keep its default, for messages:
    `--concurrency` (a flag), `tts-assets.toml: concurrency` (a config key), an
    environment variable's name. Filled by `load_settings`."""

    @property
    def pronunciations_path(self) -> Path:
        """The pronunciations file: `pronunciations_file`, relative to the config file's
        folder (default `pronunciations.toml` beside the config file, or in the working
        folder); `review --apply` adds to it."""
        name = self.pronunciations_file or Path(pronunciations.DEFAULT_FILE)
        if name.is_absolute() or self.config_file is None:
            return name
        return self.config_file.parent / name

    @property
    def set_id(self) -> str:
        """The content set's identity in its out dir's manifest (`store.content_set_id`):
        its data dir from its out dir, and its name when it `shares_folders`."""
        name = self.set_name if self.shares_folders else None
        return content_set_id(self.data_dir, self.out_dir, name)

    @property
    def staging(self) -> Path:
        """Where files are written before they are renamed into place: `.temp-audio` in the
        out dir, or this out dir's own folder in `temp_dir` (`store.layout.staging_folder`)."""
        if self.own_temp_dir and self.temp_dir is not None:
            return self.temp_dir
        return staging_folder(self.out_dir, self.temp_dir)


def pronunciation_overrides(settings: Settings) -> Overrides:
    """The project's pronunciation overrides: its file's, then its `[pronunciations]`."""
    where = str(settings.config_file or "settings")
    return pronunciations.overrides(settings.pronunciations, settings.pronunciations_path, where)


def twin_speeds(settings: Settings) -> Speeds:
    """The tempi of the twins the settings give (`content.tempi.Speeds`): the top level's
    `slow`, each language's (`[languages.xx] slow`), each named where it is given."""
    from ..content.tempi import Speeds

    return Speeds(
        settings.slow,
        settings.origins.get("slow", "slow"),
        settings.language_slow,
        str(settings.config_file or "config"),
    )
