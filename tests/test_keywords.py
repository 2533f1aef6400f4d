"""Frequencies and keyness, checked against hand-worked numbers, scipy and plain regex counts."""
import math
import re
import statistics
import time

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from wordfreq import word_frequency

import discoursekit as dk
from discoursekit.keywords import (ENGLISH_SIZE, benjamini_hochberg, count_terms, frequencies,
                                   keyness, keyness_all, keyness_pairwise, log_likelihood,
                                   log_ratio, merge_counts, scaled_f_score, simple_maths)


def tiny(texts, authors, **kw):
    return dk.Corpus.from_frame(pd.DataFrame({"text": texts, "author": authors}), clean=False,
                                **kw)


@pytest.fixture
def two_authors():
    # A: russia backs serbia | russia arms serbia | the west waits           (9 tokens)
    # B: kosovo fears russia | the west backs kosovo                          (7 tokens)
    return tiny(["Russia backs Serbia. Russia arms Serbia. The West waits.",
                 "Kosovo fears Russia. The West backs Kosovo."], ["A", "B"])


def row(df, term):
    hit = df[df["term"] == term]
    assert len(hit) == 1, f"{term!r} not in the table"
    return hit.iloc[0]


# --- the measures --------------------------------------------------------------------------
def test_log_likelihood_matches_two_term_formula_on_worked_example():
    # f1=10 in 1,000 words, f2=5 in 2,000: E1 = 1000*15/3000 = 5, E2 = 10
    expected = 2 * (10 * math.log(10 / 5) + 5 * math.log(5 / 10))
    assert log_likelihood(10, 5, 1000, 2000) == pytest.approx(expected)
    assert expected == pytest.approx(6.931472, abs=1e-6)
    assert log_likelihood(5, 10, 2000, 1000) == pytest.approx(-expected)  # rarer: negative


def test_two_term_g2_plus_complement_cells_equals_scipy_four_cell_g2():
    f1, f2, n1, n2 = 23, 7, 3079, 4010
    n = n1 + n2
    e1, e2 = n1 * (f1 + f2) / n, n2 * (f1 + f2) / n
    complement = 2 * ((n1 - f1) * math.log((n1 - f1) / (n1 - e1))
                      + (n2 - f2) * math.log((n2 - f2) / (n2 - e2)))
    four_cell, *_ = stats.chi2_contingency([[f1, f2], [n1 - f1, n2 - f2]], correction=False,
                                           lambda_="log-likelihood")
    assert log_likelihood(f1, f2, n1, n2) + complement == pytest.approx(four_cell)
    table = np.array([f1, f2, n1 - f1, n2 - f2], dtype=float)
    expect = np.array([e1, e2, n1 - e1, n2 - e2])
    g2, _ = stats.power_divergence(table, expect, lambda_="log-likelihood")
    assert g2 == pytest.approx(four_cell)


def test_log_likelihood_counts_a_zero_cell_as_zero():
    # f2 = 0: only the target term remains, 2*f1*ln(f1/E1)
    assert log_likelihood(4, 0, 100, 300) == pytest.approx(2 * 4 * math.log(4 / (100 * 4 / 400)))


def test_log_ratio_replaces_a_zero_count_by_one_half():
    assert log_ratio(20, 10, 1000, 1000) == pytest.approx(1.0)
    assert log_ratio(4, 0, 1000, 1000) == pytest.approx(math.log2(4 / 0.5))
    assert log_ratio(0, 4, 1000, 1000) == pytest.approx(math.log2(0.5 / 4))


def test_benjamini_hochberg_matches_hand_computation_and_scipy():
    p = np.array([0.01, 0.04, 0.03, 0.005, 0.5])
    # sorted: .005 .01 .03 .04 .5 -> *5/rank: .025 .025 .05 .05 .5 (already monotone)
    by_hand = np.array([0.025, 0.05, 0.05, 0.025, 0.5])
    np.testing.assert_allclose(benjamini_hochberg(p), by_hand)
    np.testing.assert_allclose(benjamini_hochberg(p), stats.false_discovery_control(p))


# --- keyness on a hand-made corpus --------------------------------------------------------
def test_keyness_matches_two_term_formula_on_worked_example(two_authors):
    df = keyness(two_authors, "A", min_freq=1, n_boot=0)
    r = row(df, "russia")                      # 2 of 9 in A, 1 of 7 in B
    e1, e2 = 9 * 3 / 16, 7 * 3 / 16
    g2 = 2 * (2 * math.log(2 / e1) + 1 * math.log(1 / e2))
    assert (r.freq_target, r.freq_reference, r.size_target, r.size_reference) == (2, 1, 9, 7)
    assert r.rate_target == pytest.approx(10_000 * 2 / 9)
    assert r.rate_reference == pytest.approx(10_000 * 1 / 7)
    assert r.g2 == pytest.approx(g2)
    # the default p-value: exact, 2 of the term's 3 tokens in A, which holds 9 of 16 tokens
    b = stats.binom(3, 9 / 16)
    assert r.p_value == pytest.approx(min(1.0, 2 * min(b.cdf(2), b.sf(1))))
    g2_row = row(keyness(two_authors, "A", min_freq=1, n_boot=0, test="g2"), "russia")
    assert g2_row.p_value == pytest.approx(stats.chi2.sf(g2, 1))
    assert r.log_ratio == pytest.approx(math.log2((2 / 9) / (1 / 7)))
    assert r.pct_diff == pytest.approx(100 * (2 / 9 - 1 / 7) / (1 / 7))
    assert r.bic == pytest.approx(g2 - math.log(16))


