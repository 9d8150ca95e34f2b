"""The Catalog: every record, resolved and cross-linked, ready to render.

In: a data folder. Out: a `Catalog` (records by id and by type, outgoing links,
backlinks) or `DataErrors` holding every problem found. `build_catalog` runs the whole
pipeline: load -> validate -> link, then (for the public site) hides drafts and records
whose publish date is still to come, removing references to them.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import DataError, DataErrors, suggest
from . import constants
from .datafiles import load_tree
from .fields import a_or_an, field_path, iter_refs, ref_fields
from .filecache import FileCache
from .linker import MARKDOWN_FIELDS, Link, link, link_target, markdown_hrefs
from .loader import RawRecord, load_file
from .models import Glossary
from .validate import check_not_in_future, validate_glossary, validate_record


@dataclass
class Entry:
    type: str
    model: Any
    raw: RawRecord

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def path(self) -> str:
        return self.raw.path

    @property
    def kind(self) -> str | None:
        return getattr(self.model, "kind", None)

    @property
    def url(self) -> str:
        """Site-relative URL of the record's page, e.g. 'fora/ctwg/'."""
        return f"{constants.RECORD_TYPES[self.type]['url']}/{self.id}/"

    def not_public_because(self, today: _dt.date | None = None) -> str | None:
        """Why a preview shows this record although the public site will not, or None."""
        return _hidden(self.model, today or _dt.date.today())


