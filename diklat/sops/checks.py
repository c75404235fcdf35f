"""Checks on a draft SOP: required elements, flow soundness, service time, length, plain language.

Pure: takes a :class:`SopDocument` and plain numbers, returns results whose messages are
untranslated templates with parameters and an anchor saying where the problem is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from diklat.common.formatting import compact
from diklat.common.markers import N_
from diklat.sops.document import SopDocument

MAX_PAGES = 2
MAX_WORDS = 25
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass
class Problem:
    """Why a check failed and where: ``where`` is an anchor such as ``field-purpose`` or ``step-<uid>``."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    where: str = ""


@dataclass
class CheckResult:
    """One line of the checklist."""

    key: str
    group: str
    label: str
    problems: list[Problem] = field(default_factory=list)
    info: Problem | None = None
    measured: bool = True

    @property
    def passed(self) -> bool:
        """No problem found (and the check could be made)."""
        return self.measured and not self.problems


@dataclass
class LongestPath:
    """The slowest way through the flow from start to an end, loops back not counted."""

    minutes: float
    indexes: list[int]


def _step(n: int) -> dict[str, Any]:
    return {"n": n + 1}


# --- required elements ---------------------------------------------------------------------------

REQUIRED_FIELDS = [
    ("title", N_("Name of the SOP"), N_("The SOP has no name."), "field-title"),
    ("purpose", N_("Purpose"), N_("The purpose is empty."), "field-purpose"),
    ("scope", N_("Scope"), N_("The scope is empty."), "field-scope"),
    ("complaint_channel", N_("Complaint channel"), N_("No complaint channel is named."), "field-complaint_channel"),
]


def _required_field(doc: SopDocument, key: str, label: str, message: str, where: str) -> CheckResult:
    result = CheckResult(f"required-{key}", "required", label)
    if not doc.get(key):
        result.problems.append(Problem(message, where=where))
    return result


def check_steps_present(doc: SopDocument) -> CheckResult:
    """At least one activity step besides start and end."""
    result = CheckResult("required-steps", "required", N_("Steps"))
    if not any(s.kind in ("process", "decision") and s.activity for s in doc.steps):
        result.problems.append(Problem(N_("There is no activity step yet."), where="steps"))
    return result


def check_documents(doc: SopDocument) -> CheckResult:
    """Supporting documents named in the Requirements column."""
    result = CheckResult("required-documents", "required", N_("Supporting documents"))
    if not any(s.requirements for s in doc.steps):
        result.problems.append(Problem(N_("No step names the documents or requirements it needs."), where="steps"))
    return result


def check_service_time(doc: SopDocument) -> CheckResult:
    """A service-time standard promised to citizens."""
    result = CheckResult("required-service_time", "required", N_("Service-time standard"))
    if not doc.promised_minutes:
        result.problems.append(Problem(N_("No service time is promised."), where="field-service_time"))
    return result


def check_person_in_charge(doc: SopDocument) -> CheckResult:
    """The official in charge (approving official) named with position."""
    result = CheckResult("required-person", "required", N_("Person in charge"))
    for key, message in (
        ("approver_position", N_("The approving official's position is empty.")),
        ("approver_name", N_("The approving official's name is empty.")),
    ):
        if not doc.get(key):
            result.problems.append(Problem(message, where=f"field-{key}"))
    return result


# --- flow ------------------------------------------------------------------------------------------


def _starts(doc: SopDocument) -> list[int]:
    return [i for i, s in enumerate(doc.steps) if s.kind == "start"]


def _reachable(doc: SopDocument, roots: list[int]) -> set[int]:
    seen: set[int] = set()
    todo = list(roots)
    while todo:
        i = todo.pop()
        if i in seen:
            continue
        seen.add(i)
        todo.extend(j for j, _ in doc.successors(i))
    return seen


def check_one_start(doc: SopDocument) -> CheckResult:
    """Exactly one start symbol, in the first row."""
    result = CheckResult("flow-start", "flow", N_("One start"))
    starts = _starts(doc)
    if not starts:
        result.problems.append(Problem(N_("No step is marked as the start."), where="steps"))
    for i in starts[1:]:
        result.problems.append(Problem(N_("Step %(n)d is a second start."), _step(i), f"step-{doc.steps[i].uid}"))
    return result


def check_end_reachable(doc: SopDocument) -> CheckResult:
    """An end symbol exists and can be reached from the start."""
    result = CheckResult("flow-end", "flow", N_("End reachable"))
    ends = [i for i, s in enumerate(doc.steps) if s.kind == "end"]
    if not ends:
        result.problems.append(Problem(N_("No step is marked as the end."), where="steps"))
    elif _starts(doc) and not set(ends) & _reachable(doc, _starts(doc)[:1]):
        result.problems.append(Problem(N_("No end can be reached from the start."), where="steps"))
    return result


