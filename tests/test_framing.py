"""Tests of discoursekit.framing on hand-written sentences with hand-written expectations."""
import numpy as np
import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import framing as fr

MAY = "In May, Serbia placed its troops on combat alert."
NATO = "NATO must create a coalition of the willing, headed by the United States."
WEATHER = "The weather was mild that afternoon."


def _frames(text):
    row = fr.code_frames([text]).iloc[0]
    return {c for c in fr.FRAME_IDS if row[c]}


def _functions(text):
    row = fr.code_functions([text]).iloc[0]
    return {c for c in fr.FUNCTION_IDS if row[c]}


# --- coding ------------------------------------------------------------------------------
def test_may_the_month_is_military_and_not_a_recommendation():
    assert "military_security" in _frames(MAY)
    assert "treatment_recommendation" not in _functions(MAY)


def test_nato_must_is_a_treatment_recommendation():
    assert "treatment_recommendation" in _functions(NATO)


def test_a_sentence_without_a_frame_codes_nothing():
    assert _frames(WEATHER) == set()
    assert _functions(WEATHER) == set()
    assert fr.code_frames([WEATHER]).loc[0, "cues"] == {}


def test_kosova_and_kosovo_code_alike():
    a = fr.code_frames(["Kosova declared independence and sought recognition."])
    b = fr.code_frames(["Kosovo declared independence and sought recognition."])
    cols = list(fr.FRAME_IDS)
    assert a[cols].equals(b[cols])
    assert a.loc[0, "cues"] == b.loc[0, "cues"]


def test_diacritics_do_not_matter():
    a = fr.code_frames(["Vučić called for talks with Priština."])
    b = fr.code_frames(["Vucic called for talks with Pristina."])
    assert a[list(fr.FRAME_IDS)].equals(b[list(fr.FRAME_IDS)])
    assert a.loc[0, "diplomacy"]


def test_multiword_cues_match_as_phrases_with_offsets():
    text = "Russia used little green men in Crimea and respects no territorial integrity."
    cues = fr.code_frames([text]).loc[0, "cues"]
    assert ("little green men", 12, 28) in cues["historical_analogy"]
    assert ("territorial integrity", 55, 76) in cues["sovereignty_territory"]
    assert text[12:28] == "little green men"


def test_wildcard_and_hyphenated_words_match():
    assert "diplomacy" in _frames("The government refused to impose sanctions.")
    assert "military_security" in _frames("Moscow delivered anti-aircraft systems.")


def test_nis_the_city_is_not_the_oil_company():
    # "Niš" and "NIS" normalise alike; only the oil company's full name is an energy cue.
    assert "energy_economy" not in _frames("The centre lies in Niš, near the border.")
    assert "energy_economy" in _frames("Gazprom owns a majority of Naftna Industrija Srbije.")


def test_reported_beliefs_and_epistemic_must_are_not_recommendations():
    assert "treatment_recommendation" not in _functions(
        "Many Serbs believe their country should retake Kosovo.")
    assert "treatment_recommendation" not in _functions("He must have known about the plan.")
    assert "treatment_recommendation" not in _functions(
        "The president does not need to invade to destabilise the country.")


def test_it_is_time_for_is_a_recommendation():
    assert "treatment_recommendation" in _functions("It is time, then, for Europe to act.")


def test_output_rows_follow_input_order():
    texts = [WEATHER, MAY, NATO, "Gas prices rose.", WEATHER]
    out = fr.code_frames(texts)
    assert out["text"].tolist() == texts
    assert out.index.tolist() == list(range(5))
    singles = pd.concat([fr.code_frames([t]) for t in texts], ignore_index=True)
    assert out[list(fr.FRAME_IDS)].equals(singles[list(fr.FRAME_IDS)])


