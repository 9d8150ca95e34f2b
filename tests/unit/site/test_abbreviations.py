"""Marking a glossary term's uses: whole words, in text only, never where an <abbr> breaks something."""

from __future__ import annotations

import re

import pytest

from ctwg.data.terms import Term, first_sentence
from ctwg.site.outputs.abbreviations import Marker


def term(name: str, title: str, *also: str) -> Term:
    return Term(name, title, title, title, (), (), (name, *also), name.lower().replace("/", "-"))


MARKER = Marker([term("CTWG", "Counter-Terrorism Working Group"), term("STAR", "Secure Trade in the APEC Region"),
                 term("STAR II", "Second STAR Conference"), term("TEL", "Telecommunications and Information Working Group"),
                 term("TEL/SPSG", "Security and Prosperity Steering Group"), term("SCCP", "Subcommittee on Customs Procedures"),
                 term("CTI", "Committee on Trade and Investment"), term("fora", "The plural of forum"),
                 term("capacity building", "Helping economies <gain> skills", "capacity-building"),
                 term("SOM", 'Senior Officials\' "Meeting"')])


def marked(html: str) -> list[str]:
    return re.findall(r"<abbr [^>]*>(.*?)</abbr>", MARKER.mark(html), re.S)


def test_every_use_is_marked_and_the_first_is_focusable():
    out = MARKER.mark("<p>The CTWG met. The CTWG's plan.</p><p>CTWG again</p>")
    assert out.count('<abbr title="Counter-Terrorism Working Group"') == 3
    assert out.count('tabindex="0"') == 1
    assert out.startswith('<p>The <abbr title="Counter-Terrorism Working Group" tabindex="0">CTWG</abbr> met.')


@pytest.mark.parametrize("html", [
    '<a href="../fora/ctwg/">CTWG</a>', '<a href="x"><strong>CTWG</strong> page</a>',
    "<h1>CTWG</h1>", '<h2 id="ctwg">The CTWG<a class="headerlink" href="#ctwg">¶</a></h2>', "<h6>CTWG</h6>",
    "<code>CTWG</code>", "<pre><code>CTWG\n</code></pre>", "<title>CTWG</title>", "<script>var a = 'CTWG' < 2;</script>",
    '<svg viewBox="0 0 10 10"><text x="1">CTWG</text><g><text>CTWG</text></g></svg>',
    '<div hidden data-pagefind-ignore><span>CTWG</span><div>CTWG</div>CTWG</div>', "<button>CTWG</button>",
    '<abbr title="Counter-Terrorism Working Group">CTWG</abbr>', "<textarea>CTWG</textarea>",
])
def test_never_inside_links_headings_code_figures_or_hidden_text(html):
    assert MARKER.mark(html) == html


def test_attributes_are_never_touched():
    html = '<img alt="CTWG logo" src="ctwg.png"><p title="STAR and CTWG" data-x=\'fora\'>x</p>'
    assert MARKER.mark(html) == html


def test_text_after_a_skipped_element_is_marked_again():
    assert marked('<p><a href="x">CTWG</a> and CTWG</p>') == ["CTWG"]
    assert marked("<div><svg><g><text>STAR</text></g><path d='M0 0'/></svg> STAR</div>") == ["STAR"]
    assert marked("<h2>STAR</h2><p>STAR</p><script>if (a<b) {}</script><p>STAR</p>") == ["STAR", "STAR"]


def test_whole_words_only_and_the_longest_term_first():
    assert marked("<p>STARS, STARTING, star, STAR-based, nonCTWG</p>") == []
    assert marked("<p>STAR II and STAR IIb and STAR</p>") == ["STAR II", "STAR", "STAR"]
    assert marked("<p>TEL/SPSG and TEL; CTI/SCCP</p>") == ["TEL/SPSG", "TEL", "CTI", "SCCP"]


def test_document_numbers_are_not_split():
    assert marked("<p>2007/SOM2/CTWG/009 and 2011/SOM1/CTWG and CTWG/001</p>") == []


def test_lower_case_terms_take_a_capital_and_other_forms():
    assert marked("<p>Fora and fora; capacity-building and Capacity building and capacity\nbuilding</p>") == [
        "Fora", "fora", "capacity-building", "Capacity building", "capacity\nbuilding"]
    assert marked("<p>FORA</p>") == []


def test_the_title_is_escaped():
    out = MARKER.mark("<p>SOM and capacity building</p>")
    assert 'title="Senior Officials&#x27; &quot;Meeting&quot;"' in out
    assert 'title="Helping economies &lt;gain&gt; skills"' in out


def test_marking_twice_changes_nothing():
    once = MARKER.mark("<p>The CTWG and STAR II, fora.</p>")
    assert MARKER.mark(once) == once


def test_only_the_article_of_a_page_is_marked():
    page = ("<html><head><title>CTWG</title></head><body><nav>CTWG</nav><article class='md-content__inner'>"
            "<p>CTWG</p></article><footer>CTWG</footer></body></html>")
    out = MARKER.mark_page(page)
    assert out.count("<abbr") == 1 and "<p><abbr" in out
    assert MARKER.mark_page("<p>CTWG</p>") == "<p>CTWG</p>"  # no article: nothing to mark


def test_no_terms_no_change():
    assert not Marker([])
    assert Marker([]).mark_page("<article><p>CTWG</p></article>") == "<article><p>CTWG</p></article>"


def test_first_sentence_keeps_initials():
    assert first_sentence("A U.S. programme for APEC. It ran.") == "A U.S. programme for APEC."
    assert first_sentence("See [the plan](../x/) now. Then more.") == "See the plan now."
