"""`make new`: what is asked for each record type, and how an answer is read and checked.

In: the record type (and work-plan kind), the text a person typed, and the ids the data
already holds (`Known`). Out: the value for the record, or a plain message saying what is
wrong; record ids made from names (`make_id`). The interview (`interview.Session`) asks the
questions; `newrecord` is the command.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import constants
from ..data.fields import FieldSpec, a_or_an, field_specs
from ..data.loader import display_path, load_tree
from ..data.models import Ref, model_for
from ..errors import suggest
from .record_templates import check_value

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
    "initiatives": ("name", "short_name", "kind", "status", "status_as_of", "lead", "start", "issue_areas", "summary"),
    "outcomes": ("name", "kind", "produced_by", "goal", "status", "status_as_of", "issue_areas", "summary"),
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
    if rtype == "events" and date and slug and re.match(r"[0-9]{4}", str(date)):
        year = str(date)[:4]
        if not slug.endswith(year):
            slug = f"{slug}-{year}"
    return slug


def check_id(rid: str, known: Known) -> str | None:
    if not re.fullmatch(constants.ID_PATTERN, rid) or len(rid) > 80:
        return (f"{rid!r} cannot be an id: use lower-case letters a-z, digits and single hyphens "
                "(at most 80 characters), e.g. jakarta-port-security-workshop-2027")
    if rid in known.records:
        rtype, _, _, path = known.records[rid]
        return (f"the id {rid!r} is already used by {path} ({a_or_an(constants.RECORD_TYPES[rtype]['noun'])}); "
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
        for rtype in constants.RECORD_TYPES:
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
            noun = constants.RECORD_TYPES[rtype]["noun"]
            return f"{value!r} is {a_or_an(noun)}, but this needs {a_or_an(ref.describe())}"
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
            plural = constants.RECORD_TYPES[rtype]["plural"] if not ref.kind else f"Work-plan {ref.kind}s"
            if with_names or len(ids) <= 12:
                lines.append(f"  {plural}:")
                width = max(len(i) for i in ids)
                lines += [f"    {i:<{width}}  {self.records[i][2][:70]}" for i in ids]
            else:
                lines += textwrap.wrap(", ".join(ids), width=100, initial_indent=f"  {plural}: ",
                                       subsequent_indent="    ", break_on_hyphens=False)
        return lines


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
