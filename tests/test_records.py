import json

import pytest

from openlam.records import Action, Control, Observation, Trajectory, read_jsonl, write_jsonl


def test_records_round_trip_through_jsonl(tmp_path):
    obs = Observation(
        app="writer", window="w", controls=[Control(label="1", name="Bold", type="toggle button")]
    )
    trajectory = Trajectory(id="t", app="writer", request="Make it bold")
    path = tmp_path / "t.jsonl"
    write_jsonl(path, [trajectory, trajectory])
    assert read_jsonl(path, Trajectory) == [trajectory, trajectory]
    assert json.loads(obs.model_dump_json())["schema_version"] == 1
    assert obs.find("Bold").label == "1" and obs.control("2") is None


def test_unknown_schema_version_and_fields_are_rejected(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"schema_version": 2, "function": "x"}\n')
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        read_jsonl(path, Action)
    with pytest.raises(ValueError):
        Action(function="x", surprise=1)
