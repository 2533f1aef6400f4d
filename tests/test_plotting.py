"""The figure helper: deterministic bytes, a CSV beside every figure, no half-written files."""
import hashlib

import matplotlib

matplotlib.use("Agg")
import pandas as pd
import pytest

from discoursekit import plotting as dkp


def _figure():
    fig, ax = dkp.new_figure()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("Test")
    return fig


def _hashes(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_save_figure_writes_four_files_with_identical_bytes_twice(tmp_path):
    data = pd.DataFrame({"label": ["a", "b"], "value": [1, 2]})
    dkp.save_figure(_figure(), "t", data, folder=tmp_path / "one")
    dkp.save_figure(_figure(), "t", data, folder=tmp_path / "two")
    one, two = _hashes(tmp_path / "one"), _hashes(tmp_path / "two")
    assert sorted(one) == ["t.csv", "t.pdf", "t.png", "t.svg"]
    assert one == two


def test_saved_files_carry_no_dates_or_versions(tmp_path):
    dkp.save_figure(_figure(), "t", pd.DataFrame({"x": [1]}), folder=tmp_path)
    svg = (tmp_path / "t.svg").read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    pdf = (tmp_path / "t.pdf").read_bytes()
    assert b"CreationDate" not in pdf and b"Producer" not in pdf
    assert b"Software" not in (tmp_path / "t.png").read_bytes()


def test_save_figure_refuses_a_figure_without_its_numbers(tmp_path):
    with pytest.raises(ValueError, match="every figure has its CSV"):
        dkp.save_figure(_figure(), "t", pd.DataFrame(), folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_group_colors_are_fixed_by_sorted_name():
    assert dkp.group_colors(["b", "a"]) == {"a": dkp.PALETTE[0], "b": dkp.PALETTE[1]}
    assert dkp.group_colors(["a", "b", "c"])["a"] == dkp.PALETTE[0]


def test_twelve_groups_get_twelve_colours_and_five_keep_the_palette():
    twelve = [f"g{k:02d}" for k in range(12)]
    assert len(set(dkp.group_colors(twelve).values())) == 12 == dkp.MAX_GROUPS
    assert dkp.group_colors(["e", "d", "c", "b", "a"]) == dict(zip("abcde", dkp.PALETTE))


def test_groups_that_are_not_people_keep_their_labels_whole():
    # --by outlet: the last word of an outlet's name is not a surname
    try:
        dkp.label_groups_by("outlet")
        assert dkp.short_label("Balkan Insight") == "Balkan Insight"
        assert dkp.short_labels(["New York Times", "Foreign Affairs"]) == {
            "New York Times": "New York Times", "Foreign Affairs": "Foreign Affairs"}
        dkp.label_groups_by("speaker")
        assert dkp.short_label("BARACK OBAMA") == "OBAMA"
    finally:
        dkp.label_groups_by("author")
    assert dkp.short_label("Balkan Insight") == "Insight"


def test_short_label_uses_last_names():
    assert dkp.short_label("David R. Shedd & Ivana Stradner") == "Shedd & Stradner"
    assert dkp.short_label("unknown [excerpt004]") == "unknown [excerpt004]"


def test_lexical_diversity_draws_three_artists_per_group_with_every_documents_values():
    import numpy as np
    from matplotlib.collections import LineCollection

    from discoursekit.plotting.corpus import plot_lexical_diversity

    rng = np.random.default_rng(0)
    n = 400                                    # a crowd: one artist per document was quadratic
    d = pd.DataFrame({"group": rng.choice(["A", "B"], n), "tokens": rng.integers(20, 900, n),
                      "ttr": rng.uniform(0.3, 0.9, n), "mattr": rng.uniform(0.5, 0.9, n)})
    ax = plot_lexical_diversity(d)
    assert len(ax.collections) == 2 * 3        # per group: TTR-MATTR lines, MATTR, TTR
    for k, (g, part) in enumerate(d.groupby("group")):
        lines, mattr, ttr = ax.collections[3 * k:3 * k + 3]
        x = part["tokens"].astype(float)
        assert isinstance(lines, LineCollection)
        assert sorted((s[0][0], s[0][1], s[1][1]) for s in lines.get_segments()) == sorted(
            zip(x, part["ttr"], part["mattr"]))
        assert sorted(map(tuple, mattr.get_offsets().tolist())) == sorted(zip(x, part["mattr"]))
        assert sorted(map(tuple, ttr.get_offsets().tolist())) == sorted(zip(x, part["ttr"]))


def test_groups_shown_keeps_the_largest_groups_in_their_order_and_says_so():
    sizes = pd.Series({"e": 5, "a": 9, "d": 5, "b": 1, "c": 7})
    assert dkp.groups_shown(sizes, "words", limit=5) == (["e", "a", "d", "b", "c"], None)
    # the three largest: a (9), c (7), then d before e (5 each, ties by name)
    shown, note = dkp.groups_shown(sizes, "words", limit=3)
    assert shown == ["a", "d", "c"]
    assert note == "3 of 5 groups shown (those with the most words); the CSV has every group"


def test_a_figure_of_many_groups_shows_the_largest_and_notes_it():
    from discoursekit.plotting.corpus import plot_sentence_lengths

    n = dkp.MAX_GROUPS + 3
    # group g has g + 1 sentences: the MAX_GROUPS largest are the last ones
    lengths = pd.DataFrame([{"group": f"G{g:02d}", "words": 10 + k}
                            for g in range(n) for k in range(g + 1)])
    ax = plot_sentence_lengths(lengths)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == dkp.MAX_GROUPS
    assert {lab.split()[0] for lab in labels} == {f"G{g:02d}" for g in range(3, n)}
    notes = [t.get_text() for t in ax.figure.texts]
    assert notes == [f"{dkp.MAX_GROUPS} of {n} groups shown (those with the most sentences); "
                     "the CSV has every group"]


def test_actor_naming_grid_of_many_groups_keeps_an_actor_only_small_groups_name():
    from discoursekit.plotting.stance import plot_actor_naming_grid

    n = dkp.MAX_GROUPS + 1
    # every group names Russia (group g: 2g + 2 times); only the smallest names Kosovo
    rows = [{"group": f"G{g:02d}", "actor": "Russia", "naming": "name", "n": 2 * g + 2,
             "share": 1.0} for g in range(n)]
    rows.append({"group": "G00", "actor": "Kosovo", "naming": "name", "n": 1,
                 "share": 1.0})
    fig = plot_actor_naming_grid(pd.DataFrame(rows), ["Russia", "Kosovo"])
    russia, kosovo = fig.axes[:2]
    assert len(russia.get_yticklabels()) == dkp.MAX_GROUPS
    assert [t.get_text() for t in kosovo.texts] == ["Kosovo: not named by the groups shown"]
    assert len(fig.texts) == 1 and fig.texts[0].get_text().startswith(
        f"{dkp.MAX_GROUPS} of {n} groups shown")


def test_ca_map_of_many_groups_names_those_that_shape_the_plane():
    from discoursekit.plotting.compare import plot_ca_map

    n = dkp.MAX_GROUPS + 3
    # plane contribution = (0.2 ctr_1 + 0.1 ctr_2) / 0.3; group g has ctr_1 = g, ctr_2 = 0,
    # except G00, whose ctr_2 of 30 gives it (0.1 * 30) / 0.3 = 10
    rows = [{"kind": "row", "label": f"G{g:02d}", "mass": 1 / n, "inertia": 0.0,
             "dim_1": g / 10, "dim_2": (-1) ** g * g / 10, "ctr_1": float(g),
             "ctr_2": 30.0 if g == 0 else 0.0} for g in range(n)]
    cols = [{"kind": "column", "label": f"w{k}", "mass": 0.1, "inertia": 0.0,
             "dim_1": -k / 5, "dim_2": k / 5, "ctr_1": float(k), "ctr_2": 0.0}
            for k in range(3)]
    ca = pd.DataFrame(rows + cols)
    ca.attrs.update(principal_inertia=[0.2, 0.1], explained=[0.5, 0.25])
    ax = plot_ca_map(ca, n_terms=3)
    named = {t.get_text().strip() for t in ax.texts} - {"w0", "w1", "w2", ""}
    # G01-G14 have 2g/3 (0.67 ... 9.33), G00 has 10: the 12 largest are G00 and G04-G14
    assert named == {"G00"} | {f"G{g:02d}" for g in range(4, n)}
    assert [t.get_text().replace("\n", " ") for t in ax.figure.texts] == [
        f"{dkp.MAX_GROUPS} of {n} groups named (those that contribute most to this plane), "
        "the others grey; the CSV has every group"]


def test_similarity_grid_of_many_groups_orders_each_heat_map_by_its_dendrogram():
    import numpy as np
    from scipy.cluster.hierarchy import dendrogram, linkage
    from scipy.spatial.distance import squareform

    from discoursekit import compare
    from discoursekit.plotting.compare import plot_similarity_grid

    n = dkp.MAX_GROUPS + 3
    rng = np.random.default_rng(5)
    names = [f"G{g:02d}" for g in range(n)]
    X = rng.normal(size=(n, 6)) + np.where(np.arange(n) % 2 == 0, 3.0, -3.0)[:, None]
    unit = X / np.linalg.norm(X, axis=1, keepdims=True)
    sims = {"content": pd.DataFrame(np.abs(unit @ unit.T), index=names, columns=names)}
    sims["content"].attrs["basis"] = "content"
    clusters = {"content": compare.cluster_groups(sims["content"])}
    fig = plot_similarity_grid(sims, clusters)
    heat, tree = fig.axes[0], fig.axes[1]          # (fig.axes[2] is the colour bar)
    # by hand: scipy's average linkage of 1 - similarity; its leaves drawn bottom to top
    D = 1 - sims["content"].to_numpy(copy=True)
    np.fill_diagonal(D, 0)
    leaves = dendrogram(linkage(squareform(D, checks=False), "average"), no_plot=True)["leaves"]
    order = [names[i] for i in leaves][::-1]
    shown = np.ma.filled(heat.images[0].get_array(), np.nan)
    expected = sims["content"].loc[order, order].to_numpy(copy=True)
    np.fill_diagonal(expected, np.nan)
    np.testing.assert_array_equal(shown, expected)
    assert [t.get_text() for t in tree.get_yticklabels()] == []
    assert fig.texts[0].get_text().startswith(f"{n} groups: colours only")


def test_short_labels_keep_full_names_where_last_names_would_be_alike():
    groups = ["MITT ROMNEY", "ANN ROMNEY", "BARACK OBAMA", "David R. Shedd & Ivana Stradner",
              "unknown [d7]"]
    assert dkp.short_labels(groups) == {"MITT ROMNEY": "MITT ROMNEY", "ANN ROMNEY": "ANN ROMNEY",
                                        "BARACK OBAMA": "OBAMA",
                                        "David R. Shedd & Ivana Stradner": "Shedd & Stradner",
                                        "unknown [d7]": "unknown [d7]"}
    assert dkp.short_label("ANN ROMNEY") == "ROMNEY"
    assert dkp.short_label("ANN ROMNEY", among=groups) == "ANN ROMNEY"


def test_author_profiles_give_every_column_the_same_gap_and_shorten_long_terms(seed_corpus):
    """Row titles and long keywords once widened the gap after their column (constrained
    layout counts a title as a point at its centre): the panels must be evenly spaced,
    and a term too long for a column ends in "…"."""
    import discoursekit as dk
    from discoursekit.plotting.compare import plot_author_profiles

    keyness = dk.keyness_all(seed_corpus, stopwords=True, n_boot=50)
    long_term = "counterdisinformationcampaigning"   # one word: it cannot be broken
    first = dk.top_keywords(keyness, n=5)
    first = first[first["group"] == sorted(keyness["group"])[0]].iloc[0]
    keyness.loc[(keyness["group"] == first["group"]) & (keyness["term"] == first["term"]),
                "term"] = long_term
    profile = dk.frame_profile(dk.code_corpus_frames(seed_corpus), n_boot=50)
    rates = dk.stance_rates(seed_corpus, n_boot=50)
    evaluation = dk.actor_evaluation(seed_corpus, n_boot=50)
    fig = plot_author_profiles(keyness, profile, rates, evaluation)
    fig.canvas.draw()
    ncol = seed_corpus.docs["group"].nunique()
    for row in range(4):
        boxes = [ax.get_position() for ax in fig.axes[row * ncol:(row + 1) * ncol]]
        gaps = [b.x0 - a.x1 for a, b in zip(boxes, boxes[1:])]
        widths = [b.width for b in boxes]
        # (a few pixels may differ where a shortened term still reaches past its bar;
        # the row title once added 0.19 of the width to the first gap)
        assert max(gaps) - min(gaps) < 0.01 and max(widths) - min(widths) < 0.004, (row, gaps)
    fig.canvas.draw()                    # terms are fitted to their column when drawn
    texts = [t.get_text().rstrip("*").replace("\n", " ") for ax in fig.axes[:ncol]
             for t in ax.texts]
    assert not any(long_term in t for t in texts)
    cut = [t for t in texts if t.endswith("…")]
    assert len(cut) == 1 and long_term.startswith(cut[0][:-1].rstrip())
    # a multiword term too long for one line is shown whole on two
    assert "bosnia and herzegovina" in texts
    assert any(t.get_text() == "bosnia and\nherzegovina" for t in fig.axes[3].texts)
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes[:ncol]:          # and every term ends inside its own column
        right = ax.get_window_extent(renderer).x1
        assert all(t.get_window_extent(renderer).x1 <= right + 1 for t in ax.texts)
    matplotlib.pyplot.close(fig)


def test_author_profiles_draw_each_keywords_interval_and_none_where_there_is_none(seed_corpus):
    """Panel a once drew bare bars: "north" rested on three occurrences with an interval
    from 0 to 6.4.  Each keyword's whisker spans the keyness table's own interval, and
    a group without one (the single excerpt) gets no whisker."""
    import numpy as np

    import discoursekit as dk
    from discoursekit.plotting.compare import plot_author_profiles

    keyness = dk.keyness_all(seed_corpus, stopwords=True, n_boot=50)
    profile = dk.frame_profile(dk.code_corpus_frames(seed_corpus), n_boot=50)
    rates = dk.stance_rates(seed_corpus, n_boot=50)
    evaluation = dk.actor_evaluation(seed_corpus, n_boot=50)
    fig = plot_author_profiles(keyness, profile, rates, evaluation)
    top = dk.top_keywords(keyness, n=5)
    groups = sorted(seed_corpus.docs["group"].unique())
    for ax, g in zip(fig.axes[:len(groups)], groups):
        kw = top[top["group"] == g]
        whiskers = sorted(tuple(np.round(line.get_xdata(), 9)) for line in ax.lines
                          if len(line.get_xdata()) == 2 and line.get_xdata()[0] != line.get_xdata()[1])
        expected = sorted((round(lo, 9), round(hi, 9)) for lo, hi in
                          zip(kw["log_ratio_ci_low"], kw["log_ratio_ci_high"])
                          if np.isfinite(lo) and np.isfinite(hi))
        assert whiskers == expected, g
        if g.startswith("unknown"):
            assert expected == []
    matplotlib.pyplot.close(fig)


def test_ca_map_of_two_groups_says_its_vertical_axis_is_empty():
    import discoursekit as dk
    from discoursekit import compare
    from discoursekit.plotting.compare import plot_ca_map

    corpus = dk.Corpus.from_frame(pd.DataFrame({"party": ["D", "R"], "text": [
        "Jobs and schools and health care for every family.",
        "Taxes and business and freedom for every family."]}), by="party")
    ca = compare.correspondence_analysis(compare.group_term_counts(corpus), n_components=2)
    assert len(ca.attrs["principal_inertia"]) == 1          # min(rows, columns) - 1
    ax = plot_ca_map(ca)
    assert [t.get_text().replace("\n", " ") for t in ax.figure.texts] == [
        "2 groups give a single dimension: only the horizontal position carries information; "
        "labels are moved up and down only to be legible"]
    matplotlib.pyplot.close(ax.figure)


def test_author_profiles_show_the_corpus_own_actors_or_say_that_none_is_named():
    """On another corpus none of the seed actors of PROFILE_ACTORS may occur: panel (d)
    then shows the corpus's most-mentioned actors (most sentences first), and a corpus
    naming no actor of the table says so and where to add its own."""
    from discoursekit import compare
    from discoursekit.plotting import NO_ACTOR
    from discoursekit.plotting.compare import plot_author_profiles

    kw = pd.DataFrame({"group": ["A", "B"], "term": ["tram", "bus"], "g2": [5.0, 4.0],
                       "log_ratio": [2.0, 1.5], "log_ratio_ci_low": [1.0, 0.5],
                       "log_ratio_ci_high": [3.0, 2.5], "freq_target": [4, 3]})
    empty = pd.DataFrame(columns=["group", "category", "share", "ci_low", "ci_high",
                                  "count", "rate", "lo", "hi", "n", "n_words"])
    ev = pd.DataFrame({"group": ["A", "B", "A"], "actor": ["Mayor", "Mayor", "Council"],
                       "n_sentences": [2, 2, 5], "mean_compound": [0.1, -0.2, 0.3],
                       "lo": [0.0, -0.4, 0.1], "hi": [0.2, 0.0, 0.5]})
    rates = pd.DataFrame({"group": ["A", "B"], "category": ["hedge", "hedge"],
                          "rate": [3.0, 2.0], "lo": [1.0, 1.0], "hi": [5.0, 3.0],
                          "n": [3, 2], "n_words": [1000, 1000]})
    table = compare.author_profile_table(kw, empty, rates, ev)
    # by hand: Council 5 sentences, Mayor 2 + 2 = 4, so Council first
    assert table.loc[table["panel"] == "actors", "item"].tolist() == ["Council", "Mayor", "Mayor"]
    fig = plot_author_profiles(kw, empty, rates, ev, min_sentences=1)
    assert [t.get_text() for t in fig.axes[6].get_yticklabels()] == ["Council", "Mayor"]
    matplotlib.pyplot.close(fig)
    six = list("ABCDEF")
    rates6 = pd.DataFrame({"group": six, "category": "hedge", "rate": 2.0, "lo": 1.0,
                           "hi": 3.0, "n": 2, "n_words": 1000})
    fig = plot_author_profiles(kw, empty, rates6, ev.iloc[:0])
    assert NO_ACTOR.replace("\n", " ") in [t.get_text() for ax in fig.axes for t in ax.texts]
    fig.canvas.draw()           # the message, wider than a column, leaves the columns even
    for row in range(4):
        boxes = [ax.get_position() for ax in fig.axes[6 * row:6 * row + 6]]
        gaps = [b.x0 - a.x1 for a, b in zip(boxes, boxes[1:])]
        assert max(gaps) - min(gaps) < 0.01, (row, gaps)
    assert not any(ax.axison for ax in fig.axes[18:24])     # no empty axes under it
    matplotlib.pyplot.close(fig)


def test_ca_map_puts_each_group_label_by_its_own_marker_among_crowded_points():
    """Sixteen outlets crowded near the origin: every label is nearer its own marker
    than any other group's, or joined to it by a line of its own colour, and no label
    covers another group's marker."""
    import numpy as np

    from discoursekit.plotting.compare import plot_ca_map

    rng = np.random.default_rng(3)
    names = ["Texarkana Gazette (via PressReader)", "City A.M.", "Mint (livemint.com)",
             "Radio Free Europe / Radio Liberty", "The Negotiator", "ITV News Anglia",
             "Civil Service World", "Yahoo Finance UK", "The Guardian", "Big Issue",
             "Landlord Today", "BBC News", "Daily Mail", "Fortune", "NPR", "Metro"]
    xy = rng.normal(scale=0.25, size=(len(names), 2))
    rows = [{"kind": "row", "label": g, "mass": 1 / 16, "inertia": 0.0, "dim_1": x, "dim_2": y,
             "ctr_1": 1.0 + k, "ctr_2": 1.0} for k, (g, (x, y)) in enumerate(zip(names, xy))]
    cols = [{"kind": "column", "label": f"word{k}", "mass": 0.01, "inertia": 0.0,
             "dim_1": float(a), "dim_2": float(b), "ctr_1": float(k), "ctr_2": 0.0}
            for k, (a, b) in enumerate(rng.normal(scale=0.4, size=(20, 2)))]
    ca = pd.DataFrame(rows + cols)
    ca.attrs.update(principal_inertia=[0.2, 0.1], explained=[0.5, 0.25])
    dkp.label_groups_by("outlet")
    try:
        ax = plot_ca_map(ca, n_terms=10)
    finally:
        dkp.label_groups_by("author")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    named = {t.get_text(): t for t in ax.texts if t.get_text() in names}
    assert len(named) == dkp.MAX_GROUPS
    points = {g: ax.transData.transform((x, y)) for g, (x, y) in zip(names, xy)}
    leaders = [(a.xy, a.arrow_patch.get_edgecolor()) for a in ax.texts
               if hasattr(a, "arrow_patch") and a.arrow_patch is not None]
    for g, t in named.items():
        box = t.get_window_extent(renderer)
        def gap(p):          # distance from a point to the label's box, in pixels
            return np.hypot(max(box.x0 - p[0], 0, p[0] - box.x1), max(box.y0 - p[1], 0, p[1] - box.y1))
        nearest = min(points, key=lambda h: gap(points[h]))
        joined = any(np.allclose(xy_, xy[names.index(g)]) for xy_, _ in leaders)
        assert nearest == g or joined, (g, nearest)
        for h, p in points.items():       # no label covers another group's marker
            if h != g:
                assert not (box.x0 < p[0] < box.x1 and box.y0 < p[1] < box.y1), (g, h)
    matplotlib.pyplot.close(fig)


def test_svg_clip_paths_are_numbered_by_order_not_by_a_hash_of_their_floats(tmp_path):
    """A clip rectangle that differs in the tenth decimal between two runs (drawn the
    same at six) once gave an SVG new ids; they are now clip1, clip2… by first use."""
    import re

    from discoursekit import plotting as dkp

    dkp.use_style()
    fig, axes = dkp.new_figure(3.0, 2.0, ncols=2)
    for ax in axes:
        ax.bar([0, 1], [1, 2])
    dkp.save_figure(fig, "clips", pd.DataFrame({"x": [0]}), folder=tmp_path)
    svg = (tmp_path / "clips.svg").read_text(encoding="utf-8")
    ids = re.findall(r'clipPath id="([^"]+)"', svg)
    assert ids and sorted(ids, key=lambda i: int(i[4:])) == [f"clip{k}" for k in range(1, len(ids) + 1)]
    used = set(re.findall(r"url\(#([^)]+)\)", svg))
    assert used <= set(ids) and not re.search(r"\bp[0-9a-f]{10}\b", svg)
    matplotlib.pyplot.close(fig)
