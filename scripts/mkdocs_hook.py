"""MkDocs hook (loaded by file path from mkdocs.yml): makes the one ctwg plugin and hands MkDocs its events.

The plugin is ctwg.mkdocs_plugin.plugin.CtwgPlugin; nothing else happens here.
"""

from ctwg.mkdocs_plugin.plugin import hook_events, new_plugin

plugin = new_plugin()
globals().update(hook_events(plugin))
