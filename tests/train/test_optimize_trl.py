"""Phase 4 on TRL's GRPOTrainer with the settings of openlam's own loop: it trains the
policy's adapter against a copy of it, and the checkpoint loads like any other."""

import pytest

from openlam.models.base import Message
from openlam.train.checkpoint import read_meta
from openlam.train.config import TrainConfig
from openlam.train.examples import Example
from openlam.train.modeling import load_policy
from openlam.train.optimize import OptimizeConfig
from openlam.train.optimize_trl import grpo_config, optimize_with_trl


def test_the_settings_map_one_to_one(tmp_path):
    config = OptimizeConfig(states_per_batch=4, samples_per_state=4, ppo_epochs=2, clip=0.3)
    args = grpo_config(config, tmp_path, batches=3)
    assert (args.num_generations, args.num_iterations, args.epsilon) == (4, 2, 0.3)
    assert args.per_device_train_batch_size == 16 and args.max_steps == 6
    assert (args.loss_type, args.scale_rewards, args.beta) == ("bnpo", "batch", config.kl_coef)


@pytest.mark.filterwarnings("ignore")
def test_grpo_trains_the_adapter_and_saves_a_checkpoint(tiny_model, tmp_path):
    states = [
        Example(id=str(i), messages=[Message(role="user", content=f"Task {i}")], target="")
        for i in range(8)
    ]
    config = OptimizeConfig(
        train=TrainConfig(learning_rate=2e-2, scheduler="constant", device="cpu"),
        states_per_batch=4,
        samples_per_state=4,
        max_new_tokens=8,
        ppo_epochs=1,
    )

    def shorter_is_better(examples):
        return [-len(e.target) / 40 for e in examples]

    out = tmp_path / "grpo"
    meta = optimize_with_trl(states, shorter_is_better, str(tiny_model), out, config, [], print)
    assert meta.metrics["trainer"] == "trl-grpo" and meta.metrics["batches"] == 2
    assert read_meta(out).kind == "adapter"
    trained, _, _ = load_policy(str(out), config.train, trainable=False)
    after = dict(trained.named_parameters())
    assert not any(".ref." in n for n in after)
    # LoRA's B matrices start at zero: any that is not has been trained.
    assert any(p.abs().max() > 0 for n, p in after.items() if "lora_B" in n)