# Scattertext's scaled F-score (Kessler 2017), written out term by term from its
# description: per side, P(side|term) and P(term|side) through the normal CDF with their
# own mean and population SD, weighted harmonic mean with beta = 2; each term scored by
# its stronger side; each side's scores min-max scaled; mapped from -1..1 to 0..1.
def _phi(x, mu, sd):
    return 0.5 * (1 + math.erf((x - mu) / (sd * math.sqrt(2))))


def _scaled_f_by_hand(a, b, beta=2.0):
    def side(x, y):
        prec = [xi / (xi + yi) for xi, yi in zip(x, y)]
        freq = [xi / sum(x) for xi in x]
        out = []
        for p, f in zip(prec, freq):
            P = _phi(p, statistics.fmean(prec), statistics.pstdev(prec))
            F = _phi(f, statistics.fmean(freq), statistics.pstdev(freq))
            out.append((1 + beta ** 2) * P * F / (beta ** 2 * P + F))
        return out

    mine, theirs = side(a, b), side(b, a)
    signed = [m if m > t else (-t if t > m else 0.0) for m, t in zip(mine, theirs)]
    pos = [v for v in signed if v > 0]
    neg = [-v for v in signed if v < 0]
    out = []
    for v in signed:
        if v > 0:
            v = (v - min(pos)) / (max(pos) - min(pos))
        elif v < 0:
            v = -(-v - min(neg)) / (max(neg) - min(neg))
        out.append((v + 1) / 2)
    return out


# two_authors, every term: A = russia 2, backs 1, serbia 2, arms 1, the 1, west 1, waits 1;
# B = kosovo 2, fears 1, russia 1, the 1, west 1, backs 1
_TWO_AUTHORS = {"russia": (2, 1), "backs": (1, 1), "serbia": (2, 0), "arms": (1, 0),
                "the": (1, 1), "west": (1, 1), "waits": (1, 0), "kosovo": (0, 2),
                "fears": (0, 1)}


def test_simple_maths_is_the_ratio_of_per_million_rates_plus_k():
    # 20 in 1,000 words = 20,000 per million; 10 in 2,000 = 5,000 per million
    assert simple_maths(20, 10, 1000, 2000) == pytest.approx(20_001 / 5_001)
    assert simple_maths(20, 10, 1000, 2000, k=100) == pytest.approx(20_100 / 5_100)
    assert simple_maths(0, 0, 1000, 2000) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="k must be positive"):
        simple_maths(1, 1, 10, 10, k=0)


def test_scaled_f_score_matches_the_published_definition_worked_term_by_term():
    a = [v[0] for v in _TWO_AUTHORS.values()]
    b = [v[1] for v in _TWO_AUTHORS.values()]
    assert scaled_f_score(a, b) == pytest.approx(_scaled_f_by_hand(a, b))
    assert scaled_f_score(a, b, beta=1) == pytest.approx(_scaled_f_by_hand(a, b, beta=1))
    a, b = [10, 5, 0, 1, 3, 7, 2], [0, 5, 10, 1, 6, 2, 9]
    assert scaled_f_score(a, b) == pytest.approx(_scaled_f_by_hand(a, b))


def test_scaled_f_score_is_mirrored_when_the_sides_swap_and_stays_in_0_1():
    rng = np.random.default_rng(7)
    a, b = rng.poisson(3, 200), rng.poisson(3, 200)
    keep = a + b > 0
    s, t = scaled_f_score(a[keep], b[keep]), scaled_f_score(b[keep], a[keep])
    assert s == pytest.approx(1 - t)
    assert s.min() == 0 and s.max() == 1


def test_keyness_reports_simple_maths_and_scaled_f_over_every_term(two_authors):
    # min_freq=3 tests only "russia", but its scaled F is scaled over all nine terms
    df = keyness(two_authors, "A", min_freq=3, n_boot=0)
    assert df["term"].tolist() == ["russia"]
    r = row(df, "russia")
    assert r.simple_maths == pytest.approx((1e6 * 2 / 9 + 1) / (1e6 * 1 / 7 + 1))
    terms = list(_TWO_AUTHORS)
    by_hand = _scaled_f_by_hand([v[0] for v in _TWO_AUTHORS.values()],
                                [v[1] for v in _TWO_AUTHORS.values()])
    assert r.scaled_f == pytest.approx(by_hand[terms.index("russia")])
    full = keyness(two_authors, "A", min_freq=1, n_boot=0, smp_k=100)
    for term, value in zip(terms, by_hand):
        assert row(full, term).scaled_f == pytest.approx(value)
    assert row(full, "serbia").simple_maths == pytest.approx((1e6 * 2 / 9 + 100) / 100)
    assert full.attrs["smp_k"] == 100
    with pytest.raises(ValueError, match="smp_k must be a positive number"):
        keyness(two_authors, "A", smp_k=-1)


