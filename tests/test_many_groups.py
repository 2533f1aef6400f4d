"""Every figure of the notebooks, drawn for 3, 12 and 16 groups with long names.

The groups are outlets named as real ones are ("Texarkana Gazette (via PressReader)"),
each with two articles cut from the seed op-eds, so every analysis has text to work on.
Each figure is drawn as its notebook draws it, saved as the notebooks save it, and then
measured:

* the saved PDF fits a 7 × 9 in page with no text under 6 pt;
* no two texts of the figure overlap (titles, tick labels, labels, notes, legends);
* every group the figure shows is named in it, or a note says how many are shown.
"""
from __future__ import annotations

import itertools
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import discoursekit as dk  # noqa: E402
from discoursekit import actors, compare, keywords, overview, stance  # noqa: E402
from discoursekit import framing as dkf  # noqa: E402
from discoursekit import plotting as dkp  # noqa: E402
from discoursekit.collocation import collocate_differences, nodes_to_show  # noqa: E402
from discoursekit.dispersion import dispersion, term_positions  # noqa: E402
from discoursekit.plotting import compare as pcm  # noqa: E402
from discoursekit.plotting import corpus as pco  # noqa: E402
from discoursekit.plotting import framing as pfr  # noqa: E402
from discoursekit.plotting import keywords as pkw  # noqa: E402
from discoursekit.plotting import stance as pst  # noqa: E402

from test_figure_sizes import pdf_page_and_fonts  # noqa: E402

#: Sixteen outlet names as long as real ones get.
OUTLETS = ["Texarkana Gazette (via PressReader)", "The Balkan Investigative Reporting Network",
           "City A.M.", "Radio Free Europe / Radio Liberty", "Mint (livemint.com)",
           "The Wall Street Journal Opinion", "Foreign Policy Research Institute",
           "Neue Zürcher Zeitung English Edition", "Yahoo Finance UK", "ITV News Anglia",
           "Civil Service World", "The Negotiator", "Deutsche Welle English Service",
           "The Guardian Weekly Editorials", "Al Jazeera English Opinion",
           "The Independent (Voices)"]
N_BOOT = 20


