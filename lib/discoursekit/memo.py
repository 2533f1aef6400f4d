"""Analyses of a corpus computed once per corpus, not once per call.

A notebook asks for the same sentence-level analysis many times: the stance markers of
every sentence feed the stance profile, the borrowed stance, the obligation targets and
the actors' evaluation; the quotations feed the voices, which feed the markers.  On a
large corpus each pass costs seconds to minutes, so :func:`on_corpus` keeps a result on
the corpus object itself (as the corpus keeps its sentences and tokens) and hands out a
copy on every later call with the same arguments.

The key holds every argument, and for arguments that name a file (a user's lexicon or
actor table) also a digest of the file's bytes, so editing a lexicon in place takes
effect on the next call (see :mod:`discoursekit._filecache`); a codebook is keyed by its
categories, cues and rules.  A call with an argument that cannot be a key (a DataFrame
or a lexicon object passed in, say) is computed afresh and not kept.

When the corpus came from the on-disk cache of a build (:mod:`discoursekit.corpus_cache`,
``$DISCOURSEKIT_CACHE``), results are also written there, beside the corpus, so that the
next notebook of the build reads the frames, stance markers or keyness of the same
corpus instead of computing them again.  That key holds the corpus's own key (its files
and the library's code), its grouping, and the call's key.

:func:`forget` drops everything kept for a corpus, e.g. after changing ``corpus.docs``
by hand (and stops reading the on-disk results for that corpus object).
"""
from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import os
import pickle
import tempfile
from pathlib import Path

from ._filecache import _digest

__all__ = ["on_corpus", "forget", "kept"]

_SLOT = "_memo"
_KEYABLE = (str, int, float, bool, type(None), tuple, frozenset, Path)


def on_corpus(*, files: tuple[str, ...] = (), resolve: dict | None = None,
              corpus: str | None = None):
    """Decorate ``func(corpus, ...)`` so that its result is kept on ``corpus``.

    ``files`` names the arguments that are paths of files the result depends on;
    ``resolve`` maps an argument to a function giving the file used when it is None
    (a default that depends on the environment, such as the corpus's actor table);
    ``corpus`` names the corpus argument when it is not the first.
    """
    resolve = resolve or {}

    def decorate(func):
        signature = inspect.signature(func)
        names = list(signature.parameters)
        if corpus is not None:                  # the corpus first, then the others
            names.remove(corpus)
            names.insert(0, corpus)

        def key_of(args, kwargs):
            """``(corpus, key)`` of a call, or None if it cannot be kept."""
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            owner = bound.arguments[names[0]]
            if not hasattr(owner, "__dict__"):
                return None
            key = [func.__module__, func.__qualname__]
            for name in names[1:]:
                value = _keyed(bound.arguments[name])
                if value is _NO_KEY:
                    return None
                key.append((name, value))
                if name in resolve and value is None:
                    value = resolve[name]()
                    key.append((name, None if value is None else str(value)))
                if name in files and value is not None:
                    key.append((name, _digest(value)))
            return owner, tuple(key)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            found = key_of(args, kwargs)
            if found is None:
                return func(*args, **kwargs)
            owner, key = found
            store = owner.__dict__.setdefault(_SLOT, {})
            if key not in store:
                disk = _on_disk(owner, key)
                found = _read(disk)
                store[key] = found if found is not None else func(*args, **kwargs)
                if found is None:
                    _write(disk, store[key])
            return _copy(store[key])

        wrapper._memo_key = key_of
        return wrapper
    return decorate


def kept(func, *args, **kwargs):
    """The result of ``func(*args, **kwargs)`` (a function decorated by :func:`on_corpus`)
    if it is kept already, in memory or beside the cached corpus; else None (nothing is
    computed)."""
    found = func._memo_key(args, kwargs)
    if found is None:
        return None
    owner, key = found
    store = owner.__dict__.get(_SLOT, {})
    if key in store:
        return _copy(store[key])
    value = _read(_on_disk(owner, key))
    if value is not None:
        owner.__dict__.setdefault(_SLOT, {})[key] = value
        return _copy(value)
    return None


_NO_KEY = object()


def _keyed(value):
    """``value`` as part of a key, or :data:`_NO_KEY` if it cannot be one."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, frozenset):
        return ("frozenset", tuple(sorted(map(repr, value))))
    if isinstance(value, tuple):
        parts = tuple(_keyed(v) for v in value)
        return _NO_KEY if any(p is _NO_KEY for p in parts) else parts
    if isinstance(value, _KEYABLE):
        return value
    if type(value).__name__ == "DataFrame":        # by its content (a table of mentions)
        import pandas as pd

        try:
            rows = pd.util.hash_pandas_object(value, index=True).to_numpy()
        except TypeError:                          # cells that cannot be hashed (dicts)
            return _NO_KEY
        digest = hashlib.blake2b(rows.tobytes(), digest_size=16)
        digest.update(repr((list(map(str, value.columns)), list(map(str, value.dtypes)))).encode())
        return ("table", digest.hexdigest())
    if type(value).__name__ == "Codebook":         # by its content, as read
        text = repr((value.categories, value.source, value.relabel))
        return ("codebook", hashlib.blake2b(text.encode(), digest_size=16).hexdigest())
    return _NO_KEY


def _on_disk(corpus, key) -> Path | None:
    """Where a result for ``corpus`` is kept on disk, if the corpus came from the cache."""
    from .corpus_cache import cache_dir

    where, corpus_key = cache_dir(), corpus.__dict__.get("_cache_key")
    if where is None or not corpus_key:
        return None
    digest = hashlib.blake2b(repr((corpus.by, key)).encode(), digest_size=16).hexdigest()
    return where / f"memo-{corpus_key}-{digest}.pickle"


def _read(path: Path | None):
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None


def _write(path: Path | None, value) -> None:
    """Keep ``value`` at ``path``: written whole to a temporary file, then renamed."""
    if path is None:
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".memo-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=5)
        os.replace(tmp, path)
    except OSError:
        pass                       # a full disk costs the next notebook time, not a result
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _copy(value):
    """A copy the caller may change without changing what is kept (DataFrames are
    copied shallowly with their own data; lists of matches are copied deeply)."""
    if hasattr(value, "copy") and hasattr(value, "columns"):
        return value.copy()
    return copy.deepcopy(value)


def forget(corpus) -> None:
    """Drop every result kept on ``corpus`` by :func:`on_corpus`, and stop reading the
    results kept on disk for it (its text may have been changed by hand)."""
    corpus.__dict__.pop(_SLOT, None)
    corpus.__dict__.pop("_cache_key", None)
