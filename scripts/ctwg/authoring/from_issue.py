"""`python -m ctwg from-issue FORM`: an issue-form answer becomes a record file, checked first.

In: the name of an issue form (.github/ISSUE_TEMPLATE/propose-<form>.yml: `event` or `news`)
and the body GitHub writes for an issue made with it (`### Label` headings, each followed by
the answer; `_No response_` for an optional field left empty), read from a file or stdin.
Out: with no problem, the record file written under the data folder (its path printed) and
exit 0; otherwise every problem as one line naming the form's field, in the same words as
`make validate`, on stdout (the workflow posts them on the issue), and exit 1. Nothing is
written then. The form's field ids are the record's field names, so the form file is the one
place that maps questions to fields.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .. import settings
from ..data.catalog import build_catalog
from ..errors import DataErrors
from .answers import make_id
from .record_file import render_record

FORMS = {"event": "events", "news": "news"}
LIST_FIELDS = {"organisers", "issue_areas", "related", "co_sponsors", "participants"}
NO_RESPONSE = "_No response_"


def form_fields(form: str, root: Path = settings.ROOT) -> list[dict[str, Any]]:
    """The form's questions: [{"id", "label", "required"}], from its YAML file."""
    spec = yaml.safe_load((root / ".github" / "ISSUE_TEMPLATE" / f"propose-{form}.yml").read_text(encoding="utf-8"))
    return [{"id": item["id"], "label": item["attributes"]["label"],
             "required": bool((item.get("validations") or {}).get("required"))}
            for item in spec["body"] if item.get("type") != "markdown"]


def parse_body(body: str, fields: list[dict[str, Any]]) -> dict[str, str]:
    """{field id: answer text} from an issue-form body; an empty or `_No response_` answer is left out."""
    by_label = {f["label"]: f["id"] for f in fields}
    answers: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is not None:
            text = "\n".join(lines).strip("\n")
            if text.strip() and text.strip() != NO_RESPONSE:
                answers[current] = text.strip()

    for line in body.replace("\r\n", "\n").split("\n"):
        m = re.fullmatch(r"###\s+(.+?)\s*", line)
        if m and m.group(1) in by_label:
            flush()
            current, lines = by_label[m.group(1)], []
        elif current is not None:
            lines.append(line)
    flush()
    return answers


def split_list(text: str) -> list[str]:
    """One id per line (a leading '- ' and commas between ids are allowed too)."""
    items = []
    for line in text.splitlines():
        for part in line.split(","):
            part = re.sub(r"^\s*[-*]\s+", "", part).strip().strip("`")
            if part:
                items.append(part)
    return items


def record_values(rtype: str, answers: dict[str, str], today: _dt.date) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, text in answers.items():
        if key in ("source_document", "source_section"):
            continue
        values[key] = split_list(text) if key in LIST_FIELDS else (text if key in ("summary", "body") else
                                                                    " ".join(text.split()))
    values["id"] = make_id(rtype, values.get("kind"), values)
    values["sources"] = [{"document": answers.get("source_document", "").strip(),
                          "section": " ".join(answers.get("source_section", "").split())}]
    values["reviewed"] = today.isoformat()
    return values


def convert(form: str, body: str, data_dir: Path, today: _dt.date | None = None,
            write: bool = True) -> tuple[Path | None, list[str]]:
    """(the file written, []) or (None, the problems in plain words)."""
    if form not in FORMS:
        return None, [f"unknown form {form!r}: use one of {', '.join(FORMS)}"]
    rtype = FORMS[form]
    fields = form_fields(form)
    labels = {f["id"]: f["label"] for f in fields}
    answers = parse_body(body, fields)
    missing = [f"{f['label']}: is required but missing" for f in fields if f["required"] and f["id"] not in answers]
    if missing:
        return None, missing
    values = record_values(rtype, answers, today or _dt.date.today())
    if not values["id"]:
        return None, [f"{labels['name']}: gives no letters or digits to make the record's id from"]
    target = data_dir / rtype / f"{values['id']}.yml"
    if target.exists() or any(data_dir.glob(f"*/{values['id']}.*")):
        return None, [f"{labels['name']}: a record with the id {values['id']!r} exists already; "
                      "give the name in full (with its year or number) or update that record instead"]
    text = render_record(rtype, None, values)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        (copy / rtype / f"{values['id']}.yml").write_text(text, encoding="utf-8")
        try:
            build_catalog(copy, public=False)
        except DataErrors as exc:
            return None, [_in_words(e, labels) for e in exc.errors]
    if write:
        target.write_text(text, encoding="utf-8")
    return target, []


def _in_words(error, labels: dict[str, str]) -> str:
    """A data problem named by the form's question: 'Member economy: unknown member economy ...'."""
    top = re.split(r"[.\[]", error.field, maxsplit=1)[0] if error.field else ""
    label = labels.get(top) or {"sources": labels.get("source_document", "Source document")}.get(top)
    if label:
        return f"{label}: {error.message}"
    return f"{error.field}: {error.message}" if error.field else error.message


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ctwg from-issue", description=__doc__.splitlines()[0])
    p.add_argument("form", help="event or news (the issue form the answers come from)")
    p.add_argument("--body-file", help="the issue body (default: standard input)")
    p.add_argument("--data", help="data folder (default: data/)")
    p.add_argument("--check", action="store_true", help="check only; write nothing")
    args = p.parse_args(argv)
    body = Path(args.body_file).read_text(encoding="utf-8") if args.body_file else sys.stdin.read()
    data_dir = Path(args.data) if args.data else settings.data_dir()
    path, problems = convert(args.form, body, data_dir, write=not args.check)
    if problems:
        print("The proposal cannot be added yet. Please edit the issue:")
        for line in problems:
            print(f"- {line}")
        return 1
    print(path)
    return 0
