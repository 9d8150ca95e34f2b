"""No record copies the seed documents: no run of 12 or more words in common, names excepted.

CONTRIBUTING.md asks for the site's own words. This test reads the two seed documents in
`../shared/sources/` (the CTTF work plan and the CTED news item) and every record under
`data/` (each `.yml` file, and the front matter and story of each `.md` news item; the
generated `data/templates/` and `data/schemas/` are not records and are left out), and fails
if any string value shares a run of 12 or more consecutive words with either document.

How the comparison works:

- Text is split into words at anything that is not a letter or a digit, and compared in
  lower case, so punctuation, hyphens ("counter-terrorism" / "counter terrorism"), curly or
  straight quotes and line breaks make no difference.
- Every string value in a record is checked, however deep (summaries, notes, commitments'
  texts, goals' actions, sources' notes...), except the values of `id` and `url` keys, which
  are identifiers rather than prose. YAML comments, such as the schema line at the top of each
  file, are not values and are never read.
- Proper names are allowed: official titles can be long ("CTITF Working Group on the
  Protection of Critical Infrastructure, including Vulnerable Targets, Internet, and Tourism
  Security"). A shared 12-word run is excused when at least half of its words are capitalised
  (an initial capital or an acronym) as written in the record, which is what a run made
  mostly of names looks like, while a copied sentence of ordinary prose has only one or two
  capitals. A run that carries on from a name into copied prose still fails, because some
  12-word window of it is mostly lower case.

The test is skipped, with a reason, only when the sources folder is missing (for example in
a copy of the repository made without the shared folder beside it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import DATA, ROOT, SOURCES

SEEDS = ("000_*.txt", "004_*.txt")
RUN = 12
SKIP_KEYS = {"id", "url"}
NOT_RECORDS = {"templates", "schemas"}

_WORD = re.compile(r"[A-Za-z0-9]+")


def words(text: str) -> list[str]:
    """The words of `text`, as written (case kept), split at anything not a letter or digit."""
    return _WORD.findall(text)


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """Every run of `n` consecutive words of `text`, in lower case."""
    w = [x.lower() for x in words(text)]
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def is_name_run(run: list[str]) -> bool:
    """At least half the words are capitalised: a run made mostly of proper names and titles."""
    return sum(1 for x in run if x[0].isupper()) * 2 >= len(run)


def shared_runs(text: str, source_runs: set[tuple[str, ...]], n: int = RUN) -> list[str]:
    """The runs of `text` (as written) of `n` words that are also in the source, names excepted."""
    w = words(text)
    found = []
    for i in range(len(w) - n + 1):
        window = w[i:i + n]
        if tuple(x.lower() for x in window) in source_runs and not is_name_run(window):
            found.append(" ".join(window))
    return found


def strings(value, path: str = ""):
    """(field path, text) for every string in a loaded YAML value, skipping `id` and `url`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if str(key) in SKIP_KEYS:
                continue
            yield from strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value, 1):
            yield from strings(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def load_record(path: Path):
    """The record's values: a YAML file, or a Markdown news item (front matter plus story)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        m = re.match(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", text, re.S)
        if not m:
            return {"body": text}
        front = yaml.load(m.group(1), Loader=yaml.BaseLoader) or {}
        return {**front, "body": m.group(2)}
    return yaml.load(text, Loader=yaml.BaseLoader)


def record_files() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.suffix in (".yml", ".md") and p.is_file()
                  and p.relative_to(DATA).parts[0] not in NOT_RECORDS)


@pytest.fixture(scope="module")
def seed_runs() -> dict[str, set[tuple[str, ...]]]:
    if not SOURCES.is_dir():
        pytest.skip(f"the seed documents' folder {SOURCES} is missing, so there is nothing to compare with")
    found = {}
    for pattern in SEEDS:
        matches = sorted(SOURCES.glob(pattern))
        assert matches, f"no seed document matching {pattern} in {SOURCES}"
        for p in matches:
            found[p.name] = runs(p.read_text(encoding="utf-8"))
    return found


def overlaps(seed_runs) -> list[str]:
    problems = []
    for path in record_files():
        for field, text in strings(load_record(path)):
            for name, source in seed_runs.items():
                for run in shared_runs(text, source):
                    problems.append(f"{path.relative_to(ROOT)}: {field}: shares {RUN} words with {name}: '{run}'")
    return problems


def test_no_record_copies_a_seed_document(seed_runs):
    problems = overlaps(seed_runs)
    assert not problems, "Reword these in the site's own words:\n" + "\n".join(problems)


def test_the_check_finds_a_copied_run(seed_runs):
    """A 12-word sentence taken from the plan is caught; the same words as a mostly capitalised name are not."""
    plan = next(s for n, s in seed_runs.items() if n.startswith("000_"))
    copied = ("Recall that the CTTF will make capacity building and technical cooperation its top focus to "
              "help economies.")
    assert shared_runs(copied, plan)
    assert not shared_runs("Wholly new wording about the group's capacity-building priority.", plan)
    title = ("CTITF Working Group on the Protection of Critical Infrastructure, including Vulnerable Targets, "
             "Internet, and Tourism Security")
    news = next(s for n, s in seed_runs.items() if n.startswith("004_"))
    assert runs(title) & news and not shared_runs(title, news)
    assert len(words(copied)) > RUN and len(shared_runs("capacity building and technical", plan)) == 0
