"""Annotated templates: models -> data/templates/<type>.yml, one per record type.

In: `models.MODELS` and `constants`. Out: data/templates/<type>.yml (workplan: one per
kind, workplan-plan.yml, workplan-strand.yml, workplan-goal.yml). Every field is there
with its description, whether it is required, its allowed values and an example; the
required fields are ready to fill in and the optional ones are commented out. The files
are GENERATED and committed (a test fails when they are stale, like the schemas); the
loader skips data/templates, so they are never read as records.

Also the shared parts `make new` uses: checking one value (`check_value`) and the YAML
writers (`scalar`, `text_lines`, `_value_lines`). What a field takes is read from the model
by ctwg.data.fields.

`python -m ctwg templates [--check] [--out DIR]`
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from .. import settings
from ..data import constants
from ..data.fields import FieldSpec, field_specs
from ..data.models import model_for


def variants() -> list[tuple[str, str | None]]:
    """(type, workplan kind) for every template."""
    out: list[tuple[str, str | None]] = []
    for rtype in constants.RECORD_TYPES:
        out += [(rtype, k) for k in constants.WORKPLAN_KINDS] if rtype == "workplan" else [(rtype, None)]
    return out


def template_name(rtype: str, kind: str | None = None) -> str:
    return f"{rtype}-{kind}.yml" if kind else f"{rtype}.yml"


# Common fields go last in a record file, as in the hand-written records.
TAIL_FIELDS = ("summary", "sources", "disagreements", "reviewed", "draft", "publish_date")


def ordered(model: type[BaseModel]) -> list[FieldSpec]:
    specs = list(field_specs(model))
    return [s for s in specs if s.name not in TAIL_FIELDS] + [s for n in TAIL_FIELDS for s in specs if s.name == n]


@cache
def checker(tp: Any) -> TypeAdapter:
    return TypeAdapter(tp)


def check_value(spec: FieldSpec, value: Any) -> str | None:
    """None if `value` (one list item, or the single value) is acceptable for the field, else why not."""
    from pydantic import ValidationError

    try:
        checker(spec.item_type).validate_python(value)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        if err["type"] == "value_error":
            return str((err.get("ctx") or {}).get("error", err["msg"]))
        if err["type"] == "literal_error":
            return f"{value!r} is not allowed; use one of: {', '.join(spec.choices)}"
        if err["type"] == "string_pattern_mismatch":
            return f"should be lower-case letters, digits and single hyphens, not {value!r}"
        if err["type"] == "greater_than_equal":
            return f"should be at least {spec.minimum}, not {value}"
        return err["msg"]
    return None


# ---------------------------------------------------------------------------
# YAML writing: every value is text to the loader, so only the syntax matters.

_PLAIN = re.compile(r"^(?:[^\W_]|\()[^\x00-\x1f\x7f\u0085\u2028\u2029]*$")
_NULLS = {"", "~", "null", "Null", "NULL"}


def scalar(value: Any) -> str:
    """One value on a `key: value` line: plain when that is safe, otherwise double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if (_PLAIN.match(text) and text == text.strip() and text not in _NULLS and ": " not in text
            and " #" not in text and not text.endswith(":")):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def text_lines(key: str, value: str, indent: str = "", width: int = 80) -> list[str]:
    """`key: value`, or a block (folded for one paragraph, literal for several lines) for long text."""
    value = value.strip()
    if "\n" not in value and len(indent) + len(key) + 2 + len(value) <= width:
        return [f"{indent}{key}: {scalar(value)}"]
    inner = indent + "  "
    if "\n" not in value and value == " ".join(value.split()):
        wrapped = textwrap.wrap(value, width=width - len(inner), break_long_words=False, break_on_hyphens=False)
        return [f"{indent}{key}: >-"] + [inner + w for w in wrapped]
    lines = [ln.rstrip() for ln in value.split("\n")]
    head = f"{indent}{key}: |{'2' if lines[0].startswith(' ') else ''}-"
    return [head] + [(inner + ln) if ln else "" for ln in lines]


# ---------------------------------------------------------------------------
# Examples: fixed (not read from the data, so the templates depend on the models only).
# tests/unit/authoring/test_templates.py checks that a record made of them validates against data/.