def test_code_frames_has_one_boolean_column_per_frame_id():
    out = fr.code_frames([MAY])
    assert list(out.columns) == ["text", *fr.FRAME_IDS, "cues"]
    assert all(out[c].dtype == bool for c in fr.FRAME_IDS)
    assert list(fr.code_functions([MAY]).columns) == ["text", *fr.FUNCTION_IDS, "cues"]


def test_empty_input_gives_an_empty_frame_with_the_columns():
    out = fr.code_frames([])
    assert len(out) == 0 and list(out.columns) == ["text", *fr.FRAME_IDS, "cues"]


def test_a_single_string_is_refused_with_a_hint():
    with pytest.raises(TypeError, match=r"wrap it"):
        fr.code_frames(MAY)


def test_a_lexicon_cue_without_a_note_is_refused(tmp_path):
    path = tmp_path / "frames.yaml"
    body = "frames:\n" + "".join(f"  {c}:\n    cues:\n      - cue: war\n" for c in fr.FRAME_IDS)
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match="needs a 'note'"):
        fr.code_frames([MAY], lexicon=path)


@pytest.mark.parametrize("conflict, hit", [
    (r"\b(\w+) \1\b", ("The the", 0, 7)),      # a back-reference: no combined screen
    (r"\bstall\w*", ("stalled", 21, 28)),           # screened with the other regex
])
def test_a_custom_lexicon_matches_regex_prefix_and_exact_cues(tmp_path, conflict, hit):
    """Cues written by hand: a regex with a leading flag, another regex, a prefix cue and
    an exact cue on the same word in two frames; each match worked out by hand."""
    cues = {"military_security": "- {regex: '(?i)\\bKOSOVO\\b', note: n}",
            "conflict": f"- {{regex: '{conflict}', note: n}}",
            "diplomacy": "- {cue: 'talk*', note: n}",
            "morality": "- {cue: talks, note: n}"}
    body = "frames:\n" + "".join(
        f"  {c}:\n    cues:\n      {cues.get(c, '- {cue: zzzz, note: n}')}\n"
        for c in fr.FRAME_IDS)
    path = tmp_path / "frames.yaml"
    path.write_text(body, encoding="utf-8")
    out = fr.code_frames(["The the Kosovo talks stalled."], lexicon=path).iloc[0]
    assert out["cues"] == {"military_security": [("Kosovo", 8, 14)], "conflict": [hit],
                           "diplomacy": [("talks", 15, 20)], "morality": [("talks", 15, 20)]}
    assert {c for c in fr.FRAME_IDS if out[c]} == {"military_security", "conflict",
                                                   "diplomacy", "morality"}


def test_every_builtin_cue_has_a_note():
    for which in ("frames", "functions"):
        table = fr.lexicon_table(which)
        assert table["note"].str.strip().ne("").all()
        assert set(table["category"]) == set(fr.FRAME_IDS if which == "frames"
                                              else fr.FUNCTION_IDS)


# --- corpus-level helpers ------------------------------------------------------------------
@pytest.fixture
def corpus():
    texts = [
        "Russia sent troops to the border. The United States and Europe must respond. "
        "They must also sanction Belgrade. The weather was mild that afternoon.",
        "Gas prices rose sharply. Washington should not be shy about sanctions. "
        "The Kosovo Force must stay. It is time for the EU to act.",
    ]
    df = pd.DataFrame({"doc_id": ["a", "b"], "author": ["Ann Author", "Bob Writer"],
                       "title": ["A", "B"], "text": texts})
    return dk.Corpus.from_frame(df, text="text", by="author", clean=False)


def test_code_corpus_frames_keeps_sentence_ids_and_offsets(corpus):
    coded = fr.code_corpus_frames(corpus)
    assert coded[["doc_id", "sent_id"]].values.tolist() == \
        corpus.sentences[["doc_id", "sent_id"]].values.tolist()
    text = corpus.docs.set_index("doc_id")["text"]
    for row in coded.itertuples():
        assert text[row.doc_id][row.start:row.end] == row.text
    assert set(fr.CATEGORY_IDS) <= set(coded.columns)
    assert coded["position"].between(0, 1).all()


