"""Item statistics per question, as Moodle's quiz statistics report defines them.

Computed on each trainee's *first* attempt at each question (later attempts have seen the feedback).
For a module, a trainee's "test" is their first-attempt marks on that module's scored questions.

- Facility index F: the mean mark on the question, as a percentage of the maximum (1.0 here).
- Discrimination index D: 100 x the Pearson correlation between the mark on this question and the
  total mark on the *rest* of the test, over trainees who answered it. Undefined (NaN) when either
  varies not at all, or fewer than three trainees answered.
- The distribution of chosen options, for the supervisor to see which distractor attracted whom.

Flags follow Moodle's guidance: F above 90 is very easy, below 20 very hard; D below 20 discriminates
poorly (negative D usually means the question or its key is wrong).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

EASY_ABOVE = 90.0
HARD_BELOW = 20.0
WEAK_DISCRIMINATION_BELOW = 20.0
MIN_RESPONSES_FOR_D = 3
COLUMNS = ["module", "question_id", "responses", "facility", "discrimination", "flag"]


def first_attempts(answers: pd.DataFrame, context: str = "module") -> pd.DataFrame:
    """Each trainee's first scored attempt at each question in `context`."""
    scored = answers[(answers["context"] == context) & answers["score"].notna()]
    return scored.sort_values("attempt").drop_duplicates(["trainee", "question_id"], keep="first")


def _flag(facility: float, discrimination: float) -> str:
    notes = []
    if facility > EASY_ABOVE:
        notes.append("very easy")
    elif facility < HARD_BELOW:
        notes.append("very hard")
    if not np.isnan(discrimination) and discrimination < WEAK_DISCRIMINATION_BELOW:
        notes.append("negative discrimination: check the key" if discrimination < 0 else "weak discrimination")
    return "; ".join(notes)


def item_statistics(answers: pd.DataFrame, context: str = "module") -> pd.DataFrame:
    """One row per question: responses, facility index, discrimination index and a flag, in module order."""
    first = first_attempts(answers, context)
    if first.empty:
        return pd.DataFrame(columns=COLUMNS)
    marks = first.pivot_table(index="trainee", columns=["module", "question_id"], values="score", aggfunc="first")
    rows = []
    for (module, question_id), item in marks.items():
        answered = item.notna()
        module_marks = marks.xs(module, axis=1, level="module")
        rest = module_marks.drop(columns=question_id).sum(axis=1, min_count=0)[answered]
        own = item[answered].astype(float)
        facility = 100.0 * own.mean()
        if answered.sum() >= MIN_RESPONSES_FOR_D and own.std(ddof=0) > 0 and rest.std(ddof=0) > 0:
            discrimination = 100.0 * float(np.corrcoef(own, rest.astype(float))[0, 1])
        else:
            discrimination = float("nan")
        rows.append({"module": module, "question_id": question_id, "responses": int(answered.sum()),
                     "facility": round(facility, 1), "discrimination": round(discrimination, 1),
                     "flag": _flag(facility, discrimination)})
    return pd.DataFrame(rows, columns=COLUMNS)


def option_distribution(answers: pd.DataFrame, question_id: str, context: str = "module") -> pd.Series:
    """How many first attempts chose each option (a multiple-select answer counts for every option chosen)."""
    first = first_attempts(answers, context)
    chosen = first.loc[first["question_id"] == question_id, "answer"]
    flat = [option for answer in chosen for option in (answer if isinstance(answer, list) else [answer])]
    return pd.Series(flat, dtype="object").value_counts().sort_index()
