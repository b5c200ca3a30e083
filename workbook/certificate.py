"""Certificates of completion: issue one (a PDF) and let a supervisor check its verification code.

The code is an HMAC of the certificate's details under a key kept in the private data folder, so a
code cannot be invented, and a certificate whose details were edited no longer matches its code.
Issued certificates are also recorded, so the supervisor's check shows the details to compare.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import matplotlib
from fpdf import FPDF

from workbook.keys import site_key
from workbook.registry import ALPHABET, Trainee, normalise_code
from workbook.store import AnswerStore

KEY_FILE = "certificate.key"  # in the data folder, made by workbook.keys
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"  # DejaVu: wide Unicode coverage, shipped with matplotlib


@dataclass(frozen=True)
class Certificate:
    code: str
    trainee: str
    name: str
    course: str
    issued_on: str
    hours: float
    score: float


def _key(data_dir: Path | None = None) -> bytes:
    return site_key("certificate", data_dir)


def _code(details: str, key: bytes) -> str:
    digest = hmac.new(key, details.encode(), hashlib.sha256).digest()
    symbols = base64.b32encode(digest).decode().translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET))
    return normalise_code(symbols[:16])


def _details(trainee: str, name: str, course: str, issued_on: str, hours: float, score: float) -> str:
    return "\x1f".join([trainee, name, course, issued_on, f"{hours:g}", f"{score:.4f}"])


def issue(store: AnswerStore, trainee: Trainee, course: str, hours: float, score: float,
          data_dir: Path | None = None) -> Certificate:
    """The trainee's certificate: the one already issued for this score, or a new one."""
    rows = store.read("SELECT code, trainee, name, course, issued_on, hours, score FROM certificates WHERE trainee = ?"
                      " AND name = ? AND score = ? ORDER BY issued_on DESC LIMIT 1", (trainee.id, trainee.name, score))
    if rows:
        return Certificate(*rows[0])
    issued_on = datetime.now(UTC).date().isoformat()
    code = _code(_details(trainee.id, trainee.name, course, issued_on, hours, score), _key(data_dir))
    certificate = Certificate(code, trainee.id, trainee.name, course, issued_on, hours, score)
    store.write(lambda c: c.execute(
        "INSERT INTO certificates (code, trainee, name, course, issued_on, hours, score)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", (code, trainee.id, trainee.name, course, issued_on, hours, score)))
    return certificate


def verify(store: AnswerStore, code: str, data_dir: Path | None = None) -> Certificate | None:
    """The certificate a code belongs to, if it is genuine (issued here and its details unchanged)."""
    code = normalise_code(code or "")
    rows = store.read("SELECT code, trainee, name, course, issued_on, hours, score FROM certificates WHERE code = ?",
                      (code,))
    if not rows:
        return None
    found = Certificate(*rows[0])
    expected = _code(_details(found.trainee, found.name, found.course, found.issued_on, found.hours, found.score),
                     _key(data_dir))
    return found if hmac.compare_digest(expected, code) else None


def pdf(certificate: Certificate) -> bytes:
    """A one-page landscape A4 certificate."""
    document = FPDF(orientation="L", format="A4")
    document.set_title(f"Certificate of completion: {certificate.course}")
    document.set_author("Social Media and Client Confidentiality workbook")
    document.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    document.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    document.set_auto_page_break(False)
    document.add_page()
    width = document.w - 40
    document.set_draw_color(46, 94, 120)
    document.set_line_width(1.2)
    document.rect(12, 12, document.w - 24, document.h - 24)
    document.set_text_color(30, 30, 30)
    document.set_xy(20, 35)
    document.set_font("DejaVu", "", 16)
    document.cell(width, 10, "Certificate of completion", align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_x(20)
    document.set_font("DejaVu", "", 12)
    document.cell(width, 14, "This certifies that", align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_x(20)
    document.set_font("DejaVu", "B", 28)
    document.multi_cell(width, 14, certificate.name, align="C", new_x="LMARGIN", new_y="NEXT", max_line_height=14)
    document.set_x(20)
    document.set_font("DejaVu", "", 12)
    document.cell(width, 14, "has completed the course", align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_x(20)
    document.set_font("DejaVu", "B", 18)
    document.multi_cell(width, 10, certificate.course, align="C", new_x="LMARGIN", new_y="NEXT")
    document.ln(6)
    document.set_font("DejaVu", "", 12)
    for line in (f"Contact hours: {certificate.hours:g}",
                 f"Final assessment score: {certificate.score:.0%}",
                 f"Date of completion: {certificate.issued_on}"):
        document.set_x(20)
        document.cell(width, 8, line, align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_xy(20, document.h - 40)
    document.set_font("DejaVu", "", 10)
    document.cell(width, 6, f"Verification code: {certificate.code}", align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_x(20)
    document.cell(width, 6, "The course's supervisor can confirm this code on the machine that runs the course "
                  "(workbook verify CODE).", align="C")
    return bytes(document.output())
