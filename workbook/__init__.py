"""Social media and client confidentiality: a training and supervision workbook for therapists in training.

The core (content, scoring, store) imports no widget code; the notebook front end lives in
workbook.notebook and workbook.widgets.
"""

from workbook.content import Content, load_bank, load_content
from workbook.errors import ContentError, ContentProblem, StoreUnavailableError
from workbook.models import Option, Question, QuestionBank, QuestionType
from workbook.scoring import Outcome, score
from workbook.store import AnswerStore

__all__ = [
    "AnswerStore", "Content", "ContentError", "ContentProblem", "Option", "Outcome", "Question",
    "QuestionBank", "QuestionType", "StoreUnavailableError", "load_bank", "load_content", "score",
]
