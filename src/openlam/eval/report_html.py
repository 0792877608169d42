"""The evaluation report as one self-contained HTML page: tables, hand-written SVG plots and a
trace viewer, with inline CSS and a few lines of inline script and nothing fetched from anywhere.

Every piece of text from the report passes through `html.escape`: traces hold arbitrary model
output, which may well contain markup.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from openlam.eval.results import EvalReport, FamilyResult, OnlineRow, Trace, TraceStep

if TYPE_CHECKING:
    from openlam.eval.report import Table

CSS = """
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0;
  --zebra: #f6f8fa; --head: #eaeef2; --ok: #1a7f37; --fail: #cf222e; }
body { margin: 0; background: #fff; color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.8em; margin: 0 0 .2em; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .2em; margin-top: 2em; }
.muted { color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .8em 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left;
  vertical-align: top; }
thead th { background: var(--head); }
tbody tr:nth-child(even) { background: var(--zebra); }
.num { text-align: right; }
figure { margin: 1em 0 2em; }
figcaption { font-weight: 600; margin-bottom: .4em; }
svg.plot { max-width: 100%; height: auto; }
svg.plot text { font-family: inherit; font-size: 12px; fill: var(--fg); }
pre { background: var(--zebra); border: 1px solid var(--line); border-radius: 6px;
  padding: 8px; margin: .3em 0; white-space: pre-wrap; word-break: break-word;
  font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.ok { color: var(--ok); } .fail { color: var(--fail); }
.step { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px;
  margin: 12px 0; }
.step h4 { margin: 0 0 .4em; }
.docs { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.docs h5 { margin: .4em 0 0; }
.screens { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: .6em 0; }
.screens figure { margin: 0; }
.screens img { width: 100%; border: 1px solid var(--line); border-radius: 4px; }
.screens figcaption { font-size: .85em; color: var(--muted); }
select { font: inherit; padding: 2px 4px; max-width: 100%; }
"""

# Progressive enhancement: without script every trace shows; with it, only the chosen one.
SCRIPT = """
(function () {
  var select = document.getElementById("trace-select");
  if (!select) return;
  function show() {
    document.querySelectorAll("article.trace").forEach(function (a) {
      a.hidden = a.id !== select.value;
    });
  }
  select.addEventListener("change", show);
  show();
})();
"""

BLUE, PURPLE, GREEN = "#0969da", "#8250df", "#2da44e"


def render_html(report: EvalReport, tables: Sequence[Table]) -> str:
    """The whole page for `report`, given the tables the Markdown shows too."""
    body = [
        f"<h1>{escape(report.title)}</h1>",
        f'<p class="muted">Created {escape(report.created)}</p>',
        _settings(report),
        *(_table_section(t) for t in tables),
        _plots(report),
        _traces(report.traces),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # An empty icon, so the browser does not go looking for /favicon.ico.
        f'<link rel="icon" href="data:,">\n<title>{escape(report.title)}</title>\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(p for p in body if p)
        + f"\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _settings(report: EvalReport) -> str:
    parts = []
    if report.settings:
        items = "".join(
            f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in report.settings.items()
        )
        parts.append(f'<h2>Settings</h2>\n<dl class="meta">{items}</dl>')
    if report.stage_seconds:
        rows = [(k, f"{v:.1f}") for k, v in report.stage_seconds.items()]
        rows.append(("total", f"{sum(report.stage_seconds.values()):.1f}"))
        cells = "".join(f'<tr><td>{escape(k)}</td><td class="num">{v}</td></tr>' for k, v in rows)
        head = '<thead><tr><th>Stage</th><th class="num">Seconds</th></tr></thead>'
        parts.append(f"<h2>Stage times</h2>\n<table>{head}<tbody>{cells}</tbody></table>")
    return "\n".join(parts)


def _table_section(table: Table) -> str:
    title = f"<h2>{escape(table.title)}</h2>"
    if not table.rows:
        return f'{title}\n<p class="muted">{escape(table.empty)}</p>'
    return f'{title}\n<div class="scroll">{table_html(table)}</div>'


def table_html(table: Table) -> str:
    """One `<table>` with its id; numbers right-aligned, the best of each row in bold."""
    head = "".join(
        f"<th{_num(n)}>{escape(h)}</th>" for h, n in zip(table.header, table.numeric, strict=True)
    )
    rows = []
    for row, best in zip(table.rows, table.best, strict=True):
        cells = []
        for i, (text, numeric) in enumerate(zip(row, table.numeric, strict=True)):
            content = f"<strong>{escape(text)}</strong>" if i in best else escape(text)
            tag = "th" if i == 0 else "td"
            cells.append(f"<{tag}{_num(numeric)}>{content}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table id="{table.id}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _num(numeric: bool) -> str:
    return ' class="num"' if numeric else ""


# ---- plots ---------------------------------------------------------------------------------


def _plots(report: EvalReport) -> str:
    plots = [
        ("Success by model", success_svg(report)),
        ("Success by family", family_svg(report.online)),
        ("Step latency", latency_svg(report.online)),
    ]
    figures = [f"<figure><figcaption>{t}</figcaption>{svg}</figure>" for t, svg in plots if svg]
    return "<h2>Plots</h2>\n" + "\n".join(figures) if figures else ""


def _svg(svg_id: str, title: str, width: float, height: float, body: Sequence[str]) -> str:
    return (
        f'<svg id="{svg_id}" class="plot" role="img" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}"><title>{escape(title)}</title>'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="middle"'
        f"{extra}>{escape(text)}</text>"
    )


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _ticks(high: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `high`."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(high / step - 1e-9) + 1)]


def _x_axis(left: float, width: float, top: float, bottom: float, ticks: list[float]) -> list[str]:
    """Grid lines, tick labels and the axis line for a horizontal value axis."""
    parts = []
    for t in ticks:
        x = left + width * t / ticks[-1]
        parts.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#d1d9e0"/>'
        )
        parts.append(_text(x, bottom + 12, f"{t:g}", "middle"))
    parts.append(
        f'<line x1="{left}" y1="{bottom:.1f}" x2="{left + width}" y2="{bottom:.1f}" '
        'stroke="#59636e"/>'
    )
    return parts


def success_svg(report: EvalReport) -> str:
    """Horizontal bars: online success rate and offline SSR per model (percent)."""
    series = [
        (name, color, values)
        for name, color, values in (
            ("Online task success", BLUE, {r.model: r.success_rate for r in report.online}),
            ("Offline SSR", PURPLE, {r.model: r.ssr for r in report.offline}),
        )
        if values
    ]
    if not series:
        return ""
    models = list(dict.fromkeys(m for _, _, values in series for m in values))
    left, width, top, bar = 170, 440, 34, 16
    group = bar * len(series) + 12
    bottom = top + group * len(models)
    parts = _x_axis(left, width, top, bottom, _ticks(100))
    for j, (name, color, _) in enumerate(series):
        x = left + j * 170
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{color}"/>')
        parts.append(_text(x + 18, 14, name))
    for i, model in enumerate(models):
        y0 = top + i * group + 6
        parts.append(_text(left - 8, y0 + bar * len(series) / 2, _short(model), "end"))
        for j, (_, color, values) in enumerate(series):
            if model not in values:
                continue
            y, w = y0 + j * bar, width * max(0.0, min(values[model], 100.0)) / 100
            parts.append(
                f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="{bar - 2}" fill="{color}"/>'
            )
            parts.append(_text(left + w + 4, y + bar / 2 - 1, f"{values[model]:.1f}%"))
    parts.append(_text(left + width / 2, bottom + 30, "Success rate (%)", "middle"))
    return _svg("plot-success", "Success by model", left + width + 60, bottom + 44, parts)


def _heat(rate: float) -> str:
    """A colour from pale grey (0) to green (1)."""
    low, high = (246, 248, 250), (45, 164, 78)
    r, g, b = (round(a + (c - a) * rate) for a, c in zip(low, high, strict=True))
    return f"rgb({r},{g},{b})"


def family_svg(rows: Sequence[OnlineRow]) -> str:
    """A heat map of task success per family (rows) and model (columns)."""
    families = sorted({f for r in rows for f in r.by_family})
    if not families:
        return ""
    left, top, cell_w, cell_h = 160, 58, 120, 30
    parts = [_text(left + cell_w * len(rows) / 2, 12, "Model", "middle", ' font-weight="600"')]
    mid = top + cell_h * len(families) / 2
    turn = f' font-weight="600" transform="rotate(-90 14 {mid:.1f})"'
    parts.append(_text(14, mid, "Family", "middle", turn))
    for j, row in enumerate(rows):
        parts.append(_text(left + (j + 0.5) * cell_w, top - 14, _short(row.model, 17), "middle"))
    for i, family in enumerate(families):
        y = top + i * cell_h
        parts.append(_text(left - 8, y + cell_h / 2, _short(family), "end"))
        for j, row in enumerate(rows):
            parts += _heat_cell(left + j * cell_w, y, cell_w, cell_h, row.by_family.get(family))
    width, height = left + cell_w * len(rows) + 10, top + cell_h * len(families) + 10
    return _svg("plot-family", "Success by family", width, height, parts)


def _heat_cell(x: float, y: float, w: float, h: float, result: FamilyResult | None) -> list[str]:
    if result is None or not result.tasks:
        label, fill, ink = "–", "#ffffff", "#59636e"
    else:
        rate = result.succeeded / result.tasks
        label = f"{result.succeeded}/{result.tasks} ({rate:.0%})"
        fill, ink = _heat(rate), "#ffffff" if rate > 0.6 else "#1f2328"
    rect = (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w}" height="{h}" fill="{fill}" '
        'stroke="#ffffff" stroke-width="2"/>'
    )
    return [rect, _text(x + w / 2, y + h / 2, label, "middle", f' style="fill:{ink}"')]


def latency_svg(rows: Sequence[OnlineRow]) -> str:
    """A box plot over a strip of every step's latency, one line per model."""
    rows = [r for r in rows if r.step_latencies]
    if not rows:
        return ""
    left, width, top, lane = 170, 440, 10, 40
    bottom = top + lane * len(rows)
    ticks = _ticks(max(max(r.step_latencies) for r in rows))
    parts = _x_axis(left, width, top, bottom, ticks)
    for i, row in enumerate(rows):
        mid = top + (i + 0.5) * lane
        parts.append(_text(left - 8, mid, _short(row.model), "end"))
        parts += _box(row.step_latencies, mid, lambda v: left + width * v / ticks[-1])
    parts.append(_text(left + width / 2, bottom + 30, "Step latency (s)", "middle"))
    return _svg("plot-latency", "Step latency", left + width + 130, bottom + 44, parts)


def _box(values: list[float], mid: float, scale: Callable[[float], float]) -> list[str]:
    """Whiskers at min and max, a box over the quartiles, the points, and the median printed."""
    low, high, median = min(values), max(values), statistics.median(values)
    q1, _, q3 = statistics.quantiles(values, n=4) if len(values) > 1 else (median,) * 3
    parts = [
        f'<line x1="{scale(low):.1f}" y1="{mid}" x2="{scale(high):.1f}" y2="{mid}" '
        'stroke="#59636e"/>',
        f'<rect x="{scale(q1):.1f}" y="{mid - 9}" width="{max(scale(q3) - scale(q1), 1):.1f}" '
        f'height="18" fill="{BLUE}" fill-opacity="0.18" stroke="{BLUE}"/>',
        f'<line x1="{scale(median):.1f}" y1="{mid - 9}" x2="{scale(median):.1f}" '
        f'y2="{mid + 9}" stroke="{BLUE}" stroke-width="2"/>',
    ]
    for k, v in enumerate(values):
        # A fixed jitter, so the same report always draws the same picture.
        y = mid + ((k * 7) % 11 - 5) * 1.2
        parts.append(
            f'<circle cx="{scale(v):.1f}" cy="{y:.1f}" r="2" fill="{BLUE}" fill-opacity="0.6"/>'
        )
    label = f"median {median:.2f} s, n={len(values)}"
    return [*parts, _text(scale(high) + 8, mid, label)]


# ---- traces --------------------------------------------------------------------------------


def _traces(traces: Sequence[Trace]) -> str:
    if not traces:
        empty = '<p class="muted">No traces recorded.</p>'
        return f'<section id="traces"><h2>Traces</h2>{empty}</section>'
    options = "".join(
        f'<option value="trace-{i}">{escape(_trace_label(t))}</option>'
        for i, t in enumerate(traces)
    )
    picker = f'<p><label for="trace-select">Trace </label><select id="trace-select">{options}'
    articles = "\n".join(trace_html(i, t) for i, t in enumerate(traces))
    return f'<section id="traces"><h2>Traces</h2>\n{picker}</select></p>\n{articles}\n</section>'


def _trace_label(trace: Trace) -> str:
    return f"{trace.model} · {trace.task_id} · {'✓' if trace.success else '✗'}"


def trace_html(index: int, trace: Trace) -> str:
    """One episode: what was asked, how it ended, then a card per step."""
    outcome = (
        '<span class="ok">✓ succeeded</span>'
        if trace.success
        else '<span class="fail">✗ failed</span>'
    )
    meta = (
        f'<dt>Request</dt><dd class="request">{escape(trace.request)}</dd>'
        f"<dt>Model</dt><dd>{escape(trace.model)}</dd>"
        f"<dt>Family</dt><dd>{escape(trace.family)}</dd>"
        f"<dt>Outcome</dt><dd>{outcome} — {escape(trace.reason)}</dd>"
    )
    steps = "\n".join(step_html(s) for s in trace.steps)
    return (
        f'<article class="trace" id="trace-{index}">'
        f"<h3>{escape(trace.model)} · {escape(trace.task_id)}</h3>"
        f'<dl class="meta">{meta}</dl>\n{steps}</article>'
    )


def step_html(step: TraceStep) -> str:
    """One step as a card: controls shown, model output, action, result, timings, documents."""
    timings = " · ".join(f"{escape(k)} {v:.2f} s" for k, v in step.seconds.items())
    after = "(not read)" if step.document_after is None else step.document_after
    output = _pre(step.model_output or "(none)", "output")
    return (
        f'<div class="step"><h4>Step {step.index}</h4>{_screens(step)}'
        f"<details><summary>Controls shown ({len(step.controls)})</summary>"
        f"{_pre(chr(10).join(step.controls))}</details>"
        f'<dl class="meta"><dt>Model output</dt><dd>{output}</dd>'
        f"<dt>Action</dt><dd><code>{escape(step.action or '(none)')}</code></dd>"
        f"<dt>Result</dt><dd>{escape(step.result)}</dd>"
        f"<dt>Timings</dt><dd>{timings or '–'}</dd></dl>"
        f'<div class="docs"><div><h5>Document before</h5>{_pre(step.document_before)}</div>'
        f"<div><h5>Document after</h5>{_pre(after)}</div></div></div>"
    )


def _screens(step: TraceStep) -> str:
    """The window before and after the step, where the run kept them."""
    if step.screen_before is None and step.screen_after is None:
        return ""
    figures = "".join(
        f'<figure><img alt="the window {when} step {step.index}" src="{escape(uri)}">'
        f"<figcaption>{when.capitalize()}</figcaption></figure>"
        if uri
        else f"<figure><figcaption>{when.capitalize()}: not kept</figcaption></figure>"
        for when, uri in (("before", step.screen_before), ("after", step.screen_after))
    )
    return f'<div class="screens">{figures}</div>'


def _pre(text: str, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<pre{attribute}>{escape(text)}</pre>"
