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
- A question for ids lists them; a long list shows the most likely from the answers so far
  (`Known.choices`) and `?` lists them all. An unknown id gets a suggestion that knows short
  and former names (`errors.suggest_id`).
- Ctrl+C keeps what was typed so far as a draft file (`draft: true`; required fields not
  answered yet are empty lines the check names) and says where, in one line.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import settings
from ..data import constants
from ..data.fields import FieldSpec
from ..data.loader import display_path
from ..errors import DataErrors, suggest
from .answers import (
    _HTML,
    AUTO,
    TYPE_ALIASES,
    Ask,
    Known,
    Stop,
    all_asked_fields,
    check_id,
    make_id,
    option_names,
    slugify,
)
from .interview import Session
from .record_file import render_record, validate_values
from .record_templates import check_value


def build_parser() -> argparse.ArgumentParser:
    types = ", ".join(constants.RECORD_TYPES)
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
def _resolve_type(name: str | None) -> str | None:
    if name is None:
        return None
    name = name.strip().lower()
    if name in constants.RECORD_TYPES:
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
    progress = Progress()
    today = today or _dt.date.today()
    try:
        return _run(args, ask, today, out, err, progress)
    except Stop as stop:
        print(f"ctwg new: {stop}", file=err)
        return stop.code
    except KeyboardInterrupt:
        print("\n" + _keep_draft(progress, today), file=err)
        return 130


@dataclass
class Progress:
    """How far the questions got, for Ctrl+C to keep what was typed."""

    session: Session | None = None
    data_dir: Path | None = None
    markdown: bool = False
    rid: str | None = None


def _keep_draft(progress: Progress, today: _dt.date) -> str:
    """Ctrl+C: what was typed so far becomes a draft record file (`draft: true`); the line to print."""
    session = progress.session
    if session is None or session.ask is None or progress.data_dir is None or not session.rtype or not any(
            k != "kind" for k in session.values):
        return "Stopped. Nothing was written."
    rtype, kind = session.rtype, session.kind
    values = {k: v for k, v in session.values.items() if v not in (None, [], "")}
    rid = progress.rid or make_id(rtype, kind, values) or slugify(f"new {constants.RECORD_TYPES[rtype]['noun']}")
    base, n = rid, 1
    while check_id(rid, session.known) and n < 100:  # taken (or a bad id): the next free one
        n += 1
        rid = f"{base}-draft" if n == 2 else f"{base}-draft-{n - 1}"
    values = {"id": rid, **values, "sources": session.partial_sources, "reviewed": today.isoformat(),
              "draft": "true"}
    path = progress.data_dir / rtype / f"{rid}{'.md' if progress.markdown else '.yml'}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(render_record(rtype, kind, values, markdown=progress.markdown, unfinished=True))
    except OSError as exc:
        return f"Stopped. Nothing was written ({display_path(path)}: {exc.strerror or exc})."
    return (f"Stopped. What you typed so far is kept as a draft in {display_path(path)}: finish it there "
            "(make validate lists what is missing) or delete the file.")


def _run(args: argparse.Namespace, ask: Ask | None, today: _dt.date, out: Any, err: Any,
         progress: Progress) -> int:

    rtype = _resolve_type(args.type)
    if args.type and rtype is None:
        raise Stop(f"unknown record type {args.type!r}{suggest(args.type, constants.RECORD_TYPES)}; "
                   f"use one of: {', '.join(constants.RECORD_TYPES)}")
    data_dir = Path(args.data) if args.data else settings.data_dir()
    if not data_dir.is_dir():
        raise Stop(f"the data folder {data_dir} does not exist")
    known = Known.load(data_dir)

    session = Session("", None, known, ask, out, today)
    progress.session, progress.data_dir = session, data_dir
    while rtype is None:
        if ask is None:
            raise Stop(f"say which type of record: python -m ctwg new TYPE (one of: {', '.join(constants.RECORD_TYPES)})")
        session.say(f"Which type of record? One of: {', '.join(constants.RECORD_TYPES)}")
        answer = session.prompt("Type: ")
        rtype = _resolve_type(answer)
        if rtype is None and answer.strip():
            session.say(f"  {answer.strip()!r} is not a record type{suggest(answer.strip(), constants.RECORD_TYPES)}.")
    session.rtype = rtype

    kind = None
    if rtype == "workplan":
        kind = args.kind if args.kind in constants.WORKPLAN_KINDS else None
        if args.kind and kind is None and ask is None:
            raise Stop(f"--kind: a work-plan record is one of: {', '.join(constants.WORKPLAN_KINDS)}, not {args.kind!r}")
        while kind is None:
            if ask is None:
                raise Stop(f"missing --kind: a work-plan record is one of: {', '.join(constants.WORKPLAN_KINDS)}")
            answer = session.prompt(f"Which kind of work-plan record? One of: {', '.join(constants.WORKPLAN_KINDS)}: ").strip()
            kind = answer if answer in constants.WORKPLAN_KINDS else None
        session.kind = kind
    markdown = progress.markdown = rtype == "news" and (args.format or "md") == "md"
    if args.format and rtype != "news":
        raise Stop("--format applies to news only")

    noun = constants.RECORD_TYPES[rtype]["noun"] + (f" ({kind})" if kind else "")
    if ask is not None:
        session.say(f"New {noun}. Questions marked optional can be skipped with Enter; "
                    "Ctrl+C stops and keeps what you typed as a draft.")

    specs = session.specs
    questions = session.questions()
    # options that do not apply to this type
    for name in all_asked_fields():
        if getattr(args, name, None) not in (None, []) and name not in questions and not (
                rtype == "workplan" and name == "kind"):
            session.problems.append(f"{option_names(name)[0]} does not apply to {constants.RECORD_TYPES[rtype]['plural'].lower()}")
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
    progress.rid = rid

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
    from ..data.catalog import build_catalog

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
    url = f"http://127.0.0.1:8000/{constants.RECORD_TYPES[rtype]['url']}/{rid}/"
    env = "" if data_dir.resolve() == settings.DATA_DIR.resolve() else f"CTWG_DATA={data_dir} "
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
