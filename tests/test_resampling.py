"""The shared block bootstrap, checked on cases whose answer is known by hand."""
import numpy as np
import pytest

from discoursekit.resampling import block_bootstrap


def test_constant_blocks_reproduce_the_total_in_every_replicate():
    # 10 sentences of value 1 in blocks of 2: every replicate draws 5 blocks of sum 2
    out = block_bootstrap(np.ones((10, 1)), ["d"] * 10, block=2, n_boot=30, seed=1)
    assert out.shape == (30, 1) and set(out.ravel()) == {10.0}


def test_replicates_are_sums_of_whole_blocks():
    # blocks of 3 over [1,1,1, 0,0,0]: block sums 3 and 0, two draws -> totals 0, 3 or 6
    values = np.array([1, 1, 1, 0, 0, 0], dtype=float)
    out = block_bootstrap(values, ["d"] * 6, block=3, n_boot=200, seed=3)
    assert set(out.ravel()) <= {0.0, 3.0, 6.0} and len(set(out.ravel())) == 3


def test_same_seed_same_replicates_other_seed_other_replicates():
    values = np.arange(20, dtype=float)
    docs = ["a"] * 12 + ["b"] * 8
    one = block_bootstrap(values, docs, block=3, n_boot=50, seed=7)
    assert np.array_equal(one, block_bootstrap(values, docs, block=3, n_boot=50, seed=7))
    assert not np.array_equal(one, block_bootstrap(values, docs, block=3, n_boot=50, seed=8))


def test_a_document_resamples_the_same_whatever_else_is_in_the_corpus():
    a = np.arange(9, dtype=float)
    alone = block_bootstrap(a, ["a"] * 9, block=2, n_boot=40)
    b = np.full(4, 100.0)
    both = block_bootstrap(np.concatenate([a, b]), ["a"] * 9 + ["b"] * 4, block=2, n_boot=40)
    # b has two blocks, each summing to 200, so b adds 400 to every replicate
    assert np.array_equal(both, alone + 400.0)


def test_rows_of_a_document_must_be_consecutive():
    with pytest.raises(ValueError, match="document 'a' are not consecutive"):
        block_bootstrap(np.ones(3), ["a", "b", "a"])


@pytest.mark.parametrize("kwargs, match", [({"block": 0}, "block must be a positive integer"),
                                           ({"n_boot": 0}, "n_boot must be a positive integer")])
def test_bad_parameters_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        block_bootstrap(np.ones(3), ["a"] * 3, **kwargs)


# --- a bootstrap over texts (several documents in a group) -----------------------------------
def test_several_documents_are_drawn_whole_with_replacement():
    # document sums 1, 10 and 100 (b's two rows add up to 10); three documents drawn per
    # replicate, so every total is i + 10 j + 100 k with i + j + k = 3
    from discoursekit.resampling import text_bootstrap

    out = text_bootstrap([1.0, 4.0, 6.0, 100.0], ["a", "b", "b", "c"], n_boot=4000, seed=5)
    totals = out.ravel().astype(int)
    digits = np.stack([totals % 10, totals // 10 % 10, totals // 100], axis=1)
    assert (digits.sum(axis=1) == 3).all()
    # mean of one draw (1 + 10 + 100) / 3 = 37, so 111 per replicate; the SD of a
    # replicate is sqrt(3 * (10101 / 3 - 37 ** 2)) = 77.4, its mean's SE over 4,000 is 1.22
    assert out.mean() == pytest.approx(111, abs=5)
    # every document alone in a replicate (all three draws the same) occurs: 3 / 27 of them
    assert {3, 30, 300} <= set(totals.tolist())


def test_one_document_is_the_block_bootstrap_and_other_groups_do_not_matter():
    from discoursekit.resampling import text_bootstrap

    v = np.arange(12, dtype=float)
    assert np.array_equal(text_bootstrap(v, ["d"] * 12, block=3, n_boot=50, seed=2),
                          block_bootstrap(v, ["d"] * 12, block=3, n_boot=50, seed=2))
    docs = ["x"] * 5 + ["y"] * 7
    again = text_bootstrap(v[::-1], docs[::-1], n_boot=50, seed=2)   # rows in another order
    assert np.array_equal(text_bootstrap(v, docs, n_boot=50, seed=2), again)