def test_keyness_handles_a_term_absent_from_the_reference(two_authors):
    r = row(keyness(two_authors, "A", min_freq=1, n_boot=0), "serbia")   # 2 in A, 0 in B
    assert r.freq_reference == 0 and not r.in_reference
    assert r.g2 == pytest.approx(2 * 2 * math.log(2 / (9 * 2 / 16)))
    assert r.log_ratio == pytest.approx(math.log2((2 / 9) / (0.5 / 7)))
    assert r.pct_diff == np.inf


def test_keyness_handles_a_term_absent_from_the_target(two_authors):
    df = keyness(two_authors, "A", min_freq=1, n_boot=200)
    r = row(df, "kosovo")                                                 # 0 in A, 2 in B
    assert r.freq_target == 0 and r.doc_range == 0 and np.isnan(r.dp)
    assert r.g2 == pytest.approx(-2 * 2 * math.log(2 / (7 * 2 / 16)))
    assert r.log_ratio == pytest.approx(math.log2((0.5 / 9) / (2 / 7)))
    assert r.pct_diff == pytest.approx(-100.0)
    # A is one document of two sentences, one block: one possible resample, no interval
    assert np.isnan([r.log_ratio_ci_low, r.log_ratio_ci_high]).all()
    assert df.attrs["no_interval"].startswith("no interval: 1 block of 5 consecutive sentences gives")


def test_keyness_p_values_come_from_the_chosen_test_adjusted_by_benjamini_hochberg(seed_corpus):
    df = keyness(seed_corpus, "John P. Ruehl", n_boot=0, test="g2")
    np.testing.assert_allclose(df["p_value"], stats.chi2.sf(df["g2"].abs(), 1))
    np.testing.assert_allclose(df["p_adjusted"], stats.false_discovery_control(df["p_value"]))
    assert "Benjamini-Hochberg" in df.attrs["p_adjusted"]
    exact = keyness(seed_corpus, "John P. Ruehl", n_boot=0)
    assert exact.attrs["test"] == "exact"
    m = exact["freq_target"] + exact["freq_reference"]
    b = stats.binom(m, exact["size_target"] / (exact["size_target"] + exact["size_reference"]))
    by_scipy = np.minimum(1, 2 * np.minimum(b.cdf(exact["freq_target"]),
                                            b.sf(exact["freq_target"] - 1)))
    np.testing.assert_allclose(exact["p_value"], by_scipy)


def test_keyness_rows_are_sorted_by_g2_descending_then_term(seed_corpus):
    df = keyness(seed_corpus, "Janusz Bugajski", n_boot=0)
    expected = df.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)
    pd.testing.assert_frame_equal(df, expected)
    assert list(df.columns[:16]) == [
        "term", "freq_target", "freq_reference", "size_target", "size_reference",
        "rate_target", "rate_reference", "g2", "p_value", "p_adjusted", "log_ratio",
        "log_ratio_ci_low", "log_ratio_ci_high", "pct_diff", "bic", "doc_range"]


def test_keyness_min_freq_filters_on_combined_frequency(two_authors):
    df = keyness(two_authors, "A", min_freq=2, n_boot=0)
    assert (df["freq_target"] + df["freq_reference"] >= 2).all()
    assert set(df["term"]) == {"russia", "serbia", "the", "west", "backs", "kosovo"}


def test_keyness_against_another_named_group(seed_corpus):
    df = keyness(seed_corpus, "John P. Ruehl", "Janusz Bugajski", n_boot=0)
    sizes = seed_corpus.tokens.groupby("doc_id").size()
    assert df["size_reference"].iloc[0] == sizes["bugajski2021"]
    assert df["size_target"].iloc[0] == sizes["ruehl2023"]


def test_keyness_against_general_english_uses_wordfreq_and_a_notional_size(two_authors):
    corpus = tiny(["Russia backs Serbia. Zzqxvb arms Serbia."], ["A"])
    df = keyness(corpus, "A", "english", min_freq=1, n_boot=50)
    r = row(df, "russia")
    assert r.freq_reference == pytest.approx(word_frequency("russia", "en") * ENGLISH_SIZE)
    assert r.size_reference == ENGLISH_SIZE == df.attrs["reference_size"] == 10**9
    assert r.in_reference
    assert not row(df, "zzqxvb").in_reference
    assert df.attrs["not_in_reference"] == ["zzqxvb"]
    with pytest.raises(ValueError, match="ngram=1"):
        keyness(corpus, "A", "english", ngram=2)


