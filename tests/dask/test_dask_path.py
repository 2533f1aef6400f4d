"""The Dask path gives the tables of the local path, on Dask's local schedulers and on a
LocalCluster of two worker processes.

Cleaning, counting, sentence splitting and the sentence coders (frames and functions,
stance markers, actors, quotations, voices and sentence sentiment) all go through
``corpus._in_parallel``; with a Dask scheduler chosen each part of the texts is one Dask
task.  The reference is the same corpus analysed
in this process alone (``WORKERS = 1``, no Dask).  Partitions are made small here
(``PARTITION_CHARS``) so that the seeds, cut into paragraphs, are spread over many tasks.
"""
from __future__ import annotations

import dask
import pandas as pd
import pytest

import discoursekit as dk
from discoursekit import actors, dask_backend, framing, paths, stance
from discoursekit import corpus as corpus_module
from discoursekit.chunked import count_chunks, count_dask, keyness_all_counts


@pytest.fixture(scope="module")
def paragraphs():
    """The seed articles cut into paragraphs: several documents per author."""
    seeds = dk.load_corpus(paths.SEEDS)
    rows = [{"doc_id": f"{d}-p{i:03d}", "author": g, "text": para}
            for d, g, text in zip(seeds.docs["doc_id"], seeds.docs["group"], seeds.docs["text"])
            for i, para in enumerate(text.split("\n\n"))]
    return pd.DataFrame(rows)


def tables(paragraphs):
    """Every table the Dask path makes, for one corpus made afresh."""
    corpus = dk.Corpus.from_frame(paragraphs)
    frames = framing.code_corpus_frames(corpus)
    return {"docs": corpus.docs, "removed": corpus.removed, "sentences": corpus.sentences,
            "tokens": corpus.tokens,
            "keyness": dk.keyness_all(corpus, n_boot=50),
            "frames": frames,
            "topics": framing.sentence_topics(frames, n_topics=4),
            "quotations": stance.quotations(corpus),
            "voices": stance.voice_regions(corpus),
            "markers": stance.corpus_markers(corpus),
            "stance": stance.sentence_stance(corpus),
            "actors": actors.actor_mentions(corpus),
            # the evaluation first: it scores only the sentences that name an actor
            "evaluation": stance.actor_evaluation(corpus, n_boot=50),
            "sentiment": stance.sentence_sentiment(corpus)}


@pytest.fixture(scope="module")
def local(paragraphs):
    saved = corpus_module.WORKERS
    corpus_module.WORKERS = 1
    try:
        return tables(paragraphs)
    finally:
        corpus_module.WORKERS = saved


def assert_same(a: dict, b: dict):
    assert list(a) == list(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)
    assert list(a["frames"]["cues"]) == list(b["frames"]["cues"])


@pytest.fixture
def small_parts(monkeypatch):
    monkeypatch.setattr(dask_backend, "PARTITION_CHARS", 3_000)
    yield
    dask_backend.use_dask(None)


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_local_schedulers_give_the_local_tables(paragraphs, local, small_parts, scheduler):
    calls = []
    real = dask_backend.run_parts
    dask_backend_run = lambda *a: calls.append(len(a[3])) or real(*a)  # noqa: E731
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dask_backend, "run_parts", dask_backend_run)
        dask_backend.use_dask(scheduler)
        assert_same(local, tables(paragraphs))
    # cleaning, counting, sentences, frames, markers and actors each ran as several tasks
    assert sum(n >= 2 for n in calls) >= 5


def test_dask_config_and_environment_choose_the_scheduler(paragraphs, local, small_parts,
                                                          monkeypatch):
    with dask.config.set({"discoursekit.scheduler": "synchronous"}):
        assert dask_backend.scheduler() == "synchronous"
        assert_same(local, tables(paragraphs))
    monkeypatch.setenv("DISCOURSEKIT_DASK", "threads")
    assert dask_backend.scheduler() == "threads"


def test_a_local_cluster_of_two_workers_gives_the_local_tables(paragraphs, local, small_parts):
    from dask.distributed import Client, LocalCluster, get_task_stream

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        dask_backend.use_dask(cluster.scheduler_address)      # an address, as --dask takes
        with get_task_stream(client) as stream:
            assert_same(local, tables(paragraphs))
        dask_backend.use_dask(None)
        dask_backend._CLIENTS.pop(cluster.scheduler_address).close()
    # the tasks ran on the two workers, not in this process
    assert len({task["worker"] for task in stream.data}) == 2


def test_no_task_splits_a_document(paragraphs, small_parts):
    """The sentence coders cut their sentences at document boundaries."""
    corpus = dk.Corpus.from_frame(paragraphs)
    seen = []
    real = dask_backend.run_parts

    def spy(call, func, shared, parts, chosen):
        seen.append([len(texts) for texts, _ in parts])
        return real(call, func, shared, parts, chosen)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dask_backend, "run_parts", spy)
        dask_backend.use_dask("synchronous")
        framing.code_corpus_frames(corpus)
    sizes = corpus.sentences.groupby("doc_id", sort=False).size().to_numpy()
    bounds = set(sizes.cumsum().tolist())
    cuts = pd.Series(seen[-1]).cumsum().tolist()
    assert len(cuts) > 2 and set(cuts) <= bounds


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_count_dask_bag_gives_the_same_counts_and_keyness_as_in_memory(paragraphs, scheduler):
    import dask.bag as db

    corpus = dk.Corpus.from_frame(paragraphs, clean=False)
    bag = db.from_sequence(paragraphs.to_dict("records"), npartitions=4)
    counts = count_dask(bag, clean=False, scheduler=scheduler)
    reference = count_chunks([paragraphs], clean=False)
    assert list(counts.vocabulary) == list(reference.vocabulary)
    assert (counts.counts != reference.counts).nnz == 0
    pd.testing.assert_frame_equal(keyness_all_counts(counts, n_boot=100),
                                  dk.keyness_all(corpus, n_boot=100))


def test_count_dask_numbers_rows_of_a_bag_of_texts_like_count_chunks():
    import dask.bag as db

    texts = ["Russia and Serbia.", "Kosovo.", "Russia again.", "NATO and Kosovo."]
    counts = count_dask(db.from_sequence(texts, npartitions=3), scheduler="synchronous")
    expected = count_chunks([texts])
    assert counts.doc_ids.tolist() == expected.doc_ids.tolist()
    assert (counts.counts != expected.counts).nnz == 0


def test_the_count_dask_docstring_example():
    import dask.bag as db

    bag = db.from_sequence([{"text": "Russia and Serbia.", "author": "A"},
                            {"text": "Kosovo.", "author": "B"}], npartitions=2)
    assert repr(count_dask(bag, scheduler="synchronous")) == \
        "<DocumentCounts: 2 documents, 4 terms, 4 tokens, by 'author'>"


@pytest.mark.parametrize("value, message", [
    ("tcp://127.0.0.1:1", "no Dask scheduler answered"),
    ("proceses", "neither a Dask scheduler's address"),
])
def test_build_refuses_a_dask_scheduler_it_cannot_use_before_any_notebook(tmp_path, value,
                                                                           message, capsys):
    from discoursekit.__main__ import main

    out = tmp_path / "out"
    assert main(["build", "--corpus", str(paths.SEEDS), "--out", str(out), "--dask", value]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
