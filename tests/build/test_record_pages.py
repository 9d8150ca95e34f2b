"""Built record pages (issue 18): the sidebar shows the section the page belongs to, the
breadcrumbs lead home and to the section, and search sees no facts boilerplate."""

from __future__ import annotations

import re

import pytest


def active_nav_links(html: str) -> list[str]:
    """The hrefs of the primary sidebar's entries marked active (the page's section)."""
    nav = html.split('md-nav--primary', 1)[1].split('md-sidebar--secondary', 1)[0]
    return re.findall(r'<li class="md-nav__item md-nav__item--active[^"]*"\s*>\s*(?:<input[^>]*>\s*)?'
                      r'(?:<div class="md-nav__link md-nav__container">\s*)?<a href="([^"]*)"', nav)


@pytest.mark.parametrize(("page", "section"), [
    ("fora/ctwg", "../"),
    ("events/tokyo-soft-targets-workshop-2018", "../"),
    ("documents/medium-term-work-plan-2010-2015", "../"),
    ("work-plan/goal-4", "../"),
])
def test_the_sidebar_marks_the_records_section(built_site, page, section):
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert active_nav_links(html) == [section], active_nav_links(html)


def test_a_work_plan_record_opens_the_work_plan_section(built_site):
    html = (built_site / "work-plan/goal-4/index.html").read_text(encoding="utf-8")
    toggle = re.search(r'<li class="md-nav__item md-nav__item--active md-nav__item--nested">\s*'
                       r'<input class="md-nav__toggle md-toggle[^"]*" type="checkbox" id="[^"]*" checked>', html)
    assert toggle, "the Work plan section is not open on a goal's page"


def test_only_the_current_section_is_active(built_site):
    # The next page built must not inherit the previous record's section.
    html = (built_site / "news/index.html").read_text(encoding="utf-8")
    assert active_nav_links(html) == ["./"], active_nav_links(html)  # the index page itself
    html = (built_site / "partners/cted/index.html").read_text(encoding="utf-8")
    assert active_nav_links(html) == ["../"], active_nav_links(html)
    assert '<a href="../../fora/" class="md-nav__link">' in html


def test_breadcrumbs_lead_home_and_to_the_section(built_site):
    html = (built_site / "fora/ctwg/index.html").read_text(encoding="utf-8")
    crumbs = html.split('class="ctwg-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a>', crumbs) == [("../../", "Home"), ("../", "APEC fora")]
    assert '<span aria-current="page">CTWG</span>' in crumbs
    tag = re.search(r'<nav [^>]*class="ctwg-breadcrumbs"[^>]*>', html).group(0)
    assert "data-pagefind-ignore" in tag and 'aria-label="Breadcrumb"' in tag


def test_the_documents_library_links_every_document_to_its_public_copy(built_site, catalog):
    """documents/index.md is the library (ctwg.site.pages.explorer.library_page): without
    JavaScript too, every document whose data has an address links to it, beside its record."""
    import html as _html

    page = (built_site / "documents/index.html").read_text(encoding="utf-8")
    linked = {_html.unescape(u) for u in re.findall(r'<a class="ctwg-external" href="([^"]+)"', page)}
    wanted = {e.model.url for e in catalog.by_type["documents"] if e.model.url}
    assert len(wanted) > 10 and wanted <= linked, sorted(wanted - linked)[:5]
    for e in catalog.by_type["documents"]:
        assert f'href="{e.id}/"' in page, e.id
