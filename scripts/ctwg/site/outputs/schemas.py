"""JSON Schemas: models -> one schema per record type, for editors and open data.

In: `models.MODELS` (and `models.Glossary`). Out: `data/schemas/<type>.schema.json` and
`data/schemas/glossary.schema.json` (committed; a test fails when they are stale). Editors load them through the `# yaml-language-server: $schema=` line.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from ...data import constants
from ...data.models import MODELS, Glossary


def schema_for(rtype: str) -> dict:
    if rtype == constants.GLOSSARY:
        schema, title = TypeAdapter(Glossary).json_schema(), "Glossary (data/glossary.yml)"
    else:
        schema, title = TypeAdapter(MODELS[rtype]).json_schema(), f"{constants.RECORD_TYPES[rtype]['label']} record"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def render(rtype: str) -> str:
    return json.dumps(schema_for(rtype), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(out: Path, check: bool = False) -> list[str]:
    """Write (or with check=True, compare) every schema; return the names that differ."""
    out.mkdir(parents=True, exist_ok=True) if not check else None
    stale = []
    for rtype in (*constants.RECORD_TYPES, constants.GLOSSARY):
        path = out / f"{rtype}.schema.json"
        text = render(rtype)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path))
            if not check:
                path.write_text(text, encoding="utf-8")
    return stale
