"""The whole suite at scale: analyses kept per corpus, the corpus kept between notebooks,
tasks cut at document boundaries, and Dask as an optional extra.

The Dask path itself is tested in tests/dask (``make test-dask``), in an environment with
the extra; here, in the core environment, Dask is absent and must not be needed.
"""
from __future__ import annotations

import importlib
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import corpus_cache, memo, paths, stance
from discoursekit import actors as actors_module
from discoursekit.corpus import _cuts

from conftest import digest, write_corpus


# --- one analysis per corpus ------------------------------------------------------------------
def test_stance_markers_are_found_once_per_corpus_and_handed_out_as_copies(monkeypatch):
    corpus = dk.load_corpus(paths.SEEDS)
    calls = []
    real = stance.markers._stance_table
    monkeypatch.setattr(stance.markers, "_stance_table",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    first = stance.corpus_markers(corpus)
    first.loc[0, "item"] = "changed by the caller"
    stance.sentence_stance(corpus)
    stance.stance_rates(corpus, n_boot=20)
    stance.borrowed_stance(corpus)
    again = stance.corpus_markers(corpus)
    assert len(calls) == 1
    assert again.loc[0, "item"] != "changed by the caller"
    memo.forget(corpus)
    stance.corpus_markers(corpus)
    assert len(calls) == 2


def test_sentence_stance_counts_equal_the_markers_counted_by_hand():
    """Counts per sentence worked out from the matches of each sentence on its own
    (stance_markers of the sentence's text, voices from the whole document)."""
    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"], "text": [
        "NATO must act now. Perhaps it will. We clearly should, and must.",
        "Kosovo may be right. Is it? Certainly not."]}))
    ss = stance.sentence_stance(corpus)
    by_hand = stance.stance_markers(corpus.sentences["text"].tolist())
    cats = list(stance.STANCE_CATEGORIES)
    assert ss[cats].to_numpy().tolist() == by_hand[cats].to_numpy().tolist()
    assert ss["n_words"].tolist() == [4, 3, 5, 4, 2, 2]     # words, not punctuation


def test_an_edited_lexicon_file_is_read_again(tmp_path):
    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"], "text": [
        "NATO must act now.", "Kosovo may be right."]}))
    lexicon = tmp_path / "stance.yaml"
    text = (paths.ROOT / "lib/discoursekit/lexicons/stance.yaml").read_text(encoding="utf-8")
    lexicon.write_text(text, encoding="utf-8")
    before = stance.corpus_markers(corpus, lexicon=str(lexicon))
    assert "    items: [must, should," in text
    lexicon.write_text(text.replace("    items: [must, should,", "    items: [should,", 1),
                       encoding="utf-8")
    after = stance.corpus_markers(corpus, lexicon=str(lexicon))
    assert "must" in before["item"].tolist() and "must" not in after["item"].tolist()


def test_actor_mentions_follow_the_actor_table_in_use(tmp_path, monkeypatch):
    corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A", "B"], "text": [
        "Zorblax met NATO.", "NATO again."]}))
    assert "Zorblax" not in actors_module.actor_mentions(corpus)["surface"].tolist()
    table = tmp_path / "actors.csv"
    table.write_text("actor,mention,naming\nZorblax,Zorblax,name\n", encoding="utf-8")
    monkeypatch.setenv("DISCOURSEKIT_ACTORS", str(table))
    assert actors_module.actor_mentions(corpus)["surface"].tolist() == ["Zorblax"]


# --- the corpus kept between notebooks ----------------------------------------------------------
def test_the_cache_gives_the_corpus_as_cleaned_and_sees_an_edited_file(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "c", {
        "a.txt": "Russia and Serbia met.\n\nShare this article\n\nThey talked.",
        "b.txt": "Kosovo waited. Then it spoke."}, "file,author\na.txt,A\nb.txt,B\n")
    before = digest(folder)
    fresh = dk.load_corpus(folder)
    monkeypatch.setenv("DISCOURSEKIT_CACHE", str(tmp_path / "cache"))
    first = dk.load_corpus(folder)                      # cleans and stores
    assert len(list((tmp_path / "cache").glob("corpus-*.pickle"))) == 1
    monkeypatch.setattr(dk.corpus, "_build", lambda *a, **k: pytest.fail("cleaned again"))
    second = dk.load_corpus(folder, by="file")          # read back, grouped otherwise
    for a, b in ((fresh.docs, first.docs), (fresh.docs, second.docs.assign(
            group=fresh.docs["group"])), (fresh.removed, second.removed),
            (fresh.sentences, second.sentences), (fresh.tokens, second.tokens)):
        pd.testing.assert_frame_equal(a, b)
    assert second.by == "file" and second.docs["group"].tolist() == ["a.txt", "b.txt"]
    assert digest(folder) == before                     # the corpus folder is only read
    monkeypatch.undo()
    monkeypatch.setenv("DISCOURSEKIT_CACHE", str(tmp_path / "cache"))
    (folder / "b.txt").write_text("Kosovo waited longer.", encoding="utf-8")
    assert dk.load_corpus(folder).docs["text"].tolist()[1] == "Kosovo waited longer."
    assert len(list((tmp_path / "cache").glob("corpus-*.pickle"))) == 2
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_without_the_environment_variable_nothing_is_cached(tmp_path, monkeypatch):
    monkeypatch.delenv("DISCOURSEKIT_CACHE", raising=False)
    folder = write_corpus(tmp_path / "c", {"a.txt": "Russia.", "b.txt": "Kosovo."},
                          "file,author\na.txt,A\nb.txt,B\n")
    dk.load_corpus(folder)
    assert corpus_cache.cache_dir() is None and sorted(p.name for p in tmp_path.iterdir()) == ["c"]


