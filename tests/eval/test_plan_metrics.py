"""Step precision and recall by in-order alignment."""

import pytest

from openlam.eval.plan_metrics import mean_scores, score_plan, step_similarity

REFERENCE = [
    "Place the cursor in your document where you want to insert the table.",
    "Choose **Table - Insert Table**.",
    "In the **Size** area, enter the number of rows and columns.",
    "Click **OK**.",
]


def test_identical_plans_score_one():
    score = score_plan(REFERENCE, REFERENCE)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert [m[:2] for m in score.matches] == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_missing_and_extra_steps_lower_recall_and_precision():
    predicted = ["Choose Table - Insert Table.", "Type a caption.", "Click OK."]
    score = score_plan(predicted, REFERENCE)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 4)


def test_alignment_keeps_order():
    # The same steps in reverse order can match at most one pair.
    score = score_plan(list(reversed(REFERENCE[1:3])), REFERENCE[1:3])
    assert len(score.matches) == 1


def test_empty_prediction_scores_zero_and_similarity_ignores_markup():
    assert score_plan([], REFERENCE).recall == 0.0
    assert (
        step_similarity("1. Choose **Table - Insert Table**.", "choose table insert table") == 1.0
    )
    with pytest.raises(ValueError):
        mean_scores([])
    assert mean_scores([score_plan(REFERENCE, REFERENCE)])["step_recall"] == 1.0
