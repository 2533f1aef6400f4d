"""Whose voice a stance marker is: the author's, a quoted speaker's, or a reported one.

Every expected value is read off the hand-written sentence by hand."""
from __future__ import annotations

import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import stance
from discoursekit.stance.voices import quote_regions, reported_regions


def _voices(text: str, item: str) -> list[tuple[str, str]]:
    """(voice, speaker) of each match of ``item`` in ``text``."""
    m = stance.stance_matches([text], voice="all")
    m = m[m["surface"].str.casefold() == item]
    return list(zip(m["voice"], m["speaker"]))


@pytest.mark.parametrize("text, item, expected", [
    # the author's own
    ("Landlords must register every tenancy.", "must", [("author", "")]),
    ("I would argue that landlords must register.", "must", [("author", "")]),
    ("We think the council should act.", "should", [("author", "")]),
    # inside a direct quotation
    ('"Landlords must register," the minister said.', "must", [("quoted", "")]),
    ("The mayor said: “Rents should fall.”", "should", [("quoted", "")]),
    # nested quotation: the inner ‘…’ is part of the outer quotation
    ("“They told us ‘you must leave’ in May,” she said.", "must", [("quoted", "")]),
    # an unclosed quotation runs to the end of the paragraph
    ("The tenant said: “We must stay, whatever happens", "must", [("quoted", "")]),
    # a closing mark without an opener: the quotation began before this sentence
    ("Rents must fall.” Nobody disagreed.", "must", [("quoted", "")]),
    # reported speech: a clause governed by a reporting verb
    ("The minister said that councils must cap rents.", "must",
     [("reported", "The minister")]),
    ("Landlords argue the cap should go.", "should", [("reported", "Landlords")]),
    ("According to the agency, rents should rise.", "should", [("reported", "the agency")]),
    ("Rents should rise, according to the agency.", "should", [("reported", "the agency")]),
    ("Councils must act, the report warns.", "must", [("reported", "the report")]),
    ("Councils must act, said Marta Lind.", "must", [("reported", "Marta Lind")]),
    # a reported clause ends where the author's own clause begins
    ("While the lobby says rents must rise, tenants clearly cannot pay.", "clearly",
     [("author", "")]),
    ("Many tenants believe the rules, but landlords must still register.", "must",
     [("author", "")]),
    # not a report: an infinitive, a passive, the author's own framing
    ("According to this logic, rents should never fall.", "should", [("author", "")]),
    ("The mayor is unwilling to admit that rents must fall.", "must", [("author", "")]),
    ("It can be said that councils should act.", "should", [("author", "")]),
])
def test_voice_of_each_marker(text, item, expected):
    assert _voices(text, item) == expected


def test_quote_regions_by_hand():
    text = 'He said: “We will ‘never’ pay.” Then he left.'
    assert [text[a:b] for a, b in quote_regions(text)] == ["“We will ‘never’ pay.”"]
    # straight marks pair up; an unclosed one runs to its paragraph's end only
    text = 'A "cap" is "fair\n\nNot quoted here.'
    assert [text[a:b] for a, b in quote_regions(text)] == ['"cap"', '"fair']
    # a quotation over two paragraphs, reopened and closed in the second
    text = "“Rents must fall.\n\n“They must,” she said."
    assert [text[a:b] for a, b in quote_regions(text)] == ["“Rents must fall.", "“They must,”"]


def test_reported_regions_name_speaker_and_verb():
    s = "The minister said that councils must cut rents."
    assert [(s[a:b], who, verb) for a, b, who, verb in reported_regions(s)] == [
        (" that councils must cut rents.", "The minister", "said")]
    assert reported_regions("Rents rose by a tenth last year.") == []


def test_counts_are_the_authors_own_by_default():
    texts = ['"We must act," she said.', "The council must act.",
             "Critics say the council must act."]
    author = stance.stance_markers(texts)["deontic"].tolist()
    assert author == [0, 1, 0]
    assert stance.stance_markers(texts, voice="all")["deontic"].tolist() == [1, 1, 1]
    assert stance.stance_markers(texts, voice=["quoted", "reported"])["deontic"].tolist() \
        == [1, 0, 1]
    with pytest.raises(ValueError, match="voice must be"):
        stance.stance_markers(texts, voice="narrator")


@pytest.fixture(scope="module")
def quoted_corpus():
    text = ("The council must publish its data. "
            "“Landlords must register every flat. They should pay a fee,” said Ana Ruiz. "
            "Critics argue the fee must be lower. "
            "According to the agency, rents may rise.")
    return dk.Corpus.from_frame(pd.DataFrame({"author": ["A"], "text": [text]}))


def test_corpus_markers_and_borrowed_stance(quoted_corpus):
    m = stance.corpus_markers(quoted_corpus)
    deontic = m[m["category"] == "deontic"]
    assert deontic["surface"].tolist() == ["must", "must", "should", "must"]
    assert deontic["voice"].tolist() == ["author", "quoted", "quoted", "reported"]
    # the quotation's speaker comes from the quotation table ('…,” said Ana Ruiz')
    assert deontic["speaker"].tolist() == ["", "Ana Ruiz", "Ana Ruiz", "Critics"]
    hedge = m[m["category"] == "hedge"]
    assert list(zip(hedge["surface"], hedge["voice"], hedge["speaker"])) == [
        ("may", "reported", "the agency")]
    b = stance.borrowed_stance(quoted_corpus).set_index("category")
    assert b.loc["deontic", ["author", "quoted", "reported", "total"]].tolist() == [1, 2, 1, 4]
    assert b.loc["deontic", "share_borrowed"] == pytest.approx(3 / 4)


def test_a_sentence_inside_a_multi_sentence_quotation_is_quoted(quoted_corpus):
    # "They should pay a fee,” said Ana Ruiz." has its closing mark only; the sentence
    # before it opens the quotation: both are found from the document
    ss = stance.sentence_stance(quoted_corpus)
    assert ss["deontic"].tolist() == [1, 0, 0, 0, 0]
    ss_all = stance.sentence_stance(quoted_corpus, voice="all")
    assert ss_all["deontic"].tolist() == [1, 1, 1, 1, 0]


def test_stance_rates_count_the_authors_voice(quoted_corpus):
    r = stance.stance_rates(quoted_corpus, n_boot=50).set_index("category")
    assert r.loc["deontic", "n"] == 1 and r.attrs["voice"] == "author"
    r_all = stance.stance_rates(quoted_corpus, n_boot=50, voice="all").set_index("category")
    assert r_all.loc["deontic", "n"] == 4


def test_framing_function_cues_carry_their_voice():
    from discoursekit.framing import cue_voices

    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A"], "text": [
        "NATO must deter Serbia now. “The West must act,” said Ana Ruiz. "
        "The EU should pay, the minister argues."]}))
    cues = cue_voices(corpus)
    remedies = cues[cues["category"] == "treatment_recommendation"]
    assert remedies["cue"].tolist() == ["must", "must", "should"]
    assert remedies["voice"].tolist() == ["author", "quoted", "reported"]
    assert remedies["speaker"].tolist() == ["", "Ana Ruiz", "the minister"]
