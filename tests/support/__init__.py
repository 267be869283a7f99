"""What the tests share: project folders, the fault provider, a fake ElevenLabs server,
the browser, and the repository's own paths."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
"""The tests folder: fixtures/, hostile/, support/."""

REPO = TESTS.parent
"""The repository: data/ (the sample content), examples/, tts_assets/."""
