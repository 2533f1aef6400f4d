"""Keyness tables: one group against a reference (:func:`keyness`), every group
(:func:`keyness_all`), chosen terms between every pair of groups (:func:`keyness_pairwise`),
with bootstrap intervals over texts, the English reference, and the top of a table."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .._validate import check_choice
from ..dispersion import dp_matrix
from ..memo import on_corpus
from ..resampling import interval_reason
from ..terms import term_norm
from .counting import PER_WORDS, Counts, docs_of, ngram_range, own_grouping, segments
from .measures import (
    KEYNESS_TESTS,
    TEST_NAMES,
    benjamini_hochberg,
    chi2_sf_1,
    log_likelihood,
    log_ratio,
    not_reversed,
    p_values,
    scaled_f_score,
    simple_maths,
)

__all__ = ["keyness", "keyness_all", "keyness_pairwise", "top_keywords", "rank_agreement", "ENGLISH_SIZE", "ENGLISH_FLOOR", "RANKING_MEASURES"]

#: Notional size (tokens) of the general-English reference built from ``wordfreq``.
ENGLISH_SIZE = 1_000_000_000
#: Frequency given to terms ``wordfreq`` does not list: its floor, Zipf 1 (1 per 10^8 words).
ENGLISH_FLOOR = 1e-8
#: What Log Ratio puts in place of a zero frequency (CQPweb's convention).
_ZERO = 0.5
_KEYNESS_COLUMNS = ["term", "freq_target", "freq_reference", "size_target", "size_reference",
                    "rate_target", "rate_reference", "g2", "p_value", "p_adjusted",
                    "log_ratio", "log_ratio_ci_low", "log_ratio_ci_high", "pct_diff", "bic",
                    "doc_range", "dp", "in_reference", "simple_maths", "scaled_f"]


def _weights(rng, sizes, n_boot: int) -> np.ndarray:
    """Bootstrap weights (units × replicates) for consecutive strata of ``sizes`` units:
    each stratum's units resampled with replacement (multinomial), stratum by stratum."""
    w = np.zeros((int(np.sum(sizes)), n_boot), dtype=np.float64)
    start = 0
    for k in map(int, sizes):
        if k:                               # (a group without a sentence has no units)
            w[start:start + k] = rng.multinomial(k, np.full(k, 1.0 / k), size=n_boot).T
        start += k
    return w


