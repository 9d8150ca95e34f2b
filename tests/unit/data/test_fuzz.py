"""Property tests: whatever is in a data file, the pipeline answers with a Catalog or with
DataErrors that point somewhere (path, line >= 1, a one-line message), and rendering a
record page never lets data become HTML, script or template code.

Runs `ctwg.catalog.build_catalog` in-process on a copy of tests/fixtures/mini/ with one
file rewritten per example. The twelve mini files never change, so their loading is
memoised (same path and same bytes -> same result); the fuzzed file always goes through
the real loader.
"""

from __future__ import annotations

import copy
import html
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import ctwg.data.loader as loader
from ctwg.data import constants
from ctwg.data.catalog import Catalog, build_catalog
from ctwg.data.models import MODELS, GoalRecord, PlanRecord, StrandRecord
from ctwg.errors import DataError, DataErrors
from helpers import MINI as MINI_ROOT  # noqa: E402

MINI = MINI_ROOT / "data"
MD_EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "sane_lists", "admonition"]


# ---------------------------------------------------------------------------
# A scratch copy of mini, and memoised loading of its unchanged files.

_real_load_file = loader.load_file
_memo: dict[tuple[str, str], tuple[bytes, Any, list[DataError]]] = {}


def _memo_load_file(path: Path, rtype: str):
    """load_file, remembered for files whose bytes are still those of mini."""
    try:
        content = path.read_bytes() if path.stat().st_size <= constants.MAX_FILE_BYTES else None
    except OSError:
        content = None
    key = (str(path), rtype)
    if content is not None and key in _memo and _memo[key][0] == content:
        _, rec, errors = _memo[key]
        return rec, list(errors)  # nothing downstream changes a RawRecord, so sharing it is safe
    rec, errors = _real_load_file(path, rtype)
    if content is not None and path.stem != "fuzz" and content == _MINI_BYTES.get(path.relative_to(path.parents[1]).as_posix()):
        _memo[key] = (content, rec, errors)
    return rec, errors


_MINI_BYTES = {p.relative_to(MINI).as_posix(): p.read_bytes() for p in MINI.rglob("*.yml")}


@pytest.fixture(scope="module")
def scratch():
    """A copy of mini; each example writes its file, checks, and puts mini back."""
    root = Path(tempfile.mkdtemp(prefix="ctwg-fuzz-"))
    shutil.copytree(MINI, root / "data")
    mp = pytest.MonkeyPatch()
    mp.setattr(loader, "load_file", _memo_load_file)
    yield root / "data"
    mp.undo()
    shutil.rmtree(root, ignore_errors=True)


def check_outcome(data_dir: Path, **kwargs) -> Catalog | DataErrors:
    """The only allowed outcomes: a Catalog, or DataErrors that all point somewhere."""
    try:
        return build_catalog(data_dir, **kwargs)
    except DataErrors as exc:
        assert exc.errors, "DataErrors without errors"
        for e in exc.errors:
            assert isinstance(e, DataError)
            assert isinstance(e.path, str) and e.path
            assert isinstance(e.line, int) and not isinstance(e.line, bool) and e.line >= 1, e
            assert isinstance(e.message, str) and e.message.strip(), e
            assert isinstance(e.field, str)
            assert "\n" not in str(e) and "\r" not in str(e), repr(str(e))
        report = exc.report(github=True)
        assert "Traceback" not in report
        return exc


# ---------------------------------------------------------------------------
# (a) YAML-ish text


def _all_fields() -> list[str]:
    names: set[str] = set()
    todo = [m for m in MODELS.values() if isinstance(m, type)] + [PlanRecord, StrandRecord, GoalRecord]
    seen = set()
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        names.update(m.model_fields)
        for info in m.model_fields.values():
            for arg in re.findall(r"\b([A-Z]\w+)\b", str(info.annotation)):
                from ctwg.data import models

                cls = getattr(models, arg, None)
                if isinstance(cls, type) and hasattr(cls, "model_fields"):
                    todo.append(cls)
    return sorted(names)


FIELDS = _all_fields()
IDS = ["ctwg", "cted", "japan", "soft-targets", "star-conference", "tokyo-workshop-2018", "tokyo-knowledge-sharing",
       "work-plan-2010", "work-plan", "strand-outreach", "goal-1", "cted-joins-workshop", "fuzz", "Fuzz", "сtwg"]
