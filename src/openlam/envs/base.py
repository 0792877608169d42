"""The contract every application environment keeps, in Gymnasium's spirit.

    obs, info = env.reset(seed=None, options=None)           # ResetInfo
    obs, reward, terminated, truncated, info = env.step(a)   # StepInfo
    obs = env.observe()                                      # read again, act not
    env.close()                                              # or `with Env(...) as env:`

- A failed or unparsable action is an observation (`obs.last_result.error`), never an
  exception: the agent reads it and tries something else.
- `terminated`: the episode is over on its own terms: the action's status is FINISH or
  FAIL, or the application ended the task itself (`info["task_over"]`).
- `truncated`: something cut the episode short; `info["truncated_reason"]` says what: the
  step limit (the reason then contains "step limit"), or the application died or stopped
  answering (any other reason).
- After the application dies, that step and every further one return `truncated=True`,
  with `obs.last_result.error` set to the reason; none raises. The next `reset` starts a
  fresh application. A `reset` that cannot start the application raises the environment's
  own exception for it (`tasks.apps.TaskApp.gone` lists them), so callers may retry.
- `observe()` changes nothing: it returns the current state with the last action's result.
- `close()` ends every process the environment started and may be called again.

`check.check_env` asserts all of this for any environment.
"""

from __future__ import annotations

from typing import Any, Protocol, TypedDict, runtime_checkable

from openlam.records import Action, Observation


class ResetInfo(TypedDict, total=False):
    """What `reset` says besides the observation; every key is optional."""

    seed: int | None  # the seed the caller passed
    restarted: bool  # a fresh application was started for this episode
    timings: dict[str, float]  # seconds: reset_s, launch_s, cold_start_s, observe_s, ...
    template: str  # Writer: the document the episode opened a copy of
    url: str  # web: where the page is after loading
    goal: str  # web: the goal a task page set itself up with


class StepInfo(TypedDict, total=False):
    """What `step` says besides observation, reward and the two flags; every key optional."""

    timings: dict[str, float]  # seconds: action_s, observe_s and the reading's parts
    truncated_reason: str  # set exactly when truncated: the limit hit, or how the app died
    task_over: bool  # the application ended the task itself (a web form was submitted)
    action: Action | None  # the action as carried out; None when it did not parse


@runtime_checkable
class Env(Protocol):
    """An application behind the reset/step contract (see the module docstring)."""

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, ResetInfo]: ...

    def step(self, action: Action | str) -> tuple[Observation, float, bool, bool, StepInfo]: ...

    def observe(self) -> Observation: ...

    def close(self) -> None: ...

    def __enter__(self) -> Env: ...

    def __exit__(self, *exc: object) -> None: ...
