"""The demo cohort a supervisor can load to try the dashboard: fictional, varied, and readable in every panel."""

from __future__ import annotations

from workbook import cli, cohorts
from workbook.content import Content
from workbook.demo import fill
from workbook.statistics import item_statistics
from workbook.store import AnswerStore
from workbook.widgets.supervisor import ItemsPanel, ReflectionsPanel, ReportPanel


def test_the_demo_cohort_walks_fictional_trainees_through_the_course(store: AnswerStore, content: Content) -> None:
    made = fill(store, content, trainees=6, seed=3)
    roster = cohorts.roster(store, made.code)
    assert made.code.startswith("demo-practicum-") and len(roster) == 6
    assert all(name.startswith("Demo trainee ") for name in roster["name"])
    answers = store.answers()
    assert len(answers) == made.answers
    assert set(answers["context"]) == {"pretest", "module", "final"}
    passed = store.read("SELECT COUNT(DISTINCT trainee) FROM assessments WHERE passed = 1")[0][0]
    assert passed >= 1
    stats = item_statistics(answers)
    assert stats["facility"].between(0, 100).all() and stats["facility"].nunique() > 3  # varied, not uniform


def test_every_supervisor_panel_reads_the_demo_cohort(store: AnswerStore, content: Content) -> None:
    fill(store, content, trainees=5, seed=5)
    report = ReportPanel(content, lambda: store)
    assert "Demo trainee 01" in report.table.value and 'title="Looking ahead: new platforms, AI and staying current">9</th>' in report.table.value
    items = ItemsPanel(content, lambda: store)
    assert items.question.options and "<td>1</td>" in items.table.value  # module numbers, in course order
    reflections = ReflectionsPanel(content, lambda: store)
    cards = "".join(card.children[0].value for card in reflections.items.children)
    assert "looks like a date more precise than a year" in cards


def test_the_demo_command_refuses_a_silly_size_and_fills_a_folder(tmp_path, capsys) -> None:
    assert cli.main(["demo", "--data-dir", str(tmp_path), "--trainees", "0"]) == 1
    assert "between 1 and 500" in capsys.readouterr().err
    assert cli.main(["demo", "--data-dir", str(tmp_path), "--trainees", "2"]) == 0
    assert "2 fictional trainees" in capsys.readouterr().out
