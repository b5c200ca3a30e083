"""Read one YAML content file safely: size limit, UTF-8 only, parse errors as one sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workbook.errors import ContentError, ContentProblem

MAX_CONTENT_BYTES = 2 * 1024 * 1024  # a whole course is ~200 KB; anything bigger is a mistake
_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}


class ContentLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter: content needs neither anchors nor aliases (whose nesting can make
    a small file expand to billions of items), and a key given twice is a mistake, not a silent overwrite."""

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "it uses an alias (*name); content files may not use anchors or aliases",
                self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201
        seen: set = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the field '{key}' is given twice in one place; keep one", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def display_path(path: Path) -> str:
    """The path as a supervisor would recognise it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> Any:
    """Parse `path`; raise ContentError (never a traceback-worthy exception) on any reading problem."""
    name = display_path(path)

    def fail(message: str) -> ContentError:
        return ContentError([ContentProblem(name, None, None, message)])

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise fail("the file does not exist") from None
    except OSError as error:
        raise fail(f"the file cannot be read ({error.strerror})") from None
    if size > MAX_CONTENT_BYTES:
        raise fail(f"the file is {size // 1024} KB, larger than the {MAX_CONTENT_BYTES // 1024} KB a content file may be")
    try:
        raw = path.read_bytes()
        encoding = next((name for bom, name in _BOMS.items() if raw.startswith(bom)), None)
        if encoding:
            raise fail(f"the file is {encoding} text; save it as UTF-8")
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(f"the file is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8") from None
    except OSError as error:
        raise fail(f"the file cannot be read ({error.strerror})") from None
    if "\x00" in text:
        raise fail("the file holds NUL bytes, so it is not a text file")
    try:
        return yaml.load(text, Loader=ContentLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = error.problem or error.context or "it is not valid YAML"
        raise fail(f"the YAML cannot be read{where}: {what}") from None
    except yaml.YAMLError as error:
        raise fail(f"the YAML cannot be read: {error}") from None
