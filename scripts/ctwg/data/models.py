"""Typed models: one pydantic schema per record type.

In: plain dicts/lists of strings from `loader` (every YAML scalar arrives as text, so
YAML 1.1 surprises such as a bare `no` turning into false cannot happen silently).
Out: validated model instances. References to other records are plain ids marked with
`Ref(...)` in the type; `linker` resolves them. Every field carries a description: it
feeds the JSON Schemas, the annotated templates and the Data page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import WithJsonSchema

from . import constants, dates

# ---------------------------------------------------------------------------
# Reference marker


@dataclass(frozen=True)
class Ref:
    """Marks a string as the id of a record of one of `types` (and, for workplan, `kind`)."""

    types: tuple[str, ...]
    kind: str | None = None

    def describe(self) -> str:
        if self.kind:
            return f"work-plan {self.kind}"
        names = [constants.RECORD_TYPES[t]["noun"] for t in self.types]
        if len(names) > 4:
            return "record"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


ANY_TYPE = tuple(constants.RECORD_TYPES)

# ---------------------------------------------------------------------------
# Scalar types


def _shown(value: Any) -> str:
    """A raw value as people wrote it, for messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a set of fields"
    return repr(value)


def _parse_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(f"use true or false, not {_shown(value)}")


def _parse_int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,6}", value):
        return int(value)
    odd = dates.odd_digit(value) if isinstance(value, str) else ""
    raise ValueError(f"should be a whole number, not {_shown(value)}{odd}")


def _check_year(value: int) -> int:
    dates.check_year(value, str(value))
    return value


def _check_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", value):
        raise ValueError(f"should be a web address starting with https:// or http://, not {value!r}")
    return value


def _check_isbn(value: str) -> str:
    digits = value.replace("-", "").replace(" ", "").upper()
    if re.fullmatch(r"[0-9]{13}", digits):
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
        ok = total % 10 == 0
    elif re.fullmatch(r"[0-9]{9}[0-9X]", digits):
        total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
        ok = total % 11 == 0
    else:
        raise ValueError(f"should be an ISBN of 10 or 13 digits, not {value!r}{dates.odd_digit(value)}")
    if not ok:
        raise ValueError(f"{value!r} is not a valid ISBN (its check digit does not match)")
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    return value


Text = Annotated[str, Field(max_length=constants.MAX_STRING), AfterValidator(_check_text)]
Id = Annotated[str, Field(pattern=constants.ID_PATTERN, max_length=80)]
PartialDate = Annotated[
    str,
    AfterValidator(dates.check_partial),
    WithJsonSchema(
        {"type": ["string", "integer"], "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
         "description": "YYYY, YYYY-MM or YYYY-MM-DD"}
    ),
]
IsoDate = Annotated[
    str,
    AfterValidator(dates.check_full),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}),
]
Url = Annotated[str, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "pattern": "^https?://"})]
YamlBool = Annotated[bool, BeforeValidator(_parse_bool)]
Int = Annotated[int, BeforeValidator(_parse_int),
                WithJsonSchema({"type": ["integer", "string"], "pattern": "^[0-9]+$"})]
Year = Annotated[int, BeforeValidator(_parse_int), AfterValidator(_check_year),
                 WithJsonSchema({"type": ["integer", "string"], "pattern": "^[0-9]{4}$"})]

ForumRef = Annotated[str, Ref(("fora",))]
PartnerRef = Annotated[str, Ref(("partners",))]
EconomyRef = Annotated[str, Ref(("economies",))]
IssueAreaRef = Annotated[str, Ref(("issue_areas",))]
InitiativeRef = Annotated[str, Ref(("initiatives",))]
DocumentRef = Annotated[str, Ref(("documents",))]
GoalRef = Annotated[str, Ref(("workplan",), kind="goal")]
PartyRef = Annotated[str, Ref(constants.PARTY_TYPES)]
AnyRef = Annotated[str, Ref(ANY_TYPE)]


def Choice(values: tuple[str, ...]) -> Any:  # noqa: N802 - reads like a type
    return Literal[values]  # type: ignore[valid-type]


