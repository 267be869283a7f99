"""The review page's Chinese flags mean something. A course shaped like
HSK-Master's, on espeak-ng: content in citation tone the voice says as spoken (一杯 yī bēi),
and the voice's own slip its pinyin mends (那只猫 zhī, which espeak-ng reads zhǐ), are no
review rows (the second a `corrected` line of `readings`); a reading its sentence does not
settle (打篮球 written dá) is *Reading disagrees*."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.course import HSK_MASTER_CONFIG
from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tts_assets.lang.zh.decide import available
from tts_assets.planning.course import prepare
from tts_assets.review.collect import collect_rows
from tts_assets.settings.load import load_settings

pytestmark = [
    pytest.mark.slow,
    needs_espeak_library,
    pytest.mark.skipif(not available(), reason="pypinyin or g2pM is not installed"),
]

ENTRIES = [
    ("杯", "bēi", "请给我一杯水。", "Qǐng gěi wǒ yī bēi shuǐ."),
    ("只", "zhī", "那只猫很可爱。", "Nà zhī māo hěn kě'ài."),
    ("打篮球", "dá lán qiú", "我喜欢打篮球。", "Wǒ xǐhuan dǎ lánqiú."),
]


def test_only_what_a_teacher_must_act_on_is_flagged(project: Project) -> None:
    entries = [
        {"chinese_word": w, "pinyin": p, "example_sentence": s, "example_pinyin": sp}
        for w, p, s, sp in ENTRIES
    ]
    project.gen({"data/vocabulary_hsk1.json": entries})
    project.config(HSK_MASTER_CONFIG.format(voice="espeak:cmn"))
    code, out = project.invoke("readings", "--all")
    assert code == 0, out
    assert "corrected: 那只猫很可爱。: espeak-ng" in out and "as its sentence reads it" in out
    assert "disagree: 打篮球:" in out and "请给我一杯水" not in out
    project.json("generate")
    rows = collect_rows(prepare(load_settings(project)), page_dir=Path(project))
    flagged = {(r.text, f.code) for r in rows for f in r.flags}
    assert flagged == {("打篮球", "reading")}, flagged
