"""mkdocs-macros module (named in mkdocs.yml): a shim over ctwg.macros."""

from ctwg.macros import define_env  # noqa: F401
