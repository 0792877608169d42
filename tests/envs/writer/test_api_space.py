"""The application-API actions as declarations (no Writer): they parse from the call syntax,
bad arguments are refused, and the step grammar admits their calls in both dialects."""

import pytest

from openlam.actions import ActionParseError
from openlam.agent.grammar import action_grammar
from openlam.envs.writer.actions import API_ACTIONS, writer_action_space
from openlam.records import Control, DocumentState, Paragraph, Table

ACTIONS = writer_action_space()
NEW = (
    "replace_all",
    "format_text",
    "format_paragraph",
    "select_cells",
    "insert_field",
    "insert_image",
    "insert_hyperlink",
    "insert_comment",
    "insert_break",
)
DOCUMENT = DocumentState(
    title="report",
    paragraphs=[
        Paragraph(index=0, style="Title", alignment="left", text="Quarterly colour report"),
        Paragraph(index=1, style="Standard", alignment="left", text="Sales rose in spring."),
    ],
    tables=[Table(index=0, name="Table1", rows=2, columns=2, cells=[["A", "B"], ["1", "2"]])],
)
CONTROLS = [Control(label="1", name="Document", type="document text")]
VALID = [
    'replace_all(search="colour", replace="color", whole_words=True)',
    'replace_all(search="Sales rose", replace="Sales fell", match_case=True, regex=False)',
    'format_text(bold=True, italic=False, script="superscript", color="#C00000")',
    'format_text(highlight="none")',
    'format_paragraph(alignment="justify", line_spacing=1.5, space_after_mm=4)',
    'format_paragraph(left_indent_mm=10, style="Heading 2")',
    'select_cells(table=1, first="B2")',
    'select_cells(table=1, first="A1", last="B2")',
    'insert_field(field="page_number", place="footer")',
    'insert_field(field="date")',
    'insert_image(path="/tmp/logo.png")',
    'insert_hyperlink(url="https://example.com", text="our site")',
    'insert_hyperlink(url="https://example.com")',
    'insert_comment(text="Check this.")',
    'insert_break(kind="page")',
]


def test_the_new_actions_follow_the_old_ones_in_declaration_order():
    names = [fn.__name__ for fn in API_ACTIONS]
    assert names[:6] == [
        "select_text",
        "select_paragraph",
        "select_table",
        "insert_table",
        "set_font",
        "save_as",
    ]
    assert tuple(names[6:]) == NEW
    assert all(not ACTIONS.specs[name].needs_control for name in NEW)


def test_calls_parse_into_their_arguments():
    action = ACTIONS.parse('replace_all(search="colour", replace="color", whole_words=True)')
    assert action.args == {
        "search": "colour",
        "replace": "color",
        "match_case": False,
        "whole_words": True,
        "regex": False,
    }
    action = ACTIONS.parse("format_paragraph(line_spacing=2, first_line_indent_mm=-5)")
    assert action.args["line_spacing"] == 2.0 and action.args["first_line_indent_mm"] == -5
    assert action.args["alignment"] is None and action.args["style"] is None
    assert ACTIONS.parse('select_cells(table=1, first="B2")').args["last"] is None
    assert ACTIONS.parse('insert_field(field="time")').args["place"] == "cursor"
    for text in VALID:
        action = ACTIONS.parse(text)
        assert ACTIONS.parse(ACTIONS.call_text(action)) == action, text


@pytest.mark.parametrize(
    "text",
    [
        'replace_all(search="", replace="x")',
        'format_text(color="red")',
        'format_text(highlight="#FFFF0")',
        'format_text(script="up")',
        "format_paragraph(line_spacing=5)",
        "format_paragraph(space_before_mm=-1)",
        'format_paragraph(alignment="middle")',
        'select_cells(table=0, first="A1")',
        'select_cells(table=1, first="")',
        'insert_field(field="page")',
        'insert_field(field="date", place="margin")',
        'insert_image(path="")',
        'insert_hyperlink(url="")',
        'insert_break(kind="section")',
    ],
)
def test_bad_arguments_are_refused(text):
    with pytest.raises(ActionParseError, match="bad arguments"):
        ACTIONS.parse(text)


@pytest.mark.parametrize("syntax", ["lark", "gbnf"])
def test_the_grammar_builds_with_every_new_action(syntax):
    grammar = action_grammar(ACTIONS, CONTROLS, DOCUMENT, syntax)
    for name in NEW:
        assert f'"{name}(' in grammar, name
    # Without a table select_cells has no valid table number; the others stay.
    grammar = action_grammar(ACTIONS, CONTROLS, DOCUMENT.model_copy(update={"tables": []}))
    assert '"select_cells(' not in grammar and '"insert_break(' in grammar


@pytest.fixture(scope="module")
def decoder():
    from transformers import AutoTokenizer

    from openlam.models.constrained import GrammarDecoder
    from openlam.models.smollm2 import ensure_default_model

    tokenizer = AutoTokenizer.from_pretrained(str(ensure_default_model()))
    return GrammarDecoder(tokenizer), tokenizer


def _accepts(decoder, grammar: str, text: str) -> bool:
    decoder, tokenizer = decoder
    matcher = decoder.matcher(grammar)
    ids = tokenizer.encode(text, add_special_tokens=False)
    return matcher.try_consume_tokens(ids) == len(ids) and matcher.is_accepting()


@pytest.mark.smollm2
def test_the_grammar_admits_the_new_calls_in_both_dialects(decoder):
    from llguidance.gbnf_to_lark import gbnf_to_lark

    lark = action_grammar(ACTIONS, CONTROLS, DOCUMENT, "lark")
    gbnf = gbnf_to_lark(action_grammar(ACTIONS, CONTROLS, DOCUMENT, "gbnf"))
    invalid = [
        'replace_all(search="Quart", replace="x")',  # not a whole word of the document
        'format_paragraph(style="Heading 2", alignment="center")',  # not in declared order
        'insert_field(field="page")',
        'insert_break(kind="section")',
        'select_cells(table=2, first="A1")',  # there is one table
    ]
    for grammar in (lark, gbnf):
        for text in VALID:
            assert _accepts(decoder, grammar, text), text
        for text in invalid:
            assert not _accepts(decoder, grammar, text), text
