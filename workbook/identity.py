"""Who is answering: the trainee behind the page that started this kernel.

On a JupyterHub the hub's user name is the identity. On the standalone site Voila hands the page's
query string to the kernel as QUERY_STRING; `?trainee=CODE&cohort=CODE` names the trainee. Without
either, the kernel invents a guest id, so two anonymous visitors never share answers.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs, urlencode

_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class Trainee:
    id: str
    cohort: str = ""


def trainee_from(query_string: str, hub_user: str | None = None) -> Trainee:
    """Identity from a page query string (or a hub user); malformed codes are ignored, never trusted."""
    params = parse_qs(query_string or "")
    cohort = params.get("cohort", [""])[0]
    cohort = cohort if _CODE.match(cohort) else ""
    if hub_user:
        return Trainee(f"hub-{hub_user}", cohort)
    code = params.get("trainee", [""])[0]
    if _CODE.match(code):
        return Trainee(code, cohort)
    return Trainee(f"guest-{secrets.token_urlsafe(9)}", cohort)


@cache
def current_trainee() -> Trainee:
    """The trainee for this kernel (one kernel serves one page view)."""
    return trainee_from(os.environ.get("QUERY_STRING", ""), os.environ.get("JUPYTERHUB_USER"))


def link_query(trainee: Trainee, hub_user: str | None = None) -> str:
    """The query string that keeps this trainee's identity on links to other pages ("" on a hub,
    where the hub already knows who is signed in)."""
    if hub_user:
        return ""
    params = {"trainee": trainee.id} | ({"cohort": trainee.cohort} if trainee.cohort else {})
    return "?" + urlencode(params)