def test_remedies_are_grouped_by_addressed_actor(corpus):
    rem = fr.code_remedies(fr.code_corpus_frames(corpus))
    got = {(r.doc_id, r.sent_id): set(rem[(rem.doc_id == r.doc_id) & (rem.sent_id == r.sent_id)]
                                      ["actor"]) for r in rem.itertuples()}
    assert got[("a", 1)] == {"US", "EU"}
    assert got[("a", 2)] == {"US", "EU"}          # "They must…" takes the previous addressee
    assert rem.set_index(["doc_id", "sent_id"]).loc[("a", 2), "resolved"].iloc[0] == \
        "previous sentence"
    assert got[("b", 1)] == {"US"}                # Washington
    assert got[("b", 2)] == {"NATO"}              # Kosovo Force is NATO, not Kosovo
    assert got[("b", 3)] == {"EU"}                # it is time for the EU to …
    counts = fr.count_remedies(rem)
    assert counts.set_index(["group", "actor"]).loc[("Ann Author", "US"), "n_sentences"] == 2


def test_find_actors_does_not_take_the_pronoun_us_for_the_us():
    found = fr.find_actors(["Let us hope the US and Brussels agree.", "Kosova and Prishtina."])
    assert found[found.row == 0]["actor"].tolist() == ["US", "EU"]
    assert found[found.row == 1]["actor"].tolist() == ["Kosovo", "Kosovo"]


def test_evidence_highlights_the_cues(corpus):
    coded = fr.code_corpus_frames(corpus)
    ev = fr.frame_evidence(coded, "military_security", "Ann Author")
    # "to the border" names a place, not a question of control: not a sovereignty cue
    assert ev["highlighted"].tolist() == ["Russia sent **troops** to the border."]
    html = fr.style_evidence(coded, "military_security").to_html()
    assert "<mark>troops</mark>" in html
    assert html == fr.style_evidence(coded, "military_security").to_html()


def test_evidence_refuses_an_unknown_group(corpus):
    coded = fr.code_corpus_frames(corpus)
    with pytest.raises(ValueError, match="group"):
        fr.frame_evidence(coded, "conflict", "Nobody")


# --- profiles and bootstrap ------------------------------------------------------------------
def _fake_coded(n=40, seed=1, docs=("d1",), group="G"):
    rng = np.random.default_rng(seed)
    rows = []
    for d in docs:
        x = rng.random(n) < 0.3
        rows.append(pd.DataFrame({"doc_id": d, "sent_id": range(n), "group": group,
                                  "conflict": x, "morality": np.zeros(n, bool)}))
    return pd.concat(rows, ignore_index=True)


def test_block_bootstrap_is_deterministic_and_contains_the_point_estimate():
    coded = _fake_coded()
    a = fr.frame_profile(coded, ["conflict", "morality"], n_boot=500)
    b = fr.frame_profile(coded, ["conflict", "morality"], n_boot=500)
    pd.testing.assert_frame_equal(a, b)
    assert (a["ci_low"] <= a["share"]).all() and (a["share"] <= a["ci_high"]).all()
    assert a.loc[0, "share"] == pytest.approx(coded["conflict"].mean())
    assert a.loc[1, ["ci_low", "ci_high"]].tolist() == [0.0, 0.0]   # never coded


def test_bootstrap_interval_depends_on_the_seed_and_blocks_widen_it_for_runs():
    # runs of uneven length, so that blocks of 10 differ in content
    runs = pd.DataFrame({"doc_id": "d", "sent_id": range(60), "group": "G",
                         "conflict": np.repeat([True, False, True, False], [13, 17, 11, 19])})
    narrow = fr.frame_profile(runs, ["conflict"], block=1, n_boot=2000).iloc[0]
    wide = fr.frame_profile(runs, ["conflict"], block=10, n_boot=2000).iloc[0]
    assert wide.ci_high - wide.ci_low > narrow.ci_high - narrow.ci_low
    other = fr.frame_profile(runs, ["conflict"], block=10, n_boot=2000, seed=1).iloc[0]
    assert other.share == wide.share
    assert (other.ci_low, other.ci_high) != (wide.ci_low, wide.ci_high)