def check_no_dead_end(doc: SopDocument) -> CheckResult:
    """Every step leads on, and from every step an end can still be reached."""
    result = CheckResult("flow-dead-end", "flow", N_("No dead ends"))
    ends = {i for i, s in enumerate(doc.steps) if s.kind == "end"}
    for i, step in enumerate(doc.steps):
        if step.kind == "end":
            continue
        where = f"step-{step.uid}"
        if not doc.successors(i):
            result.problems.append(
                Problem(N_("Step %(n)d leads nowhere: give it a next step or make it an end."), _step(i), where)
            )
        elif ends and not _reachable(doc, [i]) & ends:
            result.problems.append(
                Problem(N_("From step %(n)d no end can be reached (a loop without exit)."), _step(i), where)
            )
    return result


def check_no_unreachable(doc: SopDocument) -> CheckResult:
    """Every step can be reached from the start."""
    result = CheckResult("flow-unreachable", "flow", N_("No unreachable steps"))
    starts = _starts(doc)
    if not starts:
        return result
    seen = _reachable(doc, starts[:1])
    for i, step in enumerate(doc.steps):
        if i not in seen:
            result.problems.append(
                Problem(N_("Step %(n)d cannot be reached from the start."), _step(i), f"step-{step.uid}")
            )
    return result


def check_decisions(doc: SopDocument) -> CheckResult:
    """Every decision has a yes and a different no branch; every target exists."""
    result = CheckResult("flow-decisions", "flow", N_("Decisions have both branches"))
    where_of = doc.step_index()
    for i, step in enumerate(doc.steps):
        where = f"step-{step.uid}"
        for target in (step.next, step.alt):
            if target and target not in where_of:
                result.problems.append(
                    Problem(N_("Step %(n)d points to a step that no longer exists."), _step(i), where)
                )
        if step.kind != "decision":
            continue
        labels = dict((label, j) for j, label in doc.successors(i))
        if "yes" not in labels:
            result.problems.append(Problem(N_("Decision %(n)d has no “yes” branch."), _step(i), where))
        if "no" not in labels:
            result.problems.append(Problem(N_("Decision %(n)d has no “no” branch."), _step(i), where))
        elif labels.get("yes") == labels["no"]:
            result.problems.append(Problem(N_("Both branches of decision %(n)d go to the same step."), _step(i), where))
    return result


# --- time ------------------------------------------------------------------------------------------


def _forward_edges(doc: SopDocument, root: int) -> dict[int, list[int]]:
    """Successor lists without the edges that close a loop (depth-first back edges)."""
    graph: dict[int, list[int]] = {i: [] for i in range(len(doc.steps))}
    state: dict[int, int] = {}  # 1 on the stack, 2 done
    stack = [(root, iter(doc.successors(root)))]
    state[root] = 1
    while stack:
        node, children = stack[-1]
        for child, _label in children:
            if state.get(child) == 1:
                continue  # back edge: a rework loop, not counted
            graph[node].append(child)
            if child not in state:
                state[child] = 1
                stack.append((child, iter(doc.successors(child))))
            break
        else:
            state[node] = 2
            stack.pop()
    return graph


def longest_path(doc: SopDocument) -> LongestPath | None:
    """The path from the start to an end with the largest total time (rework loops ignored)."""
    starts = _starts(doc) or ([0] if doc.steps else [])
    if not starts:
        return None
    graph = _forward_edges(doc, starts[0])
    memo: dict[int, tuple[float, list[int]]] = {}

    def best(i: int) -> tuple[float, list[int]]:
        if i not in memo:
            own = doc.steps[i].minutes or 0.0
            tails = [best(j) for j in graph[i]]
            tail = max(tails, key=lambda t: t[0]) if tails else (0.0, [])
            memo[i] = (own + tail[0], [i, *tail[1]])
        return memo[i]

    order = _postorder(graph, starts[0])
    for i in order:
        best(i)
    minutes, indexes = best(starts[0])
    return LongestPath(minutes, indexes)


def _postorder(graph: dict[int, list[int]], root: int) -> list[int]:
    """Nodes children-first, so memoised recursion stays shallow."""
    out: list[int] = []
    seen: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            out.append(node)
            continue
        if node in seen:
            continue
        seen.add(node)
        stack.append((node, True))
        stack.extend((c, False) for c in graph[node] if c not in seen)
    return out


