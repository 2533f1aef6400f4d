"""A supervised frame coder learned from hand codes (scikit-learn).

Features: word uni- and bigrams and character 2–5-grams (TF-IDF, sublinear), plus, per
category of the codebook, whether its lexicon cues match the sentence; one logistic
regression per category with balanced class weights (the frames are rare), so a
category without cues is learned from its hand codes alone.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .codebook import Codebook, default_codebook

__all__ = ["FrameClassifier", "cue_features"]


def cue_features(texts, codebook: Codebook) -> tuple[sparse.csr_matrix, list]:
    """Sentences × categories: 1 where a cue of the category matches (frames and
    functions of the codebook), with the matches themselves (one dict per sentence)."""
    from .lexicon import check_texts, match_texts

    texts = check_texts(texts, "cue_features")
    cats = codebook.frame_ids + codebook.function_ids
    found = [dict() for _ in texts]
    for which in ("frames", "functions"):
        lex = codebook.lexicon(which)
        if not lex.categories:
            continue
        for d, m in zip(found, match_texts(texts, which, lex)):
            d.update(m)
    rows, cols = [], []
    place = {c: j for j, c in enumerate(cats)}
    for i, d in enumerate(found):
        for c in d:
            rows.append(i)
            cols.append(place[c])
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(cats)))
    return x, found


class FrameClassifier(BaseEstimator):
    """Learn the codebook's categories from hand-coded sentences.

    Parameters
    ----------
    codebook : Codebook, optional
        Its categories are learned and its cues are features (default: built-in).
    C : float, default 1.0
        Inverse regularisation strength of each logistic regression.
    use_cues : bool, default True
        Add the lexicon's cue matches as features.
    min_df : int, default 1
        Minimum number of training sentences an n-gram must occur in.
    random_state : int, default 0

    Attributes
    ----------
    categories_ : list of str
        The categories learned (those of ``codes`` that are in the codebook).
    constant_ : dict
        Categories that had one class only in training, predicted as that class.

    Examples
    --------
    >>> texts = ["Troops massed at the border.", "Gas prices rose again.",
    ...          "Tanks rolled in.", "The energy deal was signed."] * 3
    >>> codes = pd.DataFrame({"military_security": [1, 0, 1, 0] * 3})
    >>> model = FrameClassifier().fit(texts, codes)
    >>> model.predict(["Soldiers and tanks at the border."])["military_security"].tolist()
    [True]
    """

    def __init__(self, codebook: Codebook | None = None, *, C: float = 1.0,
                 use_cues: bool = True, min_df: int = 1, random_state: int = 0):
        self.codebook = codebook
        self.C = C
        self.use_cues = use_cues
        self.min_df = min_df
        self.random_state = random_state

    def _book(self) -> Codebook:
        return default_codebook() if self.codebook is None else self.codebook

    def _features(self, texts, fit: bool):
        if fit:
            self.words_ = TfidfVectorizer(ngram_range=(1, 2), min_df=self.min_df,
                                          sublinear_tf=True, lowercase=True)
            self.chars_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                          min_df=self.min_df, sublinear_tf=True, lowercase=True)
            parts = [self.words_.fit_transform(texts), self.chars_.fit_transform(texts)]
        else:
            parts = [self.words_.transform(texts), self.chars_.transform(texts)]
        cues, found = cue_features(texts, self._book())
        if self.use_cues:
            parts.append(cues)
        return sparse.hstack(parts, format="csr"), found

    def fit(self, texts, codes):
        """Fit one model per category.

        ``texts``: sentences; ``codes``: a DataFrame with one 0/1 column per category
        (others are ignored), one row per sentence in the same order."""
        from .lexicon import check_texts

        texts = check_texts(texts, "FrameClassifier.fit")
        if not isinstance(codes, pd.DataFrame) or len(codes) != len(texts):
            raise ValueError("FrameClassifier.fit(texts, codes): codes must be a DataFrame "
                             f"with one row per text ({len(texts)}); got "
                             f"{type(codes).__name__} of length {len(codes)}.")
        book = self._book()
        self.categories_ = [c for c in book.ids() if c in codes.columns]
        if not self.categories_:
            raise ValueError("FrameClassifier.fit(): codes has no column named like a "
                             f"category of the codebook ({', '.join(book.ids())}).")
        x, _ = self._features(texts, fit=True)
        self.models_, self.constant_ = {}, {}
        for cat in self.categories_:
            y = codes[cat].to_numpy(dtype=int)
            if len(np.unique(y)) < 2:
                self.constant_[cat] = bool(y[0]) if len(y) else False
                continue
            model = LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000,
                                       solver="liblinear", random_state=self.random_state)
            self.models_[cat] = model.fit(x, y)
        return self

    def predict_proba(self, texts) -> pd.DataFrame:
        """The probability of each category per sentence (a constant category: 0 or 1)."""
        from .lexicon import check_texts

        texts = check_texts(texts, "FrameClassifier.predict")
        x, found = self._features(texts, fit=False)
        out = pd.DataFrame(index=range(len(texts)))
        for cat in self.categories_:
            out[cat] = (self.models_[cat].predict_proba(x)[:, 1] if cat in self.models_
                        else np.full(len(texts), float(self.constant_[cat])))
        out.attrs["cues"] = found
        return out

    def predict(self, texts) -> pd.DataFrame:
        """Code each sentence: the same table as :func:`code_frames` — ``text``, one
        boolean column per learned category, and ``cues`` (the lexicon matches, shown as
        evidence; the decision is the model's)."""
        proba = self.predict_proba(texts)
        out = pd.DataFrame({"text": pd.Series(list(texts), dtype=object)})
        for cat in self.categories_:
            out[cat] = proba[cat].to_numpy() >= 0.5
        out["cues"] = pd.Series(proba.attrs["cues"], dtype=object)
        book = self._book()
        out.attrs["categories"] = list(self.categories_)
        out.attrs["labels"] = {c: book.labels[c] for c in self.categories_}
        out.attrs["kinds"] = {c: book.kinds[c] for c in self.categories_}
        return out