# --- tasks cut at document boundaries -----------------------------------------------------------
@pytest.mark.parametrize("lengths, size, bounds, expected", [
    ([5, 5, 5, 5, 5], 10, None, [(0, 2), (2, 4), (4, 5)]),      # 10 characters a task
    ([5, 5, 5, 5, 5], 10, [0, 3], [(0, 3), (3, 5)]),            # documents of 3 and 2 texts
    ([5, 5, 5, 5, 5], 100, None, [(0, 5)]),                     # all in one task
    ([30, 1, 1], 10, None, [(0, 1), (1, 3)]),                   # a long text alone
])
def test_cuts_hold_about_size_characters_and_never_split_a_document(lengths, size, bounds,
                                                                    expected):
    assert _cuts(np.array(lengths), size, bounds) == expected


# --- Dask is optional ----------------------------------------------------------------------------
def test_the_core_install_has_no_dask_and_the_library_does_not_need_it():
    """The suite's environment comes from requirements.txt, which leaves Dask to the extra."""
    pins = (paths.ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    assert "\ndask==" not in pins and "\ndistributed==" not in pins
    extra = (paths.ROOT / "requirements-dask.txt").read_text(encoding="utf-8").lower()
    assert "\ndask==" in extra and "\ndistributed==" in extra
    code = ("import sys, discoursekit as dk; c = dk.load_corpus(dk.paths.SEEDS); "
            "dk.framing.code_corpus_frames(c); dk.stance.corpus_markers(c); "
            "print('dask' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={k: v for k, v in os.environ.items()
                                           if k != "DISCOURSEKIT_DASK"})
    assert done.stdout.strip() == "False"


def test_asking_for_dask_without_it_says_how_to_install_it(monkeypatch, tmp_path):
    from discoursekit import dask_backend

    monkeypatch.setitem(sys.modules, "dask", None)      # as if Dask were not installed
    with pytest.raises(ImportError, match=r"pip install -e \.\[dask\]"):
        dask_backend.use_dask("processes")
    monkeypatch.setenv("DISCOURSEKIT_DASK", "processes")
    with pytest.raises(ImportError, match=r"pip install -e \.\[dask\]"):
        dk.load_corpus(paths.SEEDS).sentences
    monkeypatch.delenv("DISCOURSEKIT_DASK")
    from discoursekit.__main__ import main

    out = tmp_path / "out"
    assert main(["build", "--corpus", str(paths.SEEDS), "--out", str(out), "--dask",
                 "tcp://127.0.0.1:8786"]) == 2
    assert not (out / "notebooks").exists()


