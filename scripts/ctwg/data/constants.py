"""Allowed values and fixed names: the one place they live.

In: nothing. Out: constants used by the models, the linker, the pages and the CLI.
Change an allowed value here and the schema, the validator, the templates for
`make new` and the JSON Schemas all follow.
"""

from __future__ import annotations

# Record types: folder under data/ -> human label, URL section, schema file name.
RECORD_TYPES: dict[str, dict[str, str]] = {
    "fora": {"label": "APEC forum", "noun": "APEC forum", "plural": "APEC fora", "url": "fora", "many": "APEC fora"},
    "partners": {"label": "Partner", "noun": "partner", "plural": "Partners", "url": "partners", "many": "partners"},
    "economies": {"label": "Member economy", "noun": "member economy", "plural": "Member economies", "url": "economies", "many": "member economies"},
    "issue_areas": {"label": "Issue area", "noun": "issue area", "plural": "Issue areas", "url": "issue-areas", "many": "issue areas"},
    "initiatives": {"label": "Initiative", "noun": "initiative", "plural": "Initiatives", "url": "initiatives", "many": "initiatives"},
    "events": {"label": "Event", "noun": "event", "plural": "Events", "url": "events", "many": "events"},
    "outcomes": {"label": "Outcome", "noun": "outcome", "plural": "Outcomes", "url": "outcomes", "many": "outcomes"},
    "documents": {"label": "Document", "noun": "document", "plural": "Documents and outputs", "url": "documents", "many": "documents and outputs"},
    "workplan": {"label": "Work plan", "noun": "work-plan record", "plural": "Work plan", "url": "work-plan", "many": "work-plan records"},
    "news": {"label": "News", "noun": "news item", "plural": "News", "url": "news", "many": "news items"},
}

# The glossary (data/glossary.yml): one file beside the type folders, not a record type.
GLOSSARY = "glossary"
GLOSSARY_FILE = "glossary.yml"

# Search ranking: among the pages a query names (docs/assets/js/search.js), hub pages come
# before the records that mention them. Types not listed come after, then plain pages.
SEARCH_TYPE_ORDER = ("issue_areas", "fora", "partners", "initiatives", "economies", "documents", "events")

# Types whose records can be named as a "party" (organiser, issuer, cooperating party...).
PARTY_TYPES = ("fora", "partners", "economies")

FORUM_KINDS = (
    "leaders",
    "ministers",
    "senior-officials",
    "committee",
    "sub-committee",
    "working-group",
    "task-force",
    "expert-group",
    "steering-group",
    "group",
    "advisory-council",
    "secretariat",
    "unit",
)

PARTNER_KINDS = (
    "un-body",
    "intergovernmental-body",
    "regional-organisation",
    "standards-body",
    "assistance-programme",
    "financial-institutions",
    "private-sector",
)

INITIATIVE_KINDS = (
    "action-plan",
    "report",
    "conference",
    "programme",
    "framework",
    "strategy",
    "commitment",
    "initiative",
    "system",
    "compendium",
    "review",
)

INITIATIVE_STATUSES = ("planned", "active", "completed", "unknown")

EVENT_KINDS = ("workshop", "workshop-series", "conference", "meeting", "training", "exercise")

RECURRENCES = ("annual",)

OUTCOME_KINDS = ("expected", "achieved", "reported")

# Work-plan tracker statuses, in the order the tracker shows them.
PROGRESS_STATUSES = ("planned", "under-way", "delivered", "not-evidenced")

DOCUMENT_KINDS = (
    "work-plan",
    "action-plan",
    "report",
    "assessment",
    "resolution",
    "compendium",
    "strategy",
    "framework",
    "news-item",
    "web-page",
    "reference",
    "statement",
    "declaration",
    "press-release",
    "speech",
    "meeting-document",
    "publication",
    "guidance",
)

# Fields that cite documents as sources (their links are citations, not connections).
CITING_FIELDS = ("sources", "disagreements")

ACCESS_LEVELS = ("public", "members-only", "restricted", "unknown")

# Ecotech priority workstreams named by the work plan.
PRIORITIES = ("human-security", "regional-economic-integration")

WORKPLAN_KINDS = ("plan", "strand", "goal")

# Input limits: anything beyond them is refused with a clear message.
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 24
MAX_STRING = 20_000

# Editors pick the schema up from this comment on the first line of each data file.
SCHEMA_COMMENT = "# yaml-language-server: $schema={rel}"

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# The counter-terrorism group's own record: the centre of the cooperation map.
GROUP_ID = "ctwg"
