"""What each field of a model takes: the one walker over the models' type annotations.

In: the pydantic models (`models`). Out: a `FieldSpec` per field (required or not, list or
single, allowed choices, the record types a reference may name, the nested model, the kind
of value: date, URL, number...), and what is built on it: which fields hold references
(`ref_fields`), every reference a record holds (`iter_refs`, `iter_raw_refs` for a record
that did not validate), the model a nested field path leads to (`model_at`) and the way a
field path is written in messages (`field_path`). The linker, the validator, the exports,
the templates and `make new` all read the models through this module.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from annotated_types import Ge, MinLen
from pydantic import AfterValidator, BaseModel, BeforeValidator

from . import dates
from . import models as record_models
from .loader import Loc, field_path  # noqa: F401 - field_path is part of this module's interface
from .models import Ref


@dataclass(frozen=True)
class FieldSpec:
    name: str
    description: str
    required: bool
    is_list: bool = False
    min_items: int = 0
    choices: tuple[str, ...] = ()
    ref: Ref | None = None
    nested: type[BaseModel] | None = None
    value: str = "text"  # text, date, partial-date, url, isbn, number, yes-no, id
    minimum: int | None = None
    item_type: Any = None  # the type of one value (list item or the single value), for checking answers

    def hint(self) -> str:
        """What to write, in words, e.g. 'One of: a, b' or 'A date: YYYY-MM-DD'."""
        if self.choices:
            return "One of: " + ", ".join(self.choices)
        if self.ref is not None:
            what = f"the id of {a_or_an(self.ref.describe())}"
            return (f"Each item: {what}" if self.is_list else what[0].upper() + what[1:]) + f" ({ref_folders(self.ref)})"
        return {
            "date": "A date: YYYY-MM-DD",
            "partial-date": "A date: YYYY, YYYY-MM or YYYY-MM-DD",
            "url": "A web address starting with https:// or http://",
            "isbn": "An ISBN of 10 or 13 digits",
            "number": "A whole number" + (f", {self.minimum} or more" if self.minimum else ""),
            "yes-no": "true or false",
        }.get(self.value, "")


def a_or_an(noun: str) -> str:
    return ("an " if noun[0].lower() in "aeiou" else "a ") + noun


def ref_folders(ref: Ref) -> str:
    names = [f"data/{t}/" for t in ref.types]
    if len(names) > 3:
        return "any data folder"
    return "see " + " or ".join(names) if len(names) < 3 else "see " + ", ".join(names[:-1]) + " or " + names[-1]


_VALUE_KINDS = {
    dates.check_full: "date",
    dates.check_partial: "partial-date",
    record_models._check_url: "url",
    record_models._check_isbn: "isbn",
    record_models._parse_int: "number",
    record_models._parse_bool: "yes-no",
}


def _walk(tp: Any, meta: list[Any]) -> None:
    """Collect every metadata object inside an annotation (Annotated layers, unions, lists)."""
    meta.extend(getattr(tp, "__metadata__", ()))
    for arg in typing.get_args(tp):
        if not isinstance(arg, str):
            _walk(arg, meta)


def _strip_optional(tp: Any) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return tp


def _spec(name: str, info: Any) -> FieldSpec:
    tp = _strip_optional(info.annotation)
    is_list = typing.get_origin(tp) is list
    item = typing.get_args(tp)[0] if is_list else tp
    meta: list[Any] = list(info.metadata)
    _walk(item, meta)
    choices: tuple[str, ...] = ()
    core = item
    while hasattr(core, "__metadata__"):
        core = typing.get_args(core)[0]
    if typing.get_origin(core) is Literal:
        choices = tuple(typing.get_args(core))
    nested = core if isinstance(core, type) and issubclass(core, BaseModel) else None
    ref = next((m for m in meta if isinstance(m, Ref)), None)
    value = "text"
    for m in meta:
        if isinstance(m, (AfterValidator, BeforeValidator)) and m.func in _VALUE_KINDS:
            value = _VALUE_KINDS[m.func]
    if name == "id":
        value = "id"
    min_items = next((m.min_length for m in info.metadata if isinstance(m, MinLen)), 0) if is_list else 0
    minimum = next((m.ge for m in meta if isinstance(m, Ge)), None)
    item_type = item if is_list else typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return FieldSpec(name, info.description or "", info.is_required(), is_list, min_items, choices, ref, nested, value,
                     minimum, item_type)


@cache
def field_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    return tuple(_spec(name, info) for name, info in model.model_fields.items())


@cache
def specs_by_name(model: type[BaseModel]) -> dict[str, FieldSpec]:
    return {s.name: s for s in field_specs(model)}


@cache
def ref_fields(cls: type[BaseModel]) -> dict[str, Ref | None]:
    """Every field of `cls` with the Ref it holds (None for fields that hold no reference)."""
    return {s.name: s.ref for s in field_specs(cls)}


def iter_refs(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, Ref]]:
    """Every (location, id, Ref) held by `model`, nested models included."""
    for name, ref in ref_fields(type(model)).items():
        value = getattr(model, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            here = loc + (name,) + ((i,) if i is not None else ())
            if isinstance(item, BaseModel):
                yield from iter_refs(item, here)
            elif ref is not None and isinstance(item, str):
                yield here, item, ref


def iter_raw_refs(cls: type[BaseModel], data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, Ref]]:
    """Like `iter_refs`, over the raw data of a record that did not validate."""
    if not isinstance(data, dict):
        return
    specs = specs_by_name(cls)
    for name, ref in ref_fields(cls).items():
        value = data.get(name)
        nested = specs[name].nested
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            here = loc + (name,) + ((i,) if i is not None else ())
            if nested is not None and isinstance(item, dict):
                yield from iter_raw_refs(nested, item, here)
            elif ref is not None and isinstance(item, str):
                yield here, item, ref


def model_at(rtype: str, data: dict, loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc` (for 'did you mean')."""
    model = record_models.model_for(rtype, data.get("kind"))
    for part in loc[:-1]:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        spec = specs_by_name(model).get(part)
        model = spec.nested if spec is not None else None
    return model
