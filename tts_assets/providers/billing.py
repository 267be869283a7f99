"""What a paid engine adds to the provider protocol: it is billed for what it is sent.

A provider class that is billed per character (ElevenLabs) subclasses `Billing` beside
`Engine`; an engine that is not has none of these members, and the run asks
`Engine.billing` (None for it) before it counts characters for a dry run's bill, keeps an
answer it paid for, or says what a request that ran past its timeout cost.
"""

from __future__ import annotations

from collections.abc import Iterable

from .speech import Speech


def bills(cls: type[object]) -> bool:
    """Whether a provider class is billed for what it is sent: a `Billing` (read from the
    class alone, as a dry run's bill is counted)."""
    return issubclass(cls, Billing)


class Billing:
    """The billing of a paid engine (a mixin of its provider class, beside `Engine`)."""

    def late_answer(self, speech: Speech) -> str | None:
        """What becomes of the request for `speech` when its clip ran past `--timeout` (a
        paid one sent is billed all the same; one that never left the queue is not), for
        the clip's failure; None: nothing worth saying."""
        return None

    def keep_answers_for(self, speeches: Iterable[Speech]) -> None:
        """The run made its clips but those of `speeches`: a provider that keeps what it is
        billed for (`ProviderOptions.paid_answers`) keeps only what these still need."""
