"""The preview's page memo (ctwg.perf.pagememo): after each edit of a data file, the pages it
keeps and the pages it makes again are, byte for byte, the pages made afresh from the new data,
and it makes again only the pages whose reads changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from ctwg.data.catalog import build_catalog
from ctwg.data.filecache import FileCache
from ctwg.perf.pagememo import PageMemo
from ctwg.site.context import SiteContext
from ctwg.site.pages import all_pages
from ctwg_bench.synth import dump_record
from helpers import DATA


class Preview:
    """The data folder as `mkdocs serve` sees it: a file cache, a memo, the newest context."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache = FileCache()
        self.memo = PageMemo()
        self.ctx = self._context()
        self.memo.make_all(self.ctx)

    def _context(self) -> SiteContext:
        return SiteContext(build_catalog(self.folder, public=False, cache=self.cache), preview=True)

    def edit(self, rel: str, change) -> None:
        path = self.folder / rel
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(dump_record(path.parent.name, data), encoding="utf-8")

    def rebuild(self, limit: int | None = None) -> list:
        """The stale units (made again, all or the first `limit`); the memo must then equal a fresh build."""
        self.ctx = self._context()
        stale = self.memo.stale(self.ctx)
        assert stale is not None, "the records are the same: the memo can be kept"
        self.memo.remake(self.ctx, stale[:limit] if limit is not None else stale)
        return stale

    def assert_fresh(self) -> None:
        fresh = all_pages(SiteContext(build_catalog(self.folder, public=False), preview=True))
        kept = self.memo.everything()
        assert list(kept) == list(fresh)
        differ = [p for p in fresh if kept[p] != fresh[p]]
        assert not differ, f"{len(differ)} pages differ from a fresh build, e.g. {differ[:5]}"


@pytest.fixture()
def preview(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return Preview(folder)


def test_the_first_make_is_the_plain_build(preview):
    preview.assert_fresh()


def test_no_edit_remakes_nothing(preview):
    assert preview.rebuild() == []
    preview.assert_fresh()


def _set(field, value):
    return lambda d: d.__setitem__(field, value)


EDITS = [
    # (what, file, change)
    ("a forum's name (shown on many pages)", "fora/senior-officials.yml", _set("name", "Senior Officials (renamed)")),
    ("the work plan's document (a source of most records)", "documents/medium-term-work-plan-2010-2015.yml",
     _set("name", "The medium-term work plan, renamed")),
    ("an event's summary", "events/air-cargo-security-workshop-2010.yml", _set("summary", "A new summary, changed.")),
    ("an event's date (orders timelines and lists)", "events/air-cargo-security-workshop-2010.yml", _set("date", "2003-02")),
    ("a reference removed", "events/air-cargo-security-workshop-2010.yml", _set("co_sponsors", ["ctwg"])),
    ("a reference added", "events/air-cargo-security-workshop-2010.yml", _set("co_sponsors", ["ctwg", "aeg-sec", "tptwg"])),
    ("an issue area of an event", "events/air-cargo-security-workshop-2010.yml", _set("issue_areas", ["aviation-security"])),
]


@pytest.mark.parametrize("what,rel,change", EDITS, ids=[e[0] for e in EDITS])
def test_after_an_edit_the_pages_are_a_fresh_build(preview, what, rel, change):
    preview.edit(rel, change)
    stale = preview.rebuild()
    assert stale, f"{what}: some page shows it"
    assert len(stale) < len(preview.memo.pages), f"{what}: not every page reads it"
    preview.assert_fresh()


def test_edits_one_after_another_and_back(preview):
    original = (preview.folder / "fora/senior-officials.yml").read_text(encoding="utf-8")
    for _what, rel, change in EDITS:
        preview.edit(rel, change)
        preview.rebuild()
        preview.assert_fresh()
    (preview.folder / "fora/senior-officials.yml").write_text(original, encoding="utf-8")
    preview.rebuild()
    preview.assert_fresh()


def test_an_interrupted_remake_finishes_at_the_next(preview):
    """The preview makes the edited record's page first; a save before the rest is made leaves
    them pending, and the next rebuild makes them with the newer data."""
    preview.edit("fora/senior-officials.yml", _set("name", "First new name"))
    stale = preview.rebuild(limit=1)
    assert len(stale) > 1 and len(preview.memo.pending) == len(stale) - 1
    preview.edit("events/air-cargo-security-workshop-2010.yml", _set("summary", "Another summary."))
    preview.rebuild()
    assert not preview.memo.pending
    preview.assert_fresh()


def test_a_glossary_term_changed_makes_everything_again(preview):
    """A short name is a glossary term, marked on every page where it is used."""
    preview.edit("fora/ctwg.yml", _set("name", "Counter-Terrorism Working Group (renamed)"))
    preview.ctx = preview._context()
    assert preview.memo.stale(preview.ctx) is None


def test_a_new_record_makes_everything_again(preview):
    shutil.copy(preview.folder / "events/air-cargo-security-workshop-2010.yml",
                preview.folder / "events/air-cargo-security-workshop-2010-copy.yml")
    preview.edit("events/air-cargo-security-workshop-2010-copy.yml", _set("id", "air-cargo-security-workshop-2010-copy"))
    preview.ctx = preview._context()
    assert preview.memo.stale(preview.ctx) is None