def dated_status(undated: tuple[str, ...]):
    """A field validator for `status_as_of`: a status other than `undated` ones holds at a date.

    The date is that of the source showing the status (a plan of June 2010 shows what stood in
    June 2010); with no dated source the status is one of `undated` ('unknown')."""

    def check(cls, value, info: ValidationInfo):
        status = info.data.get("status")
        if value is None and status is not None and status not in undated:
            raise ValueError(f"is required with status {status!r}: add status_as_of with the date of the source "
                             f"that shows it (YYYY, YYYY-MM or YYYY-MM-DD), or use status: {undated[0]}")
        return value

    return check


def ordered_after(start_field: str):
    """A field validator: this partial date is not before `start_field`."""

    def check(cls, value, info: ValidationInfo):
        start = info.data.get(start_field)
        if value is not None and start is not None:
            if not dates.not_before(start, value):
                raise ValueError(f"{value} is before {start_field.replace('_', ' ')} {start}")
        return value

    return check


# ---------------------------------------------------------------------------
# Shared parts


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True)


class Source(Model):
    """Where a fact comes from."""

    document: DocumentRef = Field(description="Id of the source document (a documents record).")
    section: Text = Field(description="The part of the document: section, paragraph, table row.")
    note: Text | None = Field(None, description="Anything a reader should know about this source.")


def cited_documents(records: Iterable[Record]) -> set[str]:
    """Ids of the documents these records cite in `sources`, a document citing itself included
    (a disagreement or a chair names only documents that are in `sources` too)."""
    return {s.document for r in records for s in getattr(r, "sources", [])}


class Account(Model):
    """One version of a disputed fact, with the documents that give it."""

    says: Text = Field(description="What these sources say, in the site's words.")
    documents: list[DocumentRef] = Field(min_length=1, description="The documents that say it (each one also in sources).")


class Disagreement(Model):
    """Where the sources differ on a fact: every version is kept, none is picked silently."""

    about: Text = Field(description="What the sources differ on, e.g. 'How long the conference lasted'.")
    accounts: list[Account] = Field(min_length=2, description="At least two versions, each with the documents that give it (each also listed in sources).")
    note: Text | None = Field(None, description="Which version the site's other fields use, and why.")


