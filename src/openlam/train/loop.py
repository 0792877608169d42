"""The skeleton every trainer shares: resume, keep time, log, save.

A phase hands the loop one callable that does one optimizer step of its own kind and returns
the record of that step. The loop keeps every record, writes the logged ones to log.jsonl,
prints a line for them and saves a resume point every `save_steps`. What a phase must carry
across steps and resumes (tokens seen, the KL weight) lives in `LoopState.extra`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from openlam.train.checkpoint import TrainingError, load_resume, save_resume

Log = Callable[[str], None]
Record = dict[str, Any]
LOG_FILE = "log.jsonl"


@dataclass
class LoopState:
    """Where a run stands; plain JSON-friendly values, saved in every resume point."""

    step: int = 0
    seconds: float = 0.0
    history: list[Record] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def first_last(self, key: str) -> tuple[Any, Any]:
        """`key` of the first and of the last record, or (None, None) before any step."""
        if not self.history:
            return None, None
        return self.history[0][key], self.history[-1][key]


# Called with the index of the step to take (0-based) and the state; returns the step's record.
Step = Callable[[int, LoopState], Record]


@dataclass
class TrainLoop:
    """One run's steps and what happens around them; `describe` turns a record into the
    printed line."""

    model: Any
    optimizer: Any
    scheduler: Any
    out: Path
    fingerprint: str
    total: int
    save_steps: int
    log_steps: int
    describe: Callable[[Record], str]
    log: Log = print

    def resume(self, extra: dict[str, Any]) -> LoopState:
        """The saved state of this run, its weights and optimizer restored; or a new state
        whose `extra` starts as given. Refuses a resume point of another run."""
        saved = load_resume(self.out, self.model, self.optimizer, self.scheduler, self.fingerprint)
        if saved is None:
            return LoopState(extra=dict(extra))
        names = {f.name for f in fields(LoopState)}
        if set(saved) - {"fingerprint"} != names:
            raise TrainingError(f"{self.out} holds a resume point of an older format; remove it")
        self.log(f"resuming at step {saved['step']} of {self.total}")
        return LoopState(**{n: saved[n] for n in names})

    def run(self, step: Step, state: LoopState) -> LoopState:
        """Take the steps left after `state`; returns the final state."""
        self.out.mkdir(parents=True, exist_ok=True)
        self._restart_log(state)
        started = time.perf_counter() - state.seconds
        with (self.out / LOG_FILE).open("a", encoding="utf-8") as sink:
            for index in range(state.step, self.total):
                record = step(index, state)
                state.step, state.seconds = index + 1, time.perf_counter() - started
                record["seconds"] = round(state.seconds, 2)
                state.history.append(record)
                if self._logged(state.step):
                    sink.write(json.dumps(record) + "\n")
                    sink.flush()
                    self.log(self.describe(record))
                if state.step % self.save_steps == 0 and state.step < self.total:
                    self._save(state)
        return state

    def _logged(self, step: int) -> bool:
        return step % self.log_steps == 0 or step == self.total

    def _save(self, state: LoopState) -> None:
        saved = asdict(state) | {"fingerprint": self.fingerprint}
        save_resume(self.out, self.model, self.optimizer, self.scheduler, saved)

    def _restart_log(self, state: LoopState) -> None:
        # Rewritten from the saved history: the steps an interrupted run took after its last
        # resume point are taken again, and would otherwise be logged twice.
        lines = [json.dumps(r) + "\n" for i, r in enumerate(state.history, 1) if self._logged(i)]
        tmp = self.out / (LOG_FILE + ".tmp")
        tmp.write_text("".join(lines), encoding="utf-8")
        tmp.replace(self.out / LOG_FILE)
