"""The one TLS context: shared by every client, verifying, and following SSL_CERT_FILE."""

from __future__ import annotations

import shutil
import ssl
from pathlib import Path

import certifi
import pytest

from tts_assets import tls


def test_every_client_shares_one_verifying_context() -> None:
    ctx = tls.context()
    assert ctx is tls.context()
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname


def test_a_ca_file_named_by_the_environment_gets_its_own_context(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    default = tls.context()
    bundle = tmp_path / "ca.pem"
    shutil.copyfile(certifi.where(), bundle)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    named = tls.context()
    assert named is not default and named is tls.context()
    monkeypatch.undo()
    assert tls.context() is default
