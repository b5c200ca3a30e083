"""The supervisor's panels (besides the live view): cohorts, certificate check, cohort report, item
statistics, reflections with comments, and exports. Served only by the token-protected dashboard."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from workbook import certificate, charts, cohorts, render, reports
from workbook.content import Content
from workbook.deidentify import describe, find_identifiers
from workbook.errors import StoreUnavailableError
from workbook.exports import report_tables, trainees, write
from workbook.statistics import item_statistics, option_distribution
from workbook.store import AnswerStore

Store = Callable[[], AnswerStore]


def _table(frame: pd.DataFrame, css: str) -> str:
    return frame.to_html(index=False, classes=f"wb-table {css}", na_rep="–", escape=True, border=0)


def _percent(value: object) -> str:
    return "–" if value is None or value != value else f"{float(value):.0%}"  # NaN != NaN


def _band(score: object) -> str:
    """A colour band a projector audience reads at a glance; the number is always printed too."""
    if score is None or score != score:
        return "wb-band-none"
    return "wb-band-high" if float(score) >= 0.8 else "wb-band-mid" if float(score) >= 0.5 else "wb-band-low"


def _report_grid(report: pd.DataFrame, modules) -> str:  # noqa: ANN001 - tuple[Module, ...]
    """The per-trainee report as a compact grid: one column per module (first-attempt score, and how much of
    the module was answered when not all of it), then the pre-test and the final assessment."""
    if report.empty:
        return "<h3>Per trainee</h3><p>No trainees have signed in yet.</p>"
    head = "".join(f'<th scope="col" title="{escape(m.title)}">{m.number}</th>' for m in modules)
    rows = []
    for record in report.sort_values("name", key=lambda s: s.str.casefold()).to_dict("records"):
        cells = []
        for module in modules:
            done, score = record.get(f"{module.id} done"), record.get(f"{module.id} score")
            partly = "" if done in (None, 0, 1) or done != done else f'<small>{_percent(done)} done</small>'
            cells.append(f'<td class="{_band(score)}">{_percent(score)}{partly}</td>')
        final = record.get("final best score")
        verdict = "" if final is None or final != final else (" ✓ passed" if record.get("final passed") else " not yet")
        rows.append(f'<tr><th scope="row">{escape(str(record["name"]))}</th>{"".join(cells)}'
                    f'<td>{_percent(record.get("pre-test score"))}</td>'
                    f'<td class="{_band(final)}">{_percent(final)}{verdict}</td></tr>')
    return ('<h3>Per trainee</h3><p class="wb-hint">Each module cell is the first-attempt score; a module not '
            'finished shows how much of it was answered. Hover a module number for its title.</p>'
            f'<table class="wb-table wb-cohort-report"><thead><tr><th scope="col">Trainee</th>{head}'
            f'<th scope="col">Pre-test</th><th scope="col">Final (best)</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _cohort_choices(store: Store) -> list[tuple[str, str]]:
    try:
        return [("Everyone", "")] + [(f"{c.name} ({c.code})", c.code) for c in cohorts.all_cohorts(store())]
    except StoreUnavailableError:
        return [("Everyone", "")]


def _notice(text: str, ok: bool = False) -> str:
    css = "wb-saved" if ok else "wb-notice"
    return f'<div class="wb-feedback {css}" role="{"status" if ok else "alert"}"><p>{text}</p></div>'


class CohortsPanel(widgets.VBox):
    """Create a cohort and hand out its code; see each cohort's roster."""

    def __init__(self, store: Store):
        self._store = store
        self.name = widgets.Text(description="Name", placeholder="Spring 2027 practicum")
        self.starts = widgets.DatePicker(description="Starts", value=date.today())
        self.ends = widgets.DatePicker(description="Ends", value=date.today())
        self.create_button = widgets.Button(description="Create cohort", button_style="primary")
        self.create_button.on_click(self.create)
        self.message = widgets.HTML()
        self.listing = widgets.HTML()
        super().__init__([widgets.HBox([self.name, self.starts, self.ends, self.create_button]), self.message,
                          self.listing])
        self.add_class("wb-cohorts")
        self.show()

    def __repr__(self) -> str:
        return "Cohorts"

    def create(self, _button: widgets.Button | None = None) -> None:
        try:
            made = cohorts.create(self._store(), self.name.value, self.starts.value or "", self.ends.value or "")
        except cohorts.CohortError as error:
            self.message.value = _notice(escape(str(error)))
            return
        except StoreUnavailableError:
            self.message.value = _notice("The store is busy; try again in a moment.")
            return
        self.message.value = _notice(f'Created. Give trainees this cohort code: <strong class="wb-code">'
                                     f"{escape(made.code)}</strong>", ok=True)
        self.name.value = ""
        self.show()

    def show(self) -> None:
        try:
            store = self._store()
            rows = []
            for cohort in cohorts.all_cohorts(store):
                roster = cohorts.roster(store, cohort.code)
                names = ", ".join(escape(n) for n in roster["name"]) or "nobody yet"
                rows.append(f'<tr><td>{escape(cohort.name)}</td><td class="wb-code">{escape(cohort.code)}</td>'
                            f"<td>{cohort.starts} to {cohort.ends}</td><td>{len(roster)}: {names}</td></tr>")
        except StoreUnavailableError:
            self.listing.value = "<p>The store is busy; reload the page.</p>"
            return
        body = "".join(rows) or '<tr><td colspan="4">No cohorts yet.</td></tr>'
        self.listing.value = (f'<table class="wb-table"><thead><tr><th>Cohort</th><th>Code</th><th>Dates</th>'
                              f"<th>Roster</th></tr></thead><tbody>{body}</tbody></table>")


