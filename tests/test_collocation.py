"""Collocates: window counts worked out by hand on a tiny corpus, G² checked with scipy."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import discoursekit as dk
from discoursekit.collocation import association, collocate_differences, collocates


def tiny(texts, authors):
    return dk.Corpus.from_frame(pd.DataFrame({"text": texts, "author": authors}), clean=False)


@pytest.fixture
def corpus():
    # sentence 0: russia(0) backs(1) serbia(2) and(3) russia(4) arms(5) serbia(6)
    # sentence 1: serbia(7) fears(8) nato(9)                                   N = 10
    return tiny(["Russia backs Serbia and Russia arms Serbia. Serbia fears NATO."], ["A"])


def test_collocates_count_a_symmetric_window_by_hand(corpus):
    df = collocates(corpus, "Russia", window=2, min_freq=1).set_index("collocate")
    # russia@0: R 1 backs, 2 serbia; russia@4: L 2 serbia, 3 and; R 5 arms, 6 serbia.
    # The union of the windows is positions 1, 2, 3, 5, 6 (W = 5): serbia@2 sits in both
    # windows and is counted once, so serbia co-occurs twice (positions 2 and 6).
    assert df["freq"].to_dict() == {"serbia": 2, "and": 1, "arms": 1, "backs": 1}
    assert (df["node_freq"] == 2).all() and (df["size"] == 10).all()
    assert (df["window_tokens"] == 5).all()
    r = df.loc["serbia"]
    o, r1, c1, n, w = 2, 2, 3, 10, 5
    e = w * c1 / n                                                # 1.5
    assert r.collocate_freq == c1
    assert r.expected == pytest.approx(e)
    assert r.mi == pytest.approx(math.log2(o / e))
    assert r.mi3 == pytest.approx(math.log2(o ** 3 / e))
    assert r.t_score == pytest.approx((o - e) / math.sqrt(o))
    assert r.logdice == pytest.approx(14 + math.log2(2 * o / (r1 + c1)))


def test_collocate_g2_is_the_four_cell_log_likelihood_of_the_window_tokens(corpus):
    r = collocates(corpus, "Russia", window=2, min_freq=1).set_index("collocate").loc["serbia"]
    w = 5                                                          # tokens in the windows
    table = [[2, w - 2], [3 - 2, 10 - w - 3 + 2]]
    g2, *_ = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert r.g2 == pytest.approx(g2)


def test_collocates_never_cross_a_sentence(corpus):
    df = collocates(corpus, "Serbia", window=2, min_freq=1).set_index("collocate")
    # serbia@2: 0 russia, 1 backs, 3 and, 4 russia; serbia@6: 4 russia (again), 5 arms;
    # serbia@7: 8 fears, 9 nato.  Union: 0, 1, 3, 4, 5, 8, 9 (W = 7).
    assert df["freq"].to_dict() == {"russia": 2, "backs": 1, "and": 1, "arms": 1,
                                    "fears": 1, "nato": 1}
    assert (df["window_tokens"] == 7).all()
    assert "serbia" not in df.index            # 6 and 7 are adjacent but in two sentences


def test_collocates_apply_the_minimum_frequency_and_stopword_options(corpus):
    assert collocates(corpus, "Russia", window=2, min_freq=2)["collocate"].tolist() == ["serbia"]
    assert "and" not in set(collocates(corpus, "Russia", window=2, min_freq=1,
                                       stopwords=True)["collocate"])


def test_collocates_match_spelling_variants_and_multiword_nodes():
    corpus = tiny(["Kosova fears Russia. Russia courts Kosovo. The Western Balkans fear "
                   "Russia. The West fears Russia."], ["A"])
    a = collocates(corpus, "Kosova", window=2, min_freq=1)
    b = collocates(corpus, "kosovo", window=2, min_freq=1)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["node"] == "kosovo" and a.attrs["node_freq"] == {"all": 2}
    wb = collocates(corpus, "Western Balkans", window=2, min_freq=1).set_index("collocate")
    assert wb["freq"].to_dict() == {"fear": 1, "russia": 1, "the": 1}
    west = collocates(corpus, "the West", window=1, min_freq=1).set_index("collocate")
    assert west["freq"].to_dict() == {"fears": 1}   # phrase node: window starts after "west"


def test_collocates_by_group_compute_each_groups_measures_on_its_own_counts():
    corpus = tiny(["Russia backs Serbia. Russia backs Serbia. Serbia waits.",
                   "Russia threatens Kosovo."], ["A", "B"])
    df = collocates(corpus, "Russia", window=1, by="author", min_freq=1)
    assert df.columns[0] == "group"
    a = df[(df["group"] == "A") & (df["collocate"] == "backs")].iloc[0]
    assert (a["freq"], a["node_freq"], a["collocate_freq"], a["size"]) == (2, 2, 2, 8)
    assert a.logdice == pytest.approx(14.0)
    b = df[df["group"] == "B"].set_index("collocate")
    assert b.loc["threatens", "size"] == 3


def test_collocate_differences_put_groups_side_by_side_by_logdice():
    corpus = tiny(["Russia backs Serbia. Russia backs Serbia.",
                   "Russia threatens Kosovo. Russia backs Kosovo."], ["A", "B"])
    wide = collocate_differences(corpus, "Russia", window=1, min_freq=2)
    assert list(wide.columns) == ["collocate", "A", "B", "n_groups", "range"]
    backs = wide.set_index("collocate").loc["backs"]
    # A: O11=2, R1=2, C1=2 -> 14; B: O11=1, R1=2, C1=1 -> 14 + log2(2/3)
    assert backs["A"] == pytest.approx(14.0)
    assert backs["B"] == pytest.approx(14 + math.log2(2 / 3))
    assert backs["n_groups"] == 2
    assert wide["collocate"].iloc[0] == "backs"      # shared by both groups comes first


def test_collocates_on_the_seed_corpus_are_sorted_and_deterministic(seed_corpus):
    a = collocates(seed_corpus, "Kosovo", by="author", stopwords=True)
    b = collocates(seed_corpus, "Kosova", by="author", stopwords=True)
    pd.testing.assert_frame_equal(a, b)
    for _, block in a.groupby("group"):
        assert block["logdice"].is_monotonic_decreasing
    assert (a["logdice"] <= 14).all() and (a["freq"] >= 2).all()


def test_association_example_by_hand():
    m = association(np.array([2]), 2, 4, 20, 4)
    assert m["expected"][0] == pytest.approx(2 * 4 * 4 / 20)


def test_collocates_reject_a_bad_window_and_an_empty_node(corpus):
    with pytest.raises(ValueError, match="window must be a positive integer"):
        collocates(corpus, "Russia", window=0)
    with pytest.raises(ValueError, match="non-empty string"):
        collocates(corpus, " ")


def test_nodes_to_show_keeps_comparable_preferred_nodes_then_frequent_shared_words():
    from discoursekit.collocation import nodes_to_show

    # counts (stopwords "the", "and" left out): peace 4 (A 2, B 2), war 3 (A 3),
    # people 3 (A 1, B 2), serbia 2 (A 1, B 1), nato 1 (B)
    corpus = tiny(["Peace and war. Peace, war, war. The people and Serbia.",
                   "Peace, peace. The people, people. Serbia and NATO."], ["A", "B"])
    assert nodes_to_show(corpus, ["Serbia", "NATO"], min_freq=2) == ["Serbia", "peace", "people"]
    # war: 3 occurrences but in one group only; serbia: two groups but only 2 occurrences
    assert nodes_to_show(corpus, ["war"], min_freq=3, k=3) == ["peace", "people"]
    assert nodes_to_show(corpus, [], min_freq=4, k=1) == ["peace"]
    # nothing qualifies: the preferred nodes as given (their panels say they are empty)
    assert nodes_to_show(corpus, ["Kosovo", "Russia"], min_freq=50, k=1) == ["Kosovo"]
    with pytest.raises(ValueError, match="k must be"):
        nodes_to_show(corpus, k=-1)


def test_a_token_in_two_overlapping_windows_is_counted_once():
    """Evert's surface co-occurrence: the union of the node's windows.  Text (normalised):
    kosovo and kosovo again met serbia there today; window 2.  The first node's window is
    positions 1-2, the second's 0-1 and 3-4: their union is positions 0-4, W = 5 tokens,
    and "and" (position 1, in both windows) co-occurs once, not twice."""
    import pandas as pd

    import discoursekit as dk

    corpus = dk.Corpus.from_frame(pd.DataFrame({
        "text": ["Kosovo and Kosovo again met Serbia there today."], "author": ["A"]}))
    out = dk.collocates(corpus, "Kosovo", window=2, min_freq=1).set_index("collocate")
    assert out.loc["and", "freq"] == 1 == out.loc["and", "collocate_freq"]
    assert (out["freq"] <= out["collocate_freq"]).all()
    assert set(out["window_tokens"]) == {5}
    # E11 = W * C1 / N = 5 * 1 / 8; MI = log2(1 / 0.625)
    assert out.loc["and", "expected"] == pytest.approx(0.625)
    assert out.loc["and", "mi"] == pytest.approx(math.log2(1 / 0.625))
    assert out["logdice"].max() <= 14


def test_collocates_on_the_seeds_never_exceed_the_collocates_frequency():
    import discoursekit as dk

    seeds = dk.load_corpus(dk.paths.SEEDS)
    for node in ("kosovo", "serbia"):
        out = dk.collocates(seeds, node, by="author", min_freq=1)
        assert (out["freq"] <= out["collocate_freq"]).all(), node
        assert (out["freq"] <= out["window_tokens"]).all() and out["logdice"].max() <= 14


def test_association_refuses_a_count_above_its_marginals():
    from discoursekit.collocation import association

    with pytest.raises(ValueError, match="exceeds the collocate's frequency"):
        association(8, 10, 7, 1000, 10)
