"""Where a model runs: CUDA only where it is installed, really runs, and the model is not
int8; the CPU otherwise, with the reason. Tested on this CPU-only machine with the
providers onnxruntime reports, and with provider lists given to the decision."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tts_assets.commands.cache_key import cache_key
from tts_assets.errors import ProviderFatal
from tts_assets.providers import device
from tts_assets.providers.device import CPU, CUDA, choose, confirm
from tts_assets.settings.config import Settings
from tts_assets.settings.load import load_settings

WITH_CUDA = [
    "TensorrtExecutionProvider",
    "CUDAExecutionProvider",
    "CPUExecutionProvider",
]


def test_this_onnxruntime_has_no_cuda_so_auto_takes_the_cpu_and_says_why() -> None:
    available = device.available_providers()
    assert CUDA not in available  # the machine the tests run on
    choice = choose("auto", available, int8=False, model="kokoro-v1.0.onnx")
    assert choice.device == "cpu"
    assert choice.reason == "onnxruntime has no CUDA provider (onnxruntime-gpu is not installed)"
    assert choice.providers == [CPU]
    assert not device.gpu_runtime_installed()


def test_cuda_asked_for_without_it_stops_naming_the_package() -> None:
    with pytest.raises(ProviderFatal, match="install onnxruntime-gpu in place of onnxruntime"):
        choose("cuda", device.available_providers(), int8=False, model="kokoro-v1.0.onnx")


def test_auto_takes_cuda_for_a_float_model_with_a_heuristic_algorithm_search() -> None:
    choice = choose("auto", WITH_CUDA, int8=False, model="kokoro-v1.0.onnx")
    assert choice.device == "cuda"
    assert choice.providers == [(CUDA, {"cudnn_conv_algo_search": "HEURISTIC"}), CPU]


def test_auto_keeps_an_int8_model_on_the_cpu() -> None:
    choice = choose("auto", WITH_CUDA, int8=True, model="kokoro-v1.0.int8.onnx")
    assert choice.device == "cpu"
    assert "kokoro-v1.0.int8.onnx is int8" in choice.reason
    assert choose("cpu", WITH_CUDA, int8=False, model="m.onnx").device == "cpu"


def test_listed_is_not_enough_a_session_that_fell_back_to_the_cpu_is_the_cpu() -> None:
    tentative = choose("auto", WITH_CUDA, int8=False, model="kokoro-v1.0.onnx")
    fell_back = confirm(tentative, "auto", [CPU])
    assert fell_back.device == "cpu"
    assert "runs on the CPU" in fell_back.reason
    assert confirm(tentative, "auto", [CUDA, CPU]) == tentative
    with pytest.raises(ProviderFatal, match="device = cuda: onnxruntime lists CUDA"):
        confirm(choose("cuda", WITH_CUDA, int8=False, model="m.onnx"), "cuda", [CPU])


def test_the_packaged_kokoro_model_is_int8_and_a_float_model_is_not(tmp_path: Path) -> None:
    from tts_assets.providers.kokoro import KokoroProvider

    assert device.quantized(KokoroProvider().model_path)
    plain = tmp_path / "float.onnx"
    plain.write_bytes(b"\x08\x07" + b"Conv" * 100 + b"MatMul")
    assert not device.quantized(plain)


def test_the_device_is_a_setting_with_a_flag_and_never_changes_the_cache_key(
    tmp_path: Path,
) -> None:
    assert load_settings(tmp_path, device="cpu").device == "cpu"
    base = Settings()
    assert cache_key(replace(base, device="cuda")) == cache_key(base)
    with pytest.raises(Exception, match=r"device = 'gpu': use \"auto\", \"cpu\" or \"cuda\""):
        load_settings(tmp_path, device="gpu")


def test_the_listening_check_takes_cuda_only_where_ctranslate2_finds_a_gpu() -> None:
    from tts_assets.listening.model import choose_device

    assert choose_device("cpu") == ("cpu", "int8")
    assert choose_device("auto") == ("cpu", "int8")  # no CUDA device on this machine
    with pytest.raises(ProviderFatal, match="CTranslate2 finds no CUDA device"):
        choose_device("cuda")
