"""Hostile input: refused with a clear message, quickly, never with a crash or a hang.

Each case writes one file into a copy of tests/fixtures/mini/ and runs
`python -m ctwg validate data` in a subprocess with a time limit, so a hang fails the
test instead of stalling the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ctwg.data import constants
from helpers import MINI  # noqa: E402

LIMIT = 20  # seconds for one validate run; the real ones take well under 2
HEAD = "# yaml-language-server: $schema=../schemas/{}.schema.json\n"

PARTNER = """\
id: {id}
name: {name}
kind: un-body
summary: {summary}
sources:
  - document: work-plan-2010
    section: Partners
reviewed: 2026-11-22
"""


def partner(pid: str = "hostile", name: str = "Hostile", summary: str = "A test.") -> str:
    return HEAD.format("partners") + PARTNER.format(id=pid, name=name, summary=summary)


def laughs(levels: int = 9, width: int = 10) -> str:
    lines = [HEAD.format("partners"), 'id: lol\nl0: &l0 "lol"\n']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]\n")
    return "".join(lines)


def nested_flow(depth: int) -> str:
    return HEAD.format("partners") + "id: deep\nname: " + "[" * depth + "x" + "]" * depth + "\n"


def nested_block(depth: int) -> str:
    return HEAD.format("partners") + "id: deep\nname:\n" + "".join("  " * i + "- \n" for i in range(depth)) + "\n"


def nested_mappings(depth: int) -> str:
    return HEAD.format("partners") + "id: deep\nname: " + "{a: " * depth + "x" + "}" * depth + "\n"


def run_validate(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[int, str, float]:
    shutil.copytree(MINI / "data", tmp_path / "data")
    for rel, content in files.items():
        path = tmp_path / "data" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "ctwg", "validate", "data"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=LIMIT)
    return result.returncode, result.stdout + result.stderr, time.monotonic() - start


CASES = {
    "ten-megabyte-file": (
        {"partners/hostile.yml": partner(summary="x" * (10 * 1024 * 1024))},
        "data/partners/hostile.yml:1: the file is 10240 KB; a data file may be at most 256 KB",
    ),
    "one-megabyte-single-line": (
        {"partners/hostile.yml": partner(summary="word" * (256 * 1024))},
        "data/partners/hostile.yml:1: the file is 1024 KB; a data file may be at most 256 KB",
    ),
    "long-line-under-the-file-limit": (
        {"partners/hostile.yml": partner(summary="a" * 200_000)},
        f"data/partners/hostile.yml:5: summary: is too long (200000 characters; the limit is {constants.MAX_STRING})",
    ),
    "ten-thousand-nested-lists": (
        {"partners/deep.yml": nested_flow(10_000)},
        f"data/partners/deep.yml:3: is nested more than {constants.MAX_DEPTH} levels deep",
    ),
    "hundred-thousand-nested-lists": (
        {"partners/deep.yml": nested_flow(100_000)},
        f"data/partners/deep.yml:3: is nested more than {constants.MAX_DEPTH} levels deep",
    ),
    "ten-thousand-nested-mappings": (
        {"partners/deep.yml": nested_mappings(10_000)},
        f"data/partners/deep.yml:3: is nested more than {constants.MAX_DEPTH} levels deep",
    ),
    "deep-block-lists": (
        {"partners/deep.yml": nested_block(200)},
        f"data/partners/deep.yml:{4 + constants.MAX_DEPTH - 1}: is nested more than {constants.MAX_DEPTH} levels deep",
    ),
    "unclosed-ten-thousand-brackets": (
        {"partners/deep.yml": HEAD.format("partners") + "id: deep\nname: " + "[" * 10_000 + "\n"},
        f"data/partners/deep.yml:3: is nested more than {constants.MAX_DEPTH} levels deep",
    ),
    "billion-laughs": (
        {"partners/lol.yml": laughs()},
        "data/partners/lol.yml:3: uses a YAML anchor (&l0); anchors are not allowed, write values out in full",
    ),
    "python-object-apply": (
        {"partners/hostile.yml": partner(summary='!!python/object/apply:os.system ["touch pwned"]')},
        "data/partners/hostile.yml:5: uses the YAML tag '!!python/object/apply:os.system'; "
        "tags are not allowed in data files, delete it",
    ),
    "python-object-new": (
        {"partners/hostile.yml": partner(summary="!!python/object/new:subprocess.Popen [[touch, pwned]]")},
        "data/partners/hostile.yml:5: uses the YAML tag '!!python/object/new:subprocess.Popen'; "
        "tags are not allowed in data files, delete it",
    ),
    "python-name-tag-on-key": (
        {"partners/hostile.yml": partner() + "!!python/name:os.system x: y\n"},
        "data/partners/hostile.yml:10: uses the YAML tag '!!python/name:os.system'; "
        "tags are not allowed in data files, delete it",
    ),
    "cyrillic-id": (
        {"partners/hostile.yml": partner(pid="hоstile")},
        "data/partners/hostile.yml:2: id: 'hоstile' contains the non-ASCII character 'о' "
        "(U+043E CYRILLIC SMALL LETTER O); ids use a-z, 0-9 and hyphens only",
    ),
    "cyrillic-reference": (
        {"events/tokyo-workshop-2018.yml": (MINI / "data/events/tokyo-workshop-2018.yml").read_text(encoding="utf-8")
         .replace("  - ctwg\n", "  - сtwg\n")},
        "data/events/tokyo-workshop-2018.yml:10: organisers[1]: unknown APEC forum, partner or member economy "
        "'сtwg' (did you mean 'ctwg'?); it contains the non-ASCII character 'с' (U+0441 CYRILLIC SMALL LETTER ES)",
    ),
    "zero-width-space-in-id": (
        {"partners/hostile.yml": partner(pid="hostile\u200b")},
        "data/partners/hostile.yml:2: contains an invisible zero-width character U+200B ZERO WIDTH SPACE; delete it",
    ),
    "rtl-override-in-name": (
        {"partners/hostile.yml": partner(name="Evil \u202eexe.fdp")},
        "data/partners/hostile.yml:3: contains an invisible text-direction character U+202E; delete it",
    ),
    "rtl-isolate-in-summary": (
        {"partners/hostile.yml": partner(summary="ok \u2067hidden\u2069 text")},
        "data/partners/hostile.yml:5: contains an invisible text-direction character U+2067; delete it",
    ),
    "many-keys": (
        {"partners/hostile.yml": partner() + "".join(f"k{i}: v\n" for i in range(20_000))},
        "data/partners/hostile.yml:10: k0: unknown field",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile(name, tmp_path):
    files, first_line = CASES[name]
    status, out, seconds = run_validate(tmp_path, files)
    assert "Traceback" not in out, out[-3000:]
    assert status == 1, out[-3000:]
    assert first_line in out.splitlines(), out[:3000]
    assert out.splitlines()[-1].endswith("found; nothing was built."), out[-500:]
    assert seconds < LIMIT
    assert not (tmp_path / "pwned").exists()


def test_many_files_stay_fast(tmp_path):
    """500 valid records validate well within the limit."""
    files = {f"partners/p{i}.yml": partner(pid=f"p{i}", name=f"Partner {i}") for i in range(500)}
    status, out, seconds = run_validate(tmp_path, files)
    assert status == 0, out[-3000:]
    assert seconds < LIMIT
