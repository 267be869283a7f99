"""The course the dialogue tests share: a `talk` type with a title field
and one dialogue of lines, each with its speaker beside it.

    project.config(talk_config('lang = "ja"\n', speakers={"A": "jf_alpha", "B": "jm_kumo"}))
    write_json(project / "data/talk.json", [talk_entry(1, ("A", "おはよう。"), ("B", "はい。"))])
"""

from __future__ import annotations

import json
from typing import Any

TYPE = """[types.talk]
file = "talk.json"

[[types.talk.fields]]
name = "title"
text = "title"
url = "titleAudioUrl"
"""
DIALOGUE = {
    "name": "dialogue",
    "text": "lines[].text",
    "speaker": "lines[].speaker",
    "url": "audioUrl",
    "timings": "lineTimings",
}
KOKORO = {"A": "jf_alpha", "B": "jm_kumo"}


def talk_config(head: str = "", speakers: Any = None, **keys: Any) -> str:
    """A talk type with one dialogue (`DIALOGUE` with `keys`; a key given None is left
    out), its `speakers` (default: Kokoro's; not a table: as it is), after `head`."""

    def toml(value: Any) -> str:
        if isinstance(value, dict):
            return "{ " + ", ".join(f"{toml(k)} = {toml(v)}" for k, v in value.items()) + " }"
        return json.dumps(value, ensure_ascii=False)

    table = {**DIALOGUE, **keys, "speakers": KOKORO if speakers is None else speakers}
    lines = [f"{k} = {toml(v)}" for k, v in table.items() if v is not None]
    return f"{head}\n{TYPE}\n[[types.talk.dialogues]]\n" + "\n".join(lines) + "\n"


def talk_entry(n: int, *lines: tuple[str, Any]) -> dict[str, Any]:
    """Entry `n` of talk.json: its title and its lines, (speaker, text) each."""
    return {
        "id": f"t{n}",
        "title": f"会話{n}",
        "lines": [{"speaker": s, "text": t} for s, t in lines],
    }
