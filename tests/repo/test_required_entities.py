"""Every entity the catalog issue names exists as a record of the right type, with its facts."""

from __future__ import annotations

import pytest

REQUIRED = {
    "fora": ["ctwg", "tptwg", "meg-sec", "aeg-sec", "cti", "sccp", "bmg", "tel", "tel-spsg", "ewg", "abac",
             "apec-secretariat", "apec-cpau", "senior-officials"],
    "partners": ["cted", "unsc", "ctitf", "ctitf-wg-critical-infrastructure", "fatf", "eu", "ctag", "icao", "iso",
                 "us-ataari", "international-financial-institutions", "private-sector"],
    "issue_areas": ["counter-terrorism-finance", "food-defense", "maritime-security", "aviation-security",
                    "supply-chain-security", "cyber-security", "secure-travel", "critical-infrastructure-protection",
                    "soft-targets-protection", "capacity-building"],
    "initiatives": ["ctap", "summary-report", "star-conference", "aml-cft-programme", "food-defense-initiative", "iciap",
                    "framework-for-secure-trade", "trade-recovery-programme", "cyber-security-strategy", "tssoe-strategy",
                    "rmas", "abtc", "energy-security-initiative", "biometrics-commitment-2002",
                    "ci-good-practices-compendium", "cttf-web-page-review"],
    "events": ["tokyo-soft-targets-workshop-2018", "air-cargo-security-workshop-2010",
               "aviation-security-audits-workshop-2009", "aml-cft-workshop-series"],
    "documents": ["medium-term-work-plan-2010-2015", "ctaps", "summary-report-document",
                  "independent-assessor-report-2010", "unsc-resolution-2341", "unsc-resolution-2396", "ci-compendium",
                  "cted-news-soft-targets-2018"],
    "news": ["cted-attends-soft-targets-workshop"],
}


@pytest.mark.parametrize("rtype,rid", [(t, i) for t, ids in REQUIRED.items() for i in ids])
def test_entity_exists(catalog, rtype, rid):
    assert rid in catalog.entries, f"missing {rtype} record {rid}"
    e = catalog.get(rid)
    assert e.type == rtype
    assert e.model.sources and e.model.summary.strip()


def test_group_history(catalog):
    g = catalog.get("ctwg").model
    assert g.short_name == "CTWG" and g.established == "2003"
    assert [(f.short_name, f.end) for f in g.former_names] == [("CTTF", "2013")]


def test_parents(catalog):
    parents = {"meg-sec": "tptwg", "aeg-sec": "tptwg", "sccp": "cti", "tel-spsg": "tel", "apec-cpau": "apec-secretariat"}
    for child, parent in parents.items():
        assert catalog.get(child).model.parent == parent


def test_all_economies(catalog):
    assert len(catalog.by_type["economies"]) == 21


def test_work_plan_shape(catalog):
    goals = catalog.of_type("workplan", "goal")
    assert [g.model.number for g in goals] == list(range(1, 11))
    assert len(catalog.of_type("workplan", "strand")) == 5
    plan = catalog.of_type("workplan", "plan")[0].model
    assert (plan.period_start, plan.period_end) == (2010, 2015) and len(plan.mission) == 5
    for g in goals:  # every goal has its expected outcomes as records
        assert catalog.referrers(g.id, "outcomes", ["goal"]), g.id


def test_event_dates_at_source_precision(catalog):
    assert (catalog.get("tokyo-soft-targets-workshop-2018").model.date,
            catalog.get("tokyo-soft-targets-workshop-2018").model.end) == ("2018-04-24", "2018-04-25")
    assert catalog.get("air-cargo-security-workshop-2010").model.date == "2010-06"
    assert catalog.get("aviation-security-audits-workshop-2009").model.date == "2009-04"
    # STAR is an initiative (the annual series); the plan gives it no dates.
    assert "star-conference-series" not in catalog.entries
    assert catalog.get("star-conference").type == "initiatives"
