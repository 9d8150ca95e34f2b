"""Site URLs: the one place links between pages are made.

Pages are named by their docs-relative Markdown path ('fora/ctwg.md', 'explore.md',
'events/index.md'); built pages live at folder URLs ('fora/ctwg/', 'explore/', 'events/').
A page's Markdown holds internal links in two forms, each of which MkDocs and Zensical (and
any engine that reads `mkdocs.yml`) treat alike:
- in Markdown, a link to the target's `.md` file, relative to the page's own (`relurl`): both
  engines check it and turn it into a relative link to the built page;
- in raw HTML (HTML blocks, tables written as HTML, SVG figures), an href from the site's root
  (`site_href`: '/events/', '/api/v1/events.json'). MkDocs leaves raw HTML as written, while
  Zensical rewrites a relative href there as if it were relative to the page's Markdown file
  (one '../' more on every page not named index.md), but leaves an href from the root alone.
  `relative_hrefs` then turns these into relative hrefs on the finished page (the plugin's
  `post_page` and `python -m ctwg post-build` both call it through
  ctwg.site.outputs.html_fixes.finished_page), so the built site still works in a sub-folder
  and has no href from the root.
Also: `dir_href(url, current)`, a relative href to a folder URL for data the explorer's script
reads (JSON, which no engine rewrites), and `rooted(href, page_url)`, an author's relative link
(written relative to a record's page) as a `site_href`.
"""

from __future__ import annotations

import posixpath
import re


def relurl(target: str, current: str) -> str:
    """Relative link from one docs-relative .md path to another (MkDocs resolves and checks it).
    Both are clean relative paths, so this is a purely lexical (and fast) relpath."""
    here = current.split("/")[:-1]
    there = target.split("/")
    n = 0
    while n < len(here) and n < len(there) - 1 and here[n] == there[n]:
        n += 1
    return "/".join([".."] * (len(here) - n) + there[n:])


def site_href(url: str) -> str:
    """The href raw HTML in a page's Markdown uses for a built address ('events/x/',
    'api/v1/x.json'; '' is the home page): from the site's root, made relative on the finished page."""
    return "/" + url


def dir_href(url: str, current: str) -> str:
    """Relative URL from the page built from `current` to the folder URL `url` ('events/'),
    for data a script reads (not for a page's HTML: use `site_href`)."""
    cur = current[:-3]
    cur_dir = posixpath.dirname(cur) if cur.endswith("index") else cur
    return posixpath.relpath(url.rstrip("/"), cur_dir or ".") + "/"


def rooted(href: str, page_url: str) -> str:
    """A relative href written for the page at `page_url` ('partners/cted/'), as a `site_href`.
    Other hrefs (https:, mailto:, '#x', '/x') are returned unchanged."""
    if not href or href.startswith(("/", "#", "?")) or _SCHEME.match(href):
        return href
    cut = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    path, rest = href[:cut], href[cut:]
    joined = posixpath.normpath(posixpath.join("/" + page_url, path))
    if joined != "/" and (path.endswith("/") or posixpath.basename(path) in (".", "..")):
        joined += "/"
    return joined + rest


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FROM_ROOT = re.compile(r'(<[A-Za-z][^<>]*?\shref=")/(?!/)([^"?#]*)')  # in a tag, not in text


def relative_hrefs(html: str, page_url: str) -> str:
    """Every href from the site's root ('/events/x/') on the finished page at `page_url`
    ('fora/ctwg/', '' for the home page) made relative to it ('../../events/x/'; './' for the page itself)."""
    if ' href="/' not in html:
        return html
    return _FROM_ROOT.sub(lambda m: m.group(1) + (relurl(m.group(2), page_url) or "./"), html)
