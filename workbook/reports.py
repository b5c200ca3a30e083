"""Supervisor reports over the answer store. Pure pandas: no widgets, testable on a DataFrame."""

from __future__ import annotations

import numpy as np
import pandas as pd


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
    `assessments` has columns trainee, score, passed (submitted attempts only)."""
    rows = []
    module_answers = answers[answers["context"] == "module"]
    first = _first_scored(answers, "module")
    pretest = _first_scored(answers, "pretest")
    for trainee, name in trainees[["trainee", "name"]].itertuples(index=False):
        row: dict[str, object] = {"trainee": trainee, "name": name}
        mine = module_answers[module_answers["trainee"] == trainee]
        for module in module_ids:
            answered = mine.loc[mine["module"] == module, "question_id"].nunique()
            row[f"{module} done"] = round(answered / module_sizes[module], 2) if module_sizes.get(module) else None
            scores = first.loc[(first["trainee"] == trainee) & (first["module"] == module), "score"]
            row[f"{module} score"] = round(float(scores.mean()), 2) if len(scores) else None
        pre = pretest.loc[pretest["trainee"] == trainee, "score"]
        row["pre-test score"] = round(float(pre.mean()), 2) if len(pre) else None
        attempts = assessments[assessments["trainee"] == trainee]
        row["final best score"] = round(float(attempts["score"].max()), 2) if len(attempts) else None
        row["final passed"] = bool(attempts["passed"].any()) if len(attempts) else False
        rows.append(row)
    return pd.DataFrame(rows)


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
