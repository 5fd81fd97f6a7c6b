"""Split a Markdown file into YAML front matter and body, keeping line numbers for error messages."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.errors import ContentError

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (the pure-Python one made YAML parsing about 90 % of a content check:
several seconds at every start on a busy machine); same documents, same line marks."""


@dataclass
class Document:
    """A parsed content file: its front matter, where each key stands, and the body."""

    path: Path
    data: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, key: str, index: int | None = None) -> int:
        """Line of a top-level key (or of item `index` of a list under it); 1 when unknown."""
        if index is not None and key in self.item_lines and index < len(self.item_lines[key]):
            return self.item_lines[key][index]
        return self.key_lines.get(key, 1)


def _pure_error(text: str) -> yaml.YAMLError | None:
    """The pure-Python parser's error for a broken document: its messages and lines are the ones authors have seen
    (libyaml points past an unclosed `[` to the end of the text, for one). Broken files are rare, so this is cheap."""
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return exc
    return None


def parse_yaml_with_lines(
    text: str, path: Path, first_line: int = 1
) -> tuple[Any, dict[str, int], dict[str, list[int]], list[ContentError]]:
    """Parse YAML, returning data plus the line of each top-level key and of each list item under it."""
    text = text.removeprefix("\ufeff")
    loader = _Loader(text)
    try:  # composed once, then built from that node: what `yaml.safe_load` returns, for half the parsing
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        exc = _pure_error(text) or exc
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc)
        return None, {}, {}, [ContentError(path, line, f"felaktig YAML: {problem}")]
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_lines[key] = first_line + key_node.start_mark.line
            if isinstance(value_node, yaml.SequenceNode):
                item_lines[key] = [first_line + item.start_mark.line for item in value_node.value]
            elif isinstance(value_node, yaml.MappingNode):
                # One level down as `key.sub` (e.g. `questions.intro`), so errors in a mapping point at their line.
                for sub_key, sub_value in value_node.value:
                    sub = f"{key}.{sub_key.value}"
                    key_lines[sub] = first_line + sub_key.start_mark.line
                    if isinstance(sub_value, yaml.SequenceNode):
                        item_lines[sub] = [first_line + item.start_mark.line for item in sub_value.value]
    return data, key_lines, item_lines, []


def read_text(path: Path) -> tuple[str | None, list[ContentError]]:
    """A content file's text, or where it cannot be read. A BOM (Windows editors write one) is not content; letters
    are composed (NFC), since macOS may save "ä" as "a" + a combining diaeresis, which search would take for two
    words."""
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [ContentError(path, line, "filen är inte UTF-8: spara den med teckenkodningen UTF-8")]
    return unicodedata.normalize("NFC", text), []


def read_yaml(path: Path) -> tuple[Any, dict[str, int], dict[str, list[int]], list[ContentError]]:
    """A YAML content file parsed with its lines (`parse_yaml_with_lines`), read by `read_text`."""
    text, errors = read_text(path)
    if text is None:
        return None, {}, {}, errors
    return parse_yaml_with_lines(text, path)


def read_document(path: Path) -> tuple[Document | None, list[ContentError]]:
    """Read a Markdown file with `---` delimited front matter."""
    text, errors = read_text(path)
    if text is None:
        return None, errors
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [ContentError(path, 1, "front matter saknas: filen ska börja med en rad '---'")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return None, [ContentError(path, 1, "front matter avslutas aldrig med en rad '---'")]
    data, key_lines, item_lines, errors = parse_yaml_with_lines("\n".join(lines[1:end]), path, first_line=2)
    if errors:
        return None, errors
    if not isinstance(data, dict):
        return None, [ContentError(path, 2, "front matter ska vara nycklar och värden (en YAML-mappning)")]
    body = "\n".join(lines[end + 1 :])
    return Document(path, data, key_lines, item_lines, body, body_line=end + 2), []