WORDS = ["no", "yes", "on", "off", "true", "false", "~", "null", "1e3", "0x10", "017", "1989", "2018-04-24",
         "2018-02-30", "2018/04/24", "April 2018", "2010", "2010-06", "-1", ".inf", "https://example.org/x",
         "javascript:alert(1)", "978-0-306-40615-7", "workshop", "goal", "plan", "strand", "un-body", "public", "",
         # Unicode digits (full-width, Arabic-Indic, Devanagari, mixed): dates and numbers take 0-9 only
         "２０１８-０４-２４", "٢٠١٨-٠٤-٢٤", "२०१०", "2018-04-2６", "１", "١٩٨٩", "99999", "1850", "2218-01-01",
         # escape codes that decode to invisible or impossible characters, and values a comment cuts
         '"\\u202E x"', '"\\0"', '"\\e"', '"\\a"', '"\\u200B"', '"\\uD800"', '"\\x85"', '"ok\\ttab"',
         "Paragraph #1 and #2", "x # comment", "'quoted #1'", "[a](../../partners/cted/)", "[b](https://e.org/a_(b)"]
SYNTAX = [":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "&a", "!tag ", "!!python/object/apply:os.system ",
          "!!str ", "!!int ", "|", "|-", ">", ">-", '"', "'", "#", "---", "...", "%YAML 1.1", "? ", " \t", "  ", "\\",
          "<<: *a", "@", "`", "%", "\u202e", "\ufeff", "\x00", "\x85", "\u2028", "\r", "\r\n", "é", "東京", "\U0001f600",
          " #", " # c", "\\u202E", "\\0", "\\e", "\\a", "\\u200B", "\\uD800", "\\x07", "２", "٣", "\u00a0", "\u3000", "：",
          "<<<<<<< HEAD", "=======", ">>>>>>> b", "\u200b"]

scalar_text = st.one_of(
    st.sampled_from(IDS + WORDS),
    st.text(max_size=20),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
key_text = st.one_of(st.sampled_from(FIELDS), st.sampled_from(FIELDS).map(lambda k: k[:-1] + "x"), st.text(max_size=8))
fragment = st.one_of(st.sampled_from(SYNTAX), scalar_text, key_text)


@st.composite
def yaml_line(draw) -> str:
    indent = draw(st.sampled_from(["", "", "", "  ", "  ", "    ", "    ", "      ", " ", "     ", "\t"]))
    shape = draw(st.integers(0, 5))
    if shape == 0:  # key: value
        return f"{indent}{draw(key_text)}: {draw(scalar_text)}"
    if shape == 1:  # key: (a block follows)
        return f"{indent}{draw(key_text)}:"
    if shape == 2:  # list item
        return f"{indent}- {draw(scalar_text)}"
    if shape == 3:  # list item that is a mapping
        return f"{indent}- {draw(key_text)}: {draw(scalar_text)}"
    if shape == 4:  # flow collection
        items = draw(st.lists(scalar_text, max_size=4))
        return f"{indent}{draw(key_text)}: [{', '.join(items)}]"
    return indent + "".join(draw(st.lists(fragment, min_size=1, max_size=6)))


@st.composite
def yaml_file(draw) -> tuple[str, str]:
    rtype = draw(st.sampled_from(sorted(constants.RECORD_TYPES)))
    head = [f"# yaml-language-server: $schema=../schemas/{rtype}.schema.json", "id: fuzz"]
    if draw(st.booleans()):
        head = head[:1]
    lines = draw(st.lists(yaml_line(), max_size=25))
    return rtype, "\n".join(head + lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


_MINI_TEXTS = sorted((rel, data.decode("utf-8")) for rel, data in _MINI_BYTES.items())


@st.composite
def edited_mini_file(draw) -> tuple[str, str]:
    """A real mini record with a few lines inserted, replaced, deleted, re-indented or cut."""
    rel, text = draw(st.sampled_from(_MINI_TEXTS))
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "splice", "indent", "dedent", "duplicate"]))
        if action == "insert" or not lines or i == len(lines):
            lines.insert(i, draw(yaml_line()))
        elif action == "replace":
            lines[i] = draw(yaml_line())
        elif action == "delete":
            del lines[i]
        elif action == "splice":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(fragment) + lines[i][at + draw(st.integers(0, 3)):]
        elif action == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "    "])) + lines[i]
        elif action == "dedent":
            lines[i] = lines[i].lstrip(" ")
        else:
            lines.insert(i, lines[i])
    return rel, "\n".join(lines) + "\n"


