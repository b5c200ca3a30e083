"""What the supervisor notebooks call. Served only by the token-protected dashboard server."""

from __future__ import annotations

from IPython.display import HTML, display

from workbook.reports import question_summary
from workbook.store import AnswerStore


def answers_overview() -> None:
    """Every recorded answer, newest last, with a per-question summary above it."""
    with AnswerStore() as store:
        answers = store.answers()
    if answers.empty:
        display(HTML("<p>No answers have been recorded yet.</p>"))
        return
    display(HTML(f"<h2>Per question</h2><p>{answers['trainee'].nunique()} trainee(s), {len(answers)} answer(s).</p>"))
    display(question_summary(answers))
    display(HTML("<h2>All answers</h2>"))
    display(answers.drop(columns=["id"]))