REF_EXAMPLES = {
    "fora": "ctwg",
    "partners": "cted",
    "economies": "japan",
    "issue_areas": "soft-targets-protection",
    "initiatives": "star-conference",
    "events": "tokyo-soft-targets-workshop-2018",
    "documents": "medium-term-work-plan-2010-2015",
    "outcomes": "tokyo-workshop-knowledge-sharing",
    "news": "cted-attends-soft-targets-workshop",
}

VALUE_EXAMPLES = {
    "date": "2018-04-26",
    "partial-date": "2018-04-24",
    "url": "https://www.apec.org/",
    "isbn": "978-981-07-7180-1",
    "number": "1",
    "yes-no": "true",
}

# Per type (or workplan kind): examples that read better than the generic ones.
EXAMPLES: dict[str, dict[str, Any]] = {
    "*": {
        "short_name": "CTWG",
        "summary": "Two or three sentences in your own words: what this is and why it matters to "
                   "APEC's counter-terrorism work.",
        "sources": [{"document": "medium-term-work-plan-2010-2015", "section": "Work programme, goal 6"},
                    {"document": "star-ii-summary-conclusions-2004", "section": "Paragraph 2"}],
        "reviewed": "2026-11-22",
        "publish_date": "2027-01-15",
        "draft": "true",
        "mirror": "true",
        "disagreements": [{"about": "When it was held",
                           "accounts": [{"says": "In March 2004", "documents": ["medium-term-work-plan-2010-2015"]},
                                        {"says": "In May 2004", "documents": ["star-ii-summary-conclusions-2004"]}],
                           "note": "March is used here, as the later sources give it."}],
        "url": "https://www.apec.org/groups/som-steering-committee-on-economic-and-technical-cooperation",
    },
    "fora": {"id": "meg-sec", "name": "Maritime Security Expert Group", "short_name": "MEG-SEC",
             "kind": "expert-group", "parent": "tptwg", "established": "2004",
             "former_names": [{"name": "Counter-Terrorism Task Force", "short_name": "CTTF", "start": "2003",
                               "end": "2013"}],
             "issue_areas": ["maritime-security"],
             "chairs": [{"name": "Makarim Wibisono", "economy": "indonesia", "start": "2003-04-05",
                         "note": "confirmed as the first chair", "documents": ["medium-term-work-plan-2010-2015"]}]},
    "partners": {"id": "icao", "name": "International Civil Aviation Organization", "short_name": "ICAO",
                 "kind": "un-body", "parent": "united-nations", "issue_areas": ["aviation-security"],
                 "url": "https://www.icao.int/"},
    "economies": {"id": "japan", "name": "Japan", "joined": "1989",
                  "url": "https://www.apec.org/"},
    "issue_areas": {"id": "maritime-security", "name": "Maritime security",
                    "lead_fora": ["meg-sec"], "lead_note": "and various other fora"},
    "initiatives": {"id": "star-conference", "name": "Secure Trade in the APEC Region Conference",
                    "short_name": "STAR", "kind": "conference", "status": "active", "status_as_of": "2010-06", "lead": ["ctwg"],
                    "start": "2003", "end": "2015", "issue_areas": ["secure-trade"], "fora": ["sccp"],
                    "partners": ["private-sector"], "goals": ["goal-6"], "related": ["ctap"]},
    "events": {"id": "tokyo-soft-targets-workshop-2018", "name": "APEC Workshop on Protecting Soft Targets",
               "kind": "workshop", "date": "2018-04-24", "end": "2018-04-25",
               "date_note": "The source gives the month only.", "recurrence": "annual", "city": "Tokyo",
               "economy": "japan", "organisers": ["united-states", "us-ataari"], "co_sponsors": ["ctwg"],
               "participants": ["cted"], "participants_note": "Governments, international organisations and "
               "private industry.", "topics": ["Protecting crowded places"],
               "issue_areas": ["soft-targets-protection"], "initiatives": ["star-conference"],
               "goals": ["goal-6"]},
    "outcomes": {"id": "tokyo-workshop-knowledge-sharing", "name": "Knowledge and good practices shared",
                 "kind": "achieved", "produced_by": ["tokyo-soft-targets-workshop-2018"],
                 "goal": "goal-6", "status": "delivered", "status_as_of": "2018-04-26", "evidence": ["cted-news-soft-targets-2018"],
                 "status_note": "Reported by CTED.", "issue_areas": ["soft-targets-protection"],
                 "fora": ["ctwg"], "partners": ["cted"]},
    "documents": {"id": "medium-term-work-plan-2010-2015", "name": "CTTF Medium-Term Work Plan 2010-2015",
                  "kind": "work-plan", "date": "2010", "version": "Draft",
                  "issuers": ["ctwg"], "identifiers": {"apec_doc": "2010/SOM1/CTTF/003"}, "access": "public",
                  "url": "https://www.apec.org/", "issue_areas": ["secure-trade"], "fora": ["ctwg"],
                  "partners": ["cted"], "initiatives": ["ctap"]},
    "workplan-plan": {"id": "medium-term-work-plan", "name": "CTTF Medium-Term Work Plan 2010-2015",
                      "kind": "plan", "period_start": "2010", "period_end": "2015",
                      "document": "medium-term-work-plan-2010-2015",
                      "mission": ["Help economies work out and assess what they need for counter-terrorism."],
                      "fora": ["tptwg"]},
    "workplan-strand": {"id": "strand-private-sector", "name": "Cooperating with the private sector",
                        "kind": "strand", "number": "9",
                        "commitments": [{"title": "Reach out to ABAC", "text": "Look for projects of shared "
                                         "interest with the business community.", "parties": ["abac"]}],
                        "fora": ["abac"], "partners": ["private-sector"], "issue_areas": ["secure-trade"]},
    "workplan-goal": {"id": "goal-6", "name": "Protect transport and travel", "kind": "goal",
                      "number": "16", "priorities": ["human-security"], "priority_note": "None stated in the plan.",
                      "actions": ["Hold workshops on air cargo security."], "timeframe_start": "2010",
                      "timeframe_end": "2015", "cooperating_parties": ["aeg-sec"],
                      "cooperating_note": "Various APEC fora.", "issue_areas": ["transportation-security"],
                      "initiatives": ["ctap"]},
    "news": {"id": "cted-attends-soft-targets-workshop", "name": "CTED joins APEC workshop in Tokyo",
             "date": "2018-04-26",
             "body": "The first paragraph of the story.\n\nA second paragraph, with a [link](https://www.un.org/).",
             "issue_areas": ["soft-targets-protection"], "fora": ["ctwg"], "partners": ["cted"],
             "related": ["tokyo-soft-targets-workshop-2018"]},
}

