"""Describing a control by what it is, and finding it again in another observation.

Labels are positions in one observation's list; a page with one more link, a Writer window
with its sidebar open, a form laid out anew all renumber them. A `Target` keeps what a person
would go by instead: the role, the name, the container (context), the place among the
controls of the same role and container, and the names of the controls beside it.

Finding scores every control of the same role. The name weighs most, as a multiplier: a
control whose name has nothing in common with the recorded one is not taken, however well it
sits (a renamed "Send" -> "Delete" button must not be clicked by position alone); among
controls of the same name (Writer lists many "Navigator" cells), the structure decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pydantic import BaseModel, ConfigDict, Field

from openlam.records import Control, Observation
from openlam.teach.skill import Target

NEIGHBOURS = 2  # names kept on each side of a target
# Weights of the structure features (renormalised over those a target has).
STRUCTURE_WEIGHTS = {"context": 0.3, "position": 0.3, "neighbours": 0.3, "value": 0.1}


class MatchConfig(BaseModel):
    """How sure replay must be that a control is the recorded one."""

    model_config = ConfigDict(extra="forbid")

    threshold: float = Field(0.6, ge=0, le=1, description="lowest score that counts as found")
    name_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="score of an equal name with nothing else matching (the rest is structure)",
    )


@dataclass(frozen=True)
class Candidate:
    """A control of the current observation scored against a target."""

    control: Control
    score: float
    features: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """e.g. `name 1.00, context 1.00, position 0.50, neighbours 0.75`."""
        return ", ".join(f"{k} {v:.2f}" for k, v in self.features.items())


@dataclass(frozen=True)
class Found:
    """The outcome of a search: the best candidate if it cleared the threshold."""

    best: Candidate | None  # the best scored, found or not
    runner_up: Candidate | None
    found: bool

    @property
    def how(self) -> str:
        """exact (every feature matched), match (found by score) or not found."""
        if not self.found:
            return "not found"
        return "exact" if self.best.score >= 0.999 else "match"


def describe_control(obs: Observation, control: Control) -> Target:
    """The target a control of this observation stands for."""
    return describe_all(obs)[control.label]


def describe_all(obs: Observation) -> dict[str, Target]:
    """The target of every control of an observation, by label (one pass over the list)."""
    controls = obs.controls
    groups: dict[tuple[str, str | None], int] = {}
    positions = []
    for control in controls:
        key = (control.type, control.context)
        positions.append(groups.get(key, 0))
        groups[key] = positions[-1] + 1
    return {
        control.label: Target(
            role=control.type,
            name=control.name,
            value=control.value,
            context=control.context,
            position=positions[i],
            siblings=groups[(control.type, control.context)],
            before=[c.name for c in reversed(controls[max(0, i - NEIGHBOURS) : i])],
            after=[c.name for c in controls[i + 1 : i + 1 + NEIGHBOURS]],
            label=control.label,
        )
        for i, control in enumerate(controls)
    }


def rank_candidates(obs: Observation, target: Target, config: MatchConfig) -> list[Candidate]:
    """Every control of the target's role, best first (ties keep the list order)."""
    described = describe_all(obs)
    scored = []
    for control in obs.controls:
        if control.type != target.role:
            continue
        features = _features(target, described[control.label])
        scored.append(Candidate(control, _score(features, config), features))
    return sorted(scored, key=lambda c: -c.score)


def find_target(obs: Observation, target: Target, config: MatchConfig | None = None) -> Found:
    """The control of `obs` that best fits the target, if it scores above the threshold."""
    config = config or MatchConfig()
    ranked = rank_candidates(obs, target, config)
    best = ranked[0] if ranked else None
    runner_up = ranked[1] if len(ranked) > 1 else None
    return Found(best, runner_up, best is not None and best.score >= config.threshold)


def name_similarity(a: str, b: str) -> float:
    """1 for the same words (case, punctuation and spacing aside), else a similarity ratio;
    a name contained in the other (a "Login" button now "Login now") counts 0.8 at least."""
    a, b = _normal(a), _normal(b)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    ratio = SequenceMatcher(None, a, b).ratio()
    return max(ratio, 0.8) if (a in b.split() or b in a.split() or a in b or b in a) else ratio


def _features(target: Target, now: Target) -> dict[str, float]:
    features = {
        "name": name_similarity(target.name, now.name),
        "context": 1.0 if target.context == now.context else _soft(target.context, now.context),
        "position": 1.0 / (1 + abs(target.position - now.position)),
    }
    recorded = [_normal(n) for n in target.before + target.after]
    if recorded:
        around = {_normal(n) for n in now.before + now.after}
        features["neighbours"] = sum(n in around for n in recorded) / len(recorded)
    if target.value:
        features["value"] = name_similarity(target.value, now.value or "")
    return features


def _score(features: dict[str, float], config: MatchConfig) -> float:
    weights = {k: w for k, w in STRUCTURE_WEIGHTS.items() if k in features}
    structure = sum(features[k] * w for k, w in weights.items()) / sum(weights.values())
    return features["name"] * (config.name_share + (1 - config.name_share) * structure)


def _soft(a: str | None, b: str | None) -> float:
    return name_similarity(a, b) if a and b else 0.0


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
