"""A memo for functions that read a user's lexicon file, that notices when the file changes.

``functools.lru_cache`` keyed on the path alone would keep serving a lexicon after the
user edited it in place (the usual way of tuning one in a notebook session); here the key
also holds a digest of the file's bytes, so an edit takes effect on the next call while
an unchanged file is parsed once.  Lexicon files are a few kilobytes: reading one to
hash it costs microseconds.
"""
from __future__ import annotations

import functools
import hashlib
import inspect


def _digest(path) -> str | None:
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            return hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
    except OSError:        # the function itself reports a missing or unreadable file
        return None


def cached_on_file(maxsize: int = 8, arg: str = "path"):
    """``lru_cache(maxsize)`` whose key also includes the contents of the file ``arg``."""
    def decorate(func):
        signature = inspect.signature(func)

        @functools.lru_cache(maxsize=maxsize)
        def cached(_digest_of_file, args, kwargs):
            return func(*args, **dict(kwargs))

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return cached(_digest(bound.arguments.get(arg)), bound.args,
                          tuple(sorted(bound.kwargs.items())))

        wrapper.cache_clear = cached.cache_clear
        return wrapper

    return decorate