NESTED_EXAMPLES: dict[str, dict[str, Any]] = {
    "Source": {"document": "medium-term-work-plan-2010-2015", "section": "Work programme, goal 6",
               "note": "The plan gives the month only."},
    "FormerName": {"name": "Counter-Terrorism Task Force", "short_name": "CTTF", "start": "2003", "end": "2013"},
    "Identifiers": {"apec_doc": "2010/SOM1/CTTF/003", "publication": "APEC#210-CT-01.1",
                    "isbn": "978-981-07-7180-1", "un_symbol": "S/RES/2341 (2017)"},
    "Commitment": {"title": "Reach out to ABAC", "text": "Look for projects of shared interest.", "parties": ["abac"]},
}


def example(rtype: str, kind: str | None, spec: FieldSpec, owner: str | None = None) -> Any:
    """An example value for a field (a list for list fields, a dict for nested models)."""
    if owner is not None:
        if spec.name in NESTED_EXAMPLES.get(owner, {}):
            return NESTED_EXAMPLES[owner][spec.name]
    else:
        key = f"{rtype}-{kind}" if kind else rtype
        for table in (EXAMPLES.get(key, {}), EXAMPLES["*"]):
            if spec.name in table:
                return table[spec.name]
    if spec.nested is not None:
        item = {s.name: example(rtype, kind, s, spec.nested.__name__) for s in field_specs(spec.nested)}
        return [item] if spec.is_list else item
    if spec.choices:
        one: Any = spec.choices[0]
    elif spec.ref is not None:
        one = REF_EXAMPLES.get(spec.ref.types[0], "ctwg") if not spec.ref.kind else "goal-6"
    else:
        one = VALUE_EXAMPLES.get(spec.value, "Text in your own words")
    return [one] if spec.is_list else one


