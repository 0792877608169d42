"""Offline and model-driven evolution of task-plan records, and the rules they must keep."""

import json
import random

from openlam.data.plan_evolution import (
    chain,
    concretise,
    evolution_problem,
    evolve_offline,
    evolve_with_model,
    save_as,
)
from openlam.data.plan_mining import TaskPlan
from openlam.models.scripted import ScriptedModel


def record(
    task_id="writer_0001",
    task="Insert a table with a menu command",
    plan=None,
    source="swriter/guide/table_insert.html#hd_1",
) -> TaskPlan:
    return TaskPlan(
        task_id=task_id,
        app="writer",
        task=task,
        source=source,
        page_title="Inserting Tables",
        plan=plan
        or [
            "Place the cursor where you want to insert the table.",
            "Choose **Table - Insert Table**.",
            "In the **Size** area, enter the number of rows and columns.",
            "Click **OK**.",
        ],
    )


def test_concretise_puts_a_bold_value_in_task_and_plan():
    variant = concretise(record(), random.Random(0))
    assert variant.evolution == "parameters"
    assert variant.evolved_from == "writer_0001"
    value = variant.task.split("**")[1]
    assert "rows and" in value
    assert f"enter **{value}**" in variant.plan[2]
    assert evolution_problem(record(), variant) == ""


def test_save_as_adds_executable_steps_in_the_native_format():
    variant = save_as(record(), random.Random(0))
    assert variant.task.endswith(".odt**")
    assert variant.plan[-3:][0] == "Choose **File - Save As**."
    assert len(variant.plan) == 7


def test_chain_joins_the_next_procedure_of_the_same_page():
    first = record()
    second = record("writer_0002", "Insert a table from a toolbar", ["Click **Table**."])
    variant = chain(first, [first, second])
    assert variant.task == "Insert a table with a menu command, then insert a table from a toolbar"
    assert variant.plan[-1] == "Click **Table**."
    assert chain(second, [first, second]) is None


def test_offline_evolution_links_every_variant_to_its_source():
    sources = [record(), record("writer_0002", "Insert a table from a toolbar")]
    variants = evolve_offline(sources, seed=1)
    ids = {s.task_id for s in sources}
    assert variants and all(v.evolved_from in ids for v in variants)
    assert len({v.task_id for v in variants}) == len(variants)


def test_rules_reject_long_additions_and_missing_bold():
    source = record()
    too_long = source.model_copy(
        update={"task": source.task + " and" * 21 + " **x**", "evolution": "llm"}
    )
    assert evolution_problem(source, too_long) == "too many extra words"
    plain = source.model_copy(update={"task": source.task + " quickly", "evolution": "llm"})
    assert evolution_problem(source, plain) == "no bold key object"
    assert evolution_problem(source, source) == "same task"


def test_model_variant_is_kept_only_when_it_keeps_the_rules():
    good = json.dumps(
        {
            "task": "Insert a table with **4 rows** and **2 columns**",
            "plan": [
                "Choose **Table - Insert Table**.",
                "Set **Rows** to **4**.",
                "Set **Columns** to **2**.",
                "Click **OK**.",
            ],
        }
    )
    model = ScriptedModel(
        [f"Here it is:\n```json\n{good}\n```", "no json at all", '{"task": 3, "plan": "x"}']
    )
    variant, problem = evolve_with_model(record(), model)
    assert (
        problem == "" and variant.evolution == "llm" and variant.plan[1] == "Set **Rows** to **4**."
    )
    assert evolve_with_model(record(), model) == (None, "reply is not a JSON object")
    assert evolve_with_model(record(), model) == (None, "reply lacks a task string and a plan list")
