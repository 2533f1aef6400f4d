"""Measures against numbers published by others, each with its source.  The expected
values are copied by hand from the publication, not computed by the code under test."""
from __future__ import annotations

import pytest

from discoursekit.dispersion import gries_dp
from discoursekit.keywords import log_likelihood


def test_log_likelihood_matches_the_ucrel_wizards_worked_example():
    """Lancaster University's guide to the UCREL log-likelihood calculator: a word seen 52
    times in a corpus of 50,000 tokens and 57 times in one of 75,000 gets LL = +2.65
    (more frequent in corpus 1, not significant at 3.84)."""
    assert round(float(log_likelihood(52, 57, 50_000, 75_000)), 2) == 2.65


@pytest.mark.parametrize("learner, native, published", [
    (348, 99, 147),      # keep: significantly overused by learners
    (15, 14, 0),         # keeps
    (9, 32, -14),        # keeping: significantly underused ("LL = 14", rarer in corpus 1)
    (21, 25, 0),         # kept
    (392, 170, 90),      # the lemma KEEP as a whole
])
def test_log_likelihood_matches_raysons_keep_example(learner, native, published):
    """Paul Rayson, Corpora mailing list, 18 January 2002 ("statistics in learner
    English"): the forms of KEEP in a learner and a native-speaker corpus, each taken as
    a million words, LL rounded to whole numbers (Rayson & Garside 2000's two-term form)."""
    assert round(float(log_likelihood(learner, native, 1e6, 1e6))) == published


def test_dp_matches_lijffijt_and_gries_table_1():
    """Lijffijt & Gries (2012, IJCL 17(1), Table 1), computing Gries' (2008) DP: three
    equally large corpus parts, one holding 2/3 of the occurrences and another 1/3:
    DP = (|2/3 - 1/3| + |1/3 - 1/3| + |0 - 1/3|) / 2 = 1/3, and DPnorm = DP / (1 - 1/3)
    = 0.5."""
    dp, dpnorm = gries_dp([2, 1, 0], [100, 100, 100])
    assert float(dp[0]) == pytest.approx(1 / 3)
    assert float(dpnorm[0]) == pytest.approx(0.5)


def test_simple_maths_matches_sketch_engines_worked_example():
    """Sketch Engine's documentation of simple maths (Kilgarriff 2009): the lemma "shard",
    35 times in the BNC (112,289,776 tokens) and 263 times in ukWaC (1,559,716,979),
    N = 1: fpm 0.3117 against 0.1686, score (0.3117 + 1) / (0.1686 + 1) = 1.1224."""
    from discoursekit.keywords import simple_maths

    score = float(simple_maths(35, 263, 112_289_776, 1_559_716_979, k=1))
    assert round(score, 4) == 1.1224


@pytest.mark.parametrize("times, published", [(4, 2.0), (8, 3.0), (16, 4.0)])
def test_log_ratio_reads_as_hardie_and_wordsmith_describe(times, published):
    """WordSmith's "How Key Words are calculated", on Hardie's (2014) Log Ratio: "A value
    of 2 means the item is 4 times more frequent ... 3 ... 8 times ... 4 ... 16 times"."""
    from discoursekit.keywords import log_ratio

    assert float(log_ratio(times * 10, 10, 100_000, 100_000)) == published


@pytest.mark.parametrize("o11, r1, c1, w, n", [
    (30, 120, 400, 1_000, 1_000_000),    # a firm collocation
    (3, 10, 5_000, 90, 200_000),         # rare node, frequent collocate
    (1, 50, 60, 400, 10_000),            # fewer co-occurrences than expected (E11 = 2.4)
])
def test_association_measures_agree_with_nltk(o11, r1, c1, w, n):
    """A second library: NLTK's ``BigramAssocMeasures`` (Manning & Schütze's formulas)
    on the same 2x2 table of tokens inside (W) and outside the node's windows.  NLTK's
    pmi, student_t and likelihood_ratio (unsigned) give MI, t-score and |G²|; its
    mi_like is O11³/(W·C1), with no logarithm and without N (a constant within a
    corpus), so N·mi_like = O11³/E11 = 2**MI3; its dice, given the node's and the collocate's
    frequencies, gives 2**(logDice - 14).  (Evert's UCS gold tables and Dunning's 1993
    Table 2 were not to be found in a form the tests could cite.)"""
    from nltk.metrics.association import BigramAssocMeasures as bam
    from discoursekit.collocation import association

    m = {k: float(v) for k, v in association(o11, r1, c1, n, 10, window_size=w).items()}
    assert m["mi"] == pytest.approx(bam.pmi(o11, (w, c1), n), rel=1e-9)
    assert m["t_score"] == pytest.approx(bam.student_t(o11, (w, c1), n), rel=1e-6)
    assert abs(m["g2"]) == pytest.approx(bam.likelihood_ratio(o11, (w, c1), n), rel=1e-9)
    assert 2 ** m["mi3"] == pytest.approx(n * bam.mi_like(o11, (w, c1), n), rel=1e-9)
    assert 2 ** (m["logdice"] - 14) == pytest.approx(bam.dice(o11, (r1, c1), n), rel=1e-9)
    assert (m["g2"] < 0) == (o11 < w * c1 / n)
