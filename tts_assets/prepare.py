"""What every command starts from: the content loaded, its voices, the store and the plan.

`generate`, `verify`, `prune` and the benchmarks all see the content the same way through
`prepare`, which reads files and asks providers for identities but writes nothing and
loads no model.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings
from .content import load as content_load
from .content import spec as content_spec
from .content.item import Item
from .content.load import LoadResult
from .content.text import split_sentences
from .plan import Plan, make_plan
from .store import Store
from .voices import Voices


@dataclass
class Prepared:
    """The selected content, who speaks it, the store, and every clip it needs."""

    settings: Settings
    loaded: LoadResult
    """The content files read, their items, empties and skips."""
    types: list[content_spec.TypeSpec]
    """The content types selected."""
    voices: Voices
    store: Store
    plan: Plan


def load(settings: Settings) -> tuple[LoadResult, list[content_spec.TypeSpec]]:
    """Parse the selected content types and their files (no writing)."""
    types = content_spec.resolve_types(settings.types, settings.config_file)
    selected = content_spec.select_types(types, settings.type, settings.include_fields)
    return content_load.load_items(settings.data_dir, selected), selected


def plan_content(settings: Settings, loaded: LoadResult, voices: Voices, store: Store) -> Plan:
    """Every clip the loaded content needs, and which of them the store holds."""

    def split(item: Item, text: str) -> list[str]:
        limit = voices.provider(voices.for_item(item).provider).max_piece_chars
        return split_sentences(text, limit) if item.split or len(text) > limit else [text]

    return make_plan(
        loaded.items,
        voice_for=voices.for_item,
        split=split,
        speed=settings.speed,
        audio=settings.audio,
        url_prefix=settings.url_prefix,
        is_present=store.is_present,
        current_url=loaded.value_at_url,
        empty=loaded.empty_counts(),
    )


def prepare(settings: Settings, store: Store | None = None) -> Prepared:
    """Load the content, resolve its voices and plan its clips: everything but writing.

    `store` is where the clips are looked up and would be stored (default: the out dir's;
    a shard's run gives its `shard.ShardStore`).
    """
    loaded, types = load(settings)
    store = store if store is not None else Store(settings.out_dir, settings.temp_dir)
    voices = Voices(settings)
    plan = plan_content(settings, loaded, voices, store)
    return Prepared(settings, loaded, types, voices, store, plan)