def test_a_build_s_notebooks_share_frames_markers_and_keyness_through_the_cache(tmp_path,
                                                                               monkeypatch):
    """The second notebook of a build (a new process, here a new corpus object read from
    the cache) reads the first one's results instead of computing them again, and they
    are the same tables."""
    from discoursekit import framing
    from discoursekit.framing import coding
    from discoursekit.keywords import keyness_tables

    folder = write_corpus(tmp_path / "c", {
        "a.txt": "NATO must act now. Perhaps the Kremlin will wait.",
        "b.txt": "Kosovo may be right. Serbia says “we will never agree to this deal”."},
        "file,author\na.txt,A\nb.txt,B\n")
    monkeypatch.setenv("DISCOURSEKIT_CACHE", str(tmp_path / "cache"))
    first = dk.load_corpus(folder)
    book = dk.corpus_codebook(folder)
    made = (framing.code_corpus_frames(first, codebook=book), stance.corpus_markers(first),
            dk.keyness_all(first, n_boot=20), stance.quotations(first))
    # frames, markers, keyness, quotations, and the voice regions the markers were found with
    assert len(list((tmp_path / "cache").glob("memo-*.pickle"))) == 5
    second = dk.load_corpus(folder)
    quotes_module = importlib.import_module("discoursekit.stance.quotations")
    for module, name in ((coding, "_corpus_matches"), (stance.markers, "_stance_table"),
                         (keyness_tables, "keyness_all_table"), (quotes_module, "_quotes_of"),
                         (stance.voices, "_voice_rows")):
        monkeypatch.setattr(module, name, lambda *a, **k: pytest.fail("computed again"))
    again = (framing.code_corpus_frames(second, codebook=dk.corpus_codebook(folder)),
             stance.corpus_markers(second), dk.keyness_all(second, n_boot=20),
             stance.quotations(second))
    for a, b in zip(made, again):
        pd.testing.assert_frame_equal(a, b)
    # grouped otherwise, or after forget(), nothing is read from disk
    other = dk.load_corpus(folder, by="file")
    with pytest.raises(pytest.fail.Exception, match="computed again"):
        stance.corpus_markers(other)
    memo.forget(second)
    with pytest.raises(pytest.fail.Exception, match="computed again"):
        stance.corpus_markers(second)


# --- figures and fits whose cost would grow with the corpus -----------------------------------------
def test_sentence_lengths_draw_a_sample_of_dots_beyond_the_cap_and_say_so(monkeypatch):
    from discoursekit import overview
    from discoursekit.plotting import corpus as corpus_plots

    corpus = dk.load_corpus(paths.SEEDS)
    lengths = overview.sentence_lengths(corpus)
    monkeypatch.setattr(corpus_plots, "MAX_DOTS", 20)
    ax = corpus_plots.plot_sentence_lengths(lengths)
    dots = [c.get_offsets() for c in ax.collections if len(c.get_offsets()) and
            c.get_offsets().shape[1] == 2 and c.get_sizes().tolist() == [3.0]]
    assert len(dots) == lengths["group"].nunique() and max(len(d) for d in dots) == 20
    notes = " ".join(t.get_text() for t in ax.figure.texts)
    assert "random sample of 20 of its sentences" in notes
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_frame_flow_draws_each_place_once_on_a_large_corpus(monkeypatch):
    from discoursekit import framing
    from discoursekit.plotting import framing as framing_plots

    coded = framing.code_corpus_frames(dk.load_corpus(paths.SEEDS))
    doubled = pd.concat([coded, coded], ignore_index=True)     # every mark twice
    cats = [c for c in coded.attrs["categories"]
            if coded.attrs["kinds"][c] in ("function", "issue")]
    drawn = []
    for limit in (10**9, 1):
        monkeypatch.setattr(framing_plots, "_DISTINCT_MARKS", limit)
        fig = framing_plots.plot_frame_flow(doubled)
        drawn.append([c.get_offsets()[:, 0] for ax in fig.axes for c in ax.collections])
        import matplotlib.pyplot as plt

        plt.close(fig)
    # every mark when not capped; capped, one per thousandth of the article (counted here
    # on whole numbers of thousandths), each within half a thousandth of a real one
    assert sum(map(len, drawn[0])) == int(doubled[cats].to_numpy().sum())
    places = sum(doubled.loc[doubled[c] & (doubled["group"] == g), "position"]
                 .mul(1000).round().nunique() for g in doubled["group"].unique() for c in cats)
    assert sum(map(len, drawn[1])) == places <= sum(map(len, drawn[0])) // 2
    for full, capped in zip(drawn[0], drawn[1]):
        assert len(capped) == len(full) == 0 or (
            np.abs(np.subtract.outer(capped, full)).min(axis=1).max() <= 0.0005 + 1e-12)


def test_topics_on_a_sample_of_sentences_are_fitted_on_it_and_given_to_all(monkeypatch):
    from discoursekit import framing
    from discoursekit.framing import topics as topics_module

    coded = framing.code_corpus_frames(dk.load_corpus(paths.SEEDS))
    monkeypatch.setattr(topics_module, "FIT_SENTENCES", 200)
    first = framing.sentence_topics(coded, n_topics=4)
    again = framing.sentence_topics(coded, n_topics=4)
    pd.testing.assert_frame_equal(first, again)                 # seeded: the same sample
    assert len(first) == len(coded) and (first["topic"] != "none").sum() > len(coded) // 2


