"""Own frames: codebook, coding sheets, reliability, classifier, cross-validation and the
corrected profile.  Expected values are worked out by hand, taken from published worked
examples (Krippendorff 2011), or checked by simulation with a known truth."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import discoursekit as dk
from discoursekit import framing as dkf
from discoursekit.framing.reliability import _alpha, alpha_interval


# --- codebook ----------------------------------------------------------------------------
def _write(tmp_path, text, name="codebook.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


OWN = """extends: default
drop: [issue]
categories:
  - id: transit_cost
    label: Transit cost
    kind: issue
    definition: What the tram costs and who pays.
    include: Budgets, fares, overruns.
    exclude: Costs of cars.
    examples: ["The tram will cost 40 million euros."]
    cues:
      - cues: [budget, overrun*, fare*]
        note: money words
  - id: street_life
    label: Street life
    kind: issue
    definition: Shops, walking and life on the street.
"""


def test_load_codebook_extends_the_default_and_drops_by_kind(tmp_path):
    book = dk.load_codebook(_write(tmp_path, OWN))
    assert book.ids("issue") == ["transit_cost", "street_life"]
    assert book.ids("generic") == list(dkf.GENERIC_FRAMES)
    assert book.function_ids == list(dkf.FUNCTION_IDS)
    assert book.uncued() == ["street_life"]
    coded = dk.code_frames(["The budget overrun angered riders.", "Shops opened."],
                           codebook=book)
    assert coded.attrs["categories"] == book.frame_ids
    assert coded["transit_cost"].tolist() == [True, False]
    assert coded["street_life"].tolist() == [False, False]       # no cues: never by lexicon


def test_default_codebook_codes_exactly_as_the_builtin_lexicon():
    texts = ["In May, Serbia placed its troops on combat alert.",
             "NATO must create a coalition of the willing."]
    book = dk.default_codebook()
    assert book.ids() == list(dkf.CATEGORY_IDS)
    pd.testing.assert_frame_equal(dk.code_frames(texts, codebook=book), dk.code_frames(texts))
    pd.testing.assert_frame_equal(dk.code_functions(texts, codebook=book),
                                  dk.code_functions(texts))


@pytest.mark.parametrize("text, match", [
    ("categories:\n  - id: a_b\n    label: A\n    definition: d\n  - id: a_b\n    label: B\n"
     "    definition: e\n", r"line 5, key 'id': 'a_b' is defined twice \(first on line 2\)"),
    ("categories:\n  - id: a_b\n    definition: d\n", r"line 2 \(category 'a_b'\): key 'label'"),
    ("categories:\n  - id: a_b\n    label: A\n", r"key 'definition' is missing"),
    ("categories:\n  - id: a_b\n    label: A\n    definition: d\n    colour: red\n",
     r"line 5: unknown key 'colour'"),
    ("categories:\n  - id: a_b\n    label: A\n    definition: d\n    cues:\n"
     "      - regex: '(unclosed'\n        note: n\n", r"line 6, key 'cues'.*regular expression"),
    ("categories:\n  - id: a_b\n    label: [A\n", r"line \d+: not valid YAML"),
    ("categories:\n  - id: Not-Snake\n    label: A\n    definition: d\n", r"not a snake_case id"),
    ("drop: [nonsense]\ncategories: []\n", r"key 'drop': 'nonsense'"),
])
def test_load_codebook_names_line_and_key_of_each_mistake(tmp_path, text, match):
    path = _write(tmp_path, text)
    with pytest.raises(dk.CodebookError, match=match) as err:
        dk.load_codebook(path)
    assert str(path) in str(err.value)


def test_a_frame_added_to_a_copy_of_frames_yaml_is_coded(tmp_path):
    copy = dk.copy_lexicon(tmp_path / "frames.yaml")
    text = copy.read_text(encoding="utf-8").replace(
        "\nrelabel:", "\n  transit_cost:\n    kind: issue\n    label: Transit cost\n"
        "    definition: d\n    cues:\n      - cue: tram\n        note: n\n\nrelabel:", 1)
    copy.write_text(text, encoding="utf-8")
    out = dk.code_frames(["The tram is late."], lexicon=copy)
    assert bool(out.loc[0, "transit_cost"])


def test_coding_guide_is_written_from_the_codebook_without_cues(tmp_path):
    guide = dk.coding_guide(dk.load_codebook(_write(tmp_path, OWN)))
    assert "### Transit cost (`transit_cost`)" in guide
    assert "**Exclude.** Costs of cars." in guide
    assert "overrun*" not in guide and "money words" not in guide  # no cue leaks to coders


# --- coding sheets -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds():
    return dk.load_corpus(dk.paths.SEEDS)


def test_coding_sheet_stratifies_and_records_inclusion_probabilities(seeds):
    sheet = dk.coding_sheet(seeds, n=60, overlap=0.25, seed=7)
    drawn = sheet.drop_duplicates("sentence_id")
    assert len(drawn) == 60
    sizes = seeds.sentences["doc_id"].map(dict(zip(seeds.docs["doc_id"], seeds.docs["group"])))
    sizes = sizes.value_counts()
    per = drawn.groupby("group").agg(k=("sentence_id", "size"), p=("inclusion_prob", "first"))
    for group, row in per.iterrows():
        assert row["p"] == pytest.approx(row["k"] / sizes[group])
    # Horvitz-Thompson: the inverse probabilities of a stratum's draws add up to its size
    assert (1 / drawn["inclusion_prob"]).sum() == pytest.approx(len(seeds.sentences))
    assert len(sheet.attrs["overlap"]) == 15
    assert sheet.groupby("coder").size().to_dict() == {"coder_1": 15 + 23, "coder_2": 15 + 22}
    again = dk.coding_sheet(seeds, n=60, overlap=0.25, seed=7)
    pd.testing.assert_frame_equal(sheet, again)


def test_read_codes_and_adjudicate_round_trip(seeds, tmp_path):
    sheet = dk.coding_sheet(seeds, n=10, overlap=1.0, coders=["ann", "bob"], seed=3)
    sheet["conflict"] = np.where(sheet["coder"] == "ann", "1", "0")
    dk.write_coding_sheets(sheet, tmp_path)
    codes = dk.read_codes(tmp_path, corpus=seeds)
    assert len(codes) == 20 and set(codes["conflict"]) == {0, 1}
    assert codes.loc[codes["coder"] == "ann", "military_security"].eq(0).all()  # blank = 0
    gold = dk.adjudicate(codes, coder="bob")
    assert len(gold) == 10 and gold["conflict"].eq(0).all()
    assert gold["disagreements"].eq(1).all()


@pytest.mark.parametrize("edit, match", [
    (lambda s: s.assign(conflict=["2"] + ["0"] * (len(s) - 1)), r"ann\.csv, line 2, column 'conflict'"),
    (lambda s: s.assign(sentence_id=["nowhere:0"] + s["sentence_id"].tolist()[1:], conflict="1"),
     r"sentence_id 'nowhere:0' is not a sentence"),
    (lambda s: s, r"coder 'ann' coded no sentence"),
])
def test_read_codes_names_file_line_and_column_of_bad_sheets(seeds, tmp_path, edit, match):
    sheet = dk.coding_sheet(seeds, n=5, coders=["ann"], seed=3)
    edit(sheet).to_csv(tmp_path / "ann.csv", index=False)
    with pytest.raises(ValueError, match=match):
        dk.read_codes(tmp_path / "ann.csv", corpus=seeds)


def test_write_coding_sheets_never_overwrites_a_coders_work(seeds, tmp_path):
    sheet = dk.coding_sheet(seeds, n=5, coders=["ann"], seed=3)
    dk.write_coding_sheets(sheet, tmp_path)
    with pytest.raises(FileExistsError, match="may hold a coder's work"):
        dk.write_coding_sheets(sheet, tmp_path)


def test_seed_codes_hold_the_counts_notebook_06_states(seeds):
    codes = dk.read_codes(dk.paths.SEEDS / "codes", corpus=seeds, codebook=dk.default_codebook())
    assert codes.groupby("coder").size().to_dict() == {"coder_1": 160, "coder_2": 173,
                                                        "coder_3": 40}
    assert codes["sentence_id"].nunique() == len(seeds.sentences)


# --- reliability ---------------------------------------------------------------------------
def _long(rows: dict) -> pd.DataFrame:
    return pd.DataFrame([(f"u{j}", coder, v) for coder, vals in rows.items()
                         for j, v in enumerate(vals) if v is not None],
                        columns=["sentence_id", "coder", "code"])


def test_reliability_matches_krippendorffs_binary_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: two
    # observers, ten units, binary; alpha = 1 - (n-1) o01 / (n0 n1) = 1 - 19*4/(14*6) = 0.095
    codes = _long({"A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]})
    out = dk.reliability(codes, categories=["code"], n_boot=200).iloc[0]
    assert out["alpha"] == pytest.approx(1 - 19 * 4 / (14 * 6))
    assert round(out["alpha"], 3) == 0.095
    # Cohen's kappa by hand: po = .6, pe = .2*.4 + .8*.6 = .56, kappa = .04/.44
    assert out["kappa"] == pytest.approx(0.04 / 0.44)
    assert out["agreement"] == pytest.approx(0.6) and out["verdict"] == "unreliable"


# Krippendorff (2011), section C: four observers, twelve units, values 1-5, missing data;
# nominal alpha = 0.743
_K2011 = [[1, 1, None, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2],
          [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [None, 5, 5, 5],
          [None, None, 1, 1], [None, None, 3, None]]


def _counts(units):
    return np.array([[sum(v == k for v in u if v is not None) for k in range(1, 6)]
                     for u in units], dtype=float)


def test_alpha_matches_krippendorffs_nominal_example_with_missing_data():
    assert round(_alpha(_counts(_K2011)), 3) == 0.743


def test_alpha_interval_agrees_with_scipys_bootstrap_over_units():
    counts = _counts(_K2011)
    counts = counts[counts.sum(axis=1) >= 2]
    lo, hi = alpha_interval(counts, n_boot=4000, seed=1)
    ref = stats.bootstrap((np.arange(len(counts)),), lambda idx: _alpha(counts[idx]),
                          vectorized=False, n_resamples=4000, method="percentile",
                          random_state=np.random.default_rng(2)).confidence_interval
    assert lo < 0.743 < hi
    assert lo == pytest.approx(ref.low, abs=0.05) and hi == pytest.approx(ref.high, abs=0.05)


# --- automatic coders ----------------------------------------------------------------------
def test_document_folds_never_put_one_document_on_both_sides():
    docs = np.repeat([f"d{i}" for i in range(9)], [3, 5, 2, 7, 4, 4, 6, 1, 3])
    seen = {}
    for r, _, train, test in dkf.document_folds(docs, n_splits=4, n_repeats=3, seed=5):
        assert not set(docs[train]) & set(docs[test])
        seen.setdefault(r, []).extend(test.tolist())
    assert len(seen) == 3
    for tested in seen.values():                     # every sentence tested once per repeat
        assert sorted(tested) == list(range(len(docs)))


def test_classifier_learns_a_category_that_has_no_cues(tmp_path):
    book = dk.load_codebook(_write(tmp_path, OWN))
    texts = (["New shops and cafes line the pedestrian street."] * 6
             + ["The council met on Tuesday."] * 6)
    codes = pd.DataFrame({"street_life": [1] * 6 + [0] * 6, "transit_cost": 0})
    model = dk.FrameClassifier(book).fit(texts, codes)
    out = model.predict(["Cafes and shops on the street.", "The council met."])
    assert out["street_life"].tolist() == [True, False]
    assert list(out.columns) == ["text", "transit_cost", "street_life", "cues"]
    assert out["transit_cost"].tolist() == [False, False]          # one class: constant


def test_coder_scores_match_hand_counts():
    cv = pd.DataFrame({"repeat": 0, "row": range(6), "document": list("aabbcc"),
                       "category": "x", "gold": [1, 1, 1, 0, 0, 0],
                       "lexicon": [1, 1, 0, 1, 0, 0], "classifier": [1, 1, 1, 0, 0, 0],
                       "combination": [1, 1, 1, 1, 0, 0]})
    cv.attrs["categories"] = ["x"]
    s = dkf.coder_scores(cv, n_boot=100).set_index("coder")
    # lexicon: tp 2, fp 1, fn 1, tn 2 -> P = R = F1 = 2/3; kappa = (4/6 - .5) / .5 = 1/3
    assert s.loc["lexicon", "f1"] == pytest.approx(2 / 3)
    assert s.loc["lexicon", "kappa"] == pytest.approx(1 / 3)
    assert s.loc["classifier", "f1"] == 1.0
    assert s.loc["combination", "precision"] == pytest.approx(3 / 4)


# --- corrected shares ----------------------------------------------------------------------
def test_corrected_profile_by_hand():
    # 4 sentences, automatic codes 1 1 0 0; sentences 0 and 2 hand-coded (pi = 1/2),
    # hand codes 0 and 1. Pseudo-outcomes: 1 + 2*(0-1) = -1, 1, 0 + 2*(1-0) = 2, 0.
    coded = pd.DataFrame({"doc_id": "d", "sent_id": range(4), "group": "G",
                          "f": [True, True, False, False]})
    codes = pd.DataFrame({"doc_id": "d", "sent_id": [0, 2], "inclusion_prob": 0.5, "f": [0, 1]})
    row = dk.corrected_profile(coded, codes, ["f"]).iloc[0]
    assert row["share_auto"] == 0.5 and row["share_hand"] == 0.5
    assert row["share"] == pytest.approx(0.5)                    # mean of -1, 1, 2, 0
    assert row["se"] == pytest.approx(np.std([-1, 1, 2, 0], ddof=1) / 2)


def test_corrected_intervals_cover_the_truth_where_a_biased_coder_does_not():
    rng = np.random.default_rng(20261207)
    truth, covered, naive, sims = 0.3, 0, 0, 300
    for _ in range(sims):
        n_all, n_coded = 3000, 250
        y = rng.random(n_all) < truth
        auto = np.where(y, rng.random(n_all) < 0.6, rng.random(n_all) < 0.05)  # biased
        coded = pd.DataFrame({"doc_id": "d", "sent_id": np.arange(n_all), "group": "G",
                              "f": auto})
        idx = rng.choice(n_all, n_coded, replace=False)
        codes = pd.DataFrame({"doc_id": "d", "sent_id": idx, "inclusion_prob": n_coded / n_all,
                              "f": y[idx].astype(int)})
        r = dk.corrected_profile(coded, codes, ["f"]).iloc[0]
        covered += r["ci_low"] <= truth <= r["ci_high"]
        naive += r["auto_low"] <= truth <= r["auto_high"]
    assert 0.92 <= covered / sims <= 0.98
    assert naive / sims < 0.05


def test_corrected_profile_uses_cross_fitted_codes_for_the_coded_sentences():
    coded = pd.DataFrame({"doc_id": "d", "sent_id": range(4), "group": "G",
                          "f": [True, True, False, False]})
    codes = pd.DataFrame({"doc_id": "d", "sent_id": [0, 2], "inclusion_prob": 0.5, "f": [0, 1]})
    cross = pd.DataFrame({"doc_id": "d", "sent_id": [0, 2], "f": [0, 1]})  # right out of fold
    row = dk.corrected_profile(coded, codes, ["f"], crossfit=cross).iloc[0]
    # pseudo-outcomes 0, 1, 1, 0
    assert row["share"] == pytest.approx(0.5)
    assert row["se"] == pytest.approx(np.std([0, 1, 1, 0], ddof=1) / 2)


# --- coding in JupyterLab ------------------------------------------------------------------
def _practice_sheet(seeds, tmp_path, n=4):
    sheet = dk.coding_sheet(seeds, n=n, coders=["ann"], seed=11)
    return dk.write_coding_sheets(sheet, tmp_path)[0]


def test_coding_view_hides_the_lexicons_cues_unless_asked(seeds, tmp_path):
    from discoursekit.explore import coding_view
    from discoursekit.framing.sheets import load_sheet

    sheet = load_sheet(_practice_sheet(seeds, tmp_path))
    blind = coding_view(sheet, 0)
    assert "<u" not in blind and "sentence 1 of 4 (0 coded)" in blind
    assert "Disagreement, rivalry" in blind                      # definitions are shown
    cued = coding_view(pd.DataFrame({"sentence_id": ["a:0"], "text": ["Troops moved."],
                                     "military_security": [""]}), 0, show_cues=True)
    assert '<u title="military_security">Troops</u>' in cued


def test_record_codes_saves_each_decision_and_coding_resumes_where_it_stopped(seeds, tmp_path):
    from discoursekit.framing.sheets import load_sheet, next_to_code, record_codes

    path = _practice_sheet(seeds, tmp_path)
    assert next_to_code(load_sheet(path)) == 0
    record_codes(path, 0, ["conflict"])
    record_codes(path, 2, [])
    sheet = load_sheet(path)                                      # read back from the file
    assert sheet.loc[0, "conflict"] == "1" and sheet.loc[0, "diplomacy"] == "0"
    assert sheet.loc[2, "conflict"] == "0"
    assert next_to_code(sheet) == 1 and next_to_code(sheet, after=1) == 3
    assert next_to_code(sheet, after=3) == 1                      # wraps round
    with pytest.raises(ValueError, match="'colour' is not a category"):
        record_codes(path, 1, ["colour"])
    codes = dk.read_codes(path, corpus=seeds)                     # partly coded sheets read
    assert len(codes) == 2


def test_frame_coder_codes_from_the_keyboard_and_goes_back(seeds, tmp_path):
    from discoursekit.explore import frame_coder
    from discoursekit.framing.sheets import load_sheet

    path = _practice_sheet(seeds, tmp_path)
    widget = frame_coder(path)
    keys, back, save, *boxes = widget.children[0].children
    keys.value = "1 10"                        # military & security, conflict; Enter
    assert load_sheet(path).loc[0, ["military_security", "conflict", "diplomacy"]].tolist() \
        == ["1", "1", "0"]
    assert "sentence 2 of 4" in widget.dk_output.value
    keys.value = "b"
    assert "sentence 1 of 4" in widget.dk_output.value and boxes[0].value and boxes[9].value
    boxes[0].value = False
    save.click()                               # the checkboxes, saved with the button
    assert load_sheet(path).loc[0, "military_security"] == "0"
    reopened = frame_coder(path)
    assert "sentence 2 of 4" in reopened.dk_output.value            # resumes at the next


def test_highlighter_offers_a_codebooks_own_kinds(tmp_path):
    from discoursekit.explore import frame_sets, highlight_frames

    book = dk.load_codebook(_write(tmp_path, OWN))
    assert frame_sets(book)["issue frames"] == ("transit_cost", "street_life")
    corpus = dk.Corpus.from_frame(pd.DataFrame({
        "text": ["The budget overrun grew. Shops closed."], "author": ["A"]}))
    page = highlight_frames(corpus, corpus.docs["doc_id"][0], codebook=book)
    assert "Transit cost" in page and '<u title="Transit cost: budget">budget</u>' in page


def test_reliability_gives_no_interval_when_few_units_carry_the_category():
    # 20 units, two coders who agree everywhere; only 2 units carry the category
    codes = _long({"A": [1, 1] + [0] * 18, "B": [1, 1] + [0] * 18})
    out = dk.reliability(codes, categories=["code"], n_boot=200).iloc[0]
    assert out["alpha"] == 1.0 and out["positive_units"] == 2
    assert np.isnan(out["alpha_low"]) and np.isnan(out["alpha_high"])
    assert out["verdict"] == "reliable (few positives)"


def test_corrected_profile_notes_where_the_coded_sample_shows_no_error():
    coded = pd.DataFrame({"doc_id": "d", "sent_id": range(6), "group": "G",
                          "f": [False] * 6})
    codes = pd.DataFrame({"doc_id": "d", "sent_id": [0, 1, 2], "inclusion_prob": 0.5,
                          "f": [0, 0, 0]})
    row = dk.corrected_profile(coded, codes, ["f"]).iloc[0]
    assert row["se"] == 0 and row["ci_low"] == row["ci_high"] == 0
    assert row["note"] == ("all 3 coded sentences agree with the automatic code: up to about "
                           "100% errors cannot be ruled out")


def test_a_codebook_without_framing_functions_gives_empty_function_results(tmp_path):
    """`extends: none` with no function: the flow of functions, the remedies and the
    function arc are empty and say so, instead of failing."""
    from discoursekit.plotting.framing import plot_function_arc

    book = dk.load_codebook(_write(tmp_path, "extends: none\ncategories:\n  - id: cost\n"
                                   "    label: Cost\n    definition: money\n"))
    corpus = dk.Corpus.from_frame(pd.DataFrame({"text": ["We must cut the cost. It rose."],
                                                "author": ["A"]}))
    coded = dk.code_corpus_frames(corpus, codebook=book)
    assert coded.attrs["categories"] == ["cost"]
    flow = dk.frame_flow(coded, book.function_ids)
    assert flow.empty and "share" in flow.columns
    assert dk.frame_flow(coded, ["cost", "treatment_recommendation"], only_coded=True)[
        "category"].unique().tolist() == ["cost"]
    with pytest.raises(ValueError, match="'treatment_recommendation' is not a column"):
        dk.frame_flow(coded, ["cost", "treatment_recommendation"])     # a typo still fails
    assert dk.code_remedies(coded).empty
    ax = plot_function_arc(flow)
    assert "the codebook has no framing functions" in [t.get_text() for t in ax.texts]


def test_interval_coverage_counts_the_cells_whose_interval_holds_the_truth():
    corrected = pd.DataFrame({"group": ["A", "A", "B"], "category": ["x", "y", "x"],
                              "auto_low": [0.1, 0.0, 0.5], "auto_high": [0.2, 0.4, 0.7],
                              "ci_low": [0.1, 0.0, 0.2], "ci_high": [0.5, 0.4, 0.9]})
    truth = pd.DataFrame({"group": ["B", "A", "A"], "category": ["x", "y", "x"],
                          "share": [0.3, 0.1, 0.3]})                 # another row order
    out = dkf.interval_coverage(corrected, truth)
    # automatic: A-x (.1-.2) misses .3, A-y holds .1, B-x (.5-.7) misses .3 -> 1/3
    assert out.loc["automatic codes"].tolist() == pytest.approx([1 / 3, (0.1 + 0.4 + 0.2) / 3])
    assert out.loc["corrected"].tolist() == pytest.approx([1.0, (0.4 + 0.4 + 0.7) / 3])
