"""Validate content documents against the versioned JSON Schemas shipped in workbook/schemas.

jsonschema finds the problems; this module turns each into a sentence naming the item and field,
because the people editing these files are supervisors, not programmers.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from workbook.errors import ContentProblem

KNOWN_VERSIONS = {"bank": (1,), "course": (1,), "citations": (1,), "vignettes": (1,), "policy": (1,)}
_REQUIRED = re.compile(r"'(.+?)' is a required property")
_UNEXPECTED = re.compile(r"\('(.+?)'(?:, '.+?')* (?:was|were) unexpected\)")


@cache
def _validator(kind: str, version: int) -> jsonschema.Draft202012Validator:
    text = resources.files("workbook.schemas").joinpath(f"{kind}-v{version}.schema.json").read_text("utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_text(kind: str, version: int = 1) -> str:
    """The schema as JSON text, for documentation and editors."""
    return resources.files("workbook.schemas").joinpath(f"{kind}-v{version}.schema.json").read_text("utf-8")


def validate_document(document: Any, kind: str, file: str, list_key: str) -> list[ContentProblem]:
    """Every schema problem in `document`, ordered by position; `list_key` holds the items with ids."""
    if not isinstance(document, dict):
        return [ContentProblem(file, None, None, "the file must be a YAML mapping with named fields at the top")]
    version = document.get("schema_version")
    known = ", ".join(str(v) for v in KNOWN_VERSIONS[kind])
    if "schema_version" not in document:
        return [ContentProblem(file, None, "schema_version", f"is missing; the first line should be schema_version: {known}")]
    if isinstance(version, str):
        return [ContentProblem(file, None, "schema_version",
                               f"is the text {version!r}; write it as a number without quotes (schema_version: {known})")]
    if version not in KNOWN_VERSIONS[kind]:
        return [ContentProblem(file, None, "schema_version",
                               f"is {version!r} but this version of the workbook reads {kind} files of version {known}")]
    errors = sorted(_validator(kind, version).iter_errors(document), key=_position)
    problems = [_describe(error, document, file, list_key) for error in errors]
    return list(dict.fromkeys(problems))  # one line per distinct problem


def _position(error: jsonschema.ValidationError) -> tuple:
    """Order problems by item, and within an item the most specific first (a wrong `correct: "yes"`
    before the "no option is marked correct" it causes)."""
    path = [str(p) for p in error.absolute_path]
    return path[:2], -len(path), path


def _describe(error: jsonschema.ValidationError, document: dict, file: str, list_key: str) -> ContentProblem:
    path = list(error.absolute_path)
    item = None
    container: Any = document
    if len(path) >= 2 and path[0] == list_key and isinstance(path[1], int):
        entry = document[list_key][path[1]]
        item = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"#{path[1] + 1}"
        container = entry
        path = path[2:]
    field_parts: list[str] = []
    for part in path:
        if isinstance(part, int) and isinstance(container, list):
            element = container[part]
            label = element.get("id") if isinstance(element, dict) and isinstance(element.get("id"), str) else None
            field_parts.append(f"[{label}]" if label else f"[{part + 1}]")
            container = element
        else:
            field_parts.append(f".{part}" if field_parts else str(part))
            container = container.get(part) if isinstance(container, dict) else None
    field = "".join(field_parts) or None
    message = _message(error, container)
    if error.validator == "required":
        missing = _REQUIRED.search(error.message)
        name = missing.group(1) if missing else "?"
        field = f"{field}.{name}" if field else name
        message = "is missing"
    elif error.validator == "additionalProperties":
        unexpected = _UNEXPECTED.search(error.message)
        name = unexpected.group(1) if unexpected else "?"
        field = f"{field}.{name}" if field else name
        message = "is not a field this format knows (check the spelling against data/README.md)"
    return ContentProblem(file, item, field, message)


def _message(error: jsonschema.ValidationError, value: Any) -> str:
    v = error.validator
    if v == "type":
        return f"must be of type {error.validator_value} but is {type(error.instance).__name__}"
    if v == "enum":
        return "must be one of " + ", ".join(repr(x) for x in error.validator_value)
    if v == "const":
        return f"must be {error.validator_value!r}"
    if v == "pattern":
        if "a-z0-9" in str(error.validator_value):
            return f"{error.instance!r} may use only lower-case letters, digits and hyphens"
        return f"{error.instance!r} does not have the required form"
    if v == "minLength":
        return "must not be empty"
    if v == "maxLength":
        return f"is too long (at most {error.validator_value} characters)"
    if v == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if v == "maxItems":
        return f"allows at most {error.validator_value} item(s)"
    if v == "uniqueItems":
        return "lists the same entry twice"
    if v in {"contains", "minContains"}:
        return "must mark at least one option as correct (correct: true)"
    if v == "maxContains":
        return "must mark exactly one option as correct, but marks more than one"
    if v == "not":
        return "holds a field that does not belong to this type of question"
    if v in {"minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"}:
        return f"is out of range ({error.message})"
    if v == "minProperties":
        return "must not be empty"
    return error.message
