"""Keyword figures: each takes a result frame, draws what it was given and returns it."""
import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from discoursekit.collocation import collocate_differences
from discoursekit.dispersion import dispersion, term_positions
from discoursekit.keywords import keyness, keyness_all, top_keywords
from discoursekit.plotting import keywords as kwplot

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def kw(seed_corpus):
    return keyness_all(seed_corpus, stopwords=True, n_boot=100)


def test_plot_keyness_draws_one_bar_per_selected_keyword(seed_corpus):
    result = keyness(seed_corpus, "John P. Ruehl", n_boot=100)
    ax = kwplot.plot_keyness(result, n=6, n_negative=2)
    labels = [t.get_text().split(" (")[0] for t in ax.get_yticklabels()]
    assert labels == top_keywords(result, n=6, n_negative=2)["term"].tolist()
    assert len(ax.patches) == 8 and ax.get_title(loc="left") == "Ruehl vs the other groups"
    plt.close(ax.figure)


def test_plot_keyness_grid_and_heatmap_have_a_panel_and_a_column_per_group(kw):
    fig = kwplot.plot_keyness_grid(kw, n=5)
    assert sum(ax.get_visible() for ax in fig.axes) == kw["group"].nunique()
    plt.close(fig)
    ax = kwplot.plot_keyness_heatmap(kw, n=3)
    assert len(ax.get_xticklabels()) == kw["group"].nunique()
    plt.close(ax.figure)


def test_plot_collocates_and_dispersion_return_their_axes(seed_corpus):
    wide = collocate_differences(seed_corpus, "Kosovo", top=3)
    ax = kwplot.plot_collocate_differences(wide)
    assert [t.get_text() for t in ax.get_yticklabels()] == wide["collocate"].tolist()
    plt.close(ax.figure)
    fig = kwplot.plot_collocate_grid({"Kosovo": wide, "NATO": collocate_differences(
        seed_corpus, "NATO", top=3)})
    plt.close(fig)
    terms = ["Vučić", "NATO"]
    ax = kwplot.plot_dispersion(term_positions(seed_corpus, terms), dispersion(seed_corpus, terms))
    assert len(ax.get_yticklabels()) == 2 * len(seed_corpus.docs)
    plt.close(ax.figure)


def test_plots_say_which_frame_they_need():
    import pandas as pd
    with pytest.raises(ValueError, match="plot_keyness needs the column"):
        kwplot.plot_keyness(pd.DataFrame({"term": ["a"]}))


def test_an_empty_collocate_panel_says_why(seed_corpus):
    wide = collocate_differences(seed_corpus, "Mars", top=3, min_freq=3, window=4)
    ax = kwplot.plot_collocate_differences(wide)
    # the panel names the thresholds that left it empty
    assert [t.get_text() for t in ax.texts] == [
        "no word (stop words aside) occurs\n3 or more times within 4 words\nof the node in one group"]
    plt.close(ax.figure)


def test_dispersion_barcodes_keep_the_documents_with_most_hits_per_term(seed_corpus):
    terms = ["Kosovo", "NATO"]
    spread = dispersion(seed_corpus, terms)
    ax = kwplot.plot_dispersion(term_positions(seed_corpus, terms), spread, max_docs=3)
    assert len(ax.get_yticklabels()) == 2 * 3
    from discoursekit.plotting import group_order

    # the three documents with the most hits per term, drawn in the figures' group order
    rank = {g: k for k, g in enumerate(group_order(spread["group"]))}
    top = spread.sort_values("freq", ascending=False, kind="stable").groupby(
        "term", sort=False).head(3)
    term_rank = {t: k for k, t in enumerate(dict.fromkeys(spread["term"]))}
    top = top.assign(_t=top["term"].map(term_rank),
                     _g=top["group"].map(rank)).sort_values(["_t", "_g", "doc_id"])
    shown = [f"f={f}" for f in top["freq"]]
    labels = [t.get_text().split()[0] for t in ax.texts if t.get_text().startswith("f=")]
    assert labels == shown
    notes = [t.get_text() for t in ax.texts if "documents" in t.get_text()]
    n_docs = len(seed_corpus.docs)
    assert notes == [f"3 of {n_docs} documents: those with the most hits"] * 2
    plt.close(ax.figure)


