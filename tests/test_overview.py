"""Corpus overview measures, checked by hand."""
import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import overview


def test_mattr_on_a_hand_worked_example():
    # windows of 3 over a b a c c: (a b a)=2/3, (b a c)=3/3, (a c c)=2/3 -> mean 7/9
    assert overview.mattr(list("abacc"), window=3) == pytest.approx(7 / 9)


def test_mattr_of_a_text_shorter_than_the_window_is_its_ttr():
    assert overview.mattr(list("aab"), window=100) == pytest.approx(2 / 3)


def test_mattr_does_not_fall_with_length_for_a_repeating_text():
    short, long = list("abcdabcd"), list("abcd" * 50)
    assert overview.mattr(short, 4) == overview.mattr(long, 4) == 1.0


def test_mattr_rejects_an_empty_text():
    with pytest.raises(ValueError, match="at least one token"):
        overview.mattr([], 10)


def _mattr_by_windows(tokens, window):
    """MATTR as defined: the mean over every window of its types / tokens."""
    if len(tokens) <= window:
        return len(set(tokens)) / len(tokens)
    spans = [tokens[i:i + window] for i in range(len(tokens) - window + 1)]
    return sum(len(set(s)) / window for s in spans) / len(spans)


@pytest.mark.parametrize("window", [1, 7, 100, 5000])
def test_lexical_diversity_of_every_document_equals_its_windows_counted_one_by_one(window):
    seeds = dk.load_corpus(dk.paths.SEEDS)
    out = overview.lexical_diversity(seeds, window=window)
    assert out["doc_id"].tolist() == sorted(seeds.docs["doc_id"])
    for row in out.itertuples():
        norms = seeds.tokens.loc[seeds.tokens["doc_id"] == row.doc_id, "norm"].tolist()
        assert (row.tokens, row.types) == (len(norms), len(set(norms)))
        assert row.ttr == pytest.approx(len(set(norms)) / len(norms))
        assert row.mattr == pytest.approx(_mattr_by_windows(norms, window), rel=1e-12)


def test_describe_documents_counts_words_sentences_and_removals():
    corpus = dk.Corpus.from_frame(pd.DataFrame({
        "text": ["Serbia moved. Kosovo protested loudly.\n\nWP Radio", "One more."],
        "author": ["A", "B"]}))
    table = overview.describe_documents(corpus)
    assert table["words"].tolist() == [5, 2]
    assert table["sentences"].tolist() == [2, 1]
    assert table["removed_lines"].tolist() == [1, 0]
    assert table["removed_rules"].tolist() == ["furniture", ""]


def test_sentence_lengths_one_row_per_sentence():
    corpus = dk.Corpus.from_frame(pd.DataFrame({"text": ["Two words. Now three words."],
                                                "author": ["A"]}))
    assert overview.sentence_lengths(corpus)["words"].tolist() == [2, 3]


def test_spelling_variants_per_group(seed_corpus):
    table = overview.spelling_variants(seed_corpus, ["vucic"])
    spelled = {(r.spelling, r.group): r.count for r in table.itertuples()}
    assert spelled[("vučić", "Janusz Bugajski")] >= 1
    assert ("vučić", "David R. Shedd & Ivana Stradner") not in spelled


def test_varied_norms_are_the_terms_written_in_more_than_one_way():
    # by hand: "Vučić"/"Vucic" and "Kosova"/"Kosovo" are two spellings each; "Serbia" at a
    # sentence start and inside one is one spelling (case aside); "'s" and "’s" are left out
    corpus = dk.Corpus.from_frame(pd.DataFrame({
        "text": ["Vučić met Serbia's envoy in Kosova. Serbia waits.",
                 "Vucic spoke of Kosovo and of serbia’s army."],
        "author": ["A", "B"]}))
    assert overview.varied_norms(corpus) == ["kosovo", "vucic"]
    table = overview.spelling_variants(corpus)
    assert sorted(set(zip(table["norm"], table["spelling"]))) == [
        ("kosovo", "kosova"), ("kosovo", "kosovo"), ("vucic", "vucic"), ("vucic", "vučić")]
