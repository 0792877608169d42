"""An LLM judge of a finished task, the paper's evaluation agent: it reads the request, the
actions taken and the document before and after, and, when its endpoint takes images and the
run kept them, the window before the first step and after the last. It answers yes, no or
unsure with a reason, and its record says whether it saw the screens. Its verdict is recorded
beside the deterministic checker's, never in place of it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from openlam.agent.prompt import format_call
from openlam.envs.screens import data_uri
from openlam.models.base import Message, TextModel, takes_images
from openlam.records import DocumentState, Trajectory

Verdict = Literal["yes", "no", "unsure"]
JUDGE_PROMPT = (
    "You judge whether a task was completed in LibreOffice Writer. You see the user's request, "
    "the actions taken with their results, and the document before and after. Answer with one "
    'JSON object: {"verdict": "yes" | "no" | "unsure", "reason": "..."}.'
)


class Judgement(BaseModel):
    verdict: Verdict
    reason: str
    saw_screens: bool = False


def judge(
    model: TextModel,
    trajectory: Trajectory,
    before: DocumentState,
    after: DocumentState,
    max_new_tokens: int = 120,
    screens: tuple[Path, Path] | None = None,
) -> Judgement:
    """The judge's verdict; an unreadable reply is "unsure" with the reply as the reason.
    `screens`: the window before and after, sent only to a model that takes images."""
    actions = "\n".join(
        f"{i + 1}. {format_call(s.action) if s.action else '(invalid output)'} -> "
        f"{'ok' if s.result.ok else s.result.error}"
        for i, s in enumerate(trajectory.steps)
    )
    user = (
        f"Request: {trajectory.request}\n\nActions:\n{actions or '(none)'}\n\n"
        f"Document before:\n{describe(before)}\n\nDocument after:\n{describe(after)}"
    )
    images = [data_uri(p.read_bytes()) for p in screens] if screens and takes_images(model) else []
    if images:
        user += "\n\nThe two images are the window before the first action and after the last."
    reply = model.generate(
        [
            Message(role="system", content=JUDGE_PROMPT),
            Message(role="user", content=user, images=images),
        ],
        max_new_tokens=max_new_tokens,
    ).text
    return parse_judgement(reply).model_copy(update={"saw_screens": bool(images)})


def parse_judgement(reply: str) -> Judgement:
    """A verdict from the judge's text, "unsure" when the text holds none."""
    start, end = reply.find("{"), reply.rfind("}")
    try:
        data = json.loads(reply[start : end + 1]) if 0 <= start < end else None
    except json.JSONDecodeError:
        data = None
    verdict = str(data.get("verdict", "")).lower() if isinstance(data, dict) else ""
    if verdict not in ("yes", "no", "unsure"):
        return Judgement(verdict="unsure", reason=f"unreadable judge reply: {reply[:200]!r}")
    return Judgement(verdict=verdict, reason=str(data.get("reason", ""))[:500])


def describe(doc: DocumentState) -> str:
    """Paragraphs with style, alignment and formatted runs; tables by size; page settings."""
    lines = []
    for p in doc.paragraphs[:60]:
        marks = [
            f"{r.text!r}:"
            + ",".join(k for k in ("bold", "italic", "underline", "strikethrough") if getattr(r, k))
            for r in p.runs
            if r.bold or r.italic or r.underline or r.strikethrough
        ]
        lines.append(
            f"[{p.index}] {p.style}/{p.alignment}: {p.text[:120]}"
            + (f"  {' '.join(marks)}" if marks else "")
        )
    lines += [f"table {t.index + 1}: {t.rows}x{t.columns}" for t in doc.tables]
    if doc.page:
        lines.append(f"page: {doc.page}")
    return "\n".join(lines)


def agreement(pairs: list[tuple[bool, Verdict]]) -> dict[str, float]:
    """How often the judge agrees with the checker (unsure counts as disagreement)."""
    if not pairs:
        return {"n": 0, "agreement": 0.0, "unsure": 0.0}
    agree = sum((verdict == "yes") == success and verdict != "unsure" for success, verdict in pairs)
    unsure = sum(verdict == "unsure" for _, verdict in pairs)
    return {"n": len(pairs), "agreement": agree / len(pairs), "unsure": unsure / len(pairs)}
