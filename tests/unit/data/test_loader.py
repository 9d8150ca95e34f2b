"""The loader: every scalar stays text, every value keeps its line, unsafe YAML is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctwg.data.datafiles import iter_data_files, load_tree
from ctwg.data.loader import load_file


def load(tmp_path: Path, text: str | bytes, name: str = "x.yml", rtype: str = "events"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return load_file(path, rtype)


def value_of(tmp_path: Path, yaml_value: str):
    rec, errors = load(tmp_path, f"value: {yaml_value}\n")
    assert errors == [] and rec is not None, errors
    return rec.data["value"]


# ---------------------------------------------------------------------------
# Scalars: YAML 1.1 surprises stay text; only blank / null words become None.

SCALARS = [
    ("no", "no"),
    ("No", "No"),
    ("yes", "yes"),
    ("on", "on"),
    ("off", "off"),
    ("y", "y"),
    ("true", "true"),
    ("False", "False"),
    ("1e3", "1e3"),
    ("0x10", "0x10"),
    ("0o17", "0o17"),
    ("017", "017"),
    ("1_000", "1_000"),
    ("12:30", "12:30"),
    ("+1", "+1"),
    ("1.0", "1.0"),
    (".inf", ".inf"),
    (".nan", ".nan"),
    ("1989", "1989"),
    ("2010-06-01", "2010-06-01"),
    ("2010-06-01T10:00:00Z", "2010-06-01T10:00:00Z"),
    ("2010-06", "2010-06"),
    ("=", "="),
    ("<<", "<<"),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("", None),
    ("   ", None),
    ("'null'", "null"),
    ('"~"', "~"),
    ("''", ""),
    ('""', ""),
    ("'no'", "no"),
    ('"0x10"', "0x10"),
    ('"  spaced  "', "  spaced  "),
    ("'it''s'", "it's"),
    ('"tab\\there"', "tab\there"),
    ("plain text with spaces", "plain text with spaces"),
    ("text # with a comment", "text"),
    ("café ☕ 東京", "café ☕ 東京"),
    ("[a, 'b', no, ~]", ["a", "b", "no", None]),
    ("[]", []),
    ("{}", {}),
    ("{a: 1, b: no}", {"a": "1", "b": "no"}),
]


@pytest.mark.parametrize(("yaml_value", "expected"), SCALARS)
def test_scalar_values(tmp_path, yaml_value, expected):
    assert value_of(tmp_path, yaml_value) == expected


BLOCKS = [
    ("value: >-\n  folded\n  text\n", "folded text"),
    ("value: >\n  folded\n  text\n", "folded text\n"),
    ("value: |-\n  line one\n  line two\n", "line one\nline two"),
    ("value: |\n  kept\n\n", "kept\n"),
    ("value: |+\n  kept\n\n", "kept\n\n"),
    ("value:\n  plain\n  continued\n", "plain continued"),
    ("value: 'single\n  quoted'\n", "single quoted"),
]


@pytest.mark.parametrize(("text", "expected"), BLOCKS)
def test_block_scalars(tmp_path, text, expected):
    rec, errors = load(tmp_path, text)
    assert errors == []
    assert rec.data["value"] == expected


# ---------------------------------------------------------------------------
# Line numbers: every key, list item and nested value keeps the line it is on.

NESTED = """\
# yaml-language-server: $schema=../schemas/events.schema.json
id: x
name: >-
  folded
  text
sources:
  - document: d
    section: s

  - document: e
    note: |-
      two
      lines
    section: t
nested:
  deeper:
    - - a
      - b
    -
      c
empty:
flow: [one, two,
  three]
