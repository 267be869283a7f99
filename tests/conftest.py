"""Suite-wide setup."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the rewritten Kokoro model (int8_kernels.py) out of the user's cache.

    Set in os.environ so that the tool's subprocesses share it: the first load in the
    session makes it, the rest reuse it.
    """
    before = os.environ.get("TTS_ASSETS_CACHE_DIR")
    os.environ["TTS_ASSETS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["TTS_ASSETS_CACHE_DIR"]
    else:
        os.environ["TTS_ASSETS_CACHE_DIR"] = before