def test_keyness_names_the_groups_when_the_target_is_not_one(seed_corpus):
    with pytest.raises(ValueError, match=re.escape(
            "target 'Ruehl' is not a group; groups are: 'David L. Phillips & Lulzim Peci', "
            "'David R. Shedd & Ivana Stradner', 'Janusz Bugajski', 'John P. Ruehl', "
            "'unknown [excerpt004]' (by='author'; pass the full name, or by= another column)")):
        keyness(seed_corpus, "Ruehl")


def test_keyness_rejects_a_bad_reference_and_a_bad_by(seed_corpus):
    with pytest.raises(ValueError, match="reference 'Bugajski' is not a group or one of 'rest'"):
        keyness(seed_corpus, "John P. Ruehl", "Bugajski")
    with pytest.raises(ValueError, match="is the target"):
        keyness(seed_corpus, "John P. Ruehl", "John P. Ruehl")
    with pytest.raises(ValueError, match="by='publisher' is not a metadata column"):
        keyness(seed_corpus, "John P. Ruehl", by="publisher")
    with pytest.raises(ValueError, match="n_boot"):
        keyness(seed_corpus, "John P. Ruehl", n_boot=-1)


def test_keyness_against_an_empty_rest_is_an_error_not_a_table_of_nan():
    corpus = tiny(["Russia acts. Russia waits.", "Serbia waits for Russia."], ["A", "A"])
    with pytest.raises(ValueError, match=r"reference 'rest' is empty: by='author' puts every "
                                         r"document in 'A'"):
        keyness(corpus, "A", n_boot=0)
    with pytest.raises(ValueError, match="reference 'rest' is empty"):
        keyness_all(corpus, n_boot=0)
    assert len(keyness(corpus, "A", "english", min_freq=1, n_boot=0))   # still possible


def test_keyness_keeps_unknown_authors_apart_by_default():
    corpus = tiny(["Russia acts.", "Russia waits.", "Serbia waits."],
                  ["unknown", "unknown", "A"])
    df = keyness_all(corpus, min_freq=1, n_boot=0)
    assert sorted(df["group"].unique()) == ["A", "unknown [doc00000]", "unknown [doc00001]"]


def test_keyness_works_for_the_single_short_unattributed_excerpt(seed_corpus):
    df = keyness(seed_corpus, "unknown [excerpt004]", n_boot=300)
    assert (df["size_target"] == 318).all()
    assert df.attrs["resampled_target"] == "blocks of 5 consecutive sentences"
    assert df.attrs["dp_over"].endswith("segments of one document")
    present = df[df["freq_target"] > 0]
    assert (present["doc_range"] == 1).all()
    assert present["dp"].between(0, 1).all()
    # 15 sentences, three blocks of five: 10 distinct resamples, too few for an interval
    assert df[["log_ratio_ci_low", "log_ratio_ci_high"]].isna().all().all()
    assert df.attrs["no_interval"] == ("no interval: 3 blocks of 5 consecutive sentences "
                                       "give only 10 distinct resamples (fewer than 20)")


def test_keyness_by_outlet_groups_unknown_outlets_separately(seed_corpus):
    df = keyness(seed_corpus, "Foreign Affairs", by="outlet", n_boot=0)
    assert df.attrs["reference_groups"] == ["Globetrotter", "unknown [bugajski2021]",
                                            "unknown [excerpt004]", "unknown [phillips-peci2021]"]


# --- bootstrap ----------------------------------------------------------------------------
def test_bootstrap_interval_is_deterministic_for_a_seed(seed_corpus):
    a = keyness(seed_corpus, "John P. Ruehl", n_boot=200, seed=7)
    b = keyness(seed_corpus, "John P. Ruehl", n_boot=200, seed=7)
    c = keyness(seed_corpus, "John P. Ruehl", n_boot=200, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["log_ratio_ci_low"], c["log_ratio_ci_low"])


def test_bootstrap_interval_contains_the_estimate_for_frequent_terms(seed_corpus):
    df = keyness_all(seed_corpus, n_boot=500)
    frequent = df[(df["freq_target"] >= 10) & (df["freq_reference"] >= 10)
                  & (df["group"] != "unknown [excerpt004]")]      # no interval: 3 blocks
    assert len(frequent) > 20
    assert (frequent["log_ratio_ci_low"] <= frequent["log_ratio"]).all()
    assert (frequent["log_ratio"] <= frequent["log_ratio_ci_high"]).all()