@dataclass
class Catalog:
    entries: dict[str, Entry]
    links: list[Link]
    data_dir: Path
    hidden: dict[str, str] = field(default_factory=dict)  # id -> why it is not public
    glossary: Glossary | None = None  # data/glossary.yml: the terms no record names
    by_type: dict[str, list[Entry]] = field(init=False)
    backlinks: dict[str, list[Link]] = field(init=False)
    outgoing: dict[str, list[Link]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_type = {t: [] for t in constants.RECORD_TYPES}
        for e in self.entries.values():
            self.by_type[e.type].append(e)
        for t in self.by_type:
            self.by_type[t].sort(key=sort_key)
        self.backlinks = defaultdict(list)
        self.outgoing = defaultdict(list)
        for ln in self.links:
            self.backlinks[ln.target].append(ln)
            self.outgoing[ln.source].append(ln)

    def __contains__(self, rid: str) -> bool:
        return rid in self.entries

    def get(self, rid: str) -> Entry:
        return self.entries[rid]

    def of_type(self, rtype: str, kind: str | None = None) -> list[Entry]:
        return [e for e in self.by_type[rtype] if kind is None or e.kind == kind]

    def referrers(self, rid: str, rtype: str | None = None, fields: Iterable[str] | None = None) -> list[Entry]:
        """Records that point at `rid` (optionally only of one type / through some fields)."""
        fields = set(fields) if fields else None
        seen, out = set(), []
        for ln in self.backlinks.get(rid, []):
            src = self.entries[ln.source]
            if (rtype and src.type != rtype) or (fields and ln.field not in fields) or src.id in seen:
                continue
            seen.add(src.id)
            out.append(src)
        return sorted(out, key=sort_key)

    def counts(self) -> dict[str, int]:
        return {t: len(v) for t, v in self.by_type.items()}


def sort_key(e: Entry) -> tuple:
    m = e.model
    number = getattr(m, "number", None)
    order = {"plan": 0, "strand": 1, "goal": 2}.get(getattr(m, "kind", ""), 0) if e.type == "workplan" else 0
    return (order, number if number is not None else 0, m.name.lower(), m.id)


def _hidden(model: Any, today: _dt.date) -> str | None:
    if model.draft:
        return "draft"
    if model.publish_date and _dt.date.fromisoformat(model.publish_date) > today:
        return f"scheduled for {model.publish_date}"
    return None


def _strip(model: BaseModel, hidden: set[str]) -> BaseModel:
    """A copy of `model` without references to hidden records (list items dropped, single refs cleared)."""
    changes: dict[str, Any] = {}
    for name, ref in ref_fields(type(model)).items():
        value = getattr(model, name)
        if isinstance(value, list):
            # a nested item (e.g. a source) whose required reference is hidden goes as a whole
            kept = [v for v in value if not (isinstance(v, BaseModel) and _required_ref_hidden(v, hidden))]
            new = [(_strip(v, hidden) if isinstance(v, BaseModel) else v) for v in kept]
            new = [v for v in new if not (ref is not None and isinstance(v, str) and v in hidden)]
            if new != value:
                changes[name] = new
        elif isinstance(value, BaseModel):
            new = _strip(value, hidden)
            if new is not value:
                changes[name] = new
        elif ref is not None and isinstance(value, str) and value in hidden:
            changes[name] = None
    return model.model_copy(update=changes) if changes else model


def _required_ref_hidden(model: BaseModel, hidden: set[str]) -> bool:
    for name, ref in ref_fields(type(model)).items():
        value = getattr(model, name)
        if ref is not None and isinstance(value, str) and value in hidden and type(model).model_fields[name].is_required():
            return True
    return False


def load_glossary(data_dir: Path) -> tuple[RawRecord | None, list[DataError]]:
    """data/glossary.yml (the terms no record names), or None when there is none."""
    path = Path(data_dir) / constants.GLOSSARY_FILE
    if path.is_symlink() or not path.is_file():
        return None, []  # a link is refused by iter_data_files, a folder of that name too
    return load_file(path, constants.GLOSSARY)


def build_catalog(data_dir: Path, *, public: bool = True, today: _dt.date | None = None,
                  cache: FileCache | None = None) -> Catalog:
    """Load, validate and link `data_dir`; raise `DataErrors` with every problem found.

    With a `cache` (`mkdocs serve`), unchanged files are neither read nor checked again."""
    today = today or _dt.date.today()
    raws, errors = load_tree(Path(data_dir), load=cache.load if cache else None)
    if cache:
        cache.forget_missing()
    graw, gerrs = load_glossary(Path(data_dir))
    errors.extend(gerrs)
    glossary = None
    if graw is not None:
        glossary, gerrs = validate_glossary(graw)
        errors.extend(gerrs)
    pairs, failed = [], []
    for raw in raws:
        model, errs = cache.validate(raw) if cache else validate_record(raw)
        errors.extend(errs)
        if model is not None:
            errors.extend(check_not_in_future(model, raw, _dt.date.today()))  # the real today, not a scheduling test's
            pairs.append((model, raw))
        else:
            failed.append(raw)
    links, link_errors = link(pairs, failed, kept=cache.linked if cache else None)
    errors.extend(link_errors)
    if glossary is not None:
        errors.extend(check_glossary(glossary, graw, pairs, failed))
    if errors:
        raise DataErrors(errors)

    entries = {m.id: Entry(r.type, m, r) for m, r in pairs}
    hidden: dict[str, str] = {}
    if public:
        hidden = {rid: why for rid, e in entries.items() if (why := _hidden(e.model, today))}
    if hidden:
        errors = []
        hidden_pages = {entries[rid].url: rid for rid in hidden}
        for rid in list(entries):
            if rid in hidden:
                del entries[rid]
                continue
            e = entries[rid]
            for loc, target, _ref in iter_refs(e.model):
                # A required single reference to a hidden record cannot be dropped.
                if target in hidden and not any(isinstance(p, int) for p in loc) and _required(e.model, loc):
                    errors.append(DataError(e.path, e.raw.line_of(loc), str(loc[0]),
                                            f"refers to {target!r}, which is not public yet ({hidden[target]})"))
            errors.extend(_links_to_hidden(e, hidden_pages, hidden))
            cited = [s.document for s in getattr(e.model, "sources", [])]
            e.model = _strip(e.model, set(hidden))
            if cited and not e.model.sources:
                why = "; ".join(f"{d!r} is {'a draft' if hidden[d] == 'draft' else hidden[d]}" for d in dict.fromkeys(cited))
                errors.append(DataError(e.path, e.raw.line_of(("sources",)), "sources",
                                        f"every source of this record is not public yet ({why}); cite a public document too"))
        if glossary is not None:
            glossary, gerrs = _public_glossary(glossary, graw, hidden)
            errors.extend(gerrs)
        if errors:
            raise DataErrors(errors)
        links = [ln for ln in links if ln.source in entries and ln.target in entries]
    return Catalog(entries, links, Path(data_dir), hidden, glossary)


def short_names(model: Any) -> list[tuple[tuple, str]]:
    """A record's short names with where they are: its own, then its former names'."""
    out = [(("short_name",), model.short_name)] if model.short_name else []
    for i, former in enumerate(getattr(model, "former_names", [])):
        if former.short_name:
            out.append((("former_names", i, "short_name"), former.short_name))
    return out


def check_glossary(glossary: Glossary, raw: RawRecord, pairs: list[tuple[Any, RawRecord]],
                   failed: list[RawRecord]) -> list[DataError]:
    """The glossary's references name existing records of the right type, and a term that is a
    record's short name (which the glossary page takes from the record) lists that record: it
    then gives the term's meaning in the record's place (AML/CFT: what the letters stand for)."""
    errors: list[DataError] = []
    types = {m.id: r.type for m, r in pairs}
    for r in failed:
        types.setdefault(r.data.get("id") if isinstance(r.data.get("id"), str) else r.stem, r.type)
    for loc, target, ref in iter_refs(glossary):
        if target not in types:
            candidates = [i for i, t in types.items() if t in ref.types]
            errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc),
                                    f"unknown {ref.describe()} {target!r}{suggest(target, candidates)}"))
        elif types[target] not in ref.types:
            errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc),
                                    f"{target!r} is {a_or_an(constants.RECORD_TYPES[types[target]]['noun'])}, "
                                    f"but this field needs {a_or_an(ref.describe())}"))
    named: dict[str, list[tuple[Any, RawRecord]]] = {}
    for m, r in pairs:
        for _loc, short in short_names(m):
            named.setdefault(" ".join(short.split()), []).append((m, r))
    for i, term in enumerate(glossary.terms):
        for j, form in enumerate([term.term, *term.also]):
            holders = named.get(" ".join(form.split()), [])
            if holders and (j > 0 or not {m.id for m, _ in holders} & set(term.records)):
                m, r = holders[0]
                loc = ("terms", i, "term") if j == 0 else ("terms", i, "also", j - 1)
                how = ("list it as a term of its own with the record under records, or delete it here" if j > 0 else
                       f"delete it here, or add {m.id!r} to its records to give its meaning here instead")
                errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc),
                                        f"{form!r} is the short name of {m.id!r} ({r.path}), which defines it: the "
                                        f"glossary lists it from that record; {how}"))
    return errors


