"""Tests for discoursekit.compare: similarity, clustering, Mantel, CA, Delta, synthesis.

Expected values are worked out by hand (written out below) or computed independently
(scikit-learn's cosine_similarity, scipy's chi2_contingency, a published CA example).
"""
from __future__ import annotations

import math
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

import discoursekit as dk
from discoursekit import compare

matplotlib.use("Agg")


def toy_corpus(n_docs_per_author=(2, 2, 1), unknown=1):
    """6 short documents by 3 authors + 1 unknown, with some shared vocabulary."""
    texts = {
        "A": ["Russia arms Serbia and the Kremlin watches Kosovo closely.",
              "The Kremlin arms Serbia; Russia courts Belgrade with gas and jets."],
        "B": ["NATO must protect Kosovo. The EU should act now and act together.",
              "Brussels must act: the EU and NATO should guarantee peace in Kosovo."],
        "C": ["History repeats: the wars of the 1990s echo in Serbia and Kosovo today."],
    }
    rows = []
    names = {"A": "Ann Able", "B": "Bob Baker", "C": "Cy Cole"}
    for (author, docs), n in zip(texts.items(), n_docs_per_author):
        for i, t in enumerate(docs[:n]):
            rows.append({"doc_id": f"{author.lower()}{i}", "author": names[author], "text": t})
    for i in range(unknown):
        rows.append({"doc_id": f"u{i}", "author": "unknown",
                     "text": "Russia must not arm Serbia; the EU and NATO should act."})
    return dk.Corpus.from_frame(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def corpus():
    return toy_corpus()


# --- similarity ------------------------------------------------------------------------------
def test_content_similarity_matches_sklearn_tfidf_cosine_computed_independently(corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    sim = compare.content_similarity(corpus)
    stop = dk.stopwords()
    joined = corpus.tokens.merge(corpus.docs[["doc_id", "group"]]).groupby("group")["norm"] \
        .apply(lambda s: [w for w in s if w not in stop])
    vec = TfidfVectorizer(analyzer=lambda toks: toks)
    expected = cosine_similarity(vec.fit_transform(joined.tolist()))
    assert list(sim.index) == sorted(joined.index)
    np.testing.assert_allclose(sim.to_numpy(), expected, atol=1e-12)


@pytest.mark.parametrize("basis", ["content", "frames", "stance"])
def test_similarity_matrices_are_symmetric_with_unit_diagonal_and_sorted_labels(corpus, basis):
    if basis == "content":
        sim = compare.content_similarity(corpus)
    elif basis == "frames":
        sim = compare.frame_similarity(dk.frame_profile(dk.code_corpus_frames(corpus),
                                                        n_boot=50))
    else:
        sim = compare.stance_similarity(dk.stance_rates(corpus, n_boot=50))
    M = sim.to_numpy()
    np.testing.assert_allclose(M, M.T, atol=1e-12)
    np.testing.assert_allclose(np.diag(M), 1.0)
    assert (M <= 1 + 1e-12).all() and (M >= -1 - 1e-12).all()
    assert list(sim.index) == sorted(sim.index) == list(sim.columns)


def test_standardised_profile_similarity_is_the_cosine_of_hand_computed_z_scores():
    # shares: conflict (0.5, 0.4, 0.1), morality (0.1, 0.2, 0.3)
    # conflict: mean 1/3, population sd = sqrt(((1/6)² + (1/15)² + (7/30)²)/3)
    #   z ∝ (5, 2, -7); morality: mean 0.2, z ∝ (-1, 0, 1), both with the same scale per column
    p = pd.DataFrame({"group": ["A", "A", "B", "B", "C", "C"],
                      "category": ["conflict", "morality"] * 3,
                      "share": [0.5, 0.1, 0.4, 0.2, 0.1, 0.3]})
    sd_c = math.sqrt(((5 / 30) ** 2 + (2 / 30) ** 2 + (7 / 30) ** 2) / 3)
    sd_m = math.sqrt((0.01 + 0 + 0.01) / 3)
    z = {"A": (5 / 30 / sd_c, -0.1 / sd_m), "B": (2 / 30 / sd_c, 0.0),
         "C": (-7 / 30 / sd_c, 0.1 / sd_m)}

    def cos(a, b):
        return np.dot(a, b) / np.linalg.norm(a) / np.linalg.norm(b)

    sim = compare.frame_similarity(p, ["conflict", "morality"])
    assert sim.loc["A", "B"] == pytest.approx(cos(z["A"], z["B"]))
    assert sim.loc["A", "C"] == pytest.approx(cos(z["A"], z["C"]))


def test_frame_similarity_drops_frames_with_no_variation_and_says_so():
    p = pd.DataFrame({"group": ["A", "A", "B", "B", "C", "C"],
                      "category": ["conflict", "morality"] * 3,
                      "share": [0.5, 0.2, 0.4, 0.2, 0.1, 0.2]})
    sim = compare.frame_similarity(p, ["conflict", "morality"])
    assert sim.attrs["dropped"] == ["morality"] and sim.attrs["features"] == ["conflict"]


def test_frame_similarity_names_a_category_that_is_not_in_the_profile():
    p = pd.DataFrame({"group": ["A", "B"], "category": ["conflict"] * 2, "share": [0.1, 0.2]})
    with pytest.raises(ValueError, match=r"'moral' not in the profile; categories are: 'conflict'"):
        compare.frame_similarity(p, ["moral"])


def test_similarity_pairs_ranks_pairs_within_each_basis():
    m = pd.DataFrame([[1, .2, .9], [.2, 1, .4], [.9, .4, 1]], index=list("abc"),
                     columns=list("abc"))
    pairs = compare.similarity_pairs({"x": m, "y": 1 - m + np.eye(3) * 0})
    first = pairs.query("rank == 1")
    assert first[["basis", "group_a", "group_b"]].values.tolist() == [["x", "a", "c"],
                                                                       ["y", "a", "b"]]


# --- clustering and Mantel -------------------------------------------------------------------
def test_cluster_groups_merges_the_closest_pair_first_with_average_linkage():
    # distances: a-b 0.8, a-c 0.1, b-c 0.6 -> merge {a,c} at 0.1, then b at (0.8+0.6)/2 = 0.7
    m = pd.DataFrame([[1, .2, .9], [.2, 1, .4], [.9, .4, 1]], index=list("abc"),
                     columns=list("abc"))
    out = compare.cluster_groups(m)
    assert out["distance"].tolist() == pytest.approx([0.1, 0.7])
    assert out["members"].tolist() == ["a, c", "a, b, c"]
    assert out.attrs["method"] == "average"


def test_cluster_groups_rejects_an_unknown_linkage_with_the_choices():
    m = pd.DataFrame(np.eye(2), index=["a", "b"], columns=["a", "b"])
    with pytest.raises(ValueError, match=r"'method' must be one of .*'average'.*Got 'ward'"):
        compare.cluster_groups(m, method="ward")


def test_mantel_is_exact_over_all_permutations_and_perfect_for_identical_matrices():
    rng = np.random.default_rng(0)
    X = rng.random((5, 3))
    sim = pd.DataFrame(1 - np.abs(X[:, None, 0] - X[None, :, 0]), index=list("abcde"),
                       columns=list("abcde"))
    out = compare.mantel({"a": sim, "b": sim})
    row = out.iloc[0]
    assert row["r"] == pytest.approx(1.0) and row["n_permutations"] == 120 and row["exact"]
    assert row["p_value"] == pytest.approx(1 / 120)  # only the identity reaches r = 1


def test_mantel_returns_nan_when_two_groups_give_a_single_pair():
    m = pd.DataFrame([[1, .5], [.5, 1]], index=["a", "b"], columns=["a", "b"])
    out = compare.mantel({"x": m, "y": m})
    assert np.isnan(out.loc[0, "r"]) and out.loc[0, "n_pairs"] == 1


# --- correspondence analysis -----------------------------------------------------------------
SMOKE = pd.DataFrame([[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13],
                      [10, 6, 7, 2]], index=["SM", "JM", "SE", "JE", "SC"],
                     columns=["none", "light", "medium", "heavy"])


def test_ca_total_inertia_is_chi2_over_n_and_principal_inertias_sum_to_it():
    ca = compare.correspondence_analysis(SMOKE, n_components=3)
    chi2 = chi2_contingency(SMOKE.to_numpy(), correction=False)[0]
    assert ca.attrs["total_inertia"] == pytest.approx(chi2 / SMOKE.to_numpy().sum())
    assert sum(ca.attrs["principal_inertia"]) == pytest.approx(ca.attrs["total_inertia"])


def test_ca_reproduces_greenacres_smoking_example():
    # Greenacre (2007), Correspondence Analysis in Practice, the "smoke" data: principal
    # inertias 0.07476, 0.01002, 0.00041; row principal coordinates on dimension 1
    # SM -0.066, JM 0.259, SE -0.381, JE 0.233, SC -0.201 (signs are arbitrary).
    ca = compare.correspondence_analysis(SMOKE, n_components=2)
    assert ca.attrs["principal_inertia"] == pytest.approx([0.07476, 0.01002, 0.00041],
                                                          abs=1e-5)
    rows = ca[ca["kind"] == "row"].set_index("label")["dim_1"].abs()
    assert rows.round(3).tolist() == [0.066, 0.259, 0.381, 0.233, 0.201]


def test_ca_of_a_perfectly_associated_2x2_table_matches_the_hand_computation():
    # N = [[10, 0], [0, 10]]: P = [[.5, 0], [0, .5]], r = c = (.5, .5);
    # S = D_r^-1/2 (P - r c') D_c^-1/2 = [[.5, -.5], [-.5, .5]], one singular value 1,
    # so λ1 = 1 = φ² and the principal coordinates are ±1.
    t = pd.DataFrame([[10, 0], [0, 10]], index=["A", "B"], columns=["x", "y"])
    ca = compare.correspondence_analysis(t)
    assert ca.attrs["principal_inertia"] == pytest.approx([1.0])
    assert ca["dim_1"].tolist() == pytest.approx([1, -1, 1, -1])
    assert ca["dim_2"].tolist() == [0.0] * 4  # beyond the rank: zeros


def test_ca_row_coordinates_preserve_chi_square_distances_between_profiles():
    ca = compare.correspondence_analysis(SMOKE, n_components=3)
    F = ca[ca["kind"] == "row"][["dim_1", "dim_2", "dim_3"]].to_numpy()
    N = SMOKE.to_numpy(float)
    prof = N / N.sum(axis=1, keepdims=True)
    c = N.sum(axis=0) / N.sum()
    d_chi = np.sqrt((((prof[0] - prof[2]) ** 2) / c).sum())
    assert np.linalg.norm(F[0] - F[2]) == pytest.approx(d_chi)


def test_ca_contributions_sum_to_one_and_signs_are_fixed():
    ca = compare.correspondence_analysis(SMOKE)
    for kind in ("row", "column"):
        assert ca.loc[ca["kind"] == kind, "ctr_1"].sum() == pytest.approx(1.0)
    rows = ca[ca["kind"] == "row"]
    assert rows.loc[rows["dim_1"].abs().idxmax(), "dim_1"] > 0


def test_ca_rejects_negative_counts_and_too_small_tables():
    with pytest.raises(ValueError, match="non-negative counts"):
        compare.correspondence_analysis(pd.DataFrame([[1, -1], [2, 3]]))
    with pytest.raises(ValueError, match="at least two rows and two columns"):
        compare.correspondence_analysis(pd.DataFrame([[1, 2, 3]]))


def test_ca_warns_when_it_drops_an_empty_row():
    t = pd.DataFrame([[1, 2], [3, 1], [0, 0]], index=["a", "b", "c"], columns=["x", "y"])
    with pytest.warns(UserWarning, match="dropped 1 row.*zero total: c"):
        ca = compare.correspondence_analysis(t)
    assert "c" not in set(ca["label"])


def test_group_term_counts_keeps_the_most_frequent_terms_in_order(corpus):
    t = compare.group_term_counts(corpus, n_terms=3)
    assert t.shape == (4, 3) and list(t.index) == sorted(t.index)
    totals = t.sum(axis=0).tolist()
    assert totals == sorted(totals, reverse=True)


# --- Delta -----------------------------------------------------------------------------------
# Toy table: 3 documents × 3 words (relative frequencies).
#   the: (.1, .2, .3) -> mean .2, sd (ddof=1) = sqrt((.01+0+.01)/2) = .1 -> z = (-1, 0, 1)
#   of:  (.2, .4, .0) -> mean .2, sd = sqrt((0+.04+.04)/2) = .2       -> z = (0, 1, -1)
#   and: (.5, .3, .1) -> mean .3, sd = sqrt((.04+0+.04)/2) = .2       -> z = (1, 0, -1)
# z(d1) = (-1, 0, 1), z(d2) = (0, 1, 0), z(d3) = (1, -1, -1)
TOY = pd.DataFrame({"the": [.1, .2, .3], "of": [.2, .4, .0], "and": [.5, .3, .1]},
                   index=["d1", "d2", "d3"])


def test_burrows_delta_matches_the_hand_computed_mean_absolute_z_difference():
    # Δ(d1,d2) = (1 + 1 + 1)/3 = 1; Δ(d1,d3) = (2 + 1 + 2)/3 = 5/3; Δ(d2,d3) = (1 + 2 + 1)/3 = 4/3
    D = compare.delta_distances(TOY, measure="burrows")
    assert D.loc["d1", "d2"] == pytest.approx(1.0)
    assert D.loc["d1", "d3"] == pytest.approx(5 / 3)
    assert D.loc["d2", "d3"] == pytest.approx(4 / 3)
    assert np.diag(D.to_numpy()).tolist() == [0.0, 0.0, 0.0]


def test_cosine_delta_matches_the_hand_computed_cosine_distance_of_z_vectors():
    # z1·z2 = 0 -> 1; z1·z3 = -2, |z1| = √2, |z3| = √3 -> 1 + 2/√6; z2·z3 = -1 -> 1 + 1/√3
    D = compare.delta_distances(TOY, measure="cosine")
    assert D.loc["d1", "d2"] == pytest.approx(1.0)
    assert D.loc["d1", "d3"] == pytest.approx(1 + 2 / math.sqrt(6))
    assert D.loc["d2", "d3"] == pytest.approx(1 + 1 / math.sqrt(3))
    np.testing.assert_allclose(D.to_numpy(), D.to_numpy().T)


def test_delta_rejects_a_single_document_and_an_unknown_measure():
    with pytest.raises(ValueError, match="at least two documents"):
        compare.delta_distances(TOY.head(1))
    with pytest.raises(ValueError, match=r"'measure' must be one of \{'burrows', 'cosine'\}"):
        compare.delta_distances(TOY, measure="eder")


def test_mfw_table_gives_relative_frequencies_of_the_most_frequent_words(corpus):
    t = compare.mfw_table(corpus, 5)
    sizes = corpus.tokens.groupby("doc_id").size()
    counts = corpus.tokens[corpus.tokens["norm"] == t.columns[0]].groupby("doc_id").size()
    expected = (counts / sizes).reindex(t.index, fill_value=0.0)
    np.testing.assert_allclose(t.iloc[:, 0].to_numpy(), expected.to_numpy())
    assert list(t.index) == sorted(t.index) and t.attrs["n_mfw_used"] == 5


def test_mfw_larger_than_the_vocabulary_warns_and_uses_every_word(corpus):
    vocab = corpus.tokens["norm"].nunique()
    with pytest.warns(UserWarning, match=rf"n_mfw=5000 is larger than the vocabulary .*\({vocab} "):
        t = compare.mfw_table(corpus, 5000)
    assert t.shape[1] == vocab == t.attrs["n_mfw_used"]


def test_delta_sweep_warns_once_for_settings_beyond_the_vocabulary(corpus):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sweep = compare.delta_sweep(corpus, (10, 200, 300))
    assert len(caught) == 1 and "200, 300 exceed the vocabulary" in str(caught[0].message)
    assert sorted(sweep["n_mfw"].unique()) == [10, 200, 300]



def test_delta_sweep_rows_are_each_pair_by_delta_with_tied_ranks_and_the_table_values():
    # "c" and "a" are the same text: from "b" both are equally far (rank 1 and 1, then by
    # doc_id), and each is the other's nearest at Delta 0
    same = "the cat and the dog. the cat sat."
    c = dk.Corpus.from_frame(pd.DataFrame({"doc_id": ["c", "a", "b"], "author": ["X", "Y", "Z"],
                                           "text": [same, same, "a dog and a dog ran off."]}),
                             clean=False)
    sweep = compare.delta_sweep(c, (4,), measures=("cosine", "burrows"))
    assert sweep["measure"].tolist() == ["burrows"] * 6 + ["cosine"] * 6
    assert sweep[["doc_id", "other"]].values.tolist()[:6] == [
        ["a", "c"], ["a", "b"], ["b", "a"], ["b", "c"], ["c", "a"], ["c", "b"]]
    first = sweep[sweep["measure"] == "burrows"]
    assert first["rank"].tolist() == [1, 2, 1, 1, 1, 2] and first["delta"].iloc[0] == 0
    D = compare.delta_distances(compare.mfw_table(c, 4), measure="burrows")
    for row in first.itertuples():
        assert row.delta == round(D.loc[row.doc_id, row.other], 12)
    assert {"group", "other_group"} <= set(sweep) and first["other_group"].iloc[1] == "Z"
    nn = compare.nearest_neighbours(sweep)
    assert nn.loc[nn["measure"] == "burrows", "nearest"].tolist() == ["c", "a", "a"]
    assert nn.loc[nn["measure"] == "burrows", "second"].tolist() == ["b", "c", "b"]


def test_sample_documents_keeps_each_groups_share_and_two_per_group():
    # 20 documents: A 12, B 6, C 2; a sample of 10 -> shares 6, 3, 1 -> C raised to 2,
    # taken from the group furthest above its floor (A): 5, 3, 2
    groups = ["A"] * 12 + ["B"] * 6 + ["C"] * 2
    docs = [f"d{i:02d}" for i in range(20)]
    picked = compare.sample_documents(docs, groups, 10, seed=3)
    assert picked == sorted(set(picked)) and len(picked) == 10
    assert pd.Series([groups[i] for i in picked]).value_counts().to_dict() == {
        "A": 5, "B": 3, "C": 2}
    assert picked == compare.sample_documents(docs, groups, 10, seed=3)   # seeded
    assert picked != compare.sample_documents(docs, groups, 10, seed=4)
    # shares 4.2 / 2.1 / 0.7 of 7 -> floors 4, 2, 2 = 8 > 7: one back from A
    picked7 = compare.sample_documents(docs, groups, 7)
    assert pd.Series([groups[i] for i in picked7]).value_counts().to_dict() == {
        "A": 3, "B": 2, "C": 2}
    # more groups than max_docs / 2: two each; at most max_docs documents: all
    assert len(compare.sample_documents(docs, groups, 5)) == 6
    assert compare.sample_documents(docs, groups, 20) == list(range(20))
    with pytest.raises(ValueError, match="max_docs must be a positive integer"):
        compare.sample_documents(docs, groups, 0)


def test_delta_sweep_of_a_sample_uses_the_corpus_mfw_and_the_samples_z_scores():
    rng = np.random.default_rng(7)
    words = "the of and to a in that it is was he for on are as with his they".split()
    rows = [{"doc_id": f"t{i:02d}", "author": "XYZ"[i % 3],
             "text": " ".join(rng.choice(words, 60, p=np.linspace(2, 1, len(words)) /
                                         np.linspace(2, 1, len(words)).sum())) + "."}
            for i in range(12)]
    c = dk.Corpus.from_frame(pd.DataFrame(rows), clean=False)
    full = compare.delta_sweep(c, (5, 12), max_docs=None)
    assert full.attrs["n_docs"] == full.attrs["n_compared"] == 12
    pd.testing.assert_frame_equal(full, compare.delta_sweep(c, (5, 12)))   # under the cap
    sweep = compare.delta_sweep(c, (5, 12), max_docs=6, seed=1)
    docs = sorted(c.docs["doc_id"])
    keep = [docs[i] for i in compare.sample_documents(docs, [r["author"] for r in sorted(
        rows, key=lambda r: r["doc_id"])], 6, seed=1)]
    assert sorted(sweep["doc_id"].unique()) == keep and sweep.attrs["n_compared"] == 6
    assert sweep.attrs["n_docs"] == 12 and len(sweep) == 2 * 2 * 6 * 5
    for (m, n), part in sweep.groupby(["measure", "n_mfw"]):
        # the corpus's MFW (mfw_table of all 12), z-scores over the six sampled rows only
        D = compare.delta_distances(compare.mfw_table(c, n).loc[keep], measure=m)
        for row in part.itertuples():
            assert row.delta == round(D.loc[row.doc_id, row.other], 12)


def test_mfw_must_be_a_positive_integer(corpus):
    with pytest.raises(ValueError, match="n_mfw must be a positive integer; got 0"):
        compare.mfw_table(corpus, 0)


def test_nearest_neighbour_table_is_deterministic_and_complete(corpus):
    a = compare.nearest_neighbours(compare.delta_sweep(corpus, (5, 10)))
    b = compare.nearest_neighbours(compare.delta_sweep(toy_corpus(), (5, 10)))
    pd.testing.assert_frame_equal(a, b)
    n_docs = len(corpus.docs)
    assert len(a) == 2 * 2 * n_docs  # measures × MFW counts × documents
    assert (a["nearest"] != a["doc_id"]).all() and (a["margin"] >= 1).all()
    keys = a[["measure", "n_mfw", "doc_id"]].values.tolist()
    assert keys == sorted(keys)


def test_neighbour_stability_counts_how_often_the_modal_neighbour_wins():
    nn = pd.DataFrame({"measure": "cosine", "n_mfw": [30, 50, 100, 200], "doc_id": "a",
                       "nearest": ["c", "b", "b", "c"]})
    out = compare.neighbour_stability(nn)
    assert out.loc[0, "modal_nearest"] == "b"  # tie 2-2: alphabetical
    assert out.loc[0, "stability"] == 0.5 and out.loc[0, "neighbours"] == "b (2); c (2)"


def test_attribution_check_attributes_blocks_of_identical_texts_back_to_their_source():
    words_a = "the cat and the dog of the house " * 30
    words_b = "a bird in a tree by a river " * 30
    c = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"], "text": [words_a, words_b],
                                           "doc_id": ["a", "b"]}), clean=False)
    out = compare.attribution_check(c, 40, mfw=(5,))
    assert len(out) > 0 and out["correct"].all()



