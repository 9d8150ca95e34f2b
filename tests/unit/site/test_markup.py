"""render: escaping helpers and the plain-prose fast path of md_block."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctwg.site import markup, urls


def _full(text: str) -> str:
    saved = markup._MARKDOWN_SYNTAX
    markup._MARKDOWN_SYNTAX = re.compile(r"(?s).")  # every text takes the full Markdown path
    try:
        return markup.md_block(text)
    finally:
        markup._MARKDOWN_SYNTAX = saved


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("abc XYZ.,;:!?'\"()-+=1234567890\n\t{}/%$é") + ["  \n", "\n\n", "    ", "1. "]),
                min_size=1, max_size=60).map("".join).filter(lambda t: t.strip()))
def test_fast_path_equals_markdown(text):
    assert markup.md_block(text) == _full(text)


@pytest.mark.parametrize("text,expected", [
    ("Plain prose.", "<p>Plain prose.</p>"),
    ("Some *emphasis*.", "<p>Some <em>emphasis</em>.</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("{{ x }}", "<p>&#123;&#123; x &#125;&#125;</p>"),
    ("[x](javascript:alert(1))", '<p><a rel="noopener noreferrer">x</a></p>'),
])
def test_md_block(text, expected):
    assert markup.md_block(text) == expected


@pytest.mark.parametrize("target,current,expected", [
    ("events/x.md", "fora/ctwg.md", "../events/x.md"),
    ("fora/index.md", "fora/ctwg.md", "index.md"),
    ("fora/x.md", "index.md", "fora/x.md"),
    ("index.md", "fora/x.md", "../index.md"),
    ("timeline.md", "for/public.md", "../timeline.md"),
])
def test_relurl(target, current, expected):
    assert urls.relurl(target, current) == expected
