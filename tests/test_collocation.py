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
    # russia@0: R backs, serbia; russia@4: L serbia, and; R arms, serbia
    assert df["freq"].to_dict() == {"serbia": 3, "and": 1, "arms": 1, "backs": 1}
    assert (df["node_freq"] == 2).all() and (df["size"] == 10).all()
    r = df.loc["serbia"]
    o, r1, c1, n, s = 3, 2, 3, 10, 4
    e = r1 * c1 * s / n                                           # 2.4
    assert r.collocate_freq == c1
    assert r.expected == pytest.approx(e)
    assert r.mi == pytest.approx(math.log2(o / e))
    assert r.mi3 == pytest.approx(math.log2(o ** 3 / e))
    assert r.t_score == pytest.approx((o - e) / math.sqrt(o))
    assert r.logdice == pytest.approx(14 + math.log2(2 * o / (r1 + c1)))


def test_collocate_g2_is_the_four_cell_log_likelihood_of_window_slots(corpus):
    r = collocates(corpus, "Russia", window=2, min_freq=1).set_index("collocate").loc["serbia"]
    slots = 2 * 4                                                  # node_freq × span
    table = [[3, slots - 3], [3 - 3, 10 - slots - 3 + 3]]
    g2, *_ = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert r.g2 == pytest.approx(g2)


def test_collocates_never_cross_a_sentence(corpus):
    df = collocates(corpus, "Serbia", window=2, min_freq=1).set_index("collocate")
    # serbia@2: russia, backs, and, russia; serbia@6: russia, arms; serbia@7: fears, nato
    assert df["freq"].to_dict() == {"russia": 3, "backs": 1, "and": 1, "arms": 1,
                                    "fears": 1, "nato": 1}
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
