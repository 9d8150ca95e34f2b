"""`python -m ctwg new TYPE`: start a new record file from its essentials.

In: the record type, answers (asked in a terminal, or given as options) and the data
folder. Out: one new file, data/<type>/<id>.yml (news: data/news/<id>.md, fields as front
matter and the story below), that validates against the whole catalog. Nothing else is
touched.

- Asks for the essential fields only: the required ones and the obvious ones for the
  type (an event: kind, date, end, city, economy, organisers, issue areas), showing the
  allowed values and checking every id against the data; a bad answer is asked again.
- Without a terminal (or with --no-input) the answers come from options; anything
  required that is missing or wrong is one plain line on stderr and exit status 2.
- The id is made from the name (events get their year: jakarta-port-security-workshop-
  2027); an id already used by any record is refused.
- No placeholders: every source must name an existing document. Optional fields the user
  did not fill in are written as commented-out lines with their description.
- `reviewed:` is today's date. The file is checked with the full catalog (drafts
  included) before the next steps are printed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import DATA_DIR
from . import constants as C
from .errors import DataErrors, suggest
from .loader import RawRecord, display_path, load_tree
from .models import Ref
from .templates import FieldSpec, _value_lines, check_value, field_specs, model_for, ordered

Ask = Callable[[str], str]
_HTML = re.compile(r"</?[A-Za-z][^>]*>|<!--")

# The questions for each type (workplan: each kind), in the order asked. Required fields the
# model adds later are asked too; id, reviewed and sources are handled separately.
ESSENTIAL: dict[str, tuple[str, ...]] = {
    "events": ("name", "kind", "date", "end", "city", "economy", "organisers", "issue_areas", "summary"),
    "fora": ("name", "short_name", "kind", "parent", "established", "issue_areas", "summary"),
    "partners": ("name", "short_name", "kind", "parent", "issue_areas", "url", "summary"),
    "economies": ("name", "joined", "url", "summary"),
    "issue_areas": ("name", "lead_fora", "summary"),
    "initiatives": ("name", "short_name", "kind", "status", "lead", "start", "issue_areas", "summary"),
    "outcomes": ("name", "kind", "produced_by", "goal", "status", "issue_areas", "summary"),
    "documents": ("name", "short_name", "kind", "date", "issuers", "access", "url", "summary"),
    "workplan-plan": ("name", "period_start", "period_end", "document", "mission", "summary"),
    "workplan-strand": ("name", "number", "commitments", "summary"),
    "workplan-goal": ("name", "number", "priorities", "actions", "timeframe_start", "timeframe_end",
                      "cooperating_parties", "issue_areas", "summary"),
    "news": ("name", "date", "summary", "body", "issue_areas", "related"),
}

AUTO = ("id", "reviewed", "sources", "draft", "publish_date")

# Option names for list fields read better in the singular (--organiser x --organiser y).
SINGULAR = {
    "organisers": ("--organiser", "--organizer"),
    "issue_areas": ("--issue-area",),
    "lead_fora": ("--lead-forum",),
    "issuers": ("--issuer",),
    "mission": ("--mission-point",),
    "actions": ("--action",),
    "priorities": ("--priority",),
    "cooperating_parties": ("--cooperating-party",),
}

TYPE_ALIASES = {
    "event": "events", "forum": "fora", "forums": "fora", "partner": "partners", "economy": "economies",
    "issue-area": "issue_areas", "issue-areas": "issue_areas", "issue_area": "issue_areas",
    "initiative": "initiatives", "outcome": "outcomes", "document": "documents", "work-plan": "workplan",
    "goal": "workplan", "strand": "workplan", "plan": "workplan",
}


class Stop(Exception):
    """Stop with a message and an exit status (nothing written unless said)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------------------
# Ids