def _public_glossary(glossary: Glossary, raw: RawRecord, hidden: dict[str, str]) -> tuple[Glossary, list[DataError]]:
    """The glossary without references to records that are not public."""
    errors = []
    terms = []
    for i, term in enumerate(glossary.terms):
        kept = _strip(term, set(hidden))
        if term.sources and not kept.sources:
            why = "; ".join(f"{s.document!r} is {'a draft' if hidden[s.document] == 'draft' else hidden[s.document]}"
                            for s in term.sources)
            errors.append(DataError(raw.path, raw.line_of(("terms", i, "sources")), f"terms[{i + 1}].sources",
                                    f"every source of this term is not public yet ({why}); cite a public document too"))
        terms.append(kept)
    return glossary.model_copy(update={"terms": terms}), errors


def _links_to_hidden(e: Entry, pages: dict[str, str], hidden: dict[str, str]) -> list[DataError]:
    """A Markdown link in a public record to the page of a record that is not public would break."""
    errors = []
    for name in MARKDOWN_FIELDS:
        text = getattr(e.model, name, None)
        for href in markdown_hrefs(text) if isinstance(text, str) else []:
            rid = pages.get(link_target(href, e.url) or "-")
            if rid is not None:
                errors.append(DataError(e.path, e.raw.line_of((name,)), name,
                                        f"links to {href!r}, the page of {rid!r}, which is not public yet ({hidden[rid]})"))
    return errors


def _required(model: BaseModel, loc: tuple) -> bool:
    obj: Any = model
    for part in loc[:-1]:
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    info = type(obj).model_fields.get(loc[-1])
    return bool(info and info.is_required())
