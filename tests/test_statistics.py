"""Item statistics against values computed by hand on a five-trainee fixture."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbook.statistics import item_statistics, option_distribution

# Five trainees, one module, three questions q1..q3 (first attempts), plus noise that must be ignored:
# later attempts, pre-test answers, and unscored reflections.
FIRST = {  # trainee: (q1, q2, q3)
    "t1": (1.0, 1.0, 1.0),
    "t2": (1.0, 1.0, 0.0),
    "t3": (1.0, 0.0, 0.0),
    "t4": (0.0, 0.0, 0.0),
    "t5": (1.0, 0.5, 1.0),
}


def frame() -> pd.DataFrame:
    rows = []
    for trainee, marks in FIRST.items():
        for n, mark in enumerate(marks, start=1):
            rows.append({"trainee": trainee, "module": "m", "question_id": f"q{n}", "context": "module",
                         "answer": "a" if mark == 1.0 else "b", "score": mark, "attempt": 1})
            rows.append({"trainee": trainee, "module": "m", "question_id": f"q{n}", "context": "module",
                         "answer": "a", "score": 1.0, "attempt": 2})  # a retry after feedback: ignored
            rows.append({"trainee": trainee, "module": "m", "question_id": f"q{n}", "context": "pretest",
                         "answer": "c", "score": 0.0, "attempt": 1})  # pre-test: ignored
        rows.append({"trainee": trainee, "module": "m", "question_id": "r", "context": "module",
                     "answer": "text", "score": None, "attempt": 1})  # unscored: ignored
    return pd.DataFrame(rows).astype({"score": "Float64"})


def test_facility_is_the_mean_first_attempt_mark_as_a_percentage() -> None:
    stats = item_statistics(frame()).set_index("question_id")
    assert list(stats.index) == ["q1", "q2", "q3"]
    assert stats.loc["q1", "facility"] == 80.0  # (1+1+1+0+1)/5
    assert stats.loc["q2", "facility"] == 50.0  # (1+1+0+0+0.5)/5
    assert stats.loc["q3", "facility"] == 40.0  # (1+0+0+0+1)/5
    assert set(stats["responses"]) == {5}


def test_discrimination_is_the_correlation_with_the_rest_of_the_test() -> None:
    stats = item_statistics(frame()).set_index("question_id")
    # q1 marks x = 1,1,1,0,1; rest (q2+q3) y = 2,1,0,0,1.5. By hand: mean x = 0.8, mean y = 0.9;
    # sum (x-mx)(y-my) = 0.2*(1.1+0.1-0.9+0.6) + (-0.8)(-0.9) = 0.18 + 0.72 = 0.90
    # sum (x-mx)^2 = 4*0.04 + 0.64 = 0.80; sum (y-my)^2 = 1.21+0.01+0.81+0.81+0.36 = 3.20
    # r = 0.90 / sqrt(0.80*3.20) = 0.90 / 1.6 = 0.5625
    assert stats.loc["q1", "discrimination"] == pytest.approx(56.2, abs=0.1)
    # q3 marks 1,0,0,0,1; rest (q1+q2) 2,2,1,0,1.5: mx = 0.4, my = 1.3;
    # cov sum = 0.6*0.7 + (-0.4)(0.7) + (-0.4)(-0.3) + (-0.4)(-1.3) + 0.6*0.2 = 0.42-0.28+0.12+0.52+0.12 = 0.90
    # var sums: x = 2*0.36 + 3*0.16 = 1.20; y = 0.49+0.49+0.09+1.69+0.04 = 2.80; r = 0.90/sqrt(3.36) = 0.4910
    assert stats.loc["q3", "discrimination"] == pytest.approx(49.1, abs=0.1)


def test_flags_mark_easy_hard_and_poorly_discriminating_questions() -> None:
    rows = frame()
    rows.loc[rows["question_id"] == "q3", "score"] = 0.0  # nobody gets q3: very hard, D undefined
    stats = item_statistics(rows).set_index("question_id")
    assert stats.loc["q3", "facility"] == 0.0 and "very hard" in stats.loc["q3", "flag"]
    assert math.isnan(stats.loc["q3", "discrimination"])
    rows = frame()
    flipped = {"t1": 0.0, "t2": 0.0, "t3": 1.0, "t4": 1.0, "t5": 0.0}  # the weakest get it right
    for trainee, mark in flipped.items():
        rows.loc[(rows["trainee"] == trainee) & (rows["question_id"] == "q1") & (rows["attempt"] == 1)
                 & (rows["context"] == "module"), "score"] = mark
    stats = item_statistics(rows).set_index("question_id")
    assert stats.loc["q1", "discrimination"] < 0 and "check the key" in stats.loc["q1", "flag"]


def test_option_distribution_counts_first_attempts_only() -> None:
    counts = option_distribution(frame(), "q2")
    assert counts.to_dict() == {"a": 2, "b": 3}


def test_no_answers_give_an_empty_table() -> None:
    assert item_statistics(frame().iloc[0:0]).empty
