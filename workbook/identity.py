"""Who is answering: the trainee behind the page that started this kernel.

On a JupyterHub the hub's user name is the identity and nobody signs in. On the standalone site a
trainee signs in once on the start page and gets a resume code; Voila hands each page's query string
to its kernel as QUERY_STRING, and `?trainee=CODE` names the trainee on every page. A malformed or
unknown code never falls back to anyone else: the page says so and saves nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs, urlencode

from workbook import registry
from workbook.errors import StoreUnavailableError
from workbook.registry import Trainee
from workbook.store import AnswerStore

__all__ = ["Trainee", "Visitor", "current_visitor", "visitor_from"]


@dataclass(frozen=True)
class Visitor:
    """The outcome of reading a page request: a trainee, or nobody (with the reason, if a code failed)."""

    trainee: Trainee | None
    code: str = ""  # the resume code the page was opened with, kept on links to other pages
    hub_user: str | None = None
    problem: str = ""

    @property
    def signed_in(self) -> bool:
        return self.trainee is not None

    def link_query(self) -> str:
        """The query string that keeps this visitor's identity on links ("" on a hub or when signed out)."""
        if self.hub_user or not self.code:
            return ""
        return "?" + urlencode({"trainee": self.code})


UNKNOWN_CODE = ("This resume code is not recognised. Check the link you saved, or start again on the course's "
                "start page. Nothing you answer on this page will be saved until you are signed in.")
STORE_DOWN = "Your answers cannot be loaded just now (the answer store is busy). Reload the page in a minute."


def visitor_from(query_string: str, hub_user: str | None, store: AnswerStore) -> Visitor:
    """Resolve a page request. Pages opened without a code do not touch the database at all."""
    if hub_user:
        try:
            return Visitor(registry.hub_trainee(store, hub_user), hub_user=hub_user)
        except StoreUnavailableError:
            return Visitor(None, hub_user=hub_user, problem=STORE_DOWN)
    code = parse_qs(query_string or "").get("trainee", [""])[0].strip()
    if not code:
        return Visitor(None)
    if not registry.looks_like_code(code):
        return Visitor(None, problem=UNKNOWN_CODE)
    try:
        found = registry.find(store, code)
    except StoreUnavailableError:
        return Visitor(None, code=code, problem=STORE_DOWN)
    if found is None:
        return Visitor(None, problem=UNKNOWN_CODE)
    return Visitor(found, code=registry.normalise_code(code))


def request_query_string() -> str:
    """The page's query string. A preheated kernel (`workbook serve --preheat`) ran the notebook's first
    cells before anyone asked for the page, so it waits here for the request, as Voila documents."""
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        from voila.utils import get_query_string

        return get_query_string() or ""
    return os.environ.get("QUERY_STRING", "")


@cache
def current_visitor(store: AnswerStore) -> Visitor:
    """The visitor for this kernel (one kernel serves one page view)."""
    return visitor_from(request_query_string(), os.environ.get("JUPYTERHUB_USER"), store)
