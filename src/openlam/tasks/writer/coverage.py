"""How much of Writer's own help the task library covers, as the paper took its tasks from
the application's help: each Writer procedure of the plan corpus, the families that turn it
into checkable tasks, or why none can.

A family names the procedures it covers in `help_sources`; the procedures no family can
cover are listed here with the reason (a family may still ask for one, to teach the answer
FAIL: it is listed beside the reason). The rest are left: procedures a family could cover
but none does yet. `openlam tasks coverage` prints the table and writes it as Markdown.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel

from openlam.data.plan_mining import TaskPlan
from openlam.tasks.base import TaskFamily

Status = Literal["covered", "not coverable", "left"]

SETTING = "changes an application setting, not the document"
DATABASE = "needs a database registered in LibreOffice"
DIALOG_ONLY = "opens a dialog or changes the view; nothing in the document changes"
OTHER_FILES = "needs other documents on disk that the task would link or merge"
NOT_IN_DOCX = "what it changes is not kept in .docx, which the checkers read"
DEVICE = "needs a device this machine does not have"

# Keys are plan-corpus `source` values (help page and anchor).
NOT_COVERABLE: dict[str, str] = {
    "swriter/01/04120250.html#hd_id3154645": DIALOG_ONLY,
    "swriter/01/04180400.html#hd_id3154506": DATABASE,
    "swriter/01/04090200.html#hd_id3155573": DATABASE,
    "swriter/guide/auto_off.html#hd_id3147251": SETTING,
    "swriter/guide/auto_off.html#hd_id3145668": SETTING,
    "swriter/guide/auto_off.html#hd_id3155076": SETTING,
    "swriter/guide/auto_off.html#hd_id3155401": SETTING,
    "swriter/guide/auto_numbering.html#hd_id3154243": SETTING,
    "swriter/guide/auto_spellcheck.html#hd_id3154678": SETTING,
    "swriter/guide/auto_spellcheck.html#hd_id3147220": SETTING,
    "swriter/guide/autocorr_except.html#hd_id3152887": SETTING,
    "swriter/guide/autotext.html#hd_id3155539": SETTING,
    "swriter/guide/delete_from_dict.html#hd_id3147688": SETTING,
    "swriter/guide/word_completion.html#par_idN1079E": SETTING,
    "swriter/guide/word_completion_adjust.html#par_idN107DE": SETTING,
    "swriter/guide/finding.html#hd_id9908444": DIALOG_ONLY,
    "swriter/guide/form_letters_main.html#par_idN10664": DATABASE,
    "swriter/guide/globaldoc_howtos.html#hd_id3153127": OTHER_FILES,
    "swriter/guide/globaldoc_howtos.html#hd_id3153656": OTHER_FILES,
    "swriter/guide/globaldoc_howtos.html#hd_id3145228": OTHER_FILES,
    "swriter/guide/indices_literature.html#hd_id3154244": DATABASE,
    "swriter/guide/indices_literature.html#hd_id3150741": DATABASE,
    "swriter/guide/insert_graphic_fromchart.html#hd_id3152999": OTHER_FILES,
    "swriter/guide/insert_graphic_fromdraw.html#hd_id3155917": OTHER_FILES,
    "swriter/guide/insert_graphic_scan.html#hd_id3156017": DEVICE,
    "swriter/guide/section_insert.html#hd_id3149635": OTHER_FILES,
    "swriter/guide/textdoc_inframe.html#hd_id3156105": OTHER_FILES,
    "swriter/guide/section_edit.html#hd_id641641501024846": SETTING,
    "swriter/guide/spellcheck_dialog.html#hd_id3149684": DIALOG_ONLY,
    "swriter/guide/registertrue.html#par_idN1067B": NOT_IN_DOCX,
    "swriter/guide/registertrue.html#hd_id791604249131743": NOT_IN_DOCX,
}


class CoverageRow(BaseModel):
    """One help procedure and what covers it."""

    source: str
    task: str
    status: Status
    families: list[str] = []
    reason: str | None = None
    evolved: int = 0  # evolved plan records made from this procedure


def coverage(records: list[TaskPlan], families: list[TaskFamily]) -> list[CoverageRow]:
    """A row per Writer help procedure in the records (mined and evolved), in corpus order."""
    writer = [r for r in records if r.app == "writer"]
    evolved = Counter(r.source for r in writer if r.evolved_from)
    covering: dict[str, list[str]] = {}
    doing = set()
    for family in families:
        for source in family.help_sources:
            covering.setdefault(source, []).append(family.id)
            if not family.expects_fail:
                doing.add(source)
    rows: dict[str, CoverageRow] = {}
    for record in writer:
        if record.evolved_from or record.source in rows:
            continue
        done = record.source in doing
        rows[record.source] = _row(record, covering, done, evolved[record.source])
    return list(rows.values())


def _row(record: TaskPlan, covering: dict[str, list[str]], done: bool, evolved: int) -> CoverageRow:
    families = covering.get(record.source, [])
    if done:
        status: Status = "covered"
    elif record.source in NOT_COVERABLE:
        status = "not coverable"
    else:
        status = "left"
    return CoverageRow(
        source=record.source,
        task=record.task,
        status=status,
        families=families,
        reason=NOT_COVERABLE.get(record.source) if status == "not coverable" else None,
        evolved=evolved,
    )


def unknown_sources(rows: list[CoverageRow], families: list[TaskFamily]) -> list[str]:
    """Sources named by a family or by NOT_COVERABLE that are no procedure of the corpus
    (a typo, or a help page that changed)."""
    known = {r.source for r in rows}
    named = {s for f in families for s in f.help_sources} | set(NOT_COVERABLE)
    return sorted(named - known)


def markdown(rows: list[CoverageRow]) -> str:
    """The coverage table as a Markdown document."""
    counts = Counter(r.status for r in rows)
    lines = [
        "# Writer help procedures and the task families that cover them",
        "",
        "Generated by `openlam tasks coverage --out docs/writer-coverage.md` from the",
        "LibreOffice help that `openlam data plans` mines. Do not edit by hand.",
        "",
        f"{len(rows)} procedures: {counts['covered']} covered, "
        f"{counts['not coverable']} not coverable, {counts['left']} left.",
        "",
        "| help procedure | source | status | families or reason |",
        "|---|---|---|---|",
    ]
    for row in rows:
        names = ", ".join(f"`{f}`" for f in row.families)
        what = "; ".join(part for part in (row.reason, names) if part)
        lines.append(f"| {row.task} | `{row.source}` | {row.status} | {what} |")
    return "\n".join(lines) + "\n"
