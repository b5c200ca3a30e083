"""Supervisor reports over the answer store. Pure pandas: no widgets, testable on a DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from workbook.store import AnswerStore

REPORT_COLUMNS = ("trainee", "context", "module", "question_id", "score", "attempt")


def report_answers(store: AnswerStore, cohort: str | None = None) -> pd.DataFrame:
    """What the cohort report and the pre/post gain read, and no more: the first attempt at each scored
    question (without its answer) and every unscored answer (ratings count, latest first). Over a million
    answers this reads a fraction of the rows `store.answers()` would."""
    first = store.answers(cohort=cohort, first_attempts=True, scored=True, columns=REPORT_COLUMNS)
    unscored = store.answers(cohort=cohort, scored=False, columns=(*REPORT_COLUMNS, "answer"))
    return pd.concat([first.assign(answer=None), unscored], ignore_index=True)


def item_answers(store: AnswerStore, context: str, cohort: str | None = None) -> pd.DataFrame:
    """The first attempts at scored questions in one context: all that item statistics read."""
    return store.answers(cohort=cohort, context=context, first_attempts=True, scored=True,
                         columns=(*REPORT_COLUMNS, "answer"))


def question_summary(answers: pd.DataFrame) -> pd.DataFrame:
    """Per question: trainees who answered, answers given, and the share of first attempts that were right."""
    columns = ["module", "question_id", "trainees", "answers", "first_attempt_correct"]
    if answers.empty:
        return pd.DataFrame(columns=columns)
    first = answers[answers["attempt"] == 1]
    grouped = answers.groupby(["module", "question_id"], sort=True)
    summary = pd.DataFrame({
        "trainees": grouped["trainee"].nunique(),
        "answers": grouped.size(),
        "first_attempt_correct": first.groupby(["module", "question_id"])["correct"].mean().astype("Float64").round(2),
    })
    return summary.reset_index()[columns]


def _first_scored(answers: pd.DataFrame, context: str) -> pd.DataFrame:
    scored = answers[(answers["context"] == context) & answers["score"].notna()]
    return scored.sort_values("attempt").drop_duplicates(["trainee", "question_id"], keep="first")


def cohort_report(answers: pd.DataFrame, trainees: pd.DataFrame, module_ids: list[str],
                  module_sizes: dict[str, int], assessments: pd.DataFrame) -> pd.DataFrame:
    """One row per trainee: questions answered per module (as a fraction of the module), mean first-attempt
    score per module, pre-test score, best final score and whether they passed.

    `trainees` has columns trainee, name; `module_sizes` maps module id to its number of module questions;
    `assessments` has columns trainee, score, passed (submitted attempts only). Grouped, not looped, so a
    cohort with a million answers is reported in about a second."""
    people = pd.Index(trainees["trainee"], name="trainee")
    module_answers = answers[answers["context"] == "module"]
    answered = module_answers.groupby(["trainee", "module"])["question_id"].nunique().unstack()
    scores = _first_scored(answers, "module").groupby(["trainee", "module"])["score"].mean().unstack()
    report = pd.DataFrame({"trainee": people, "name": trainees["name"].to_numpy()}, index=people)
    for module in module_ids:
        size = module_sizes.get(module)
        done = answered[module].reindex(people) if module in answered else pd.Series(0.0, index=people)
        report[f"{module} done"] = (done.fillna(0) / size).astype(float).round(2) if size else None
        mean = scores[module].reindex(people) if module in scores else pd.Series(np.nan, index=people)
        report[f"{module} score"] = mean.astype(float).round(2)
    pre = _first_scored(answers, "pretest").groupby("trainee")["score"].mean()
    report["pre-test score"] = pre.reindex(people).astype(float).round(2)
    by_trainee = assessments.groupby("trainee")
    best = by_trainee["score"].max() if len(assessments) else pd.Series(dtype=float)
    passed = by_trainee["passed"].any() if len(assessments) else pd.Series(dtype=bool)
    report["final best score"] = best.reindex(people).astype(float).round(2)
    report["final passed"] = passed.reindex(people).fillna(False).astype(bool)
    return report.reset_index(drop=True)


def knowledge_gain(answers: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """Pre/post for the cohort: mean pre-test score vs mean best final score (knowledge), and mean confidence
    on the pre-test vs the same ratings given again in the modules (confidence), over trainees with both."""
    pre_scores = _first_scored(answers, "pretest").groupby("trainee")["score"].mean()
    post_scores = assessments.groupby("trainee")["score"].max() if len(assessments) else pd.Series(dtype=float)
    is_rating = answers["answer"].map(lambda a: isinstance(a, int) and not isinstance(a, bool)).astype(bool)
    ratings = answers[answers["score"].isna() & is_rating]
    ratings = ratings.assign(answer=pd.to_numeric(ratings["answer"]).astype(float))
    pre_conf = ratings[ratings["context"] == "pretest"].groupby("trainee")["answer"].mean()
    post_conf = (ratings[ratings["context"] == "module"].sort_values("attempt")
                 .drop_duplicates(["trainee", "question_id"], keep="last").groupby("trainee")["answer"].mean())
    both_k = pre_scores.index.intersection(post_scores.index)
    both_c = pre_conf.index.intersection(post_conf.index)
    return pd.DataFrame({
        "measure": ["knowledge (score, 0-1)", "confidence (rating, 1-5)"],
        "trainees": [len(both_k), len(both_c)],
        "before": [round(float(pre_scores[both_k].mean()), 2) if len(both_k) else np.nan,
                   round(float(pre_conf[both_c].mean()), 2) if len(both_c) else np.nan],
        "after": [round(float(post_scores[both_k].mean()), 2) if len(both_k) else np.nan,
                  round(float(post_conf[both_c].mean()), 2) if len(both_c) else np.nan],
        "scale top": [1.0, 5.0],
    })


def pass_rate(assessments: pd.DataFrame) -> tuple[int, int]:
    """(trainees who passed, trainees who submitted at least one attempt)."""
    if assessments.empty:
        return 0, 0
    by_trainee = assessments.groupby("trainee")["passed"].any()
    return int(by_trainee.sum()), int(len(by_trainee))
