"""Counting a corpus chunk by chunk, or on a Dask cluster, for keyness beyond one machine.

Counting is additive: the document × term counts of a corpus are the rows of its chunks
counted separately, aligned on one vocabulary (:func:`discoursekit.merge_counts`).  So
:func:`count_chunks` takes an iterator of DataFrames (one article per row, as for
:meth:`Corpus.from_frame`), cleans, tokenises and counts one chunk at a time, and keeps
only sparse counts: memory is bounded by the chunk size plus the counts themselves.
:func:`count_dask` does the same on the partitions of a ``dask.dataframe`` or
``dask.bag``, on whatever scheduler is active (threads, processes or a
``dask.distributed`` cluster).  :func:`keyness_counts` and :func:`keyness_all_counts`
then give exactly the tables :func:`discoursekit.keyness` and
:func:`discoursekit.keyness_all` give for the same articles loaded in memory.

Counts are per document, so every group needs at least two documents (the bootstrap
resamples documents and DP is measured over them); a group with a single long document
needs its sentences: load it with :class:`Corpus` instead.  Dask is optional
(``pip install discoursekit[dask]``); nothing here imports it until :func:`count_dask`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .corpus import Corpus, DocTermCounts, group_label
from .keywords.counting import Counts, merge_counts, select_terms, stop_set
from .keywords.keyness_tables import keyness_all_table, keyness_table, validate_keyness_args
from .text import _count_texts

__all__ = ["DocumentCounts", "count_chunk", "count_chunks", "count_dask", "keyness_counts",
           "keyness_all_counts"]


@dataclass
class DocumentCounts:
    """Sparse document × term counts with what keyness needs to know about each document.

    Attributes
    ----------
    counts : scipy.sparse.csr_matrix of int64, shape (n_documents, n_terms)
    vocabulary : numpy.ndarray of str
        The term of each column, sorted.
    doc_ids : numpy.ndarray of str
    values : numpy.ndarray
        Each document's value of the grouping column (``by``) as read.
    sizes : numpy.ndarray of int64
        Tokens (counting units, stopwords included) per document.
    by : str
        The grouping column.
    """

    counts: sp.csr_matrix
    vocabulary: np.ndarray
    doc_ids: np.ndarray
    values: np.ndarray
    sizes: np.ndarray
    by: str

    def __repr__(self) -> str:
        return (f"<DocumentCounts: {self.counts.shape[0]} documents, {self.counts.shape[1]} "
                f"terms, {int(self.sizes.sum())} tokens, by {self.by!r}>")

    @property
    def groups(self) -> np.ndarray:
        """The group of every document (a missing value is its own group, as in Corpus)."""
        return np.array([group_label(v, d) for v, d in zip(self.values, self.doc_ids)],
                        dtype=object)

    def _as_counts(self) -> Counts:
        groups = self.groups
        sizes = pd.Series(groups).value_counts()
        single = sorted(sizes.index[sizes < 2])
        if single:
            raise ValueError(
                f"group(s) {', '.join(map(repr, single[:5]))} have a single document; counts "
                "per document cannot resample or segment one text. Load such a corpus with "
                "Corpus (sentences are then used), or group by a column with several "
                "documents per group.")
        n = len(self.doc_ids)
        return Counts(self.counts, self.vocabulary, np.arange(n), np.zeros(n, np.int64),
                       self.sizes, self.doc_ids, groups, self.sizes)


def count_chunk(frame: pd.DataFrame, *, text: str = "text", by: str = "author",
                doc_id: str | None = None, clean: bool = True, stopwords=False,
                parallel: bool = True) -> DocumentCounts:
    """Clean, tokenise and count one chunk of articles (one per row).

    Parameters are those of :func:`count_chunks`; ``parallel=False`` keeps the work in
    this process (as inside a Dask task).  Without a ``doc_id`` column the ids are the
    row numbers ``doc00000``, … of this chunk.
    """
    if isinstance(frame, (list, tuple)):
        frame = pd.DataFrame({text: list(frame)})
    corpus = Corpus.from_frame(frame, text=text, by=by, doc_id=doc_id, clean=clean)
    if parallel or "_doc_counts" in corpus.__dict__:   # cleaning counted them already
        dc = corpus._doc_counts
    else:
        dc = DocTermCounts.merge([_count_texts(corpus.docs["text"].tolist())])
    X, vocab = select_terms(dc.counts, dc.norm_vocab, stop_set(stopwords))
    values = corpus.docs[by].to_numpy(dtype=object)
    return DocumentCounts(X, vocab, corpus.docs["doc_id"].to_numpy(dtype=object), values,
                          dc.n_unit, by)


def _merge(parts: list[DocumentCounts], by: str) -> DocumentCounts:
    if not parts:
        raise ValueError("no chunks to count; pass an iterable of DataFrames with one "
                         "article per row.")
    X, vocab = merge_counts([(p.counts, p.vocabulary) for p in parts])
    doc_ids = np.concatenate([p.doc_ids for p in parts])
    dupes = pd.Series(doc_ids)[pd.Series(doc_ids).duplicated()].unique().tolist()
    if dupes:
        raise ValueError(f"doc_id {dupes[0]!r} appears in more than one chunk; give every "
                         "document a unique doc_id (or none: rows are then numbered).")
    return DocumentCounts(X, vocab, doc_ids, np.concatenate([p.values for p in parts]),
                          np.concatenate([p.sizes for p in parts]), by)


def _numbered(frame, start: int, text: str, doc_id: str | None):
    """Give rows without an id the numbers they would have in the whole corpus."""
    if isinstance(frame, (list, tuple)):
        frame = pd.DataFrame({text: list(frame)})
    if doc_id is None and "doc_id" not in frame.columns:
        frame = frame.assign(doc_id=[f"doc{i:05d}" for i in range(start, start + len(frame))])
    return frame


def count_chunks(chunks: Iterable, *, text: str = "text", by: str = "author",
                 doc_id: str | None = None, clean: bool = True,
                 stopwords=False) -> DocumentCounts:
    """Count a corpus given as an iterable of chunks, keeping only sparse counts.

    Parameters
    ----------
    chunks : iterable of DataFrame (or of lists of str)
        One article per row, e.g. ``pd.read_csv(path, chunksize=10_000)``; a chunk can
        also be a plain list of texts.  Chunks are read one at a time, so a generator
        keeps memory bounded by one chunk plus the counts.
    text : str, default "text"
        The column with the article text.
    by : str, default "author"
        The metadata column whose values are the groups.
    doc_id : str, optional
        A column of unique ids; by default ``doc_id`` if present, else the running row
        number over all chunks (``doc00000``, …), as :meth:`Corpus.from_frame` numbers
        the whole frame.
    clean : bool, default True
        Apply the same cleaning as :meth:`Corpus.from_frame`.
    stopwords : bool or iterable of str, default False
        Leave these terms out of the counts (sizes still count every token).

    Returns
    -------
    DocumentCounts

    Raises
    ------
    ValueError
        If there is no chunk, or a doc_id repeats across chunks.
    CorpusError
        For an empty article, as :meth:`Corpus.from_frame`.

    See Also
    --------
    count_dask : the same on the partitions of a Dask collection.
    keyness_all_counts : keyness of every group from these counts.

    Notes
    -----
    Tokens are the counting units of :attr:`Corpus.tokens` (multi-word names joined),
    counted per document; so the counts equal those of the whole corpus loaded at once.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["Russia and Serbia.", "Russia again.", "Kosovo.",
    ...                             "Kosovo and NATO."], "author": ["A", "A", "B", "B"]})
    >>> counts = count_chunks([df[:2], df[2:]])
    >>> counts
    <DocumentCounts: 4 documents, 6 terms, 9 tokens, by 'author'>
    >>> list(counts.vocabulary), counts.counts.toarray()[:, 3].tolist()
    (['again', 'and', 'kosovo', 'nato', 'russia', 'serbia'], [0, 0, 0, 1])
    """
    parts, start = [], 0
    for chunk in chunks:
        chunk = _numbered(chunk, start, text, doc_id)
        start += len(chunk)
        parts.append(count_chunk(chunk, text=text, by=by, doc_id=doc_id, clean=clean,
                                 stopwords=stopwords))
    return _merge(parts, by)


def count_dask(collection, *, text: str = "text", by: str = "author",
               doc_id: str | None = None, clean: bool = True, stopwords=False,
               scheduler=None) -> DocumentCounts:
    """Count the partitions of a Dask collection in parallel and merge the sparse counts.

    Parameters
    ----------
    collection : dask.dataframe.DataFrame or dask.bag.Bag
        A dataframe with one article per row, or a bag of records (dicts) or texts.
    text, by, doc_id, clean, stopwords
        As in :func:`count_chunks`.
    scheduler : str, optional
        Passed to ``dask.compute`` ("threads", "processes", "synchronous"); by default
        the active one, e.g. a ``dask.distributed.Client``.

    Returns
    -------
    DocumentCounts
        Identical to :func:`count_chunks` over the same partitions in order.

    Notes
    -----
    Each partition is one task (clean, tokenise, count: a sparse matrix and its
    vocabulary come back, never the text); the merge runs here.  On a cluster::

        from dask.distributed import Client
        import dask.dataframe as dd
        import discoursekit as dk
        from discoursekit.chunked import count_dask, keyness_all_counts

        client = Client("tcp://scheduler:8786")           # or Client() on one machine
        articles = dd.read_parquet("s3://bucket/articles/*.parquet")  # text, party, ...
        counts = count_dask(articles, by="party")
        table = keyness_all_counts(counts, n_boot=1000)

    The workers need discoursekit installed (``pip install discoursekit[dask]``).

    Examples
    --------
    With the extra installed (``tests/dask`` checks this example)::

        import dask.bag as db
        bag = db.from_sequence([{"text": "Russia and Serbia.", "author": "A"},
                                {"text": "Kosovo.", "author": "B"}], npartitions=2)
        count_dask(bag, scheduler="synchronous")
        # <DocumentCounts: 2 documents, 4 terms, 4 tokens, by 'author'>
    """
    import dask

    if hasattr(collection, "to_delayed") and hasattr(collection, "columns"):  # dataframe
        lengths = collection.map_partitions(len).compute(scheduler=scheduler).tolist() \
            if doc_id is None and "doc_id" not in collection.columns else None
        parts = collection.to_delayed()
    elif hasattr(collection, "to_delayed"):                                   # bag
        parts = [dask.delayed(_records)(p, text) for p in collection.to_delayed()]
        lengths = dask.compute(*[dask.delayed(len)(p) for p in parts],
                               scheduler=scheduler) if doc_id is None else None
    else:
        raise TypeError(f"count_dask needs a dask.dataframe.DataFrame or dask.bag.Bag; got "
                        f"{type(collection).__name__} (use count_chunks for an iterable).")
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int) if lengths else \
        [0] * len(parts)
    tasks = [dask.delayed(_count_part)(p, int(s), text=text, by=by, doc_id=doc_id, clean=clean,
                                       stopwords=stopwords)
             for p, s in zip(parts, starts)]
    return _merge([r for r in dask.compute(*tasks, scheduler=scheduler) if r is not None], by)


def _records(partition, text: str) -> pd.DataFrame:
    rows = list(partition)
    if rows and isinstance(rows[0], str):
        return pd.DataFrame({text: rows})
    return pd.DataFrame(rows)


def _count_part(frame, start: int, **kwargs):
    if len(frame) == 0:
        return None
    frame = _numbered(frame.reset_index(drop=True), start, kwargs["text"], kwargs["doc_id"])
    return count_chunk(frame, parallel=False, **kwargs)


def keyness_counts(counts: DocumentCounts, target: str, reference: str = "rest", *,
                   min_freq: int = 3, n_boot: int = 1000, conf: float = 0.95,
                   seed: int = 20240601, dp_parts: int = 10,
                   smp_k: float = 1.0, test: str = "exact") -> pd.DataFrame:
    """:func:`discoursekit.keyness` from :class:`DocumentCounts` (same columns, same values).

    ``reference`` is "rest", another group or "english"; the bootstrap resamples
    documents.  See :func:`discoursekit.keyness` for the columns and references.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["Russia and Serbia.", "Russia again.", "Kosovo.",
    ...                             "Kosovo and NATO."], "author": ["A", "A", "B", "B"]})
    >>> keyness_counts(count_chunks([df]), "A", min_freq=2, n_boot=0)[["term", "g2"]].round(2)
         term    g2
    0  russia  2.35
    1     and -0.02
    2  kosovo -3.24
    """
    validate_keyness_args(n_boot, conf, 1, dp_parts, min_freq, smp_k)
    return keyness_table(counts._as_counts(), target, reference, by=counts.by, min_freq=min_freq,
                    n_boot=n_boot, conf=conf, seed=seed, block_size=5, dp_parts=dp_parts,
                    smp_k=smp_k, test=test)


def keyness_all_counts(counts: DocumentCounts, reference: str = "rest", *, min_freq: int = 3,
                       n_boot: int = 1000, conf: float = 0.95, seed: int = 20240601,
                       dp_parts: int = 10, smp_k: float = 1.0, test: str = "exact",
                       family: str = "all") -> pd.DataFrame:
    """:func:`discoursekit.keyness_all` from :class:`DocumentCounts` (same table).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["Russia and Serbia.", "Russia again.", "Kosovo.",
    ...                             "Kosovo and NATO."], "author": ["A", "A", "B", "B"]})
    >>> keyness_all_counts(count_chunks([df]), min_freq=2, n_boot=0)["group"].tolist()
    ['A', 'A', 'A', 'B', 'B', 'B']
    """
    validate_keyness_args(n_boot, conf, 1, dp_parts, min_freq, smp_k)
    if reference not in ("rest", "english"):
        raise ValueError(f"The 'reference' parameter of keyness_all_counts must be one of "
                         f"{{'rest', 'english'}}. Got {reference!r} instead.")
    return keyness_all_table(counts._as_counts(), reference, by=counts.by, min_freq=min_freq,
                        n_boot=n_boot, conf=conf, seed=seed, block_size=5, dp_parts=dp_parts,
                        smp_k=smp_k, test=test, family=family)
