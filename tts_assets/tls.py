"""The TLS context every HTTPS client of tts-assets uses: one per process.

httpx makes a new context for each client it opens, reading the whole CA bundle again.
ElevenLabs opens a client per run and `models pull` one per pull, so a script or a test
that runs many of them paid that each time; they now share one, made as httpx makes it
(certifi's bundle, or SSL_CERT_FILE / SSL_CERT_DIR when set).

A leaf: it imports nothing of the package, so every layer may ask it.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl


def context() -> ssl.SSLContext:
    """The shared context for the CA files the environment names now."""
    return _context(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@functools.lru_cache(maxsize=4)
def _context(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    import httpx  # only when a client is opened: not for --help

    return httpx.create_ssl_context()
