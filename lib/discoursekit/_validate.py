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


def check_frame(df, columns, func: str, source: str) -> None:
    """Raise unless ``df`` is a DataFrame with ``columns``, naming the function that makes it.

    ``func`` is the function being called, ``source`` the one whose output it expects,
    e.g. ``check_frame(m, ["actor"], "actor_naming", "actor_mentions")``.
    """
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{func}(): expected the DataFrame returned by {source}(), got "
                        f"{type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{func}(): column(s) {', '.join(map(repr, missing))} missing; pass "
                         f"the output of {source}() (columns found: "
                         f"{', '.join(map(repr, df.columns))}).")
