"""`make new`: the interview, asking for one record's essentials and checking each answer.

In: the record type and kind, the ids the data holds, a way to ask (a terminal) or none (the
answers come from options). Out: the values of the record, or problems in plain words.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from ..data.fields import FieldSpec, field_specs
from ..data.models import Ref, model_for
from .answers import (
    AUTO,
    ESSENTIAL,
    SHOW_ALL,
    Ask,
    Known,
    Stop,
    _check_one,
    label,
    option_names,
    parse_answer,
)
from .record_file import _source_model, validate_values
from .record_templates import check_value

# The session


@dataclass
class Session:
    rtype: str
    kind: str | None
    known: Known
    ask: Ask | None  # None: not interactive
    out: Any
    today: _dt.date
    problems: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    partial_sources: list[dict[str, str]] = field(default_factory=list)  # the sources given so far

    @property
    def key(self) -> str:
        return f"{self.rtype}-{self.kind}" if self.kind else self.rtype

    @property
    def specs(self) -> dict[str, FieldSpec]:
        return {s.name: s for s in field_specs(model_for(self.rtype, self.kind))}

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def prompt(self, question: str) -> str:
        assert self.ask is not None
        try:
            return self.ask(question)
        except EOFError:
            raise Stop("Stopped: no more answers. Nothing was written.", 1) from None

    def questions(self) -> list[str]:
        names = list(ESSENTIAL[self.key])
        for s in field_specs(model_for(self.rtype, self.kind)):
            if s.required and s.name not in names and s.name not in AUTO and s.name != "kind":
                names.append(s.name)
            if s.name == "kind" and s.required and self.rtype != "workplan" and "kind" not in names:
                names.insert(1, "kind")
        return names

    # -- one field ---------------------------------------------------------

    def describe(self, spec: FieldSpec) -> None:
        need = "required" if spec.required else "optional: press Enter to skip"
        self.say("")
        self.say(f"{label(spec.name)} ({need}). {spec.description}")
        if spec.choices:
            self.say("  One of: " + ", ".join(spec.choices))
        elif spec.ref is not None:
            if len(spec.ref.types) > 4:
                self.say("  The id of any record: its file name without .yml or .md (e.g. a document or an event).")
            for line in self.known.choices(spec.ref, self.values):
                self.say(line)
            if spec.is_list:
                self.say("  Give one or more ids, separated by commas.")
        elif spec.value in ("date", "partial-date", "url", "number"):
            self.say("  " + spec.hint() + ".")

    def ask_field(self, spec: FieldSpec, given: Any) -> Any:
        """The value of one field: from the options, else asked (interactive) or None."""
        if given not in (None, []):
            value, problem = self.from_option(spec, given)
            if not problem:
                return value
            if self.ask is None:
                self.problems.append(f"{option_names(spec.name)[0]}: {problem}")
                return None
            self.say(f"{option_names(spec.name)[0]}: {problem}")
        if self.ask is None:
            return None
        if spec.nested is not None:
            return self.ask_nested_list(spec)
        self.describe(spec)
        if spec.is_list and spec.ref is None and not spec.choices:
            return self.ask_text_items(spec)
        if spec.name == "body":
            return self.ask_body(spec)
        while True:
            answer = self.prompt(f"{label(spec.name)}: ").strip()
            if answer == SHOW_ALL and spec.ref is not None:
                self.show_all(spec.ref)
                continue
            if not answer:
                if spec.required or (spec.is_list and spec.min_items):
                    self.say("  This one is required.")
                    continue
                return [] if spec.is_list else None
            value, problem = parse_answer(spec, answer, self.known)
            problem = problem or self.cross_check(spec.name, value)
            if problem:
                self.say(f"  {problem}. Try again.")
                continue
            return value

    def show_all(self, ref: Ref, with_names: bool = False) -> None:
        """The answer `?`: every id the question takes."""
        for line in self.known.listing(ref, with_names):
            self.say(line)

    def cross_check(self, name: str, value: Any) -> str | None:
        """What the model says about this value next to the answers so far (e.g. an end before the start)."""
        trial = {**self.values, name: value}
        if self.kind:
            trial["kind"] = self.kind
        for where, message in validate_values(self.rtype, self.kind, trial):
            if where == name or where.startswith(name + "[") or where.startswith(name + "."):
                if message != "is required but missing":
                    return message
        return None

    def from_option(self, spec: FieldSpec, given: Any) -> tuple[Any, str | None]:
        if spec.is_list and (spec.ref is not None or spec.choices):
            return parse_answer(spec, ",".join(given), self.known)
        if spec.is_list:
            for item in given:
                problem = check_value(spec, item)
                if problem:
                    return None, problem
            return list(given), None
        value, problem = parse_answer(spec, given, self.known)
        return value, problem or self.cross_check(spec.name, value)

    def ask_text_items(self, spec: FieldSpec) -> list[str]:
        items: list[str] = []
        self.say("  One at a time; press Enter on an empty line when done.")
        while True:
            answer = self.prompt(f"{label(spec.name)} {len(items) + 1}: ").strip()
            if not answer:
                if len(items) < spec.min_items:
                    self.say("  At least one is required.")
                    continue
                return items
            problem = check_value(spec, answer)
            if problem:
                self.say(f"  {problem}. Try again.")
                continue
            items.append(answer)

    def ask_body(self, spec: FieldSpec) -> str:
        self.say("  Type or paste the story in Markdown (a blank line between paragraphs).")
        self.say("  End with a line holding only a full stop: .")
        while True:
            lines: list[str] = []
            while True:
                try:
                    line = self.ask("")
                except EOFError:
                    break
                if line.strip() == ".":
                    break
                lines.append(line.rstrip())
            text = "\n".join(lines).strip("\n")
            if text.strip():
                return text
            self.say("  The story is required. Type it, then a line with only a full stop.")

    def ask_nested_list(self, spec: FieldSpec) -> list[dict[str, Any]]:
        """Work-plan strand commitments: title, text and parties, one after another."""
        assert spec.nested is not None
        subs = {s.name: s for s in field_specs(spec.nested)}
        self.say("")
        self.say(f"{label(spec.name)} (required). {spec.description} Enter them one by one; "
                 "press Enter on an empty title when done.")
        items: list[dict[str, Any]] = []
        while True:
            n = len(items) + 1
            item: dict[str, Any] = {}
            for name, sub in subs.items():
                while True:
                    extra = " (Enter when done)" if name == next(iter(subs)) and items else ""
                    answer = self.prompt(f"{label(spec.name)[:-1] if spec.name.endswith('s') else label(spec.name)}"
                                         f" {n}, {name}{extra}: ").strip()
                    if not answer:
                        if name == next(iter(subs)) and items:
                            return items
                        if sub.required:
                            self.say("  This one is required.")
                            continue
                        break
                    value, problem = parse_answer(sub, answer, self.known)
                    if problem:
                        self.say(f"  {problem}. Try again.")
                        continue
                    item[name] = value
                    break
            items.append(item)

    # -- sources -----------------------------------------------------------

    def sources(self, docs: list[str], sections: list[str], own_id: str | None) -> list[dict[str, str]]:
        src_spec = {s.name: s for s in field_specs(_source_model())}
        doc_spec = src_spec["document"]
        out: list[dict[str, str]] = self.partial_sources
        if len(docs) != len(sections):
            self.problems.append(f"--source-document and --source-section come in pairs: {len(docs)} "
                                 f"document(s) but {len(sections)} section(s)")
            docs, sections = docs[: min(len(docs), len(sections))], sections[: min(len(docs), len(sections))]
        for doc, section in zip(docs, sections, strict=True):
            problem = _check_one(doc_spec, doc, self.known, own_id) or check_value(src_spec["section"], section)
            if problem:
                if self.ask is None:
                    self.problems.append(f"--source-document: {problem}")
                else:
                    self.say(f"--source-document: {problem}")
                continue
            out.append({"document": doc, "section": section})
        if self.ask is None or (out and not self.problems):
            return out
        self.say("")
        self.say("Sources (required). Every fact must come from a document. Give the id of the document and "
                 "the part of it (section, paragraph, table row) the facts come from.")
        self.say("If the document is not listed, add it first: make new TYPE=documents")
        for line in self.known.choices(doc_spec.ref, self.values, with_names=True):
            self.say(line)
        if self.rtype == "documents" and own_id:
            self.say(f"  (A document may cite itself: {own_id})")
        while True:
            n = len(out) + 1
            doc = self.prompt(f"Source {n}, document id{' (Enter when done)' if out else ''}: ").strip()
            if doc == SHOW_ALL:
                self.show_all(doc_spec.ref, with_names=True)
                continue
            if not doc:
                if out:
                    return out
                self.say("  At least one source is required.")
                continue
            problem = _check_one(doc_spec, doc, self.known, own_id)
            if problem:
                self.say(f"  {problem}. Try again.")
                continue
            while True:
                section = self.prompt(f"Source {n}, section (e.g. 'Section 2, paragraph 3'): ").strip()
                if section:
                    break
                self.say("  Say which part of the document the facts come from.")
            out.append({"document": doc, "section": section})
