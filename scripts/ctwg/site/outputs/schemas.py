"""JSON Schemas: models -> one schema per record type, for editors and open data.

In: `models.MODELS`. Out: `data/schemas/<type>.schema.json` (committed; a test fails when
they are stale). Editors load them through the `# yaml-language-server: $schema=` line.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from ...data import constants
from ...data.models import MODELS


def schema_for(rtype: str) -> dict:
    schema = TypeAdapter(MODELS[rtype]).json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{constants.RECORD_TYPES[rtype]['label']} record",
        **schema,
    }
    return schema


def render(rtype: str) -> str:
    return json.dumps(schema_for(rtype), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(out: Path, check: bool = False) -> list[str]:
    """Write (or with check=True, compare) every schema; return the names that differ."""
    out.mkdir(parents=True, exist_ok=True) if not check else None
    stale = []
    for rtype in constants.RECORD_TYPES:
        path = out / f"{rtype}.schema.json"
        text = render(rtype)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path))
            if not check:
                path.write_text(text, encoding="utf-8")
    return stale