def _write_fuzz(data_dir: Path, rtype: str, content: str | bytes, suffix: str = ".yml") -> Path:
    folder = data_dir / rtype
    path = folder / f"fuzz{suffix}"
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    return path


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=st.one_of(yaml_file(), edited_mini_file()))
@example(doc=("events", "id: fuzz\nname: [" + "[" * 50))
@example(doc=("workplan", "id: fuzz\nkind: [goal]\n"))
@example(doc=("news", "id: fuzz\n'a\\nb': x\n\"c\\nd\": y\n"))
@example(doc=("fora", "id: fuzz\nparent: fuzz\n"))
def test_yamlish_text(scratch, doc):
    where, text = doc
    if "/" in where:  # an edited mini file, rewritten in place
        path = scratch / where
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:  # a new record file of that type
        path = _write_fuzz(scratch, where, text)
    try:
        check_outcome(scratch)
    finally:
        if "/" in where:
            path.write_bytes(_MINI_BYTES[where])
        else:
            path.unlink()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=200), md=st.booleans())
def test_arbitrary_bytes(scratch, body, md):
    path = _write_fuzz(scratch, "news", body, ".md" if md else ".yml")
    try:
        check_outcome(scratch)
    finally:
        path.unlink()


# ---------------------------------------------------------------------------
# (b) Valid records, mutated


def _mini_records() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted(MINI.rglob("*.yml")):
        out.append((path.parent.name, path.name, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return out


MINI_RECORDS = _mini_records()
odd_values = st.one_of(
    st.none(),
    st.text(max_size=15),
    st.sampled_from(IDS + WORDS),
    st.integers(-5, 3000),
    st.booleans(),
    st.lists(st.sampled_from(IDS + WORDS), max_size=3),
    st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(IDS + WORDS), max_size=3),
    st.just([[["deep"]]]),
)


def _paths(value: Any, here: tuple = ()) -> list[tuple]:
    out = [here] if here else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, here + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, here + (i,))
    return out


@st.composite
def mutated(draw) -> tuple[str, str, dict]:
    rtype, name, data = draw(st.sampled_from(MINI_RECORDS))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        if not paths:
            break
        where = draw(st.sampled_from(paths))
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        last = where[-1]
        action = draw(st.sampled_from(["remove", "replace", "replace", "add", "rename"]))
        if action == "remove":
            del parent[last]
        elif action == "replace":
            parent[last] = copy.deepcopy(draw(odd_values))
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(FIELDS + ["extra", "Name", "id "]))] = copy.deepcopy(draw(odd_values))
        elif action == "add" and isinstance(parent, list):
            parent.append(copy.deepcopy(draw(odd_values)))
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(FIELDS))] = parent.pop(last)
    return rtype, name, data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated(), public=st.booleans())
def test_mutated_records(scratch, case, public):
    rtype, name, data = case
    path = scratch / rtype / name
    original = path.read_bytes()
    text = f"# yaml-language-server: $schema=../schemas/{rtype}.schema.json\n"
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if isinstance(data, dict) else ""
    path.write_text(text, encoding="utf-8")
    try:
        check_outcome(scratch, public=public)
    finally:
        path.write_bytes(original)


# ---------------------------------------------------------------------------
# (c) Rendering a record page: data text never becomes HTML, script or template code


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


_SAFE_TAGS = {"h1", "h2", "h3", "h4", "p", "a", "em", "strong", "ul", "ol", "li", "code", "pre", "blockquote", "br",
              "table", "thead", "tbody", "tr", "th", "td", "hr", "div", "span", "details", "summary",
              "nav", "dl", "dt", "dd"}  # the page's own breadcrumbs and facts list

HOSTILE = ["<script>alert(1)</script>", "<SCRIPT SRC=//x.js>", "<img src=x onerror=alert(1)>", "{{ x }}", "{{",
           "{% if %}", "{# c #}", "[link](javascript:alert(1))", "![i](x.png)", "**bold**", "_em_", "`code`",
           "# heading", "| a | b |", "<!-- c -->", "&amp;", "&lt;", "\"quotes\"", "'single'", "\\", "*", "[x]: /y",
           "{: .cls onclick=alert(1) }", "<div markdown>", "!!! note", "---", "<https://example.org>", "é 東京 😀",
           "> quote", "1. item", "    indented code", "<svg onload=alert(1)>", "javascript:alert(1)"]