def test_profile_of_a_group_does_not_depend_on_other_groups():
    one = _fake_coded(docs=("d1",), group="G")
    two = pd.concat([one, _fake_coded(seed=9, docs=("d2",), group="H")], ignore_index=True)
    a = fr.frame_profile(one, ["conflict"], n_boot=300)
    b = fr.frame_profile(two, ["conflict"], n_boot=300)
    pd.testing.assert_frame_equal(a, b[b.group == "G"].reset_index(drop=True))


def test_cooccurrence_diagonal_is_one_and_counts_are_right():
    coded = pd.DataFrame({"conflict": [1, 1, 0, 0], "morality": [1, 0, 1, 0]}).astype(bool)
    co = fr.frame_cooccurrence(coded, ["conflict", "morality"]).set_index(
        ["category_a", "category_b"])
    assert co.loc[("conflict", "conflict"), "jaccard"] == 1.0
    assert co.loc[("conflict", "morality"), "n_both"] == 1
    assert co.loc[("conflict", "morality"), "jaccard"] == pytest.approx(1 / 3)


def test_frame_flow_bins_relative_position():
    coded = pd.DataFrame({"doc_id": "d", "group": "G", "position": [0.1, 0.3, 0.6, 0.9],
                          "conflict": [True, True, False, True]})
    flow = fr.frame_flow(coded, ["conflict"], bins=2, pooled=False)
    assert flow["share"].tolist() == [1.0, 0.5]
    assert flow["n_sentences"].tolist() == [2, 2]


def test_topics_are_deterministic(corpus):
    coded = fr.code_corpus_frames(corpus)
    a = fr.sentence_topics(coded, n_topics=2, min_df=1)
    b = fr.sentence_topics(coded, n_topics=2, min_df=1)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["terms"] == b.attrs["terms"]
    assert len(fr.topic_frame_overlap(a, coded, ["conflict"])) == 2


def _kappa_by_hand(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe)


def test_coder_agreement_is_cohens_kappa_between_the_two_coders_files():
    import csv

    from discoursekit import paths

    folder = paths.SEEDS / "validation"
    with open(folder / "framing_hand_codes.csv", encoding="utf-8", newline="") as fh:
        first = {r["sample_id"]: r for r in csv.DictReader(fh)}
    with open(folder / "framing_recodes.csv", encoding="utf-8", newline="") as fh:
        third = list(csv.DictReader(fh))
    out = fr.coder_agreement().set_index("category")
    assert len(third) == 40 and (out["n"] == 40).all()
    for cat in ("military_security", "diplomacy", "responsibility", "causal_attribution"):
        a = [int(first[r["sample_id"]][cat]) for r in third]
        b = [int(r[cat]) for r in third]
        assert out.loc[cat, "pos_coder1"] == sum(a) and out.loc[cat, "pos_coder3"] == sum(b)
        assert out.loc[cat, "kappa_coders"] == pytest.approx(_kappa_by_hand(a, b))


def test_round_two_is_every_seed_sentence_outside_round_one():
    sample = fr.hand_coded_sample()
    assert sample["split"].value_counts().to_dict() == {"test2": 173, "test": 81, "dev": 79}
    corpus = dk.load_corpus(dk.paths.corpus_dir())
    every = set(zip(corpus.sentences["doc_id"], corpus.sentences["sent_id"]))
    sampled = list(zip(sample["doc_id"], sample["sent_id"].astype(int)))
    assert len(set(sampled)) == len(sampled) and set(sampled) == every
    texts = dict(zip(zip(corpus.sentences["doc_id"], corpus.sentences["sent_id"]),
                     corpus.sentences["text"]))
    assert all(texts[k] == t for k, t in zip(sampled, sample["text"]))


