"""Loading: data files -> raw records with a line number for every value.

In: the `data/` folder (or any folder laid out like it). Out: `RawRecord`s (plain dicts,
lists and strings; blank and `null` values become None) and `DataError`s.

Every scalar stays text, so YAML 1.1 surprises (`no` -> false, `2010-06-01` -> a date,
`1e3` -> a float) cannot slip through: the models decide what a value means. The loader
refuses what a safe data file never needs: duplicate keys, anchors and aliases (no alias
bombs), tags (no `!!python/object`), tab indentation, invisible bidirectional controls,
files over the size limit and nesting deeper than the limit. Values written with escape codes
in double quotes ("\u202E", "\0", "\u200B") are checked once decoded, by the same rules as
the raw text; a plain value cut short by a same-line ' #' comment is noted in
`RawRecord.cut_by_comment` (the validator refuses it in text fields). Symbolic links, hidden
record files and git conflict markers are refused with a message naming what they are.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError
from . import constants

Loc = tuple[Any, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Zero-width characters that only hide things (a word joiner, a zero-width space, a byte-order
# mark in mid-text). The zero-width (non-)joiners U+200C and U+200D are kept: some scripts and
# emoji need them.
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?:\s|$)")
# Spaces other than the ordinary one, where indentation goes.
_ODD_SPACE = re.compile("^ *([\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])")
_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class RawRecord:
    type: str
    path: str  # as shown to people: relative to the working directory when possible
    data: dict[str, Any]
    lines: dict[Loc, int] = field(default_factory=dict)
    loaded: bool = True  # False: stands in for a file that could not be read or parsed
    # plain values followed by a ' #' comment on the same line: loc -> (value as read, rest of the line)
    cut_by_comment: dict[Loc, tuple[str, str]] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    @property
    def names(self) -> list[str]:
        """The names the record is known by besides its id: name, short name, former names and their short names."""
        former = self.data.get("former_names")
        holders = [self.data, *(f for f in former if isinstance(f, dict))] if isinstance(former, list) else [self.data]
        return [h[k] for h in holders for k in ("name", "short_name") if isinstance(h.get(k), str) and h[k].strip()]

    def line_of(self, loc: Loc) -> int:
        """Line of the deepest known part of `loc` (the record's first line, else 1)."""
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.lines:
                return self.lines[loc[:n]]
        return 1


def field_path(loc: Loc) -> str:
    """('organisers', 0) -> 'organisers[1]' (items are counted from 1, as people count)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_CONTROL_NAMES = {0: "NULL", 7: "BELL", 8: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}


def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ord(ch), "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def invisible_character(text: str, decoded: bool = False) -> str | None:
    """What is wrong with an invisible or impossible character in `text`, or None.

    The same rules hold for the raw text of a file and for a value once YAML has decoded its
    escape codes (`decoded`: the message then says it was written as an escape code)."""
    how = "the escape code for " if decoded else ""
    m = _BIDI.search(text)
    if m:
        return f"contains {how}an invisible text-direction character U+{ord(m.group()):04X}; delete it"
    m = _ZERO_WIDTH.search(text)
    if m:
        return f"contains {how}an invisible zero-width character {_char_name(m.group())}; delete it"
    if not decoded:
        return None
    for ch in text:
        if ch == "\x00":
            return "contains the escape code for a NUL character (an invisible zero byte, '\\0'); delete it"
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n":
            return f"contains the escape code for the invisible control character {_char_name(ch)}; delete it"
        if unicodedata.category(ch) == "Cs":
            return (f"contains the escape code \\u{ord(ch):04X}, which is only half of a character "
                    "(a surrogate, not a character on its own); type the character itself instead")
    return None


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


class _Context:
    """What building the values needs besides the nodes: the text (for comments) and the findings."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.cut: dict[Loc, tuple[str, str]] = {}


def _after_value(node: yaml.ScalarNode, ctx: _Context | None) -> str:
    """The rest of the line after a scalar ends."""
    if ctx is None:
        return ""
    end = node.end_mark
    if not 0 <= end.line < len(ctx.lines):
        return ""
    return ctx.lines[end.line][end.column:]


def _build(node: yaml.Node, loc: Loc, lines: dict[Loc, int], errors: list[_Reject], ctx: _Context | None = None) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:  # plain style: None (Python) or '' (libyaml)
            return None
        if node.style == '"':  # the only style that decodes escape codes
            problem = invisible_character(node.value, decoded=True)
            if problem:
                errors.append(_Reject(node.start_mark.line + 1, problem, field_path(loc)))
                # half a surrogate pair is no text at all: keep the models from saying so again
                return node.value.encode("utf-8", "replace").decode("utf-8")
        elif not node.style:
            rest = _after_value(node, ctx)
            if re.match(r"[ \t]+#", rest) and ctx is not None:
                ctx.cut[loc] = (node.value, rest.strip())
        return node.value
    if isinstance(node, yaml.SequenceNode):
        out = []
        for i, item in enumerate(node.value):
            lines[loc + (i,)] = item.start_mark.line + 1
            out.append(_build(item, loc + (i,), lines, errors, ctx))
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
        if key_node.style == '"':
            problem = invisible_character(key, decoded=True)
            if problem:
                errors.append(_Reject(kline, f"the field name {problem}"))
                continue
        out[key] = _build(value_node, loc + (key,), lines, errors, ctx)
    return out


def _kind_of(value: Any) -> str:
    return {list: "a list", str: "a single value", type(None): "empty"}.get(type(value), "something else")


def _line(text: str, n: int) -> str:
    lines = text.splitlines()
    return lines[n - 1] if 0 < n <= len(lines) else ""


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"\[{][^#]*?:\s+)?(["'])""")


def _unclosed_quote(text: str, upto: int) -> int | None:
    """The first line (up to `upto`) where a value opens a quote that the same line does not close."""
    for n, line in enumerate(text.splitlines()[:upto], 1):
        m = _QUOTED_VALUE.match(line)
        if not m:
            continue
        quote, rest = m.group(1), line[m.end():]
        if quote == "'":
            closed = "'" in rest.replace("''", "")
        else:
            closed = re.search(r'(?:^|[^\\])(?:\\\\)*"', rest) is not None
        if not closed:
            return n
    return None


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
    opened = _unclosed_quote(text, max(line, start))
    if opened is not None and opened < line:
        return _Reject(opened, "YAML syntax error: the quote opened on this line is never closed")
    for n in dict.fromkeys((start, line)):
        here = _line(text, n)
        if re.match(r"\s*(?:- +)?[^\s:#'\"][^:]*\uff1a", here) and ":" not in here.split("\uff1a")[0]:
            return _Reject(n, "YAML syntax error: this line has a full-width colon '\uff1a' (U+FF1A) after its field "
                              "name; type the ordinary colon ':' instead")
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
        if _CONFLICT.match(line):
            return fail(n, f"holds a line left by a git merge conflict ({line.strip()[:40]!r}); keep the version you "
                           "want and delete the lines starting with <<<<<<<, ======= and >>>>>>>")
        problem = invisible_character(line)
        if problem:
            return fail(n, problem)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return fail(n, "is indented with a tab; use spaces")
        m = _ODD_SPACE.match(line)
        if m:
            space = unicodedata.name(m.group(1), "special space").lower()
            return fail(n, f"is indented with {'an' if space[0] in 'aeiou' else 'a'} {space} (U+{ord(m.group(1)):04X}), "
                           "not ordinary spaces; retype the spaces at the start of the line")

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
    ctx = _Context(text)
    data = _build(node, (), lines, problems, ctx)
    errors = [DataError(shown, p.line, p.field, p.message) for p in problems]
    if body is not None:
        if "body" in data:
            errors.append(DataError(shown, lines[("body",)], "body", "goes below the second '---' line, not among the fields"))
        data["body"] = body.strip("\n") or None
        lines[("body",)] = body_line
    return RawRecord(rtype, shown, data, lines, cut_by_comment=ctx.cut), errors
