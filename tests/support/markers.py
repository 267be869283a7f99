"""Skip markers for tests that need a program or package this machine may not have."""

from __future__ import annotations

import shutil

import pytest

from tts_assets.providers.espeak_library import packaged_available

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"
)
"""The system's espeak-ng program (`apt install espeak-ng`)."""

needs_espeak_library = pytest.mark.skipif(
    not packaged_available(), reason="espeakng-loader is not installed"
)
"""espeak-ng as a library, from the espeakng-loader package (the default engine)."""
