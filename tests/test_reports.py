"""The cohort report, pre/post gain and pass rate against hand-computed values on a tiny cohort."""

from __future__ import annotations

import pandas as pd

from workbook.reports import cohort_report, knowledge_gain, pass_rate


def answers() -> pd.DataFrame:
    rows = [
        # trainee, context, module, question, answer, score, attempt
        ("t1", "module", "m1", "q1", "a", 1.0, 1), ("t1", "module", "m1", "q1", "a", 1.0, 2),
        ("t1", "module", "m1", "q2", "b", 0.0, 1), ("t1", "module", "m1", "c1", 4, None, 1),
        ("t1", "pretest", "m1", "q1", "b", 0.0, 1), ("t1", "pretest", "m1", "c1", 2, None, 1),
        ("t2", "module", "m1", "q1", "b", 0.0, 1), ("t2", "module", "m1", "q1", "a", 1.0, 2),
        ("t2", "pretest", "m1", "q1", "a", 1.0, 1), ("t2", "pretest", "m1", "c1", 3, None, 1),
        ("t2", "module", "m1", "c1", 5, None, 1),
    ]
    frame = pd.DataFrame(rows, columns=["trainee", "context", "module", "question_id", "answer", "score", "attempt"])
    frame["score"] = frame["score"].astype("Float64")
    return frame


ASSESSMENTS = pd.DataFrame({"trainee": ["t1", "t1", "t2"], "score": [0.6, 0.9, 0.7], "passed": [False, True, False]})
TRAINEES = pd.DataFrame({"trainee": ["t1", "t2", "t3"], "name": ["Ada", "Ben", "Cy"]})


def test_cohort_report_per_trainee_and_module() -> None:
    report = cohort_report(answers(), TRAINEES, ["m1"], {"m1": 4}, ASSESSMENTS).set_index("name")
    assert report.loc["Ada", "m1 done"] == 0.75  # q1, q2, c1 of 4
    assert report.loc["Ada", "m1 score"] == 0.5  # first attempts q1=1, q2=0
    assert report.loc["Ben", "m1 score"] == 0.0  # first attempt at q1 was wrong; the retry does not count
    assert report.loc["Ada", "pre-test score"] == 0.0 and report.loc["Ben", "pre-test score"] == 1.0
    assert report.loc["Ada", "final best score"] == 0.9 and report.loc["Ada", "final passed"]
    assert not report.loc["Ben", "final passed"]
    assert report.loc["Cy", "m1 done"] == 0.0 and pd.isna(report.loc["Cy", "final best score"])


def test_knowledge_and_confidence_gain() -> None:
    gain = knowledge_gain(answers(), ASSESSMENTS).set_index("measure")
    knowledge = gain.loc["knowledge (score, 0-1)"]
    assert knowledge["trainees"] == 2 and knowledge["before"] == 0.5 and knowledge["after"] == 0.8  # (0.9+0.7)/2
    confidence = gain.loc["confidence (rating, 1-5)"]
    assert confidence["trainees"] == 2 and confidence["before"] == 2.5 and confidence["after"] == 4.5


def test_pass_rate_counts_trainees_not_attempts() -> None:
    assert pass_rate(ASSESSMENTS) == (1, 2)
    assert pass_rate(ASSESSMENTS.iloc[0:0]) == (0, 0)


def test_gain_with_no_ratings_or_attempts_yet_is_empty_not_an_error() -> None:
    only_text = answers()
    only_text = only_text[only_text["score"].notna()].copy()
    only_text["answer"] = only_text["answer"].astype(str)
    gain = knowledge_gain(only_text, ASSESSMENTS.iloc[0:0])
    assert list(gain["trainees"]) == [0, 0] and gain["before"].isna().all()


def test_the_dashboards_lean_reads_give_the_same_reports_as_every_answer(store, content) -> None:
    from pandas.testing import assert_frame_equal

    from workbook.demo import fill
    from workbook.exports import trainees
    from workbook.reports import item_answers, report_answers
    from workbook.statistics import item_statistics, option_distribution

    made = fill(store, content, trainees=8, seed=11)
    everything = store.answers()
    for row in everything[everything["context"] == "module"].head(40).itertuples():  # second thoughts, rated again
        store.record_answer(trainee=row.trainee, cohort=row.cohort, module=row.module, question_id=row.question_id,
                            answer=row.answer, correct=None if pd.isna(row.correct) else not row.correct,
                            score=None if pd.isna(row.score) else 1.0 - row.score)
    everything = store.answers()
    assert everything["attempt"].max() == 2
    modules = [m.id for m in content.course.modules]
    sizes = {m: len(content.banks[m].for_use("module")) for m in modules}
    people = trainees(store)
    none = pd.DataFrame(columns=["trainee", "score", "passed"])
    lean = report_answers(store, made.code)
    assert len(lean) < len(everything)
    assert_frame_equal(cohort_report(lean, people, modules, sizes, none),
                       cohort_report(everything, people, modules, sizes, none))
    assert_frame_equal(knowledge_gain(lean, none), knowledge_gain(everything, none))
    for context in ("module", "final"):
        assert_frame_equal(item_statistics(item_answers(store, context), context), item_statistics(everything, context))
    question = everything.loc[everything["context"] == "module", "question_id"].iloc[0]
    assert option_distribution(item_answers(store, "module"), question).equals(option_distribution(everything, question))
