"""The shared rules every figure follows: one order of groups, one label per group,
colours that mean one thing, absence drawn as absence."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import discoursekit as dk  # noqa: E402
from discoursekit import plotting as dkp  # noqa: E402
from discoursekit.plotting import compare as pco  # noqa: E402
from discoursekit.plotting.corpus import plot_sentence_lengths  # noqa: E402
from discoursekit.plotting.framing import plot_frame_profile  # noqa: E402
from discoursekit.plotting.keywords import plot_keyness_heatmap  # noqa: E402


@pytest.fixture(scope="module")
def seeds():
    return dk.load_corpus(dk.paths.SEEDS)


@pytest.fixture(autouse=True)
def default_order():
    dkp.set_group_order(None)
    yield
    dkp.set_group_order(None)


def test_one_order_of_groups_and_a_user_order():
    assert dkp.group_order(["b", "a", "c", "a"]) == ["a", "b", "c"]
    dkp.set_group_order(["c", "a"])
    assert dkp.group_order(["a", "b", "c"]) == ["c", "a", "b"]   # unlisted groups follow


def test_sentence_lengths_follow_the_group_order_not_the_median(seeds):
    from discoursekit import overview

    lengths = overview.sentence_lengths(seeds)
    ax = plot_sentence_lengths(lengths)
    labels = [t.get_text().split(" (n=")[0] for t in ax.get_yticklabels()]
    groups = dkp.group_order(lengths["group"])
    assert labels == [dkp.short_label(g, groups) for g in groups]
    dkp.set_group_order(list(reversed(groups)))
    ax = plot_sentence_lengths(lengths)
    assert [t.get_text().split(" (n=")[0] for t in ax.get_yticklabels()] == labels[::-1]


def test_one_label_for_a_document_of_unknown_author():
    assert pco._label("unknown [excerpt004]") == "unknown [excerpt004]"
    assert dkp.short_label("unknown [excerpt004]") == "unknown [excerpt004]"


def test_categories_and_signed_values_never_take_a_group_colour():
    groups = set(dkp.PALETTE) | set(dkp.EXTRA_COLOURS)
    assert not set(dkp.CATEGORY_PALETTE) & groups
    assert not {dkp.NEGATIVE, dkp.POSITIVE} & groups
    assert set(dkp.category_colors(["author", "quoted", "reported"]).values()) <= set(
        dkp.CATEGORY_PALETTE)
    for x in (0.0, 0.25, 0.75, 1.0):
        rgb = matplotlib.colors.to_hex(dkp.DIVERGING(x))
        assert rgb.lower() not in {c.lower() for c in groups}


def test_a_word_a_group_never_uses_is_absent_not_zero(seeds):
    results = dk.keyness_all(seeds)
    ax = plot_keyness_heatmap(results)
    texts = [t.get_text() for t in ax.texts]
    # the seeds' top keywords include words some author never writes (freq 0)
    top = results[results["g2"] > 0].groupby("group").head(5)["term"].unique()
    zero = results[results["term"].isin(top) & (results["freq_target"] == 0)]
    assert len(zero) and texts.count("absent") == len(zero)
    notes = [t.get_text() for t in ax.figure.texts]
    assert any(n.startswith("absent: the group never uses the word") for n in notes)


def test_a_frame_no_sentence_carries_reads_none_not_zero_percent():
    profile = pd.DataFrame({
        "group": ["A", "A", "B", "B"], "category": ["military", "economy"] * 2,
        "share": [0.5, 0.0, 0.25, 0.1], "ci_low": [0.4, 0.0, 0.1, 0.1],
        "ci_high": [0.6, 0.0, 0.4, 0.1], "n_sentences": [10, 10, 20, 20]})
    ax = plot_frame_profile(profile)
    texts = [t.get_text() for t in ax.texts]
    assert "none" in texts and not any(t.startswith("0%") for t in texts)
    assert "10%" in texts                              # a zero-width interval is not printed
    assert "50%  [40–60]" in texts
    notes = " ".join(t.get_text() for t in ax.figure.texts)
    assert "no sentence of the group carries the category" in notes
    assert "interval has no width" in notes


def test_evidence_tables_show_sentences_whole_and_wrapped():
    sentence = ("Russia has also armed Serbia while increasing Serbia's energy dependence on "
                "Moscow, a lever it pulls whenever Belgrade drifts toward the West.")
    table = pd.DataFrame({"category": ["energy_economy"], "text": [sentence]})
    html = dk.explore.whole(table, name="t").to_html()
    assert sentence.replace("'", "&#39;") in html or sentence in html     # not cut at 50
    assert "white-space: normal" in html and 'id="T_t' in html
    assert html == dk.explore.whole(table, name="t").to_html()            # same bytes again


def test_the_keyness_legend_names_only_the_bars_drawn(seeds):
    from discoursekit.plotting.keywords import plot_keyness_grid

    results = dk.keyness_all(seeds, reference="english")
    fig = plot_keyness_grid(results)
    bars = [p for ax in fig.axes if ax.get_visible() for p in ax.patches]
    labels = [t.get_text() for lg in fig.legends for t in lg.get_texts()]
    assert ("not significant after correction" in labels) == any(p.get_hatch() for p in bars)
    assert ("adjusted p < 0.05" in labels) == any(not p.get_hatch() for p in bars)
