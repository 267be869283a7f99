"""The system's Chromium, as the review page's tests and benchmark drive it.

Playwright drives it (`pip install -e '.[dev]'`); its own browser download is not used:
the system's Chromium is (`apt-get install -y chromium`, which `.ci/run` does), or the
one `TTS_ASSETS_CHROMIUM` names.
"""

from __future__ import annotations

import os
import shutil
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

EXECUTABLE = (
    os.environ.get("TTS_ASSETS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


REQUIRED = bool(os.environ.get("TTS_ASSETS_REQUIRE_CHROMIUM"))
"""Set by CI (`.ci/run`): a missing browser fails the tests instead of skipping them."""


def missing() -> str | None:
    """Why the page cannot be driven here, or None when it can."""
    if find_spec("playwright") is None:
        return "Playwright is missing: pip install -e '.[dev]'"
    if not Path(EXECUTABLE).is_file():
        return f"no Chromium at {EXECUTABLE}: apt-get install -y chromium (CI installs it)"
    return None


def launch(playwright: Playwright) -> Browser:
    """A headless Chromium with no network of its own (no updates, no sync)."""
    return playwright.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
