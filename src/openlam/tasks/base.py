"""Tasks, after BrowserGym's task classes: a family owns what a task means.

A family samples parameters from a template's real content, phrases the request, knows a
known-good solution (`solution`, the "cheat", acting only through the environment's public
actions) and checks the end state (`check`). The environment knows no task.

Phrasings are split: the last `TEST_PHRASINGS` of every family are used only for test
instances, so evaluation can use wordings no model trained on.
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

TEST_PHRASINGS = 2
Split = Literal["train", "test"]


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


@dataclass(frozen=True)
class CheckResult:
    success: bool
    reason: str


class TaskFamily(ABC):
    """A kind of task with its phrasings, parameter sampler, solution and checker."""

    id: ClassVar[str]
    app: ClassVar[str]
    category: ClassVar[str]
    phrasings: tuple[str, ...]
    compositional: ClassVar[bool] = False

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

    def phrasing_indices(self, split: Split | None) -> list[int]:
        n = len(self.phrasings)
        if split == "train":
            return list(range(n - TEST_PHRASINGS))
        if split == "test":
            return list(range(n - TEST_PHRASINGS, n))
        return list(range(n))

    def instance(self, template: str, params: dict[str, Any], phrasing: int) -> TaskInstance:
        request = self.phrasings[phrasing].format(**params)
        request = request[:1].upper() + request[1:]
        digest = hashlib.sha1(
            json.dumps([template, params, phrasing], sort_keys=True).encode()
        ).hexdigest()[:10]
        split: Split = "test" if phrasing >= len(self.phrasings) - TEST_PHRASINGS else "train"
        return TaskInstance(
            id=f"{self.id}:{template}:{digest}",
            family=self.id,
            app=self.app,
            template=template,
            params=params,
            request=request,
            phrasing=phrasing,
            split=split,
        )
