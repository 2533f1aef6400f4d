"""Tests of discoursekit.validation against values worked out by hand."""
import math

import numpy as np
import pandas as pd
import pytest

from discoursekit.validation import coding_errors, read_codes, validate_coding

# A worked 2×2 example, n = 10:
#                 gold 1   gold 0
#   predicted 1   tp = 4   fp = 1
#   predicted 0   fn = 2   tn = 3
# precision = 4/5 = 0.8; recall = 4/6 = 0.6667; F1 = 2·4/(2·4 + 1 + 2) = 8/11
# p_o = (4 + 3)/10 = 0.7
# p_e = P(pred 1)·P(gold 1) + P(pred 0)·P(gold 0) = 0.5·0.6 + 0.5·0.4 = 0.5
# kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4
GOLD = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
PRED = [1, 1, 1, 1, 0, 0, 1, 0, 0, 0]


def _frames():
    ids = [f"s{i:02d}" for i in range(10)]
    gold = pd.DataFrame({"sample_id": ids, "conflict": GOLD, "morality": [0] * 10})
    pred = pd.DataFrame({"sample_id": ids, "conflict": PRED, "morality": [0] * 10})
    return pred, gold


def test_validate_coding_matches_the_hand_worked_2x2_example():
    pred, gold = _frames()
    row = validate_coding(pred, gold, categories=["conflict"]).iloc[0]
    assert (row.tp, row.fp, row.fn, row.tn, row.n) == (4, 1, 2, 3, 10)
    assert row.precision == pytest.approx(0.8)
    assert row.recall == pytest.approx(4 / 6)
    assert row.f1 == pytest.approx(8 / 11)
    assert row.agreement == pytest.approx(0.7)
    assert row.kappa == pytest.approx(0.4)


def test_kappa_is_zero_when_agreement_equals_chance():
    # p_o = 0.5, p_e = 0.5·0.5 + 0.5·0.5 = 0.5 -> kappa 0
    gold = pd.DataFrame({"x": [1, 1, 0, 0]})
    pred = pd.DataFrame({"x": [1, 0, 1, 0]})
    row = validate_coding(pred, gold, key=None).iloc[0]
    assert row.kappa == pytest.approx(0.0)
    assert row.precision == pytest.approx(0.5) and row.recall == pytest.approx(0.5)


def test_perfect_agreement_gives_kappa_one_and_f1_one():
    gold = pd.DataFrame({"x": [1, 0, 1, 0, 0]})
    row = validate_coding(gold.copy(), gold, key=None).iloc[0]
    assert row.kappa == pytest.approx(1.0) and row.f1 == pytest.approx(1.0)


def test_undefined_scores_are_nan_not_zero_division_errors():
    pred, gold = _frames()
    row = validate_coding(pred, gold, categories=["morality"]).set_index("category").loc["morality"]
    assert math.isnan(row.precision) and math.isnan(row.recall) and math.isnan(row.f1)
    assert math.isnan(row.kappa)          # both codings constant and equal: p_e = 1
    assert row.agreement == 1.0


def test_rows_are_matched_on_sample_id_not_position():
    pred, gold = _frames()
    shuffled = pred.iloc[::-1].reset_index(drop=True)
    a = validate_coding(pred, gold, categories=["conflict"])
    b = validate_coding(shuffled, gold, categories=["conflict"])
    pd.testing.assert_frame_equal(a, b)


def test_booleans_are_accepted_as_codes():
    pred, gold = _frames()
    pred["conflict"] = pred["conflict"].astype(bool)
    assert validate_coding(pred, gold, categories=["conflict"]).loc[0, "tp"] == 4


def test_validate_coding_says_which_units_are_missing():
    pred, gold = _frames()
    with pytest.raises(ValueError, match="same units"):
        validate_coding(pred.iloc[:-1], gold, categories=["conflict"])


def test_validate_coding_rejects_codes_other_than_0_and_1():
    pred, gold = _frames()
    pred.loc[0, "conflict"] = 2
    with pytest.raises(ValueError, match="0/1"):
        validate_coding(pred, gold, categories=["conflict"])


def test_coding_errors_lists_false_positives_and_negatives():
    pred, gold = _frames()
    errs = coding_errors(pred, gold, categories=["conflict"])
    assert errs["error"].value_counts().to_dict() == {"false negative": 2, "false positive": 1}
    assert errs.loc[errs["error"] == "false positive", "sample_id"].tolist() == ["s06"]


def test_read_codes_names_the_row_and_column_of_a_bad_cell(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("sample_id,conflict,note\ns1,1,\ns2,maybe,unsure\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 3 \(sample_id 's2'\), column 'conflict'"):
        read_codes(path, ["conflict"])


def test_read_codes_reads_yes_no_and_keeps_notes(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("sample_id,conflict,note\ns1,yes,clear\ns2,0,\n", encoding="utf-8")
    codes = read_codes(path, ["conflict"])
    assert codes["conflict"].tolist() == [1, 0]
    assert codes["note"].tolist() == ["clear", ""]


def test_read_codes_names_missing_columns(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("sample_id,conflict\ns1,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column.*'morality'"):
        read_codes(path, ["conflict", "morality"])


def test_kappa_agrees_with_the_textbook_formula_on_random_codings():
    rng = np.random.default_rng(3)
    g, p = rng.integers(0, 2, 200), rng.integers(0, 2, 200)
    row = validate_coding(pd.DataFrame({"x": p}), pd.DataFrame({"x": g}), key=None).iloc[0]
    po = (g == p).mean()
    pe = p.mean() * g.mean() + (1 - p.mean()) * (1 - g.mean())
    assert row.kappa == pytest.approx((po - pe) / (1 - pe))
