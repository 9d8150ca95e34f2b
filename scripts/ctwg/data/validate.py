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
from .fields import field_path, model_at, specs_by_name
from .loader import Loc, RawRecord
from .models import MODELS, Glossary, models_of

# Ids that would take the address of a page the site makes itself ('events/index' is the list of events).
RESERVED_IDS = ("index",)


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


def _spec_at(rtype: str, data: dict, loc: Loc):
    """The FieldSpec of the field a value at `loc` belongs to (list positions skipped), or None."""
    names = [p for p in loc if not isinstance(p, int)]
    if not names:
        return None
    model = model_at(rtype, data, tuple(loc[: max(i for i, p in enumerate(loc) if not isinstance(p, int)) + 1]))
    return specs_by_name(model).get(names[-1]) if model is not None else None


def _cut_by_comment(raw: RawRecord) -> list[DataError]:
    """Text fields whose plain value YAML cut at a ' #' (the rest of the line read as a comment)."""
    errors = []
    for loc, (value, rest) in sorted(raw.cut_by_comment.items(), key=lambda kv: raw.line_of(kv[0])):
        spec = _spec_at(raw.type, raw.data, loc)
        if spec is None or spec.value != "text" or spec.choices or spec.ref is not None:
            continue  # a comment after an id, a choice or a date is only a comment
        whole = f"{value} {rest}"
        quoted = "'" + whole.replace("'", "''") + "'"
        errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc),
                                f"the text stops at ' #': YAML reads ' #' and what follows as a comment, so only "
                                f"{value!r} would be shown; if {rest!r} is part of the text, put the whole value in "
                                f"quotes: {quoted}"))
    return errors


def _belongs_elsewhere(raw: RawRecord) -> str | None:
    """The type folder a record that fails here would fit, when its fields are another type's."""
    if not isinstance(raw.data, dict):
        return None
    keys = {k for k in raw.data if isinstance(k, str)}

    def allowed(rtype: str) -> set[str]:
        return {name for m in models_of(rtype) for name in m.model_fields}

    fits = [t for t in constants.RECORD_TYPES if t != raw.type and keys <= allowed(t)]
    valid = []
    for t in fits:
        try:
            adapter(t).validate_python(raw.data)
            valid.append(t)
        except ValidationError:
            pass
    if len(valid) == 1:
        return valid[0]  # valid as a record of exactly one other type
    if keys <= allowed(raw.type):
        return None  # its own type's fields, with mistakes in the values: those are reported
    return fits[0] if len(fits) == 1 else None


def _documents_beside_sources(model: Any):
    """(location, document id, what its section shows) for each document a record names outside
    `sources` (a disagreement's versions, a chair's evidence): each must be in `sources` too."""
    for i, dis in enumerate(getattr(model, "disagreements", [])):
        for j, account in enumerate(dis.accounts):
            for k, doc in enumerate(account.documents):
                yield ("disagreements", i, "accounts", j, "documents", k), doc, "says this"
    for i, chair in enumerate(getattr(model, "chairs", [])):
        for k, doc in enumerate(chair.documents):
            yield ("chairs", i, "documents", k), doc, "names the chair"


def _record_checks(model: Any, raw: RawRecord) -> list[DataError]:
    """What a valid record must also be: an id that is not a page of its own, sources listed once,
    a short name the page shows."""
    errors = []
    noun = constants.RECORD_TYPES[raw.type]
    if model.id in RESERVED_IDS:
        errors.append(DataError(raw.path, raw.line_of(("id",)), "id",
                                f"{model.id!r} cannot be an id: {noun['url']}/{model.id} is the address of the list of "
                                f"all {noun['plural'].lower()}; choose another id (and rename the file to match)"))
    seen: dict[tuple[str, str], int] = {}
    for i, src in enumerate(getattr(model, "sources", [])):
        key = (src.document, " ".join(src.section.split()).lower())
        if key in seen:
            errors.append(DataError(raw.path, raw.line_of(("sources", i)), f"sources[{i + 1}]",
                                    f"is the same source as sources[{seen[key] + 1}] ({src.document!r}, section "
                                    f"{src.section!r}); list each source once"))
        else:
            seen[key] = i
    cited = {src.document for src in getattr(model, "sources", [])}
    for loc, doc, what in _documents_beside_sources(model):
        if doc not in cited:
            errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc),
                                    f"{doc!r} is not in this record's sources; add it there too, with the "
                                    f"section that {what}"))
    for loc, holder in [((), model)] + [(("former_names", i), f) for i, f in enumerate(getattr(model, "former_names", []))]:
        short, name = holder.short_name, holder.name
        if short and short in name and not re.search(rf"(?<!\w){re.escape(short)}(?!\w)", name):
            word = re.search(rf"\w*{re.escape(short)}\w*", name).group()
            errors.append(DataError(raw.path, raw.line_of(loc + ("short_name",)), field_path(loc + ("short_name",)),
                                    f"{short!r} is part of {word!r} in the name, so the page would never show "
                                    "it as a short name (a short name already in the name as a whole word is shown "
                                    "there); correct it, or delete short_name"))
    return errors


