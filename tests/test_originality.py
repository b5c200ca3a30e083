"""The teaching text is in our own words: no run of eight words is lifted from the seed documents."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"
RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _runs(text: str) -> set[str]:
    words = _words(text)
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _course_texts() -> dict[str, str]:
    texts = {}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        texts[path.name] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for path in sorted((REPO / "data").rglob("*.yaml")):
        texts[str(path.relative_to(REPO))] = path.read_text()
    return texts


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents live in ../shared/seeds, beside the repository")
def test_no_sentence_is_copied_from_the_seeds() -> None:
    seed_runs: set[str] = set()
    for seed in SEEDS.iterdir():
        seed_runs |= _runs(seed.read_text(errors="ignore"))
    copied = {name: sorted(_runs(text) & seed_runs)[:3] for name, text in _course_texts().items()}
    assert not {name: runs for name, runs in copied.items() if runs}


def test_the_originality_check_would_notice_a_copied_sentence() -> None:
    sentence = "Confidentiality online is a promise that every therapist makes to every client."
    assert _runs(sentence) & _runs("As the seed said: " + sentence)
