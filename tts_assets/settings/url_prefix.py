"""What a URL prefix may be: a path on the site, or an http(s) URL of the host that serves it.

The prefix is written before every clip's path into the content a site shows, links and
plays (`/audio/vocabulary/<key>.mp3`). So it is refused when the clip would come from
anywhere else than where the team serves it, or the URL would carry more than its place:

- another scheme (`javascript:`, `data:`, `file:`): a script or a page, not the clip;
- no scheme but `//host/...`: browsers load it from that host, whichever site shows it;
- credentials (`https://user:pass@cdn...`): written into every URL field of the content;
- a port that is none (`:99999`, `:0`), a host that is none, a bracket left open;
- a query or fragment: the clip's path would go inside it;
- a `.` or `..` segment, spelled or escaped: the URLs would point elsewhere than the folder;
- a control character or a backslash, spelled or escaped (`%00`, `%0A`, `%5C`), a space
  as it is (`%20` is one), and a `%` that begins no escape.

`check` raises ConfigError with one line naming the key as the user gave it and the fix;
`problem` is the same rule as a sentence, for callers that name the place themselves.
"""

from __future__ import annotations

import re
import urllib.parse

from ..errors import ConfigError

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
"""A URL's scheme (`https:`, `javascript:`) at the start of a URL prefix."""

_USER = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@")
"""The user and password of a URL (`https://user:pass@`): never shown in a message."""

_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
"""A `%` that does not begin an escape (`%zz`, a `%` at the end)."""

_EXAMPLE = "give a path (/audio) or an http(s) URL (https://cdn.example.com/audio)"
_NO_HOST = (
    "an http(s) URL names its host; give https://cdn.example.com/audio, or a path such as /audio"
)


def check(prefix: str, shown: str) -> None:
    """ConfigError when `prefix` is no URL prefix (module docstring): `shown` names the key
    as the user gave it (`--url-prefix`, `tts-assets.toml: sets.ja.url_prefix`)."""
    found = problem(prefix)
    if found is not None:
        masked = _USER.sub(r"\1[user]@", prefix)
        raise ConfigError(f"{shown} {masked!r}: {found}")


def problem(prefix: str) -> str | None:
    """Why `prefix` is no URL prefix, with what to do; None when it is one."""
    if _unsafe(prefix):
        return (
            "spaces, control characters and backslashes do not belong in a URL; use a URL "
            "like /audio or https://cdn.example.com/audio"
        )
    scheme = _SCHEME.match(prefix)
    if scheme is None and prefix.startswith("//"):
        host = prefix[2:].partition("/")[0] or "another host"
        return (
            f"a URL that starts with // is loaded from the host it names ({host}), whichever "
            f"site shows it; write its scheme (https://{prefix[2:]}) if that host serves the "
            "clips, or give a path such as /audio"
        )
    if scheme is not None:
        found = _http_problem(prefix, scheme.group(1))
        if found is not None:
            return found
    if "?" in prefix or "#" in prefix:
        return (
            "a query or fragment (? or #) would put the clip's path inside it and break "
            "every URL; give the folder's URL, e.g. /audio"
        )
    if _ESCAPE.search(prefix):
        return (
            "a % that begins no escape (%XX with two hex digits) is no URL; write %25 for "
            "a % sign, or give the folder's URL, e.g. /audio"
        )
    path = urllib.parse.unquote(prefix.split("://", 1)[-1] if scheme else prefix)
    if _unsafe(path, spaces=False):
        return (
            "an escaped control character or backslash (%00, %0A, %5C) would be "
            "written into every URL; give the folder's URL itself, e.g. /audio"
        )
    if any(part in (".", "..") for part in path.split("/")):
        return (
            '"." and ".." segments would point the URLs somewhere else than the audio '
            "folder; give the folder's URL itself, e.g. /audio"
        )
    return None


def _http_problem(prefix: str, scheme: str) -> str | None:
    """What is wrong with a prefix that has a scheme: only http(s) with a host, no
    credentials and a real port."""
    if scheme.lower() not in ("http", "https"):
        # Written before every clip's path in the content, which a site shows or links:
        # `javascript:` or `data:` there would be a script or a page, not the clip.
        return f"a {scheme}: URL is not where clips are served; {_EXAMPLE}"
    if prefix[len(scheme) + 1 :][:2] != "//":
        return _NO_HOST
    try:
        parts = urllib.parse.urlsplit(prefix)
        port = parts.port
    except ValueError as e:  # a bracket left open, a port out of range or not a number
        return f"not a URL ({e}); {_EXAMPLE}"
    if "@" in parts.netloc:
        return (
            "a user or password (user:pass@) would be written into every clip's URL in the "
            "content, for anyone to read; give the URL without it (the server checks access "
            "another way)"
        )
    if not parts.hostname or "%" in parts.netloc:
        return _NO_HOST
    if port == 0:
        return f"port 0 is no port (1 to 65535); {_EXAMPLE}"
    return None


def _unsafe(text: str, *, spaces: bool = True) -> bool:
    """Whether `text` holds a control or other invisible character, a backslash (which
    browsers read as a slash), or (with `spaces`) a space."""
    if "\\" in text:
        return True
    return any((spaces and c.isspace()) or (not c.isprintable() and c != " ") for c in text)
