"""The names a query can match exactly (search/names/<bucket>.json, read by docs/assets/js/search.js)."""

from __future__ import annotations

import json

from ctwg.site.outputs.search import NAMES_BUCKETS, NAMES_DIR, bucket, norm, search_names


def test_a_short_name_leads_to_its_record_and_hubs_come_first(catalog):
    files = search_names(catalog)
    assert len(files) == NAMES_BUCKETS
    index = json.loads(files[f"{NAMES_DIR}/{bucket('star')}.json"])
    assert index["star"][0][0] == "initiatives/star-conference/"
    meg = json.loads(files[f"{NAMES_DIR}/{bucket('meg sec')}.json"])["meg sec"]
    assert meg[0][:1] == ["fora/meg-sec/"] and meg[0][2] == "APEC forum"


def test_every_name_is_in_its_own_bucket(catalog):
    for path, text in search_names(catalog).items():
        b = int(path.rsplit("/", 1)[1].removesuffix(".json"))
        assert all(bucket(key) == b for key in json.loads(text)), path


def test_norm_is_the_same_as_the_scripts():
    # search.js: lower case, every run of characters that are not letters or digits one space
    assert norm("TEL/SPSG") == "tel spsg"
    assert norm("  AML/CFT  workshop_series ") == "aml cft workshop series"
    # djb2 over UTF-16 code units, as search.js (checked there against the same values)
    assert (bucket("star"), bucket("meg sec"), bucket("économie 𝔸")) == (63, 57, 5)


def test_the_words_misspellings_are_corrected_to(catalog):
    from ctwg.site.outputs.search import search_words

    words = json.loads(search_words(catalog))
    assert {"terrorism", "maritime", "security", "cyber"} <= set(words)
    assert all(len(w) >= 4 and w.isalpha() and w == w.lower() for w in words)
    assert words["security"] > 1
