"""Tasks, after BrowserGym's task classes: a family owns what a task means.

A family samples parameters from a template's real content, phrases the request, knows a
known-good solution (`solution`, the "cheat", acting only through the environment's public
actions) and checks the end state (`check`). The environment knows no task.

Phrasings come in the styles people type (`STYLES`); whole styles (`TEST_STYLES`) are used
only for test instances, so evaluation uses wordings of a kind no model trained on.
"""

from __future__ import annotations

import hashlib
import json
import random
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from openlam.agent.scripted import Rule
from openlam.records import Record

Split = Literal["train", "test"]

# terse: "Bold {word}."; polite: "Could you ..."; context: the reason first ("I'm printing
# this, so ..."); indirect: the goal, not the command ("{word} should stand out");
# reference: the target named by its position or content; typo: as typed in a hurry.
STYLES = ("terse", "polite", "context", "indirect", "reference", "typo")
TEST_STYLES = frozenset({"context", "typo"})


class Phrasings(tuple):
    """A family's request templates, each tagged with the style it is written in."""

    styles: tuple[str, ...]

    def __new__(cls, pairs: list[tuple[str, str]]) -> Phrasings:
        unknown = {style for style, _ in pairs} - set(STYLES)
        if unknown:
            raise ValueError(f"unknown phrasing styles {sorted(unknown)}; styles: {STYLES}")
        made = super().__new__(cls, [text for _, text in pairs])
        made.styles = tuple(style for style, _ in pairs)
        return made


def styled(**by_style: tuple[str, ...] | list[str]) -> Phrasings:
    """Phrasings given per style: `styled(terse=(...), polite=(...), ...)`."""
    return Phrasings([(style, text) for style, texts in by_style.items() for text in texts])


class TaskInstance(Record):
    """One concrete task: a family's request on a template with sampled parameters."""

    id: str
    family: str
    app: str
    template: str
    params: dict[str, Any]
    request: str
    phrasing: int
    split: Split
    style: str | None = None


@dataclass(frozen=True)
class CheckResult:
    success: bool
    reason: str


class TaskFamily(ABC):
    """A kind of task with its phrasings, parameter sampler, solution and checker."""

    id: ClassVar[str]
    app: ClassVar[str]
    category: ClassVar[str]
    phrasings: Phrasings
    compositional: ClassVar[bool] = False
    # A request the application cannot do: the right answer is FAIL with a reason.
    expects_fail: ClassVar[bool] = False
    # The help procedures (page#anchor, as in the plan corpus' `source`) the family covers.
    help_sources: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def sample_params(self, facts: Any, rng: random.Random) -> dict[str, Any] | None:
        """Parameters drawn from a template's facts, or None when it has nothing fitting."""

    @abstractmethod
    def solution(self, params: dict[str, Any]) -> list[Rule]:
        """A known-good solution made of public actions only."""

    @abstractmethod
    def check(
        self, params: dict[str, Any], before: Any, after: Any, answer: str | None
    ) -> CheckResult:
        """Whether the end state does what was asked and damages nothing else."""

    def wrong_params(
        self, params: dict[str, Any], facts: Any, rng: random.Random
    ) -> dict[str, Any] | None:
        """Parameters of a plausible wrong solution (wrong word, size, shape...)."""
        return None

    def phrasing_split(self, index: int) -> Split:
        return "test" if self.phrasings.styles[index] in TEST_STYLES else "train"

    def phrasing_indices(self, split: Split | None) -> list[int]:
        indices = range(len(self.phrasings))
        return [i for i in indices if split is None or self.phrasing_split(i) == split]

    def instance(self, template: str, params: dict[str, Any], phrasing: int) -> TaskInstance:
        request = self.phrasings[phrasing].format(**params)
        request = request[:1].upper() + request[1:]
        digest = hashlib.sha1(
            json.dumps([template, params, phrasing], sort_keys=True).encode()
        ).hexdigest()[:10]
        return TaskInstance(
            id=f"{self.id}:{template}:{digest}",
            family=self.id,
            app=self.app,
            template=template,
            params=params,
            request=request,
            phrasing=phrasing,
            split=self.phrasing_split(phrasing),
            style=self.phrasings.styles[phrasing],
        )
