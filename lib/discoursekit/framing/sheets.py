"""Hand-coding sheets: draw a random sample of sentences to code, write one sheet per
coder, read the filled sheets back, and settle disagreements into one code per sentence.

The sample is stratified by group and every sentence keeps its inclusion probability
(``inclusion_prob``), which the corrected profile (:mod:`.corrected`) needs to weight the
hand codes.  A share of the sentences (``overlap``) goes to every coder, so that their
agreement can be measured (:func:`discoursekit.framing.reliability`).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from .codebook import Codebook, default_codebook

__all__ = ["coding_sheet", "write_coding_sheets", "read_codes", "adjudicate", "take_sample",
           "SHEET_COLUMNS", "load_sheet", "sheet_categories", "coded_rows", "next_to_code",
           "record_codes", "sentence_ids", "code_categories"]

#: the columns of a sheet before the category columns (then ``note``)
SHEET_COLUMNS = ["sentence_id", "coder", "doc_id", "sent_id", "group", "inclusion_prob",
                 "context_before", "text", "context_after"]
_TRUE, _FALSE = {"1", "1.0", "true", "yes", "y", "x"}, {"0", "0.0", "false", "no", "n"}


def sentence_ids(frame: pd.DataFrame) -> pd.Series:
    """The id of each sentence of a table with ``doc_id`` and ``sent_id``: "doc_id:sent_id"
    (the ``sentence_id`` of a coding sheet)."""
    return frame["doc_id"].astype(str) + ":" + frame["sent_id"].astype(str)


def code_categories(codes: pd.DataFrame) -> list[str]:
    """The category columns of a table of codes: those it records (``attrs``), else every
    column that is not a sheet column."""
    return list(codes.attrs.get("categories") or [
        c for c in codes.columns if c not in set(SHEET_COLUMNS) | {"note", "_file"}])


def _allocate(sizes: pd.Series, n: int) -> pd.Series:
    """``n`` sentences shared out over groups in proportion to their size (largest
    remainder), at least one per group while ``n`` allows, never more than a group has."""
    sizes = sizes.astype(int)
    total = int(sizes.sum())
    n = min(int(n), total)
    share = sizes * n / total
    take = np.floor(share).astype(int)
    if n >= len(sizes):
        take = take.clip(lower=1)
    take = np.minimum(take, sizes)
    order = (share - np.floor(share)).sort_values(ascending=False, kind="stable").index
    while take.sum() < n:
        for g in order:
            if take.sum() >= n:
                break
            if take[g] < sizes[g]:
                take[g] += 1
    while take.sum() > n:               # the minimum of one per group overshot
        g = (take - share).idxmax()
        take[g] -= 1
    return take


def coding_sheet(corpus, codebook: Codebook | None = None, *, n: int = 200, by: str = "group",
                 overlap: float = 0.2, coders=("coder_1", "coder_2"), seed: int = 20261207,
                 context: int = 1) -> pd.DataFrame:
    """A random sample of sentences to code by hand, stratified by group, as a sheet.

    Parameters
    ----------
    corpus : Corpus
        From :func:`discoursekit.load_corpus`.
    codebook : Codebook, optional
        The categories to code (one empty column each); default the built-in codebook.
    n : int, default 200
        Sentences to draw (all of them if the corpus has fewer).  They are shared out over
        the groups of ``by`` in proportion to each group's sentences (at least one per
        group), and drawn without replacement within each group, so a sentence of group
        g is drawn with probability ``n_g / N_g`` (``inclusion_prob``).
    by : str, default "group"
        A column of ``corpus.docs`` to stratify by.
    overlap : float, default 0.2
        Share of the drawn sentences given to every coder (for reliability); the others
        are dealt out to one coder each, in turn.
    coders : sequence of str, default ("coder_1", "coder_2")
        Coder names (one sheet each, see :func:`write_coding_sheets`).
    seed : int
        Seeds the draw and the deal: the same seed gives the same sheet.
    context : int, default 1
        Sentences before and after to show as context.

    Returns
    -------
    DataFrame
        One row per sentence and coder: ``sentence_id`` ("doc_id:sent_id"), ``coder``,
        ``doc_id, sent_id, group, inclusion_prob, context_before, text,
        context_after``, one empty column per category id, and ``note``; sorted by coder,
        document and sentence.  ``attrs`` records n, the overlap sentences and the seed.

    Examples
    --------
    >>> import discoursekit as dk
    >>> sheet = dk.coding_sheet(dk.load_corpus(dk.paths.SEEDS), n=20, overlap=0.5, seed=1)
    >>> sheet.groupby("coder").size().to_dict(), sheet["sentence_id"].nunique()
    ({'coder_1': 15, 'coder_2': 15}, 20)
    """
    codebook = default_codebook() if codebook is None else codebook
    if not isinstance(codebook, Codebook):
        raise TypeError("coding_sheet(): codebook must be a Codebook (dk.load_codebook(path)).")
    if not hasattr(corpus, "sentences"):
        raise TypeError("coding_sheet() takes a Corpus from discoursekit.load_corpus.")
    coders = [coders] if isinstance(coders, str) else list(coders)
    if not coders or len(set(coders)) != len(coders) or not all(
            isinstance(c, str) and c.strip() for c in coders):
        raise ValueError("coding_sheet(): coders must be distinct non-empty names; got "
                         f"{coders!r}.")
    if not 0 <= overlap <= 1:
        raise ValueError(f"coding_sheet(): overlap is a share between 0 and 1; got {overlap!r}.")
    if int(n) < 1:
        raise ValueError(f"coding_sheet(): n must be at least 1; got {n!r}.")
    docs = corpus.docs
    if by not in docs.columns:
        raise ValueError(f"coding_sheet(): by={by!r} is not a column of corpus.docs; columns "
                         f"are: {', '.join(c for c in docs.columns if c not in ('text', 'raw'))}.")
    sents = corpus.sentences[["doc_id", "sent_id", "text"]].copy()
    sents["group"] = sents["doc_id"].map(dict(zip(docs["doc_id"], docs["group"])))
    sents["stratum"] = sents["doc_id"].map(dict(zip(docs["doc_id"], docs[by].astype(str))))
    sents = sents.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    rng = np.random.default_rng(int(seed))
    sizes = sents.groupby("stratum", sort=True).size()
    take = _allocate(sizes, int(n))
    chosen, prob = [], {}
    for stratum in sizes.index:                      # sorted: the draw does not depend on order
        idx = sents.index[sents["stratum"] == stratum].to_numpy()
        k = int(take[stratum])
        chosen.extend(rng.choice(idx, size=k, replace=False).tolist())
        prob[stratum] = k / len(idx)
    chosen = np.array(sorted(chosen), dtype=np.int64)
    picked = sents.loc[chosen].reset_index(drop=True)
    # the sentences around each drawn one, within its document (only for those drawn)
    doc_ids, texts = sents["doc_id"].to_numpy(), sents["text"].to_numpy()

    def around(steps) -> list[str]:
        return [" ".join(texts[j] for j in (i + k for k in steps)
                         if 0 <= j < len(texts) and doc_ids[j] == doc_ids[i]
                         and isinstance(texts[j], str)) for i in chosen.tolist()]

    picked["context_before"] = around(range(-context, 0))
    picked["context_after"] = around(range(1, context + 1))
    picked["inclusion_prob"] = picked["stratum"].map(prob)
    n_shared = int(round(overlap * len(picked))) if len(coders) > 1 else 0
    order = rng.permutation(len(picked))
    shared, rest = order[:n_shared], order[n_shared:]
    rows = [(i, c) for i in shared for c in coders] + \
        [(i, coders[k % len(coders)]) for k, i in enumerate(rest)]
    out = picked.loc[[i for i, _ in rows]].reset_index(drop=True)
    out.insert(0, "coder", [c for _, c in rows])
    out.insert(0, "sentence_id", sentence_ids(out))
    out = out[SHEET_COLUMNS].copy()
    for cat in codebook.ids():
        out[cat] = ""
    out["note"] = ""
    out = out.sort_values(["coder", "doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    out.attrs.update(n=len(picked), overlap=sorted(sentence_ids(picked.loc[shared])),
                     seed=int(seed), by=by, categories=codebook.ids())
    return out


def _atomic_csv(frame: pd.DataFrame, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        frame.to_csv(tmp, index=False, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_coding_sheets(sheet: pd.DataFrame, folder, *, codebook: Codebook | None = None,
                        overwrite: bool = False) -> list[Path]:
    """Write one CSV per coder (``<folder>/<coder>.csv``) and, with a codebook, the coding
    guide (``coding_guide.md``) beside them.  A sheet that exists is never overwritten
    unless ``overwrite=True`` (it may hold a coder's work).  Returns the paths written."""
    from .codebook import coding_guide

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    targets = {c: folder / f"{c}.csv" for c in sorted(sheet["coder"].unique())}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing and not overwrite:
        raise FileExistsError(f"{existing[0]} exists and may hold a coder's work; pass "
                              "overwrite=True to replace it, or write to another folder.")
    written = []
    for coder, target in targets.items():
        _atomic_csv(sheet[sheet["coder"] == coder], target)
        written.append(target)
    if codebook is not None:
        guide = folder / "coding_guide.md"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".coding_guide.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(coding_guide(codebook))
        os.replace(tmp, guide)
        written.append(guide)
    return written


def _value(cell, path, line: int, column: str):
    text = str(cell).strip().lower()
    if text in ("", "nan"):
        return np.nan
    if text in _TRUE:
        return 1.0
    if text in _FALSE:
        return 0.0
    raise ValueError(f"{path}, line {line}, column {column!r}: {cell!r} is not a code; write 1 "
                     "(the sentence carries the category), 0 (it does not) or leave it blank.")


def read_codes(paths, *, corpus=None, codebook: Codebook | None = None) -> pd.DataFrame:
    """Read filled coding sheets back, one row per sentence and coder, and check them.

    Parameters
    ----------
    paths : str, Path or list of them
        Sheets (CSV, as written by :func:`write_coding_sheets`) or folders of them.
    corpus : Corpus, optional
        If given, every ``sentence_id`` must be a sentence of it.
    codebook : Codebook, optional
        If given, a column named like none of its categories is an error; default: every
        column that is not a sheet column is a category.

    Returns
    -------
    DataFrame
        ``sentence_id, coder, doc_id, sent_id, group, inclusion_prob, text``, one int 0/1
        column per category, ``note``; rows left entirely blank (not yet coded) are
        dropped, and in a coded row a blank cell is 0 (a coder marks what is there).
        Sorted by sentence and coder.

    Raises
    ------
    ValueError
        Naming the file, line and column: a value other than 0, 1 or blank; a sentence
        id that is not in the corpus; a coder who coded nothing; a sentence coded twice by
        one coder; a sheet without ``sentence_id`` or ``coder``.
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    files = []
    for p in map(Path, items):
        if p.is_dir():
            files.extend(sorted(p.glob("*.csv")))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"{p} does not exist; pass filled coding sheets (CSV) or "
                                    "the folder that holds them.")
    if not files:
        raise FileNotFoundError(f"no coding sheet (*.csv) in {', '.join(map(str, items))}.")
    known = set(sentence_ids(corpus.sentences)) if corpus is not None else None
    cats_all, frames = [], []
    fixed = set(SHEET_COLUMNS) | {"note"}
    for path in files:
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except UnicodeDecodeError:
            raise ValueError(f"{path}: not UTF-8; save the sheet as CSV UTF-8 from the "
                             "spreadsheet.") from None
        missing = [c for c in ("sentence_id", "coder") if c not in raw.columns]
        if missing:
            raise ValueError(f"{path}: no column {missing[0]!r}; start from a sheet written by "
                             "dk.write_coding_sheets (keep its first columns as they are).")
        cats = [c for c in raw.columns if c not in fixed]
        if codebook is not None:
            unknown = [c for c in cats if c not in codebook]
            if unknown:
                raise ValueError(f"{path}: column {unknown[0]!r} is not a category of the "
                                 f"codebook; its ids are: {', '.join(codebook.ids())}.")
        if not cats:
            raise ValueError(f"{path}: no category column; the sheet needs one column per "
                             "category id.")
        values = np.full((len(raw), len(cats)), np.nan)
        for j, cat in enumerate(cats):
            for i, cell in enumerate(raw[cat].tolist()):
                values[i, j] = _value(cell, path, i + 2, cat)
        coded = ~np.isnan(values).all(axis=1)
        if known is not None:
            for i, sid in enumerate(raw["sentence_id"].tolist()):
                if sid not in known:
                    raise ValueError(f"{path}, line {i + 2}: sentence_id {sid!r} is not a "
                                     "sentence of the corpus; was the sheet drawn from another "
                                     "corpus, or the corpus changed since?")
        blank = raw["coder"].str.strip() == ""
        if blank.any():
            raise ValueError(f"{path}, line {int(np.flatnonzero(blank)[0]) + 2}: the coder "
                             "column is empty; write the coder's name.")
        frame = raw.assign(**{c: values[:, j] for j, c in enumerate(cats)})
        for coder, part in frame.groupby("coder", sort=True):
            if not coded[part.index].any():
                raise ValueError(f"{path}: coder {coder!r} coded no sentence (every category "
                                 "cell is blank); fill the sheet or remove it.")
        frame = frame[coded].copy()
        frame[cats] = frame[cats].fillna(0.0)
        frame["_file"] = str(path)
        frames.append(frame)
        cats_all.extend(c for c in cats if c not in cats_all)
    out = pd.concat(frames, ignore_index=True)
    dup = out.duplicated(["sentence_id", "coder"], keep=False)
    if dup.any():
        row = out[dup].iloc[0]
        raise ValueError(f"{row['_file']}: coder {row['coder']!r} coded sentence "
                         f"{row['sentence_id']!r} twice (here or in another sheet); keep one.")
    if codebook is not None:
        cats_all = [c for c in codebook.ids() if c in cats_all]
    for col in SHEET_COLUMNS + ["note"]:
        if col not in out.columns:
            out[col] = ""
    if (out["doc_id"] == "").any():
        parts = out["sentence_id"].str.rsplit(":", n=1)
        out["doc_id"] = out["doc_id"].where(out["doc_id"] != "", parts.str[0])
        out["sent_id"] = out["sent_id"].where(out["sent_id"] != "", parts.str[1])
    out["sent_id"] = pd.to_numeric(out["sent_id"], errors="coerce").astype("Int64")
    out["inclusion_prob"] = pd.to_numeric(out["inclusion_prob"].replace("", np.nan))
    for cat in cats_all:
        out[cat] = out[cat].fillna(0).astype(int)
    out = out[[c for c in SHEET_COLUMNS if c not in ("context_before", "context_after")]
              + cats_all + ["note"]]
    out = out.sort_values(["doc_id", "sent_id", "coder"], kind="stable").reset_index(drop=True)
    out.attrs["categories"] = cats_all
    return out


def adjudicate(codes: pd.DataFrame, *, coder: str | None = None) -> pd.DataFrame:
    """One code per sentence and category from several coders' codes.

    Where the coders agree, their code; where they disagree, the named ``coder``'s code
    if that coder coded the sentence, else the majority, and on a tie (two coders, one
    each way, neither of them ``coder``) the code of the coder first in alphabetical
    order.  A sentence coded by one coder keeps that code.

    Returns
    -------
    DataFrame
        ``sentence_id, doc_id, sent_id, group, inclusion_prob, text``, the category
        columns, ``n_coders`` and ``disagreements`` (categories on which its coders
        differed); ``attrs["ties"]`` counts the ties settled alphabetically.

    Examples
    --------
    >>> codes = pd.DataFrame({"sentence_id": ["a:0", "a:0", "a:1"], "coder": ["x", "y", "x"],
    ...                       "conflict": [1, 0, 1]})
    >>> adjudicate(codes, coder="y")["conflict"].tolist()
    [0, 1]
    """
    cats = code_categories(codes)
    if coder is not None and coder not in set(codes["coder"]):
        raise ValueError(f"adjudicate(): coder {coder!r} coded nothing here; coders are: "
                         f"{', '.join(sorted(codes['coder'].unique()))}.")
    keep = [c for c in ("doc_id", "sent_id", "group", "inclusion_prob", "text") if c in codes]
    rows, ties = [], 0
    for sid, part in codes.sort_values("coder", kind="stable").groupby("sentence_id", sort=False):
        vals = part[cats].to_numpy(dtype=int)
        named = part["coder"].to_numpy() == coder
        out = vals[0].copy()
        disagree = (vals != vals[0]).any(axis=0)
        for j in np.flatnonzero(disagree):
            if named.any():
                out[j] = vals[named][0, j]
            else:
                ones = vals[:, j].sum()
                if 2 * ones == len(vals):
                    ties += 1
                    out[j] = vals[0, j]
                else:
                    out[j] = int(2 * ones > len(vals))
        rows.append([sid] + [part[c].iloc[0] for c in keep] + out.tolist()
                    + [len(part), int(disagree.sum())])
    result = pd.DataFrame(rows, columns=["sentence_id"] + keep + cats
                          + ["n_coders", "disagreements"])
    if "doc_id" in result and "sent_id" in result:
        result = result.sort_values(["doc_id", "sent_id"], kind="stable")
    else:
        result = result.sort_values("sentence_id", kind="stable")
    result = result.reset_index(drop=True)
    result.attrs["categories"] = cats
    result.attrs["ties"] = ties
    return result


def take_sample(codes: pd.DataFrame, sheet: pd.DataFrame) -> pd.DataFrame:
    """The codes of the sentences a sheet drew, with the sheet's inclusion probabilities.

    For corpora coded in full beforehand (the seeds): ``codes`` (from :func:`adjudicate`)
    cover more sentences than a random sample would, and this keeps only those that
    :func:`coding_sheet` drew, as if only they had been coded.
    """
    drawn = sheet[["sentence_id", "inclusion_prob"]].drop_duplicates("sentence_id")
    missing = sorted(set(drawn["sentence_id"]) - set(codes["sentence_id"]))
    if missing:
        raise ValueError(f"take_sample(): {len(missing)} drawn sentence(s) have no code, e.g. "
                         f"{missing[0]!r}; code them first.")
    out = codes.drop(columns=["inclusion_prob"], errors="ignore").merge(
        drawn, on="sentence_id", how="inner", validate="one_to_one")
    out.attrs = dict(codes.attrs)
    return out.reset_index(drop=True)


# --- coding one sentence at a time (the logic behind explore.frame_coder) ------------------
def load_sheet(path) -> pd.DataFrame:
    """A coding sheet as written, every cell as text (blank cells as "")."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist; write the sheets first with "
                                "dk.write_coding_sheets(dk.coding_sheet(corpus, codebook), "
                                "folder).")
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in ("sentence_id", "text") if c not in sheet.columns]
    if missing:
        raise ValueError(f"{path}: no column {missing[0]!r}; is this a coding sheet?")
    return sheet


