"""A loaded corpus kept on disk, so that the notebooks of one build clean it once.

Every notebook starts with ``load_corpus``: reading, cleaning and (later) splitting a
corpus into sentences.  On ten million tokens that is a minute per notebook, repeated
seven times.  When ``$DISCOURSEKIT_CACHE`` names a folder (``build --corpus DIR --out
OUT`` sets it to ``OUT/cache``), :func:`discoursekit.load_corpus` keeps the cleaned
corpus there, with its sentence and token arrays when they have been made, and the next
load of the same corpus reads it instead of cleaning again.

The key of an entry is a digest of everything the loaded corpus depends on: the
corpus folder's path, the name, size and modification time of every file in it (the
texts, ``metadata.csv``, ``cleaning.csv``), the rows of ``metadata.csv`` as read, and
the library's own code and data files.  Changing any of these makes a new entry; the
corpus folder is only ever read.  Entries are Python pickles, written to a temporary
file and renamed into place, so a build that stops half way leaves no half-written
entry.  A folder of cache entries can be deleted at any time.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "lookup", "store"]

#: The cached arrays a stored corpus carries along (see :class:`discoursekit.Corpus`).
_KEPT = ("_units", "_doc_units", "_doc_counts")


def cache_dir() -> Path | None:
    """``$DISCOURSEKIT_CACHE`` as a Path, or None (no cache: every load cleans)."""
    value = os.environ.get("DISCOURSEKIT_CACHE")
    return Path(value) if value else None


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the library's source and data files (a new version, a new key)."""
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv", ".txt", ".yaml", ".md"):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _key(folder: Path, meta) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(_code_digest().encode())
    h.update(str(folder.resolve()).encode())
    for path in sorted(folder.iterdir()):
        if path.is_file():
            st = path.stat()
            h.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    h.update(pickle.dumps(meta, protocol=5))
    return h.hexdigest()


def lookup(folder: Path, meta, by: str):
    """The corpus stored for ``folder`` (with ``meta``, its metadata as read), grouped
    ``by``; None if there is no cache or no entry."""
    where = cache_dir()
    if where is None:
        return None
    key = _key(folder, meta)
    path = where / f"corpus-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            stored = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    from .corpus import Corpus

    corpus = Corpus(stored["docs"], stored["removed"], by=by)
    corpus.__dict__.update(stored["arrays"])
    corpus.__dict__["_cache_key"] = key        # its analyses are kept beside it (memo)
    return corpus


def store(folder: Path, meta, corpus) -> Path | None:
    """Keep ``corpus`` (loaded from ``folder`` with ``meta``) in the cache, with the
    arrays it has made so far; returns the entry's path (None without a cache)."""
    where = cache_dir()
    if where is None:
        return None
    where.mkdir(parents=True, exist_ok=True)
    key = _key(folder, meta)
    path = where / f"corpus-{key}.pickle"
    stored = {"docs": corpus.docs.drop(columns=["group"]), "removed": corpus.removed,
              "arrays": {k: corpus.__dict__[k] for k in _KEPT if k in corpus.__dict__}}
    fd, tmp = tempfile.mkstemp(dir=where, prefix=".corpus-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(stored, fh, protocol=5)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    corpus.__dict__["_cache_key"] = key
    return path
