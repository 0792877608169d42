"""Packed examples: one sequence with the shared prompt prefix once gives every target token
the log-probability it has alone, and training on packs learns as training on rows."""

from openlam.train.config import TrainConfig
from openlam.train.examples import Encoded, encode, plan_examples
from openlam.train.modeling import load_policy, target_logprobs
from openlam.train.packing import pack, packed_target_logprobs, shared_prefix
from openlam.train.sft import train_sft


def test_a_pack_holds_the_shared_prefix_once_and_each_example_keeps_a_token_of_its_own():
    a = Encoded(id="a", prompt_ids=[1, 2, 3, 4], target_ids=[9])
    b = Encoded(id="b", prompt_ids=[1, 2, 3, 5, 6], target_ids=[8, 7])
    same = Encoded(id="c", prompt_ids=[1, 2, 3, 4], target_ids=[6])
    assert shared_prefix([a.prompt_ids, b.prompt_ids]) == 3
    packed = pack([a, b])
    assert packed.ids == [1, 2, 3, 4, 9, 5, 6, 8, 7]
    assert packed.positions == [0, 1, 2, 3, 4, 3, 4, 5, 6]
    assert packed.segments == [0, 0, 0, 1, 1, 2, 2, 2, 2]
    assert [packed.ids[i + 1] for i in packed.predicted_at] == packed.labels == [9, 8, 7]
    twins = pack([a, same])
    assert twins.segments == [0, 0, 0, 1, 1, 2, 2] and twins.labels == [9, 6]


def test_packed_log_probabilities_equal_those_of_each_example_alone(tiny_model, plan_corpus):
    import torch

    config = TrainConfig(device="cpu", dtype="float32")
    model, tokenizer, _ = load_policy(str(tiny_model), config)
    examples = [encode(e, tokenizer) for e in plan_examples(plan_corpus)]
    with torch.no_grad():
        alone = [
            target_logprobs(model, [e.prompt_ids + e.target_ids], [len(e.target_ids)], 0)[0][0]
            for e in examples
        ]
        packed = packed_target_logprobs(model, examples)
    assert torch.allclose(torch.cat(alone), packed, atol=1e-5)


def test_training_on_packs_lowers_the_loss_like_rows(tiny_model, plan_corpus, tmp_path):
    fast = TrainConfig(
        device="cpu", learning_rate=5e-3, epochs=30, batch_size=2, grad_accumulation=1
    )
    losses = {}
    for pack_them in (True, False):
        config = fast.model_copy(update={"pack": pack_them})
        model, tokenizer, _ = load_policy(str(tiny_model), config)
        out = tmp_path / str(pack_them)
        metrics = train_sft(model, tokenizer, plan_examples(plan_corpus), config, out, "k")
        losses[pack_them] = (metrics["first_loss"], metrics["last_loss"])
    assert abs(losses[True][0] - losses[False][0]) < 0.05 * losses[False][0]
    assert losses[True][1] < 0.5 * losses[True][0]