def example_record(rtype: str, kind: str | None = None) -> dict[str, Any]:
    """Every field of the type at its example value (for the tests; optional fields included)."""
    out = {}
    for s in ordered(model_for(rtype, kind)):
        value = example(rtype, kind, s)
        if value is not None:
            out[s.name] = value
    return out


# ---------------------------------------------------------------------------
# Rendering


def _comment_wrap(text: str, indent: str, first: str = "", width: int = 100) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=f"{indent}# {first}", subsequent_indent=f"{indent}#   ",
                         break_long_words=False, break_on_hyphens=False)


def _value_lines(key: str, value: Any, indent: str) -> list[str]:
    """`value` written as YAML under `key` (lists and nested fields included)."""
    if isinstance(value, list):
        out = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict):
                sub = []
                for k, v in item.items():
                    sub += _value_lines(k, v, indent + "    ")
                sub[0] = indent + "  - " + sub[0][len(indent) + 4:]
                out += sub
            else:
                out += [f"{indent}  - {scalar(item)}"]
        return out
    if isinstance(value, dict):
        out = [f"{indent}{key}:"]
        for k, v in value.items():
            out += _value_lines(k, v, indent + "  ")
        return out
    if isinstance(value, str) and ("\n" in value or (len(value) > 60 and " " in value)):
        return text_lines(key, value, indent)
    return [f"{indent}{key}: {scalar(value)}"]


def _blank_lines(spec: FieldSpec, indent: str) -> list[str]:
    """The empty lines to fill in for a field."""
    if spec.nested is not None:
        sub = []
        for s in field_specs(spec.nested):
            if s.required:
                sub += _blank_lines(s, indent + ("    " if spec.is_list else "  "))
        if spec.is_list:
            sub[0] = indent + "  - " + sub[0][len(indent) + 4:]
        return [f"{indent}{spec.name}:"] + sub
    if spec.is_list:
        return [f"{indent}{spec.name}:", f"{indent}  -"]
    return [f"{indent}{spec.name}:"]


# Fields the model requires only with some values of another field (a dated status): the
# templates show them ready to fill in, as required ones, with the condition in the comment.
NEEDED_WITH = {"status_as_of": "REQUIRED unless the status is unknown or not evidenced"}


def _field_block(rtype: str, kind: str | None, spec: FieldSpec, indent: str = "", owner: str | None = None) -> list[str]:
    need = "REQUIRED" if spec.required else NEEDED_WITH.get(spec.name, "optional")
    if spec.is_list:
        need += f", a list of at least {spec.min_items}" if spec.min_items else ", a list"
    out = _comment_wrap(f"{spec.description}", indent, f"{spec.name} ({need}): ")
    hint = spec.hint()
    if spec.name == "kind" and rtype == "workplan" and owner is None:
        hint = "Keep it as it is: this template is for a work-plan " + (kind or "")
    if hint:
        out += _comment_wrap(hint + ".", indent, "  ")
    if spec.nested is not None:
        out.append(f"{indent}#   {'Each item has' if spec.is_list else 'It has'}:")
        for s in field_specs(spec.nested):
            sub_need = "REQUIRED" if s.required else "optional"
            text = f"{s.name} ({sub_need}{', a list' if s.is_list else ''}): {s.description}"
            if s.hint():
                text += f" {s.hint()}."
            out += textwrap.wrap(text, width=100, initial_indent=f"{indent}#     ",
                                 subsequent_indent=f"{indent}#       ", break_long_words=False,
                                 break_on_hyphens=False)
    value = example(rtype, kind, spec, owner)
    if spec.name == "kind" and rtype == "workplan" and owner is None:
        return out + [f"{indent}kind: {kind}"]
    if value is not None:
        ex = _value_lines(spec.name, value, "")
        if len(ex) == 1:
            out.append(f"{indent}#   Example: {ex[0][len(spec.name) + 2:]}")
        else:
            out.append(f"{indent}#   Example:")
            out += [f"{indent}#     {line}" if line else f"{indent}#" for line in ex]
    if spec.required or spec.name in NEEDED_WITH:
        out += _blank_lines(spec, indent)
    else:
        out += [f"{indent}# {line[len(indent):]}" for line in _blank_lines(spec, indent)]
    return out


