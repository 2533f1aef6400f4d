"""Dispersion: DP, DPnorm and Juilland's D against hand computations."""
import math

import numpy as np
import pandas as pd
import pytest

import discoursekit as dk
from discoursekit.dispersion import dispersion, gries_dp, juilland_d, term_positions


def test_gries_dp_matches_a_hand_example():
    # parts of 20, 30, 50 words (s = .2, .3, .5); a term occurring 1, 1, 2 times (v = .25,
    # .25, .5): DP = ½(|.25-.2| + |.25-.3| + |.5-.5|) = 0.05; DPnorm = 0.05 / (1 - 0.2)
    dp, dpn = gries_dp([1, 1, 2], [20, 30, 50])
    assert dp[0] == pytest.approx(0.05)
    assert dpn[0] == pytest.approx(0.05 / 0.8)


def test_gries_dp_is_zero_when_even_and_high_when_clumped_and_nan_when_absent():
    dp, dpn = gries_dp([[1, 5, 0], [2, 0, 0], [7, 0, 0]], [10, 20, 70])
    assert dp[0] == pytest.approx(0.0)
    assert dp[1] == pytest.approx(0.5 * (0.9 + 0.2 + 0.7))
    assert dpn[1] == pytest.approx(1.0)
    assert np.isnan(dp[2])


def test_juilland_d_matches_a_hand_example():
    # relative frequencies .01, .02, .03: mean .02, population sd sqrt(2/3)*.01
    d = juilland_d([1, 2, 3], [100, 100, 100])
    cv = math.sqrt(2 / 3) * 0.01 / 0.02
    assert d[0] == pytest.approx(1 - cv / math.sqrt(2))


def test_dispersion_rejects_mismatched_parts():
    with pytest.raises(ValueError, match="one size per part"):
        gries_dp([1, 2], [10, 10, 10])


def test_dispersion_cuts_each_document_into_equal_segments():
    corpus = dk.Corpus.from_frame(pd.DataFrame({
        "text": ["Russia a b c d e f g h Russia", "a b c d e f g h i Serbia"],
        "author": ["A", "B"]}), clean=False)
    df = dispersion(corpus, ["Russia", "Serbia"], parts=5)
    r = df[(df["term"] == "russia") & (df["doc_id"] == "doc00000")].iloc[0]
    # 10 tokens in 5 parts of 2: russia in parts 0 and 4 -> v = (.5,0,0,0,.5), s = .2 each
    assert (r.freq, r.range) == (2, 2)
    assert r.dp == pytest.approx(0.5 * (0.3 + 0.2 + 0.2 + 0.2 + 0.3))
    absent = df[(df["term"] == "russia") & (df["doc_id"] == "doc00001")].iloc[0]
    assert absent.freq == 0 and np.isnan(absent.dp)
    assert df["term"].tolist() == ["russia", "russia", "serbia", "serbia"]


def test_term_positions_give_relative_positions_in_each_document(seed_corpus):
    hits = term_positions(seed_corpus, ["Kosova", "NATO"])
    assert hits["relative"].between(0, 1).all()
    assert hits.attrs["terms"] == ["kosovo", "nato"]
    n = seed_corpus.tokens["norm"].eq("kosovo").sum()
    assert (hits["term"] == "kosovo").sum() == n


def test_term_positions_list_every_hit_by_hand():
    # d1: russia(0) and(1) serbia(2) | russia(3) waits(4)    d2: the(0) west(1) and(2) russia(3)
    corpus = dk.Corpus.from_frame(pd.DataFrame({
        "text": ["Russia and Serbia. Russia waits.", "The West and Russia."],
        "author": ["A", "B"]}), clean=False)
    hits = term_positions(corpus, ["Russia", "absentword", "the West", "Russia"])
    assert hits.attrs["terms"] == ["russia", "absentword", "the west", "russia"]
    expected = [("russia", "A", 0, 5), ("russia", "A", 3, 5), ("russia", "B", 3, 4),
                ("the west", "B", 0, 4),
                ("russia", "A", 0, 5), ("russia", "A", 3, 5), ("russia", "B", 3, 4)]
    got = list(zip(hits["term"], hits["group"], hits["position"], hits["doc_tokens"]))
    assert got == expected
    assert hits["relative"].tolist() == [p / n for _, _, p, n in expected]
    none = term_positions(corpus, ["absentword"])
    assert len(none) == 0 and none["relative"].dtype == float


def test_dispersion_of_many_documents_equals_the_measures_document_by_document():
    """Documents of 1 to 40 tokens (so 2 to 10 segments, and one too short to measure):
    each row equals gries_dp and juilland_d on that document's segments, cut by hand."""
    rng = np.random.default_rng(7)
    words = ["Russia", "Serbia", "and", "the", "Kosovo"]
    texts = [" ".join(rng.choice(words, size=n)) for n in (1, 2, 3, 7, 10, 11, 25, 40)]
    corpus = dk.Corpus.from_frame(pd.DataFrame({"text": texts, "author": list("ABABABAB")}),
                                  clean=False)
    out = dispersion(corpus, ["Russia", "Kosovo"], parts=10)
    for (term, doc_id), row in out.set_index(["term", "doc_id"]).iterrows():
        norms = corpus.tokens.loc[corpus.tokens["doc_id"] == doc_id, "norm"].tolist()
        n = len(norms)
        k = min(10, max(n, 2))
        cuts = [i * n // k for i in range(k + 1)]
        counts = [norms[a:b].count(term) for a, b in zip(cuts, cuts[1:])]
        assert row["freq"] == norms.count(term) and row["doc_tokens"] == n
        assert row["range"] == sum(c > 0 for c in counts)
        if n < 2 or not norms.count(term):
            assert math.isnan(row["dp"]) and math.isnan(row["juilland_d"])
            continue
        sizes = np.diff(cuts)
        dp, dpn = gries_dp(counts, sizes)
        assert row["dp"] == dp[0] and row["dp_norm"] == dpn[0]
        assert row["juilland_d"] == juilland_d(counts, sizes)[0]