def test_a_table_argument_is_keyed_by_its_content():
    """actor_agency(mentions, corpus): the same mentions give the kept result, other
    mentions a new one."""
    corpus = dk.load_corpus(paths.SEEDS)
    mentions = actors_module.actor_mentions(corpus)
    first = actors_module.actor_agency(mentions, corpus)
    assert len(corpus.__dict__["_memo"]) == 2               # the mentions and the agency
    pd.testing.assert_frame_equal(actors_module.actor_agency(mentions.copy(), corpus), first)
    assert len(corpus.__dict__["_memo"]) == 2
    fewer = actors_module.actor_agency(mentions.iloc[:10], corpus)
    assert len(fewer) == 10 and len(corpus.__dict__["_memo"]) == 3


@pytest.mark.parametrize("folder", [paths.SEEDS, "real"])
def test_sentence_regions_are_each_sentences_overlap_with_the_document_regions(folder):
    # the quoted and reported stretches of every sentence, found for all regions at once,
    # are those a sentence-by-sentence overlap test finds (clipped to the sentence, in the
    # order of the regions table)
    from discoursekit.stance.markers import _sentence_regions

    corpus = dk.load_corpus(paths.SEEDS) if folder != "real" else _real_like_corpus()
    regions = stance.voice_regions(corpus)
    expected = []
    for doc, s0, s1 in zip(corpus.sentences["doc_id"], corpus.sentences["start"],
                           corpus.sentences["end"]):
        expected.append([(max(a, s0) - s0, min(b, s1) - s0, v, who) for d, a, b, v, who in zip(
            regions["doc_id"], regions["start"], regions["end"], regions["voice"],
            regions["speaker"]) if d == doc and a < s1 and b > s0])
    got = _sentence_regions(corpus, regions)
    assert got == expected and sum(map(len, got)) >= 5


def _real_like_corpus():
    """Two documents with a quotation running over three sentences, one reported claim
    and a document without any, as a newspaper prints them."""
    texts = {
        "a": 'The mayor spoke on Monday. "We will not raise rents. Never. Not this year," '
             'she said. Critics said the plan was vague. The council meets in May.',
        "b": "Nothing here is quoted. It is only the author's own view.",
        "c": 'Ms Lee argued that the budget was too small. "It is a scandal," a member '
             'shouted. "Absolutely."',
    }
    frame = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values()),
                          "author": ["x", "y", "x"]})
    return dk.Corpus.from_frame(frame, by="author")


def test_actor_evaluation_scores_only_the_sentences_that_name_an_actor(monkeypatch):
    sentiment_module = importlib.import_module("discoursekit.stance.sentiment")
    corpus = dk.load_corpus(paths.SEEDS)
    mentions = actors_module.actor_mentions(corpus)
    scored = []
    real = sentiment_module.sentiment
    monkeypatch.setattr(sentiment_module, "sentiment",
                        lambda texts: scored.extend(texts) or real(texts))
    assert memo.kept(sentiment_module.sentence_sentiment, corpus) is None
    restricted = stance.actor_evaluation(corpus, mentions)
    named = mentions[["doc_id", "sent_id"]].drop_duplicates().merge(
        corpus.sentences[["doc_id", "sent_id", "text"]])
    assert sorted(scored) == sorted(named["text"]) and len(scored) < len(corpus.sentences)
    # the same table as from the scores of every sentence (kept on a fresh corpus first)
    fresh = dk.load_corpus(paths.SEEDS)
    whole = sentiment_module.sentence_sentiment(fresh)
    pd.testing.assert_frame_equal(memo.kept(sentiment_module.sentence_sentiment, fresh), whole)
    pd.testing.assert_frame_equal(stance.actor_evaluation(fresh, mentions), restricted)
    # and without the mentions passed: the same, from the result kept above
    scored.clear()
    pd.testing.assert_frame_equal(stance.actor_evaluation(corpus), restricted)
    assert scored == []


def test_actor_agency_says_which_mention_is_not_of_the_corpus():
    corpus = dk.load_corpus(paths.SEEDS)
    mentions = actors_module.actor_mentions(corpus)
    mentions.loc[3, "sent_id"] = 10_000
    with pytest.raises(ValueError, match=r"mention 3 .* is not a sentence of this corpus"):
        actors_module.actor_agency(mentions, corpus)


def test_sentence_rows_finds_each_pair_in_the_sentence_table_and_minus_one_for_none():
    from discoursekit.corpus import sentence_rows

    corpus = dk.load_corpus(paths.SEEDS)
    sents = corpus.sentences
    picks = [7, 0, len(sents) - 1, 7]
    got = sentence_rows(corpus, list(sents["doc_id"].iloc[picks]) + ["nowhere"],
                        list(sents["sent_id"].iloc[picks]) + [0])
    assert got.tolist() == picks + [-1]
