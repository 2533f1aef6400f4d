"""The seed checks of notebooks 02 and 03 run on the seeds only and say so elsewhere; the
attribution summary of notebook 04 says why it has no table."""
import pandas as pd

import discoursekit as dk
from discoursekit import compare, seed_checks


def _other_corpus():
    df = pd.DataFrame({"author": ["A", "B"], "text": [
        "Russia backs Serbia in the dispute. Kosovo objects to it.",
        "NATO watches Kosovo closely. Serbia says little about it."]})
    return dk.Corpus.from_frame(df)


def test_on_another_corpus_every_check_is_left_out_and_says_so():
    other = _other_corpus()
    assert not seed_checks.is_seed_corpus(other)
    assert seed_checks.framing_checks(other) is None
    assert seed_checks.stance_checks(other, dk.stance.quotations(other)) is None
    for show in (lambda c: seed_checks.shown(c, "tone"), seed_checks.tuned_vs_held_out,
                 seed_checks.instructive_errors, seed_checks.second_round,
                 seed_checks.coder_kappas):
        assert show(None) == seed_checks.LEFT_OUT
    assert seed_checks.status(None, "the validation").startswith("not the seed corpus")


def test_on_the_seeds_the_checks_cover_every_hand_coded_item(seed_corpus):
    assert seed_checks.is_seed_corpus(seed_corpus)
    checks = seed_checks.stance_checks(seed_corpus, dk.stance.quotations(seed_corpus))
    pairs = seed_checks.tone_agency_pairs(checks)
    # one row per hand-coded sentence (tone) and mention (agency): the files' own lengths
    v = dk.paths.SEEDS / "validation"
    n_tone = len(pd.read_csv(v / "sentiment_hand_codes.csv"))
    n_agency = len(pd.read_csv(v / "agency_hand_codes.csv"))
    assert pairs["check"].value_counts().to_dict() == {"agency": n_agency, "tone": n_tone}
    framing = seed_checks.framing_checks(seed_corpus)
    assert set(framing) == {"sample", "test", "dev", "test2", "errors", "coders"}


def test_attribution_summary_without_a_testable_block_says_why():
    other = _other_corpus()           # texts of 10 and 9 tokens
    block = compare.shortest_block(other)
    assert block == 50                # at least 50 words
    check = compare.attribution_check(other, block)
    assert len(check) == 0
    longest = int(other.tokens.groupby("doc_id").size().max())
    assert compare.attribution_summary(check, other, block) == (
        f"no block to test: a text must keep 50 words after a block of 50 words is cut "
        f"from it, and the longest text has {longest} words")
