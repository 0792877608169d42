"""What constraining a step's answer costs on the CPU, per library, with SmolLM2's tokenizer:
the time to compile one step's grammar and the time to compute the mask of allowed tokens at
each position of a real answer.

    .venv/bin/python benchmarks/constrained_decoding.py [--reps 200] [--smoke]

llguidance compiles the full step grammar (labels, typed arguments, and `select_text` limited
to whole-word stretches of the document). outlines-core (if installed: pip install
outlines-core) gets the closest regular expression it can take: the same calls, with free text
for `select_text`, since a regex of every stretch of the document would be enumerated. A model
step costs tens of milliseconds per token on two cores; a mask must stay far below that.
"""

from __future__ import annotations

import argparse
import statistics
import time

from openlam.agent.grammar import action_grammar
from openlam.envs.fake import FakeWriterEnv
from openlam.envs.writer.actions import writer_action_space
from openlam.models.smollm2 import ensure_default_model

ANSWERS = [
    'click_input(label="2")',
    'select_text(text="rose in the spring") [FINISH]',
    'set_edit_text(label="5", text="16")',
]
PARAGRAPHS = [
    "Quarterly report",
    "Sales rose in the spring, while costs stayed where they were in the winter.",
    "The board met on Tuesday and approved the budget for the next quarter.",
] * 10


def llguidance_costs(tokenizer, reps: int) -> dict[str, float]:
    """Compile time of the step grammar and mask time per token, in milliseconds."""
    import llguidance
    import llguidance.torch as llg_torch

    from openlam.models.constrained import GrammarDecoder

    obs, _ = FakeWriterEnv(PARAGRAPHS).reset()
    decoder = GrammarDecoder(tokenizer)
    start = time.perf_counter()
    for _ in range(reps):
        grammar = action_grammar(writer_action_space(), obs.controls, obs.document)
        decoder.matcher(grammar)
    compile_ms = 1000 * (time.perf_counter() - start) / reps
    mask = llg_torch.allocate_token_bitmask(1, decoder.tokenizer.vocab_size)
    times = []
    for answer in ANSWERS:
        matcher = decoder.matcher(grammar)
        for token in tokenizer.encode(answer, add_special_tokens=False):
            t0 = time.perf_counter()
            llg_torch.fill_next_token_bitmask(matcher, mask, 0)
            times.append(time.perf_counter() - t0)
            matcher.consume_token(token)
    assert isinstance(matcher, llguidance.LLMatcher)
    return {"compile_ms": compile_ms, "mask_ms": 1000 * statistics.median(times)}


def outlines_costs(tokenizer, reps: int) -> dict[str, float] | None:
    """The same for outlines-core on the closest regex; None when it is not installed."""
    try:
        from outlines_core import Guide, Index, Vocabulary
    except ImportError:
        return None
    by_text: dict[str, list[int]] = {}
    for token, i in tokenizer.get_vocab().items():
        text = tokenizer.convert_tokens_to_string([token])
        if i != tokenizer.eos_token_id and text:
            by_text.setdefault(text, []).append(i)
    vocabulary = Vocabulary(tokenizer.eos_token_id, by_text)
    labels = "|".join(str(n) for n in range(1, 10))
    regex = (
        rf'(click_input\(label="({labels})"\)|set_edit_text\(label="({labels})", '
        r'text="[^"\n]{0,100}"\)|select_text\(text="[^"\n]{1,100}"\))( \[FINISH\])?|\[FINISH\]'
    )
    start = time.perf_counter()
    for _ in range(max(1, reps // 20)):
        index = Index(regex, vocabulary)
    compile_ms = 1000 * (time.perf_counter() - start) / max(1, reps // 20)
    times = []
    for answer in ANSWERS:
        guide = Guide(index)
        for token in tokenizer.encode(answer, add_special_tokens=False):
            t0 = time.perf_counter()
            guide.get_tokens()
            times.append(time.perf_counter() - t0)
            guide.advance(token)
    return {"compile_ms": compile_ms, "mask_ms": 1000 * statistics.median(times)}


def main() -> None:
    from transformers import AutoTokenizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--smoke", action="store_true", help="a few repetitions")
    options = parser.parse_args()
    reps = 5 if options.smoke else options.reps
    tokenizer = AutoTokenizer.from_pretrained(ensure_default_model())
    rows = {"llguidance (full step grammar)": llguidance_costs(tokenizer, reps)}
    outlines = outlines_costs(tokenizer, reps)
    if outlines is None:
        print("outlines-core is not installed: its row is left out")
    else:
        rows["outlines-core (regex, select_text unconstrained)"] = outlines
    for name, row in rows.items():
        mask_us = 1000 * row["mask_ms"]
        print(f"{name}: compile {row['compile_ms']:.2f} ms, mask {mask_us:.1f} µs/token")


if __name__ == "__main__":
    main()
