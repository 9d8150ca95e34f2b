"""The site search: what Pagefind indexes of each page, and the bundle it leaves in the site.

In: a page's title, kind and content HTML. Out: its searchable part (`searchable_part`, the
same text overrides/main.html marks with data-pagefind-body), Pagefind's settings (`CONFIG`:
what inside a page is not indexed) and `tidy_bundle`, which checks the written index in
site/pagefind/ and removes Pagefind's own UI files (docs/assets/js/search.js is the UI).
How Pagefind is run (as a service, beside MkDocs) is ctwg.perf's business.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ...data.constants import RECORD_TYPES, SEARCH_TYPE_ORDER
from ...data.derived import display_name
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
    ".ctwg-svg--copy",     # a figure's narrower drawings: the same words as its widest one
    ".ctwg-results",       # explorer and library lists: every record is indexed on its own page
    ".ctwg-facets",        # filter choices
    ".ctwg-index table",   # index pages' tables
    ".ctwg-figure svg",    # diagram labels
    ".ctwg-cite",          # citation block: repeats the title
    ".ctwg-listing",       # route pages' copies of other pages' text and lists of records (audiences)
    ".ctwg-badges",        # a record's type and kind: the results show its kind already
    ".ctwg-breadcrumbs",   # Home > section > record: the same words on every record page
    "thead",               # table headers ("Field", "Status"...): excerpts show the rows' content
]
# Pages that repeat what other pages say (the home page sums up the site): their words count
# for less (Pagefind's data-pagefind-weight; 1 is normal text), so the records they point to
# come first. Route pages name theirs in their front matter (`search_weight`).
HOME_WEIGHT = 0.3
CONFIG = {"force_language": "en", "exclude_selectors": EXCLUDE}
# Files of Pagefind's bundle the site never loads: its UIs (search.js is the site's own), and the
# word-splitter for pages of no known language (every page is English: force_language).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")
SLIM_HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head><body>'



def searchable_part(title: str, kind: str, content: str, weight: float | None = None) -> str:
    """A page's searchable part, as overrides/main.html's `content` block writes it around
    Material's partials/content.html (whose other pieces hold no text: an edit icon).

    Pagefind gets it as soon as the page's content is ready, before the theme is rendered, so
    that it indexes on the other core while MkDocs works on. A test runs Pagefind's own
    command over the finished site and checks that it finds exactly what the build indexed.
    """
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    body = f'<div data-pagefind-weight="{weight}">{heading}{content}</div>' if weight else f"{heading}{content}"
    return ('<div data-pagefind-body><div hidden data-pagefind-ignore>'
            f'<span data-pagefind-meta="title">{title}</span>'
            f'<span data-pagefind-meta="kind" data-pagefind-filter="kind">{kind}</span></div>'
            f'{body}</div>')


def search_weight(meta: dict, is_homepage: bool) -> float | None:
    """How much a page's words count in the search (None: as normal text)."""
    return meta.get("search_weight") or (HOME_WEIGHT if is_homepage else None)


def tidy_bundle(bundle: Path, pages: int) -> str:
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(f"the search index (Pagefind) wrote no {bundle.name}/pagefind.js")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return f"Indexed {pages} pages"


NAMES_DIR = "search/names"
NAMES_BUCKETS = 64  # a query fetches one bucket: ~1 KB at x1, ~100 KB at x100 (search.js)
NAMES_PER_KEY = 3


def bucket(key: str) -> int:
    """djb2 over UTF-16 code units, as search.js computes it."""
    h = 5381
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h = (h * 33 + int.from_bytes(units[i:i + 2], "little")) & 0xFFFFFFFF
    return h % NAMES_BUCKETS


def norm(text: str) -> str:
    """As search.js's norm(): lower case, every run of other than letters and digits one space."""
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def search_names(catalog) -> dict[str, str]:
    """{search/names/<bucket>.json: JSON} holding {normalised name: [[page path, title, kind], ...]}
    for every record's name, short name and shown name: a query that is exactly one of them puts
    that page first (docs/assets/js/search.js), wherever Pagefind ranks it. Hub types come first
    (SEARCH_TYPE_ORDER). The names are split into buckets by a hash of the name, so a query
    downloads one small file however large the site grows."""
    order = {t: i for i, t in enumerate(SEARCH_TYPE_ORDER)}
    names: dict[str, list] = {}
    for e in sorted(catalog.entries.values(), key=lambda e: (order.get(e.type, len(order)), e.id)):
        item = [e.url, display_name(e), RECORD_TYPES[e.type]["label"]]
        for text in {e.model.name, display_name(e), e.model.short_name or ""}:
            key = norm(text)
            if key and item not in names.setdefault(key, []) and len(names[key]) < NAMES_PER_KEY:
                names[key].append(item)
    buckets: dict[int, dict] = {b: {} for b in range(NAMES_BUCKETS)}
    for key, items in names.items():
        buckets[bucket(key)][key] = items
    return {f"{NAMES_DIR}/{b}.json": json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            for b, v in buckets.items()}


WORDS_FILE = "search/words.json"


def search_words(catalog) -> str:
    """{word: how many record names use it} for the words of every record's name and short
    name: search.js corrects a query that finds nothing to the nearest of these ('terorism' ->
    'terrorism'). Names repeat their words as the site grows, so the list stays small."""
    counts: dict[str, int] = {}
    for e in catalog.entries.values():
        for text in (e.model.name, e.model.short_name or ""):
            for word in norm(text).split():
                if len(word) >= 4 and word.isalpha():
                    counts[word] = counts.get(word, 0) + 1
    return json.dumps(dict(sorted(counts.items())), ensure_ascii=False, separators=(",", ":"))