def sheet_categories(sheet: pd.DataFrame) -> list[str]:
    """The category columns of a sheet (every column that is not a sheet column)."""
    return [c for c in sheet.columns if c not in set(SHEET_COLUMNS) | {"note"}]


def coded_rows(sheet: pd.DataFrame) -> np.ndarray:
    cats = sheet_categories(sheet)
    return (sheet[cats].astype(str).apply(lambda col: col.str.strip()) != "").any(axis=1).to_numpy()


def next_to_code(sheet: pd.DataFrame, after: int = -1):
    """The position of the first row after ``after`` that is not coded yet (every
    category cell blank), wrapping round to the start; None when every row is coded."""
    coded = coded_rows(sheet)
    n = len(sheet)
    for k in range(1, n + 1):
        i = (after + k) % n
        if not coded[i]:
            return i
    return None


def record_codes(path, position: int, present, *, note: str | None = None) -> pd.DataFrame:
    """Save one decision to the sheet file: 1 for the categories in ``present``, 0 for the
    others, on row ``position``; the file is rewritten at once (atomically), so coding
    can stop and resume at any point.  Returns the updated sheet."""
    path = Path(path)
    sheet = load_sheet(path)
    cats = sheet_categories(sheet)
    if not 0 <= int(position) < len(sheet):
        raise IndexError(f"record_codes(): row {position} is outside the sheet "
                         f"({len(sheet)} rows).")
    unknown = [c for c in present if c not in cats]
    if unknown:
        raise ValueError(f"record_codes(): {unknown[0]!r} is not a category of {path.name}; "
                         f"its categories are: {', '.join(cats)}.")
    for c in cats:
        sheet.loc[int(position), c] = "1" if c in present else "0"
    if note is not None:
        if "note" not in sheet.columns:
            sheet["note"] = ""
        sheet.loc[int(position), "note"] = note
    _atomic_csv(sheet, path)
    return sheet
