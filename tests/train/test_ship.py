"""Shipping a trained adapter into the package: only an adapter on the default base, small,
with its held-out result; a shipped model is replaced only by a better one."""

import pytest

from openlam.eval.results import FamilyResult, OnlineRow
from openlam.models import shipped
from openlam.records import write_jsonl
from openlam.train import ship as shipping
from openlam.train.checkpoint import CheckpointMeta, TrainingError, read_meta, write_meta


@pytest.fixture
def package(tmp_path, monkeypatch):
    folder = tmp_path / "lams"
    monkeypatch.setattr(shipped, "lam_dir", lambda name: folder / shipped.SHIPPED[name][0])
    monkeypatch.setattr(shipping, "lam_dir", lambda name: folder / shipped.SHIPPED[name][0])
    return folder


def checkpoint(folder, kind="adapter", base="smollm2", weights=b"w" * 100, phase="imitate"):
    folder.mkdir(parents=True)
    (folder / "adapter_config.json").write_text("{}")
    (folder / "adapter_model.safetensors").write_bytes(weights)
    meta = CheckpointMeta(
        phase=phase, kind=kind, base_model=base, start="plan", data={"runs/a.jsonl": "ab" * 32}
    )
    write_meta(folder, meta)
    return folder


def online(path, success: int, tasks: int = 10):
    row = OnlineRow(
        model="lam",
        tasks=tasks,
        succeeded=success,
        success_rate=100 * success / tasks,
        completion_time=3.0,
        steps_per_task=2.5,
        step_latency=0.8,
        by_family={
            "writer/bold-word-v1": FamilyResult(tasks=5, succeeded=5),
            "writer/page-margin-v1": FamilyResult(tasks=5, succeeded=success - 5),
        },
    )
    write_jsonl(path, [row])
    return path


def test_an_adapter_ships_with_its_result_and_a_model_card(tmp_path, package):
    folder = shipping.ship(
        checkpoint(tmp_path / "ck"), "writer-lam", online(tmp_path / "o", 7), "lam"
    )
    meta = read_meta(folder)
    assert meta.base_model == "smollm2"
    assert meta.metrics["heldout_online"]["success_rate"] == 70.0
    card = (folder / "README.md").read_text()
    assert "70.0% (7/10)" in card and "`writer/page-margin-v1`" in card
    assert shipped.is_shipped("writer-lam") and shipped.default_model("writer") == "writer-lam"


def test_a_shipped_model_names_the_data_of_every_phase_behind_it(tmp_path, package):
    plan = checkpoint(tmp_path / "plan", phase="plan")
    imitate = checkpoint(tmp_path / "imitate")
    meta = read_meta(imitate).model_copy(
        update={"start": str(plan), "data": {"runs/samples.jsonl": "cd" * 32}}
    )
    write_meta(imitate, meta)
    folder = shipping.ship(imitate, "writer-lam", online(tmp_path / "o", 7), "lam")
    shipped_meta = read_meta(folder)
    assert set(shipped_meta.data) == {"runs/a.jsonl", "runs/samples.jsonl"}
    assert list(shipped_meta.metrics["phases"]) == ["plan", "imitate"]
    assert "samples.jsonl" in (folder / "README.md").read_text()


def test_only_a_better_model_replaces_the_shipped_one(tmp_path, package):
    shipping.ship(checkpoint(tmp_path / "a"), "writer-lam", online(tmp_path / "o1", 7), "lam")
    with pytest.raises(TrainingError, match="not better"):
        shipping.ship(checkpoint(tmp_path / "b"), "writer-lam", online(tmp_path / "o2", 7), "lam")
    with pytest.raises(TrainingError, match="fewer"):
        shipping.ship(
            checkpoint(tmp_path / "c"), "writer-lam", online(tmp_path / "o3", 5, 6), "lam"
        )
    shipping.ship(checkpoint(tmp_path / "d"), "writer-lam", online(tmp_path / "o4", 8), "lam")
    assert read_meta(package / "writer").metrics["heldout_online"]["succeeded"] == 8


def test_what_cannot_ship_is_refused_with_the_reason(tmp_path, package, monkeypatch):
    result = online(tmp_path / "o", 7)
    with pytest.raises(TrainingError, match="not an adapter"):
        shipping.ship(checkpoint(tmp_path / "full", kind="full"), "writer-lam", result, "lam")
    with pytest.raises(TrainingError, match="default base"):
        shipping.ship(checkpoint(tmp_path / "other", base="/m/qwen"), "writer-lam", result, "lam")
    with pytest.raises(TrainingError, match="no row 'expert'"):
        shipping.ship(checkpoint(tmp_path / "ok"), "writer-lam", result, "expert")
    monkeypatch.setattr(shipping, "MAX_WEIGHTS_MB", 0.00001)
    with pytest.raises(TrainingError, match="MB of weights"):
        shipping.ship(tmp_path / "ok", "writer-lam", result, "lam")
    assert not shipped.is_shipped("writer-lam")
