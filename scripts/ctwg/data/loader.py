"""Loading: data files -> raw records with a line number for every value.

In: the `data/` folder (or any folder laid out like it). Out: `RawRecord`s (plain dicts,
lists and strings; blank and `null` values become None) and `DataError`s.

Every scalar stays text, so YAML 1.1 surprises (`no` -> false, `2010-06-01` -> a date,
`1e3` -> a float) cannot slip through: the models decide what a value means. The loader
refuses what a safe data file never needs: duplicate keys, anchors and aliases (no alias
bombs), tags (no `!!python/object`), tab indentation, invisible bidirectional controls,
files over the size limit and nesting deeper than the limit.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError, suggest
from . import constants

Loc = tuple[Any, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class RawRecord:
    type: str
    path: str  # as shown to people: relative to the working directory when possible
    data: dict[str, Any]
    lines: dict[Loc, int] = field(default_factory=dict)
    loaded: bool = True  # False: stands in for a file that could not be read or parsed

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    def line_of(self, loc: Loc) -> int:
        """Line of the deepest known part of `loc` (the record's first line, else 1)."""
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.lines:
                return self.lines[loc[:n]]
        return 1


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


class _Reject(Exception):
    def __init__(self, line: int, message: str, field: str = ""):
        self.line, self.message, self.field = line, message, field


# libyaml (C) parses about ten times faster than PyYAML's Python parser. It is tried first;
# when it finds anything wrong, the file is parsed again in Python so that every message
# (and line) is exactly the one documented in CONTRIBUTING and pinned by the tests.
_FAST = getattr(yaml, "CSafeLoader", None)


def _check_events(text: str, loader=yaml.SafeLoader) -> None:
    """Walk the parser's events (iteratively, so deep nesting cannot blow the stack)."""
    depth = 0
    for ev in yaml.parse(text, Loader=loader):
        line = ev.start_mark.line + 1
        if isinstance(ev, yaml.AliasEvent):
            raise _Reject(line, f"uses a YAML alias (*{ev.anchor}); write the value out in full instead")
        anchor = getattr(ev, "anchor", None)
        if anchor:
            raise _Reject(line, f"uses a YAML anchor (&{anchor}); anchors are not allowed, write values out in full")
        tag = getattr(ev, "tag", None)
        if tag not in _STANDARD_TAGS:
            shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
            raise _Reject(line, f"uses the YAML tag {shown!r}; tags are not allowed in data files, delete it")
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > constants.MAX_DEPTH:
                raise _Reject(line, f"is nested more than {constants.MAX_DEPTH} levels deep")
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _build(node: yaml.Node, loc: Loc, lines: dict[Loc, int], errors: list[_Reject]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:  # plain style: None (Python) or '' (libyaml)
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        out = []
        for i, item in enumerate(node.value):
            lines[loc + (i,)] = item.start_mark.line + 1
            out.append(_build(item, loc + (i,), lines, errors))
        return out
    assert isinstance(node, yaml.MappingNode)
    out: dict[str, Any] = {}
    first: dict[str, int] = {}
    for key_node, value_node in node.value:
        kline = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append(_Reject(kline, "a field name must be plain text"))
            continue
        key = key_node.value
        if key in first:
            errors.append(_Reject(kline, f"the field {key!r} appears twice (first at line {first[key]}); keep only one"))
            continue
        first[key] = kline
        lines[loc + (key,)] = kline
        out[key] = _build(value_node, loc + (key,), lines, errors)
    return out


def _kind_of(value: Any) -> str:
    return {list: "a list", str: "a single value", type(None): "empty"}.get(type(value), "something else")


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> _Reject:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    # where the unfinished thing (quote, bracket, key) started: the line people should look at
    start = exc.context_mark.line + 1 if exc.context_mark else line
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "expected a single document" in problem or "but found another document" in problem:
        return _Reject(line, "holds more than one document; a data file holds one record (remove the '---' line)")
    if "found character '\\t'" in problem:
        return _Reject(line, "is indented with a tab; use spaces")
    if "quoted scalar" in context and "unknown escape character" in problem:
        line, hint = start, "a backslash (\\) inside double quotes starts an escape code; put this value in single quotes instead"
    elif "quoted scalar" in context:
        line, hint = start, "the quote opened on this line is never closed"
    elif "flow sequence" in context:
        line, hint = start, "the list opened with '[' on this line is not closed with ']'"
    elif "flow mapping" in context:
        line, hint = start, "the '{' on this line is not closed with '}'"
    elif "simple key" in context:
        line, hint = start, "this line is missing the ':' after its field name"
    elif "an alias" in context or "an anchor" in context:
        hint = "a value starting with '*' or '&' must be put in quotes"
    elif "that cannot start any token" in problem:
        char = problem.split("'")[1] if problem.count("'") >= 2 else "this character"
        hint = f"a value cannot start with {char!r}; put the whole value in quotes"
    elif "mapping values are not allowed" in problem:
        lines = text.splitlines()
        here = lines[line - 1] if 0 < line <= len(lines) else ""
        if re.search(r":(\s|$).*:(\s|$)", here.split(" #")[0]):
            hint = "a value contains ': '; put the whole value in quotes"
        else:
            hint = "this line is indented further than the line above; line it up with the other fields"
    elif "found unexpected end" in problem:
        hint = "a quote or bracket is not closed"
    elif "expected <block end>, but found '<scalar>'" in problem:
        hint = "there is text after a closing quote or bracket; put the whole value inside quotes"
    elif "expected <block end>" in problem:
        hint = "the indentation of this line does not match the lines around it"
    elif "expected the node content, but found ','" in problem:
        hint = "a list has an empty item between two commas; remove the extra comma"
    elif "expected the node content, but found" in problem:
        char = problem.rsplit("'", 2)[-2] if problem.count("'") >= 2 else "this character"
        hint = f"a value cannot start with {char!r}; put the whole value in quotes"
    elif "sequence entries are not allowed here" in problem:
        hint = "a '- ' list item must go on its own line, below its field name"
    elif "expected '<document start>'" in problem:
        hint = "the record goes on after a '...' line, or the file starts with a '%' line; remove that line"
    elif "block scalar" in context:
        hint = "after '|' or '>' (and an optional '-') the text must start on the next line, indented"
    else:
        hint = problem or "the file is not valid YAML"
    return _Reject(line, f"YAML syntax error: {hint}")


def _split_front_matter(text: str) -> tuple[str, str, int] | None:
    """For Markdown news: (yaml, body, line where the body starts), or None."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(["\n"] + lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return None


def load_file(path: Path, rtype: str) -> tuple[RawRecord | None, list[DataError]]:
    shown = display_path(path)

    def fail(line: int, message: str, field: str = "") -> tuple[None, list[DataError]]:
        return None, [DataError(shown, line, field, message)]

    try:
        size = path.stat().st_size
        if size > constants.MAX_FILE_BYTES:
            return fail(1, f"the file is {size // 1024} KB; a data file may be at most {constants.MAX_FILE_BYTES // 1024} KB")
        raw = path.read_bytes()
    except OSError as exc:
        return fail(1, f"could not be read ({exc.strerror or exc})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(line, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        return fail(text[: text.index("\x00")].count("\n") + 1,
                    "contains a NUL character (an invisible zero byte); delete it, or save the file as plain text")

    body, body_line = None, 0
    if path.suffix == ".md":
        split = _split_front_matter(text)
        if split is None:
            return fail(1, "a Markdown news file must start with '---', its fields, and another '---' line")
        text, body, body_line = split

    for n, line in enumerate(text.splitlines(), 1):
        m = _BIDI.search(line)
        if m:
            return fail(n, f"contains an invisible text-direction character U+{ord(m.group()):04X}; delete it")
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return fail(n, "is indented with a tab; use spaces")

    if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in text.splitlines()):
        what = "has only comments" if text.strip() else "is empty"
        return fail(1, f"the file {what}; it should hold one record of 'field: value' lines")

    node = None
    if _FAST is not None:
        try:
            _check_events(text, _FAST)
            node = yaml.compose(text, Loader=_FAST)
        except Exception:  # noqa: BLE001 - any problem: the Python parser below explains it
            node = None
    try:
        if node is None:
            _check_events(text)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except _Reject as r:
        return fail(r.line, r.message)
    except yaml.MarkedYAMLError as exc:
        r = _yaml_problem(exc, text)
        return fail(r.line, r.message)
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return fail(text[: exc.position].count("\n") + 1,
                    f"contains the invisible control character U+{code:04X}; delete it")
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks its errors
        return fail(1, f"YAML error: {exc}")

    if node is None or (isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS):
        return fail(1, "the file holds no fields; it should hold one record of 'field: value' lines")
    if not isinstance(node, yaml.MappingNode):
        return fail(node.start_mark.line + 1,
                    f"the file should be a set of 'field: value' lines, not {_kind_of(_build(node, (), {}, []))}")
    lines: dict[Loc, int] = {(): node.start_mark.line + 1}
    problems: list[_Reject] = []
    data = _build(node, (), lines, problems)
    errors = [DataError(shown, p.line, p.field, p.message) for p in problems]
    if body is not None:
        if "body" in data:
            errors.append(DataError(shown, lines[("body",)], "body", "goes below the second '---' line, not among the fields"))
        data["body"] = body.strip("\n") or None
        lines[("body",)] = body_line
    return RawRecord(rtype, shown, data, lines), errors


def iter_data_files(data_dir: Path) -> tuple[list[tuple[Path, str]], list[DataError]]:
    """The record files under data_dir with their type, and errors for anything misplaced."""
    files: list[tuple[Path, str]] = []
    errors: list[DataError] = []
    if not data_dir.is_dir():
        return files, [DataError(display_path(data_dir), 1, "", "the data folder does not exist")]
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith(".") or entry.name in ("schemas", "README.md", "templates"):
            continue
        if not entry.is_dir():
            errors.append(DataError(display_path(entry), 1, "", "records go in a folder per type, e.g. data/events/"))
            continue
        if entry.name not in constants.RECORD_TYPES:
            errors.append(DataError(display_path(entry), 1, "",
                                    f"unknown record type folder {entry.name!r}{suggest(entry.name, constants.RECORD_TYPES)}"))
            continue
        for f in sorted(entry.rglob("*")):
            if f.is_dir() or f.name.startswith("."):
                continue
            ok = f.suffix == ".yml" or (f.suffix == ".md" and entry.name == "news")
            if not ok:
                allowed = "'.yml' (or '.md' with front matter)" if entry.name == "news" else "'.yml'"
                errors.append(DataError(display_path(f), 1, "", f"unexpected file; data files end in {allowed}"))
                continue
            files.append((f, entry.name))
    return files, errors


def load_tree(data_dir: Path) -> tuple[list[RawRecord], list[DataError]]:
    files, errors = iter_data_files(data_dir)
    records: list[RawRecord] = []
    for path, rtype in files:
        rec, errs = load_file(path, rtype)
        errors.extend(errs)
        # A file that could not be read still names a record: references to it are not "unknown".
        records.append(rec if rec is not None else RawRecord(rtype, display_path(path), {}, loaded=False))
    return records, errors
