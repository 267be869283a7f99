"""What the docstrings and the architecture page say of the code, held to the code where a
test can tell: a count or a list drifts the day a member is added."""

from __future__ import annotations

import re
import typing

from tests.support import REPO

NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def test_prunes_docstring_names_every_kind_it_reports_and_counts_them_right() -> None:
    from tts_assets.commands import prune
    from tts_assets.features.pruned import Reason

    doc = prune.__doc__ or ""
    kinds = set(typing.get_args(Reason))
    listed = set(re.findall(r"^    (\S+(?: file)?) {2,}", doc, re.M))
    assert listed == kinds
    said = re.search(r"It reports (\w+) kinds", doc)
    assert said is not None and NUMBERS[said.group(1)] == len(kinds)


def test_the_architecture_page_names_each_part_of_the_provider_protocol_the_engines_use() -> None:
    from tts_assets.providers import registry
    from tts_assets.providers.billing import Billing
    from tts_assets.providers.catalogue import VoiceCatalogue
    from tts_assets.providers.engine import Engine

    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    (row,) = re.findall(r"^\| `providers/` \|.*$", page, re.M)
    parts = {Engine, VoiceCatalogue, Billing}
    used = {
        part for name in registry.BUILT_IN for part in parts if issubclass(registry.get(name), part)
    }
    assert used == parts  # each part is some engine's
    for part in used:
        assert f"`{part.__name__}`" in row, part.__name__
    assert "small protocol" not in row
