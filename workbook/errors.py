"""Exceptions a user can cause, each with a one-sentence message naming what and where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentProblem:
    """One problem in a content file: where it is and what is wrong, in words a supervisor reads."""

    file: str
    item: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.item:
            where.append(f"item '{self.item}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}."


class ContentError(ValueError):
    """A content file (bank, course, citations, vignettes) is invalid; carries every problem found."""

    def __init__(self, problems: list[ContentProblem]):
        if not problems:
            raise ValueError("ContentError needs at least one problem")
        self.problems = problems
        more = f" (and {len(problems) - 1} more problem(s); run `workbook validate`)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


class StoreUnavailableError(RuntimeError):
    """The answer store could not take a write after retrying; the caller keeps the answer and retries."""


class UnknownItemError(KeyError):
    """A notebook asked for a module, question or vignette id that the content does not define."""

    def __str__(self) -> str:  # KeyError quotes its argument; a plain sentence reads better.
        return str(self.args[0])
