"""Analyses of a corpus computed once per corpus, not once per call.

A notebook asks for the same sentence-level analysis many times: the stance markers of
every sentence feed the stance profile, the borrowed stance, the obligation targets and
the actors' evaluation; the quotations feed the voices, which feed the markers.  On a
large corpus each pass costs seconds to minutes, so :func:`on_corpus` keeps a result on
the corpus object itself (as the corpus keeps its sentences and tokens) and hands out a
copy on every later call with the same arguments.

The key holds every argument, and for arguments that name a file (a user's lexicon or
actor table) also a digest of the file's bytes, so editing a lexicon in place takes
effect on the next call (see :mod:`discoursekit._filecache`).  A call with an argument
that cannot be a key (a DataFrame passed in, say) is computed afresh and not kept.
:func:`forget` drops everything kept on a corpus, e.g. after changing ``corpus.docs``
by hand.
"""
from __future__ import annotations

import copy
import functools
import inspect
from pathlib import Path

from ._filecache import _digest

__all__ = ["on_corpus", "forget"]

_SLOT = "_memo"
_KEYABLE = (str, int, float, bool, type(None), tuple, frozenset, Path)


def on_corpus(*, files: tuple[str, ...] = (), resolve: dict | None = None):
    """Decorate ``func(corpus, ...)`` so that its result is kept on ``corpus``.

    ``files`` names the arguments that are paths of files the result depends on;
    ``resolve`` maps an argument to a function giving the file used when it is None
    (a default that depends on the environment, such as the corpus's actor table).
    """
    resolve = resolve or {}

    def decorate(func):
        signature = inspect.signature(func)
        names = list(signature.parameters)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            corpus = bound.arguments[names[0]]
            key = [func.__module__, func.__qualname__]
            for name in names[1:]:
                value = bound.arguments[name]
                if not isinstance(value, _KEYABLE) or not hasattr(corpus, "__dict__"):
                    return func(*args, **kwargs)
                key.append((name, str(value) if isinstance(value, Path) else value))
                if name in resolve and value is None:
                    value = resolve[name]()
                    key.append((name, None if value is None else str(value)))
                if name in files and value is not None:
                    key.append((name, _digest(value)))
            store = corpus.__dict__.setdefault(_SLOT, {})
            key = tuple(key)
            if key not in store:
                store[key] = func(*args, **kwargs)
            return _copy(store[key])

        return wrapper
    return decorate


def _copy(value):
    """A copy the caller may change without changing what is kept (DataFrames are
    copied shallowly with their own data; lists of matches are copied deeply)."""
    if hasattr(value, "copy") and hasattr(value, "columns"):
        return value.copy()
    return copy.deepcopy(value)


def forget(corpus) -> None:
    """Drop every result kept on ``corpus`` by :func:`on_corpus`."""
    corpus.__dict__.pop(_SLOT, None)
