"""MkDocs hook (loaded by file path from mkdocs.yml): a shim over ctwg.mkdocs_site."""

from ctwg.mkdocs_site import (  # noqa: F401
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_post_build,
    on_post_page,
    on_post_template,
    on_pre_build,
    on_shutdown,
    on_startup,
)