def slugify(text: str, limit: int = 60) -> str:
    """'Jakarta Port-Security Workshop (2nd)' -> 'jakarta-port-security-workshop-2nd'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "").replace("\u2019", "")).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def make_id(rtype: str, kind: str | None, values: dict[str, Any]) -> str:
    if rtype == "workplan" and kind == "goal" and values.get("number"):
        return f"goal-{values['number']}"
    slug = slugify(str(values.get("name") or ""))
    if rtype == "workplan" and kind == "strand" and slug and not slug.startswith("strand-"):
        slug = "strand-" + slug
    date = values.get("date")
    if rtype == "events" and date and slug:
        year = str(date)[:4]
        if not slug.endswith(year):
            slug = f"{slug}-{year}"
    return slug


def check_id(rid: str, known: Known) -> str | None:
    if not re.fullmatch(C.ID_PATTERN, rid) or len(rid) > 80:
        return (f"{rid!r} cannot be an id: use lower-case letters a-z, digits and single hyphens "
                "(at most 80 characters), e.g. jakarta-port-security-workshop-2027")
    if rid in known.records:
        rtype, _, _, path = known.records[rid]
        return (f"the id {rid!r} is already used by {path} ({_a(C.RECORD_TYPES[rtype]['noun'])}); "
                "ids must be unique across all records")
    return None


# ---------------------------------------------------------------------------
# What the data folder holds


@dataclass
class Known:
    """Records in the data folder: id -> (type, kind, name, path). Read raw, so it works while
    other files have problems."""

    records: dict[str, tuple[str, str | None, str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Known:
        raws, _ = load_tree(data_dir)
        out = cls()
        for raw in raws:
            data = raw.data
            rid = data.get("id") if isinstance(data.get("id"), str) else raw.stem
            kind = data.get("kind") if isinstance(data.get("kind"), str) else None
            name = data.get("name") if isinstance(data.get("name"), str) else rid
            for key in {rid, raw.stem}:
                out.records.setdefault(key, (raw.type, kind, " ".join(name.split()), raw.path))
        # files that failed to load still hold their id
        for rtype in C.RECORD_TYPES:
            folder = data_dir / rtype
            if folder.is_dir():
                for f in folder.rglob("*"):
                    if f.suffix in (".yml", ".md") and f.stem not in out.records:
                        out.records[f.stem] = (rtype, None, f.stem, display_path(f))
        return out

    def ids_for(self, ref: Ref) -> list[str]:
        return sorted(rid for rid, (t, k, _, _) in self.records.items()
                      if t in ref.types and (ref.kind is None or k == ref.kind))

    def check_ref(self, ref: Ref, value: str, own_id: str | None = None) -> str | None:
        if own_id and value == own_id:
            return None
        if value not in self.records:
            return f"unknown {ref.describe()} {value!r}{suggest(value, self.ids_for(ref))}"
        rtype, kind, _, _ = self.records[value]
        if rtype not in ref.types:
            noun = C.RECORD_TYPES[rtype]["noun"]
            return f"{value!r} is {_a(noun)}, but this needs {_a(ref.describe())}"
        if ref.kind and kind != ref.kind:
            return f"{value!r} is a work-plan {kind}, but this needs a work-plan {ref.kind}"
        return None

    def listing(self, ref: Ref, with_names: bool = False) -> list[str]:
        """The allowed ids, grouped by type, for showing before a question."""
        lines = []
        for rtype in ref.types:
            ids = [i for i in self.ids_for(Ref((rtype,), ref.kind)) if self.records[i][3].endswith(
                (f"{i}.yml", f"{i}.md"))]
            if not ids:
                continue
            plural = C.RECORD_TYPES[rtype]["plural"] if not ref.kind else f"Work-plan {ref.kind}s"
            if with_names or len(ids) <= 12:
                lines.append(f"  {plural}:")
                width = max(len(i) for i in ids)
                lines += [f"    {i:<{width}}  {self.records[i][2][:70]}" for i in ids]
            else:
                lines += textwrap.wrap(", ".join(ids), width=100, initial_indent=f"  {plural}: ",
                                       subsequent_indent="    ", break_on_hyphens=False)
        return lines


def _a(noun: str) -> str:
    return ("an " if noun[0].lower() in "aeiou" else "a ") + noun


# ---------------------------------------------------------------------------
# Answers -> values


def label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def split_ids(text: str) -> list[str]:
    return [p for p in re.split(r"[\s,;]+", text.strip()) if p]


def parse_answer(spec: FieldSpec, text: str, known: Known, own_id: str | None = None) -> tuple[Any, str | None]:
    """A typed answer -> (value, problem). Lists of ids or choices may be comma-separated."""
    text = text.strip()
    if spec.is_list and (spec.ref is not None or spec.choices):
        items = split_ids(text)
        for i, item in enumerate(items):
            if item in items[:i]:
                return None, f"{item!r} is listed twice"
        for item in items:
            problem = _check_one(spec, item, known, own_id)
            if problem:
                return None, problem
        return items, None
    problem = _check_one(spec, text, known, own_id)
    return (None, problem) if problem else (text, None)


def _check_one(spec: FieldSpec, value: str, known: Known, own_id: str | None = None) -> str | None:
    if spec.choices and value not in spec.choices:
        return f"{value!r} is not allowed{suggest(value, spec.choices)}; use one of: {', '.join(spec.choices)}"
    problem = check_value(spec, value)
    if problem:
        return problem
    if spec.ref is not None:
        return known.check_ref(spec.ref, value, own_id)
    return None


# ---------------------------------------------------------------------------
# Options


def option_names(name: str) -> tuple[str, ...]:
    plain = "--" + name.replace("_", "-")
    return (*SINGULAR.get(name, ()), plain)


def all_asked_fields() -> dict[str, FieldSpec]:
    """Every field some type asks for, by name (the first spec seen; options are shared)."""
    out: dict[str, FieldSpec] = {}
    for key, names in ESSENTIAL.items():
        rtype, _, kind = key.partition("-")
        specs = {s.name: s for s in field_specs(model_for(rtype, kind or None))}
        for n in names:
            if n in specs and n not in out:
                out[n] = specs[n]
    return out


def build_parser() -> argparse.ArgumentParser:
    types = ", ".join(C.RECORD_TYPES)
    p = argparse.ArgumentParser(
        prog="python -m ctwg new",
        description="Start a new record file from its essentials. In a terminal it asks for whatever the "
                    "options leave out; otherwise (or with --no-input) every required value must be given.",
        epilog="Example: python -m ctwg new events --name 'Jakarta Port Security Workshop' --kind workshop "
               "--date 2027-03-09 --end 2027-03-10 --city Jakarta --economy indonesia --organiser ctwg "
               "--issue-area maritime-security --summary '...' --source-document <document id> "
               "--source-section 'Section 2'",
    )
    p.add_argument("type", nargs="?", help=f"record type: {types}")
    p.add_argument("--data", help="data folder (default: data/)")
    p.add_argument("--id", help="the record id (default: made from the name; events get the year)")
    p.add_argument("--draft", action="store_true", help="keep it out of the public site for now (preview only)")
    p.add_argument("--publish-date", help="show it on the public site from this date (YYYY-MM-DD)")
    p.add_argument("--source-document", "--source", action="append", default=[], metavar="ID",
                   help="id of a source document (repeat for more sources)")
    p.add_argument("--source-section", "--section", action="append", default=[], metavar="TEXT",
                   help="the part of that document the facts come from (one per --source-document)")
    p.add_argument("--commitment-title", action="append", default=[], help="work-plan strand: a commitment's title")
    p.add_argument("--commitment-text", action="append", default=[], help="work-plan strand: what it commits to")
    p.add_argument("--body-file", help="news: read the story (Markdown) from this file")
    p.add_argument("--format", choices=("md", "yml"), help="news: Markdown file with front matter (md, the default) "
                   "or plain YAML (yml)")
    p.add_argument("--no-input", action="store_true", help="never ask: fail if something required is missing")
    for name, spec in all_asked_fields().items():
        if name in ("commitments",):
            continue
        if spec.is_list:
            p.add_argument(*option_names(name), dest=name, action="append", metavar="VALUE",
                           help=f"{spec.description} (repeat, or separate ids with commas)")
        else:
            p.add_argument(*option_names(name), dest=name, metavar="VALUE", help=spec.description)
    return p


# ---------------------------------------------------------------------------
# The session


@dataclass
class Session:
    rtype: str
    kind: str | None
    known: Known
    ask: Ask | None  # None: not interactive
    out: Any
    today: _dt.date
    problems: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.rtype}-{self.kind}" if self.kind else self.rtype

    @property
    def specs(self) -> dict[str, FieldSpec]:
        return {s.name: s for s in field_specs(model_for(self.rtype, self.kind))}

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def prompt(self, question: str) -> str:
        assert self.ask is not None
        try:
            return self.ask(question)
        except EOFError:
            raise Stop("Stopped: no more answers. Nothing was written.", 1) from None

    def questions(self) -> list[str]:
        names = list(ESSENTIAL[self.key])
        for s in field_specs(model_for(self.rtype, self.kind)):
            if s.required and s.name not in names and s.name not in AUTO and s.name != "kind":
                names.append(s.name)
            if s.name == "kind" and s.required and self.rtype != "workplan" and "kind" not in names:
                names.insert(1, "kind")
        return names

    # -- one field ---------------------------------------------------------

    def describe(self, spec: FieldSpec) -> None:
        need = "required" if spec.required else "optional: press Enter to skip"
        self.say("")
        self.say(f"{label(spec.name)} ({need}). {spec.description}")
        if spec.choices:
            self.say("  One of: " + ", ".join(spec.choices))
        elif spec.ref is not None and len(spec.ref.types) > 4:
            self.say("  The id of any record: its file name without .yml or .md (e.g. a document or an event).")
        elif spec.ref is not None:
            for line in self.known.listing(spec.ref):
                self.say(line)
            if spec.is_list:
                self.say("  Give one or more ids, separated by commas.")
        elif spec.value in ("date", "partial-date", "url", "number"):
            self.say("  " + spec.hint() + ".")

    def ask_field(self, spec: FieldSpec, given: Any) -> Any:
        """The value of one field: from the options, else asked (interactive) or None."""
        if given not in (None, []):
            value, problem = self.from_option(spec, given)
            if not problem:
                return value
            if self.ask is None:
                self.problems.append(f"{option_names(spec.name)[0]}: {problem}")
                return None
            self.say(f"{option_names(spec.name)[0]}: {problem}")
        if self.ask is None:
            return None
        if spec.nested is not None:
            return self.ask_nested_list(spec)
        self.describe(spec)
        if spec.is_list and spec.ref is None and not spec.choices:
            return self.ask_text_items(spec)
        if spec.name == "body":
            return self.ask_body(spec)
        while True:
            answer = self.prompt(f"{label(spec.name)}: ").strip()
            if not answer:
                if spec.required or (spec.is_list and spec.min_items):
                    self.say("  This one is required.")
                    continue
                return [] if spec.is_list else None
            value, problem = parse_answer(spec, answer, self.known)
            problem = problem or self.cross_check(spec.name, value)
            if problem:
                self.say(f"  {problem}. Try again.")
                continue
            return value

    def cross_check(self, name: str, value: Any) -> str | None:
        """What the model says about this value next to the answers so far (e.g. an end before the start)."""
        trial = {**self.values, name: value}
        if self.kind:
            trial["kind"] = self.kind
        for where, message in validate_values(self.rtype, self.kind, trial):
            if where == name or where.startswith(name + "[") or where.startswith(name + "."):
                if message != "is required but missing":
                    return message
        return None

    def from_option(self, spec: FieldSpec, given: Any) -> tuple[Any, str | None]:
        if spec.is_list and (spec.ref is not None or spec.choices):
            return parse_answer(spec, ",".join(given), self.known)
        if spec.is_list:
            for item in given:
                problem = check_value(spec, item)
                if problem:
                    return None, problem
            return list(given), None
        value, problem = parse_answer(spec, given, self.known)
        return value, problem or self.cross_check(spec.name, value)

    def ask_text_items(self, spec: FieldSpec) -> list[str]:
        items: list[str] = []
        self.say("  One at a time; press Enter on an empty line when done.")
        while True:
            answer = self.prompt(f"{label(spec.name)} {len(items) + 1}: ").strip()
            if not answer:
                if len(items) < spec.min_items:
                    self.say("  At least one is required.")
                    continue
                return items
            problem = check_value(spec, answer)
            if problem:
                self.say(f"  {problem}. Try again.")
                continue
            items.append(answer)

    def ask_body(self, spec: FieldSpec) -> str:
        self.say("  Type or paste the story in Markdown (a blank line between paragraphs).")
        self.say("  End with a line holding only a full stop: .")
        while True:
            lines: list[str] = []
            while True:
                try:
                    line = self.ask("")
                except EOFError:
                    break
                if line.strip() == ".":
                    break
                lines.append(line.rstrip())
            text = "\n".join(lines).strip("\n")
            if text.strip():
                return text
            self.say("  The story is required. Type it, then a line with only a full stop.")

    def ask_nested_list(self, spec: FieldSpec) -> list[dict[str, Any]]:
        """Work-plan strand commitments: title, text and parties, one after another."""
        assert spec.nested is not None
        subs = {s.name: s for s in field_specs(spec.nested)}
        self.say("")
        self.say(f"{label(spec.name)} (required). {spec.description} Enter them one by one; "
                 "press Enter on an empty title when done.")
        items: list[dict[str, Any]] = []
        while True:
            n = len(items) + 1
            item: dict[str, Any] = {}
            for name, sub in subs.items():
                while True:
                    extra = " (Enter when done)" if name == next(iter(subs)) and items else ""
                    answer = self.prompt(f"{label(spec.name)[:-1] if spec.name.endswith('s') else label(spec.name)}"
                                         f" {n}, {name}{extra}: ").strip()
                    if not answer:
                        if name == next(iter(subs)) and items:
                            return items
                        if sub.required:
                            self.say("  This one is required.")
                            continue
                        break
                    value, problem = parse_answer(sub, answer, self.known)
                    if problem:
                        self.say(f"  {problem}. Try again.")
                        continue
                    item[name] = value
                    break
            items.append(item)

    # -- sources -----------------------------------------------------------

    def sources(self, docs: list[str], sections: list[str], own_id: str | None) -> list[dict[str, str]]:
        src_spec = {s.name: s for s in field_specs(_source_model())}
        doc_spec = src_spec["document"]
        out: list[dict[str, str]] = []
        if len(docs) != len(sections):
            self.problems.append(f"--source-document and --source-section come in pairs: {len(docs)} "
                                 f"document(s) but {len(sections)} section(s)")
            docs, sections = docs[: min(len(docs), len(sections))], sections[: min(len(docs), len(sections))]
        for doc, section in zip(docs, sections, strict=True):
            problem = _check_one(doc_spec, doc, self.known, own_id) or check_value(src_spec["section"], section)
            if problem:
                if self.ask is None:
                    self.problems.append(f"--source-document: {problem}")
                else:
                    self.say(f"--source-document: {problem}")
                continue
            out.append({"document": doc, "section": section})
        if self.ask is None or (out and not self.problems):
            return out
        self.say("")
        self.say("Sources (required). Every fact must come from a document. Give the id of the document and "
                 "the part of it (section, paragraph, table row) the facts come from.")
        self.say("If the document is not listed, add it first: make new TYPE=documents")
        for line in self.known.listing(doc_spec.ref, with_names=True):
            self.say(line)
        if self.rtype == "documents" and own_id:
            self.say(f"  (A document may cite itself: {own_id})")
        while True:
            n = len(out) + 1
            doc = self.prompt(f"Source {n}, document id{' (Enter when done)' if out else ''}: ").strip()
            if not doc:
                if out:
                    return out
                self.say("  At least one source is required.")
                continue
            problem = _check_one(doc_spec, doc, self.known, own_id)
            if problem:
                self.say(f"  {problem}. Try again.")
                continue
            while True:
                section = self.prompt(f"Source {n}, section (e.g. 'Section 2, paragraph 3'): ").strip()
                if section:
                    break
                self.say("  Say which part of the document the facts come from.")
            out.append({"document": doc, "section": section})


def _source_model():
    from .models import Source

    return Source


# ---------------------------------------------------------------------------
# Writing


def _comment_for(spec: FieldSpec) -> list[str]:
    """An optional field the user did not fill in, as commented-out line(s) with its description."""
    text = spec.description
    if spec.name == "draft":
        return [f"# draft: true  # {text[len('true '):] if text.startswith('true ') else text}"]
    if spec.nested is not None:
        hint = ("A list of items with " if spec.is_list else "With ") + ", ".join(
            s.name for s in field_specs(spec.nested))
    elif spec.is_list and spec.ref is not None:
        hint = f"One line '  - id' per item: ids of {_plural_ref(spec.ref)}"
    elif spec.is_list and spec.choices:
        hint = "One line '  - value' per item, each one of: " + ", ".join(spec.choices)
    elif spec.is_list:
        hint = "One line '  - text' per item"
    elif spec.ref is not None:
        hint = f"The id of {_a(spec.ref.describe())}"
    else:
        hint = "" if "YYYY" in text else spec.hint()
    if hint:
        text += " " + hint + "."
    lines = textwrap.wrap(text, width=96 - len(spec.name), break_long_words=False, break_on_hyphens=False)
    first = f"# {spec.name}:  # {lines[0]}"
    return [first] + [f"#{' ' * (len(spec.name) + 3)}# {ln}" for ln in lines[1:]]


def _plural_ref(ref: Ref) -> str:
    if ref.kind:
        return f"work-plan {ref.kind}s"
    names = [C.RECORD_TYPES[t]["plural"] if t != "fora" else "APEC fora" for t in ref.types]
    names = [n if n.startswith("APEC") else n[0].lower() + n[1:] for n in names]
    if len(names) > 4:
        return "any records"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def render_record(rtype: str, kind: str | None, values: dict[str, Any], markdown: bool = False) -> str:
    model = model_for(rtype, kind)
    lines = [C.SCHEMA_COMMENT.format(rel=f"../schemas/{rtype}.schema.json")]
    for spec in ordered(model):
        value = values.get(spec.name)
        if spec.name == "body" and markdown:
            continue
        if value in (None, [], ""):
            if not spec.required:
                lines += _comment_for(spec)
            continue
        if spec.name == "draft":
            lines.append("draft: true  # remove this line when the record may go on the public site")
            continue
        lines += _value_lines(spec.name, value, "")
    text = "\n".join(lines) + "\n"
    if markdown:
        body = str(values.get("body", "")).strip("\n")
        text = "---\n" + text + "---\n" + body + "\n"
    return text


def validate_values(rtype: str, kind: str | None, values: dict[str, Any]) -> list[tuple[str, str]]:
    """(field path, message) for everything the model refuses in the assembled record."""
    from .validate import validate_record

    raw = RawRecord(rtype, f"{values.get('id', 'new')}.yml", values, {})
    _, errors = validate_record(raw)
    return [(e.field, e.message) for e in errors]


def _resolve_type(name: str | None) -> str | None:
    if name is None:
        return None
    name = name.strip().lower()
    if name in C.RECORD_TYPES:
        return name
    return TYPE_ALIASES.get(name) or TYPE_ALIASES.get(name.rstrip("s"))


def _is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def main(argv: list[str] | None = None, *, ask: Ask | None = None, today: _dt.date | None = None,
         out: Any = None, err: Any = None) -> int:
    """Run the command. `ask` (a function like `input`) makes it interactive without a terminal."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(argv[1:] if argv[:1] == ["--"] else argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if ask is None and not args.no_input and _is_terminal():
        ask = input
    if args.no_input:
        ask = None
    try:
        return _run(args, ask, today or _dt.date.today(), out, err)
    except Stop as stop:
        print(f"ctwg new: {stop}", file=err)
        return stop.code
    except KeyboardInterrupt:
        print("\nStopped. Nothing was written.", file=err)
        return 130


