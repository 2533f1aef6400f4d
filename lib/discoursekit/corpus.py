"""Loading a corpus: metadata, cleaned text, sentences and tokens as pandas DataFrames.

``load_corpus(folder)`` reads a folder of ``.txt`` files described by its
``metadata.csv``; ``Corpus.from_frame(df)`` takes articles already in a DataFrame.  Input
files are only ever read.  Sentences and tokens are computed on first use, in parallel
by document for a large corpus (see :data:`WORKERS`), and kept compactly (integer codes
and offsets) until a table is asked for.
"""
from __future__ import annotations

import collections
import contextlib
import functools
import gc
import multiprocessing
import os
import threading
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ._validate import CorpusError, CorpusWarning
from .cleaning import _clean_many, doc_lines, load_rules
from .furniture import outlets_of, repeated_lines
from .text import _analyse_texts, _count_ids, _count_texts, _split_many, fold

__all__ = ["Corpus", "load_corpus", "group_label", "sentence_words"]

#: Worker processes for sentence splitting and tokenisation: ``None`` uses one per CPU
#: (at most 8), ``1`` keeps everything in the calling process.
WORKERS: int | None = None
#: A corpus with less text than this (characters) is analysed in the calling process.
PARALLEL_MIN_CHARS = 2_500_000
#: A task for a worker holds at most about this much text (characters): fewer, larger
#: tasks repeat less per-task work (each analyses its own distinct chunks), while this
#: bound keeps a worker's memory in proportion to its task, not to the corpus.
TASK_CHARS = 8_000_000

_DOC_COLUMNS = ["doc_id", "author", "title", "outlet", "date"]


def _is_unknown(value) -> bool:
    return not isinstance(value, str) or fold(value.strip()) in {"", "unknown", "nan"}


def group_label(value, doc_id: str) -> str:
    """The group a document belongs to: its value, or ``unknown [doc_id]`` if missing.

    Documents without a known author (or other grouping value) are never merged: each is
    its own group, labelled from its ``doc_id``.
    """
    return f"unknown [{doc_id}]" if _is_unknown(value) else str(value).strip()


def document_groups(corpus, by: str = "group") -> np.ndarray:
    """The group of every document of ``corpus`` under ``by``, in ``corpus.docs`` order.

    ``by="group"`` is the corpus's own grouping (``corpus.docs["group"]``); any other
    metadata column groups by its values, a document without a value being its own group
    (``unknown [doc_id]``, :func:`group_label`).
    """
    if by == "group":
        return corpus.docs["group"].to_numpy(dtype=object)
    cols = [c for c in corpus.docs.columns if c not in ("text", "raw")]
    if by not in cols:
        raise ValueError(f"by={by!r} is not a metadata column; columns are: "
                         f"{', '.join(map(repr, cols))}.")
    return np.array([group_label(v, d) for v, d in zip(corpus.docs[by], corpus.docs["doc_id"])],
                    dtype=object)