def _corpus(n: int) -> dk.Corpus:
    """``n`` outlets, two articles each, dealt consecutive runs of seed sentences."""
    seeds = dk.load_corpus(dk.paths.SEEDS)
    sents = seeds.sentences["text"].tolist()
    per = len(sents) // (2 * n)
    rows = [{"doc_id": f"d{k:02d}", "outlet": OUTLETS[k // 2],
             "text": " ".join(sents[k * per:(k + 1) * per])} for k in range(2 * n)]
    return dk.Corpus.from_frame(pd.DataFrame(rows), by="outlet")


def _figures(corpus: dk.Corpus):
    """(name, figure) for every figure of notebooks 00–04, drawn as the notebooks do."""
    by = corpus.by
    yield "00_sentence_lengths", pco.plot_sentence_lengths(overview.sentence_lengths(corpus)).figure
    yield "00_lexical_diversity", pco.plot_lexical_diversity(
        overview.lexical_diversity(corpus, window=100)).figure
    kw = keywords.keyness_all(corpus, by=by, stopwords=True, n_boot=N_BOOT)
    yield "01_keyness_vs_rest", pkw.plot_keyness_grid(kw, n=8, n_negative=3)
    yield "01_keyness_heatmap", pkw.plot_keyness_heatmap(kw, n=4).figure
    terms = keywords.top_keywords(kw, n=1)["term"].tolist()
    yield "01_dispersion", pkw.plot_dispersion(term_positions(corpus, terms, by=by),
                                              dispersion(corpus, terms, by=by)).figure
    nodes = nodes_to_show(corpus, ["Russia", "Serbia", "Kosovo"], by=by)
    tables = {node: collocate_differences(corpus, node, by=by, top=4) for node in nodes}
    yield "01_collocate_differences", pkw.plot_collocate_grid(tables)
    codebook = dk.corpus_codebook(dk.paths.SEEDS)
    coded = dkf.code_corpus_frames(corpus, codebook=codebook)
    profile = dkf.frame_profile(coded, n_boot=N_BOOT)
    yield "02_frame_profile", pfr.plot_frame_profile(profile).figure
    yield "02_profile_intervals", pfr.plot_profile_intervals(profile, codebook.ids("issue")).figure
    yield "02_frame_flow", pfr.plot_frame_flow(coded)
    yield "02_remedies", pfr.plot_remedies(dkf.count_remedies(dkf.code_remedies(coded))).figure
    rates = stance.stance_rates(corpus, block=5, n_boot=N_BOOT)
    yield "03_stance_profile", pst.plot_stance_rates(rates).figure
    yield "03_borrowed_stance", pst.plot_borrowed_stance(stance.borrowed_stance(corpus)).figure
    yield "03_obligation_targets", pst.plot_obligation_targets(
        stance.obligation_targets(corpus)).figure
    mentions = actors.actor_mentions(corpus)
    naming = actors.actor_naming(mentions)
    yield "03_actor_naming", pst.plot_actor_naming_grid(
        naming, actors.actors_to_show(naming, ["Russia", "Serbia", "Kosovo"]))
    evaluation = stance.actor_evaluation(corpus, mentions, n_boot=N_BOOT)
    fig, ax = dkp.new_figure(dkp.DOUBLE, 3.4)
    pst.plot_actor_heatmap(evaluation, "mean_compound", min_n=5, label="mean VADER compound",
                           ax=ax)
    yield "03_actor_evaluation", fig
    yield "03_voice", pst.plot_voice(stance.voice(stance.quotations(corpus))).figure
    similarities = {"content": compare.content_similarity(corpus),
                    "frames": compare.frame_similarity(profile),
                    "stance": compare.stance_similarity(rates)}
    clusters = {b: compare.cluster_groups(s, method="average") for b, s in similarities.items()}
    yield "04_similarity", pcm.plot_similarity_grid(similarities, clusters)
    ca = compare.correspondence_analysis(compare.group_term_counts(corpus, n_terms=100),
                                         n_components=2)
    yield "04_ca_map", pcm.plot_ca_map(ca, n_terms=15).figure
    sweep = compare.delta_sweep(corpus, compare.MFW_SWEEP)
    yield "04_neighbours", pcm.plot_neighbour_sweep(compare.nearest_neighbours(sweep))
    first = sorted(corpus.docs["doc_id"])[0]
    yield "04_excerpt_delta", pcm.plot_delta_profile(sweep, first)
    yield "04_author_profiles", pcm.plot_author_profiles(
        kw, profile, rates, stance.actor_evaluation(corpus, n_boot=N_BOOT))


def _undrawn_tick_labels(fig) -> set:
    """Tick labels matplotlib keeps but does not draw: those of ticks outside the view."""
    hidden = set()
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
            span = (hi - lo) * 1e-9
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - span <= tick.get_loc() <= hi + span:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return hidden


def _texts(fig):
    """Every drawn, non-empty text of the figure, with its box in pixels."""
    renderer = fig.canvas.get_renderer()
    hidden = _undrawn_tick_labels(fig)
    out = []
    for t in fig.findobj(Text):
        if id(t) in hidden:
            continue
        if not t.get_visible() or not t.get_text().strip():
            continue
        if t.axes is not None and not t.axes.get_visible():
            continue
        box = t.get_window_extent(renderer)
        lines = t.get_text().split("\n")
        blank = len(lines) - len(t.get_text().lstrip(" \n").split("\n"))
        if blank and not _slanted(t):     # a leading blank line draws nothing
            box = type(box).from_extents(box.x0, box.y0, box.x1,
                                         box.y1 - box.height * blank / len(lines))
        out.append((t, box))
    return out


def _slanted(t) -> bool:
    return round(t.get_rotation()) % 90 != 0


def _overlaps(texts, tolerance: float = 1.0):
    """Pairs of texts whose boxes overlap by more than ``tolerance`` pixels both ways.

    Two slanted labels of the same angle (a heat map's column names at 40 degrees) have
    boxes that overlap while their letters do not: they are measured as the parallel
    strips they are, apart when their anchors are at least one line height apart
    across the slant."""
    found = []
    for (a, ba), (b, bb) in itertools.combinations(texts, 2):
        if _slanted(a) and _slanted(b) and round(a.get_rotation()) == round(b.get_rotation()):
            theta = math.radians(a.get_rotation())
            (xa, ya), (xb, yb) = (t.get_transform().transform(t.get_position()) for t in (a, b))
            across = abs(-(xb - xa) * math.sin(theta) + (yb - ya) * math.cos(theta))
            height = a.get_size() * a.figure.dpi / 72
            if across + tolerance < height:
                found.append((a.get_text(), b.get_text()))
            continue
        ox = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
        oy = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
        if ox > tolerance and oy > tolerance:
            found.append((a.get_text(), b.get_text()))
    return found


@pytest.fixture(scope="module", params=[3, 12, 16], ids=lambda n: f"{n}_groups")
def drawn(request, tmp_path_factory):
    dkp.label_groups_by("outlet")
    dkp.set_group_order(None)
    corpus = _corpus(request.param)
    folder = tmp_path_factory.mktemp(f"groups{request.param}")
    out = {}
    for name, fig in _figures(corpus):
        dkp.save_figure(fig, name, pd.DataFrame({"x": [0]}), folder=folder)
        fig.canvas.draw()
        texts = _texts(fig)
        out[name] = {"pdf": folder / f"{name}.pdf", "overlaps": _overlaps(texts),
                     "words": " ".join(t.get_text().replace("\n", " ") for t, _ in texts),
                     "notes": [t.get_text().replace("\n", " ") for t in fig.texts]}
        plt.close(fig)
    yield request.param, sorted(corpus.docs["outlet"].unique()), out
    dkp.label_groups_by("author")


NAMES = ["00_sentence_lengths", "00_lexical_diversity", "01_keyness_vs_rest",
         "01_keyness_heatmap", "01_dispersion", "01_collocate_differences", "02_frame_profile",
         "02_profile_intervals", "02_frame_flow", "02_remedies", "03_stance_profile",
         "03_borrowed_stance", "03_obligation_targets", "03_actor_naming",
         "03_actor_evaluation", "03_voice", "04_similarity", "04_ca_map", "04_neighbours",
         "04_excerpt_delta", "04_author_profiles"]


@pytest.mark.parametrize("name", NAMES)
def test_the_figure_fits_a_page_and_no_text_overlaps_another(drawn, name):
    n, groups, figures = drawn
    fig = figures[name]
    w, h, sizes = pdf_page_and_fonts(fig["pdf"])
    assert w <= dkp.PAGE_WIDTH and h <= dkp.PAGE_HEIGHT, (name, n, w, h)
    assert min(sizes) >= dkp.MIN_FONT_PT, (name, n, min(sizes))
    assert fig["overlaps"] == [], (name, n)


@pytest.mark.parametrize("name", ["01_keyness_vs_rest", "01_keyness_heatmap", "02_frame_profile",
                                  "03_stance_profile", "04_similarity", "04_ca_map",
                                  "04_author_profiles"])
def test_every_group_the_figure_shows_is_named(drawn, name):
    n, groups, figures = drawn
    named = [g for g in groups if g in figures[name]["words"]]
    shown = [note for note in figures[name]["notes"] if f"of {n} groups" in note]
    if shown:       # "12 of 16 groups shown (those with the most words)…"
        k = int(shown[0].split(" of ")[0])
        assert len(named) >= k, (name, n, named)
    else:
        assert named == groups, (name, n, sorted(set(groups) - set(named)))