def check_total_time(doc: SopDocument) -> CheckResult:
    """Total time along the longest path is within the promised service time; every step has a time."""
    result = CheckResult("time-total", "time", N_("Total time within the promise"))
    for i, step in enumerate(doc.steps):
        if step.time_value is None:
            result.problems.append(Problem(N_("Step %(n)d has no time."), _step(i), f"step-{step.uid}"))
    path = longest_path(doc)
    if path is None:
        return result
    promised = doc.promised_minutes
    numbers = ", ".join(str(i + 1) for i in path.indexes)
    result.info = Problem(
        N_("Longest path (steps %(steps)s): %(minutes)s minutes."),
        {"steps": numbers, "minutes": _fmt(path.minutes), "total": path.minutes},
    )
    if promised and path.minutes > promised:
        result.problems.append(
            Problem(
                N_("The longest path takes %(total)s minutes, more than the %(promised)s minutes promised."),
                {"total": _fmt(path.minutes), "promised": _fmt(promised)},
                "field-service_time",
            )
        )
    elif not promised:
        result.problems.append(Problem(N_("No promised service time to compare with."), where="field-service_time"))
    return result


def _fmt(minutes: float) -> str:
    """Minutes in the reader's way: "7,5", "10"."""
    return compact(minutes, 1)


# --- length and language ---------------------------------------------------------------------------


def check_length(pages: int | None) -> CheckResult:
    """The printed SOP has at most two pages (counted in the generated PDF)."""
    result = CheckResult("length-pages", "length", N_("At most 2 pages"), measured=pages is not None)
    if pages is not None:
        result.info = Problem(N_("The PDF has %(pages)d pages."), {"pages": pages})
        if pages > MAX_PAGES:
            result.problems.append(
                Problem(
                    N_("The printed SOP has %(pages)d pages; keep it to %(max)d."),
                    {"pages": pages, "max": MAX_PAGES},
                    "steps",
                )
            )
    return result


def long_sentences(text: str, limit: int = MAX_WORDS) -> list[tuple[int, str]]:
    """Sentences of ``text`` longer than ``limit`` words, as (word count, first words…)."""
    out = []
    for sentence in SENTENCE_END.split(text or ""):
        words = sentence.split()
        if len(words) > limit:
            out.append((len(words), " ".join(words[:6]) + " …"))
    return out


def check_sentences(doc: SopDocument) -> CheckResult:
    """No sentence longer than 25 words in the explanation, the warning or the steps."""
    result = CheckResult("language-sentences", "language", N_("Short sentences"))
    for key in ("purpose", "scope", "definitions", "warning", "qualifications"):
        for words, start in long_sentences(doc.get(key)):
            result.problems.append(
                Problem(
                    N_("A sentence of %(words)d words in “%(field)s”: %(start)s"),
                    {"words": words, "field": key, "start": start},
                    f"field-{key}",
                )
            )
    for i, step in enumerate(doc.steps):
        for text in (step.activity, step.requirements, step.output, step.notes):
            for words, start in long_sentences(text):
                result.problems.append(
                    Problem(
                        N_("A sentence of %(words)d words in step %(n)d: %(start)s"),
                        {"words": words, "n": i + 1, "start": start},
                        f"step-{step.uid}",
                    )
                )
    return result


def check_actors_outputs(doc: SopDocument) -> CheckResult:
    """Every step has an actor from the list; every process step has an output."""
    result = CheckResult("language-actors", "language", N_("Every step has an actor and an output"))
    for i, step in enumerate(doc.steps):
        where = f"step-{step.uid}"
        if not step.activity:
            result.problems.append(Problem(N_("Step %(n)d has no activity text."), _step(i), where))
        if not step.actor or step.actor not in doc.actors:
            result.problems.append(Problem(N_("Step %(n)d has no actor from the list."), _step(i), where))
        if step.kind in ("start", "process") and not step.output:
            result.problems.append(Problem(N_("Step %(n)d has no output."), _step(i), where))
    return result


DOC_CHECKS: list[Callable[[SopDocument], CheckResult]] = [
    check_steps_present,
    check_documents,
    check_service_time,
    check_person_in_charge,
    check_one_start,
    check_end_reachable,
    check_no_dead_end,
    check_no_unreachable,
    check_decisions,
    check_total_time,
    check_sentences,
    check_actors_outputs,
]


def run_checks(doc: SopDocument, pages: int | None) -> list[CheckResult]:
    """Every check, in checklist order."""
    results = [_required_field(doc, *spec) for spec in REQUIRED_FIELDS]
    results += [check(doc) for check in DOC_CHECKS]
    results.append(check_length(pages))
    order = {"required": 0, "flow": 1, "time": 2, "length": 3, "language": 4}
    return sorted(results, key=lambda r: order[r.group])


def all_passed(results: list[CheckResult]) -> bool:
    """Whether the whole checklist is green."""
    return all(r.passed for r in results)