class CertificateCheck(widgets.VBox):
    """Type a certificate's verification code; see whether it is genuine and what it certifies."""

    def __init__(self, store: Store):
        self._store = store
        self.code = widgets.Text(description="Code", placeholder="XXXX-XXXX-XXXX-XXXX")
        self.check_button = widgets.Button(description="Check certificate")
        self.check_button.on_click(self.check)
        self.result = widgets.HTML()
        super().__init__([widgets.HBox([self.code, self.check_button]), self.result])
        self.add_class("wb-certificate-check")

    def __repr__(self) -> str:
        return "Certificate check"

    def check(self, _button: widgets.Button | None = None) -> None:
        try:
            found = certificate.verify(self._store(), self.code.value)
        except StoreUnavailableError:
            self.result.value = _notice("The store is busy; try again in a moment.")
            return
        if found is None:
            self.result.value = _notice(f"<strong>Not genuine.</strong> No certificate with the code "
                                        f"{escape(self.code.value.strip())} was issued by this site, or its details "
                                        "were changed.")
            return
        self.result.value = _notice(f"<strong>Genuine.</strong> {escape(found.name)} completed "
                                    f"&ldquo;{escape(found.course)}&rdquo; on {found.issued_on}: {found.hours:g} contact "
                                    f"hours, final assessment {found.score:.0%}.", ok=True)


class ReportPanel(widgets.VBox):
    """The cohort report: completion and scores per trainee and module, pre/post gain with a chart, pass rate."""

    def __init__(self, content: Content, store: Store):
        self._content = content
        self._store = store
        self.cohort = widgets.Dropdown(options=_cohort_choices(store), description="Cohort")
        self.cohort.observe(lambda _: self.show(), "value")
        self.summary = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="1000px"))
        self.table = widgets.HTML()
        super().__init__([self.cohort, self.summary, self.chart, self.table])
        self.add_class("wb-report")
        self.show()

    def __repr__(self) -> str:
        return "Cohort report"

    def show(self) -> None:
        cohort = self.cohort.value or None
        try:
            store = self._store()
            answers = reports.report_answers(store, cohort)
            people = trainees(store)
            rows = store.read("SELECT trainee, score, passed FROM assessments WHERE submitted_at IS NOT NULL")
        except StoreUnavailableError:
            self.summary.value = "<p>The store is busy; reload the page.</p>"
            return
        if cohort:
            people = people[people["cohort"] == cohort]
        assessments = pd.DataFrame(rows, columns=["trainee", "score", "passed"])
        assessments = assessments[assessments["trainee"].isin(people["trainee"])]
        modules = [m.id for m in self._content.course.modules]
        sizes = {m: len(self._content.banks[m].for_use("module")) for m in modules if m in self._content.banks}
        report = reports.cohort_report(answers, people, modules, sizes, assessments)
        gain = reports.knowledge_gain(answers, assessments)
        passed, took = reports.pass_rate(assessments)
        rate = f"{passed} of {took} ({passed / took:.0%})" if took else "nobody has taken it yet"
        self.summary.value = (f"<p><strong>{len(people)}</strong> trainee(s). Final assessment passed: "
                              f"<strong>{rate}</strong>.</p>{_table(gain.drop(columns='scale top'), 'wb-gain')}")
        self.chart.value = charts.before_after(list(gain["measure"]), list(gain["before"]), list(gain["after"]),
                                               list(gain["scale top"]), "Before the course and after it")
        self.table.value = _report_grid(report, self._content.course.modules)


