"""The seed app's listening passages voiced from docs/layouts.md's dialogue block: its
Korean, Spanish and Italian dialogues written on one line (`A: ... B: ...`) said turn by
turn, each turn in its speaker's voice and no speaker's mark said, its monologues beside
them in the language's voice (only the Kokoro voices swapped for espeak-ng's)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_layouts import documented
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json

pytestmark = [pytest.mark.slow, needs_espeak_library]

# The app's own texts (src/data/{ko,es,it}/listening.json), the longer ones cut short.
LISTENING = {
    "ko": [
        "안녕하세요. 만나서 반갑습니다. 저는 김지영이에요. 한국에서 왔어요.",
        "A: 실례합니다. 지금 몇 시예요? B: 2시 30분이에요. A: 감사합니다. 은행이 몇 시에 "
        "닫아요? B: 4시에 닫아요. A: 알겠습니다. 감사합니다.",
        "종업원: 어서 오세요. 몇 분이세요? 손님: 두 명이요. 종업원: 이쪽으로 오세요.",
    ],
    "es": [
        "Moderador: Bienvenidos a nuestro debate sobre el futuro del teletrabajo. Marta, "
        "¿cuál es su posición? Marta: Creo firmemente que el teletrabajo es beneficioso. "
        "Moderador: Carlos, usted tiene una perspectiva diferente. Carlos: Así es.",
    ],
    "it": [
        "Marco: Ciao Giulia, hai un attimo? Devo chiederti una cosa. Giulia: Dimmi pure, ma "
        "fai in fretta. Marco: Senti, hai visto l'email di Rossini?",
    ],
}
ESPEAK = {"em_santa": "es+m3", "ef_dora": "es+f3", "em_alex": "es+m1",
          "im_nicola": "it+m3", "if_sara": "it+f3"}  # fmt: skip
VOICES = '[languages]\nko = "espeak:ko"\nes = "espeak:es"\nit = "espeak:it"\n\n'


def test_the_seed_dialogues_are_said_turn_by_turn_and_no_mark_is_said(
    project: Project,
) -> None:
    block = documented("# the Korean, Spanish and Italian sets of the config above")
    swapped = re.sub(r'"([ei][fm]_\w+)"', lambda m: f'"{ESPEAK[m.group(1)]}"', block)
    project.config(VOICES + swapped)
    speakers: dict[str, str] = {}
    for lang, texts in LISTENING.items():
        entries = [{"id": f"{lang}{n}", "text": t, "audioUrl": ""} for n, t in enumerate(texts)]
        write_json(project / f"src/data/{lang}/listening.json", entries)
        (project / f"public/data/{lang}").mkdir(parents=True)
        speakers |= dict(re.findall(r'"?([^\s"{]+)"? = "(\w\w\+\w+)"', block))
    done = project.json("generate")
    assert all(s["exit_code"] == 0 and s["failures"] == [] for s in done["sets"]), done
    clips = project.manifest("public/audio")["clips"]
    said = {c["text"]: c for c in clips}
    # Each turn is a clip of its own, in its speaker's voice, its mark left out.
    assert said["2시 30분이에요."]["voice"] == "ko+f3"
    assert said["실례합니다. 지금 몇 시예요?"]["voice"] == "ko+m3"
    assert said["Así es."]["voice"] == "es+m1"
    assert said["Dimmi pure, ma fai in fretta."]["voice"] == "it+f3"
    # The monologue is one clip in the language's voice.
    assert said[LISTENING["ko"][0]]["voice"] == "ko"
    mark = re.compile(rf"(^|\s)({'|'.join(map(re.escape, speakers))})\s*:")
    joined = [c for c in clips if (c.get("timings") or {}).get("source") == "sequence"]
    assert len(joined) == 5  # each passage, joined from its turns' clips (the monologue: one)
    spoken = [c.get("spoken") or c["text"] for c in clips if c not in joined]
    assert spoken and not [s for s in spoken if mark.search(s)]
    for lang in LISTENING:
        entries = project.read_json(f"src/data/{lang}/listening.json")
        assert all(e["audioUrl"].startswith("/audio/listening/") for e in entries)
    code, out = project.invoke("verify")
    assert code == 0, out