# Text a contributor could type: no control characters, no invisible direction marks (the loader refuses those).
_typed = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"),
                       exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff")
page_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(_typed, max_size=12)), min_size=1, max_size=5).map(
    "".join).filter(lambda s: s.strip() and len(s) < 500)


def _front_matter(page: str) -> tuple[dict, str]:
    assert page.startswith("---\n")
    end = page.index("\n---\n", 4)
    return yaml.safe_load(page[4:end]), page[end + 5:]


def _visible_text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=page_text, summary=page_text, city=page_text, topic=page_text, section=page_text, note=page_text,
       body=page_text)
@example(name="<script>alert(1)</script>", summary="{{ config }} <script>x</script>", city="{% if x %}",
         topic="[a](javascript:alert(1))", section="**b**", note="{: onclick=alert(1) }", body="<b>{{ x }}</b>")
def test_record_page_is_inert(scratch, name, summary, city, topic, section, note, body):
    from ctwg.site.context import SiteContext
    from ctwg.site.pages.records import record_page

    event = scratch / "events" / "tokyo-workshop-2018.yml"
    news = scratch / "news" / "cted-joins-workshop.yml"
    originals = {event: event.read_bytes(), news: news.read_bytes()}
    ev = yaml.safe_load(originals[event])
    ev.update(name=name, short_name=city, summary=summary, city=city, topics=[topic, name],
              participants_note=note, date_note=note,
              sources=[{"document": "work-plan-2010", "section": section, "note": note}])
    nw = yaml.safe_load(originals[news])
    nw.update(name=name, summary=summary, body=body)
    try:
        for path, data in ((event, ev), (news, nw)):
            path.write_text("# yaml-language-server: $schema=../schemas/x.schema.json\n"
                            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = check_outcome(scratch)
        assume(isinstance(result, Catalog))  # e.g. a name longer than allowed: the corpus covers those
        ctx = SiteContext(result)
        for rid in ("tokyo-workshop-2018", "cted-joins-workshop"):
            entry = result.get(rid)
            page = record_page(ctx, entry)
            meta, body_md = _front_matter(page)
            assert meta["render_macros"] is False  # the macros plugin never renders the page as a template
            # data braces never reach Markdown text as template syntax (raw HTML blocks may hold them escaped)
            for line in body_md.splitlines():
                if not line.lstrip().startswith("<"):
                    assert "{{" not in line and "{%" not in line and "{#" not in line, line
            out = markdown.markdown(body_md, extensions=MD_EXTENSIONS)
            parser = _Tags()
            parser.feed(out)
            for tag, attrs in parser.tags:
                assert tag in _SAFE_TAGS, (tag, attrs)
                for attr, value in attrs.items():
                    assert not attr.startswith("on"), (tag, attrs)
                    assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), attrs
            assert "<script" not in out.lower()
            # plain-text fields come out exactly as typed (HTML-escaped in the source)
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", out, re.S)
            assert h1 is not None, out[:500]
            shown = _visible_text(re.sub(r'<a class="headerlink".*?</a>', "", h1.group(1)))
            assert shown.startswith(" ".join(name.split())), (shown, name)
            if rid == "tokyo-workshop-2018":
                text = _visible_text(out)
                for value in (city, topic, section, note):
                    assert " ".join(value.split()) in text, value
    finally:
        for path, content in originals.items():
            path.write_bytes(content)


# ---------------------------------------------------------------------------
# (d) What YAML decodes or drops: Unicode digits, escape codes, same-line comments (issue 15)

# Digit families other than 0-9 that str.isdigit() (and `\d`) accept: full-width, Arabic-Indic,
# extended Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold.
_DIGIT_ZEROS = [0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE]


def _rewrite(scratch: Path, rel: str, old: str, new: str) -> Path:
    path = scratch / rel
    text = _MINI_BYTES[rel].decode("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zero=st.sampled_from(_DIGIT_ZEROS), mask=st.lists(st.booleans(), min_size=8, max_size=8).filter(any),
       field=st.sampled_from(["date", "end", "reviewed"]))