def test_bootstrap_resamples_documents_when_a_group_has_several():
    # A: d1 = "Russia Russia Serbia." (3 tokens) and three documents "Serbia Kosovo NATO
    # Serbia." (4 each); B: one sentence, one block, so the reference never changes
    # (russia 1 of 2).  A replicate draws four of A's documents; k, the number of d1s, is
    # Binomial(4, 1/4): P(k = 0) = .32, so the interval starts at k = 0 (russia 0, taken as
    # 0.5, of 16 tokens); P(k >= 3) = .051 and P(k = 4) = .004, so it ends at k = 3
    # (6 of 13 tokens).
    other = "Serbia Kosovo NATO Serbia."
    corpus = tiny(["Russia Russia Serbia.", other, other, other, "Russia Kosovo."],
                  ["A", "A", "A", "A", "B"])
    df = keyness(corpus, "A", min_freq=1, n_boot=1000)
    assert df.attrs["resampled_target"] == "documents" and df.attrs["no_interval"] == ""
    r = row(df, "russia")
    assert r.log_ratio_ci_high == pytest.approx(math.log2((6 / 13) / (1 / 2)))
    assert r.log_ratio_ci_low == pytest.approx(math.log2((0.5 / 16) / (1 / 2)))
    assert r.doc_range == 1
    # DP over A's four documents (sizes 3, 4, 4, 4): all occurrences in d1
    assert r.dp == pytest.approx(0.5 * (abs(1 - 3 / 15) + 3 * abs(0 - 4 / 15)))
    # two documents can be resampled in only three ways: no interval
    two = keyness(tiny(["Russia Russia Serbia.", other, "Russia Kosovo."], ["A", "A", "B"]),
                  "A", min_freq=1, n_boot=1000)
    assert two[["log_ratio_ci_low", "log_ratio_ci_high"]].isna().all().all()
    assert two.attrs["no_interval"] == ("no interval: 2 documents give only 3 distinct "
                                        "resamples (fewer than 20)")


def _brute_force_interval(units, target, reference, term, *, n_boot, seed, conf=0.95):
    """The documented bootstrap, replicate by replicate: ``units`` maps each group to the
    word lists of its units; every group's units are drawn (multinomial, groups in sorted
    order, one generator), and a replicate's counts are the drawn units' words."""
    rng = np.random.default_rng(seed)
    drawn = {g: rng.multinomial(len(units[g]), [1 / len(units[g])] * len(units[g]),
                                size=n_boot) for g in sorted(units)}
    ref = [g for g in units if g != target] if reference == "rest" else [reference]

    def count(groups, r):
        f = sum(int(w) * u.count(term) for g in groups for w, u in zip(drawn[g][r], units[g]))
        n = sum(int(w) * len(u) for g in groups for w, u in zip(drawn[g][r], units[g]))
        return f, n

    def lr(r):   # a zero count is 0.5, and may shrink a difference but never reverse it
        (f1, n1), (f2, n2) = count([target], r), count(ref, r)
        value = math.log2((f1 or 0.5) / n1 / ((f2 or 0.5) / n2))
        return min(value, 0) if f1 == 0 else max(value, 0) if f2 == 0 else value

    values = [lr(r) for r in range(n_boot)]
    return tuple(np.quantile(values, [(1 - conf) / 2, 1 - (1 - conf) / 2]))


def test_bootstrap_draws_every_group_once_as_documented():
    # A: four documents (the units); B: one document of 12 sentences (blocks of 5, 5, 2);
    # C: one sentence (one block).  An 80% interval, so that it moves with the draws.
    a_docs = ["Russia Russia Serbia.", "Serbia Kosovo NATO Serbia.", "Russia waits.",
              "Kosovo Kosovo Russia NATO."]
    b_sentences = ["Russia waits.", "Serbia waits.", "Kosovo waits.", "Russia talks.",
                   "NATO talks.", "Russia again.", "Serbia again.", "Kosovo votes.",
                   "Serbia votes.", "Russia Russia votes.", "NATO waits.", "Kosovo again."]
    corpus = tiny(a_docs + [" ".join(b_sentences), "Kosovo Russia."],
                  ["A"] * 4 + ["B", "C"])
    words = [s.rstrip(".").lower().split() for s in b_sentences]
    units = {"A": [d.rstrip(".").lower().split() for d in a_docs],
             "B": [sum(words[:5], []), sum(words[5:10], []), sum(words[10:], [])],
             "C": [["kosovo", "russia"]]}
    kw = dict(min_freq=1, n_boot=200, seed=11, conf=0.8)
    every = keyness_all(corpus, **kw)
    for target, reference in [("A", "rest"), ("B", "rest"), ("C", "rest"), ("A", "B")]:
        one = keyness(corpus, target, reference, **kw)
        if target in ("B", "C"):     # 3 blocks, 1 block: 10 and 1 distinct resamples
            assert one[["log_ratio_ci_low", "log_ratio_ci_high"]].isna().all().all()
            assert every.loc[every["group"] == target, "log_ratio_ci_low"].isna().all()
            continue
        for term in ["russia", "serbia", "kosovo"]:
            expected = _brute_force_interval(units, target, reference, term, n_boot=200,
                                             seed=11, conf=0.8)
            r = row(one, term)
            assert (r.log_ratio_ci_low, r.log_ratio_ci_high) == pytest.approx(expected)
            if reference == "rest":
                r = row(every[every["group"] == target], term)
                assert (r.log_ratio_ci_low, r.log_ratio_ci_high) == pytest.approx(expected)
    assert one.attrs["resampled_target"] == "documents"
    assert one.attrs["resampled_reference"] == "blocks of 5 consecutive sentences"


