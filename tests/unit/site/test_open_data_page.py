"""The Open data page (docs/data.md, issue 18): the fields every record has are listed once,
field names break only at underscores, and one zip holds every export, byte for byte the
same from the same data."""

from __future__ import annotations

import os
import re
import zipfile

from ctwg.data.models import Record
from ctwg.site.context import SiteContext
from ctwg.site.outputs.exports import API, ZIP_NAME, write_zip
from ctwg.site.page_macros import field_name, page_macros


def macros(catalog):
    ctx = SiteContext(catalog)
    return page_macros(lambda: ctx, lambda: ("data.md", "data/"))


def test_common_fields_are_listed_once(catalog):
    md = macros(catalog)["data_fields"]()
    for name in Record.model_fields:
        cells = re.findall(rf"^\| {re.escape(field_name(name))} \|", md, re.M)
        assert len(cells) == 1, (name, len(cells))
    assert md.index("### Fields every record has") < md.index("### APEC fora")
    fora = md.split("### APEC fora", 1)[1].split("\n### ", 1)[0]
    assert field_name("kind") in fora and field_name("summary") not in fora


def test_field_names_break_only_at_underscores(catalog):
    md = macros(catalog)["data_fields"]()
    assert "`" not in md  # no Markdown code spans, whose text a phone may break anywhere
    assert field_name("cooperating_parties") == "<code>cooperating_<wbr>parties</code>"
    assert "<code>cooperating_<wbr>parties</code>" in md
    assert not re.search(r"<code>[a-z]+_[a-z]", md)  # every underscore is followed by a <wbr>


def test_the_zip_holds_every_export_and_is_the_same_each_time(tmp_path):
    def exports(folder):
        api = folder / API
        (api / "schemas").mkdir(parents=True)
        (api / "catalog.json").write_text('{"fora": []}', encoding="utf-8")
        (api / "fora.csv").write_text("id,name\n", encoding="utf-8")
        (api / "schemas" / "fora.schema.json").write_text("{}", encoding="utf-8")
        return api

    a, b = exports(tmp_path / "a"), exports(tmp_path / "b")
    os.utime(b / "fora.csv", (0, 1_000_000_000))  # another time and order of writing
    za, zb = write_zip(a), write_zip(b)
    assert za.name == ZIP_NAME
    assert za.read_bytes() == zb.read_bytes()
    with zipfile.ZipFile(za) as zf:
        assert zf.namelist() == [f"{API}/catalog.json", f"{API}/fora.csv", f"{API}/schemas/fora.schema.json"]
        assert zf.read(f"{API}/fora.csv") == b"id,name\n"
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    write_zip(a)  # a second run does not pack the zip into itself
    with zipfile.ZipFile(za) as zf:
        assert f"{API}/{ZIP_NAME}" not in zf.namelist()
