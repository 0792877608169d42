"""Constrained decoding with the real SmolLM2: the step grammar admits exactly the valid
answers, and a model decoded under it (untrained, even sampling hot) gives nothing else."""

import pytest

from openlam.agent.grammar import action_grammar
from openlam.agent.output_parser import parse_model_output
from openlam.agent.policy import ModelPolicy, StepContext
from openlam.agent.prompt import PromptConfig
from openlam.envs.fake import FakeWriterEnv
from openlam.envs.writer.actions import writer_action_space
from openlam.models.constrained import GrammarDecoder
from openlam.records import Shown

pytestmark = pytest.mark.smollm2
ACTIONS = writer_action_space()


def accepts(decoder: GrammarDecoder, tokenizer, grammar: str, text: str) -> bool:
    matcher = decoder.matcher(grammar)
    ids = tokenizer.encode(text, add_special_tokens=False)
    return matcher.try_consume_tokens(ids) == len(ids) and matcher.is_accepting()


def test_the_grammar_admits_valid_answers_only(smollm2):
    obs, _ = FakeWriterEnv(["Quarterly report", 'Sales "rose" in spring.']).reset()
    shown = [c for c in obs.controls if c.label in ("1", "2", "5")]
    grammar = action_grammar(ACTIONS, shown, obs.document)
    decoder = GrammarDecoder(smollm2.tokenizer)
    valid = [
        'click_input(label="2")',
        'click_input(label="2", double=True) [FINISH]',
        'select_text(text="Quarterly report")',
        'select_text(text="in spring.", occurrence=2)',
        "select_paragraph(start=0, end=1)",
        'set_edit_text(label="5", text="16")',
        'summary(text="Two paragraphs.") [FINISH]',
        'click_input(label="2") [CONFIRM]',
        "[FINISH]",
        "[FAIL]",
    ]
    invalid = [
        "[CONFIRM]",  # it asks about a call
        'click_input(label="3")',  # a control that exists but is not shown
        'select_text(text="Quarter")',  # not a whole word of the document
        'select_text(text="report Sales")',  # across two paragraphs
        "select_paragraph(start=0, end=2)",  # no paragraph 2
        "select_table(number=1)",  # no table
        'click_input(label="2"',
        'bold(label="2")',
        "[CONTINUE]",
    ]
    for text in valid:
        assert accepts(decoder, smollm2.tokenizer, grammar, text), text
    for text in invalid:
        assert not accepts(decoder, smollm2.tokenizer, grammar, text), text


@pytest.mark.parametrize("temperature", [0.0, 1.5])
def test_an_untrained_model_under_the_grammar_gives_only_valid_actions(smollm2, temperature):
    import torch

    torch.manual_seed(0)
    env = FakeWriterEnv()
    obs, _ = env.reset()
    policy = ModelPolicy(smollm2, ACTIONS, PromptConfig(), temperature=temperature)
    requests = [
        "Make the title bold",
        "Set the second paragraph in 16 pt",
        "Select the word spring",
        "How many paragraphs are there?",
    ]
    # Sampled hot, the model wanders over the whole grammar: every answer must still parse.
    for request in requests * (4 if temperature else 1):
        shown = Shown(controls=[c.label for c in obs.controls])
        decision = policy.act(StepContext(request, obs, shown, [], "LibreOffice Writer"))
        assert decision.action is not None, (decision.output, decision.error)
        parse_model_output(decision.output, ACTIONS, obs.controls, "call")
        if decision.action.function == "select_text":
            assert decision.action.args["text"] in " ".join(env.paragraphs)


def test_the_gbnf_grammar_for_llama_cpp_admits_the_same_answers(smollm2):
    """llama.cpp reads GBNF; llguidance converts GBNF to Lark, so both dialects of one step's
    grammar can be held against the same answers without compiling llama.cpp."""
    from llguidance.gbnf_to_lark import gbnf_to_lark

    obs, _ = FakeWriterEnv(["Dear  Ms Smith,", "The report is attached."]).reset()
    decoder = GrammarDecoder(smollm2.tokenizer)
    lark = action_grammar(ACTIONS, obs.controls, obs.document, "lark")
    gbnf = gbnf_to_lark(action_grammar(ACTIONS, obs.controls, obs.document, "gbnf"))
    answers = [
        'select_text(text="Dear  Ms")',
        'select_text(text="Ms Smith,")',
        'select_text(text="report is attached.") [FINISH]',
        'select_text(text="Dear Ms")',
        'select_text(text="Smi")',
        'wheel_mouse_input(label="1", wheel_dist=-5)',
        "set_font(font_size=10.5)",
        "set_font()",
        "insert_table(rows=2, columns=3)",
        'keyboard_input(label="1", keys="{ctrl+b}")',
    ]
    for text in answers:
        assert accepts(decoder, smollm2.tokenizer, lark, text) == accepts(
            decoder, smollm2.tokenizer, gbnf, text
        ), text