def test_dispersion_plot_of_many_terms_shows_those_with_the_most_hits():
    import discoursekit.plotting as dkp
    from discoursekit.plotting.keywords import plot_dispersion

    n = dkp.MAX_GROUPS + 2
    # term t has t + 1 hits in one document: the two with fewest (t0, t1) are left out
    disp = pd.DataFrame({"term": [f"t{t}" for t in range(n)], "group": "A", "doc_id": "d",
                         "freq": [t + 1 for t in range(n)], "dp": 0.5})
    hits = pd.DataFrame([{"term": f"t{t}", "doc_id": "d", "relative": k / (t + 1)}
                         for t in range(n) for k in range(t + 1)])
    ax = plot_dispersion(hits, disp)
    shown = [t.get_text() for t in ax.texts if t.get_text().startswith("“")]
    assert shown == [f"“t{t}”" for t in range(2, n)]
    assert [t.get_text().replace("\n", " ") for t in ax.figure.texts] == [
        f"{dkp.MAX_GROUPS} of {n} terms shown (those with the most hits); the CSV has every term"]


def test_collocate_heat_map_of_many_groups_keeps_those_using_the_node_most():
    import numpy as np

    import discoursekit.plotting as dkp

    n = dkp.MAX_GROUPS + 2
    groups = [f"G{g:02d}" for g in range(n)]
    # collocate c_g is seen only in group g; group g uses the node g + 1 times
    wide = pd.DataFrame({"collocate": [f"c{g}" for g in range(n)],
                         **{name: [10.0 if k == g else np.nan for k in range(n)]
                            for g, name in enumerate(groups)},
                         "n_groups": 1, "range": 0.0})
    wide.attrs.update({"node": "russia", "node_freq": {g: i + 1 for i, g in enumerate(groups)}})
    fig = kwplot.plot_collocate_grid({"russia": wide})
    ax = fig.axes[0]
    assert [t.get_text().split()[0] for t in ax.get_xticklabels()] == groups[2:]
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"c{g}" for g in range(2, n)]
    assert [t.get_text().replace("\n", " ") for t in fig.texts] == [
        f"{dkp.MAX_GROUPS} of {n} groups shown (those with the most mentions of the nodes); "
        "the CSV has every group"]


def test_against_one_other_group_the_titles_say_group_not_groups():
    import discoursekit as dk
    from discoursekit.plotting import keywords as kp

    df = pd.DataFrame({"author": ["A", "B"], "text": [
        "Russia backs Serbia. Russia arms Serbia. Russia again and again.",
        "Kosovo waits. Kosovo votes. NATO watches Kosovo closely."]})
    kw = dk.keyness_all(dk.Corpus.from_frame(df), n_boot=20, min_freq=1)
    fig = kp.plot_keyness_grid(kw, n=3)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["A vs the other group",
                                                             "B vs the other group"]
    ax = kp.plot_keyness_heatmap(kw, n=2)
    assert ax.figure.axes[-1].get_ylabel() == "log ratio vs the other group"
    plt.close("all")


def test_a_keyword_without_an_interval_gets_no_whisker(kw):
    """The single excerpt cannot be resampled (its intervals are NaN): its bars once
    carried tiny zero-width caps that read as perfectly certain estimates."""
    excerpt = kw[kw["group"].str.startswith("unknown")].copy()
    assert excerpt["log_ratio_ci_low"].isna().all()
    ax = kwplot.plot_keyness(excerpt, n=5)
    assert len(ax.collections) == 0 and len(ax.lines) == 1   # only the zero line is drawn
    # a keyword with an interval keeps its whisker; the one without gets none
    ruehl = kw[kw["group"] == "John P. Ruehl"].copy()
    top = top_keywords(ruehl, n=2)
    ruehl.loc[ruehl["term"] == top["term"].iloc[1], ["log_ratio_ci_low", "log_ratio_ci_high"]] = float("nan")
    ax = kwplot.plot_keyness(ruehl, n=2)
    segments = [seg for c in ax.collections for seg in c.get_segments()]
    lo, hi = top["log_ratio_ci_low"].iloc[0], top["log_ratio_ci_high"].iloc[0]
    assert len(segments) == 1
    assert segments[0][:, 0].tolist() == pytest.approx([lo, hi])
    plt.close("all")