def test_keyness_all_stacks_every_group_against_the_rest(seed_corpus):
    df = keyness_all(seed_corpus, n_boot=100, family="group")
    assert df.columns[0] == "group"
    assert df["group"].unique().tolist() == sorted(seed_corpus.docs["group"])
    one = keyness(seed_corpus, "Janusz Bugajski", n_boot=100)
    part = df[df["group"] == "Janusz Bugajski"].drop(columns="group").reset_index(drop=True)
    pd.testing.assert_frame_equal(part, one, check_like=False)


def test_keyness_all_adjusts_every_test_of_the_table_together_by_default(seed_corpus):
    df = keyness_all(seed_corpus, n_boot=0)
    np.testing.assert_allclose(df["p_adjusted"], stats.false_discovery_control(df["p_value"]))
    assert df.attrs["family"] == "all" and f"all {len(df)} tests" in df.attrs["p_adjusted"]


def test_exact_test_keeps_the_seed_keywords_the_audit_found(seed_corpus):
    """The audit: with the exact conditional binomial test and Benjamini-Hochberg within
    each group, 5 of the 11 keywords significant under G2 against chi2(1) survive."""
    g2 = keyness_all(seed_corpus, stopwords=True, n_boot=0, test="g2", family="group")
    exact = keyness_all(seed_corpus, stopwords=True, n_boot=0, family="group")
    survive = lambda df: set(map(tuple, df.loc[df["p_adjusted"] < 0.05, ["group", "term"]]  # noqa: E731
                                 .to_numpy()))
    assert len(survive(g2)) == 11
    assert {t for _, t in survive(exact)} == {"putin", "ukraine", "u.s.", "biden", "vucic"}
    assert survive(exact) < survive(g2)


# Published examples (quanteda.textstats, tests/testthat/test-textstat_keyness.R): the
# documents "b b b b b b b a a a" and "a a a a a a a b b"; for "b" in the first, the table
# is b 7 | 2, other 3 | 7.  quanteda checks its chi2 (Yates and uncorrected) against R's
# chisq.test and its "lr" against Deducer's likelihood.test (the four-term G); here the
# second library is SciPy's chi2_contingency.
def test_keyness_tests_match_quantedas_example_by_a_second_library():
    from scipy.stats import chi2_contingency

    from discoursekit.keywords import chi2_yates, exact_p

    table = [[7, 2], [3, 7]]
    yates = chi2_contingency(table, correction=True)[0]
    four = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    assert float(chi2_yates(7, 2, 10, 9)) == pytest.approx(yates)
    assert float(log_likelihood(7, 2, 10, 9, form="four-term")) == pytest.approx(four)
    # Williams' correction, as Deducer's likelihood.test(conservative = TRUE) computes it
    # in quanteda's test: rows 9 and 10, columns 10 and 9, N = 19
    from discoursekit.keywords import williams_q

    q = 1 + ((19 * (1 / 9 + 1 / 10) - 1) * (19 * (1 / 10 + 1 / 9) - 1)) / (6 * 19)
    assert float(williams_q(7, 2, 10, 9)) == pytest.approx(q)
    # the exact test: 7 of the term's 9 tokens in the first document, which holds 10 of 19
    b = stats.binom(9, 10 / 19)
    assert float(exact_p(7, 2, 10, 9)) == pytest.approx(2 * b.sf(6))


def test_keyness_pairwise_is_antisymmetric_and_matches_the_formula(seed_corpus):
    df = keyness_pairwise(seed_corpus, ["Russia", "Kosova", "Western Balkans"])
    assert df["term"].unique().tolist() == ["russia", "kosovo", "western balkans"]
    assert len(df) == 3 * 5 * 4
    a = df.set_index(["term", "target", "reference"])
    b = a.swaplevel(1, 2)
    np.testing.assert_allclose(a["g2"], -b.loc[a.index, "g2"])
    r = a.loc[("russia", "John P. Ruehl", "Janusz Bugajski")]
    assert r.g2 == pytest.approx(log_likelihood(r.freq_target, r.freq_reference,
                                                r.size_target, r.size_reference))
    np.testing.assert_allclose(df["p_adjusted"], stats.false_discovery_control(df["p_value"]))


# --- frequencies and counting -------------------------------------------------------------
@pytest.mark.parametrize("word", ["russia", "putin", "belgrade"])
def test_frequencies_agree_with_a_regular_expression_count_of_the_cleaned_text(seed_corpus,
                                                                              word):
    # a word not inside a hyphenated compound ("anti-Russia"); "Russia- " still counts
    pattern = re.compile(rf"(?<!\w)(?<!\w-){word}(?!\w)(?!-\w)", re.IGNORECASE)
    freq = frequencies(seed_corpus)
    for doc_id, group, text in seed_corpus.docs[["doc_id", "group", "text"]].itertuples(
            index=False):
        hit = freq[(freq["group"] == group) & (freq["term"] == word)]
        assert (hit["freq"].sum() if len(hit) else 0) == len(pattern.findall(text)), doc_id