"""

LINES = [
    (("id",), 2),
    (("name",), 3),
    (("sources",), 6),
    (("sources", 0), 7),
    (("sources", 0, "document"), 7),
    (("sources", 0, "section"), 8),
    (("sources", 1), 10),
    (("sources", 1, "note"), 11),
    (("sources", 1, "section"), 14),
    (("nested",), 15),
    (("nested", "deeper"), 16),
    (("nested", "deeper", 0), 17),
    (("nested", "deeper", 0, 0), 17),
    (("nested", "deeper", 0, 1), 18),
    (("nested", "deeper", 1), 20),
    (("empty",), 21),
    (("flow", 2), 23),
    # unknown parts fall back to the deepest known part, then to the record's first line
    (("sources", 1, "missing"), 10),
    (("sources", 5, "document"), 6),
    (("missing",), 2),
    ((), 2),
]


@pytest.mark.parametrize(("loc", "line"), LINES)
def test_line_numbers(tmp_path, loc, line):
    rec, errors = load(tmp_path, NESTED)
    assert errors == []
    assert rec.line_of(loc) == line


def test_nested_values(tmp_path):
    rec, _ = load(tmp_path, NESTED)
    assert rec.data["sources"][1] == {"document": "e", "note": "two\nlines", "section": "t"}
    assert rec.data["nested"] == {"deeper": [["a", "b"], "c"]}
    assert rec.data["empty"] is None
    assert rec.data["flow"] == ["one", "two", "three"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_endings_and_bom(tmp_path, newline):
    text = "\ufeff" + newline.join(["# comment", "id: x", "name: y", ""])
    rec, errors = load(tmp_path, text)
    assert errors == []
    assert rec.data == {"id": "x", "name": "y"}
    assert rec.line_of(("name",)) == 3


# ---------------------------------------------------------------------------
# Markdown news: front matter fields plus the body, with the body's line.


def test_markdown_news(tmp_path):
    text = "---\nid: n\nname: N\n---\n\nFirst paragraph.\n\nSecond.\n"
    rec, errors = load(tmp_path, text, "n.md", "news")
    assert errors == []
    assert rec.data == {"id": "n", "name": "N", "body": "First paragraph.\n\nSecond."}
    assert rec.line_of(("name",)) == 3
    assert rec.line_of(("body",)) == 5


def test_markdown_news_body_in_front_matter(tmp_path):
    rec, errors = load(tmp_path, "---\nid: n\nbody: x\n---\nText\n", "n.md", "news")
    assert [(e.line, e.field) for e in errors] == [(3, "body")]


# ---------------------------------------------------------------------------
# Refusals: (file content, line, start of the message).

REFUSED = [
    ("", 1, "the file is empty"),
    ("\n\n   \n", 1, "the file is empty"),
    ("# only\n# comments\n", 1, "the file has only comments"),
    ("---\n", 1, "the file holds no fields"),
    ("---\n...\n", 1, "the file holds no fields"),
    ("~\n", 1, "the file holds no fields"),
    ("- a\n- b\n", 1, "the file should be a set of 'field: value' lines, not a list"),
    ("just text\n", 1, "the file should be a set of 'field: value' lines, not a single value"),
    ("id: x\nid: y\n", 2, "the field 'id' appears twice (first at line 1)"),
    ("a: &x 1\nb: *x\n", 1, "uses a YAML anchor (&x)"),
    ("b: *x\n", 1, "uses a YAML alias (*x)"),
    ("a: !!python/object/apply:os.system [ls]\n", 1, "uses the YAML tag '!!python/object/apply:os.system'"),
    ("a: !!binary aGVsbG8=\n", 1, "uses the YAML tag '!!binary'"),
    ("a: !!str 1\n", None, None),  # the standard text tag is harmless
    ("a: !mine x\n", 1, "uses the YAML tag '!mine'"),
    ("id: x\n\tname: y\n", 2, "is indented with a tab"),
    ("a:\n  - b\n  -\tc\n", 3, "is indented with a tab"),
    ("a: b\n---\nc: d\n", 2, "holds more than one document"),
    ("a: \"open\nb: c\n", 1, "YAML syntax error: the quote opened on this line is never closed"),
    ("a: [b, c\nd: e\n", 1, "YAML syntax error: the list opened with '[' on this line is not closed with ']'"),
    ("a: {b: c\n", 1, "YAML syntax error: the '{' on this line is not closed with '}'"),
    ("a: b\nc d\ne: f\n", 2, "YAML syntax error: this line is missing the ':'"),
    ("a: b: c\n", 1, "YAML syntax error: a value contains ': '"),
    ("a: b\n  c: d\n", 2, "YAML syntax error: this line is indented further"),
    ("a: `b`\n", 1, "YAML syntax error: a value cannot start with '`'"),
    ("a: \"x\" y\n", 1, "YAML syntax error: there is text after a closing quote or bracket"),
    ("a: \"C:\\path\"\n", 1, "YAML syntax error: a backslash"),
    ("a: ok\nb: \u202egnirts\n", 2, "contains an invisible text-direction character U+202E"),
    ("a: \u2066x\u2069\n", 1, "contains an invisible text-direction character U+2066"),
    ("a: ok\nb: x\x00y\n", 2, "contains a NUL character"),
    (b"a: ok\nb: caf\xe9\n", 2, "is not UTF-8 text (byte 0xe9)"),
    (b"\xff\xfea\x00:\x00", 1, "is not UTF-8 text (byte 0xff)"),
    ("a: [b, , c]\n", 1, "YAML syntax error: a list has an empty item between two commas"),
    ("a: ]\n", 1, "YAML syntax error: a value cannot start with ']'"),
    ("a: - b\n", 1, "YAML syntax error: a '- ' list item must go on its own line"),
    ("a: b\n...\nc: d\n", 3, "YAML syntax error: the record goes on after a '...' line"),
    ("%YAML 1.1\na: b\n", 2, "YAML syntax error: the record goes on after a '...' line, or the file starts with a '%'"),
    ("a: >- text\n", 1, "YAML syntax error: after '|' or '>'"),
    ("a: |x\n", 1, "YAML syntax error: after '|' or '>'"),
    ("a: * b\n", 1, "YAML syntax error: a value starting with '*' or '&' must be put in quotes"),
    ("a: ok\nb: x\x1fy\n", 2, "contains the invisible control character U+001F"),
    ("a: ok\r\nb: \x0c\n", 2, "contains the invisible control character U+000C"),
    ("a: \x7f\n", 1, "contains the invisible control character U+007F"),
    ("[a, b]: c\n", 1, "a field name must be plain text"),
    ("a: " + "[" * 30 + "]" * 30 + "\n", 1, "is nested more than 24 levels deep"),
]


@pytest.mark.parametrize(("text", "line", "message"), REFUSED)
def test_refused(tmp_path, text, line, message):
    rec, errors = load(tmp_path, text)
    if message is None:
        assert errors == []
        return
    assert len(errors) == 1, errors
    assert errors[0].line == line
    assert errors[0].message.startswith(message), errors[0].message
    assert "\n" not in errors[0].message


def test_nesting_at_the_limit_is_fine(tmp_path):
    from ctwg.data import constants

    rec, errors = load(tmp_path, "a: " + "[" * (constants.MAX_DEPTH - 1) + "]" * (constants.MAX_DEPTH - 1) + "\n")
    assert errors == []


# ---------------------------------------------------------------------------
# Finding files.


def test_iter_data_files_skips_what_is_not_data(tmp_path):
    data = tmp_path / "data"
    for rel in ["events/a.yml", "events/.a.yml.swp", "events/sub/b.yml", "news/c.md", "schemas/events.schema.json",
                "README.md", ".git/x", "templates/events.yml"]:
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text("id: x\n", encoding="utf-8")
    files, errors = iter_data_files(data)
    assert errors == []
    assert [(p.relative_to(data).as_posix(), t) for p, t in files] == [
        ("events/a.yml", "events"), ("events/sub/b.yml", "events"), ("news/c.md", "news")]


def test_hidden_record_file_is_named_not_skipped(tmp_path):
    """A record file whose name starts with '.' would never be published: it is refused, by name.
    Other hidden files (an editor's backup or lock file) are skipped."""
    (tmp_path / "events").mkdir()
    (tmp_path / "events/.old-event.yml").write_text("id: old-event\n", encoding="utf-8")
    (tmp_path / "events/.#lock.yml").symlink_to("nowhere")  # an editor's lock file: a dangling link
    files, errors = iter_data_files(tmp_path)
    assert files == []
    assert [(e.path.rsplit("/", 1)[-1], e.message) for e in errors] == [
        (".old-event.yml", "the file name starts with '.', so the file is hidden and would be skipped; "
                           "rename it to old-event.yml (or delete it)")]


def test_missing_data_folder(tmp_path):
    records, errors = load_tree(tmp_path / "nope")
    assert records == [] and len(errors) == 1
    assert errors[0].message == "the data folder does not exist"


def test_unreadable_file_still_names_its_record(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events/broken.yml").write_text("id: [\n", encoding="utf-8")
    records, errors = load_tree(tmp_path)
    assert len(errors) == 1
    assert [(r.stem, r.loaded, r.data) for r in records] == [("broken", False, {})]
