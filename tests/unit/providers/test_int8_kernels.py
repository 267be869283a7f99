"""The ConvInteger rewrite: exactly the original convolutions, on the fast kernels."""

from __future__ import annotations

import hashlib
import os
import platform
import re
import sys
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper
from typer.testing import CliRunner

from tests.support.sweep import check_each
from tts_assets.cli.app import app
from tts_assets.frontends.kokoro_phonemes import japanese
from tts_assets.providers.int8_kernels import (
    REWRITE_VERSION,
    exact_on_this_cpu,
    fast_session,
    rewrite_conv_integer,
)
from tts_assets.providers.kokoro import KokoroProvider, KokoroSettings

needs_exact_cpu = pytest.mark.skipif(
    not exact_on_this_cpu(), reason="this CPU has no VNNI or AMX: the rewrite is not used"
)


def session(model: str | bytes) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])


def conv_model(path: Path, shape: tuple[int, int, int], **attrs: object) -> None:
    """One ConvInteger with random uint8 weights, as a dynamic-quantized export makes."""
    rng = np.random.default_rng(sum(shape))
    w = rng.integers(0, 256, size=shape, dtype=np.uint8)
    node = helper.make_node("ConvInteger", ["x", "w", "x_zero", "w_zero"], ["y"], name="c", **attrs)
    graph = helper.make_graph(
        [node],
        "conv",
        [
            helper.make_tensor_value_info("x", TensorProto.UINT8, [1, shape[1], None]),
            helper.make_tensor_value_info("x_zero", TensorProto.UINT8, []),
        ],
        [helper.make_tensor_value_info("y", TensorProto.INT32, None)],
        [
            numpy_helper.from_array(w, "w"),
            numpy_helper.from_array(np.array(131, dtype=np.uint8), "w_zero"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


@needs_exact_cpu
@pytest.mark.parametrize(
    ("shape", "pads", "dilation", "stride"),
    [
        ((64, 32, 1), (0, 0), 1, 1),
        ((48, 32, 5), (2, 2), 1, 1),
        ((16, 24, 11), (25, 25), 5, 1),
        ((8, 6, 12), (3, 3), 1, 6),
        ((4, 1, 3), (1, 2), 1, 2),  # uneven padding
        ((8, 8, 3), (0, 0), 1, 1),  # no padding: the output is shorter than the input
        ((8, 8, 1), (0, 0), 1, 3),
    ],
)
def test_every_convolution_shape_gives_identical_integers(
    tmp_path: Path,
    shape: tuple[int, int, int],
    pads: tuple[int, int],
    dilation: int,
    stride: int,
) -> None:
    path = tmp_path / "conv.onnx"
    conv_model(
        path, shape, kernel_shape=[shape[2]], pads=pads, dilations=[dilation], strides=[stride]
    )
    rewritten, count = rewrite_conv_integer(path)
    assert count == 1
    ops = [n.op_type for n in onnx.load_from_string(rewritten).graph.node]
    assert "ConvInteger" not in ops
    assert "MatMulInteger" in ops
    original, fast = session(str(path)), session(rewritten)
    rng = np.random.default_rng(7)
    reach = (shape[2] - 1) * dilation + 1
    for length in (1, 2, 37, 400):
        if length + sum(pads) < reach:
            continue  # the kernel reaches past the input: no output at all
        x = rng.integers(0, 256, size=(1, shape[1], length), dtype=np.uint8)
        feeds = {"x": x, "x_zero": np.array(rng.integers(0, 256), dtype=np.uint8)}
        want = original.run(None, feeds)[0]
        got = fast.run(None, feeds)[0]
        assert got.dtype == want.dtype == np.int32
        assert got.shape == want.shape
        assert np.array_equal(got, want)


def test_grouped_or_unknown_convolutions_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "grouped.onnx"
    conv_model(path, (8, 4, 3), kernel_shape=[3], group=2)
    data, count = rewrite_conv_integer(path)
    assert count == 0
    assert data == path.read_bytes()


def test_exact_only_with_vnni_or_amx(tmp_path_factory: pytest.TempPathFactory) -> None:
    def case(flags: str, exact: bool) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        cpuinfo = tmp_path / "cpuinfo"
        cpuinfo.write_text(
            f"processor\t: 0\nflags\t\t: {flags}\n\nprocessor\t: 1\n", encoding="utf-8"
        )
        if sys.platform != "linux" or platform.machine() not in ("x86_64", "AMD64"):
            assert exact_on_this_cpu(cpuinfo) is False
        else:
            assert exact_on_this_cpu(cpuinfo) is exact
        assert exact_on_this_cpu(tmp_path / "missing") is False

    check_each(
        case,
        [
            ("fpu sse avx2 avx512f avx512bw", False),  # int16 pairs can saturate
            ("fpu avx2 avx512f avx512_vnni", True),
            ("fpu avx2 avx_vnni", True),
            ("fpu avx2 amx_tile amx_int8", True),
        ],
    )


@pytest.mark.slow
@needs_exact_cpu
def test_rewritten_kokoro_speaks_bit_identical_audio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The packaged model as shipped, rewritten, and loaded from the cache: same samples."""
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(tmp_path))
    fast = KokoroProvider(KokoroSettings(fast_int8=True))
    plain = KokoroProvider(KokoroSettings(fast_int8=False))
    plain_model = plain._load_model(1)
    made_model = fast._load_model(1)  # rewritten in memory, then cached
    assert len(list(tmp_path.glob("*.onnx"))) == 1
    cached_model = fast._load_model(1)  # from the cache
    _, count = rewrite_conv_integer(fast.model_path)
    assert count == 87  # every convolution in Kokoro's int8 export
    for text in ("チョウ", "かつ", "図書館で本を借りました。"):
        phonemes = japanese(text)
        want, _ = plain_model.create(phonemes, "jf_alpha", is_phonemes=True)
        for model in (made_model, cached_model):
            got, _ = model.create(phonemes, "jf_alpha", is_phonemes=True)
            assert np.array_equal(got, want)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('fast_int8 = "yes"', r"fast_int8 = 'yes': use true, false or \"auto\""),
        ("intra_op_threads = 0", r"intra_op_threads = 0: use a whole number"),
        ('intra_op_threads = "2"', r"intra_op_threads = '2': use a whole number"),
    ],
)
def test_bad_kokoro_setting_stops_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, message: str
) -> None:
    (tmp_path / "data").mkdir()
    content = '[{"id": "g1", "examples": [{"japanese": "かつ"}]}]'
    (tmp_path / "data/grammar.json").write_text(content, encoding="utf-8")
    (tmp_path / "tts-assets.toml").write_text(f"[providers.kokoro]\n{setting}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(app, ["generate", "--type", "grammar"])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert result.output.startswith(f"error: {tmp_path / 'tts-assets.toml'}: providers.kokoro.")
    assert re.search(message, result.output), result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "data/grammar.json").read_text(encoding="utf-8") == content


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def name_of(path: Path) -> str:
    """The name the rewrite of `path` has in the cache."""
    return f"{path.stem}-{digest(path)[:16]}-int8-kernels-v{REWRITE_VERSION}-ort{ort.__version__}"


def options() -> ort.SessionOptions:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return opts


def rewrite(path: Path, cache: Path) -> Any:
    """`fast_session` of the model at `path`, with `cache` as the cache folder."""
    with mock.patch.dict(os.environ, {"TTS_ASSETS_CACHE_DIR": str(cache)}):
        return fast_session(path, digest(path), options())


def run_conv(conv: ort.InferenceSession) -> np.ndarray:
    rng = np.random.default_rng(3)
    x = rng.integers(0, 256, size=(1, 8, 50), dtype=np.uint8)
    return np.asarray(conv.run(None, {"x": x, "x_zero": np.array(9, dtype=np.uint8)})[0])


@needs_exact_cpu
def test_the_rewrite_is_cached_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3], pads=[1, 1])
    cache = tmp_path / "cache"
    first = rewrite(path, cache)
    (cached,) = cache.glob("*.onnx")
    assert cached.name.startswith(f"conv-{digest(path)[:16]}-int8-kernels-v")
    ops = [n.op_type for n in onnx.load(str(cached)).graph.node]
    assert "MatMulInteger" in ops and "ConvInteger" not in ops
    want = run_conv(session(str(path)))
    assert np.array_equal(run_conv(first), want)

    def fail(_: Path) -> tuple[bytes, int]:
        raise AssertionError("rewritten again")

    monkeypatch.setattr("tts_assets.providers.int8_kernels.rewrite_conv_integer", fail)
    again = rewrite(path, cache)
    assert np.array_equal(run_conv(again), want)
    monkeypatch.undo()
    # Another model (another digest) gets its own file.
    other = tmp_path / "other" / "conv.onnx"
    other.parent.mkdir()
    conv_model(other, (8, 8, 5), kernel_shape=[5])
    rewrite(other, cache)
    assert len(list(cache.glob("*.onnx"))) == 2


@needs_exact_cpu
def test_a_damaged_cached_file_is_made_again(tmp_path: Path) -> None:
    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3])
    cache = tmp_path / "cache"
    rewrite(path, cache)
    (cached,) = cache.glob("*.onnx")
    cached.write_bytes(b"half a fi")
    remade = rewrite(path, cache)
    assert np.array_equal(run_conv(remade), run_conv(session(str(path))))
    assert onnx.load(str(cached)).graph.node  # whole again


@needs_exact_cpu
def test_an_unwritable_cache_still_gives_the_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3])
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    fast = rewrite(path, blocked / "cache")
    assert np.array_equal(run_conv(fast), run_conv(session(str(path))))
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_nothing_to_rewrite_gives_no_session_and_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grouped.onnx"
    conv_model(path, (8, 4, 3), kernel_shape=[3], group=2)
    cache = tmp_path / "cache"
    assert rewrite(path, cache) is None
    assert not list(cache.glob("*.onnx"))

    def fail(_: Path) -> tuple[bytes, int]:
        raise AssertionError("parsed again")

    monkeypatch.setattr("tts_assets.providers.int8_kernels.rewrite_conv_integer", fail)
    assert rewrite(path, cache) is None


@needs_exact_cpu
def test_a_cache_that_cannot_take_the_file_still_gives_the_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3])
    cache = tmp_path / "cache"
    # onnxruntime cannot save the optimized model where a folder stands in its way.
    monkeypatch.setattr(
        "tts_assets.providers.int8_kernels.uuid.uuid4", lambda: type("U", (), {"hex": "x"})
    )
    name = f"conv-{digest(path)[:16]}-int8-kernels-v{REWRITE_VERSION}-ort{ort.__version__}"
    (cache / f".{name}.{os.getpid()}-x.part").mkdir(parents=True)
    fast = rewrite(path, cache)
    assert np.array_equal(run_conv(fast), run_conv(session(str(path))))
    assert not list(cache.glob("*.onnx"))


@needs_exact_cpu
def test_two_runs_making_the_cache_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3])
    cache = tmp_path / "cache"
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(cache))
    results: list[np.ndarray] = []

    def make() -> None:
        results.append(run_conv(fast_session(path, digest(path), options())))

    threads = [threading.Thread(target=make) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    want = run_conv(session(str(path)))
    assert len(results) == 2 and all(np.array_equal(r, want) for r in results)
    # One whole file and its record, no leftovers.
    assert sorted(p.name.removeprefix(name_of(path)) for p in cache.iterdir()) == [
        ".onnx",
        ".onnx.verified.json",
    ]


@needs_exact_cpu
def test_half_written_files_of_killed_runs_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3])
    cache = tmp_path / "cache"
    cache.mkdir()
    old, fresh = cache / ".old.1-a.part", cache / ".fresh.2-b.part"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(old, (0, 0))  # left long ago; `fresh` may belong to a run going on now
    rewrite(path, cache)
    assert not old.exists()
    assert fresh.exists()


def _change_weights(rewrite: Path) -> None:
    """Other weights in the cached rewrite at its size, its mtime set back: a model that
    loads and computes something else."""
    model = onnx.load(str(rewrite))
    (weights,) = [t for t in model.graph.initializer if t.name.endswith("/weights")]
    raw = numpy_helper.to_array(weights).tobytes()
    data = rewrite.read_bytes()
    at = data.index(raw)
    st = rewrite.stat()
    rewrite.write_bytes(data[:at] + bytes(b ^ 0x21 for b in raw) + data[at + len(raw) :])
    os.utime(rewrite, ns=(st.st_atime_ns, st.st_mtime_ns))


@needs_exact_cpu
def test_a_cached_rewrite_changed_at_its_size_is_made_again_not_used(tmp_path: Path) -> None:
    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3], pads=[1, 1])
    cache = tmp_path / "cache"
    want = run_conv(session(str(path)))
    rewrite(path, cache)
    (cached,) = cache.glob("*.onnx")
    made = cached.read_bytes()
    _change_weights(cached)
    assert not np.array_equal(run_conv(session(str(cached))), want)  # it would say otherwise
    assert np.array_equal(run_conv(rewrite(path, cache)), want)
    assert cached.read_bytes() == made


@needs_exact_cpu
def test_a_cached_rewrite_without_its_record_is_made_again_not_used(tmp_path: Path) -> None:
    """A rewrite an earlier version left under a digest's name, made from other bytes (a
    changed model whose record still named the pinned digest), is not trusted by its name."""
    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3], pads=[1, 1])
    other = tmp_path / "other.onnx"
    conv_model(other, (8, 8, 3), kernel_shape=[3], pads=[1, 1], dilations=[2])
    cache = tmp_path / "cache"
    rewrite(other, cache)
    (made,) = cache.glob("*.onnx")
    cache.mkdir(exist_ok=True)
    made.rename(cache / f"{name_of(path)}.onnx")  # under the name of `path`'s digest
    want = run_conv(session(str(path)))
    assert not np.array_equal(run_conv(session(str(cache / f"{name_of(path)}.onnx"))), want)
    assert np.array_equal(run_conv(rewrite(path, cache)), want)


@needs_exact_cpu
def test_a_model_that_is_not_the_digest_it_is_named_by_is_not_rewritten_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tts_assets.errors import ProviderFatal

    path = tmp_path / "conv.onnx"
    conv_model(path, (8, 8, 3), kernel_shape=[3])
    cache = tmp_path / "cache"
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(cache))
    with pytest.raises(ProviderFatal, match="changed"):
        fast_session(path, "ab" * 32, options())
    assert not list(cache.glob("*.onnx"))


@pytest.mark.slow
@needs_exact_cpu
def test_kokoro_loads_past_a_damaged_cached_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(tmp_path))
    KokoroProvider(KokoroSettings(fast_int8=True))._load_model(1)
    (cached,) = tmp_path.glob("*.onnx")
    cached.write_bytes(b"half a file")
    provider = KokoroProvider(KokoroSettings(fast_int8=True))
    kokoro = provider._load_model(1)
    samples, _ = kokoro.create(japanese("かつ"), "jf_alpha", is_phonemes=True)
    assert len(samples) > 2400
    assert cached.stat().st_size > 50_000_000  # made again


@pytest.mark.slow
def test_providers_with_other_fast_int8_settings_do_not_share_a_model() -> None:
    fast = KokoroProvider(KokoroSettings(fast_int8=True))
    plain = KokoroProvider(KokoroSettings(fast_int8=False))
    fast._load()
    plain._load()
    assert fast._kokoro is not plain._kokoro
    again = KokoroProvider(KokoroSettings(fast_int8=False))
    again._load()
    assert again._kokoro is plain._kokoro  # one model per process and setting
