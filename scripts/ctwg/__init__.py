"""ctwg: the data pipeline behind the APEC counter-terrorism knowledge site.

Stages (one module each): loader -> validate -> linker -> catalog, then the renderers
(pages, exports, feeds, diagrams) used by the MkDocs hook and the macros module.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