HOW_TO = """\
TEMPLATE: {label} ({kind_note}one file per record: data/{rtype}/<id>.yml)
GENERATED from scripts/ctwg/data/models.py by `python -m ctwg templates`: do not edit it here.

How to use it:
 1. Create the file data/{rtype}/<id>.yml, where <id> is the record's id (see below).
 2. Copy this whole template into it; keep the first line as it is.
 3. Fill in every REQUIRED field after its colon.
 4. To use an optional field, remove the "# " in front of its line(s) and fill it in.
    Delete the optional fields you do not need, or leave them commented out.
 5. Delete these comments if you like: lines starting with # are ignored.
Every fact must be backed by an entry under `sources:`. Write in your own words.
Or let the computer do it: `make new TYPE={rtype}` asks the questions and writes the file."""


def render(rtype: str, kind: str | None = None) -> str:
    model = model_for(rtype, kind)
    label = constants.RECORD_TYPES[rtype]["label"]
    kind_note = f"a {kind}; " if kind else ""
    lines = [constants.SCHEMA_COMMENT.format(rel=f"../schemas/{rtype}.schema.json")]
    lines += [f"# {ln}".rstrip() for ln in HOW_TO.format(label=label, kind_note=kind_note, rtype=rtype).splitlines()]
    if rtype == "news":
        lines += ["# News can also be a Markdown file, data/news/<id>.md: put the fields between two '---' lines",
                  "# at the top and write the story (the body) below them; see data/templates/news.md."]
    for spec in ordered(model):
        lines.append("")
        lines += _field_block(rtype, kind, spec)
    return "\n".join(lines) + "\n"


def render_news_markdown() -> str:
    """The Markdown form of a news item: fields as front matter, the body below."""
    text = render("news")
    head, _, rest = text.partition("\n")
    lines = rest.split("\n")
    # drop the body field (it goes below the front matter) and the note about the .md form
    out, skip = [], False
    for ln in lines:
        if ln.startswith("# News can also") or ln.startswith("# at the top and"):
            continue
        if ln.startswith("# body ("):
            skip = True
        if skip:
            skip = ln != ""
            continue
        out.append(ln)
    body = [
        "",
        "# THE STORY (the body, REQUIRED) goes below the next '---' line, in Markdown: a blank line",
        "# between paragraphs, **bold**, *italics*, [a link](https://www.un.org/), lists with '- '.",
        "# HTML is not allowed: it is shown as plain text.",
        "---",
        "",
    ]
    return "---\n" + head + "\n" + "\n".join(out).rstrip("\n").replace(
        "data/news/<id>.yml", "data/news/<id>.md") + "\n" + "\n".join(body)


def all_templates() -> dict[str, str]:
    out = {template_name(t, k): render(t, k) for t, k in variants()}
    out["news.md"] = render_news_markdown()
    return out


def write_templates(out: Path, check: bool = False) -> list[str]:
    """Write (or with check=True, compare) every template; return the paths that differ or should go."""
    stale = []
    wanted = all_templates()
    if not check:
        out.mkdir(parents=True, exist_ok=True)
    for name, text in wanted.items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path))
            if not check:
                path.write_text(text, encoding="utf-8")
    if out.is_dir():
        for path in sorted(out.iterdir()):
            if path.name not in wanted and path.suffix in (".yml", ".md"):
                stale.append(str(path))
                if not check:
                    path.unlink()
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ctwg templates",
                                     description="Write the annotated record templates into data/templates/.")
    parser.add_argument("--out", default=str(settings.DATA_DIR / "templates"), help="folder to write (default: data/templates)")
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a template is out of date")
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv[1:] if argv[:1] == ["--"] else argv)
    stale = write_templates(Path(args.out), check=args.check)
    if args.check:
        for name in stale:
            print(f"{name}: out of date; run `python -m ctwg templates` and commit the result", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        print(f"wrote {name}")
    if not stale:
        print(f"{args.out}: templates already up to date")
    return 0