def _run(args: argparse.Namespace, ask: Ask | None, today: _dt.date, out: Any, err: Any) -> int:
    from .cli import data_dir_default

    rtype = _resolve_type(args.type)
    if args.type and rtype is None:
        raise Stop(f"unknown record type {args.type!r}{suggest(args.type, C.RECORD_TYPES)}; "
                   f"use one of: {', '.join(C.RECORD_TYPES)}")
    data_dir = Path(args.data) if args.data else data_dir_default()
    if not data_dir.is_dir():
        raise Stop(f"the data folder {data_dir} does not exist")
    known = Known.load(data_dir)

    session = Session("", None, known, ask, out, today)
    while rtype is None:
        if ask is None:
            raise Stop(f"say which type of record: python -m ctwg new TYPE (one of: {', '.join(C.RECORD_TYPES)})")
        session.say(f"Which type of record? One of: {', '.join(C.RECORD_TYPES)}")
        answer = session.prompt("Type: ")
        rtype = _resolve_type(answer)
        if rtype is None and answer.strip():
            session.say(f"  {answer.strip()!r} is not a record type{suggest(answer.strip(), C.RECORD_TYPES)}.")
    session.rtype = rtype

    kind = None
    if rtype == "workplan":
        kind = args.kind if args.kind in C.WORKPLAN_KINDS else None
        if args.kind and kind is None and ask is None:
            raise Stop(f"--kind: a work-plan record is one of: {', '.join(C.WORKPLAN_KINDS)}, not {args.kind!r}")
        while kind is None:
            if ask is None:
                raise Stop(f"missing --kind: a work-plan record is one of: {', '.join(C.WORKPLAN_KINDS)}")
            answer = session.prompt(f"Which kind of work-plan record? One of: {', '.join(C.WORKPLAN_KINDS)}: ").strip()
            kind = answer if answer in C.WORKPLAN_KINDS else None
        session.kind = kind
    markdown = rtype == "news" and (args.format or "md") == "md"
    if args.format and rtype != "news":
        raise Stop("--format applies to news only")

    noun = C.RECORD_TYPES[rtype]["noun"] + (f" ({kind})" if kind else "")
    if ask is not None:
        session.say(f"New {noun}. Questions marked optional can be skipped with Enter; "
                    "Ctrl+C stops without writing anything.")

    specs = session.specs
    questions = session.questions()
    # options that do not apply to this type
    for name in all_asked_fields():
        if getattr(args, name, None) not in (None, []) and name not in questions and not (
                rtype == "workplan" and name == "kind"):
            session.problems.append(f"{option_names(name)[0]} does not apply to {C.RECORD_TYPES[rtype]['plural'].lower()}")
    if args.body_file:
        if "body" not in questions:
            session.problems.append("--body-file applies to news only")
        else:
            try:
                args.body = Path(args.body_file).read_text(encoding="utf-8")
            except OSError as exc:
                raise Stop(f"--body-file: cannot read {args.body_file} ({exc.strerror or exc})") from None

    if args.publish_date:
        problem = check_value(specs["publish_date"], args.publish_date)
        if problem:
            raise Stop(f"--publish-date: {problem}")
    values = session.values
    if kind:
        values["kind"] = kind
    skip: set[str] = set()
    for name in questions:
        if name in skip:
            continue
        spec = specs[name]
        if name == "commitments":
            given = [{"title": t, "text": x} for t, x in zip(args.commitment_title, args.commitment_text, strict=False)]
            if len(args.commitment_title) != len(args.commitment_text):
                session.problems.append("--commitment-title and --commitment-text come in pairs")
            value = given or (session.ask_nested_list(spec) if ask is not None else None)
        else:
            value = session.ask_field(spec, getattr(args, name, None))
        if value not in (None, []):
            values[name] = value
        if name == "date" and not value and ask is not None and args.end is None:
            skip.add("end")  # no start date: no end to ask

    # the id
    rid = args.id or make_id(rtype, kind, values)
    own_problem = check_id(rid, known) if rid else "no name to make an id from"
    if own_problem and ask is None and (args.id or values.get("name")):
        hint = ": choose another" if args.id else ": give another with --id"
        session.problems.append(f"{'--id: ' if args.id else ''}{own_problem}{hint}")
    elif ask is not None:
        suggested = rid if not own_problem else ""
        session.say("")
        session.say("Id (required). The record's id and file name: lower-case letters, digits and hyphens. "
                    "Press Enter to keep the suggestion.")
        if own_problem and rid:
            session.say(f"  {own_problem}.")
        while True:
            answer = session.prompt(f"Id (the file name){f' [{suggested}]' if suggested else ''}: ").strip() or suggested
            problem = check_id(answer, known) if answer else "an id is required"
            if problem:
                session.say(f"  {problem}.")
                continue
            rid = answer
            break

    # sources
    sources = session.sources(args.source_document, args.source_section, rid)

    missing = [n for n in questions if specs[n].required and n not in values and not any(
        p.startswith(option_names(n)[0]) for p in session.problems)]
    if not sources and not any(p.startswith("--source") for p in session.problems):
        missing += ["source-document", "source-section"]
    if missing and ask is None:
        flags = [("--" + m if m.startswith("source") else option_names(m)[0]) + _choices_note(specs.get(m)) for m in missing]
        session.problems.insert(0, f"missing {_join(flags)}; give {'it' if len(flags) == 1 else 'them'} as options, "
                                   f"or run `make new TYPE={rtype}` in a terminal to be asked")
    if session.problems:
        for p in session.problems:
            print(f"ctwg new {rtype}: {p}", file=err)
        return 2

    for name in ("summary", "body"):
        tag = _HTML.search(str(values.get(name) or ""))
        if tag:
            session.say(f"Note: the {name} contains HTML ({tag.group()}); the site shows HTML as plain text. "
                        "Use Markdown instead: **bold**, *italics*, [text](https://...).")

    values = {"id": rid, **values, "sources": sources, "reviewed": today.isoformat()}
    if args.publish_date:
        values["publish_date"] = args.publish_date
    draft = args.draft
    if ask is not None and not draft:
        answer = session.prompt("\nKeep it as a draft for now (shown in the preview only, not on the public "
                                "site)? [y/N]: ").strip().lower()
        draft = answer in ("y", "yes")
    if draft:
        values["draft"] = "true"

    # everything together (e.g. an end before the start)
    while True:
        problems = validate_values(rtype, kind, values)
        if not problems:
            break
        if ask is None:
            for where, message in problems:
                print(f"ctwg new {rtype}: {where}: {message}", file=err)
            return 2
        for where, message in problems:
            session.say(f"{where}: {message}")
        for name in dict.fromkeys(w.split(".")[0].split("[")[0] for w, _ in problems):
            if name in specs and name not in AUTO:
                value = session.ask_field(specs[name], None)
                if value in (None, []):
                    values.pop(name, None)
                else:
                    values[name] = value
            else:  # pragma: no cover - the questions above check every other field
                raise Stop(f"{name}: cannot be fixed here; nothing was written", 1)

    folder = data_dir / rtype
    path = folder / f"{rid}{'.md' if markdown else '.yml'}"
    text = render_record(rtype, kind, values, markdown=markdown)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise Stop(f"{display_path(path)} already exists; nothing was written") from None
    return _report(path, rtype, rid, data_dir, bool(draft), args.publish_date, out, err)


