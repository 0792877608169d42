"""What every application environment decides the same way after a step."""

from __future__ import annotations

from openlam.envs.base import StepInfo
from openlam.records import Action, Status


def episode_end(
    action: Action | None, steps: int, max_steps: int, info: StepInfo
) -> tuple[bool, bool]:
    """(terminated, truncated): the model said FINISH or FAIL, or the step limit is reached
    (the reason then goes into `info`)."""
    terminated = action is not None and action.status in (Status.FINISH, Status.FAIL)
    truncated = not terminated and steps >= max_steps
    if truncated:
        info["truncated_reason"] = f"step limit {max_steps} reached"
    return terminated, truncated
