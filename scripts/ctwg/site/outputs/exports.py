"""Open data: Catalog -> JSON, CSV and JSON Schemas under /api/v1/ of the built site.

In: the SiteContext (its Catalog holds only what the public site shows). Out, in site_dir:
- api/v1/catalog.json: every record of every type, {type: [record, ...]};
- api/v1/<type>.json: the records of one type;
- api/v1/<type>.csv: one row per record, one column per field; a list or nested value
  is written as JSON text in its cell;
- api/v1/schemas/<type>.schema.json: the JSON Schemas the records follow;
- api/v1/open-data.zip: all of the above in one download, written deterministically (names
  in order, fixed timestamps and permissions), so the same data gives the same bytes.
Every field of every record is written (empty ones as null or []), so the exports
round-trip to the catalog exactly. Feeds and calendars are written by `feeds`.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from ...data import constants
from ...data.catalog import Catalog
from ...data.fields import field_specs
from ...data.models import models_of
from .feeds import write_feeds
from .schemas import render as render_schema

API = "api/v1"
ZIP_NAME = "open-data.zip"  # every file under api/v1/, in one download (docs/data.md links it)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build time in the bytes


def record_dict(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json")


def catalog_dict(cat: Catalog) -> dict[str, list[dict[str, Any]]]:
    return {t: [record_dict(e.model) for e in cat.by_type[t]] for t in constants.RECORD_TYPES}


def csv_text(records: list[dict[str, Any]], fields: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(fields)
    for r in records:
        row = []
        for f in fields:
            v = r.get(f)
            row.append("" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict, bool)) else str(v))
        w.writerow(row)
    return buf.getvalue()


def csv_fields(rtype: str, records: list[dict[str, Any]]) -> list[str]:
    """Every field the type can have (all variants for the work plan), in model order."""
    fields: list[str] = []
    for m in models_of(rtype):
        fields += [f for f in m.model_fields if f not in fields]
    return fields


def structured_fields(rtype: str) -> set[str]:
    """Fields whose CSV cells hold JSON text (lists, nested records, true/false)."""
    return {s.name for m in models_of(rtype) for s in field_specs(m)
            if s.is_list or s.nested is not None or s.value == "yes-no"}


def read_csv(text: str, rtype: str) -> list[dict[str, Any]]:
    """Read an exported CSV back into record dicts (the inverse of `csv_text`)."""
    structured = structured_fields(rtype)
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rec: dict[str, Any] = {}
        for k, v in row.items():
            if v == "":
                rec[k] = None
            elif k in structured:
                rec[k] = json.loads(v)
            else:
                rec[k] = v
        rows.append(rec)
    return rows


def write_all(ctx, site_dir: Path) -> None:
    cat = ctx.catalog
    api = site_dir / API
    (api / "schemas").mkdir(parents=True, exist_ok=True)
    data = catalog_dict(cat)
    (api / "catalog.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    for rtype, records in data.items():
        (api / f"{rtype}.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        (api / f"{rtype}.csv").write_text(csv_text(records, csv_fields(rtype, records)), encoding="utf-8")
        (api / "schemas" / f"{rtype}.schema.json").write_text(render_schema(rtype), encoding="utf-8")
    write_zip(api)
    write_feeds(ctx, site_dir)


def write_zip(api: Path) -> Path:
    """api/v1/open-data.zip: every export file under `api`, by name, with fixed times and modes."""
    target = api / ZIP_NAME
    files = sorted(p for p in api.rglob("*") if p.is_file() and p != target)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{API}/{path.relative_to(api).as_posix()}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the mode above is read as one
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return target
