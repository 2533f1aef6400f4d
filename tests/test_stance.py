"""Tests for discoursekit.stance: stance markers and their traps, VADER, bootstrap, voice."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import paths, stance

CATS = ["hedge", "booster", "attitude", "self_mention", "reader_engagement", "epistemic",
        "deontic"]


def items(text: str, category: str) -> list[str]:
    """The items of one category found in one sentence."""
    df = stance.stance_markers([text])
    return [m["item"] for m in df["matches"][0] if m["category"] == category]


@pytest.fixture(scope="module")
def seeds():
    return dk.load_corpus(paths.SEEDS)


# --- the output contract ---------------------------------------------------------------------
def test_stance_markers_returns_one_row_per_input_with_integer_counts_and_matches():
    df = stance.stance_markers(["NATO must act.", "", "Perhaps."])
    assert list(df.columns) == CATS + ["matches"]
    assert len(df) == 3
    assert all(df[c].dtype == np.int64 for c in CATS)
    assert df.loc[0, "deontic"] == 1 and df.loc[2, "hedge"] == 1
    m = df.loc[0, "matches"][0]
    assert m == {"category": "deontic", "item": "must", "start": 5, "end": 9, "surface": "must",
                 "voice": "author", "speaker": ""}


def test_stance_markers_rejects_a_single_string_with_a_hint():
    with pytest.raises(TypeError, match=r"wrap it: stance_markers\(\[text\]\)"):
        stance.stance_markers("NATO must act.")


def test_stance_markers_names_a_non_string_input():
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        stance.stance_markers(["fine", 3])


def test_the_lexicon_has_every_category_and_names_its_sources():
    lex = stance.stance_lexicon()
    for c in CATS:
        assert lex[c]["items"] and lex[c]["source"]
    assert {"may_month", "approximation_needs_number", "must_epistemic",
            "clear_is_booster_only_after_be", "will_is_not_a_booster"} <= set(lex["rules"])


# --- traps -----------------------------------------------------------------------------------
def test_may_the_month_is_not_a_hedge_at_the_start_of_a_sentence():
    text = "In May, Serbia placed its troops on combat alert."
    assert items(text, "hedge") == [] and items(text, "epistemic") == []


def test_may_the_month_is_not_a_hedge_after_said_in():
    text = "“A big explosion is brewing,” Russian Foreign Minister Sergei Lavrov said in May."
    assert items(text, "hedge") == [] and items(text, "epistemic") == []


def test_may_the_modal_is_a_hedge_and_epistemic():
    text = "Putin may calculate that Washington would prefer negotiations."
    assert items(text, "hedge") == ["may"] and items(text, "epistemic") == ["may"]


def test_sentence_initial_may_followed_by_a_number_is_the_month():
    assert items("May 2023 saw clashes.", "hedge") == []


def test_about_before_a_number_is_an_approximation_hedge():
    assert items("A Humanitarian Center in Nis about 100 km from the border.", "hedge") == ["about"]


def test_about_as_a_preposition_is_not_a_hedge():
    assert items("He wants to reorient talks about Kosovo.", "hedge") == []
    assert items("Vucic warned about attempts at color revolutions.", "hedge") == []


def test_will_of_plain_future_is_not_a_booster():
    text = "Vucic will likely lean heavily on the media."
    assert items(text, "booster") == []
    assert items(text, "hedge") == ["likely"]


def test_will_is_never_counted_but_a_booster_next_to_it_is():
    assert items("Doing so will undoubtedly redirect efforts.", "booster") == ["undoubtedly"]


def test_must_have_is_epistemic_not_deontic():
    text = "It must have been a boast."
    assert items(text, "epistemic") == ["must have"]
    assert items(text, "deontic") == []


def test_must_with_an_agent_is_deontic_not_epistemic():
    text = "NATO must create a coalition of the willing."
    assert items(text, "deontic") == ["must"]
    assert items(text, "epistemic") == []


def test_it_must_be_is_epistemic_but_the_us_must_be_ready_is_deontic():
    assert items("It must be a coincidence.", "epistemic") == ["must be"]
    assert items("The US must be ready for Russian incitement.", "deontic") == ["must"]
    assert items("The US must be ready for Russian incitement.", "epistemic") == []


def test_make_it_clear_is_not_a_booster():
    text = "The United States and Europe must make it clear to Belgrade and Moscow."
    assert items(text, "booster") == []
    assert items(text, "deontic") == ["must"]


def test_clearly_is_a_booster():
    text = "The maneuvers were clearly intended as a signal to NATO."
    assert items(text, "booster") == ["clearly"]


def test_it_is_clear_that_is_one_booster():
    assert items("It is clear that Moscow benefits.", "booster") == ["it is clear that"]


def test_multiword_items_match_before_their_parts():
    text = "In fact, it is therefore essential that NATO act."
    assert items(text, "booster") == ["in fact"]
    assert items(text, "deontic") == ["essential that"]
    assert items("It is essential that NATO act.", "attitude") == ["it is essential that"]


def test_a_show_of_strength_is_not_a_booster_but_incidents_show_is():
    assert items("In another show of strength, Russia acted.", "booster") == []
    assert items("These incidents also show the growing threat.", "booster") == ["show"]


def test_even_if_is_not_a_booster_but_emphatic_even_is():
    assert items("Even if NATO does fight back, Putin could still win.", "booster") == []
    assert items("Vucic has even called on Moscow for help.", "booster") == ["even"]


def test_the_country_us_is_not_self_mention_but_the_pronoun_is():
    assert items("The US must be ready.", "self_mention") == []
    assert items("Let us be clear: we disagree.", "self_mention") == ["us", "we"]


def test_world_war_i_is_not_self_mention():
    assert items("In the run-up to World War I, nobody listened.", "self_mention") == []


def test_markers_inside_direct_quotations_are_not_counted():
    text = "“For us, Crimea is Ukraine, and we must remain so,” Vucic said."
    df = stance.stance_markers([text])
    assert df.loc[0, CATS].sum() == 0


def test_questions_directives_and_asides_are_reader_engagement():
    assert items("Why would Moscow stop?", "reader_engagement") == ["?"]
    assert items("Consider the case of Montenegro.", "reader_engagement") == ["consider"]
    assert items("Serbia (which considers NATO its enemy) refused.", "reader_engagement") == ["(…)"]
    assert items("Serbia (NIS) refused.", "reader_engagement") == []
    assert items("Serbia considers NATO its enemy.", "reader_engagement") == []


def test_stance_matches_lists_one_row_per_match():
    m = stance.stance_matches(["NATO must act.", "It might."])
    assert m[["text_id", "category", "item"]].values.tolist() == [
        [0, "deontic", "must"], [1, "hedge", "might"], [1, "epistemic", "might"]]


# --- rates and bootstrap -------------------------------------------------------------------
def test_block_bootstrap_is_deterministic_for_a_seed():
    v = np.arange(40).reshape(20, 2)
    docs = ["a"] * 12 + ["b"] * 8
    one = stance.block_bootstrap(v, docs, block=3, n_boot=50, seed=7)
    two = stance.block_bootstrap(v, docs, block=3, n_boot=50, seed=7)
    three = stance.block_bootstrap(v, docs, block=3, n_boot=50, seed=8)
    assert np.array_equal(one, two) and not np.array_equal(one, three)
    assert one.shape == (50, 2)


def test_block_bootstrap_of_constant_blocks_reproduces_the_total():
    # every block of 2 sentences sums to 2, so every replicate total is 2 * number of blocks
    v = np.ones((10, 1))
    out = stance.block_bootstrap(v, ["d"] * 10, block=2, n_boot=30, seed=1)
    assert np.all(out == 10)


def test_block_bootstrap_rejects_a_zero_block():
    with pytest.raises(ValueError, match="block must be a positive integer"):
        stance.block_bootstrap(np.ones((3, 1)), ["d"] * 3, block=0)


def test_stance_rates_are_per_thousand_words_and_deterministic(seeds):
    one = stance.stance_rates(seeds, n_boot=200)
    two = stance.stance_rates(seeds, n_boot=200)
    pd.testing.assert_frame_equal(one, two)
    row = one.iloc[0]
    assert row["rate"] == pytest.approx(row["n"] / row["n_words"] * 1000)
    has = one["lo"].notna()
    assert (one.loc[has, "lo"] <= one.loc[has, "rate"] + 1e-9).all()
    assert (one.loc[has, "rate"] <= one.loc[has, "hi"] + 1e-9).all()
    assert len(one) == seeds.docs["group"].nunique() * len(CATS)
    # the 15-sentence excerpt is three blocks of five: 10 distinct resamples, no interval
    assert set(one.loc[~has, "group"]) == {"unknown [excerpt004]"}
    assert one.attrs["no_interval"] == {"unknown [excerpt004]": "no interval: 3 blocks of 5 "
                                        "sentences give only 10 distinct resamples (fewer than 20)"}


def test_stance_rates_reject_an_unknown_by():
    with pytest.raises(ValueError, match=r"The parameter 'by' must be one of"):
        stance.stance_rates(None, by="author")


# --- sentiment -----------------------------------------------------------------------------
SENTENCES = [
    "Putin’s concern for Ukraine’s Russian minority is bombastic.",
    "The U.S. ambassador to Serbia has labeled Vucic “a constructive partner.”",
    "Ukraine is a tinderbox.",
    "Failure to defend Kosovo would open the door for a wider European war.",
    "Biden made no such guarantee.",
    "This is NOT good at all!!! :(",
    "",
]


def test_sentiment_equals_vader_polarity_scores_sentence_by_sentence():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    got = stance.sentiment(SENTENCES)
    assert list(got.columns) == ["neg", "neu", "pos", "compound"]
    for i, s in enumerate(SENTENCES):
        assert got.iloc[i].to_dict() == sia.polarity_scores(s)


def test_sentence_sentiment_scores_each_sentence_not_the_article(seeds):
    ss = stance.sentence_sentiment(seeds)
    assert len(ss) == len(seeds.sentences)
    first = seeds.sentences["text"].iloc[0]
    assert ss["compound"].iloc[0] == stance.sentiment([first])["compound"].iloc[0]
    assert set(ss["tone"]) <= {"positive", "negative", "neutral"}


def test_actor_evaluation_gives_evidence_sentences_and_intervals(seeds):
    ev = stance.actor_evaluation(seeds, n_boot=200)
    row = ev[(ev["group"] == "Janusz Bugajski") & (ev["actor"] == "Russia")].iloc[0]
    assert row["lo"] <= row["mean_compound"] <= row["hi"]
    assert row["most_negative_compound"] <= row["most_positive_compound"]
    assert row["most_negative"] in set(seeds.sentences["text"])
    assert pd.testing.assert_frame_equal(ev, stance.actor_evaluation(seeds, n_boot=200)) is None


# --- voice ---------------------------------------------------------------------------------
# Every direct quotation in the five seed articles, listed by hand from the files (read in
# full).  Definition: words in quotation marks that the text attributes to a source — by a
# reporting verb or frame in the same sentence (said, declared, stated, called it, labeled,
# thanked, charged, warned about, read, proclaim, "according to", "in the words of", "X
# believes that:") or, for a quoted clause of six or more words, without one (a quotation from
# an unnamed source, or the continuation of the previous quotation).  Scare quotes and quoted
# names or terms are not direct quotations: “stable and predictable”, “younger brother”,
# “Serbian lands”, “humanitarian center” (×2), “Humanitarian Center”, “little green men” (×2),
# “Serbian world”, “Russian world”, “Slavic brotherhood”, “Kosovo precedent”, "Kosovo
# Precedent", “war theatres”, “consult”, “Slavic Brotherhood”, “enemy.”
# Columns: doc_id, the first words of the quotation, the actor of the speaker ("" if the
# speaker is not in the actor table or unnamed).
GOLD_QUOTES = [
    ("shedd-stradner2023", "an unprecedented staging", ""),        # NSC spokesman
    ("shedd-stradner2023", "immediate de-escalation", "US"),       # Blinken
    ("shedd-stradner2023", "on the brink of armed", "Serbia"),     # PM Ana Brnabic
    ("shedd-stradner2023", "A big explosion", "Russia"),           # Lavrov
    ("shedd-stradner2023", "support for Serbia", "Serbia"),        # Serbian officials
    ("shedd-stradner2023", "brutal ethnic cleansing", "Vucic"),
    ("shedd-stradner2023", "the international community", "Vucic"),
    ("shedd-stradner2023", "For every Serb killed", "Vucic"),
    ("shedd-stradner2023", "All Serbs know", "Vucic"),             # "he stated"
    ("shedd-stradner2023", "But I will try everything", "Vucic"),  # continuation
    ("shedd-stradner2023", "attempts at color revolutions", "Vucic"),
    ("shedd-stradner2023", "terror against the Serbs", "Serbia"),  # Belgrade … alleging
    ("shedd-stradner2023", "Kosovo is Serbia", ""),                # graffiti that read
    ("shedd-stradner2023", "When the army returns", ""),           # graffiti
    ("shedd-stradner2023", "We mourn together", "Russia"),         # Russia's billboards
    ("shedd-stradner2023", "a constructive partner", "US"),        # U.S. ambassador
    ("shedd-stradner2023", "For us, Crimea is Ukraine", "Vucic"),
    ("shedd-stradner2023", "Kosovo is Serbia.", ""),               # the graffiti proclaim
    ("shedd-stradner2023", "threaten the peace", ""),              # the executive order
    ("shedd-stradner2023", "form a single state", "Dodik"),
    ("phillips-peci2021", "protect the undefended", "Vucic"),
    ("phillips-peci2021", "[He] tries to solve", ""),              # Holbrooke
    ("phillips-peci2021", "An attack on any NATO ally", ""),       # Article 5 text
    ("phillips-peci2021", "The breakup of the Soviet Union", "Putin"),
    ("ruehl2023", "one of the most tense standoffs", ""),          # unnamed source
    ("ruehl2023", "set up by the Kremlin", ""),                    # unnamed source
    ("ruehl2023", "to strengthen and develop", ""),                # Wagner centre's words
    ("ruehl2023", "various Bosnian politicians", ""),              # UK/US sanctions text
]


def _match_gold(found: pd.DataFrame):
    keys = [(d, q) for d, q in zip(found["doc_id"], found["quote"])]
    hits, used = [], set()
    for doc, start, actor in GOLD_QUOTES:
        k = next((i for i, (d, q) in enumerate(keys) if i not in used and d == doc
                  and q.startswith(start)), None)
        if k is not None:
            used.add(k)
        hits.append(k)
    return hits, used


def test_quotations_find_every_hand_listed_quotation_in_the_seeds(seeds):
    found = stance.quotations(seeds)
    hits, used = _match_gold(found)
    missed = [g for g, h in zip(GOLD_QUOTES, hits) if h is None]
    assert missed == []                                     # recall 28/28
    extra = found.drop(index=list(used))
    assert extra.empty, extra[["doc_id", "quote"]]          # precision 28/28


def test_quotations_name_the_speaker_actor_for_most_quotations(seeds):
    found = stance.quotations(seeds)
    hits, _ = _match_gold(found)
    right = [found.loc[h, "speaker_actor"] == actor for (_, _, actor), h in zip(GOLD_QUOTES, hits)
             if h is not None]
    assert sum(right) >= 26  # the billboards ("It has put up billboards") are not resolved
    row = found[found["quote"].str.startswith("All Serbs know")].iloc[0]
    assert (row["speaker"], row["reporting_verb"]) == ("Vucic", "stated")


def test_voice_counts_quotations_and_words_per_speaker(seeds):
    v = stance.voice(stance.quotations(seeds))
    ss = v[v["group"] == "David R. Shedd & Ivana Stradner"]
    assert ss.iloc[0]["speaker_actor"] == "Vucic"
    assert ss["share_words"].sum() == pytest.approx(1.0)
    assert (v[v["group"] == "John P. Ruehl"]["speaker_actor"] == "(unattributed)").all()


def test_quotations_read_the_speaker_after_an_inverted_verb():
    # news writing's '"…," said Marta Lind, who…': the speaker follows the verb
    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"], "text": [
        "\"We will lose half our customers this year,\" said Marta Lind, who runs a bakery. "
        "\"The works will end in May,\" said the city's transport chief, Anna Berg.",
        "\"Trams are coming back to the harbour soon,\" says Zoë Ōtake."]}))
    q = stance.quotations(corpus)
    assert list(zip(q["speaker"], q["reporting_verb"])) == [
        ("Marta Lind", "said"), ("the city's transport chief", "said"), ("Zoë Ōtake", "says")]
    assert (stance.voice(q)["speaker_actor"] == "(other)").all()    # named, not in the table


# --- hand-coding samples and agreement --------------------------------------------------------
def test_coding_samples_reproduce_the_files_given_to_the_coder(seeds):
    samples = stance.coding_samples(seeds)
    folder = paths.SEEDS / "validation"
    for key, name in [("stance", "stance_sample_sentences.csv"),
                      ("sentiment", "sentiment_sample_sentences.csv"),
                      ("agency", "agency_sample_mentions.csv")]:
        on_disk = pd.read_csv(folder / name, dtype={"sent_id": "int64"})
        pd.testing.assert_frame_equal(samples[key], on_disk, check_dtype=False)
    assert len(samples["stance"]) >= 60 and len(samples["sentiment"]) >= 40
    assert len(samples["agency"]) >= 100
    assert samples["agency"]["text"].str.contains(r"\[\[.+\]\]").all()


def test_stance_agreement_counts_true_and_false_positives_per_category():
    sample = pd.DataFrame({"sample_id": ["a", "b"],
                           "text": ["NATO must act, perhaps.", "In May, it might rain."]})
    hand = pd.DataFrame({"sample_id": ["a", "b"], "hedge": ["perhaps", "might|probably"],
                         "booster": ["", ""], "attitude": ["", ""], "self_mention": ["", ""],
                         "reader_engagement": ["", ""], "epistemic": ["perhaps", "might"],
                         "deontic": ["must", ""]})
    out = stance.stance_agreement(sample, hand).set_index("category")
    assert out.loc["hedge", ["tp", "fp", "fn"]].tolist() == [2, 0, 1]
    assert out.loc["deontic", "precision"] == 1.0
    assert out.loc["hedge", "recall"] == pytest.approx(2 / 3)


def test_tone_agreement_uses_the_vader_thresholds_and_reports_kappa():
    sample = pd.DataFrame({"sample_id": ["a", "b", "c"],
                           "text": ["This is great.", "This is terrible.", "Biden met Putin."]})
    hand = pd.DataFrame({"sample_id": ["a", "b", "c"],
                         "tone": ["positive", "negative", "neutral"]})
    out = stance.tone_agreement(sample, hand)
    assert out["vader"].tolist() == ["positive", "negative", "neutral"]
    assert out.attrs["accuracy"] == 1.0 and out.attrs["kappa"] == pytest.approx(1.0)


def test_tone_agreement_rejects_an_unknown_label():
    sample = pd.DataFrame({"sample_id": ["a"], "text": ["x"]})
    with pytest.raises(ValueError, match="tone must be one of"):
        stance.tone_agreement(sample, pd.DataFrame({"sample_id": ["a"], "tone": ["good"]}))


def test_the_hand_list_csv_used_by_notebook_03_equals_the_list_in_this_test():
    on_disk = pd.read_csv(paths.SEEDS / "validation" / "quotations_hand_list.csv",
                          keep_default_na=False)
    assert list(on_disk.itertuples(index=False, name=None)) == GOLD_QUOTES


def test_quotation_agreement_reports_recall_precision_and_speakers(seeds):
    gold = pd.DataFrame(GOLD_QUOTES, columns=["doc_id", "quote_start", "speaker_actor"])
    out = stance.quotation_agreement(stance.quotations(seeds), gold)
    assert out.attrs["recall"] == 1.0 and out.attrs["precision"] == 1.0
    assert out.attrs["speaker_accuracy"] >= 26 / 28
    missing = stance.quotation_agreement(stance.quotations(seeds).iloc[1:], gold)
    assert missing.attrs["recall"] == pytest.approx(27 / 28)
    assert (missing["status"] == "missed").sum() == 1


def test_obligation_targets_find_who_must_act():
    corpus = dk.Corpus.from_frame(pd.DataFrame({
        "doc_id": ["d"], "author": ["A"],
        "text": ["NATO must create a coalition. The United States and Europe must make it "
                 "clear to Belgrade. And they must sanction Belgrade. It is time for action."]}))
    t = stance.obligation_targets(corpus)
    assert t["target"].tolist() == ["NATO", "US", "(pronoun)", "(impersonal)"]
    assert t["subject"].tolist()[:3] == ["NATO", "The United States and Europe", "they"]


def test_a_reporting_verb_starts_the_obliged_clause():
    # "The bank said both countries must…" obliges both countries, not the bank; nouns
    # that look like verbs ("Member states", "the United States") stay in the subject
    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A"], "text": [
        "The development bank said both countries must share the river. "
        "The United States must act. Member states should pay. "
        "Officials believe Serbia must stop."]}))
    out = stance.obligation_targets(corpus, voice="all")
    assert out["subject"].tolist() == ["both countries", "The United States", "Member states",
                                       "Serbia"]
    assert out["target"].tolist() == ["(other)", "US", "(other)", "Serbia"]
    # the bank's and the officials' obligations are reported, not the author's own
    assert out["voice"].tolist() == ["reported", "author", "author", "reported"]
    assert out["speaker"].tolist() == ["The development bank", "", "", "Officials"]
    assert stance.obligation_targets(corpus)["subject"].tolist() == ["The United States",
                                                                     "Member states"]


def test_obligation_targets_without_a_deontic_marker_is_empty_but_checks_the_table():
    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A"],
                                                "text": ["Serbia waits. NATO acts."]}))
    t = stance.obligation_targets(corpus)
    assert t.empty and t.columns.tolist() == ["doc_id", "sent_id", "group", "item", "subject",
                                              "target", "text", "voice", "speaker"]
    with pytest.raises(FileNotFoundError, match="no such actor table"):
        stance.obligation_targets(corpus, table="no/such/table.csv")


def test_agency_agreement_applies_the_rules_to_the_bracketed_mention():
    sample = pd.DataFrame({"sample_id": ["a", "b"],
                           "text": ["[[NATO]] forced Serbia out.", "NATO forced [[Serbia]] out."]})
    hand = pd.DataFrame({"sample_id": ["a", "b"], "label": ["acting", "neither"]})
    out = stance.agency_agreement(sample, hand)
    assert out["rule"].tolist() == ["acting", "acted_upon"]
    assert out.attrs["accuracy"] == 0.5 and out.attrs["n"] == 2


def test_plotting_functions_return_axes_for_the_result_frames(seeds):
    import matplotlib

    matplotlib.use("Agg")
    from discoursekit.plotting import stance as pst

    rates = stance.stance_rates(seeds, n_boot=50)
    assert pst.plot_stance_rates(rates).get_xlabel().startswith("markers per 1,000 words")
    ev = stance.actor_evaluation(seeds, n_boot=50)
    assert pst.plot_actor_heatmap(ev, "mean_compound", min_n=5) is not None
    with pytest.raises(ValueError, match="actor 'Mars' has no mentions"):
        from discoursekit import actors
        pst.plot_actor_naming(actors.actor_naming(actors.actor_mentions(seeds)), "Mars")


def test_actors_to_show_keeps_the_preferred_that_are_mentioned_then_the_most_named():
    from discoursekit import actors

    naming = pd.DataFrame({"group": ["a", "a", "b", "b", "b", "a"],
                           "actor": ["US", "US", "EU", "Kosovo", "NATO", "NATO"],
                           "naming": ["name"] * 6, "n": [3, 1, 2, 1, 2, 0], "share": [1.0] * 6})
    # totals: US 4, EU 2, NATO 2, Kosovo 1; "Russia" has no row at all
    assert actors.actors_to_show(naming, ["Russia", "Kosovo"]) == ["Kosovo", "US", "EU"]
    assert actors.actors_to_show(naming, ["Kosovo", "US", "EU", "NATO"]) == ["Kosovo", "US", "EU"]
    assert actors.actors_to_show(naming, [], k=5) == ["US", "EU", "NATO", "Kosovo"]
    assert actors.actors_to_show(naming.iloc[:0], ["Russia"]) == []


def test_actor_naming_grid_has_one_panel_per_actor_or_says_none_is_mentioned(seeds):
    import matplotlib

    matplotlib.use("Agg")
    from discoursekit import actors
    from discoursekit.plotting import stance as pst

    naming = actors.actor_naming(actors.actor_mentions(seeds))
    fig = pst.plot_actor_naming_grid(naming, ["Russia", "Kosovo"])
    assert [ax.get_title(loc="left").split(":")[0] for ax in fig.axes if ax.get_title(loc="left")] \
        == ["Russia", "Kosovo"]
    empty = pst.plot_actor_naming_grid(naming.iloc[:0], [])
    said = [t.get_text() for t in empty.axes[0].texts]
    assert len(said) == 1 and said[0].startswith("no actor of the actor table is mentioned")
    assert "lexicons/actors_stance.csv" in said[0]          # and where to add the corpus's own


def test_actor_evaluation_of_a_corpus_naming_no_actor_is_empty_with_its_columns():
    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"], "text": [
        "The weather was fine today.", "Gardens bloom in spring."]}))
    out = stance.actor_evaluation(corpus, n_boot=10)
    assert out.empty
    assert list(out.columns[:6]) == ["group", "actor", "n_sentences", "mean_compound", "lo", "hi"]
    assert out.query("n_sentences >= 5").empty        # what notebook 03 asks of it
