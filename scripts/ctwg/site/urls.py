"""Site URLs: the one place relative links between pages are made.

Pages are named by their docs-relative Markdown path ('fora/ctwg.md', 'explore.md',
'events/index.md'); built pages live at folder URLs ('fora/ctwg/', 'explore/', 'events/').
- `relurl(target, current)`: a Markdown link from one page's source to another's (MkDocs
  resolves and checks it);
- `dir_href(url, current)`: an HTML href from the page built from `current` to a folder URL
  (record pages, index pages), for raw HTML blocks and SVG;
- `from_page_url(page_url, path)`: an href from a built page's URL to a built file (exports).
"""

from __future__ import annotations

import posixpath


def relurl(target: str, current: str) -> str:
    """Relative link from one docs-relative .md path to another (MkDocs resolves and checks it).
    Both are clean relative paths, so this is a purely lexical (and fast) relpath."""
    here = current.split("/")[:-1]
    there = target.split("/")
    n = 0
    while n < len(here) and n < len(there) - 1 and here[n] == there[n]:
        n += 1
    return "/".join([".."] * (len(here) - n) + there[n:])


def dir_href(url: str, current: str) -> str:
    """Relative URL from the page built from `current` to the folder URL `url` ('events/')."""
    cur = current[:-3]
    cur_dir = posixpath.dirname(cur) if cur.endswith("index") else cur
    return posixpath.relpath(url.rstrip("/"), cur_dir or ".") + "/"


def from_page_url(page_url: str, path: str) -> str:
    """Relative URL from a built page's address ('data/') to a built file ('api/v1/x.json')."""
    return "../" * page_url.count("/") + path