def test_frequencies_report_rates_per_ten_thousand_words(seed_corpus):
    freq = frequencies(seed_corpus)
    sizes = seed_corpus.tokens.merge(seed_corpus.docs[["doc_id", "group"]]).groupby(
        "group").size()
    np.testing.assert_array_equal(freq["size"], freq["group"].map(sizes))
    np.testing.assert_allclose(freq["rate"], 10_000 * freq["freq"] / freq["size"])


def test_frequencies_count_ngrams_within_sentences_and_drop_stopwords_on_request():
    corpus = tiny(["The West backs Serbia. The West waits.", "Serbia waits."], ["A", "B"])
    bigrams = frequencies(corpus, ngram=2)
    a = bigrams[bigrams["group"] == "A"].set_index("term")["freq"].to_dict()
    assert a == {"the west": 2, "west backs": 1, "backs serbia": 1, "west waits": 1}
    assert "serbia the" not in a                      # never across a sentence end
    words = frequencies(corpus, stopwords=True)
    assert "the" not in set(words["term"]) and "west" in set(words["term"])
    assert words["size"].tolist() == [7, 7, 7, 7, 2, 2]  # sizes keep every token
    no_stop_bigrams = frequencies(corpus, ngram=2, stopwords=True)
    assert "the west" not in set(no_stop_bigrams["term"])


def test_frequencies_regroup_by_another_metadata_column(seed_corpus):
    freq = frequencies(seed_corpus, by="outlet")
    assert "Foreign Affairs" in set(freq["group"])
    assert "unknown [excerpt004]" in set(freq["group"])


def test_count_terms_is_additive_across_chunks_of_documents():
    docs = [["russia", "backs", "serbia"], ["kosovo", "fears", "russia"], ["nato"],
            [["the", "west"], ["waits"]]]
    whole, vocab = count_terms(docs, ngram=(1, 2))
    merged, vocab2 = merge_counts([count_terms(docs[:2], ngram=(1, 2)),
                                   count_terms(docs[2:], ngram=(1, 2))])
    assert list(vocab) == list(vocab2)
    np.testing.assert_array_equal(whole.toarray(), merged.toarray())
    assert "west waits" not in set(vocab)             # a list of lists is a list of sentences


def test_count_terms_with_a_fixed_vocabulary_keeps_its_column_order():
    X, vocab = count_terms([["b", "a", "a"]], vocabulary=["a", "c", "b"])
    assert list(vocab) == ["a", "c", "b"] and X.toarray().tolist() == [[2, 0, 1]]


def test_rank_agreement_gives_spearman_and_top_list_overlap_per_group():
    from discoursekit.keywords import rank_agreement

    # group A: g2 ranks a>b>c>d>e, simple_maths ranks b>a>c>e>d
    # d = rank differences (1, 1, 0, 1, 1): rho = 1 - 6*4 / (5*24) = 0.8
    kw = pd.DataFrame({"group": ["A"] * 5 + ["B"] * 3, "term": list("abcde") + list("xyz"),
                       "g2": [5, 4, 3, 2, 1, 3, 2, 1.0],
                       "simple_maths": [4, 5, 3, 1, 2, 1, 2, 3.0]})
    out = rank_agreement(kw, ["simple_maths"], n=2)
    a = out[out["group"] == "A"].iloc[0]
    assert a.spearman == pytest.approx(1 - 6 * 4 / (5 * 24))
    assert (a.terms, a.shared_top_n, a.top) == (5, 2, "b, a")
    b = out[out["group"] == "B"].iloc[0]
    assert b.spearman == pytest.approx(-1.0) and b.shared_top_n == 1 and b.top == "z, y"
    with pytest.raises(ValueError, match="not in the keyness table"):
        rank_agreement(kw, ["bic"])


def test_rank_agreement_runs_on_a_real_keyness_table(seed_corpus):
    from discoursekit.keywords import rank_agreement

    kw = keyness_all(seed_corpus, stopwords=True, n_boot=0)
    out = rank_agreement(kw)
    assert len(out) == kw["group"].nunique() * 4 and "g2" not in set(out["measure"])
    for (group, measure), r in out.set_index(["group", "measure"]).iterrows():
        frame = kw[kw["group"] == group]
        assert r.spearman == pytest.approx(stats.spearmanr(frame[measure], frame["g2"]).statistic)


