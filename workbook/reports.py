"""Supervisor reports over the answer store. Pure pandas: no widgets, testable on a DataFrame."""

from __future__ import annotations

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
