"""A corpus of malformed bank files, one per mistake a supervisor could make (or a file could suffer):
each is refused with its own one-line sentence naming the file, and the item and field where there is one."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content import load_bank
from workbook.errors import ContentError

from .conftest import FIXTURES
from .test_validate_command import run

BANKS = FIXTURES / "banks"

# fixture file -> what its message must say (after the file name)
EXPECTED = {
    "alias-bomb.yaml": "it uses an alias (*name); content files may not use anchors or aliases",
    "bad-yaml.yaml": "the YAML cannot be read at line 7, column 12",
    "binary-file.yaml": "the file is not UTF-8 text (byte 128 cannot be read)",
    "cites-not-a-list.yaml": "item 'fx-cites-text', field 'cites': must be of type array but is str.",
    "correct-as-text.yaml": "item 'fx-correct-yes', field 'options[b].correct': must be of type boolean but is str.",
    "duplicate-ids.yaml": "item 'fx-twice', field 'id': is used by another question in this file.",
    "duplicate-keys.yaml": "line 8, column 5: the field 'prompt' is given twice in one place; keep one.",
    "duplicate-option-ids.yaml": "item 'fx-two-as', field 'options[a].id': is used by two options.",
    "empty-file.yaml": ": the file must be a YAML mapping with named fields at the top.",
    "empty-prompt.yaml": "item 'fx-empty-prompt', field 'prompt': must not be empty.",
    "id-is-a-number.yaml": "item '#1', field 'id': must be of type string but is int.",
    "id-with-spaces.yaml": "field 'id': 'friend request' may use only lower-case letters, digits and hyphens.",
    "missing-explanation.yaml": "item 'fx-no-explanation', field 'explanation': is missing.",
    "missing-feedback.yaml": "item 'fx-no-feedback', field 'options[b].feedback': is missing.",
    "missing-id.yaml": "item '#1', field 'id': is missing.",
    "missing-module.yaml": "field 'module': is missing.",
    "missing-prompt.yaml": "item 'fx-no-prompt', field 'prompt': is missing.",
    "missing-questions.yaml": "field 'questions': is missing.",
    "missing-schema-version.yaml": "field 'schema_version': is missing; the first line should be schema_version: 1.",
    "no-citations.yaml": "item 'fx-no-cites', field 'cites': needs at least 1 item(s).",
    "no-correct-option.yaml": "item 'fx-none-correct', field 'options': must mark at least one option as correct",
    "no-options.yaml": "item 'fx-no-options', field 'options': needs at least 2 item(s).",
    "not-utf8.yaml": "the file is not UTF-8 text (byte 52 cannot be read); save it as UTF-8.",
    "nul-bytes.yaml": "the file holds NUL bytes, so it is not a text file.",
    "only-comments.yaml": "the file must be a YAML mapping with named fields at the top.",
    "option-without-text.yaml": "item 'fx-no-text', field 'options[a].text': is missing.",
    "python-object-tag.yaml": "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    "question-not-a-mapping.yaml": "item '#1': must be of type object but is str.",
    "questions-not-a-list.yaml": "field 'questions': must be of type array but is str.",
    "reflection-with-options.yaml": "item 'fx-reflect-options': holds a field that does not belong to this type of question.",
    "schema-version-as-text.yaml": "field 'schema_version': is the text '1'; write it as a number without quotes",
    "tab-indentation.yaml": "line 5, column 1: found character '\\t' that cannot start any token.",
    "top-level-list.yaml": "the file must be a YAML mapping with named fields at the top.",
    "top-level-string.yaml": "the file must be a YAML mapping with named fields at the top.",
    "true-false-with-three-options.yaml": "item 'fx-tf3', field 'options': allows at most 2 item(s).",
    "two-correct-single-choice.yaml": "item 'fx-two-correct', field 'options': must mark exactly one option",
    "two-documents.yaml": "line 5, column 1: but found another document.",
    "unclosed-quote.yaml": "line 9, column 1: found unexpected end of stream.",
    "unknown-citation.yaml": "item 'fx-bad-cite', field 'cites': cites 'apa-9.99', which is not in data/citations.yaml.",
    "unknown-field.yaml": "item 'fx-typo', field 'explenation': is not a field this format knows",
    "unknown-type.yaml": "item 'fx-essay', field 'type': must be one of 'single_choice'",
    "unknown-use.yaml": "item 'fx-homework', field 'use[1]': must be one of 'module', 'pretest', 'final'.",
    "utf-16.yaml": "the file is UTF-16 text; save it as UTF-8.",
    "wrong-type.yaml": "item 'fx-list-prompt', field 'prompt': must be of type string but is list.",
    "wrong-version.yaml": "field 'schema_version': is 7 but this version of the workbook reads bank files of version 1.",
}
# Files that say the same thing for the same reason (no top-level mapping) are one case, not a missing message.
SAME_CAUSE = {"empty-file.yaml", "only-comments.yaml", "top-level-list.yaml", "top-level-string.yaml"}


def test_the_corpus_holds_every_malformed_fixture_and_at_least_thirty() -> None:
    on_disk = {p.name for p in BANKS.glob("*.yaml")} - {"valid.yaml"}
    assert on_disk == set(EXPECTED)
    assert len(EXPECTED) + 1 >= 30  # and the generated huge file below


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_each_malformed_bank_gives_its_own_one_line_error(fixture: str, content) -> None:
    with pytest.raises(ContentError) as raised:
        load_bank(BANKS / fixture, content.citations)
    message = str(raised.value)
    assert message.startswith(str(Path("tests/fixtures/banks") / fixture)) or fixture in message
    assert EXPECTED[fixture] in message
    assert "\n" not in message and "Traceback" not in message and len(message) < 300


def test_no_two_mistakes_share_a_message() -> None:
    distinct = {message for name, message in EXPECTED.items() if name not in SAME_CAUSE}
    assert len(distinct) == len(EXPECTED) - len(SAME_CAUSE)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_text("schema_version: 1\nquestions: []\n" + "# padding\n" * 300_000)
    with pytest.raises(ContentError, match=r"huge.yaml: the file is \d+ KB, larger than the 2048 KB"):
        load_bank(huge)
    with pytest.raises(ContentError, match="the file does not exist"):
        load_bank(tmp_path / "absent.yaml")


def test_validate_reports_the_whole_corpus_without_a_traceback() -> None:
    result = run(str(BANKS))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    for fixture in EXPECTED:
        assert any(fixture in line for line in lines), f"validate says nothing about {fixture}"
    named = {Path(line.split(",")[0].split(":")[0]).name for line in lines}
    assert "valid.yaml" not in named
