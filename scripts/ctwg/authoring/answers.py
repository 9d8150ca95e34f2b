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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import constants
from ..data.datafiles import load_tree
from ..data.fields import FieldSpec, a_or_an, field_specs, iter_raw_refs
from ..data.loader import display_path
from ..data.models import Ref, model_for
from ..errors import suggest, suggest_id
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

# A question that asks for ids shows them all when that takes at most LISTING_LINES lines;
# otherwise the RELEVANT most likely ones, and `?` lists them all.
LISTING_LINES = 14
RELEVANT = 12
SHOW_ALL = "?"

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
    """Records in the data folder: id -> (type, kind, name, path), and what makes one relevant to a
    question. Read raw, so it works while other files have problems."""

    records: dict[str, tuple[str, str | None, str, str]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)  # id -> name, short name, former names
    years: dict[str, int] = field(default_factory=dict)  # id -> the year of its date (or start)
    refers_to: dict[str, set[str]] = field(default_factory=dict)  # id -> the ids its record names (issue areas...)
    cited: Counter[str] = field(default_factory=Counter)  # id -> how many references name it

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
            out.names.setdefault(rid, raw.names)
            for key in ("date", "start", "established", "period_start", "timeframe_start", "joined"):
                year = re.match(r"[0-9]{4}", str(data.get(key) or ""))
                if year:
                    out.years[rid] = int(year.group())
                    break
            model = model_for(raw.type, kind)
            if model is not None:
                out.refers_to[rid] = {target for _, target, _ in iter_raw_refs(model, data)}
                out.cited.update(out.refers_to[rid])
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
            return f"unknown {ref.describe()} {value!r}{suggest_id(value, self.ids_for(ref), self.names)}"
        rtype, kind, _, _ = self.records[value]
        if rtype not in ref.types:
            noun = constants.RECORD_TYPES[rtype]["noun"]
            return f"{value!r} is {a_or_an(noun)}, but this needs {a_or_an(ref.describe())}"
        if ref.kind and kind != ref.kind:
            return f"{value!r} is a work-plan {kind}, but this needs a work-plan {ref.kind}"
        return None

    def _ids_by_type(self, ref: Ref) -> dict[str, list[str]]:
        """The allowed ids (one per file), by type, in the order of ref.types."""
        out = {}
        for rtype in ref.types:
            ids = [i for i in self.ids_for(Ref((rtype,), ref.kind)) if self.records[i][3].endswith(
                (f"{i}.yml", f"{i}.md"))]
            if ids:
                out[rtype] = ids
        return out

    def _plural(self, rtype: str, ref: Ref) -> str:
        return constants.RECORD_TYPES[rtype]["plural"] if not ref.kind else f"Work-plan {ref.kind}s"

    def listing(self, ref: Ref, with_names: bool = False) -> list[str]:
        """All the allowed ids, grouped by type: with their names, or (more than 12 of a type) as a wrapped list."""
        lines = []
        for rtype, ids in self._ids_by_type(ref).items():
            plural = self._plural(rtype, ref)
            if with_names or len(ids) <= 12:
                lines.append(f"  {plural}:")
                width = max(len(i) for i in ids)
                lines += [f"    {i:<{width}}  {self.records[i][2][:70]}" for i in ids]
            else:
                lines += textwrap.wrap(", ".join(ids), width=100, initial_indent=f"  {plural}: ",
                                       subsequent_indent="    ", break_on_hyphens=False)
        return lines

    def relevant(self, ref: Ref, values: dict[str, Any], n: int = RELEVANT) -> list[str]:
        """The `n` allowed ids most likely meant, given the answers so far: those naming the most of the
        ids answered (the same issue areas, a document issued by the organiser, an event in the same
        economy), then the nearest in time, then the most often named by other records."""
        year = re.match(r"[0-9]{4}", str(values.get("date") or values.get("start") or ""))
        given = {v for v in values.values() if isinstance(v, str)} | {
            i for v in values.values() if isinstance(v, list) for i in v if isinstance(i, str)}

        def key(rid: str) -> tuple:
            shared = len(self.refers_to.get(rid, set()) & given) + (rid in given)
            distance = abs(self.years[rid] - int(year.group())) if year and rid in self.years else 999
            return (-shared, distance, -self.cited[rid], rid)

        ids = [i for ids in self._ids_by_type(ref).values() for i in ids]
        return sorted(ids, key=key)[:n]

    def choices(self, ref: Ref, values: dict[str, Any], with_names: bool = False) -> list[str]:
        """What to show before a question that asks for ids: all of them when the list is short; else
        the most relevant, with their names, and how to see all."""
        everything = self.listing(ref, with_names)
        total = sum(len(ids) for ids in self._ids_by_type(ref).values())
        if len(everything) <= LISTING_LINES or total <= RELEVANT:
            return everything
        top = self.relevant(ref, values)
        width = max(len(i) for i in top)
        lines = ["  The most likely, from your answers so far:"]
        lines += [f"    {i:<{width}}  {self.records[i][2][:70]}" for i in top]
        lines.append(f"  Type ? to list all {total} ids (the preview's index pages list them too).")
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