class _Replicates:
    """Bootstrap replicates of a whole corpus, drawn once for every group.

    Each group is a stratum: its documents are the units if it has several, else blocks
    of ``block_size`` consecutive sentences of its one document.  Replicate r resamples
    the units of every group with replacement (multinomial weights; groups in sorted
    order, one generator seeded with ``seed``).  A group's interval uses the replicate
    of its own units and of its reference's, so :func:`keyness` of one group and
    :func:`keyness_all` give the same interval, and the reference "rest" of every group
    is the corpus's replicate minus the group's: the counts and weights are whole
    numbers, so the difference is exact.  Drawing once (not once per group) is what
    makes many groups affordable.
    """

    def __init__(self, counts: Counts, *, n_boot: int, seed: int, block_size: int):
        groups = counts.group_names()
        index = {name: i for i, name in enumerate(groups)}
        g_of_doc = np.fromiter(map(index.__getitem__, counts.groups), np.int64,
                               len(counts.groups))
        n_docs = np.bincount(g_of_doc, minlength=len(groups))
        g = g_of_doc[counts.sent_doc]
        several = n_docs[g] > 1
        # a unit is (group, document) or (group, block of its one document), in that order
        sub = np.where(several, counts.sent_doc, counts.sent_id // block_size)
        span = int(sub.max(initial=0)) + 1
        unit_key, labels = np.unique(g.astype(np.int64) * span + sub, return_inverse=True)
        U, self.unit_size = counts.aggregate(labels.astype(np.int64), len(unit_key))
        self.bounds = np.searchsorted(unit_key // span, np.arange(len(groups) + 1))
        self.index = index
        self.kind = {name: ("documents" if n_docs[i] > 1 else
                            f"blocks of {block_size} consecutive sentences")
                     for i, name in enumerate(groups)}
        self.n_boot = n_boot
        self.wT = _weights(np.random.default_rng(seed), np.diff(self.bounds), n_boot)
        self.Ut = U.T.tocsr()                    # terms × units; wT is units × replicates
        self._of_group = {}

    def _span(self, group) -> slice:
        if group is None:                                         # the whole corpus
            return slice(0, self.wT.shape[0])
        i = self.index[group]
        return slice(int(self.bounds[i]), int(self.bounds[i + 1]))

    def sizes(self, group=None) -> np.ndarray:
        """Tokens of ``group`` (None: the corpus) in each replicate."""
        s = self._span(group)
        return self.unit_size[s] @ self.wT[s]

    def counts(self, group, rows: np.ndarray) -> np.ndarray:
        """Counts of the terms ``rows`` in ``group`` (None: the corpus), terms × replicates."""
        s = self._span(group)
        if group is None:
            Ut = self.Ut
        elif (Ut := self._of_group.get(group)) is None:
            Ut = self._of_group[group] = self.Ut[:, s].tocsr()
        return np.asarray(Ut[rows] @ self.wT[s])

    def units(self, group) -> int:
        """How many units (documents, or blocks of its one document) ``group`` has."""
        i = self.index[group]
        return int(self.bounds[i + 1] - self.bounds[i])

    def reference_kind(self, groups) -> str:
        return " and ".join(sorted({self.kind[g] for g in groups}))


def _boot_intervals(rep: _Replicates, targets: list, reference, cols: np.ndarray,
                    f2_english=None, *, conf, zero) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap interval on Log Ratio of the terms ``cols`` for each of ``targets``.

    ``reference`` is "rest", a group, or "english" (then fixed: ``f2_english`` out of
    :data:`ENGLISH_SIZE`).  Returns ``(low, high)``, each targets × terms.  The
    replicate counts of all terms are sparse-dense products, done in blocks of terms to
    bound memory; against "rest" the corpus's replicate of a block is computed once for
    every target, and the targets share out the CPUs (threads: NumPy's products,
    arithmetic and partitions run without the interpreter lock, and each target fills
    its own rows, so the result does not depend on the number of threads).
    """
    if not 0 < zero <= 1:      # counts are whole numbers: max(f, zero) replaces only zeros
        raise ValueError(f"zero must be in (0, 1]; got {zero!r}.")
    quantiles = [(1 - conf) / 2, 1 - (1 - conf) / 2]
    n1 = [rep.sizes(g) for g in targets]
    if reference == "rest":
        n_all = rep.sizes()
    elif reference != "english":
        n2 = rep.sizes(reference)
    lo, hi = np.empty((len(targets), len(cols))), np.empty((len(targets), len(cols)))
    step = max(1, 2_000_000 // rep.n_boot)
    for a in range(0, len(cols), step):
        b = min(a + step, len(cols))
        rows = cols[a:b]
        if reference == "english":
            absent2 = (f2_english[a:b] == 0)[:, None]
            rate2 = (np.maximum(f2_english[a:b], zero) / ENGLISH_SIZE)[:, None]
        elif reference == "rest":
            total = rep.counts(None, rows)
        else:
            f2 = rep.counts(reference, rows)
            absent2 = f2 == 0
            rate2 = np.maximum(f2, zero) / n2

        def one(i, a=a, b=b, rows=rows):
            f1 = rep.counts(targets[i], rows)                  # terms × replicates
            absent1 = f1 == 0
            if reference == "rest":
                rest_rate = total - f1
                absent2_rest = rest_rate == 0
                np.maximum(rest_rate, zero, out=rest_rate)
                rest_rate /= n_all - n1[i]
            lr = np.maximum(f1, zero, out=f1)                  # the target's rate, then
            lr /= n1[i]                                        # the log ratio, in place
            lr /= rest_rate if reference == "rest" else rate2
            np.log2(lr, out=lr)
            not_reversed(lr, absent1, absent2_rest if reference == "rest" else absent2)
            q = np.quantile(lr, quantiles, axis=1, overwrite_input=True)
            lo[i, a:b], hi[i, a:b] = q[0], q[1]

        _each(one, len(targets))
    return lo, hi


def _each(func, n: int) -> None:
    """``func(i)`` for i in 0..n-1, on as many threads as there are CPUs (one if n is 1)."""
    from ..corpus import _n_workers

    workers = min(_n_workers(), n)
    if workers <= 1:
        for i in range(n):
            func(i)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(func, range(n)))      # list(): re-raises the first error


def _check_group(name, value, groups, by, extra=()):
    if value in groups or value in extra:
        return value
    listed = ", ".join(repr(g) for g in groups)
    also = "".join(f", {e!r}" for e in extra)
    what = "a group" + (" or one of " + also.lstrip(", ") if extra else "")
    raise ValueError(f"{name} {value!r} is not {what}; groups are: {listed} (by={by!r}; pass "
                     "the full name, or by= another column).")


def _english_frequencies(terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from wordfreq import word_frequency

    freq = np.array([word_frequency(t, "en") for t in terms], dtype=float)
    known = freq > 0
    return np.where(known, freq, ENGLISH_FLOOR), known


def _tested(combined: np.ndarray, min_freq: int) -> np.ndarray:
    """The terms a keyness table tests: combined frequency at least ``min_freq`` (and 1)."""
    return np.flatnonzero(combined >= max(min_freq, 1))


class _SharedAttrs(dict):
    """A read-only table of attrs that pandas shares between copies of a frame.

    pandas deep-copies ``attrs`` at every operation on a frame; keyness_all's attrs
    hold one dict per group, so on many groups each row lookup or selection copied
    them all.  Treat it as read-only: copies of the table share it.
    """

    def __deepcopy__(self, memo):
        return self


def keyness_table(counts: Counts, target: str, reference: str, *, by, min_freq, n_boot, conf,
             seed, block_size, dp_parts, zero=_ZERO, smp_k=1.0, test="exact") -> pd.DataFrame:
    columns, attrs = _keyness_columns(counts, target, reference, by=by, min_freq=min_freq,
                                      n_boot=n_boot, conf=conf, seed=seed,
                                      block_size=block_size, dp_parts=dp_parts, zero=zero,
                                      smp_k=smp_k, test=test)
    df = pd.DataFrame(columns, columns=_KEYNESS_COLUMNS)
    df.attrs.update(attrs)
    return df


def _keyness_columns(counts: Counts, target: str, reference: str, *, by, min_freq, n_boot,
                     conf, seed, block_size, dp_parts, zero=_ZERO, smp_k=1.0, replicates=None,
                     interval=None, test="exact") -> tuple[dict[str, np.ndarray], dict]:
    """The columns of :func:`keyness` as arrays, rows in table order, and the table's attrs.

    :func:`keyness_all` stacks the arrays of every group into one table, which costs less
    than a table per group and concatenating them; it draws the bootstrap
    ``replicates`` once for every group, and against "rest" passes each group's
    ``interval`` (low, high over the terms tested) computed for all groups together.
    """
    groups = counts.group_names()
    _check_group("target", target, groups, by)
    _check_group("reference", reference, groups, by, extra=("rest", "english"))
    if reference == target:
        raise ValueError(f"reference {reference!r} is the target; compare it with another "
                         "group, 'rest' or 'english'.")
    t_docs = docs_of(counts, [target])
    Xd, doc_size, total = counts.documents()
    Xt = Xd[t_docs]
    f1_all = np.asarray(Xt.sum(axis=0)).ravel()
    n1 = int(doc_size[t_docs].sum())
    english = reference == "english"
    if english:
        ref_groups = None
        cols = _tested(f1_all, min_freq)
        # wordfreq has no frequency for a phrase: for "white house" it combines the
        # frequencies of its words, which says nothing about the name; leave them out
        phrase = np.array([" " in t for t in counts.vocab[cols]], dtype=bool)
        multiword = sorted(counts.vocab[cols][phrase].tolist())
        cols = cols[~phrase]
        terms = counts.vocab[cols]
        rel, known = _english_frequencies(terms)
        f2 = rel * ENGLISH_SIZE
        n2 = ENGLISH_SIZE
        sf = scaled_f_score(f1_all[cols].astype(float), f2)      # over the terms tested
    else:
        ref_groups = [g for g in groups if g != target] if reference == "rest" else [reference]
        if not ref_groups:
            raise ValueError(
                f"reference 'rest' is empty: by={by!r} puts every document in {target!r}, "
                "so there is nothing to compare it with. Group by a column with at least "
                "two values, or use reference='english'.")
        r_docs = docs_of(counts, ref_groups)
        if reference == "rest":                   # every other document: the rest of the total
            f2_all = total - f1_all
        else:
            f2_all = np.asarray(Xd[r_docs].sum(axis=0)).ravel()
        n2 = int(doc_size[r_docs].sum())
        cols = _tested(f1_all + f2_all, min_freq)
        terms = counts.vocab[cols]
        f2 = f2_all[cols].astype(float)
        known = f2 > 0
        # scaled over every term either side uses, as Scattertext scales over its vocabulary
        used = np.flatnonzero(f1_all + f2_all > 0)
        sf_used = scaled_f_score(f1_all[used].astype(float), f2_all[used].astype(float))
        sf = sf_used[np.searchsorted(used, cols)]
    f1 = f1_all[cols].astype(float)
    g2 = log_likelihood(f1, f2, n1, n2)
    p = p_values(test, f1, f2, n1, n2, g2, english=english)
    lr = log_ratio(f1, f2, n1, n2, zero=zero)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(f2 > 0, 100.0 * (f1 / n1 - f2 / n2) / (f2 / n2), np.inf)
    if n_boot:
        rep = replicates or _Replicates(counts, n_boot=n_boot, seed=seed, block_size=block_size)
        if interval is None:
            lo, hi = _boot_intervals(rep, [target], reference, cols, f2 if english else None,
                                     conf=conf, zero=zero)
            interval = lo[0], hi[0]
        lo, hi = interval
        assert len(lo) == len(cols), "interval computed over other terms"
        kinds = {"target": rep.kind[target]}
        if not english:
            kinds["reference"] = rep.reference_kind(ref_groups)
        units = rep.units(target)
        no_interval = interval_reason(units, "documents" if kinds["target"] == "documents"
                                      else kinds["target"])
        if no_interval:            # too few distinct resamples of the target
            lo, hi = np.full(len(cols), np.nan), np.full(len(cols), np.nan)
    else:
        lo = hi = np.full(len(cols), np.nan)
        kinds = {}
        no_interval = "no interval: n_boot = 0"
    # dispersion within the target: over its documents, or over segments of its one
    # document; computed for every term (one pass over the non-zero cells), then selected
    if len(t_docs) > 1:
        P, psize = Xt, doc_size[t_docs]
        dp_over = f"{len(t_docs)} documents"
    else:
        seg = segments(counts, t_docs[0], dp_parts)
        P, psize = counts.aggregate(seg, int(seg.max()) + 1)
        dp_over = f"{P.shape[0]} near-equal segments of one document"
    dp = dp_matrix(P, psize)[0][cols]
    # Xt's rows come from the canonical document matrix: one entry per (document, term)
    doc_range = np.bincount(Xt.indices, weights=Xt.data > 0, minlength=Xt.shape[1])[cols]
    columns = {
        "term": terms, "freq_target": f1_all[cols].astype(np.int64),
        "freq_reference": f2 if english else f2.astype(np.int64),
        "size_target": np.full(len(cols), n1), "size_reference": np.full(len(cols), n2),
        "rate_target": PER_WORDS * f1 / n1, "rate_reference": PER_WORDS * f2 / n2,
        "g2": g2, "p_value": p, "p_adjusted": benjamini_hochberg(p),
        "log_ratio": lr, "log_ratio_ci_low": lo, "log_ratio_ci_high": hi,
        "pct_diff": pct, "bic": np.abs(g2) - np.log(n1 + n2),
        "doc_range": doc_range.astype(np.int64), "dp": dp, "in_reference": known,
        "simple_maths": simple_maths(f1, f2, n1, n2, k=smp_k), "scaled_f": sf,
    }
    order = _g2_then_term_order(terms, g2)
    columns = {k: v[order] for k, v in columns.items()}
    attrs = {
        "target": target, "reference": reference, "by": by, "min_freq": min_freq,
        "reference_groups": ref_groups if ref_groups is not None else [],
        "g2": "two-term log-likelihood (Rayson & Garside 2000), signed",
        "test": test, "p_value": TEST_NAMES[test],
        "p_adjusted": f"Benjamini-Hochberg over the {len(cols)} terms tested",
        "log_ratio_zero": (f"a zero frequency is replaced by {zero} (CQPweb); 0 where that "
                           "would reverse the observed direction"),
        "smp_k": smp_k,
        "scaled_f": ("Scattertext's balanced scaled F-score (normal CDF, beta = 2), scaled "
                     + ("over the terms tested" if english else
                        "over every term of the target or reference")),
        "n_boot": n_boot, "conf": conf, "seed": seed, "block_size": block_size,
        "resampled_target": kinds.get("target", ""),
        "resampled_reference": kinds.get("reference", "fixed" if english else ""),
        "dp_over": dp_over, "n_target_documents": int(len(t_docs)),
        "no_interval": no_interval or "",
    }
    if english:
        attrs["reference_size"] = ENGLISH_SIZE
        attrs["not_in_reference"] = sorted(terms[~known].tolist())
        attrs["multiword_left_out"] = multiword
    return columns, attrs


def _g2_then_term_order(terms: np.ndarray, g2: np.ndarray) -> np.ndarray:
    """The row order by ``g2`` descending (NaN last), then ``term``.

    The terms tested come in vocabulary order, which is sorted, so a stable sort on
    ``g2`` alone gives that order without comparing strings; any other order takes the
    general (slower) path.
    """
    terms = np.asarray(terms, dtype=object)
    g2 = np.asarray(g2, dtype=float)
    if len(terms) < 2 or bool((terms[1:] > terms[:-1]).all()):
        return np.argsort(-g2, kind="stable")
    frame = pd.DataFrame({"g2": g2, "term": terms})
    return frame.sort_values(["g2", "term"], ascending=[False, True],
                             kind="mergesort").index.to_numpy()


def validate_keyness_args(n_boot, conf, block_size, dp_parts, min_freq, smp_k=1.0):
    if not (isinstance(smp_k, (int, float, np.integer, np.floating)) and smp_k > 0):
        raise ValueError(f"smp_k must be a positive number (Kilgarriff uses 1, 10, 100 or "
                         f"1000); got {smp_k!r}.")
    if not (isinstance(n_boot, (int, np.integer)) and n_boot >= 0):
        raise ValueError(f"n_boot must be a non-negative integer (0 skips the bootstrap); "
                         f"got {n_boot!r}.")
    if not 0 < conf < 1:
        raise ValueError(f"conf must be between 0 and 1, e.g. 0.95; got {conf!r}.")
    for name, value in (("block_size", block_size), ("dp_parts", dp_parts)):
        if not (isinstance(value, (int, np.integer)) and value >= 1):
            raise ValueError(f"{name} must be a positive integer; got {value!r}.")
    if not (isinstance(min_freq, (int, np.integer)) and min_freq >= 0):
        raise ValueError(f"min_freq must be a non-negative integer; got {min_freq!r}.")


def _check_english_ngram(reference, ngram) -> None:
    if reference == "english" and ngram_range(ngram) != (1, 1):
        raise ValueError("reference='english' needs ngram=1: wordfreq has word frequencies, "
                         "not n-gram counts.")


def keyness(corpus, target: str, reference: str = "rest", *, by: str = "group",
            min_freq: int = 3, ngram=1, stopwords: bool = False, n_boot: int = 1000,
            conf: float = 0.95, seed: int = 20240601, block_size: int = 5,
            dp_parts: int = 10, smp_k: float = 1.0, test: str = "exact") -> pd.DataFrame:
    """Keywords of one group against a reference: G², p, Log Ratio with interval, %DIFF, BIC.

    Parameters
    ----------
    corpus : Corpus
    target : str
        The group whose keywords are wanted: its full name under ``by``
        (e.g. ``"John P. Ruehl"``; a document without an author is ``"unknown [doc_id]"``).
    reference : str, default "rest"
        ``"rest"`` (all other groups pooled), the name of another group, or
        ``"english"``: general English from ``wordfreq`` (``word_frequency(term, "en")``)
        turned into counts out of a notional :data:`ENGLISH_SIZE` = 10^9 tokens.
        Multi-word terms ("white house", "western balkans") are left out of the English
        comparison: ``wordfreq`` gives a phrase only a combination of its words'
        frequencies, not the phrase's own; ``attrs["multiword_left_out"]`` lists them.
    by : str, default "group"
        The corpus's own grouping (``load_corpus(..., by=...)``, ``Corpus.from_frame(...,
        by=...)``), or a metadata column that defines other groups; documents without a
        value are each their own group, as in ``corpus.docs["group"]``.
    min_freq : int, default 3
        Terms tested: combined frequency ``freq_target + freq_reference >= min_freq``
        (target frequency alone when ``reference="english"``).  Terms absent from the
        target are tested too, so the table also holds negative keywords.
    ngram : int or (int, int), default 1
        Words (multi-word names count as one), or n-grams within sentences.
    stopwords : bool, default False
        Exclude stopwords (an n-gram starting or ending with one) from the terms tested.
        Sizes stay the full token counts.
    n_boot : int, default 1000
        Bootstrap replicates for the Log Ratio interval (0 skips it).  A replicate
        resamples every group's texts at once (each group a stratum: its documents, or
        blocks of ``block_size`` sentences of its one document), so the interval of a
        group is the same here and in :func:`keyness_all`.
    conf : float, default 0.95
        Coverage of the percentile interval.
    seed : int, default 20240601
        Seed of the ``numpy.random.Generator``: the same seed gives the same interval.
    block_size : int, default 5
        Sentences per resampling block for a group that has a single document.
    dp_parts : int, default 10
        Segments for DP when the target has a single document.
    smp_k : float, default 1
        The constant of Kilgarriff's simple maths (``simple_maths`` column).
    test : {"exact", "g2", "g2_four_term", "g2_williams", "chi2_yates"}, default "exact"
        The test behind ``p_value``: the exact conditional binomial test (:func:`exact_p`;
        Poisson against English), right for the small counts of short texts, where
        referring G² to χ²(1) is far too liberal (a term seen 3–7 times against none);
        or G² in the two-term form (Rayson & Garside 2000), the four-term form (AntConc,
        quanteda), the four-term form with Williams' correction (quanteda's ``lr``
        default), or χ² with Yates' correction (quanteda's default), each against
        χ²(1).  The ``g2`` column is always the two-term G², the effect-size ranking.

    Returns
    -------
    DataFrame
        One row per term tested, sorted by ``g2`` descending, then ``term``:

        - ``term``; ``freq_target``, ``freq_reference`` (counts; for English the expected
          count out of 10^9, a float); ``size_target``, ``size_reference`` (tokens);
          ``rate_target``, ``rate_reference`` (per 10,000 words);
        - ``g2``: two-term log-likelihood (Rayson & Garside 2000), negative when the term
          is rarer in the target; ``p_value`` from ``test`` (by default the exact
          conditional binomial test); ``p_adjusted``: Benjamini–Hochberg over all the
          terms tested in this table;
        - ``log_ratio`` (Hardie 2014), a zero count replaced by 0.5 (CQPweb's rule), and
          0 where that would make a term absent from one side look more frequent there;
          ``log_ratio_ci_low``, ``log_ratio_ci_high``: bootstrap percentile interval,
          empty (NaN) where the target's units give fewer than 20 distinct resamples
          (three blocks of sentences give 10; ``attrs["no_interval"]`` says why);
        - ``pct_diff`` (Gabrielatos & Marchi 2012), ``inf`` when the reference count is 0;
        - ``bic`` = |G²| − ln(N) (Wilson 2013), N = size_target + size_reference;
        - ``doc_range``: number of the target's documents that contain the term;
          ``dp``: Gries' DP (2008) over the target's documents, or over ``dp_parts``
          near-equal segments (cut at sentence ends) of its single document;
        - ``in_reference``: the reference has the term (for English: ``wordfreq``
          lists it; unlisted terms get wordfreq's floor, 10^-8, so their Log Ratio is
          a lower bound);
        - ``simple_maths``: Kilgarriff's (2009) ratio of per-million rates, each plus
          ``smp_k`` (:func:`simple_maths`);
        - ``scaled_f``: Scattertext's scaled F-score (Kessler 2017; :func:`scaled_f_score`),
          0–1 with 0.5 neutral, scaled over every term of the target or reference (over
          the terms tested for English) — a ranking heuristic to compare with
          Scattertext, not a test.

        ``df.attrs`` records the target, reference, groups pooled, the correction, the
        zero rule, the bootstrap settings and units, ``reference_size`` and
        ``not_in_reference`` (English).

    Raises
    ------
    ValueError
        If ``target`` or ``reference`` is not a group (the message lists the groups),
        ``by`` is not a column, or a parameter is out of range.

    Notes
    -----
    Tokens are not independent (Lijffijt et al. 2016), so the interval comes from
    resampling texts, not tokens.  Each group is a stratum: if it has several documents
    they are resampled with replacement, if it has one, its blocks of ``block_size``
    consecutive sentences are.  The reference groups are resampled the same way, each
    within its own stratum (so the mix of authors in "rest" stays fixed); general
    English is fixed.  Replicates are multinomial weights on a sparse unit × term
    matrix, so the whole table is computed without a loop over terms.  When
    ``ngram=1`` and every group has several documents, nothing needs sentences, so the
    corpus is counted per document without sentence splitting (the same table, faster);
    :mod:`discoursekit.chunked` does the same chunk by chunk or on Dask.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({
    ...     "text": ["Russia and Serbia. Russia again.", "Kosovo and NATO. Kosovo."],
    ...     "author": ["A", "B"]}))
    >>> keyness(corpus, "A", min_freq=2, n_boot=0)[["term", "freq_target", "freq_reference"]]
         term  freq_target  freq_reference
    0  russia            2               0
    1     and            1               1
    2  kosovo            0               2
    """
    validate_keyness_args(n_boot, conf, block_size, dp_parts, min_freq, smp_k)
    check_choice("test", test, list(KEYNESS_TESTS), what="parameter of keyness")
    _check_english_ngram(reference, ngram)
    by = own_grouping(corpus, by)
    counts = Counts.of(corpus, by=by, ngram=ngram, stopwords=stopwords)
    return keyness_table(counts, target, reference, by=by, min_freq=min_freq, n_boot=n_boot,
                    conf=conf, seed=seed, block_size=block_size, dp_parts=dp_parts,
                    smp_k=smp_k, test=test)


@on_corpus()
def keyness_all(corpus, reference: str = "rest", *, by: str = "group", min_freq: int = 3,
                ngram=1, stopwords: bool = False, n_boot: int = 1000, conf: float = 0.95,
                seed: int = 20240601, block_size: int = 5, dp_parts: int = 10,
                smp_k: float = 1.0, test: str = "exact", family: str = "all") -> pd.DataFrame:
    """:func:`keyness` of every group against ``reference`` ("rest" or "english"), stacked.

    The corpus is counted once and its bootstrap replicates drawn once (see ``n_boot``
    in :func:`keyness`), so each group's rows equal :func:`keyness` of that group but
    for ``p_adjusted``.  Parameters are those of :func:`keyness`, and:

    family : {"all", "group"}, default "all"
        The family of tests adjusted together (Benjamini–Hochberg): every test of the
        table (every group's terms), since a table or figure of all groups' keywords
        reports them together; or each group's tests on their own ("group", as
        :func:`keyness` of that group).  ``attrs["p_adjusted"]`` says which.

    Returns
    -------
    DataFrame
        A ``group`` column followed by the columns of :func:`keyness`; rows sorted by
        group, then ``g2`` descending, then term.  ``attrs["per_group"]`` holds each
        group's :func:`keyness` attrs; against "rest" without ``reference_groups``
        (every other group of ``attrs["groups"]``).

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({
    ...     "text": ["Russia and Serbia. Russia again.", "Kosovo and NATO. Kosovo."],
    ...     "author": ["A", "B"]}))
    >>> keyness_all(corpus, min_freq=2, n_boot=0)[["group", "term", "g2"]].round(2)
      group    term    g2
    0     A  russia  2.35
    1     A     and -0.02
    2     A  kosovo -3.24
    3     B  kosovo  3.24
    4     B     and  0.02
    5     B  russia -2.35
    """
    validate_keyness_args(n_boot, conf, block_size, dp_parts, min_freq, smp_k)
    check_choice("reference", reference, ["rest", "english"], what="parameter",
                 hint="(keyness_all compares every group with the same kind of reference; "
                      "use keyness() for one named group.)")
    check_choice("test", test, list(KEYNESS_TESTS), what="parameter of keyness_all")
    check_choice("family", family, ["all", "group"], what="parameter of keyness_all")
    _check_english_ngram(reference, ngram)
    by = own_grouping(corpus, by)
    counts = Counts.of(corpus, by=by, ngram=ngram, stopwords=stopwords)
    return keyness_all_table(counts, reference, by=by, min_freq=min_freq, n_boot=n_boot,
                        conf=conf, seed=seed, block_size=block_size, dp_parts=dp_parts,
                        smp_k=smp_k, test=test, family=family)


def keyness_all_table(counts: Counts, reference, *, by, min_freq, n_boot, conf, seed, block_size,
                 dp_parts, smp_k=1.0, test="exact", family="all") -> pd.DataFrame:
    parts, attrs = [], {}
    groups = counts.group_names()
    rep = intervals = None
    if n_boot:
        rep = _Replicates(counts, n_boot=n_boot, seed=seed, block_size=block_size)
        if reference == "rest" and len(groups) > 1:
            # the terms tested are the same for every group: f1 + (total - f1) = total
            cols = _tested(counts.documents()[2], min_freq)
            intervals = _boot_intervals(rep, groups, "rest", cols, conf=conf, zero=_ZERO)
    for i, g in enumerate(groups):
        columns, attrs[g] = _keyness_columns(
            counts, g, reference, by=by, min_freq=min_freq, n_boot=n_boot, conf=conf,
            seed=seed, block_size=block_size, dp_parts=dp_parts, smp_k=smp_k,
            replicates=rep, test=test,
            interval=None if intervals is None else (intervals[0][i], intervals[1][i]))
        parts.append(columns)
    names = pd.Series(counts.group_names()).array      # the group names' own dtype
    rows = np.repeat(np.arange(len(parts)), [len(c["term"]) for c in parts])
    stacked = {"group": names.take(rows)}
    stacked.update({k: np.concatenate([c[k] for c in parts]) for k in _KEYNESS_COLUMNS})
    out = pd.DataFrame(stacked, columns=["group"] + _KEYNESS_COLUMNS)
    if reference == "rest":
        # every other group, of attrs["groups"]: not repeated once per group (pandas copies
        # attrs with every operation on the table, and with many groups that list of
        # lists made each copy cost more than the operation)
        for a in attrs.values():
            a.pop("reference_groups", None)
    if family == "all":             # one family: every test the table reports together
        out["p_adjusted"] = benjamini_hochberg(out["p_value"].to_numpy())
    out.attrs.update({"reference": reference, "by": by, "groups": counts.group_names(),
                      "per_group": _SharedAttrs(attrs), "test": test,
                      "p_value": TEST_NAMES[test], "family": family,
                      "p_adjusted": (f"Benjamini-Hochberg over all {len(out)} tests of the "
                                     "table (every group's terms)" if family == "all" else
                                     "Benjamini-Hochberg over each group's terms")})
    if reference == "english":     # the phrases of every group left out, as one list
        out.attrs["multiword_left_out"] = sorted(
            {t for a in attrs.values() for t in a.get("multiword_left_out", [])})
    return out



def keyness_pairwise(corpus, terms: Iterable[str], *, by: str = "group",
                     ngram=1) -> pd.DataFrame:
    """Chosen terms compared between every ordered pair of groups (group × group).

    Parameters
    ----------
    corpus : Corpus
    terms : iterable of str
        Terms as written ("Kosova", "Vučić", "Western Balkans"); they are normalised
        like tokens.  A term absent from the corpus gets zero counts.
    by : str, default "group"
        As in :func:`keyness`.
    ngram : int, default 1
        Use 2 or 3 to compare n-grams ("the west").

    Returns
    -------
    DataFrame
        ``term, target, reference, freq_target, freq_reference, size_target,
        size_reference, rate_target, rate_reference, g2, p_value, p_adjusted,
        log_ratio``, one row per term and ordered pair of distinct groups, in the order
        the terms were given, then target, then reference.  G² is the signed two-term
        form (Rayson & Garside 2000); ``p_adjusted`` is Benjamini–Hochberg over every
        row of the table; Log Ratio (Hardie 2014) replaces a zero count by 0.5.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({
    ...     "text": ["Russia and Serbia. Russia again.", "Kosovo and NATO. Russia."],
    ...     "author": ["A", "B"]}))
    >>> keyness_pairwise(corpus, ["Russia"])[["term", "target", "freq_target", "log_ratio"]]
         term target  freq_target  log_ratio
    0  russia      A            2   0.678072
    1  russia      B            1  -0.678072
    """
    wanted = list(dict.fromkeys(term_norm(t) for t in terms))
    if not wanted:
        raise ValueError("terms is empty; pass one or more terms, e.g. ['Russia', 'Kosovo'].")
    by = own_grouping(corpus, by)
    counts = Counts.of(corpus, by=by, ngram=ngram)
    groups = counts.group_names()
    if len(groups) < 2:
        raise ValueError(f"keyness_pairwise needs at least two groups; by={by!r} gives "
                         f"{groups!r}.")
    g_index = {g: i for i, g in enumerate(groups)}
    labels = np.array([g_index[counts.groups[d]] for d in counts.sent_doc], dtype=np.int64)
    G, size = counts.aggregate(labels, len(groups))
    col = {t: i for i, t in enumerate(counts.vocab)}
    F = np.zeros((len(groups), len(wanted)))
    present = [j for j, t in enumerate(wanted) if t in col]
    F[:, present] = G[:, [col[wanted[j]] for j in present]].toarray()
    ti, ai, bi = np.meshgrid(np.arange(len(wanted)), np.arange(len(groups)),
                             np.arange(len(groups)), indexing="ij")
    keep = ai != bi
    ti, ai, bi = ti[keep], ai[keep], bi[keep]
    f1, f2, n1, n2 = F[ai, ti], F[bi, ti], size[ai], size[bi]
    g2 = log_likelihood(f1, f2, n1, n2)
    p = chi2_sf_1(np.abs(g2))
    df = pd.DataFrame({
        "term": np.asarray(wanted, dtype=object)[ti].astype(str),
        "target": np.asarray(groups, dtype=object)[ai].astype(str),
        "reference": np.asarray(groups, dtype=object)[bi].astype(str),
        "freq_target": f1.astype(np.int64), "freq_reference": f2.astype(np.int64),
        "size_target": n1.astype(np.int64), "size_reference": n2.astype(np.int64),
        "rate_target": PER_WORDS * f1 / n1, "rate_reference": PER_WORDS * f2 / n2,
        "g2": g2, "p_value": p, "p_adjusted": benjamini_hochberg(p),
        "log_ratio": log_ratio(f1, f2, n1, n2),
    })
    df.attrs.update({"by": by, "groups": groups, "terms": wanted,
                     "p_adjusted": f"Benjamini-Hochberg over the {len(df)} rows"})
    return df



def top_keywords(result: pd.DataFrame, n: int = 10, *, n_negative: int = 0) -> pd.DataFrame:
    """The strongest keywords of a :func:`keyness` or :func:`keyness_all` table.

    Parameters
    ----------
    result : DataFrame
        A keyness table; with a ``group`` column the selection is made per group.
    n : int, default 10
        Positive keywords with the largest G² (more frequent in the target).
    n_negative : int, default 0
        Negative keywords with the most negative G² (rarer in the target).

    Returns
    -------
    DataFrame
        The selected rows (same columns), per group: positive keywords by G² descending,
        then negative ones from the least to the most negative; ties broken by term.
        This is the selection :func:`discoursekit.plotting.keywords.plot_keyness` draws.

    Examples
    --------
    >>> df = pd.DataFrame({"term": ["a", "b", "c"], "g2": [5.0, 1.0, -3.0]})
    >>> top_keywords(df, n=1, n_negative=1)["term"].tolist()
    ['a', 'c']
    """
    for name, value in (("n", n), ("n_negative", n_negative)):
        if not (isinstance(value, (int, np.integer)) and value >= 0):
            raise ValueError(f"{name} must be a non-negative integer; got {value!r}.")
    keys = ["group"] if "group" in result.columns else []
    ordered = result.sort_values(keys + ["g2", "term"], ascending=[True] * len(keys) + [False, True],
                                 kind="mergesort")
    pos = ordered[ordered["g2"] > 0]
    neg = ordered[ordered["g2"] < 0].sort_values(keys + ["g2", "term"], kind="mergesort")
    if keys:
        pos = pos.groupby("group", sort=False).head(n)
        neg = neg.groupby("group", sort=False).head(n_negative)
    else:
        pos, neg = pos.head(n), neg.head(n_negative)
    neg = neg.iloc[::-1]
    out = pd.concat([pos.assign(_side=0), neg.assign(_side=1)])
    if keys:
        out = out.assign(_g=out["group"]).sort_values(["_g", "_side"], kind="mergesort")
    else:
        out = out.sort_values("_side", kind="mergesort")
    out = out.drop(columns=[c for c in ("_side", "_g") if c in out.columns])
    out = out.reset_index(drop=True)
    out.attrs = dict(result.attrs)
    return out


#: The keyness columns :func:`rank_agreement` compares by default (higher = more key).
RANKING_MEASURES = ("g2", "log_ratio", "pct_diff", "simple_maths", "scaled_f")


def rank_agreement(result: pd.DataFrame, measures: Sequence[str] = RANKING_MEASURES, *,
                   baseline: str = "g2", n: int = 10) -> pd.DataFrame:
    """How far the keyword rankings of different measures agree, per group.

    Measures answer different questions (G²: how sure; Log Ratio, %DIFF, simple maths:
    how big; scaled F: Scattertext's mix of frequency and precision), so their top lists
    differ; this table says by how much, instead of leaving a reader to trust one.

    Parameters
    ----------
    result : DataFrame
        A :func:`keyness` or :func:`keyness_all` table.
    measures : sequence of str
        Columns to compare with ``baseline`` (which is left out if listed); higher
        values must mean "more key".
    baseline : str, default "g2"
    n : int, default 10
        Length of the top lists compared.

    Returns
    -------
    DataFrame
        One row per group and measure: ``group``, ``measure``, ``terms`` (terms ranked),
        ``spearman`` (Spearman's ρ with the baseline over every term tested, ties given
        their mean rank), ``shared_top_n`` (terms in both top-``n`` lists) and ``top``
        (the measure's top ``n`` terms, joined by ", "); top lists sort by the measure
        descending, ties by term.

    Examples
    --------
    >>> kw = pd.DataFrame({"term": list("abcd"), "g2": [4.0, 3.0, 2.0, 1.0],
    ...                    "log_ratio": [1.0, 2.0, 3.0, 4.0]})
    >>> rank_agreement(kw, ["log_ratio"], n=2)[["measure", "spearman", "shared_top_n", "top"]]
         measure  spearman  shared_top_n   top
    0  log_ratio      -1.0             0  d, c
    """
    from scipy.stats import spearmanr

    if not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ValueError(f"n must be a positive integer; got {n!r}.")
    missing = [m for m in [baseline, *measures] if m not in result.columns]
    if missing:
        raise ValueError(f"column(s) {missing} are not in the keyness table; its measures are "
                         f"{[c for c in RANKING_MEASURES if c in result.columns]}.")
    result = result.copy(deep=False)
    result.attrs = {}          # pandas would copy them with every step below
    # every term's place in alphabetical order, once: the tie-break of the top lists
    result["_term_order"] = pd.Series(result["term"]).rank(method="dense").to_numpy()
    parts = result.groupby("group", sort=True) if "group" in result.columns else [(None, result)]

    def top(frame, col):
        # by the measure descending (NaN last), ties by term, as a stable sort would
        order = np.lexsort((frame["_term_order"].to_numpy(),
                            -frame[col].to_numpy(dtype=float)))
        return frame["term"].to_numpy()[order[:n]].tolist()

    rows = []
    for group, frame in parts:
        base_top = set(top(frame, baseline))
        for m in (m for m in measures if m != baseline):
            x = frame[m].to_numpy(dtype=float)
            y = frame[baseline].to_numpy(dtype=float)
            ok = ~(np.isnan(x) | np.isnan(y))
            rho = (float(spearmanr(x[ok], y[ok]).statistic)
                   if ok.sum() > 2 and np.ptp(x[ok]) > 0 and np.ptp(y[ok]) > 0 else np.nan)
            mine = top(frame, m)
            rows.append({"group": group, "measure": m, "terms": int(len(frame)),
                         "spearman": rho, "shared_top_n": len(base_top.intersection(mine)),
                         "top": ", ".join(mine)})
    out = pd.DataFrame(rows, columns=["group", "measure", "terms", "spearman", "shared_top_n",
                                      "top"])
    if "group" not in result.columns:
        out = out.drop(columns="group")
    out.attrs.update({"baseline": baseline, "n": n})
    return out