def _attribution_by_recounting(corpus, block_size, mfw):
    """The check as its docstring describes it, done the slow way: for each block, count
    the candidates and the block afresh and take the row of delta_distances."""
    from discoursekit.keywords import count_terms

    units = compare.common.units_of(corpus, "doc_id")
    docs, rows = sorted(units), []
    for d in docs:
        toks = units[d]
        for b in range(len(toks) // block_size):
            block = toks[b * block_size:(b + 1) * block_size]
            rest = toks[:b * block_size] + toks[(b + 1) * block_size:]
            if len(rest) < block_size:
                continue
            X, vocab = count_terms([rest if x == d else units[x] for x in docs] + [block])
            for n in mfw:
                table = compare.stylometry.mfw_from_counts(docs + ["?"], X.tocsr(), vocab, n, "test")
                for m in ("burrows", "cosine"):
                    dist = compare.delta_distances(table, measure=m).loc["?"].drop("?")
                    nearest = min(dist.index, key=lambda k: (round(dist[k], 12), k))
                    rows.append((m, n, d, b, nearest))
    return sorted(rows)


def test_attribution_check_equals_recounting_every_block_and_samples_large_corpora():
    rng = np.random.default_rng(3)
    words = [f"w{k}" for k in range(40)]
    p = np.r_[np.full(8, 0.075), np.full(32, 0.4 / 32)]
    texts = [" ".join(rng.choice(words, size=int(rng.integers(60, 200)), p=p)) + "."
             for _ in range(6)]
    texts.append(texts[0])                     # an identical pair: exact ties, broken by name
    c = dk.Corpus.from_frame(pd.DataFrame({"author": list("ABCABCD"), "text": texts}),
                             clean=False)
    out = compare.attribution_check(c, 30, mfw=(5, 25), max_blocks=None)
    got = sorted(out[["measure", "n_mfw", "doc_id", "block", "nearest"]].itertuples(
        index=False, name=None))
    assert got == _attribution_by_recounting(c, 30, (5, 25))
    assert (out["correct"] == (out["nearest"] == out["doc_id"])).all()
    n_blocks = out.attrs["n_blocks"]
    sample = compare.attribution_check(c, 30, mfw=(5, 25), max_blocks=7, seed=1)
    assert sample.attrs["n_tested"] == 7 and sample.attrs["n_blocks"] == n_blocks > 7
    blocks = sample.groupby(["measure", "n_mfw"])[["doc_id", "block"]].apply(
        lambda g: tuple(map(tuple, g.values)))
    assert blocks.nunique() == 1 and len(blocks.iloc[0]) == 7   # same blocks in every setting
    key = ["measure", "n_mfw", "doc_id", "block"]
    assert sample.merge(out, on=key, suffixes=("", "_all")).eval("nearest == nearest_all").all()
    with pytest.raises(ValueError, match="max_blocks"):
        compare.attribution_check(c, 30, max_blocks=0)


def test_attribution_check_of_a_sample_uses_the_corpus_mfw_and_the_samples_texts():
    # a corpus over max_docs: the blocks are cut from the sampled texts and compared with
    # them alone (z-scores over the sample), on the most frequent words of the whole
    # corpus -- recounted here block by block from the token lists
    from collections import Counter

    rng = np.random.default_rng(11)
    words = "the of and to a in that it is was he for on are as with his they".split()
    p = np.linspace(3, 1, len(words)) / np.linspace(3, 1, len(words)).sum()
    rows = [{"doc_id": f"t{i:02d}", "author": "XYZ"[i % 3],
             "text": " ".join(rng.choice(words, int(rng.integers(50, 110)), p=p)) + "."}
            for i in range(12)]
    c = dk.Corpus.from_frame(pd.DataFrame(rows), clean=False)
    out = compare.attribution_check(c, 25, mfw=(5, 12), max_docs=6, seed=1, max_blocks=None)
    docs = sorted(c.docs["doc_id"])
    keep = [docs[i] for i in compare.sample_documents(
        docs, [r["author"] for r in sorted(rows, key=lambda r: r["doc_id"])], 6, seed=1)]
    assert out.attrs["n_docs"] == 12 and out.attrs["n_compared"] == 6
    units = compare.common.units_of(c, "doc_id")
    expected = []
    for n in (5, 12):
        top = list(compare.mfw_table(c, n).columns)          # the whole corpus's words
        for d in keep:
            toks = units[d]
            for b in range(len(toks) // 25):
                block = toks[b * 25:(b + 1) * 25]
                rest = toks[:b * 25] + toks[(b + 1) * 25:]
                if len(rest) < 25:
                    continue
                texts = {x: (rest if x == d else units[x]) for x in keep}
                texts["?"] = block
                table = pd.DataFrame([[Counter(t)[w] / len(t) for w in top]
                                      for t in texts.values()], index=list(texts), columns=top)
                for m in ("burrows", "cosine"):
                    dist = compare.delta_distances(table, measure=m).loc["?"].drop("?")
                    expected.append((m, n, d, b, min(dist.index,
                                                     key=lambda k: (round(dist[k], 12), k))))
    got = sorted(out[["measure", "n_mfw", "doc_id", "block", "nearest"]].itertuples(
        index=False, name=None))
    assert got == sorted(expected) and len(got) > 20
    summary = compare.attribution_summary(out, c, 25)
    assert (summary["chance"] == 1 / 6).all()             # one in the candidates
    full = compare.attribution_check(c, 25, mfw=(5,), max_docs=None, max_blocks=None)
    assert full.attrs["n_compared"] == 12 and set(full["doc_id"]) > set(keep)


def test_stylometry_counts_from_the_corpus_arrays_equal_counting_the_token_lists():
    # doc_counts reads the corpus's document x word counts; the same documents (not in
    # corpus order), counts and sorted vocabulary as counting its tokens
    from discoursekit.keywords import count_terms

    c = dk.Corpus.from_frame(pd.DataFrame({
        "doc_id": ["b", "a", "c"], "author": ["X", "Y", "X"],
        "text": ["The war and the peace in Kosovo.", "War, war, war!", "Peace now."]}))
    docs, X, vocab = compare.stylometry.doc_counts(c)
    units = compare.common.units_of(c, "doc_id")
    Y, words = count_terms([units[d] for d in sorted(units)])
    assert docs == ["a", "b", "c"] and list(vocab) == list(words)
    assert (X != Y.tocsr()).nnz == 0 and X.dtype == np.int64 and X[0].sum() == 3
    assert compare.shortest_block(c, minimum=1) == 2 and compare.shortest_block(c) == 50


# --- synthesis -------------------------------------------------------------------------------
def test_author_summary_has_one_row_per_group_with_the_headline_measures(corpus):
    coded = dk.code_corpus_frames(corpus)
    out = compare.author_summary(corpus, profile=dk.frame_profile(coded, n_boot=50),
                                 rates=dk.stance_rates(corpus, n_boot=50))
    assert out["group"].tolist() == sorted(corpus.docs["group"].unique())
    assert out["words"].sum() == len(corpus.tokens)
    assert {"top_keyword", "dominant_frame", "treatment_share", "deontic_per_1000",
            "hedge_per_1000", "compound_Russia"} <= set(out.columns)
    # a corpus naming no actor of the table: no actor columns rather than empty ones
    none = compare.author_summary(corpus, profile=dk.frame_profile(coded, n_boot=50),
                                  rates=dk.stance_rates(corpus, n_boot=50), actor=None)
    assert not [c for c in none.columns if c.startswith(("compound_", "n_"))]
    pd.testing.assert_frame_equal(none, out.drop(columns=["compound_Russia", "n_Russia"]))


def test_plots_draw_every_figure_of_the_notebook_on_a_toy_corpus(corpus):
    from discoursekit.plotting import compare as pc

    sims = {"content": compare.content_similarity(corpus),
            "stance": compare.stance_similarity(dk.stance_rates(corpus, n_boot=20))}
    fig = pc.plot_similarity_grid(sims, {k: compare.cluster_groups(v) for k, v in sims.items()})
    assert len(fig.axes) == 6          # each basis: heat map, its colour bar, dendrogram
    ax = pc.plot_ca_map(compare.correspondence_analysis(compare.group_term_counts(corpus)),
                        n_terms=5)
    assert ax.get_xlabel().startswith("dimension 1")
    sweep = compare.delta_sweep(corpus, (5, 10))
    assert len(pc.plot_neighbour_sweep(compare.nearest_neighbours(sweep)).axes) == 2
    assert len(pc.plot_delta_profile(sweep, "u0").axes) == 2
    import matplotlib.pyplot as plt
    plt.close("all")


def test_neighbour_sweep_shows_at_most_max_docs_rows_and_says_so(corpus):
    from discoursekit.plotting import compare as pc

    from discoursekit.plotting import group_order, short_label

    nn = compare.nearest_neighbours(compare.delta_sweep(corpus, (5, 10)))
    group_of = dict(zip(nn["doc_id"], nn["group"]))
    rank = {g: k for k, g in enumerate(group_order(set(group_of.values())))}
    docs = sorted(nn["doc_id"].unique(), key=lambda d: (rank[group_of[d]], d))
    fig = pc.plot_neighbour_sweep(nn, max_docs=2)
    # rows are labelled by group, as the legend is, and by doc_id in groups of several
    several = pd.Series(group_of).value_counts() > 1
    expected = [f"{short_label(group_of[d])} · {d}" if several[group_of[d]]
                else short_label(group_of[d]) for d in docs[:2]]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == expected
    notes = [t.get_text().replace("\n", " ") for t in fig.texts]
    assert f"the first 2 of {len(docs)} texts, by group and doc_id (all in the table)" in notes
    assert not any("texts, by group" in t.get_text() for t in pc.plot_neighbour_sweep(nn).texts)
    import matplotlib.pyplot as plt
    plt.close("all")


def test_author_summary_uses_the_corpus_grouping_for_its_keywords():
    # grouped by outlet: A holds two authors writing about peace, B one writing about tanks
    df = pd.DataFrame({"author": ["X", "Y", "Z"], "outlet": ["A", "A", "B"],
                       "text": ["Peace now. Peace talks and peace. Peace, peace again.",
                                "Peace at last. Peace and quiet talks. Peace.",
                                "Tanks roll. Tanks and more tanks. Tanks, tanks again."]})
    c = dk.Corpus.from_frame(df, by="outlet", clean=False)
    out = compare.author_summary(c, profile=dk.frame_profile(dk.code_corpus_frames(c), n_boot=20),
                                 rates=dk.stance_rates(c, n_boot=20))
    assert out["group"].tolist() == ["A", "B"]
    assert out["top_keyword"].tolist() == ["peace", "tanks"]


def test_mantel_spearman_p_value_equals_a_brute_force_permutation_test():
    """Every relabelling of six groups, with scipy's spearmanr on each: the p-value and
    r of mantel() are those numbers exactly (ranks are computed once inside)."""
    import itertools

    from scipy.stats import spearmanr

    rng = np.random.default_rng(11)
    g = list("abcdef")
    mats = []
    for _ in range(2):
        m = rng.random((6, 6))
        mats.append(pd.DataFrame((m + m.T) / 2, index=g, columns=g))
    out = compare.mantel({"x": mats[0], "y": mats[1]}, method="spearman")
    iu = np.triu_indices(6, 1)
    dx, dy = 1 - mats[0].to_numpy(), 1 - mats[1].to_numpy()
    r = spearmanr(dx[iu], dy[iu])[0]
    null = [spearmanr(dx[iu], dy[np.ix_(p, p)][iu])[0] for p in itertools.permutations(range(6))]
    assert out["r"].iloc[0] == pytest.approx(r, abs=1e-12)
    assert out["p_value"].iloc[0] == np.mean(np.array(null) >= r - 1e-12)
    assert out["n_permutations"].iloc[0] == 720


def test_mantel_resolution_states_pairs_relabellings_and_the_smallest_p():
    from discoursekit.compare import mantel, mantel_resolution

    def matrix(n):
        m = pd.DataFrame(np.arange(n * n, dtype=float).reshape(n, n))
        return m + m.T
    # 5 groups: 10 pairs, 5! = 120 relabellings, every one enumerated
    assert mantel_resolution(mantel({"x": matrix(5), "y": matrix(5)})) == (
        "5 groups, 10 pairs: 120 relabellings (all of them), so the smallest possible "
        "p-value is 1/120 ≈ 0.0083.")
    # 2 groups: one pair, no correlation
    assert mantel_resolution(mantel({"x": matrix(2), "y": matrix(2)})) == \
        "2 groups, 1 pair: too few for a correlation."
    # 8 groups above max_exact=7: 999 random relabellings and the identity
    assert mantel_resolution(mantel({"x": matrix(8), "y": matrix(8)}, n_perm=999)) == (
        "8 groups, 28 pairs: 1,000 relabellings (a random sample, and the identity), so the "
        "smallest possible p-value is 1/1,000 ≈ 0.001.")


def test_burrows_delta_leaves_out_words_of_constant_frequency_as_stylo_does():
    """A word at the same rate in every document has no z-score; stylo drops it, so
    Burrows' mean runs over the words that vary: with "the" constant, Delta is that of
    the table without it."""
    import pandas as pd

    from discoursekit.compare import delta_distances

    f = pd.DataFrame({"of": [.2, .4, .0], "and": [.5, .3, .1]}, index=["d1", "d2", "d3"])
    with_constant = f.assign(the=[.1, .1, .1])
    a = delta_distances(f)
    b = delta_distances(with_constant)
    pd.testing.assert_frame_equal(a, b, check_like=True)
    assert b.attrs["n_words"] == 2 and b.attrs["n_constant"] == 1
    # by hand: z(of) = (0, 1, -1), z(and) = (1, 0, -1); d1-d2 = (1 + 1) / 2 = 1.0
    assert b.loc["d1", "d2"] == pytest.approx(1.0)
