"""Loading a corpus: metadata, cleaned text, sentences and tokens as pandas DataFrames.

``load_corpus(folder)`` reads a folder of ``.txt`` files described by its
``metadata.csv``; ``Corpus.from_frame(df)`` takes articles already in a DataFrame.  Input
files are only ever read.  Sentences and tokens are computed on first use.
"""
from __future__ import annotations

import functools
import warnings
from pathlib import Path

import pandas as pd

from ._validate import CorpusError, CorpusWarning
from .cleaning import clean_text, load_rules
from .text import fold, join_multiword, normalize, split_sentences, tokenize

__all__ = ["Corpus", "load_corpus", "group_label"]

_DOC_COLUMNS = ["doc_id", "author", "title", "outlet", "date"]


def _is_unknown(value) -> bool:
    return not isinstance(value, str) or fold(value.strip()) in {"", "unknown", "nan"}


def group_label(value, doc_id: str) -> str:
    """The group a document belongs to: its value, or ``unknown [doc_id]`` if missing.

    Documents without a known author (or other grouping value) are never merged: each is
    its own group, labelled from its ``doc_id``.
    """
    return f"unknown [{doc_id}]" if _is_unknown(value) else str(value).strip()


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
        rows = [(d, i, s, e, text[s:e])
                for d, text in zip(self.docs["doc_id"], self.docs["text"])
                for i, (s, e) in enumerate(split_sentences(text))]
        return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text"])

    @functools.cached_property
    def tokens(self) -> pd.DataFrame:
        rows = []
        texts = dict(zip(self.docs["doc_id"], self.docs["text"]))
        for doc, sents in self.sentences.groupby("doc_id", sort=False):
            text, position = texts[doc], 0
            for sent_id, start, end in zip(sents["sent_id"], sents["start"], sents["end"]):
                toks = tokenize(text[start:end])
                norms = [normalize(t) for _, _, t in toks]
                for first, last, norm in join_multiword(norms):
                    s, e = start + toks[first][0], start + toks[last - 1][1]
                    rows.append((doc, sent_id, position, s, e, text[s:e], norm))
                    position += 1
        return pd.DataFrame(rows, columns=["doc_id", "sent_id", "position", "start", "end",
                                           "token", "norm"])

    def regroup(self, by: str) -> "Corpus":
        """The same documents grouped by another metadata column (outlet, date, …)."""
        other = Corpus(self.docs.drop(columns=["group"]), self.removed, by=by)
        for cached in ("sentences", "tokens"):
            if cached in self.__dict__:
                other.__dict__[cached] = self.__dict__[cached]
        return other


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
    texts, removed = [], []
    for i, raw in enumerate(raws):
        row = meta.iloc[i]
        if not raw.strip():
            raise CorpusError(f"{source(i)} is empty; remove it from the metadata or add its text.")
        if clean:
            text, dropped = clean_text(raw, title=row["title"], author=row["author"],
                                       file=row.get("file"), rules=rules)
        else:
            text, dropped = "\n\n".join(p.strip() for p in raw.split("\n\n") if p.strip()), []
        if not text.strip():
            raise CorpusError(
                f"{source(i)} is empty after cleaning (every line matched a removal rule: "
                f"{', '.join(sorted({d['rule'] for d in dropped}))}); check the file, or the "
                "rules in cleaning.csv.")
        texts.append(text)
        removed += [{"doc_id": row["doc_id"], "file": row.get("file", ""), **d} for d in dropped]
    docs = meta.copy()
    docs["text"], docs["raw"] = texts, raws
    front = _DOC_COLUMNS + ["text", "raw"]
    docs = docs[front + [c for c in docs.columns if c not in front]]
    removed = pd.DataFrame(removed, columns=["doc_id", "file", "line", "text", "rule", "reason"])
    return Corpus(docs, removed, by=by)


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
                          f"{', '.join(map(repr, meta.columns))}).")
    if meta.empty:
        raise CorpusError(f"{path}: has no rows; add one row per .txt file.")
    meta["file"] = meta["file"].str.strip()
    for i, name in enumerate(meta["file"], start=2):
        if not name:
            raise CorpusError(f"{path}, row {i}: the 'file' cell is empty; name the .txt file.")
    dupes = meta["file"][meta["file"].duplicated()].unique().tolist()
    if dupes:
        raise CorpusError(f"{path}: file {dupes[0]!r} is listed more than once; keep one row "
                          "per file.")
    if "doc_id" not in meta.columns:
        meta.insert(0, "doc_id", [Path(f).stem for f in meta["file"]])
    meta["doc_id"] = [d.strip() or Path(f).stem for d, f in zip(meta["doc_id"], meta["file"])]
    dupes = meta["doc_id"][meta["doc_id"].duplicated()].unique().tolist()
    if dupes:
        raise CorpusError(f"{path}: doc_id {dupes[0]!r} appears more than once; give every "
                          "document a unique doc_id.")
    for i, name in enumerate(meta["file"], start=2):
        if not (folder / name).is_file():
            raise CorpusError(f"{path}, row {i}: file {name!r} does not exist in {folder}; "
                              "fix the name or remove the row.")
    return meta.replace({"": "unknown"})


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
    raws = [_read_text(folder / name) for name in meta["file"]]
    if by not in meta.columns:
        raise CorpusError(f"{folder / 'metadata.csv'}: by={by!r} is not a column; columns "
                          f"are: {', '.join(map(repr, meta.columns))}.")
    return _build(meta, raws, by=by, rules=load_rules(folder),
                  source=lambda i: str(folder / meta["file"][i]))
