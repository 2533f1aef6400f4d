"""The shared input checks give one uniform, actionable message."""
import pandas as pd
import pytest

from discoursekit._validate import check_choice, check_frame


def test_check_choice_names_the_parameter_the_choices_and_the_value():
    with pytest.raises(ValueError, match=r"The parameter 'measure' must be one of \{'g2', 'mi'\}\. "
                                         r"Got 'g2x' instead\."):
        check_choice("measure", "g2x", ["g2", "mi"])


def test_check_frame_names_the_function_that_makes_the_expected_frame():
    with pytest.raises(TypeError, match=r"plot_x\(\): expected the DataFrame returned by make_x\(\), "
                                        r"got list"):
        check_frame([], ["a"], "plot_x", "make_x")
    with pytest.raises(ValueError, match=r"plot_x\(\): column\(s\) 'b' missing; pass the output "
                                         r"of make_x\(\) \(columns found: 'a'\)"):
        check_frame(pd.DataFrame({"a": [1]}), ["a", "b"], "plot_x", "make_x")
    check_frame(pd.DataFrame({"a": [1]}), ["a"], "plot_x", "make_x")  # no error
