"""ctwg: the data pipeline behind the APEC counter-terrorism knowledge site.

- `data/`: data files -> load -> validate -> link -> Catalog -> derived facts (no HTML, no MkDocs);
- `site/`: Catalog -> pages (Markdown), figures (SVG), outputs (exports, feeds, schemas, CSP,
  search); no MkDocs imports;
- `mkdocs_plugin/`: the MkDocs plugin (the hook) and the macros for hand-written pages;
- `perf/`: the build's second core (Pagefind as a service, the forked exports writer, the
  serve cache), behind `perf.ParallelWork`;
- `authoring/`: tools for the people who write the data (`new`, record templates, link check);
- `cli.py`, `settings.py`, `errors.py`: the command line, the environment, the exceptions.
"""