class ItemsPanel(widgets.VBox):
    """Item statistics per question, flags, and the distribution of chosen options for one question."""

    def __init__(self, content: Content, store: Store):
        self._content = content
        self._store = store
        self.cohort = widgets.Dropdown(options=_cohort_choices(store), description="Cohort")
        self.context = widgets.Dropdown(options=[("Module quizzes", "module"), ("Final assessment", "final")],
                                        description="Answers")
        self.table = widgets.HTML()
        self.question = widgets.Dropdown(description="Question", layout=widgets.Layout(width="50em"))
        self.distribution = widgets.Image(format="png", layout=widgets.Layout(max_width="1000px"))
        for control in (self.cohort, self.context):
            control.observe(lambda _: self.show(), "value")
        self.question.observe(lambda _: self.show_distribution(), "value")
        super().__init__([widgets.HBox([self.cohort, self.context]), self.table, self.question, self.distribution])
        self.add_class("wb-items")
        self.show()

    def __repr__(self) -> str:
        return "Item statistics"

    def show(self) -> None:
        try:
            self._answers = reports.item_answers(self._store(), self.context.value, self.cohort.value or None)
        except StoreUnavailableError:
            self.table.value = "<p>The store is busy; reload the page.</p>"
            return
        stats = item_statistics(self._answers, self.context.value)
        if stats.empty:
            self.table.value = "<p>No first attempts recorded yet.</p>"
            self.question.options = []
            return
        shown = self._readable(stats)
        self.table.value = (
            '<p class="wb-hint">Facility: mean first-attempt mark (%). Discrimination: correlation of the question\'s '
            "mark with the rest of the module's (x100); blank with fewer than three answers or no spread. Flags follow "
            "Moodle's guidance.</p>" + _table(shown.drop(columns="id"), "wb-item-stats"))
        self.question.options = [(f"{m}. {q}", i) for m, q, i in zip(shown["module"], shown["question"], shown["id"],
                                                                     strict=True)]

    def _readable(self, stats: pd.DataFrame) -> pd.DataFrame:
        """Course order, module numbers and the start of each prompt instead of ids, for reading aloud."""
        in_course = [m.id for m in self._content.course.modules]
        banks = sorted(self._content.banks.values(),
                       key=lambda b: in_course.index(b.module) if b.module in in_course else len(in_course))
        order = {q.id: n for n, q in enumerate(q for b in banks for q in b.questions)}
        numbers = {m.id: m.number for m in self._content.course.modules}
        stats = stats.assign(position=stats["question_id"].map(order)).sort_values("position")
        questions = [self._content.question(q) for q in stats["question_id"]]
        prompts = [q.situation if q.situation and len(q.prompt) < 40 else q.prompt for q in questions]  # scenarios
        return pd.DataFrame({
            "module": [numbers.get(m, "final") for m in stats["module"]],
            "question": [render.shorten(p) for p in prompts],
            "responses": stats["responses"], "facility": stats["facility"],
            "discrimination": stats["discrimination"], "flag": stats["flag"].fillna(""),
            "id": stats["question_id"]})

    def show_distribution(self) -> None:
        if not self.question.value:
            return
        question = self._content.question(self.question.value)
        counts = option_distribution(self._answers, question.id, self.context.value)
        labels = [f"{chr(65 + i)}. {o.text}" for i, o in enumerate(question.options)]
        self.distribution.value = charts.answer_bars(labels, [int(counts.get(o.id, 0)) for o in question.options],
                                                     "First attempts per option",
                                                     {i for i, o in enumerate(question.options) if o.correct})


