"""Validation: raw records -> typed models, with errors people can act on.

In: `RawRecord`s from `loader`. Out: (model, raw) pairs and `DataError`s. pydantic does
the checking; this module only turns its findings into one plain-English line each,
pointing at the line of the offending value.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import DataError, suggest
from . import constants
from .fields import field_path, model_at
from .loader import Loc, RawRecord
from .models import MODELS


@cache
def adapter(rtype: str) -> TypeAdapter:
    return TypeAdapter(MODELS[rtype])


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return repr(value)


def _id_message(value: str) -> str:
    odd = [ch for ch in value if ord(ch) > 127]
    if odd:
        ch = odd[0]
        name = unicodedata.name(ch, "unknown character")
        return f"{value!r} contains the non-ASCII character {ch!r} (U+{ord(ch):04X} {name}); ids use a-z, 0-9 and hyphens only"
    return f"should be lower-case letters, digits and single hyphens (e.g. tokyo-workshop-2018), not {value!r}"


def _near(value: Any, choices: Any) -> str:
    """' (did you mean ...?)' for a text value close to one of the allowed choices."""
    if not isinstance(value, str):
        return ""
    return suggest(re.sub(r"[\s_]+", "-", value.strip().lower()), choices)


def _message(err: dict, rtype: str, data: dict, loc: Loc) -> str:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        model = model_at(rtype, data, loc)
        hint = suggest(str(loc[-1]), model.model_fields) if model else ""
        return f"unknown field{hint}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = re.findall(r"'([^']*)'", expected)
        if value is None:
            return f"is empty; use one of: {expected}"
        return f"{_describe(value)} is not allowed{_near(value, choices)}; use one of: {expected}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        choices = ", ".join(f"'{k}'" for k in constants.WORKPLAN_KINDS[:-1]) + f" or '{constants.WORKPLAN_KINDS[-1]}'"
        tag = data.get("kind")
        if kind == "union_tag_not_found" or tag is None:
            return f"is required but missing; use one of: {choices}"
        return f"{_describe(tag)} is not allowed{_near(tag, constants.WORKPLAN_KINDS)}; use one of: {choices}"
    if kind == "string_type":
        return "is empty" if value is None else f"should be a single value, not {_describe(value)}"
    if kind == "list_type":
        return f"should be a list (lines starting with '- '), not {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        model = model_at(rtype, data, loc + ("",)) if loc else None
        fields = f" ({', '.join(model.model_fields)})" if model else ""
        return f"should be a set of 'field: value' lines{fields}, not {_describe(value)}"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"needs at least {n} item{'s' if n != 1 else ''}"
    if kind == "string_too_long":
        return f"is too long ({len(value)} characters; the limit is {ctx.get('max_length')})"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "id":
        return _id_message(str(value))
    if kind == "greater_than_equal":
        return f"should be at least {ctx.get('ge')}, not {value}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "bool_type" or kind == "int_type":
        return f"should be {'true or false' if kind == 'bool_type' else 'a whole number'}, not {_describe(value)}"
    return err["msg"]


def validate_record(raw: RawRecord) -> tuple[Any | None, list[DataError]]:
    errors: list[DataError] = []
    if not raw.loaded:  # the loader has already said why
        return None, errors
    try:
        model = adapter(raw.type).validate_python(raw.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            if raw.type == "workplan" and loc and loc[0] in constants.WORKPLAN_KINDS:
                loc = loc[1:]
            if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc = ("kind",)
            errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc), _message(err, raw.type, raw.data, loc)))
        return None, errors
    if model.id != raw.stem:
        errors.append(DataError(raw.path, raw.line_of(("id",)), "id",
                                f"{model.id!r} does not match the file name; rename the file to {model.id}{Path(raw.path).suffix} or change the id to {raw.stem!r}"))
    return model, errors
