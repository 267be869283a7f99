"""The provider protocol's old base (`Provider`, `BlockingProvider`): the three parts in one
class, kept importable for one release for plugins, and the names a provider imports.

The protocol is now three parts (`engine.Engine`, `catalogue.VoiceCatalogue`,
`billing.Billing`: what an engine does, its voices, and a paid engine's bill), which a
provider class subclasses for what it has; the built-ins do. A plugin built on `Provider`
works as it did: it is an engine, its own catalogue of voices, and its own billing when it
sets `paid = True`. The registry warns when it loads such a class (docs/providers.md says
what to subclass instead).
"""

from __future__ import annotations

from typing import ClassVar

from ..audio.samples import Audio as Audio  # for providers (plugins too)
from ..frontends.base import PinyinSaid as PinyinSaid  # for providers (plugins too)
from ..frontends.base import package_version as package_version
from ..models.record import sha256_of as file_sha256  # noqa: F401 (for plugins)
from .billing import Billing
from .catalogue import VoiceCatalogue
from .catalogue import as_fix as as_fix
from .engine import BlockingEngine, Engine
from .engine import physical_cores as physical_cores
from .speech import ProviderOptions as ProviderOptions
from .speech import Speech as Speech


class Provider(Engine, VoiceCatalogue, Billing):
    """Deprecated (one release): the old base class of providers, an engine with its
    voices and its billing in one. Subclass `Engine` and `VoiceCatalogue` (and `Billing`,
    for a paid engine) instead."""

    paid: ClassVar[bool] = False
    """Whether characters sent are billed (dry-run reports them)."""


class BlockingProvider(BlockingEngine, Provider):
    """Deprecated (one release): `Provider` whose synthesis is a blocking call, run in a
    bounded worker thread. Subclass `BlockingEngine` and `VoiceCatalogue` instead."""
