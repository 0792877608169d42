"""The evaluation report: Markdown tables, a JSON round trip, and the HTML page in Chromium."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from openlam.eval.report import load_report, write_report
from openlam.eval.results import (
    EvalReport,
    FamilyResult,
    OfflineRow,
    OnlineRow,
    PhaseRow,
    PlanRow,
    Trace,
    TraceStep,
)

CHROMIUM = Path("/usr/lib/chromium/chromium")
MODELS = ("smollm2 (base)", "phase 2", "expert")
EVIL = "<script>alert(1)</script>"


def _offline(model: str, ssr: float) -> OfflineRow:
    return OfflineRow(
        model=model,
        steps=120,
        tasks=30,
        parsed=97.5,
        object_acc=71.2,
        operation_acc=88.4,
        args_acc=64.0,
        status_acc=90.1,
        ssr=ssr,
        tsr=ssr / 2,
        seconds_per_step=0.41,
    )


def _online(model: str, succeeded: int, latencies: list[float]) -> OnlineRow:
    return OnlineRow(
        model=model,
        tasks=6,
        succeeded=succeeded,
        success_rate=100 * succeeded / 6,
        completion_time=12.5,
        steps_per_task=3.25,
        step_latency=sum(latencies) / len(latencies),
        application_errors=6 - succeeded,
        by_family={
            "format": FamilyResult(tasks=4, succeeded=min(succeeded, 4)),
            "table": FamilyResult(tasks=2, succeeded=max(succeeded - 4, 0)),
        },
        step_latencies=latencies,
    )


def _screen() -> str:
    """A small window picture as the trace viewer embeds it."""
    import base64
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 200, 60), fill="navy")
    out = io.BytesIO()
    image.save(out, "WEBP")
    return "data:image/webp;base64," + base64.b64encode(out.getvalue()).decode()


def _step(index: int, output: str, screens: bool = False) -> TraceStep:
    return TraceStep(
        index=index,
        controls=["[1] Bold (button)", "[2] Italic (button)"],
        model_output=output,
        action=f"click(label={index})",
        result="ok",
        seconds={"model": 0.35, "action": 0.05},
        document_before="Dear Sir,",
        document_after="**Dear Sir,**",
        screen_before=_screen() if screens else None,
        screen_after=_screen() if screens else None,
    )


@pytest.fixture
def report() -> EvalReport:
    return EvalReport(
        title="Writer evaluation",
        created="2025-01-02T03:04:05Z",
        settings={"model": "SmolLM2-135M", "tasks": "6 online tasks"},
        stage_seconds={"train": 120.0, "offline": 30.5, "online": 60.25},
        training=[
            PhaseRow(
                phase="phase 1",
                checkpoint="ckpt/p1",
                examples=500,
                steps=125,
                seconds=80.0,
                first_loss=2.3456,
                last_loss=0.8765,
            ),
            PhaseRow(phase="phase 2", checkpoint="ckpt/p2", examples=300, steps=75, seconds=40.0),
        ],
        plans=[
            PlanRow(
                model=m,
                plans=20,
                step_precision=p,
                step_recall=p - 5,
                step_f1=p - 2.5,
                plan_success=p / 2,
                seconds_per_plan=1.5,
            )
            for m, p in zip(MODELS[:2], (42.0, 61.5), strict=True)
        ],
        offline=[_offline(MODELS[0], 33.3), _offline(MODELS[1], 57.8)],
        online=[
            _online(MODELS[0], 1, [0.2, 0.3, 0.9]),
            _online(MODELS[1], 3, [0.4, 0.5, 0.6, 1.1]),
            _online(MODELS[2], 6, [0.05, 0.07]),
        ],
        traces=[
            Trace(
                model=MODELS[1],
                task_id="bold-greeting",
                family="format",
                request="Make the greeting bold",
                success=True,
                reason="the document matches",
                steps=[_step(0, "select the greeting", screens=True), _step(1, EVIL)],
            ),
            Trace(
                model=MODELS[0],
                task_id="insert-table",
                family="table",
                request="Insert a 2 by 3 table",
                success=False,
                reason="step limit reached",
                steps=[_step(0, "open the Table menu")],
            ),
        ],
    )


def test_markdown_has_the_tables_and_their_numbers(report, tmp_path):
    paths = write_report(report, tmp_path)
    assert set(paths) == {"json", "md", "html"}
    md = paths["md"].read_text()
    for header in ("## Training", "Table 2", "Table 3", "Table 4", "## Online tasks by family"):
        assert header in md
    assert "| Metric | smollm2 (base) | phase 2 | expert |" in md
    assert "| Steps / tasks | 120 / 30 | 120 / 30 |" in md
    assert "| SSR | 33.3 | **57.8** |" in md
    assert "| Task success rate (%) | 16.7 | 50.0 | **100.0** |" in md
    assert "| format | 1/4 | 3/4 | **4/4** |" in md
    assert "| phase 1 | ckpt/p1 | 500 | 125 | 80.0 | 2.3456 | 0.8765 |" in md
    assert "- **model**: SmolLM2-135M" in md and "- total: 210.8 s" in md
    assert "not run" not in md.lower()


def test_empty_tables_are_not_run(tmp_path):
    paths = write_report(EvalReport(title="Nothing yet", created="today"), tmp_path)
    md = paths["md"].read_text()
    assert md.lower().count("not run") == 5
    assert "|" not in md
    page = paths["html"].read_text()
    assert "<table" not in page and "<svg" not in page and "No traces recorded." in page


def test_json_round_trip(report, tmp_path):
    paths = write_report(report, tmp_path)
    assert load_report(paths["json"]) == report
    assert load_report(tmp_path) == report


def test_html_is_self_contained_and_escaped(report, tmp_path):
    page = write_report(report, tmp_path)["html"].read_text()
    assert EVIL not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Images are embedded (data: URIs); nothing is fetched from anywhere else.
    assert not re.search(r"https?://|<link rel=\"stylesheet\"|\bsrc=\"(?!data:)", page)
    for table_id in ("training", "plans", "offline", "online", "family"):
        assert f'<table id="table-{table_id}">' in page


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Debian's Chromium is not at {CHROMIUM}")
def test_html_in_chromium(report, tmp_path):
    path = write_report(report, tmp_path)["html"]
    errors: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(path.as_uri())
            _check_page(page)
        finally:
            browser.close()
    assert not errors
    assert not dialogs


def _check_page(page) -> None:
    for table_id, models in (
        ("table-plans", MODELS[:2]),
        ("table-offline", MODELS[:2]),
        ("table-online", MODELS),
    ):
        table = page.locator(f"#{table_id}")
        expect(table).to_be_visible()
        text = table.inner_text()
        assert all(m in text for m in models) and re.search(r"\d+\.\d", text)
    for plot_id in ("plot-success", "plot-family", "plot-latency"):
        svg = page.locator(f"svg#{plot_id}")
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0
    cards = page.locator("#trace-0 .step")
    expect(cards).to_have_count(2)
    screens = cards.nth(0).locator(".screens img")
    expect(screens).to_have_count(2)
    expect(screens.nth(0)).to_be_visible()
    assert screens.nth(0).evaluate("img => img.complete && img.naturalWidth") == 320
    expect(cards.nth(1).locator(".screens")).to_have_count(0)
    expect(cards.nth(0)).to_contain_text("select the greeting")
    expect(cards.nth(1).locator("pre.output")).to_have_text(EVIL)
    expect(page.locator("#trace-1")).to_be_hidden()
    page.select_option("#trace-select", label="smollm2 (base) · insert-table · ✗")
    expect(page.locator("#trace-1 .request")).to_have_text("Insert a 2 by 3 table")
    expect(page.locator("#trace-1 .request")).to_be_visible()
    expect(page.locator("#trace-0")).to_be_hidden()
