"""Never publish broken: removing or renaming a data file cannot leave a dangling reference
or a dead page; template errors and undefined macro names stop the build."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import DATA, ROOT, build_site


@pytest.fixture
def data_copy(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def test_deleting_a_referenced_record_fails_with_the_referring_lines(data_copy, tmp_path):
    (data_copy / "fora" / "meg-sec.yml").unlink()
    result = build_site(tmp_path / "site", data_copy)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"data/workplan/goal-5\.yml:\d+: cooperating_parties\[\d+\]: unknown APEC forum, partner or "
                     r"member economy 'meg-sec'", out), out
    assert "Traceback" not in out
    assert not (tmp_path / "site").exists()


def test_renaming_a_file_without_its_id_fails(data_copy, tmp_path):
    (data_copy / "fora" / "bmg.yml").rename(data_copy / "fora" / "business-mobility-group.yml")
    result = build_site(tmp_path / "site", data_copy)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "business-mobility-group.yml:" in out and "does not match the file name" in out
    assert not (tmp_path / "site").exists()


def test_deleting_an_unreferenced_record_removes_its_page_and_every_link(data_copy, tmp_path, catalog):
    # find a record nothing points at
    victim = next(e for e in catalog.entries.values() if not catalog.backlinks.get(e.id) and e.type == "outcomes")
    (data_copy / victim.type / f"{victim.id}.yml").unlink()
    out = tmp_path / "site"
    result = build_site(out, data_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (out / victim.url).exists()
    for page in out.rglob("*.html"):
        assert f"/{victim.id}/" not in page.read_text(encoding="utf-8"), page


def _project_copy(tmp_path):
    """mkdocs.yml, docs/ and overrides/ copied (so docs can be broken), scripts/ linked."""
    proj = tmp_path / "proj"
    proj.mkdir()
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, proj / name)
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    (proj / "scripts").symlink_to(ROOT / "scripts")
    (proj / "data").symlink_to(DATA)
    return proj


def _build_project(proj, *extra):
    import subprocess
    import sys

    out = proj / "site"
    result = subprocess.run([sys.executable, "-m", "ctwg", "build", "--site-dir", str(out), "--config",
                             str(proj / "mkdocs.yml"), "--data", str(DATA), *extra],
                            cwd=proj, capture_output=True, text=True, timeout=300)
    return result, out


def test_undefined_macro_stops_the_build(tmp_path):
    proj = _project_copy(tmp_path)
    (proj / "docs" / "about.md").write_text("# About\n\n{{ no_such_macro() }}\n", encoding="utf-8")
    result, out = _build_project(proj)
    assert result.returncode != 0
    assert "no_such_macro" in result.stdout + result.stderr
    assert not out.exists()


def test_broken_internal_link_or_anchor_in_docs_stops_the_build(tmp_path):
    proj = _project_copy(tmp_path)
    (proj / "docs" / "about.md").write_text("# About\n\n[gone](fora/no-such-forum.md)\n", encoding="utf-8")
    result, out = _build_project(proj)
    assert result.returncode != 0 and "no-such-forum.md" in result.stdout + result.stderr
    assert not out.exists()

    (proj / "docs" / "about.md").write_text("# About\n\n[anchor](index.md#no-such-anchor)\n", encoding="utf-8")
    result, out = _build_project(proj)
    assert result.returncode != 0 and "no-such-anchor" in result.stdout + result.stderr
    assert not out.exists()


def test_a_quiet_build_is_still_strict(tmp_path):
    """`--quiet` must not silence the warnings strict mode fails on (the test fixtures build quietly)."""
    proj = _project_copy(tmp_path)
    (proj / "docs" / "about.md").write_text("# About\n\n[gone](../nowhere/file.json)\n", encoding="utf-8")
    result, out = _build_project(proj, "--quiet")
    assert result.returncode != 0
    assert "nowhere/file.json" in result.stdout + result.stderr
    assert not out.exists()
