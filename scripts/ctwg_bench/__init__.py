"""ctwg_bench: the benchmark, outside the product (no build imports it).

`bench` (the run and its command line), `synth` (synthetic catalogs N times the real one),
`measure` (processes, memory, sizes), `floor` (plain MkDocs + Material over the same
Markdown), `browser` (search and explorer timings in Chromium), `lighthouse`,
`serve_latency` (`mkdocs serve` after a data edit) and `report` (targets and checks).
"""
