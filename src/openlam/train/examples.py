"""Training examples: a chat prompt and the target the model should answer with, from the
task-plan corpus (phase 1) or the step samples (phases 2-4), and their tokenization.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from openlam.data.plan_mining import TaskPlan
from openlam.data.samples import StepSample
from openlam.models.base import Message
from openlam.records import read_jsonl

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

APP_NAMES = {"writer": "LibreOffice Writer", "calc": "LibreOffice Calc"}
PLAN_TEST_SHARE = 0.1


class Example(BaseModel):
    """One supervised example: the prompt messages and the target answer."""

    id: str
    messages: list[Message]
    target: str


class Encoded(BaseModel):
    """An example as token ids: the prompt, then the target (the only tokens with a loss)."""

    id: str
    prompt_ids: list[int]
    target_ids: list[int]

    @property
    def length(self) -> int:
        return len(self.prompt_ids) + len(self.target_ids)


def plan_messages(task: str, app: str) -> list[Message]:
    """The planning prompt: a task in, numbered steps out (shared by training and eval)."""
    name = APP_NAMES.get(app, f"LibreOffice {app.capitalize()}")
    return [
        Message(
            role="system",
            content=f"You plan tasks in {name}. Reply with the numbered steps a user follows, "
            "one per line, naming menus, dialogs and controls in bold as **Menu - Item**.",
        ),
        Message(role="user", content=f"Task: {task}"),
    ]


def format_plan(plan: list[str]) -> str:
    """Plan steps as the numbered lines a model is taught to write."""
    return "\n".join(f"{i}. {step}" for i, step in enumerate(plan, start=1))


def plan_split(record: TaskPlan) -> str:
    """train or test by the help page the record came from, so that an evolved variant never
    lands on the other side of its source."""
    page = record.source.split("#")[0]
    bucket = int(hashlib.sha1(page.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if bucket < PLAN_TEST_SHARE else "train"


def plan_examples(path: Path, split: str = "train") -> list[Example]:
    """The task-plan pairs of one split as examples."""
    return [
        Example(id=r.task_id, messages=plan_messages(r.task, r.app), target=format_plan(r.plan))
        for r in read_jsonl(path, TaskPlan)
        if plan_split(r) == split
    ]


def step_examples(path: Path) -> list[Example]:
    """Step samples (train.jsonl or test.jsonl of `openlam data samples`) as examples."""
    return [
        Example(id=s.id, messages=s.messages, target=s.target) for s in read_jsonl(path, StepSample)
    ]


def encode(example: Example, tokenizer: PreTrainedTokenizerBase) -> Encoded:
    """Token ids with the tokenizer's chat template; the target ends with the end-of-turn
    token, so the model learns to stop."""
    messages = [m.model_dump() for m in example.messages]
    prompt = tokenizer.apply_chat_template(
        messages, add_generation_prompt=True, tokenize=True, return_dict=False
    )
    whole = tokenizer.apply_chat_template(
        [*messages, {"role": "assistant", "content": example.target}],
        tokenize=True,
        return_dict=False,
    )
    if whole[: len(prompt)] == prompt:
        target = whole[len(prompt) :]
    else:
        # A template that renders the prompt differently once an answer follows.
        target = tokenizer(example.target, add_special_tokens=False)["input_ids"]
        target = [*target, tokenizer.eos_token_id]
    return Encoded(id=example.id, prompt_ids=list(prompt), target_ids=list(target))
