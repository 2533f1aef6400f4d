"""Input checks in one place: every message names the file or value and says what to do."""
from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CorpusError", "CorpusWarning", "check_choice"]


class CorpusError(ValueError):
    """A corpus folder, file or metadata row that cannot be used as it is."""


class CorpusWarning(UserWarning):
    """Something in a corpus folder that was ignored (e.g. a .txt not in metadata.csv)."""


def check_choice(name: str, value, allowed: Iterable, *, what: str = "parameter", hint: str = ""):
    """Raise a uniform ValueError unless ``value`` is one of ``allowed``."""
    allowed = list(allowed)
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        msg = f"The {what} {name!r} must be one of {{{shown}}}. Got {value!r} instead."
        raise ValueError(msg + (f" {hint}" if hint else ""))
    return value
