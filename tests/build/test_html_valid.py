"""The Nu Html Checker (vnu-jar, pinned in tests/vnu/package-lock.json, run with the machine's
Java) finds no error on any page of the built site."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from ctwg.site.outputs.html_fixes import valid_html
from helpers import TESTS

VNU = TESTS / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(path) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and tests/vnu (make test installs both)")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(path)], capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def test_every_page_is_valid_html(built_site):
    errors = check(built_site)
    shown = [f"{m['url'].rsplit('/site/', 1)[-1]}: {m['message']}" for m in errors[:20]]
    assert not errors, f"{len(errors)} errors, the first:\n" + "\n".join(shown)


def test_the_checker_reports_what_valid_html_removes(tmp_path):
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
            '<input type="checkbox" id="__drawer" autocomplete="off"><div markdown="0"><p>x</p></div>'
            '<label for="__toc">Contents</label></body></html>')
    (tmp_path / "bad.html").write_text(page, encoding="utf-8")
    assert len(check(tmp_path)) == 3  # the checker sees all three
    (tmp_path / "bad.html").write_text(valid_html(page), encoding="utf-8")
    assert check(tmp_path) == []


def test_valid_html_keeps_text_and_other_attributes():
    text = '<p>&lt;div markdown="0"&gt; stays as text</p><input type="search" autocomplete="off">'
    assert valid_html(text) == text
