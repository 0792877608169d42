"""`check_env`: assert that an environment keeps the contract of `envs.base.Env`, in the
spirit of `gymnasium.utils.env_checker`. Every new environment should pass it in its tests.

It costs one reset and two steps, and closes the environment at the end.
"""

from __future__ import annotations

import types
from collections import Counter
from itertools import zip_longest
from typing import Any, Union, get_args, get_origin, get_type_hints

from openlam.envs.base import ResetInfo, StepInfo
from openlam.records import Action, Control, Observation, Status

# Not a call at all: every action space refuses it at parsing.
INVALID_ACTION = "this is not an action("
METHODS = ("reset", "step", "observe", "close", "__enter__", "__exit__")


class EnvContractError(AssertionError):
    """An environment broke the reset/step contract; the message says where and how."""


def check_env(env: Any, reset_options: dict[str, Any] | None = None) -> None:
    """Raise `EnvContractError` naming the first broken part of the contract: return types
    of reset and step, the observation (unique control labels), the info keys and their
    types, a bad action string coming back as `obs.last_result.error`, FINISH terminating,
    observe() leaving the state alone, close() callable twice. `reset_options`: what the
    environment's reset needs (a template, a url)."""
    missing = [name for name in METHODS if not callable(getattr(env, name, None))]
    _require(not missing, f"missing methods: {', '.join(missing)}")
    obs = _check_reset(env, reset_options)
    _check_observe(env, obs, "reset")
    obs = _check_invalid_action(env)
    _check_observe(env, obs, "the invalid action's step")
    _check_finish(env)
    _check_close(env)


def _require(condition: object, message: str) -> None:
    if not condition:
        raise EnvContractError(message)


def _check_reset(env: Any, options: dict[str, Any] | None) -> Observation:
    out = env.reset(seed=0, options=options)
    _require(
        isinstance(out, tuple) and len(out) == 2,
        f"reset must return (obs, info), not {type(out).__name__}",
    )
    obs, info = out
    _check_obs(obs, "reset")
    _check_info(info, ResetInfo, "reset")
    _require(info.get("seed", 0) == 0, f"reset's info['seed'] is {info.get('seed')!r}, not 0")
    return obs


def _check_invalid_action(env: Any) -> Observation:
    where = f"step({INVALID_ACTION!r})"
    try:
        out = env.step(INVALID_ACTION)
    except Exception as exc:
        raise EnvContractError(
            f"{where} raised {type(exc).__name__}: {exc}; a bad action must come back as "
            "obs.last_result.error"
        ) from exc
    obs, _, terminated, truncated, info = _check_step(out, where)
    result = obs.last_result
    _require(
        result is not None and not result.ok and result.error,
        f"{where} gave last_result={result!r}, not an error",
    )
    _require(not terminated and not truncated, f"{where} ended the episode")
    _require(info.get("action") is None, f"{where} reports info['action']={info.get('action')}")
    return obs


def _check_finish(env: Any) -> None:
    where = "step(FINISH)"
    out = env.step(Action(function="", status=Status.FINISH))
    _, _, terminated, truncated, _ = _check_step(out, where)
    _require(
        terminated and not truncated, f"{where} gave terminated={terminated}, truncated={truncated}"
    )


def _check_step(out: Any, where: str) -> tuple[Observation, float, bool, bool, dict]:
    _require(
        isinstance(out, tuple) and len(out) == 5,
        f"{where} must return (obs, reward, terminated, truncated, info), not {out!r:.200}",
    )
    obs, reward, terminated, truncated, info = out
    _check_obs(obs, where)
    _require(obs.last_result is not None, f"{where}: the observation has no last_result")
    _require(_matches(reward, float), f"{where}: reward {reward!r} is not a float")
    for name, flag in (("terminated", terminated), ("truncated", truncated)):
        _require(isinstance(flag, bool), f"{where}: {name} {flag!r} is not a bool")
    _check_info(info, StepInfo, where)
    reason = info.get("truncated_reason")
    _require(
        bool(reason) == truncated,
        f"{where}: truncated={truncated} but info['truncated_reason']={reason!r}; the reason "
        "is set exactly when the step is truncated",
    )
    return obs, reward, terminated, truncated, info


def _check_obs(obs: Any, where: str) -> None:
    _require(
        isinstance(obs, Observation),
        f"{where}: the observation is a {type(obs).__name__}, not a records.Observation",
    )
    bad = [c for c in obs.controls if not isinstance(c, Control) or not c.label]
    _require(not bad, f"{where}: controls without a label or not a records.Control: {bad[:3]}")
    repeated = [label for label, n in Counter(c.label for c in obs.controls).items() if n > 1]
    _require(not repeated, f"{where}: control labels used more than once: {repeated[:10]}")


def _check_info(info: Any, schema: type, where: str) -> None:
    _require(isinstance(info, dict), f"{where}: info is a {type(info).__name__}, not a dict")
    hints = get_type_hints(schema)
    unknown = sorted(set(info) - set(hints))
    _require(
        not unknown,
        f"{where}: info keys {unknown} are not documented in envs.base.{schema.__name__}",
    )
    for key, value in info.items():
        _require(
            _matches(value, hints[key]),
            f"{where}: info[{key!r}]={value!r:.200} is not {hints[key]}",
        )


def _matches(value: Any, hint: Any) -> bool:
    """isinstance for the few type hints the info dicts use."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_matches(value, arg) for arg in get_args(hint))
    if origin is dict:
        key_type, value_type = get_args(hint)
        return isinstance(value, dict) and all(
            _matches(k, key_type) and _matches(v, value_type) for k, v in value.items()
        )
    if hint is type(None):
        return value is None
    if hint in (int, float):  # a bool is an int to Python, never a number here
        numbers = (int, float) if hint is float else int
        return isinstance(value, numbers) and not isinstance(value, bool)
    return isinstance(value, hint)


def _check_observe(env: Any, last: Observation, after: str) -> None:
    first = env.observe()
    _check_obs(first, "observe()")
    _require(
        first == last,
        f"observe() after {after} differs from what {after} returned: {_difference(last, first)}",
    )
    second = env.observe()
    _require(
        second == first,
        f"a second observe() differs from the first: {_difference(first, second)}",
    )


def _difference(a: Observation, b: Observation) -> str:
    """The first field (and item of a list) where two observations differ."""
    x, y = a.model_dump(), b.model_dump()
    name = next((k for k in x if x[k] != y[k]), None)
    if isinstance(x.get(name), list):
        pairs = zip_longest(x[name], y[name])
        index, (p, q) = next((i, pq) for i, pq in enumerate(pairs) if pq[0] != pq[1])
        return f"{name}[{index}]: {p!r:.200} != {q!r:.200}"
    return f"{name}: {x.get(name)!r:.200} != {y.get(name)!r:.200}"


def _check_close(env: Any) -> None:
    with env as entered:
        _require(entered is env, f"__enter__ returned {entered!r:.100}, not the env itself")
    try:
        env.close()  # __exit__ closed it already
    except Exception as exc:
        raise EnvContractError(
            f"close() after __exit__ raised {type(exc).__name__}: {exc}; close must be "
            "callable again"
        ) from exc
