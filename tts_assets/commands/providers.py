"""`tts-assets providers`: every provider, and whether it can run on this machine."""

from __future__ import annotations

from ..providers import registry
from .report import Table


def list_providers() -> Table:
    """One row per provider (built in, plugin or registered): name, available, notes."""
    table = Table(
        ["provider", "available", "notes"],
        key="providers",
        names=["name", "available", "notes"],
    )
    for name in registry.names():
        try:
            cls = registry.get(name)
            reason = cls.unavailable_reason()
            table.rows.append([name, "yes" if reason is None else "no", reason or cls.description])
        except Exception as e:  # a broken plugin must not hide the others
            table.rows.append([name, "no", f"cannot load: {e}"])
    return table
