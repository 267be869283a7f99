"""The listening check: Whisper base hears each sentence's clip, and a clip that does not
say what was meant is flagged (the `listen` extra).

    listening = listen(store, [Subject.of(entry) for entry in entries])
    listening.results["vocabulary/3f…a1.mp3"]      # Listened("flagged", "kana error rate…")
    record(store, listening); store.flush()        # the verdicts kept with the clips
"""

from .judged import Subject, not_judged
from .listen import Listening, listen, record
from .model import unavailable_reason
from .verdict import Listened, stored

__all__ = [
    "Listened",
    "Listening",
    "Subject",
    "listen",
    "not_judged",
    "record",
    "stored",
    "unavailable_reason",
]