def test_a_group_of_several_articles_resamples_articles_not_sentences_within_them():
    # four articles of 10 sentences: every sentence of d1 carries the frame, none of the
    # others.  A replicate draws four articles; the number of d1s is Binomial(4, 1/4):
    # P(0) = .316, so the interval starts at 0; P(3 or 4) = .051 > .025 and P(4) = .004,
    # so it ends at 3/4.  Blocks within each article would give 0.25 in every replicate,
    # hiding that the articles differ.
    docs = [f"d{i}" for i in range(1, 5)]
    coded = pd.DataFrame({"doc_id": [d for d in docs for _ in range(10)],
                          "sent_id": list(range(10)) * 4, "group": "G",
                          "conflict": [True] * 10 + [False] * 30})
    row = fr.frame_profile(coded, ["conflict"], n_boot=2000).iloc[0]
    assert (row.n_docs, row.share, row.ci_low, row.ci_high) == (4, 0.25, 0.0, 0.75)
    # and a replicate's share is over the sentences it drew: the framed article of 10
    # sentences and three of 30: three d1s and one other give 30 / 60 = 0.5; dividing by
    # the corpus's 100 sentences instead would give 0.3
    long = pd.concat([coded.iloc[10:20]] * 3, ignore_index=True).assign(sent_id=range(30))
    uneven = pd.concat([coded.iloc[:10]] + [long.assign(doc_id=d) for d in docs[1:]],
                       ignore_index=True)
    row = fr.frame_profile(uneven, ["conflict"], n_boot=2000).iloc[0]
    assert row.share == 0.1 and (row.ci_low, row.ci_high) == (0.0, 0.5)


def test_too_few_distinct_resamples_give_no_interval_and_say_why():
    """Two articles can be resampled in 3 ways, three blocks of one article in 10: no
    percentile interval means anything with so few distinct outcomes."""
    two = pd.DataFrame({"doc_id": ["d1"] * 10 + ["d2"] * 10, "sent_id": list(range(10)) * 2,
                        "group": "G", "conflict": [True] * 10 + [False] * 10})
    out = fr.frame_profile(two, ["conflict"], n_boot=200)
    assert out["ci_low"].isna().all() and out["ci_high"].isna().all()
    assert out.attrs["no_interval"] == {
        "G": "no interval: 2 documents give only 3 distinct resamples (fewer than 20)"}
    one = pd.DataFrame({"doc_id": "d", "sent_id": range(15), "group": "H",
                        "conflict": [True, False] * 7 + [True]})
    out = fr.frame_profile(one, ["conflict"], n_boot=200)
    assert out.attrs["no_interval"]["H"].startswith("no interval: 3 blocks of 5 sentences "
                                                    "give only 10")
    four_blocks = one.iloc[:0].pipe(lambda _: pd.DataFrame(
        {"doc_id": "d", "sent_id": range(16), "group": "H", "conflict": [True, False] * 8}))
    assert fr.frame_profile(four_blocks, ["conflict"], n_boot=200).attrs["no_interval"] == {}


def test_frames_to_show_prefer_the_notebook_frames_then_the_corpus_own():
    profile = pd.DataFrame({"group": ["A", "B", "A", "B", "A"],
                            "category": ["information_warfare", "information_warfare",
                                         "energy_economy", "energy_economy", "problem_definition"],
                            "count": [0, 0, 2, 3, 9]})
    # no sentence carries information warfare: the most-carried frame instead (a framing
    # function such as problem_definition is not a frame)
    assert fr.frames_to_show(profile, ["information_warfare"], k=1) == ["energy_economy"]
    assert fr.frames_to_show(profile.assign(count=0), ["information_warfare"], k=1) == \
        ["information_warfare"]                       # nothing carried: as asked, tables empty