def test_unicode_digits_never_pass_as_a_date(scratch, zero, mask, field):
    value = {"date": "2018-04-24", "end": "2018-04-25", "reviewed": "2026-11-22"}[field]
    digits = iter(mask)
    odd = "".join(chr(zero + int(c)) if c.isdigit() and next(digits) else c for c in value)
    rel = "events/tokyo-workshop-2018.yml"
    path = _rewrite(scratch, rel, f"{field}: {value}", f"{field}: {odd}")
    try:
        result = check_outcome(scratch)
        assert isinstance(result, DataErrors)
        messages = [e.message for e in result.errors if e.field == field]
        assert messages and all("write the digits 0-9 instead" in m for m in messages), result.report()
    finally:
        path.write_bytes(_MINI_BYTES[rel])


_REFUSED = ["\\0", "\\a", "\\e", "\\b", "\\x85", "\\x1b", "\\u202E", "\\u2066", "\\u200B", "\\u2060", "\\uFEFF",
            "\\uD800", "\\uDFFF", "\\x7f"]
_DECODED_OK = {"\\u00e9": "é", "\\u6771": "東", "\\U0001F600": "😀", "\\t": "\t", "\\\"": "\"", "\\\\": "\\",
               "\\u200D": "\u200d"}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(code=st.sampled_from(_REFUSED + sorted(_DECODED_OK)), before=st.text("abc XYZ", max_size=5),
       field=st.sampled_from(["name", "city", "section"]))
def test_escape_codes_are_checked_once_decoded(scratch, code, before, field):
    rel = "events/tokyo-workshop-2018.yml"
    old = {"name": "name: Workshop on protecting soft targets", "city": "city: Tokyo",
           "section": "    section: Events"}[field]
    key = old.split(":")[0]
    text = f"Tokyo {before}{code}x"
    path = _rewrite(scratch, rel, old, f'{key}: "{text}"')
    try:
        result = check_outcome(scratch)
        if code in _REFUSED:
            assert isinstance(result, DataErrors), code
            assert any("escape code" in e.message for e in result.errors), result.report()
        else:
            assert isinstance(result, Catalog), result.report() if isinstance(result, DataErrors) else ""
            model = result.get("tokyo-workshop-2018").model
            got = model.sources[0].section if field == "section" else getattr(model, field)
            assert got == f"Tokyo {before}{_DECODED_OK[code]}x"
    finally:
        path.write_bytes(_MINI_BYTES[rel])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=st.text("abcXYZ ", min_size=1, max_size=8).map(str.strip).filter(bool),
       tail=st.text("abc12 #", max_size=8), quote=st.sampled_from(["", "'", '"']),
       field=st.sampled_from(["city", "section", "topic"]))
def test_a_comment_never_cuts_text_silently(scratch, head, tail, quote, field):
    """`x #y` in a text field is refused; quoted, it reaches the record exactly as typed."""
    rel = "events/tokyo-workshop-2018.yml"
    old = {"city": "city: Tokyo", "section": "    section: Events", "topic": "  - Threats to public spaces"}[field]
    lead = old[: len(old) - len(old.lstrip())] + ("- " if field == "topic" else f"{old.strip().split(':')[0]}: ")
    lead = lead.replace("  - - ", "  - ")
    value = f"{head} #{tail}"
    path = _rewrite(scratch, rel, old, f"{lead}{quote}{value}{quote}")
    try:
        result = check_outcome(scratch)
        if not quote:
            assert isinstance(result, DataErrors)
            assert any("put the whole value in quotes" in e.message for e in result.errors), result.report()
        else:
            assert isinstance(result, Catalog), result.report() if isinstance(result, DataErrors) else ""
            m = result.get("tokyo-workshop-2018").model
            got = {"city": m.city, "section": m.sources[0].section, "topic": m.topics[0]}[field]
            assert got == value
    finally:
        path.write_bytes(_MINI_BYTES[rel])


def test_a_comment_after_a_choice_or_date_is_only_a_comment(scratch):
    rel = "events/tokyo-workshop-2018.yml"
    path = _rewrite(scratch, rel, "kind: workshop", "kind: workshop  # as the news item calls it")
    try:
        result = check_outcome(scratch)
        assert isinstance(result, Catalog), result.report() if isinstance(result, DataErrors) else ""
        assert result.get("tokyo-workshop-2018").model.kind == "workshop"
    finally:
        path.write_bytes(_MINI_BYTES[rel])
