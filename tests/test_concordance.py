"""KWIC: matches as written, context by word count, AntConc-style sorting."""
import pandas as pd
import pytest

import discoursekit as dk
from discoursekit.concordance import kwic


def tiny(texts, authors):
    return dk.Corpus.from_frame(pd.DataFrame({"text": texts, "author": authors}), clean=False)


@pytest.fixture
def corpus():
    return tiny(["Russia backs Serbia. Kosovo fears Russia. Russia arms Belgrade. "
                 "Serbia trusts Russia too."], ["A"])


def test_kwic_sorts_by_first_right_then_first_left_word(corpus):
    df = kwic(corpus, "russia", window=2, sort=("R1", "L1"))
    assert df["R1"].tolist() == ["arms", "backs", "russia", "too"]
    assert df["sent_id"].tolist() == [2, 0, 1, 3]
    by_left = kwic(corpus, "russia", window=2, sort="L1")
    assert by_left["L1"].tolist() == ["", "fears", "russia", "trusts"]
    assert kwic(corpus, "russia", sort=None)["sent_id"].tolist() == [0, 1, 2, 3]


def test_kwic_context_counts_words_and_comes_from_the_cleaned_text(corpus):
    df = kwic(corpus, "russia", window=2, sort=None)
    assert df["left"].tolist() == ["", "Kosovo fears", "fears Russia.", "Serbia trusts"]
    assert df["right"].tolist() == ["backs Serbia", ". Russia arms", "arms Belgrade", "too"]
    text = corpus.docs["text"][0]
    assert all(text[s:e] == m for s, e, m in zip(df["start"], df["end"], df["match"]))
    assert list(df.columns[:10]) == ["group", "author", "doc_id", "sent_id", "position",
                                     "start", "end", "left", "match", "right"]
    assert list(df.columns[10:]) == ["L2", "L1", "R1", "R2"]


def test_kwic_shows_the_spelling_as_written_when_searching_the_normal_form(seed_corpus):
    df = kwic(seed_corpus, "kosovo", window=3)
    bugajski = df[df["author"] == "Janusz Bugajski"]
    assert set(bugajski["match"]) == {"Kosova", "Kosovo"}
    assert (bugajski["match"] == "Kosova").sum() == 10
    assert len(kwic(seed_corpus, "Kosova")) == len(df)


def test_kwic_finds_multiword_names_and_phrases(seed_corpus):
    wb = kwic(seed_corpus, "western balkans")
    assert len(wb) == 4 and wb["match"].str.lower().str.startswith("western").all()
    west = kwic(seed_corpus, "the West", sort=None)
    assert len(west) > 0 and west["match"].str.lower().eq("the west").all()


def test_kwic_rejects_an_unknown_sort_key(corpus):
    with pytest.raises(ValueError, match="The kwic 'sort key' must be one of .*Got 'R4'"):
        kwic(corpus, "russia", window=3, sort=("R4",))


def test_kwic_of_a_term_that_never_occurs_is_empty(corpus):
    df = kwic(corpus, "Montenegro")
    assert df.empty and "match" in df.columns