class ReflectionsPanel(widgets.VBox):
    """The cohort's reflections, newest first, with the de-identification flags, and a comment box for each."""

    LIMIT = 200

    def __init__(self, content: Content, store: Store):
        self._content = content
        self._store = store
        self.cohort = widgets.Dropdown(options=_cohort_choices(store), description="Cohort")
        self.cohort.observe(lambda _: self.show(), "value")
        self.items = widgets.VBox()
        super().__init__([self.cohort, self.items])
        self.add_class("wb-reflections")
        self.show()

    def __repr__(self) -> str:
        return "Reflections"

    def show(self) -> None:
        try:
            store = self._store()
            answers = store.answers(cohort=self.cohort.value or None)
            names = dict(store.read("SELECT id, display_name FROM trainees"))
            notes = store.read("SELECT answer_id, comment, created_at FROM comments ORDER BY created_at")
        except StoreUnavailableError:
            self.items.children = [widgets.HTML("<p>The store is busy; reload the page.</p>")]
            return
        kinds = {q.id for b in self._content.banks.values() for q in b.questions if q.type.value == "reflection"}
        reflections = answers[answers["question_id"].isin(kinds)].sort_values("id", ascending=False).head(self.LIMIT)
        comments: dict[int, list[str]] = {}
        for answer_id, comment, created in notes:
            comments.setdefault(answer_id, []).append(f"<li>{escape(comment)} <small>({created[:10]})</small></li>")
        cards = [self._card(row, names, comments) for row in reflections.itertuples()]
        self.items.children = cards or [widgets.HTML("<p>No reflections yet.</p>")]

    def _card(self, row, names: dict, comments: dict) -> widgets.Widget:  # noqa: ANN001 - a DataFrame row
        flags = find_identifiers(row.answer)
        flagged = ("<ul class='wb-flags'>" + "".join(f"<li>{escape(describe(f))}</li>" for f in flags) + "</ul>"
                   if flags else "<p class='wb-hint'>No identifying details flagged.</p>")
        question = self._content.question(row.question_id)
        header = widgets.HTML(
            f"<h4>{escape(names.get(row.trainee, row.trainee))} · {escape(render.shorten(question.prompt, 80))}</h4>"
            f"<blockquote>{render.paragraphs(row.answer)}</blockquote>{flagged}"
            f"<ul class='wb-comments'>{''.join(comments.get(row.id, []))}</ul>")
        box = widgets.Textarea(placeholder="Add a comment for supervision", rows=2, layout=widgets.Layout(width="100%"))
        button = widgets.Button(description="Save comment")
        card = widgets.VBox([header, box, button])
        card.add_class("wb-reflection-card")

        def save(_button: widgets.Button) -> None:
            if box.value.strip():
                created = datetime.now(UTC).isoformat(timespec="seconds")
                self._store().write(lambda c: c.execute(
                    "INSERT INTO comments (answer_id, comment, created_at) VALUES (?, ?, ?)",
                    (int(row.id), box.value.strip(), created)))
                self.show()

        button.on_click(save)
        return card


class ExportPanel(widgets.VBox):
    """Answers and item statistics as CSV (zipped) or Excel, optionally with stable pseudonyms."""

    def __init__(self, store: Store):
        self._store = store
        self.cohort = widgets.Dropdown(options=_cohort_choices(store), description="Cohort")
        self.anonymise = widgets.Checkbox(description="Replace names by pseudonyms", value=True, indent=False)
        self.excel_button = widgets.Button(description="Prepare Excel")
        self.csv_button = widgets.Button(description="Prepare CSV")
        self.excel_button.on_click(lambda _: self.prepare("xlsx"))
        self.csv_button.on_click(lambda _: self.prepare("csv"))
        self.link = widgets.HTML()
        super().__init__([widgets.HBox([self.cohort, self.anonymise]), widgets.HBox([self.excel_button, self.csv_button]),
                          self.link])
        self.add_class("wb-exports")

    def __repr__(self) -> str:
        return "Exports"

    def prepare(self, fmt: str) -> None:
        try:
            tables = report_tables(self._store(), self.cohort.value or None, self.anonymise.value)
        except StoreUnavailableError:
            self.link.value = _notice("The store is busy; try again in a moment.")
            return
        stem = "workbook-export" + ("-anonymised" if self.anonymise.value else "")
        if fmt == "xlsx":
            with tempfile.TemporaryDirectory() as folder:
                (path,) = write(tables, Path(folder) / f"{stem}.xlsx", "xlsx")
                data, name = path.read_bytes(), path.name
            mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            import zipfile

            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for table_name, table in tables.items():
                    archive.writestr(f"{table_name}.csv", table.to_csv(index=False))
            data, name, mime = buffer.getvalue(), f"{stem}.zip", "application/zip"
        rows = ", ".join(f"{n}: {len(t)} rows" for n, t in tables.items())
        self.link.value = f"<p>{render.download_link(data, name, mime, f'Download {name}')} ({rows})</p>"


__all__ = ["CertificateCheck", "CohortsPanel", "ExportPanel", "ItemsPanel", "ReflectionsPanel", "ReportPanel"]