class Record(Model):
    """Fields every record has."""

    id: Id = Field(description="Lower-case id, words joined by hyphens; the file name without .yml.")
    name: Text = Field(description="Full name or title.")
    short_name: Text | None = Field(None, description="Acronym or short name (e.g. MEG-SEC).")
    summary: Text = Field(description="A few sentences in the site's own words (Markdown allowed, no HTML).")
    sources: list[Source] = Field(min_length=1, description="Where the facts come from: at least one.")
    disagreements: list[Disagreement] = Field(
        [], description="Facts the sources give differently: each version with its documents (the page shows them).")
    reviewed: IsoDate = Field(description="When someone last checked this record against its sources (YYYY-MM-DD).")
    draft: YamlBool = Field(False, description="true keeps the record out of the public site (shown in preview only).")
    publish_date: IsoDate | None = Field(
        None, description="The record appears on the public site from this date (YYYY-MM-DD)."
    )

    @property
    def title(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


# ---------------------------------------------------------------------------
# Record types


class FormerName(Model):
    name: Text = Field(description="The earlier name.")
    short_name: Text | None = Field(None, description="The earlier acronym.")
    start: PartialDate | None = Field(None, description="When the name came into use.")
    end: PartialDate | None = Field(None, description="When the name was replaced.")

    _order = field_validator("end")(ordered_after("start"))


class Chair(Model):
    """Someone the sources name as the forum's chair, with the dates they give."""

    name: Text = Field(description="The chair's name as the sources give it.")
    economy: EconomyRef | None = Field(None, description="The member economy the chair came from, if a source says.")
    start: PartialDate | None = Field(None, description="When the term began, or the earliest date a source shows them as chair.")
    end: PartialDate | None = Field(None, description="When the term ended, or the latest date a source shows them as chair.")
    note: Text | None = Field(None, description="What the sources say about the term (e.g. only seen in the chair in May 2005).")
    documents: list[DocumentRef] = Field(min_length=1, description="The documents that name them as chair (each also in sources).")

    _order = field_validator("end")(ordered_after("start"))


class Forum(Record):
    kind: Choice(constants.FORUM_KINDS) = Field(description="What sort of APEC body this is.")
    parent: ForumRef | None = Field(None, description="The forum this one sits under.")
    former_names: list[FormerName] = Field([], description="Earlier names, oldest first.")
    chairs: list[Chair] = Field([], description="Its chairs as far as the sources name them, oldest first.")
    established: PartialDate | None = Field(None, description="When the forum was set up.")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas the forum works on.")
    url: Url | None = Field(None, description="The forum's own web page.")


class Partner(Record):
    kind: Choice(constants.PARTNER_KINDS) = Field(description="What sort of organisation this is.")
    parent: PartnerRef | None = Field(None, description="The organisation this one belongs to.")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas the partner works on with APEC.")
    url: Url | None = Field(None, description="The organisation's own web page.")


class Economy(Record):
    joined: Year = Field(description="Year the economy joined APEC.")
    url: Url | None = Field(None, description="A public page about the economy in APEC.")


class IssueArea(Record):
    lead_fora: list[ForumRef] = Field(min_length=1, description="The forum or fora that lead on this area in APEC.")
    lead_note: Text | None = Field(None, description="Anything more about who leads (e.g. 'and various other fora').")


class Initiative(Record):
    kind: Choice(constants.INITIATIVE_KINDS) = Field(description="What sort of initiative this is.")
    status: Choice(constants.INITIATIVE_STATUSES) = Field(description="Where it stands, as far as the sources say.")
    status_as_of: PartialDate | None = Field(
        None, validate_default=True,
        description="The date the status holds at: that of the source that shows it (required unless the status is unknown).")
    lead: list[PartyRef] = Field([], description="Who leads or led it (fora, partners, economies).")
    start: PartialDate | None = Field(None, description="When it started.")
    end: PartialDate | None = Field(None, description="When it ended.")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas it serves.")
    fora: list[ForumRef] = Field([], description="Other APEC fora involved.")
    partners: list[PartnerRef] = Field([], description="Partners involved.")
    goals: list[GoalRef] = Field([], description="Work-plan goals it delivers against.")
    related: list[InitiativeRef] = Field([], description="Closely related initiatives.")
    url: Url | None = Field(None, description="A public page about it.")

    _order = field_validator("end")(ordered_after("start"))
    _dated = field_validator("status_as_of")(dated_status(("unknown",)))


class Event(Record):
    kind: Choice(constants.EVENT_KINDS) = Field(description="What sort of event this is.")
    date: PartialDate | None = Field(None, description="Start date, as precise as the source gives (YYYY, YYYY-MM or YYYY-MM-DD).")
    end: PartialDate | None = Field(None, description="Last day, for events of more than one day.")
    date_note: Text | None = Field(None, description="What to say when the exact date is not known.")
    recurrence: Choice(constants.RECURRENCES) | None = Field(None, description="How often the event recurs, if it does.")
    city: Text | None = Field(None, description="City where it took place.")
    economy: EconomyRef | None = Field(None, description="Member economy where it took place.")
    organisers: list[PartyRef] = Field([], description="Who organised or hosted it.")
    co_sponsors: list[PartyRef] = Field([], description="Who co-sponsored it.")
    auspices: list[PartyRef] = Field([], description="Under whose auspices it was held.")
    participants: list[PartyRef] = Field([], description="Named participants (fora, partners, economies).")
    participants_note: Text | None = Field(None, description="Who else took part, in words.")
    topics: list[Text] = Field([], description="Topics covered.")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas it served.")
    initiatives: list[InitiativeRef] = Field([], description="Initiatives it belongs to.")
    goals: list[GoalRef] = Field([], description="Work-plan goals it delivers against.")
    url: Url | None = Field(None, description="A public page about it.")

    _order = field_validator("end")(ordered_after("date"))


class Outcome(Record):
    kind: Choice(constants.OUTCOME_KINDS) = Field(description="expected (a plan's target), achieved or reported.")
    produced_by: list[Annotated[str, Ref(("events", "initiatives", "workplan", "documents"))]] = Field(
        min_length=1, description="What produced or is to produce it (events, initiatives, goals, documents)."
    )
    goal: GoalRef | None = Field(None, description="The work-plan goal it belongs to or serves.")
    status: Choice(constants.PROGRESS_STATUSES) = Field(description="Progress as the evidence shows it.")
    status_as_of: PartialDate | None = Field(
        None, validate_default=True,
        description="The date the status holds at: that of the report that shows it (required unless not evidenced).")
    evidence: list[AnyRef] = Field([], description="Records that show the status.")
    status_note: Text | None = Field(None, description="Why the status is what it is.")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas it serves.")
    fora: list[ForumRef] = Field([], description="APEC fora involved.")
    partners: list[PartnerRef] = Field([], description="Partners involved.")

    _dated = field_validator("status_as_of")(dated_status(("not-evidenced",)))


class Identifiers(Model):
    apec_doc: Text | None = Field(None, description="APEC document number.")
    publication: Text | None = Field(None, description="APEC publication number.")
    isbn: Annotated[str, AfterValidator(_check_isbn)] | None = Field(None, description="ISBN.")
    un_symbol: Text | None = Field(None, description="United Nations document symbol.")


class Document(Record):
    kind: Choice(constants.DOCUMENT_KINDS) = Field(description="What sort of document this is.")
    date: PartialDate | None = Field(None, description="Date of issue, as precise as known.")
    version: Text | None = Field(None, description="Version or status, e.g. 'Draft'.")
    issuers: list[PartyRef] = Field([], description="Who issued it.")
    identifiers: Identifiers | None = Field(None, description="Official numbers.")
    access: Choice(constants.ACCESS_LEVELS) = Field(description="Who can read it.")
    url: Url | None = Field(None, description="Where to read it (required when it is public and cited as a source).")
    mirror: YamlBool = Field(False, description="true when the url is a third-party copy, not the issuer's own (name a mirror only when no official copy is found).")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas it covers.")
    fora: list[ForumRef] = Field([], description="APEC fora it concerns.")
    partners: list[PartnerRef] = Field([], description="Partners it concerns.")
    initiatives: list[InitiativeRef] = Field([], description="Initiatives it belongs to or describes.")


class Commitment(Model):
    title: Text = Field(description="Short title of the commitment.")
    text: Text = Field(description="What the group undertakes, in the site's words.")
    parties: list[PartyRef] = Field([], description="Who it involves.")


class PlanRecord(Record):
    kind: Literal["plan"] = Field(description="plan: the work plan as a whole.")
    period_start: Year = Field(description="First year the plan covers.")
    period_end: Year = Field(description="Last year the plan covers.")
    document: DocumentRef = Field(description="The document record of the plan.")
    mission: list[Text] = Field(min_length=1, description="The points of the group's mission.")
    fora: list[ForumRef] = Field([], description="The fora the plan names as partners in the work.")

    @field_validator("period_end")
    @classmethod
    def _period(cls, value, info: ValidationInfo):
        start = info.data.get("period_start")
        if start is not None and value < start:
            raise ValueError(f"{value} is before period start {start}")
        return value


class StrandRecord(Record):
    kind: Literal["strand"] = Field(description="strand: a strand of strengthening the group as a facilitator.")
    number: Int = Field(ge=1, description="Order in the plan.")
    commitments: list[Commitment] = Field(min_length=1, description="What the strand commits to.")
    fora: list[ForumRef] = Field([], description="APEC fora it involves.")
    partners: list[PartnerRef] = Field([], description="Partners it involves.")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas it touches.")


class GoalRecord(Record):
    kind: Literal["goal"] = Field(description="goal: one of the goals of the work programme.")
    number: Int = Field(ge=1, description="Goal number in the plan.")
    priorities: list[Choice(constants.PRIORITIES)] = Field([], description="Ecotech priority workstreams it supports.")
    priority_note: Text | None = Field(None, description="Note on the priority (e.g. none stated in the plan).")
    actions: list[Text] = Field(min_length=1, description="Action items.")
    timeframe_start: PartialDate = Field(description="Start of the timeframe.")
    timeframe_end: PartialDate = Field(description="End of the timeframe.")
    cooperating_parties: list[PartyRef] = Field([], description="Cooperating parties named in the plan.")
    cooperating_note: Text | None = Field(None, description="Cooperating parties the plan names only in general terms.")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas of the goal.")
    initiatives: list[InitiativeRef] = Field([], description="Initiatives the goal is about.")

    _order = field_validator("timeframe_end")(ordered_after("timeframe_start"))


WorkplanRecord = Annotated[
    Annotated[PlanRecord, Tag("plan")] | Annotated[StrandRecord, Tag("strand")] | Annotated[GoalRecord, Tag("goal")],
    Discriminator(lambda v: v.get("kind") if isinstance(v, dict) else getattr(v, "kind", None)),
]


class News(Record):
    date: IsoDate = Field(description="Date of the news item (YYYY-MM-DD).")
    body: Text = Field(description="The story, in Markdown (no HTML).")
    issue_areas: list[IssueAreaRef] = Field([], description="Issue areas it concerns.")
    fora: list[ForumRef] = Field([], description="APEC fora it concerns.")
    partners: list[PartnerRef] = Field([], description="Partners it concerns.")
    related: list[AnyRef] = Field([], description="Other records it is about (events, documents...).")


# The work plan's three kinds of record, each with its model: the one map from kind to model.
WORKPLAN_MODELS: dict[str, type[Record]] = {"plan": PlanRecord, "strand": StrandRecord, "goal": GoalRecord}

MODELS: dict[str, Any] = {
    "fora": Forum,
    "partners": Partner,
    "economies": Economy,
    "issue_areas": IssueArea,
    "initiatives": Initiative,
    "events": Event,
    "outcomes": Outcome,
    "documents": Document,
    "workplan": WorkplanRecord,
    "news": News,
}


# ---------------------------------------------------------------------------
# The glossary: one file, data/glossary.yml, for the terms no record names. A record's short
# name is a term already (its record says what it is); this file adds the acronyms and the
# words of the trade that have no record of their own ("fora", "auspices", "SOM").


class GlossaryTerm(Model):
    term: Text = Field(max_length=60, description="The term as pages write it (e.g. SOM, fora, capacity building).")
    expansion: Text | None = Field(None, max_length=200, description="What an acronym stands for (e.g. Senior Officials' Meeting).")
    definition: Text = Field(max_length=400, description="A short definition in the site's own words (one or two sentences, plain text).")
    also: list[Annotated[Text, Field(max_length=60)]] = Field(
        [], description="Other forms of the term that pages write and that are marked too (e.g. forum, sub-fora).")
    records: list[AnyRef] = Field([], description="Records about the term (ids), linked from the glossary.")
    sources: list[Source] = Field(min_length=1, description="Where the definition comes from: at least one.")


class Glossary(Model):
    reviewed: IsoDate = Field(description="When someone last checked the glossary against its sources (YYYY-MM-DD).")
    terms: list[GlossaryTerm] = Field(min_length=1, description="The terms, each once, in any order (the page sorts them).")


def model_for(rtype: str, kind: object = None) -> type[BaseModel] | None:
    """The model class of one record: its type's, or for the work plan its kind's (None if the kind is not one)."""
    if rtype == constants.GLOSSARY:
        return Glossary
    if rtype == "workplan":
        return WORKPLAN_MODELS.get(kind) if isinstance(kind, str) else None
    return MODELS[rtype]


def models_of(rtype: str) -> list[type[BaseModel]]:
    """Every model a record of this type can follow (the work plan: one per kind), in order."""
    if rtype == constants.GLOSSARY:
        return [Glossary]
    return list(WORKPLAN_MODELS.values()) if rtype == "workplan" else [MODELS[rtype]]
