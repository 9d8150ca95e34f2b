"""mkdocs-macros module (named in mkdocs.yml's `modules`): the site's page macros, for MkDocs.

The macros themselves are ctwg.site.page_macros; this hands them to mkdocs-macros, asking the
ctwg plugin (found through MkDocs' config) for the Catalog when a page renders.
"""

from __future__ import annotations

from ..site.page_macros import page_macros
from .plugin import plugin_of


def define_env(env) -> None:
    def site():
        return plugin_of(env.conf).ctx

    def where() -> tuple[str, str]:
        page = env.page
        return (page.file.src_uri, page.url) if page is not None else ("index.md", "")

    for name, fn in page_macros(site, where).items():
        env.macro(fn, name)