def test_chi2_and_normal_cdf_shortcuts_equal_scipy_stats():
    from scipy.stats import chi2, norm

    rng = np.random.default_rng(41)
    x = np.concatenate([[0.0, 1e-300, 3.841458820694124, 10.827566170662733, 1e4, np.inf,
                         np.nan], rng.exponential(5, 2000), rng.exponential(200, 200),
                        rng.uniform(1000, 1400, 200)])     # p down to 1e-305
    p, ref = dk.keywords.measures.chi2_sf_1(x), chi2.sf(x, 1)
    assert np.allclose(p, ref, rtol=1e-12, atol=0, equal_nan=True)
    assert p[0] == 1.0 and p[5] == 0.0 and np.isnan(p[6]) and (ref[-200:] > 0).all()
    assert p[2] == pytest.approx(0.05, rel=1e-12) and p[3] == pytest.approx(0.001, rel=1e-12)
    v = rng.random(500)
    assert np.array_equal(dk.keywords.measures._normcdf_scaled(v), norm.cdf(v, v.mean(), v.std()))


def test_keyness_row_order_is_g2_descending_then_term_as_pandas_sorts_it():
    rng = np.random.default_rng(43)
    terms = sorted({"".join(rng.choice(list("abcšž-'"), rng.integers(1, 5))) for _ in range(900)})
    g2 = rng.choice([0.0, -0.0, 1.5, -1.5, np.nan, 3.0, -2.25], len(terms))
    frame = pd.DataFrame({"term": terms, "g2": g2, "k": np.arange(len(terms))})
    expected = frame.sort_values(["g2", "term"], ascending=[False, True],
                                 kind="mergesort").reset_index(drop=True)

    def by_order(df):
        order = dk.keywords.keyness_tables._g2_then_term_order(df["term"].to_numpy(), df["g2"].to_numpy())
        return df.iloc[order].reset_index(drop=True)

    pd.testing.assert_frame_equal(by_order(frame), expected)
    shuffled = frame.sample(frac=1, random_state=1)          # terms not in order: general path
    pd.testing.assert_frame_equal(by_order(shuffled), expected)


def test_a_replaced_zero_never_reverses_the_direction_of_log_ratio(seed_corpus):
    # Against the rest, a large article's absent terms (0 of its words against 3 of the
    # others') would get a positive Log Ratio from the 0.5 rule alone: 0.5/n1 > 3/n2
    # whenever the rest is less than six times its size.
    df = keyness_all(seed_corpus, n_boot=200)
    absent, only = df["freq_target"] == 0, df["freq_reference"] == 0
    assert absent.any() and only.any()
    cols = ["log_ratio", "log_ratio_ci_low", "log_ratio_ci_high"]
    assert (df.loc[absent, cols].le(0) | df.loc[absent, cols].isna()).all().all()
    assert (df.loc[only, cols].ge(0) | df.loc[only, cols].isna()).all().all()
    r = df[absent].iloc[0]
    by_hand = math.log2((0.5 / r.size_target) / (r.freq_reference / r.size_reference))
    assert r.log_ratio == pytest.approx(min(by_hand, 0.0), abs=1e-12)
    both = df[~absent & ~only]
    assert (both["log_ratio"] == np.log2((both.freq_target / both.size_target)
                                         / (both.freq_reference / both.size_reference))).all()


def test_every_analysis_defaults_to_the_corpus_grouping():
    """Corpus.from_frame(df, by="party") sets the grouping; keyness, keyness_all,
    keyness_pairwise, collocate_differences and nodes_to_show follow it unless told
    otherwise (they used to default to by="author": 'democrat' was then no group)."""
    import pandas as pd

    import discoursekit as dk
    from discoursekit import collocation

    df = pd.DataFrame({"text": ["Taxes must fall now. Taxes hurt workers.",
                                "Taxes fund schools. Schools need taxes.",
                                "Workers need schools and taxes."],
                       "author": ["A", "B", "C"], "party": ["red", "blue", "blue"]})
    corpus = dk.Corpus.from_frame(df, by="party")
    assert set(dk.keyness(corpus, "red", min_freq=1)["freq_target"]) >= {2}
    assert set(dk.keyness_all(corpus, min_freq=1)["group"]) == {"red", "blue"}
    assert set(dk.keyness_pairwise(corpus, ["taxes"])["target"]) <= {"red", "blue"}
    wide = collocation.collocate_differences(corpus, "taxes", window=2, min_freq=1)
    assert {"red", "blue"} <= set(wide.columns)
    assert dk.keyness(corpus, "A", by="author", min_freq=1).attrs["target"] == "A"


def test_multiword_names_are_left_out_of_the_comparison_with_english():
    """wordfreq returns a combination of the words' frequencies for "white house", not
    the phrase's: a multi-word term has no honest general-English frequency."""
    import pandas as pd

    import discoursekit as dk

    corpus = dk.Corpus.from_frame(pd.DataFrame({
        "text": ["The White House spoke. The White House waited. The White House wins."],
        "author": ["A"]}))
    out = dk.keyness(corpus, "A", reference="english", min_freq=1, n_boot=0)
    assert "white house" not in set(out["term"])
    assert out.attrs["multiword_left_out"] == ["white house"]
    assert "spoke" in set(out["term"])