class Corpus:
    """Documents, with their sentences and tokens, as three tidy DataFrames.

    Attributes
    ----------
    docs : DataFrame
        One row per document: ``doc_id, author, title, outlet, date, text, raw, group``
        plus every other metadata column.  ``text`` is the cleaned text that all offsets
        refer to; ``raw`` the text as read; ``group`` the comparison unit (``by``).
    sentences : DataFrame
        ``doc_id, sent_id, start, end, text``; ``sent_id`` counts from 0 within a document.
    tokens : DataFrame
        ``doc_id, sent_id, position, start, end, token, norm``: one row per counting unit
        (a word, or a multi-word name such as "Western Balkans"), ``position`` counting
        from 0 within the document.  ``token`` is the surface form as written.
    removed : DataFrame
        ``doc_id, file, line, text, rule, reason``: every line that cleaning dropped.
    by : str
        The metadata column that defines ``group``.
    """

    def __init__(self, docs: pd.DataFrame, removed: pd.DataFrame | None = None,
                 *, by: str = "author"):
        if by not in docs.columns:
            raise CorpusError(
                f"by={by!r} is not a metadata column; columns are: "
                f"{', '.join(repr(c) for c in docs.columns if c not in ('text', 'raw'))}."
            )
        docs = docs.reset_index(drop=True).copy()
        docs["group"] = [group_label(v, d) for v, d in zip(docs[by], docs["doc_id"])]
        self.docs = docs
        self.by = by
        self.removed = (removed if removed is not None else
                        pd.DataFrame(columns=["doc_id", "file", "line", "text", "rule", "reason"]))

    def __repr__(self) -> str:
        return (f"<Corpus: {len(self.docs)} documents, "
                f"{self.docs['group'].nunique()} groups by {self.by!r}>")

    @classmethod
    def from_frame(cls, df: pd.DataFrame, text: str = "text", by: str = "author", *,
                   doc_id: str | None = None, clean: bool = True) -> "Corpus":
        """A corpus from a DataFrame with one article per row.

        ``text`` names the column with the article text; every other column becomes
        metadata.  ``doc_id`` names an id column (default: ``doc_id`` if present, else
        the row number).  The same cleaning as :func:`load_corpus` is applied unless
        ``clean=False``.
        """
        if text not in df.columns:
            raise CorpusError(f"text={text!r} is not a column of the DataFrame; "
                              f"columns are: {', '.join(map(repr, df.columns))}.")
        meta = df.drop(columns=[text]).reset_index(drop=True).copy()
        id_col = doc_id or ("doc_id" if "doc_id" in meta.columns else None)
        meta["doc_id"] = (meta[id_col].astype(str) if id_col
                          else [f"doc{i:05d}" for i in range(len(meta))])
        raws = ["" if pd.isna(t) else str(t) for t in df[text]]
        return _build(meta, raws, by=by, rules=load_rules() if clean else [],
                      source=lambda i: f"row {i} (doc_id {meta['doc_id'][i]!r})", clean=clean)

    @functools.cached_property
    def sentences(self) -> pd.DataFrame:
        texts = self.docs["text"].tolist()
        if "_units" in self.__dict__:
            u = self._units
            spans = np.split(np.column_stack([u.sent_start, u.sent_end]),
                             np.cumsum(u.n_sent)[:-1]) if len(texts) else []
        else:
            spans = [sp for part in _in_parallel(_split_many, texts) for sp in part]
        n_sent = [len(sp) for sp in spans]
        doc_ids = self.docs["doc_id"].to_numpy(dtype=object)
        rows = [(s, e, text[s:e]) for text, sp in zip(texts, spans) for s, e in sp]
        starts = np.array([r[0] for r in rows], dtype=np.int64)
        ends = np.array([r[1] for r in rows], dtype=np.int64)
        return pd.DataFrame({
            "doc_id": np.repeat(doc_ids, n_sent).astype(object),
            "sent_id": np.concatenate([np.arange(n) for n in n_sent]).astype(np.int64)
            if n_sent else np.zeros(0, np.int64),
            "start": starts, "end": ends,
            "text": np.array([r[2] for r in rows], dtype=object)},
            columns=["doc_id", "sent_id", "start", "end", "text"])

    @functools.cached_property
    def _units(self) -> "_Units":
        """Sentences and counting units of every document, as integer arrays."""
        texts = self.docs["text"].tolist()
        spans = None
        if "sentences" in self.__dict__:
            sents = self.sentences
            n_sent = sents.groupby("doc_id", sort=False).size().reindex(
                self.docs["doc_id"], fill_value=0).to_numpy()
            pairs = list(zip(sents["start"].tolist(), sents["end"].tolist()))
            bounds = np.concatenate([[0], np.cumsum(n_sent)])
            spans = [pairs[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
        return _Units.merge(_in_parallel(_analyse_texts, texts, per_doc={"spans": spans},
                                         sentences=True), sentences=True)

    @functools.cached_property
    def _doc_units(self) -> "_Units":
        """Counting units per document without sentence splitting (for counts per text).

        The same units as :attr:`tokens` (see ``text._analyse_texts``); when the full
        analysis is already cached it is reused.
        """
        if "_units" in self.__dict__:
            return self._units
        return _Units.merge(_in_parallel(_analyse_texts, self.docs["text"].tolist(),
                                         sentences=False), sentences=False)

    @functools.cached_property
    def _doc_counts(self) -> "DocTermCounts":
        """Document × norm counts of the counting units, without a table of tokens.

        Exactly the counts of :attr:`tokens` per document (see ``text._count_texts``),
        computed in parallel by document and at a fraction of the cost; when the units
        are already cached they are counted instead.
        """
        for cached in ("_units", "_doc_units"):
            if cached in self.__dict__:
                return DocTermCounts.of_units(self.__dict__[cached])
        return DocTermCounts.merge(_in_parallel(_count_many, self.docs["text"].tolist()))

    @functools.cached_property
    def tokens(self) -> pd.DataFrame:
        u = self._units
        doc_ids = self.docs["doc_id"].to_numpy(dtype=object)
        total = int(u.n_unit.sum())
        first = np.repeat(np.cumsum(u.n_unit) - u.n_unit, u.n_unit)
        return pd.DataFrame({
            "doc_id": np.repeat(doc_ids, u.n_unit).astype(object),
            "sent_id": u.sent.astype(np.int32),
            "position": (np.arange(total) - first).astype(np.int32),
            "start": u.start.astype(np.int32), "end": u.end.astype(np.int32),
            "token": u.surf_vocab[u.surf_code], "norm": u.norm_vocab[u.norm_code]},
            columns=["doc_id", "sent_id", "position", "start", "end", "token", "norm"])

    def regroup(self, by: str) -> "Corpus":
        """The same documents grouped by another metadata column (outlet, date, …)."""
        other = Corpus(self.docs.drop(columns=["group"]), self.removed, by=by)
        for cached in ("sentences", "tokens", "_units", "_doc_units", "_doc_counts"):
            if cached in self.__dict__:
                other.__dict__[cached] = self.__dict__[cached]
        return other


def sentence_rows(corpus, doc_ids, sent_ids) -> np.ndarray:
    """The positions in ``corpus.sentences`` of the sentences ``(doc_id, sent_id)``, one
    per pair given (-1 for a pair that is not a sentence of the corpus): to join a table
    of sentence results (mentions, markers) to the sentences without a lookup per row."""
    sents = corpus.sentences
    return pd.MultiIndex.from_arrays([sents["doc_id"], sents["sent_id"]]).get_indexer(
        pd.MultiIndex.from_arrays([doc_ids, sent_ids]))


def sentence_words(corpus) -> np.ndarray:
    """The counting units (words, and multi-word names counted once) of each sentence of
    ``corpus.sentences``, in its order: the sizes of ``corpus.tokens`` per sentence,
    counted from the corpus's integer arrays without making the token table."""
    u = corpus._units
    first = np.concatenate([[0], np.cumsum(u.n_sent)[:-1]]).astype(np.int64)
    doc = np.repeat(np.arange(len(u.n_unit)), u.n_unit)
    return np.bincount(first[doc] + u.sent, minlength=int(u.n_sent.sum())).astype(np.int64)


@dataclass
class _Units:
    """Counting units of a corpus as arrays: one entry per unit, in document order.

    ``surf_code``/``norm_code`` index ``surf_vocab``/``norm_vocab`` (object arrays of
    distinct strings), so ten million tokens take a few integer arrays, not ten million
    Python strings.  ``sent`` and the sentence arrays are None without sentences.
    """

    n_unit: np.ndarray          # units per document
    start: np.ndarray           # int32 offsets into the document's cleaned text
    end: np.ndarray
    surf_code: np.ndarray       # int32
    surf_vocab: np.ndarray      # object
    norm_code: np.ndarray       # int32
    norm_vocab: np.ndarray      # object
    sent: np.ndarray | None = None        # sentence of each unit within its document
    n_sent: np.ndarray | None = None      # sentences per document
    sent_start: np.ndarray | None = None
    sent_end: np.ndarray | None = None

    @classmethod
    def merge(cls, parts: list[dict], *, sentences: bool) -> "_Units":
        """Concatenate per-chunk results, mapping each chunk's codes to shared ones."""
        vocabs: dict[str, dict[str, int]] = {"surf": {}, "norm": {}}
        codes: dict[str, list[np.ndarray]] = {"surf": [], "norm": []}
        for part in parts:
            for kind, table in vocabs.items():
                local = part[f"{kind}_vocab"]
                mapping = np.fromiter((table.setdefault(w, len(table)) for w in local),
                                      dtype=np.int32, count=len(local))
                codes[kind].append(mapping[part[f"{kind}_code"]] if len(local) else
                                   np.zeros(0, np.int32))

        def cat(key, dtype):
            arrays = [np.asarray(p[key]) for p in parts]
            return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype)

        extra = {}
        if sentences:
            extra = {"sent": cat("sent", np.int32), "n_sent": cat("n_sent", np.int64),
                     "sent_start": cat("sent_start", np.int64),
                     "sent_end": cat("sent_end", np.int64)}
        return cls(n_unit=cat("n_unit", np.int64),
                   start=cat("start", np.int64), end=cat("end", np.int64),
                   surf_code=np.concatenate(codes["surf"]) if parts else np.zeros(0, np.int32),
                   surf_vocab=np.array(list(vocabs["surf"]), dtype=object),
                   norm_code=np.concatenate(codes["norm"]) if parts else np.zeros(0, np.int32),
                   norm_vocab=np.array(list(vocabs["norm"]), dtype=object), **extra)


@dataclass
class DocTermCounts:
    """Document × norm counts: what keyness needs when no sentence is resampled.

    ``counts`` is a CSR matrix (documents × ``norm_vocab``, int64; a column may be all
    zero), ``n_unit`` the counting units per document.
    """

    counts: "sp.csr_matrix"
    norm_vocab: np.ndarray
    n_unit: np.ndarray

    @classmethod
    def merge(cls, parts: list[dict]) -> "DocTermCounts":
        """Stack per-chunk results (``text._count_texts``) onto one vocabulary."""
        import scipy.sparse as sp

        vocab: dict[str, int] = {}
        blocks = []
        for part in parts:                 # each part's columns renamed to shared ones
            local = part["norm_vocab"]
            X = part["counts"].tocsr()
            if not vocab:                  # the first part's columns are the vocabulary
                vocab.update(zip(local, range(len(local))))
                indices = X.indices
            else:
                mapping = np.fromiter((vocab.setdefault(w, len(vocab)) for w in local),
                                      dtype=np.int64, count=len(local))
                indices = mapping[X.indices] if len(local) else X.indices
            blocks.append((X.data, indices, X.indptr, X.shape[0]))
        blocks = [sp.csr_matrix((d, i, p), shape=(n, len(vocab)), dtype=np.int64)
                  for d, i, p, n in blocks]
        X = (blocks[0] if len(blocks) == 1 else sp.vstack(blocks, format="csr")) if blocks \
            else sp.csr_matrix((0, 0), dtype=np.int64)
        n_unit = np.concatenate([p["n_unit"] for p in parts]).astype(np.int64) if parts \
            else np.zeros(0, np.int64)
        return cls(X, np.array(list(vocab), dtype=object), n_unit)

    @classmethod
    def of_units(cls, u: "_Units") -> "DocTermCounts":
        """The same counts from a table of units already computed."""
        import scipy.sparse as sp

        n = len(u.n_unit)
        rows = np.repeat(np.arange(n), u.n_unit)
        X = sp.csr_matrix((np.ones(len(rows), np.int64), (rows, u.norm_code)),
                          shape=(n, len(u.norm_vocab)), dtype=np.int64)
        X.sum_duplicates()
        return cls(X, np.asarray(u.norm_vocab, dtype=object), u.n_unit.astype(np.int64))


def _n_workers() -> int:
    if WORKERS is not None:
        return max(1, int(WORKERS))
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def _in_parallel(func, texts: list[str], *, per_doc: dict | None = None,
                 doc_bounds=None, **shared) -> list:
    """``func(texts_chunk, **per_doc_chunk, **shared)`` over contiguous chunks, in order.

    One process per CPU (:data:`WORKERS`): this process and ``WORKERS - 1`` workers; a
    small corpus (under :data:`PARALLEL_MIN_CHARS`) or ``WORKERS = 1`` runs in this
    process alone.  Chunks hold about equal amounts of text: one per process, or more
    for a large corpus, so that none holds much more than :data:`TASK_CHARS`.  Each
    worker is given one chunk at a time, from the front, while this process works
    through the chunks from the back, so neither waits while chunks remain and this
    process's share of the results needs no pipe.  Results come back in document order,
    so the outcome does not depend on the number of workers.
    ``per_doc`` maps keyword names to lists with one item per text, chunked alike.
    """
    per_doc = {k: v for k, v in (per_doc or {}).items() if v is not None}
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    from . import dask_backend

    chosen = dask_backend.scheduler()
    if chosen is not None and len(texts):          # one Dask task per part, in order
        return dask_backend.run_parts(_call, func, shared, [
            _part(texts, per_doc, a, b) for a, b in _cuts(
                lengths, dask_backend.PARTITION_CHARS, doc_bounds)], chosen)
    workers = _n_workers()
    if workers == 1 or len(texts) < 2 or lengths.sum() < PARALLEL_MIN_CHARS:
        return [_call(func, shared, texts, per_doc)]
    n_chunks = min(len(texts), workers * -(-int(lengths.sum()) // (workers * TASK_CHARS)))
    cuts = np.searchsorted(np.cumsum(lengths), lengths.sum() * np.arange(1, n_chunks) / n_chunks)
    bounds = np.unique(np.concatenate([[0], cuts + 1, [len(texts)]]).clip(0, len(texts)))
    slices = list(zip(bounds[:-1].tolist(), bounds[1:].tolist()))
    global _FORKED
    inherit = multiprocessing.get_start_method() == "fork"
    todo = collections.deque(range(len(slices)))   # workers take from the front, we from the back
    futures, taking = {}, threading.Lock()

    def feed(_done=None):                          # one slice at a time, as a worker is free
        with taking:
            if not todo:
                return
            k = todo.popleft()
            a, b = slices[k]
            try:
                futures[k] = (pool.submit(_forked_slice, a, b) if inherit else
                              pool.submit(_call, func, shared, *_part(texts, per_doc, a, b)))
            except RuntimeError:      # the pool is shutting down after an error in this
                todo.appendleft(k)    # process: leave the slice to it (it raises first)
                return
        futures[k].add_done_callback(feed)

    def mine():
        with taking:
            return todo.pop() if todo else None

    with _FORK_LOCK, ProcessPoolExecutor(workers - 1) as pool:
        # forked workers inherit the texts and need only the bounds of a slice
        _FORKED = (func, shared, texts, per_doc) if inherit else None
        try:
            for _ in range(workers - 1):
                feed()
            done = {}
            while (k := mine()) is not None:
                done[k] = _call(func, shared, *_part(texts, per_doc, *slices[k]))
            return [done[k] if k in done else futures[k].result() for k in range(len(slices))]
        finally:
            _FORKED = None


def _cuts(lengths: np.ndarray, size: int, doc_bounds=None) -> list[tuple[int, int]]:
    """Contiguous ranges of the texts holding about ``size`` characters each, cut only
    at ``doc_bounds`` (the index of each document's first text, when the texts are a
    document's sentences) so that a document is never split between two tasks."""
    n = len(lengths)
    allowed = (np.arange(n + 1) if doc_bounds is None else
               np.unique(np.concatenate([np.asarray(doc_bounds, dtype=np.int64), [0, n]])))
    ends = np.concatenate([[0], np.cumsum(lengths)])[allowed]
    wanted = np.arange(size, ends[-1], size) if ends[-1] > size else np.zeros(0)
    cut = np.unique(np.concatenate([[0], allowed[np.searchsorted(ends, wanted)], [n]]))
    return [(int(a), int(b)) for a, b in zip(cut[:-1], cut[1:]) if b > a]


def _part(texts: list[str], per_doc: dict, a: int, b: int) -> tuple[list[str], dict]:
    """Texts ``a:b`` and their items of every ``per_doc`` list."""
    return texts[a:b], {k: v[a:b] for k, v in per_doc.items()}


def _call(func, shared: dict, texts: list[str], per_doc: dict):
    """``func(texts, **per_doc, **shared)``: one task, in whichever process runs it."""
    return func(texts, **per_doc, **shared)


#: What the workers of :func:`_in_parallel` work on, set while they run so that forked
#: ones inherit it instead of receiving every text through a pipe (sending 5 MB of text
#: costs about 30 ms, more than forking the workers); the lock keeps two threads from
#: setting it at once.
_FORKED: tuple | None = None
_FORK_LOCK = threading.Lock()


def _forked_slice(a: int, b: int):
    """:func:`_call` on slice ``a:b`` of :data:`_FORKED`, in a forked worker."""
    func, shared, texts, per_doc = _FORKED
    return _call(func, shared, *_part(texts, per_doc, a, b))


@contextlib.contextmanager
def _without_cycle_collector():
    """Pause Python's cyclic garbage collector (reference counting still frees memory).

    Cleaning and counting make millions of short-lived tuples and lists and no reference
    cycles; the collector would otherwise scan them again and again (about a tenth of
    the time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _clean_and_count(raws: list[str], *, titles, authors, files, rules, repeated=None) -> dict:
    """Clean several documents and count their units (one task for a worker process).

    Counting here costs little (the cleaned text is already split into chunks) and
    spares sending every text to a worker again when keyness is computed.
    """
    with _without_cycle_collector():
        cleaned, kept = _clean_many(raws, titles=titles, authors=authors, files=files,
                                    rules=rules, repeated=repeated)
        texts = [c[0] for c in cleaned]
        return {"cleaned": [(text, removed) for text, removed, _ in cleaned],
                "counts": _count_ids(texts, kept.ids, kept.lengths, kept.distinct,
                                     [c[2] for c in cleaned])}


def _count_many(texts: list[str]) -> dict:
    """:func:`discoursekit.text._count_texts` (one task for a worker process)."""
    with _without_cycle_collector():
        return _count_texts(texts)


def _build(meta: pd.DataFrame, raws: list[str], *, by: str, rules, source, clean=True) -> Corpus:
    """Clean every document and assemble a Corpus; ``source(i)`` names row i in errors."""
    for col in _DOC_COLUMNS:
        if col not in meta.columns:
            meta[col] = "unknown"
    meta = meta.fillna("unknown") if len(meta) else meta
    dupes = meta["doc_id"][meta["doc_id"].duplicated()].unique().tolist()
    if dupes:
        raise CorpusError(f"doc_id {dupes[0]!r} appears more than once; give every document "
                          "a unique doc_id.")
    for i, raw in enumerate(raws):
        if not raw.strip():
            raise CorpusError(f"{source(i)} is empty; remove it from the metadata or add its text.")
    files = meta["file"].tolist() if "file" in meta.columns else [None] * len(raws)
    counts = None
    if clean:
        repeated = repeated_lines([[ln for _, ln in doc_lines(raw)] for raw in raws],
                                  outlets_of(meta))
        parts = _in_parallel(
            _clean_and_count, raws, per_doc={"titles": meta["title"].tolist(),
                                             "authors": meta["author"].tolist(), "files": files,
                                             "repeated": repeated},
            rules=rules)
        cleaned = [r for part in parts for r in part["cleaned"]]
        counts = DocTermCounts.merge([part["counts"] for part in parts])
    else:
        cleaned = [("\n\n".join(p.strip() for p in raw.split("\n\n") if p.strip()), [])
                   for raw in raws]
    texts, removed = [], []
    doc_ids = meta["doc_id"].tolist()
    for i, (text, dropped) in enumerate(cleaned):
        if not text.strip():
            raise CorpusError(
                f"{source(i)} is empty after cleaning (every line matched a removal rule: "
                f"{', '.join(sorted({d['rule'] for d in dropped}))}); check the file, or the "
                "rules in cleaning.csv.")
        texts.append(text)
        removed += [{"doc_id": doc_ids[i], "file": files[i] if files[i] is not None else "", **d}
                    for d in dropped]
    docs = meta.copy()
    docs["text"], docs["raw"] = texts, raws
    front = _DOC_COLUMNS + ["text", "raw"]
    docs = docs[front + [c for c in docs.columns if c not in front]]
    removed = pd.DataFrame(removed, columns=["doc_id", "file", "line", "text", "rule", "reason"])
    corpus = Corpus(docs, removed, by=by)
    if counts is not None:
        corpus.__dict__["_doc_counts"] = counts       # counted while cleaning
    wordless = np.flatnonzero(corpus._doc_counts.n_unit == 0)
    if len(wordless):   # every measure is per word: such a group would divide by zero
        i = int(wordless[0])
        raise CorpusError(f"{source(i)} has no words, only punctuation or symbols "
                          f"({texts[i][:40]!r}); remove it from the metadata or add its text.")
    return corpus


def _read_text(path: Path) -> str:
    """Read one article: UTF-8 (a BOM is accepted), Windows line endings unified."""
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise CorpusError(f"{path}: looks like a binary file (it contains NUL bytes), not "
                          "plain text; export the article as a UTF-8 .txt file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path}: not valid UTF-8 (byte {exc.start}: 0x{data[exc.start]:02x}); re-encode "
            f"it, e.g. `iconv -f cp1252 -t utf-8 {path.name} > fixed.txt`, or save it as "
            "UTF-8 from your editor.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_metadata(folder: Path) -> pd.DataFrame:
    path = folder / "metadata.csv"
    if not path.is_file():
        raise CorpusError(f"{folder}: no metadata.csv; add one with at least the columns "
                          "'file' and 'author' (one row per .txt file).")
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{path}: cannot be read as a UTF-8 CSV ({exc}); save it as "
                          "UTF-8 CSV with a header row.") from None
    meta.columns = [c.strip() for c in meta.columns]
    missing = [c for c in ("file", "author") if c not in meta.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {', '.join(map(repr, missing))}; "
                          f"the header must include 'file' and 'author' (found: "
                          f"{', '.join(map(repr, meta.columns))}){_header_hint(meta.columns)}.")
    if meta.empty:
        raise CorpusError(f"{path}: has no rows; add one row per .txt file.")
    meta["file"] = meta["file"].str.strip()
    for i, name in enumerate(meta["file"], start=2):
        if not name:
            raise CorpusError(f"{path}, row {i}: the 'file' cell is empty; name the .txt file.")
    dupes = meta["file"][meta["file"].duplicated()].unique().tolist()
    if dupes:
        rows = [i for i, f in enumerate(meta["file"], start=2) if f == dupes[0]]
        raise CorpusError(f"{path}: file {dupes[0]!r} is listed more than once (rows "
                          f"{', '.join(map(str, rows))}, counting the header as row 1); keep "
                          "one row per file.")
    if "doc_id" not in meta.columns:
        meta.insert(0, "doc_id", [Path(f).stem for f in meta["file"]])
    meta["doc_id"] = [d.strip() or Path(f).stem for d, f in zip(meta["doc_id"], meta["file"])]
    dupes = meta["doc_id"][meta["doc_id"].duplicated()].unique().tolist()
    if dupes:
        raise CorpusError(f"{path}: doc_id {dupes[0]!r} appears more than once; give every "
                          "document a unique doc_id.")
    on_disk = None
    for i, name in enumerate(meta["file"], start=2):
        if not (folder / name).is_file():
            if on_disk is None:   # the names of the files there, by their lower case
                on_disk = {p.name.lower(): p.name for p in folder.iterdir() if p.is_file()}
            # the same name in another case (a Mac or Windows habit), or without ".txt"
            other = on_disk.get(name.lower()) or on_disk.get(name.lower() + ".txt")
            near = f" ({other!r} does)" if other and other != name else ""
            raise CorpusError(f"{path}, row {i} (counting the header as row 1): file "
                              f"{name!r} does not exist in {folder}{near}; fix the name or "
                              "remove the row.")
    return meta.replace({"": "unknown"})


def _header_hint(columns) -> str:
    """Why a header lacks 'file'/'author', when the cause is a common one."""
    if len(columns) == 1:
        sep = next((s for s in (";", "\t", "|") if s in columns[0]), None)
        if sep:
            return (f"; the header is separated by {sep!r}, not commas: save the file as "
                    "comma-separated CSV (in Excel, 'CSV UTF-8')")
    renames = [f"{c!r} to {c.lower()!r}" for c in columns
               if c.lower() in ("file", "author") and c != c.lower()]
    return f"; names are lower case: rename {' and '.join(renames)}" if renames else ""


def load_corpus(folder: str | Path, *, by: str = "author") -> Corpus:
    """Load every ``.txt`` file listed in ``<folder>/metadata.csv``.

    Parameters
    ----------
    folder : str or Path
        A folder with ``metadata.csv`` (required columns ``file`` and ``author``; every
        other column is kept as metadata) and the ``.txt`` files it lists.  An optional
        ``cleaning.csv`` adds corpus-specific cleaning rules.
    by : str, default "author"
        The metadata column whose values are the groups to compare.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        With a message that names the file or row and the fix: no metadata.csv, a
        missing column, a listed file that does not exist, a duplicate file or doc_id, a
        file that is not UTF-8 or is binary, a file that is empty (or empty after
        cleaning).  A ``.txt`` file that metadata.csv does not list gives a
        :class:`CorpusWarning` and is skipped.

    Examples
    --------
    >>> from discoursekit import paths
    >>> corpus = load_corpus(paths.SEEDS)
    >>> corpus.docs["group"].tolist()[:2]
    ['Janusz Bugajski', 'David R. Shedd & Ivana Stradner']
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder; pass the folder that holds metadata.csv "
                          "and the .txt files.")
    meta = _read_metadata(folder)
    unlisted = sorted(set(p.name for p in folder.glob("*.txt")) - set(meta["file"]))
    if unlisted:
        warnings.warn(f"{folder}: {len(unlisted)} .txt file(s) not listed in metadata.csv "
                      f"were skipped: {', '.join(unlisted[:5])}{' …' if len(unlisted) > 5 else ''}"
                      "; add a row for each to include it.", CorpusWarning, stacklevel=2)
    if by not in meta.columns:
        raise CorpusError(f"{folder / 'metadata.csv'}: by={by!r} is not a column; columns "
                          f"are: {', '.join(map(repr, meta.columns))}.")
    from . import corpus_cache

    cached = corpus_cache.lookup(folder, meta, by)    # only with $DISCOURSEKIT_CACHE
    if cached is not None:
        return cached
    raws = [_read_text(folder / name) for name in meta["file"]]
    corpus = _build(meta.copy(), raws, by=by, rules=load_rules(folder),
                    source=lambda i: str(folder / meta["file"][i]))
    corpus_cache.store(folder, meta, corpus)
    return corpus
