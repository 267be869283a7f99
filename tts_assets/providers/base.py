"""The names a provider imports (plugins too): the audio, speech and options types and the
helpers a provider uses, from where they live."""

from __future__ import annotations

from ..audio.samples import Audio as Audio  # for providers (plugins too)
from ..frontends.base import PinyinSaid as PinyinSaid  # for providers (plugins too)
from ..frontends.base import package_version as package_version
from ..models.record import sha256_of as file_sha256  # noqa: F401 (for plugins)
from .catalogue import as_fix as as_fix
from .engine import physical_cores as physical_cores
from .speech import ProviderOptions as ProviderOptions
from .speech import Speech as Speech
