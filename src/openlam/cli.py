"""The `openlam` command line."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="openlam: Large Action Models on real applications.", no_args_is_help=True)
env_app = typer.Typer(help="Look at an application environment.", no_args_is_help=True)
app.add_typer(env_app, name="env")
tasks_app = typer.Typer(help="Browse the task library.", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")
console = Console()


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
def tasks_list() -> None:
    """List the Writer task families with their category and phrasings."""
    from openlam.tasks.base import TEST_PHRASINGS
    from openlam.tasks.writer.registry import families

    table = Table("id", "category", "phrasings (train/test)", "example phrasing")
    for family in families().values():
        n = len(family.phrasings)
        kind = f"{family.category}{' (compound)' if family.compositional else ''}"
        split = f"{n - TEST_PHRASINGS}/{TEST_PHRASINGS}"
        table.add_row(family.id, kind, split, family.phrasings[0])
    console.print(table)
    console.print(f"{len(families())} families")


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


@app.command()
def actions() -> None:
    """Print the Writer action space as the model is shown it."""
    from openlam.envs.writer.actions import writer_action_space

    console.print(writer_action_space().describe(), markup=False)


if __name__ == "__main__":
    app()
