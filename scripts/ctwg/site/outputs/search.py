"""The site search: what Pagefind indexes of each page, and the bundle it leaves in the site.

In: a page's title, kind and content HTML. Out: its searchable part (`searchable_part`, the
same text overrides/main.html marks with data-pagefind-body), Pagefind's settings (`CONFIG`:
what inside a page is not indexed) and `tidy_bundle`, which checks the written index in
site/pagefind/ and removes Pagefind's own UI files (docs/assets/js/search.js is the UI).
How Pagefind is run (as a service, beside MkDocs) is ctwg.perf's business.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import SearchIndexError

BUNDLE = "pagefind"
# Inside the article: not text anyone searches for (permalink signs), and lists of other
# records: a page is found for what it says about its subject, not for the names of the pages
# it links to, each of which is found itself. This also keeps the index small: Pagefind needs
# memory in proportion to the text it indexes (about 100 KB per record page with the lists,
# which would be 1.5 GB for a site of 15,000 pages).
EXCLUDE = [
    ".headerlink",
    ".ctwg-connections",   # a record page's Connections (pages pointing to it)
    ".ctwg-sources",       # its Sources (the documents it cites)
    ".ctwg-cooperation",   # a forum's or partner's cooperation diagram and table
    ".ctwg-results",       # explorer and library lists: every record is indexed on its own page
    ".ctwg-facets",        # filter choices
    ".ctwg-index table",   # index pages' tables
    ".ctwg-figure svg",    # diagram labels
    ".ctwg-cite",          # citation block: repeats the title
]
CONFIG = {"force_language": "en", "exclude_selectors": EXCLUDE}
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
SLIM_HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head><body>'



def searchable_part(title: str, kind: str, content: str) -> str:
    """A page's searchable part, as overrides/main.html's `content` block writes it around
    Material's partials/content.html (whose other pieces hold no text: an edit icon).

    Pagefind gets it as soon as the page's content is ready, before the theme is rendered, so
    that it indexes on the other core while MkDocs works on. A test runs Pagefind's own
    command over the finished site and checks that it finds exactly what the build indexed.
    """
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    return ('<div data-pagefind-body><div hidden data-pagefind-ignore>'
            f'<span data-pagefind-meta="title">{title}</span>'
            f'<span data-pagefind-meta="kind" data-pagefind-filter="kind">{kind}</span></div>'
            f'{heading}{content}</div>')


def tidy_bundle(bundle: Path, pages: int) -> str:
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(f"the search index (Pagefind) wrote no {bundle.name}/pagefind.js")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return f"Indexed {pages} pages"