def check_not_in_future(model: Any, raw: RawRecord, today) -> list[DataError]:
    """A review date still to come is a typing mistake (a publish date still to come is a schedule)."""
    if model.reviewed and model.reviewed > today.isoformat():
        return [DataError(raw.path, raw.line_of(("reviewed",)), "reviewed",
                          f"{model.reviewed} is still to come; write the date the record was last checked against "
                          "its sources (today or earlier)")]
    return []


def validate_record(raw: RawRecord) -> tuple[Any | None, list[DataError]]:
    errors: list[DataError] = []
    if not raw.loaded:  # the loader has already said why
        return None, errors
    errors.extend(_cut_by_comment(raw))
    try:
        model = adapter(raw.type).validate_python(raw.data)
    except ValidationError as exc:
        home = _belongs_elsewhere(raw)
        if home is not None:
            here = constants.RECORD_TYPES[raw.type]["noun"]
            there = constants.RECORD_TYPES[home]["noun"]
            errors.append(DataError(raw.path, raw.line_of(("id",)), "",
                                    f"its fields are those of {'an' if there[0] in 'aeiou' else 'a'} {there}, not "
                                    f"{'an' if here[0] in 'aeiou' else 'a'} {here}: move the file to data/{home}/"))
            raw.type = home  # so the linker treats it (and references to it) as what it is: no follow-on errors
            return None, errors
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            if raw.type == "workplan" and loc and loc[0] in constants.WORKPLAN_KINDS:
                loc = loc[1:]
            if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc = ("kind",)
            errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc), _message(err, raw.type, raw.data, loc)))
        return None, errors
    errors.extend(_record_checks(model, raw))
    if model.id != raw.stem:
        errors.append(DataError(raw.path, raw.line_of(("id",)), "id",
                                f"{model.id!r} does not match the file name; rename the file to {model.id}{Path(raw.path).suffix} or change the id to {raw.stem!r}"))
    return model, errors


def validate_glossary(raw: RawRecord) -> tuple[Glossary | None, list[DataError]]:
    """data/glossary.yml -> the Glossary model, with every problem as path:line: field: message.

    Besides the model's checks: each term (and each of its other forms) appears once, and a
    term lists each source once. Whether a term is also a record's short name, and whether its
    references exist, is checked with the records (catalog.check_glossary)."""
    errors: list[DataError] = []
    if not raw.loaded:
        return None, errors
    errors.extend(_cut_by_comment(raw))
    try:
        model = TypeAdapter(Glossary).validate_python(raw.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc), _message(err, raw.type, raw.data, loc)))
        return None, errors
    seen: dict[str, str] = {}
    for i, term in enumerate(model.terms):
        for j, form in enumerate([term.term, *term.also]):
            loc = ("terms", i, "term") if j == 0 else ("terms", i, "also", j - 1)
            key = " ".join(form.split())
            if key in seen:
                errors.append(DataError(raw.path, raw.line_of(loc), field_path(loc),
                                        f"{form!r} is already in the glossary ({seen[key]}); each term appears once"))
            else:
                seen[key] = f"terms[{i + 1}]"
        pairs: dict[tuple[str, str], int] = {}
        for k, src in enumerate(term.sources):
            key2 = (src.document, " ".join(src.section.split()).lower())
            if key2 in pairs:
                errors.append(DataError(raw.path, raw.line_of(("terms", i, "sources", k)), f"terms[{i + 1}].sources[{k + 1}]",
                                        f"is the same source as sources[{pairs[key2] + 1}]; list each source once"))
            pairs.setdefault(key2, k)
    return model, errors
