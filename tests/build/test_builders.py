"""The builder is a setting: ProperDocs (the MkDocs 1.6 fork) builds the same site as MkDocs.

`BUILDER=properdocs python -m ctwg build` (as `make build BUILDER=properdocs`) must give the
very same files as the MkDocs build, apart from the generator tag and the build stamp.
"""

from __future__ import annotations

from helpers import DATA, build_site, site_differences


def test_properdocs_builds_the_same_site(built_site, tmp_path):
    out = tmp_path / "site-properdocs"
    result = build_site(out, extra_env={"BUILDER": "properdocs"})
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "fora" / "ctwg" / "index.html").read_text(encoding="utf-8")
    assert "ProperDocs" in page  # it really was ProperDocs that built it
    assert site_differences(built_site, out, ignore_generator=True) == []
    assert site_differences(built_site, out) != []  # and the comparison sees the generator tag


def test_the_comparison_sees_a_changed_page(built_site, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(built_site, copy)
    assert site_differences(built_site, copy) == []
    page = copy / "events" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Events", "Evens", 1), encoding="utf-8")
    assert site_differences(built_site, copy) == ["differs: events/index.html"]


def test_an_unknown_builder_is_refused(tmp_path):
    result = build_site(tmp_path / "x", data=DATA, extra_env={"BUILDER": "hugo"})
    assert result.returncode == 2 and "BUILDER='hugo'" in result.stderr
    assert not (tmp_path / "x").exists()
