"""Linking: validated models -> references checked, backlinks built.

In: (model, raw) pairs from `validate`. Out: `Link`s (source id, field, target id) and
`DataError`s. A reference must name an existing record of an allowed type; otherwise the
error names the field and suggests the nearest id. Ids are unique across all types.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import DataError, suggest
from . import constants
from .fields import a_or_an, field_path, iter_raw_refs, iter_refs
from .loader import Loc, RawRecord
from .models import model_for


@dataclass(frozen=True)
class Link:
    source: str
    field: str  # top-level field name, e.g. 'organisers' or 'sources'
    target: str


def link(pairs: list[tuple[Any, RawRecord]], failed: list[RawRecord] = ()) -> tuple[list[Link], list[DataError]]:
    """Check references of valid records (and, best effort, of records that failed validation)."""
    errors: list[DataError] = []
    owner: dict[str, tuple[Any, RawRecord]] = {}
    for model, raw in pairs:
        if model.id in owner:
            first = owner[model.id][1]
            errors.append(DataError(raw.path, raw.line_of(("id",)), "id",
                                    f"{model.id!r} is already the id of {first.path}; ids must be unique across all records"))
            continue
        owner[model.id] = (model, raw)

    for raw in failed:  # records that failed validation still exist: don't call them unknown
        rid = raw.data.get("id") if isinstance(raw.data.get("id"), str) else raw.stem
        owner.setdefault(rid, (None, raw))

    ids_by_type: dict[str, list[str]] = {t: [] for t in constants.RECORD_TYPES}
    for rid, (_, raw) in owner.items():
        ids_by_type[raw.type].append(rid)

    links: list[Link] = []
    todo: list[tuple[str | None, RawRecord, Any]] = [
        (model.id, raw, iter_refs(model)) for model, raw in pairs if owner.get(model.id, (None,))[0] is model
    ]
    for raw in failed:
        cls = model_for(raw.type, raw.data.get("kind"))
        if cls is not None:
            todo.append((None, raw, iter_raw_refs(cls, raw.data)))
    for rid, raw, refs in todo:
        seen: set[tuple[Loc, str]] = set()
        for loc, target, ref in refs:
            where = field_path(loc)
            line = raw.line_of(loc)
            parent = loc[:-1] if isinstance(loc[-1], int) else loc
            if (parent, target) in seen:
                errors.append(DataError(raw.path, line, where, f"{target!r} is listed twice"))
                continue
            seen.add((parent, target))
            if target not in owner:
                candidates = [i for t in ref.types for i in ids_by_type[t]]
                errors.append(DataError(raw.path, line, where,
                                        f"unknown {ref.describe()} {target!r}{suggest(target, candidates)}"
                                        f"{_odd_character(target)}"))
                continue
            tmodel, traw = owner[target]
            if traw.type not in ref.types:
                errors.append(DataError(raw.path, line, where,
                                        f"{target!r} is {a_or_an(constants.RECORD_TYPES[traw.type]['noun'])}, "
                                        f"but this field needs {a_or_an(ref.describe())}"))
                continue
            tkind = getattr(tmodel, "kind", None) if tmodel is not None else traw.data.get("kind")
            if tmodel is None and tkind not in constants.WORKPLAN_KINDS:
                tkind = ref.kind  # the target's own file reports its bad kind; don't repeat it here
            if ref.kind and tkind != ref.kind:
                errors.append(DataError(raw.path, line, where,
                                        f"{target!r} is a work-plan {tkind}, but this field needs a work-plan {ref.kind}"))
                continue
            if target == rid and loc[0] == "sources":
                continue  # a source document may cite itself; no backlink needed
            if target == rid:
                errors.append(DataError(raw.path, line, where, "a record cannot refer to itself"))
                continue
            if rid is not None:
                links.append(Link(rid, str(loc[0]), target))

    errors.extend(_parent_cycles(owner))
    return links, errors


def _odd_character(target: str) -> str:
    """A note on the first non-ASCII character of an id (often a look-alike letter), or ''."""
    ch = next((c for c in target if ord(c) > 127), None)
    if ch is None:
        return ""
    return f"; it contains the non-ASCII character {ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, 'unknown character')})"


def _parent_cycles(owner: dict[str, tuple[Any, RawRecord]]) -> list[DataError]:
    errors = []
    for rid, (model, raw) in owner.items():
        if model is None:
            continue
        chain, cur = [rid], getattr(model, "parent", None)
        if cur == rid:
            continue  # reported as "a record cannot refer to itself"
        while cur and cur in owner:
            if cur in chain:
                errors.append(DataError(raw.path, raw.line_of(("parent",)), "parent",
                                        f"parents go round in a circle ({' -> '.join(chain + [cur])}); "
                                        "one of these records needs a different parent"))
                break
            chain.append(cur)
            cur = getattr(owner[cur][0], "parent", None) if owner[cur][0] is not None else None
    return errors
