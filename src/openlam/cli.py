"""The `openlam` command line."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from openlam.eval.cli import app as eval_app
from openlam.teach.cli import app as teach_app
from openlam.train.cli import app as train_app

app = typer.Typer(help="openlam: Large Action Models on real applications.", no_args_is_help=True)
env_app = typer.Typer(help="Look at an application environment.", no_args_is_help=True)
app.add_typer(env_app, name="env")
tasks_app = typer.Typer(help="Browse the task library.", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")
data_app = typer.Typer(help="Build training data.", no_args_is_help=True)
app.add_typer(data_app, name="data")
console = Console()
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")
app.add_typer(teach_app, name="teach")


@app.command("pipeline")
def pipeline(
    config: Path = typer.Option(..., help="A pipeline YAML, e.g. configs/demo.yaml."),
) -> None:
    """The whole lifecycle: plans, collection, phases 1-4, evaluation, report. Stages whose
    output is up to date are skipped; an interrupted run resumes."""
    from openlam.pipeline.config import load_config
    from openlam.pipeline.run import run_pipeline

    try:
        settings = load_config(config)
    except (OSError, ValueError) as exc:
        console.print(f"[red]{config}: {exc}[/red]")
        raise typer.Exit(2) from exc
    run_pipeline(settings, console)


@app.command()
def demo(out: Path = typer.Option(Path("runs/demo"), help="Where the result goes.")) -> None:
    """Run the Writer environment with a scripted policy on one task and show each step."""
    from openlam.demo import run_demo

    ok = run_demo(out, console)
    raise typer.Exit(0 if ok else 1)


@env_app.command("observe")
def env_observe(
    doc: Path = typer.Option(None, help="A .docx/.odt to open (default: a sample letter)."),
) -> None:
    """Open a document in Writer and print the control list and document state."""
    from openlam.envs.writer.env import WriterEnv

    with WriterEnv() as env:
        obs, info = env.reset(options={"template": doc} if doc else None)
    table = Table("label", "name", "type", "context", "state / value")
    for c in obs.controls:
        extra = ", ".join(c.state) + (f" = {c.value!r}" if c.value is not None else "")
        table.add_row(c.label, c.name, c.type, c.context or "", extra)
    console.print(table)
    for p in obs.document.paragraphs:
        console.print(f"[{p.index}] {p.style} / {p.alignment}: {p.text[:100]}")
    console.print(f"tables: {[(t.name, t.rows, t.columns) for t in obs.document.tables]}")
    console.print(f"timings: {info['timings']}")


@tasks_app.command("list")
def tasks_list(
    app_name: str = typer.Option("writer", "--app", help="writer, or web (MiniWoB++ tasks)."),
) -> None:
    """List the task families of an app (Writer: category and phrasings)."""
    from openlam.tasks.writer.registry import families

    if app_name == "web":
        _list_miniwob()
        return

    table = Table("id", "category", "phrasings (train/test)", "example phrasing")
    for family in families().values():
        kind = f"{family.category}{' (compound)' if family.compositional else ''}"
        train, test = (len(family.phrasing_indices(s)) for s in ("train", "test"))
        split = f"{train}/{test}"
        table.add_row(family.id, kind, split, family.phrasings[0])
    console.print(table)
    console.print(f"{len(families())} families")


def _list_miniwob() -> None:
    from openlam.tasks.web import miniwob
    from openlam.tasks.web.experts import SOLUTIONS

    table = Table("task", "scripted expert")
    for name in miniwob.task_names():
        table.add_row(name, "yes" if name in SOLUTIONS else "")
    console.print(table)
    console.print(f"{len(miniwob.task_names())} MiniWoB++ tasks, {len(SOLUTIONS)} with an expert")


@tasks_app.command("coverage")
def tasks_coverage(
    help_root: Path = typer.Option(None, help="Help corpus (default: the installed en-US help)."),
    out: Path = typer.Option(None, help="Also write the table as Markdown to this file."),
) -> None:
    """Which Writer help procedures the families cover, which cannot be, which are left."""
    from openlam.data.plan_corpus import DEFAULT_HELP_ROOT, PlanCorpusConfig, build_corpus
    from openlam.tasks.writer import coverage
    from openlam.tasks.writer.registry import families

    config = PlanCorpusConfig(help_root=help_root or DEFAULT_HELP_ROOT, evolve="offline")
    try:
        corpus = build_corpus(config)
    except FileNotFoundError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    library = list(families().values())
    rows = coverage.coverage([*corpus.mined, *corpus.evolved], library)
    table = Table("help procedure", "status", "families or reason")
    for row in rows:
        names = ", ".join(row.families)
        table.add_row(row.task, row.status, "; ".join(p for p in (row.reason, names) if p))
    console.print(table)
    counts = Counter(r.status for r in rows)
    console.print(
        f"{len(rows)} Writer help procedures: {counts['covered']} covered, "
        f"{counts['not coverable']} not coverable, {counts['left']} left; "
        f"{len(library)} families"
    )
    unknown = coverage.unknown_sources(rows, library)
    if unknown:
        console.print(f"[red]named but not in the help corpus: {unknown}[/red]")
        raise typer.Exit(1)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(coverage.markdown(rows))
        console.print(f"written to {out}")


@tasks_app.command("sample")
def tasks_sample(
    family: str = typer.Option(..., help="A family id from `openlam tasks list`."),
    n: int = typer.Option(5, help="How many instances."),
    seed: int = typer.Option(0),
    split: str = typer.Option(None, help="train or test phrasings only."),
    as_json: bool = typer.Option(False, "--json", help="Print instances as JSON Lines."),
) -> None:
    """Sample task instances of a family across the templates."""
    from openlam.tasks.writer.registry import sample

    if split not in (None, "train", "test"):
        raise typer.BadParameter("split is train or test")
    try:
        instances = sample(family, n, seed=seed, split=split)
    except KeyError as exc:
        raise typer.BadParameter(str(exc.args[0])) from exc
    for instance in instances:
        if as_json:
            print(instance.model_dump_json())
        else:
            where = f"{instance.template:18} {instance.split:5}"
            console.print(f"[dim]{where}[/dim] {instance.request}")


@tasks_app.command("try")
def tasks_try(
    model: str = typer.Option(
        None, help="A model as `openlam eval` takes it (default: the shipped Writer LAM)."
    ),
    family: list[str] = typer.Option(None, help="Only these families."),
    requests: Path = typer.Option(
        None, help="Hand-written requests (JSON Lines) instead of sampled held-out ones."
    ),
    n: int = typer.Option(3, help="How many held-out tasks."),
    seed: int = typer.Option(0),
    max_steps: int = typer.Option(10),
    out: Path = typer.Option(Path("runs/try"), help="Where the trajectories go."),
) -> None:
    """A model carries out held-out requests in the real Writer, each step shown as it
    happens and each result checked from the saved file."""
    from openlam.eval.models import parse_named
    from openlam.eval.showcase import held_out_instances, showcase
    from openlam.models.base import ModelError

    spec = model or _default_model("smollm2", None, None, "writer")
    try:
        named = parse_named(spec)
        instances = held_out_instances(n, seed, family or None, requests)
    except (KeyError, ValueError, ModelError) as exc:
        raise typer.BadParameter(str(exc)) from exc
    showcase(named, instances, out, console, max_steps)


@data_app.command("plans")
def data_plans(
    help_root: Path = typer.Option(None, help="Help corpus (default: the installed en-US help)."),
    module: list[str] = typer.Option(None, help="Help module(s) to read (default: all)."),
    out: Path = typer.Option(Path("runs/plans"), help="Output folder."),
    evolve: str = typer.Option("offline", help="offline, llm or none."),
    endpoint: str = typer.Option(None, help="OpenAI-compatible base URL for --evolve llm."),
    llm_model: str = typer.Option(None, help="Model name at that endpoint."),
    api_key_env: str = typer.Option(None, help="Environment variable holding the API key."),
    llm_max: int = typer.Option(None, help="Evolve at most this many records with the LLM."),
    seed: int = typer.Option(0),
) -> None:
    """Mine task-plan records from the application help, clean, evolve and write them."""
    from openlam.data.plan_corpus import (
        DEFAULT_HELP_ROOT,
        PlanCorpusConfig,
        build_corpus,
        write_corpus,
    )

    if evolve not in ("offline", "llm", "none"):
        raise typer.BadParameter("--evolve is offline, llm or none")
    config = PlanCorpusConfig(
        help_root=help_root or DEFAULT_HELP_ROOT,
        modules=module or None,
        out_dir=out,
        evolve=evolve,
        llm_max_records=llm_max,
        seed=seed,
    )
    model = None
    if evolve == "llm":
        if not endpoint or not llm_model:
            raise typer.BadParameter("--evolve llm needs --endpoint and --llm-model")
        model = _openai_model(endpoint, llm_model, api_key_env)
    try:
        corpus = build_corpus(config, model)
    except FileNotFoundError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    stats = write_corpus(corpus, out)
    for key in ("pages_read", "mined", "evolved", "dropped"):
        console.print(f"{key}: {stats[key]}")
    for key in ("mined_by_app", "evolved_by_rule", "drop_reasons"):
        console.print(f"{key}: {stats[key]}")
    files = "plans.jsonl (= mined.jsonl + evolved.jsonl), dropped.jsonl, stats.json"
    console.print(f"written to {out}/: {files}")


@data_app.command("collect")
def data_collect(
    app_name: str = typer.Option("writer", "--app", help="writer, or web (MiniWoB++ tasks)."),
    n_per_family: int = typer.Option(12, help="Library instances per family (web: seeds)."),
    web_split: str = typer.Option(
        "train", "--split", help="web: training seeds, or held-out test seeds (for offline eval)."
    ),
    family: list[str] = typer.Option(
        None, help="Only these families (web: MiniWoB task names) (default: all with an expert)."
    ),
    plans: Path = typer.Option(None, help="Also instantiate these mined plans (mined.jsonl)."),
    expert: str = typer.Option("noisy-oracle", help="oracle, noisy-oracle, llm or model."),
    expert_backend: str = typer.Option(None, help="llm/model expert: a model backend."),
    expert_model: str = typer.Option(None, help="llm/model expert: model name or path."),
    base_url: str = typer.Option(None, help="llm expert: the OpenAI-compatible API root."),
    judge_url: str = typer.Option(None, help="An OpenAI-compatible judge beside the checker."),
    judge_model: str = typer.Option("judge", help="The judge's model id at --judge-url."),
    judge_images: bool = typer.Option(
        False, help="The judge takes images: it is sent the first and last screens."
    ),
    screens: str = typer.Option(
        "ends", help="Keep the window's picture: never, ends (first and last) or each step."
    ),
    workers: int = typer.Option(1, help="Writer stacks working in parallel (Ray actors)."),
    address: str = typer.Option(None, help="Join this Ray cluster instead of a local one."),
    in_process: bool = typer.Option(False, help="One worker in this process, without Ray."),
    out: Path = typer.Option(Path("runs/collect"), help="Output folder (resumable)."),
    seed: int = typer.Option(0),
) -> None:
    """Instantiate tasks, execute them with an expert in Writer, evaluate, record (resumable)."""
    from openlam.agent.loop import AgentConfig
    from openlam.data.collect import CollectConfig, collect
    from openlam.data.execute import ExpertConfig
    from openlam.data.experts import NoiseConfig
    from openlam.data.instantiate import (
        instantiate_library,
        instantiate_miniwob,
        instantiate_plan,
    )
    from openlam.data.plan_mining import TaskPlan
    from openlam.models.config import ModelConfig
    from openlam.records import read_jsonl

    if web_split not in ("train", "test"):
        raise typer.BadParameter("split is train or test")
    _check_screens(screens)
    if app_name != "web" and web_split != "train":
        raise typer.BadParameter("--split is for web; Writer's library instantiates both splits")
    if app_name == "web":
        tasks = instantiate_miniwob(n_per_family, web_split, seed, family or None)
    else:
        tasks = instantiate_library(n_per_family, seed=seed, families=family or None)
    if plans is not None:
        tasks += [instantiate_plan(r, seed) for r in read_jsonl(plans, TaskPlan)]
    expert_config = None
    if expert in ("llm", "model"):
        fields = {"model": expert_model, "base_url": base_url}
        expert_config = ModelConfig(
            backend=expert_backend or ("openai" if expert == "llm" else "smollm2"),
            **{k: v for k, v in fields.items() if v},
        )
    config = CollectConfig(
        out_dir=out,
        workers=workers,
        ray_address=address,
        in_process=in_process,
        expert=ExpertConfig(
            kind=expert, noise=NoiseConfig(seed=seed), agent=AgentConfig(screens=screens)
        ),
        expert_model=expert_config,
        judge_model=ModelConfig(
            backend="openai", model=judge_model, base_url=judge_url, images=judge_images or None
        )
        if judge_url
        else None,
    )
    results = collect(config, tasks, console)
    _report_collection(results, tasks)


def _report_collection(results, tasks) -> None:
    from collections import Counter

    from openlam.data.judge import agreement

    filtered = Counter(t.reason for t in tasks if t.status == "filtered")
    table = Table("family", "succeeded", "failed", "steps / success", "s / task")
    by_family: dict[str, list] = {}
    for r in results:
        by_family.setdefault(r.family, []).append(r)
    for name, rows in sorted(by_family.items()):
        ok = [r for r in rows if r.success]
        steps = f"{sum(r.steps for r in ok) / len(ok):.1f}" if ok else "-"
        seconds = sum(sum(r.seconds.values()) for r in rows) / len(rows)
        table.add_row(name, str(len(ok)), str(len(rows) - len(ok)), steps, f"{seconds:.1f}")
    console.print(table)
    ok = sum(r.success for r in results)
    console.print(
        f"{len(results)} tasks: {ok} succeeded, {len(results) - ok} failed; "
        f"application errors {sum(r.reason == 'application error' for r in results)}"
    )
    if filtered:
        console.print(f"not instantiated: {dict(filtered)}")
    judged = [(r.success, r.judge.verdict) for r in results if r.judge is not None]
    if judged:
        console.print(f"judge vs checker: {agreement(judged)}")


@data_app.command("samples")
def data_samples(
    collection: Path = typer.Option(Path("runs/collect"), help="A folder from data collect."),
    out: Path = typer.Option(None, help="Output folder (default: <collection>/samples)."),
    variant: str = typer.Option("call", help="Prompt variant: call, full, compact or react."),
) -> None:
    """Cut successful trajectories into step samples (train/test by template and phrasing);
    each prompt shows the controls its step recorded as shown."""
    from openlam.agent.prompt import PromptConfig
    from openlam.data.collect import load_results
    from openlam.data.samples import build_samples

    results = load_results(collection / "results.jsonl")
    counts = build_samples(
        results,
        collection / "trajectories",
        out or collection / "samples",
        PromptConfig(variant=variant),
    )
    console.print(counts)


def _openai_model(endpoint: str, name: str, api_key_env: str | None):
    from openlam.models.config import ModelConfig, load_model

    return load_model(
        ModelConfig(backend="openai", model=name, base_url=endpoint, api_key_env=api_key_env)
    )


MODEL_HELP = (
    "smollm2: writer-lam (the shipped Writer LAM, the default when it ships) or base (the "
    "untrained model); hf: path or hub name; openai: model id; llamacpp: gguf."
)


def _default_model(backend: str, model: str | None, adapter: str | None, app: str) -> str | None:
    """The shipped LAM for the app when the default backend is given no model or adapter."""
    if backend != "smollm2" or model is not None or adapter is not None:
        return model
    from openlam.models.shipped import BASE, default_model

    chosen = default_model(app)
    if chosen == BASE:
        console.print(f"[yellow]no trained {app} LAM ships in this installation: "
                      "using the untrained base model[/yellow]")  # fmt: skip
    return chosen


VERBOSE = typer.Option(False, "--verbose", help="Show transformers' loading output.")


def _loading_output(verbose: bool) -> None:
    if verbose:
        from openlam.models.hf import show_loading_output

        show_loading_output()


@app.command("run")
def run_command(
    request: str = typer.Argument(None, help="What to do, in words (none with --miniwob)."),
    doc: Path = typer.Option(None, help="The .docx/.odt to work on (default: a sample letter)."),
    url: str = typer.Option(None, help="Work on this web page in Chromium instead of Writer."),
    miniwob: str = typer.Option(None, help="Work on this MiniWoB++ task page (its own request)."),
    seed: int = typer.Option(0, help="--miniwob: the page's seed (held-out seeds: >= 100000)."),
    out: Path = typer.Option(None, help="Where to save the result (.docx, .odt or .pdf)."),
    backend: str = typer.Option("smollm2", help="smollm2, hf, openai, llamacpp or scripted."),
    model: str = typer.Option(None, help=MODEL_HELP),
    adapter: str = typer.Option(None, help="A LoRA adapter directory (hf, smollm2)."),
    base_url: str = typer.Option(None, help="openai: the API root with /v1."),
    outputs: Path = typer.Option(None, help="scripted: a file with one model output per line."),
    variant: str = typer.Option("call", help="Prompt variant: call, full, compact or react."),
    max_controls: int = typer.Option(24, help="Relevance filter size (0 keeps every control)."),
    max_steps: int = typer.Option(15),
    max_new_tokens: int = typer.Option(64, help="Longest model output per step."),
    log: Path = typer.Option(Path("runs/run/trajectory.jsonl"), help="Trajectory file."),
    screens: str = typer.Option(
        "never", help="Keep the window's picture beside the trajectory: never, ends or each."
    ),
    yes: bool = typer.Option(False, "--yes", help="Approve sensitive actions without asking."),
    verbose: bool = VERBOSE,
) -> None:
    """Carry out a request on a document (or a web page) with a model, showing each step."""
    import sys

    from pydantic import ValidationError

    from openlam.agent.loop import AgentConfig
    from openlam.agent.prompt import PromptConfig
    from openlam.agent.safety import approve_all, ask_user, refuse_all
    from openlam.models.config import ModelConfig, load_model
    from openlam.run_request import RequestError, WebPage, check_request

    _check_screens(screens)
    on_web = url is not None or miniwob is not None
    try:
        page = WebPage(url=url, miniwob=miniwob, seed=seed) if on_web else None
        if miniwob is None:
            check_request(request)
        elif request is not None:
            raise RequestError("a MiniWoB task states its own request: give none with --miniwob")
    except (ValidationError, RequestError) as exc:
        raise typer.BadParameter(str(exc)) from exc
    if page is not None and (doc or out):
        raise typer.BadParameter("--doc and --out are for Writer; a web run starts at a page")
    given = {
        "model": _default_model(backend, model, adapter, "web" if on_web else "writer"),
        "adapter": adapter,
        "base_url": base_url,
        "outputs": outputs.read_text().splitlines() if outputs else None,
    }
    try:
        model_config = ModelConfig(backend=backend, **{k: v for k, v in given.items() if v})
        prompt = PromptConfig(variant=variant, max_controls=max_controls or None)
    except ValidationError as exc:
        raise typer.BadParameter(str(exc)) from exc
    confirm = approve_all if yes else ask_user if sys.stdin.isatty() else refuse_all
    config = AgentConfig(
        prompt=prompt, max_steps=max_steps, max_new_tokens=max_new_tokens, screens=screens
    )
    _loading_output(verbose)
    model = load_model(model_config)
    if page is None:
        trajectory = _run_in_writer(request, doc, out, model, log, config, confirm)
    else:
        trajectory = _run_on_web(request, page, model, log, config, confirm)
    raise typer.Exit(0 if trajectory.outcome == "finished" else 1)


def _check_screens(mode: str) -> None:
    from openlam.envs.screens import SCREEN_MODES

    if mode not in SCREEN_MODES:
        raise typer.BadParameter(f"--screens is one of {', '.join(SCREEN_MODES)}, not {mode!r}")


def _run_in_writer(request, doc, out, model, log, config, confirm):
    from openlam.envs.writer.env import AppGone
    from openlam.run_request import DocumentError, run_request
    from openlam.tasks.writer.templates import default_template

    try:
        return run_request(
            request, doc or default_template(), out, model, log, config, confirm, console
        )
    except (DocumentError, AppGone) as exc:
        console.print(f"[red]cannot run: {exc}[/red]")
        raise typer.Exit(2) from exc


def _run_on_web(request, page, model, log, config, confirm):
    from openlam.envs.web.browser import BrowserGone
    from openlam.run_request import RequestError, run_web_request

    try:
        return run_web_request(request, page, model, log, config, confirm, console)
    except (RequestError, BrowserGone) as exc:
        console.print(f"[red]cannot run: {exc}[/red]")
        raise typer.Exit(2) from exc


@app.command()
def actions() -> None:
    """Print the Writer action space as the model is shown it."""
    from openlam.envs.writer.actions import writer_action_space

    console.print(writer_action_space().describe(), markup=False)


@app.command("mcp")
def mcp_command(
    http: bool = typer.Option(False, help="Streamable HTTP on loopback instead of stdio."),
    port: int = typer.Option(8765, help="--http: the port."),
    max_workspaces: int = typer.Option(4, help="Documents and pages open at once."),
) -> None:
    """Writer and Chromium as an MCP server: open, observe, act, save, close."""
    from openlam.envs.mcp_server import serve

    serve("http" if http else "stdio", "127.0.0.1", port, max_workspaces)


@app.command("serve")
def serve_command(
    backend: str = typer.Option("smollm2", help="smollm2, hf, openai or llamacpp."),
    model: str = typer.Option(None, help=MODEL_HELP),
    adapter: str = typer.Option(None, help="A LoRA adapter directory (hf, smollm2)."),
    base_url: str = typer.Option(None, help="openai: the upstream API root with /v1."),
    device: str = typer.Option(None, help="auto, cpu or cuda (hf, smollm2)."),
    threads: int = typer.Option(None, help="torch CPU threads (hf, smollm2); 1 on busy cores."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (no authentication!)."),
    port: int = typer.Option(8000),
    verbose: bool = typer.Option(
        False, "--verbose", help="Show transformers' loading output and each request."
    ),
) -> None:
    """Serve a model over an OpenAI-compatible chat-completions API (streaming too) until
    Ctrl-C; requests wait their turn for the model."""
    from pydantic import ValidationError

    from openlam.models.config import ModelConfig, load_model
    from openlam.models.serve import ModelServer

    given = {
        "model": _default_model(backend, model, adapter, "writer"),
        "adapter": adapter,
        "base_url": base_url,
        "device": device,
        "threads": threads,
    }
    try:
        config = ModelConfig(backend=backend, **{k: v for k, v in given.items() if v is not None})
    except ValidationError as exc:
        raise typer.BadParameter(str(exc)) from exc
    _loading_output(verbose)
    server = ModelServer(load_model(config), host, port, verbose=verbose)
    console.print(f"serving {server.model.name} at {server.url} (Ctrl-C stops)")
    # Ctrl-C stops the server: uvicorn either shuts down on it and returns, or (when the
    # signal comes before its handlers are in place) it arrives here as KeyboardInterrupt.
    with contextlib.suppress(KeyboardInterrupt):
        try:
            server.serve_forever()
        finally:
            server.close()
    console.print("stopped")


if __name__ == "__main__":
    app()
