"""Judges of the question, impossible and compound families, on documents edited with
python-docx (no Writer): the right end state passes, near misses fail."""

import random
from copy import deepcopy

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from openlam.tasks.writer import facts, registry, templates
from openlam.tasks.writer.families.impossible import gives_reason, unchanged
from openlam.tasks.writer.families.questions import (
    _judge_count,
    _judge_text,
    numbers_in,
    paragraph_font,
    writer_words,
)


def test_numbers_are_read_in_digits_thousands_and_words():
    assert numbers_in("It has 1,100 words and twelve headings.") == [1100, 12]
    assert numbers_in("4.8 million") == [4, 8]
    assert numbers_in("no number here") == []


def test_a_count_passes_within_its_tolerance_and_not_beside_it():
    params = {"answer": 225, "low": 222, "high": 225, "title": "Report 2024"}
    assert _judge_count(params, "The document has 223 words.").success
    assert not _judge_count(params, "The document has 226 words.").success
    assert not _judge_count(params, "221").success
    # A number the question says may be repeated; any other number is a rival.
    assert _judge_count(params, "Report 2024 has 225 words.").success
    assert not _judge_count(params, "225 words, 1,400 letters").success
    # Writer's other statistics beside the word count are not rival counts.
    assert _judge_count(params, "225 words, 1,400 characters, 2 pages").success
    assert _judge_count({"answer": 0}, "There are no tables.").success
    assert not _judge_count({"answer": 2}, "There are no tables.").success


def test_a_text_answer_is_matched_by_whole_words_and_rivals_fail_it():
    params = {"answer": "4%", "others": ["14%", "Modbus RTU"]}
    assert _judge_text(params, "It says 4%.").success
    assert not _judge_text(params, "It says 14%.").success
    assert not _judge_text(params, "4% or 14%").success
    # A rival inside the expected text (or the context) does not count against it.
    params = {"answer": "Modbus RTU with 10 m cable", "others": ["Modbus RTU"]}
    assert _judge_text(params, "It is Modbus RTU with 10 m cable.").success
    params = {"answer": ["Offline basemaps:"], "others": ["download"], "context": ["download it"]}
    assert _judge_text(params, 'In "download it", the bold words are "Offline basemaps".').success


def test_words_are_counted_as_writer_counts_them():
    # Counts measured in Writer 7 (the document's WordCount for each text alone).
    measured = {
        "tessellate --check-plugins to": 4,
        "10 (64-bit)": 2,
        "a - b": 3,
        "a \u2013 b": 2,
        "2015\u20132016": 2,
        "word\u2014word": 2,
        "... end": 2,
        "3,680.00": 1,
        "-50 to 400": 3,
    }
    assert {text: writer_words(text) for text in measured} == measured


def test_the_font_of_a_paragraph_comes_from_its_runs_styles_or_theme():
    cv = registry.template_facts("cv")
    assert paragraph_font(cv, 0) == "Calibri"  # the Title style's theme font
    assert paragraph_font(cv, 1) == "Liberation Serif"  # Normal
    notes = registry.template_facts("release_notes")
    assert paragraph_font(notes, 0) == "Liberation Sans"  # the title's style font


def test_every_question_cheat_passes_its_own_check_and_the_wrong_one_fails():
    for family in registry.families().values():
        if family.category != "question":
            continue
        for instance in registry.sample(family.id, 6, seed=2):
            before = registry.template_facts(instance.template)
            reply = family.solution(instance.params)[0](None).args["text"]
            assert family.check(instance.params, before, before, reply).success, instance.id
            wrong = family.wrong_params(instance.params, before, random.Random(0))
            if wrong is not None:
                said = family.solution(wrong)[0](None).args["text"]
                assert not family.check(instance.params, before, before, said).success, (
                    instance.id,
                    said,
                )


def test_an_impossible_request_needs_a_reason_and_an_untouched_document():
    assert not gives_reason("Done.").success
    assert not gives_reason(None).success
    assert gives_reason("No printer is installed here.").success
    before = registry.template_facts("property_listing")
    assert unchanged(before, before).success
    after = deepcopy(before)
    paragraph = next(p for p in after.paragraphs if p.runs and p.style == "Normal")
    paragraph.runs[0].bold = not paragraph.runs[0].bold
    assert not unchanged(before, after).success
    family = registry.family("writer/print-document-v1")
    params = registry.sample(family.id, 1, seed=0)[0].params
    assert family.check(params, before, before, family.reason.format(**params)).success
    assert not family.check(params, before, before, "Done.").success


def _edited(name: str, tmp_path, edit) -> facts.DocFacts:
    document = docx.Document(str(templates.source(name)))
    edit(document)
    path = tmp_path / f"{name}.docx"
    document.save(str(path))
    return facts.read(path)


def _replace_bold(document, search: str, new: str, times: int | None = None) -> None:
    done = 0
    for paragraph in document.paragraphs:
        if search not in paragraph.text:
            continue
        pieces = paragraph.text.split(search)
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        for n, piece in enumerate(pieces):
            paragraph.add_run(piece)
            if n < len(pieces) - 1:
                done += 1
                if times is None or done <= times:
                    paragraph.add_run(new).bold = True
                else:
                    paragraph.add_run(search)


def test_replace_all_bold_wants_every_occurrence(tmp_path):
    family = registry.family("writer/replace-all-bold-v1")
    instance = registry.sample(family.id, 1, seed=4)[0]
    params, name = instance.params, instance.template
    before = registry.template_facts(name)
    all_of_them = _edited(
        name, tmp_path, lambda d: _replace_bold(d, params["search"], params["new"])
    )
    assert family.check(params, before, all_of_them, None).success
    first = _edited(name, tmp_path, lambda d: _replace_bold(d, params["search"], params["new"], 1))
    assert not family.check(params, before, first, None).success


def test_title_centred_and_sized(tmp_path):
    family = registry.family("writer/title-centered-size-v1")
    params = {**family.sample_params(registry.template_facts("cv"), random.Random(0))}
    before = registry.template_facts("cv")

    def edit(size):
        def apply(document):
            title = document.paragraphs[0]
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in title.runs:
                run.font.size = Pt(size)

        return apply

    good = _edited("cv", tmp_path, edit(float(params["size"])))
    assert family.check(params, before, good, None).success
    bad = _edited("cv", tmp_path, edit(float(params["size"]) + 2))
    assert not family.check(params, before, bad, None).success