def _choices_note(spec: FieldSpec | None) -> str:
    if spec is not None and spec.choices:
        return f" ({', '.join(spec.choices)})"
    return ""


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _report(path: Path, rtype: str, rid: str, data_dir: Path, draft: bool, publish_date: str | None,
            out: Any, err: Any) -> int:
    from .catalog import build_catalog

    shown = display_path(path)
    try:
        build_catalog(data_dir, public=False)
        others: list[str] = []
    except DataErrors as exc:
        mine = [e for e in exc.errors if Path(e.path).resolve() == path.resolve()]
        if mine:
            print(f"Wrote {shown}, but it has problems; fix these lines, then run `make validate`:", file=err)
            for e in mine:
                print(str(e), file=err)
            return 1
        others = [str(e) for e in exc.errors]
    url = f"http://127.0.0.1:8000/{C.RECORD_TYPES[rtype]['url']}/{rid}/"
    env = "" if data_dir.resolve() == DATA_DIR.resolve() else f"CTWG_DATA={data_dir} "
    print(f"Created {shown}: it is valid.", file=out)
    if draft:
        print("It is a draft: the preview shows it marked 'Not public'; the public site leaves it out until "
              "you delete the line `draft: true`.", file=out)
    if publish_date:
        print(f"It goes on the public site on {publish_date}; until then the preview shows it marked 'Not public'.",
              file=out)
    print("Next:", file=out)
    print("  1. Open the file and check every value against your source. Lines starting with '# ' are optional",
          file=out)
    print("     fields: remove the '# ' to fill one in, or leave them as they are.", file=out)
    print(f"  2. {env}make validate   checks every data file", file=out)
    print(f"  3. {env}make serve      then open {url}", file=out)
    print("  4. Commit the file and open a pull request (see CONTRIBUTING.md).", file=out)
    if others:
        print(f"Note: other files in {display_path(data_dir)} have problems (not yours): run `make validate`.",
              file=err)
    return 0
