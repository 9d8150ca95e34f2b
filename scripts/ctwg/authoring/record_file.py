"""`make new`: the record file itself, written from the answers and checked like any data file.

In: the record type, kind and values. Out: the file's text (`render_record`: the fields
given, then every optional field left out as a commented line with its description) and the
problems the validator finds in it (`validate_values`).
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..data import constants
from ..data.fields import FieldSpec, a_or_an, field_specs
from ..data.loader import RawRecord
from ..data.models import Ref, model_for
from .record_templates import _value_lines, ordered


def _source_model():
    from ..data.models import Source

    return Source


# ---------------------------------------------------------------------------
# Writing


def _comment_for(spec: FieldSpec) -> list[str]:
    """An optional field the user did not fill in, as commented-out line(s) with its description."""
    text = spec.description
    if spec.name == "draft":
        return [f"# draft: true  # {text[len('true '):] if text.startswith('true ') else text}"]
    if spec.nested is not None:
        hint = ("A list of items with " if spec.is_list else "With ") + ", ".join(
            s.name for s in field_specs(spec.nested))
    elif spec.is_list and spec.ref is not None:
        hint = f"One line '  - id' per item: ids of {_plural_ref(spec.ref)}"
    elif spec.is_list and spec.choices:
        hint = "One line '  - value' per item, each one of: " + ", ".join(spec.choices)
    elif spec.is_list:
        hint = "One line '  - text' per item"
    elif spec.ref is not None:
        hint = f"The id of {a_or_an(spec.ref.describe())}"
    else:
        hint = "" if "YYYY" in text else spec.hint()
    if hint:
        text += " " + hint + "."
    lines = textwrap.wrap(text, width=96 - len(spec.name), break_long_words=False, break_on_hyphens=False)
    first = f"# {spec.name}:  # {lines[0]}"
    return [first] + [f"#{' ' * (len(spec.name) + 3)}# {ln}" for ln in lines[1:]]


def _plural_ref(ref: Ref) -> str:
    if ref.kind:
        return f"work-plan {ref.kind}s"
    names = [constants.RECORD_TYPES[t]["plural"] if t != "fora" else "APEC fora" for t in ref.types]
    names = [n if n.startswith("APEC") else n[0].lower() + n[1:] for n in names]
    if len(names) > 4:
        return "any records"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def render_record(rtype: str, kind: str | None, values: dict[str, Any], markdown: bool = False,
                  unfinished: bool = False) -> str:
    """The record's file. `unfinished` (a draft kept on Ctrl+C): a required field not answered yet is an
    empty `field:` line saying so, as in the templates, so the check names each one still to fill in."""
    model = model_for(rtype, kind)
    lines = [constants.SCHEMA_COMMENT.format(rel=f"../schemas/{rtype}.schema.json")]
    for spec in ordered(model):
        value = values.get(spec.name)
        if spec.name == "body" and markdown:
            continue
        if value in (None, [], ""):
            if not spec.required:
                lines += _comment_for(spec)
            elif unfinished and not (spec.name == "body" and markdown):
                lines.append(f"{spec.name}:  # REQUIRED, not answered yet: {spec.description}")
            continue
        if spec.name == "draft":
            lines.append("draft: true  # remove this line when the record may go on the public site")
            continue
        lines += _value_lines(spec.name, value, "")
    text = "\n".join(lines) + "\n"
    if markdown:
        body = str(values.get("body", "")).strip("\n")
        text = "---\n" + text + "---\n" + body + "\n"
    return text


def validate_values(rtype: str, kind: str | None, values: dict[str, Any]) -> list[tuple[str, str]]:
    """(field path, message) for everything the model refuses in the assembled record."""
    from ..data.validate import validate_record

    raw = RawRecord(rtype, f"{values.get('id', 'new')}.yml", values, {})
    _, errors = validate_record(raw)
    return [(e.field, e.message) for e in errors]
