"""Sentence splitting, word tokens with offsets, and normalisation (expected values by hand)."""
import pytest

from discoursekit.text import (fold, join_multiword, normalize, split_sentences, stopwords,
                               tokenize)


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def words(text):
    return [t for _, _, t in tokenize(text)]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. Secretary of State Antony Blinken called Vucic. He asked for calm.",
     ["The U.S. Secretary of State Antony Blinken called Vucic.", "He asked for calm."]),
    ("Gen. Wesley Clark met Dr. Smith in Jan. 2021. Nothing came of it.",
     ["Gen. Wesley Clark met Dr. Smith in Jan. 2021.", "Nothing came of it."]),
    ("This essay is by David L. Phillips. It was published later.",
     ["This essay is by David L. Phillips.", "It was published later."]),
    ("The legendary US diplomat, Richard C. Holbrooke, said so. Others disagreed.",
     ["The legendary US diplomat, Richard C. Holbrooke, said so.", "Others disagreed."]),
])
def test_abbreviations_and_initials_do_not_end_a_sentence(text, expected):
    assert sentences(text) == expected


def test_sentences_never_cross_a_blank_line():
    text = "A heading without a period\n\nThe first sentence. The second one."
    assert sentences(text) == ["A heading without a period", "The first sentence.",
                               "The second one."]


def test_a_lone_ellipsis_stays_with_its_sentence():
    text = "Moscow has leverage in the region. …\n\nNext paragraph."
    assert sentences(text) == ["Moscow has leverage in the region. …", "Next paragraph."]


def test_sentence_offsets_point_into_the_text():
    text = "First one.  Second one.\n\nThird."
    assert split_sentences(text) == [(0, 10), (12, 23), (25, 31)]


def test_typographic_apostrophe_gives_word_and_clitic():
    assert words("Serbia’s army and Russia's gas") == ["Serbia", "’s", "army", "and",
                                                       "Russia", "'s", "gas"]


def test_clitic_never_appears_as_a_bare_s():
    assert "s" not in words("Serbia’s, Kosovo’s and Putin’s")


def test_em_dash_splits_words():
    assert words("in Niš—close to Kosovo") == ["in", "Niš", "close", "to", "Kosovo"]


@pytest.mark.parametrize("item", ["MiG-29", "S-400", "Pantsir-S1M", "T-72", "de-escalation"])
def test_hyphenated_names_stay_one_token(item):
    assert words(f"It bought the {item} system.") == ["It", "bought", "the", item, "system"]


def test_numbers_stay_whole():
    assert words("$1.5 billion for 1,100 troops") == ["1.5", "billion", "for", "1,100", "troops"]


def test_abbreviation_with_periods_is_one_token():
    assert words("the U.S. Senate") == ["the", "U.S.", "Senate"]


def test_negation_is_split_treebank_style():
    assert words("NATO doesn’t act") == ["NATO", "does", "n’t", "act"]


def test_token_offsets_recover_the_surface():
    text = "Vučić’s “red lines” — 1,100 km"
    for start, end, surface in tokenize(text):
        assert text[start:end] == surface


@pytest.mark.parametrize("surface, expected", [
    ("Vučić", "vucic"), ("Vucic", "vucic"), ("Niš", "nis"), ("Milošević", "milosevic"),
    ("Kosova", "kosovo"), ("KOSOVA", "kosovo"), ("Aleksander", "aleksandar"),
    ("Prishtina", "pristina"), ("Serbia’s", "serbia's"), ("US", "u.s."), ("us", "us"),
    ("U.S.", "u.s."), ("Kosova-Serbia", "kosovo-serbia"),
])
def test_normalize_folds_case_diacritics_and_variants(surface, expected):
    assert normalize(surface) == expected


def test_fold_keeps_letters_and_drops_marks():
    assert fold("Brnabić’s") == "brnabic's"


def test_multiword_names_join_longest_first():
    norms = ["bosnia", "and", "herzegovina", "and", "the", "western", "balkans"]
    assert join_multiword(norms) == [(0, 3, "bosnia and herzegovina"), (3, 4, "and"),
                                     (4, 5, "the"), (5, 7, "western balkans")]


def test_stopwords_are_sklearn_english_plus_clitics():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    assert len(ENGLISH_STOP_WORDS) == 318
    assert stopwords() >= ENGLISH_STOP_WORDS and "'s" in stopwords()
    assert "kosovo" not in stopwords()


def test_greedy_matches_take_the_longest_key_left_to_right_and_respect_refusals():
    from discoursekit.text import _greedy_matches, _longest_from

    entries = {("a", "b"): 1, ("a",): 2, ("b", "c"): 3}
    tokens = ["a", "b", "c", "a"]
    longest = _longest_from(entries)
    assert longest == {"a": 2, "b": 2}
    # "a b" at 0 hides "b c"; then "a" alone at 3
    assert list(_greedy_matches(tokens, entries, longest)) == [(0, 2, ("a", "b")),
                                                              (3, 1, ("a",))]
    # refusing "a b" falls back to "a", which leaves "b c" free
    refuse = lambda key, j: key != ("a", "b")  # noqa: E731
    assert list(_greedy_matches(tokens, entries, longest, refuse)) == [
        (0, 1, ("a",)), (1, 2, ("b", "c")), (3, 1, ("a",))]
    assert list(_greedy_matches(["x", "y"], entries, longest)) == []
