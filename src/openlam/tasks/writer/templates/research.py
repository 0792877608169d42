"""Academic and funding documents, opened as .odt: a thesis chapter, a grant application and
a call for papers.

As in long.py, formatted words occur more than once (or are short), so that tasks naming a
single word never pick one that is already formatted.
"""

from __future__ import annotations

from openlam.tasks.writer.templates.blocks import (
    Template,
    bold,
    bullets,
    footer,
    h1,
    h2,
    header,
    heading_font,
    italic,
    marked,
    numbers,
    p,
    quote,
    rich,
    table,
    template,
    title,
    underline,
)

_THESIS_CHAPTER = template(
    "thesis_chapter",
    "A methods chapter of a doctoral thesis on night-time cooling under urban street trees, "
    "with study sites, an instrument table, processing steps and interview quotes.",
    heading_font("Liberation Sans"),
    header("E. Lindqvist, doctoral thesis, chapter 3"),
    footer("Draft for supervisory review, not for circulation"),
    title("Chapter 3: Measuring Night-time Cooling Beneath Urban Tree Canopies"),
    p(
        "This chapter describes how air and surface temperatures were measured under and "
        "beside street trees in three mid-sized cities during the summers of 2022 and 2023.",
        "It first introduces the study areas, then the selection of sites, the instruments "
        "and their calibration, and finally the interviews held with municipal arborists.",
    ),
    h1("3.1 Study Areas"),
    p(
        "Uppsala, Ghent and Ljubljana were chosen because they have similar populations but "
        "contrasting climates, ranging from cool boreal summers to humid continental heat."
    ),
    rich(
        "Earlier work by Oke ",
        italic("et al."),
        " (2017) showed that cooling beneath canopies peaks several hours after sunset, "
        "which is why every campaign ran from dusk until two in the morning.",
    ),
    p(
        "All three cities have adopted targets for canopy cover in their climate plans, "
        "which gave access to municipal tree inventories listing species, age and crown "
        "diameter for almost every street tree."
    ),
    h1("3.2 Site Selection"),
    p(
        "Within each city, twelve pairs of sites were matched so that one point lay under a "
        "mature canopy and its partner stood on open pavement no more than forty metres away."
    ),
    h2("Criteria for Pairing"),
    numbers(
        "Both points share the same street orientation and building height.",
        "Neither point is within ten metres of a fountain, pond or river.",
        "Traffic counts differ by less than a fifth between the two points.",
    ),
    h2("Tree Species"),
    rich(
        "Small-leaved lime (",
        italic("Tilia cordata"),
        ") dominated the Swedish sites, whereas plane trees (",
        italic("Platanus"),
        ") lined most of the Belgian and Slovenian streets.",
    ),
    table(
        ("City", "Dominant species", "Sites", "Mean canopy cover"),
        ("Uppsala", "Tilia cordata", "12", "68%"),
        ("Ghent", "Platanus x hispanica", "12", "74%"),
        ("Ljubljana", "Platanus and Aesculus", "12", "61%"),
        bold_header=True,
    ),
    h1("3.3 Instruments"),
    rich(
        "Air temperature was logged ",
        italic("in situ"),
        " every minute at a height of two metres with shielded sensors, while a handheld "
        "thermal camera recorded the surface temperature of the pavement.",
    ),
    table(
        ("Instrument", "Model", "Accuracy", "Interval"),
        ("Air temperature logger", "Tinytag TGP-4017", "0.2 degrees", "1 minute"),
        ("Thermal camera", "FLIR E54", "2 percent of reading", "Every 15 minutes"),
        ("Sky view lens", "Nikon fisheye 8 mm", "Not applicable", "Once per site"),
        bold_header=True,
    ),
    p(
        "All loggers were calibrated against a reference thermometer in a climate chamber "
        "before and after each summer, and no drift larger than a tenth of a degree appeared."
    ),
    h1("3.4 Data Processing"),
    numbers(
        "Remove readings taken while rain fell or wind exceeded four metres per second.",
        "Average each logger over ten-minute windows to reduce noise.",
        "Subtract the open pavement value from the canopy value for every pair.",
        "Fit a mixed model with city and night as random effects.",
    ),
    p(
        "The processing scripts were written in R and are archived with the raw logger files, "
        "so that every figure in chapter four can be reproduced from the original readings."
    ),
    h1("3.5 Interviews with Arborists"),
    p(
        "Semi-structured interviews with nine municipal arborists explored how cooling is "
        "weighed against cost, root damage and public complaints when planting is planned."
    ),
    quote(
        "We plant for shade at noon because that is what residents notice, but the nights "
        "are what keep elderly people awake and unwell.",
        "URW Bookman",
    ),
    p(
        "Transcripts were coded thematically in two rounds, and a second researcher "
        "independently checked a quarter of the codes, agreeing on nine in every ten."
    ),
    h1("3.6 Ethics and Data Management"),
    p(
        "The interview study was approved by the university's ethics board, and each "
        "participant signed a consent form allowing anonymised quotations to be published.",
        "Recordings were deleted once transcribed, while the logger data are openly licensed "
        "and deposited with the national data service under a persistent identifier.",
    ),
    h1("3.7 Limitations"),
    p(
        "Because the campaigns covered only clear, calm nights, the results probably "
        "overstate the cooling that a resident would experience across a whole summer.",
        "Access restrictions meant that private gardens and courtyards could not be "
        "sampled, although they hold a large share of the canopy in Ljubljana.",
    ),
    rich(
        "These limits are returned to in ",
        bold("chapter 6"),
        ", where the findings are set against satellite estimates for the same nights.",
    ),
    odt=True,
)

_GRANT_APPLICATION = template(
    "grant_application",
    "A grant application to an arts fund for a riverside community mural, with applicant "
    "details, need, planned activities, a budget, a timeline and evaluation.",
    heading_font("Liberation Sans"),
    header("Northern Arts Fund, small grants round 7"),
    footer("Applicant reference NAF-7-0192"),
    title("Riverside Walls: A Community Mural for Low Moor"),
    p(
        "An application to the Northern Arts Fund from the Low Moor Residents Association for "
        "a grant of 18,400 pounds towards a community mural beside the river path."
    ),
    h1("Applicant Details"),
    table(
        ("Question", "Answer"),
        ("Organisation", "Low Moor Residents Association"),
        ("Legal status", "Registered charity 1187342"),
        ("Contact", "Bethany Okoro, project coordinator"),
        ("Annual income", "About 26,000 pounds"),
        bold_header=True,
    ),
    h1("The Need"),
    p(
        "The river path is the only safe walking route between the estate and the town "
        "centre, yet the flood wall beside it is covered in graffiti and feels threatening "
        "after dark.",
    ),
    rich(
        "In our survey of 212 households last winter, ",
        bold("7 in 10"),
        " people said they avoid the path in the evening, and many mentioned the blank grey "
        "wall by name.",
    ),
    p(
        "Young people told us that there is nothing to do on the estate in the holidays, and "
        "several asked to help design something that would make visitors see Low Moor "
        "differently."
    ),
    h1("What We Will Do"),
    numbers(
        "Run six design workshops with the primary school and the youth club.",
        "Appoint a professional muralist to turn the ideas into one design.",
        "Paint the wall over three weekends with volunteers of every age.",
        "Hold a launch walk with music, food stalls and a guided tour.",
    ),
    p(
        "Lead artist Marcus Devlin has painted eleven public murals across Yorkshire and will "
        "train twelve local volunteers in surface preparation, scaling and anti-graffiti "
        "coating."
    ),
    h1("Budget"),
    table(
        ("Item", "Cost", "Source"),
        ("Artist fees, 30 days", "9,000", "This grant"),
        ("Paint, primer and protective coating", "4,600", "This grant"),
        ("Scaffold tower and safety equipment", "3,200", "This grant"),
        ("Workshop materials and refreshments", "1,600", "This grant"),
        ("Launch event", "2,000", "City council"),
        bold_header=True,
    ),
    rich(
        "A further ",
        marked("2,000 pounds"),
        " for the launch event is expected from the city council's ward budget, and the "
        "decision will be known by the end of October.",
    ),
    h1("Timeline"),
    table(
        ("Stage", "Months", "Lead"),
        ("Design workshops", "January to March 2026", "Bethany Okoro"),
        ("Final design and permissions", "April 2026", "Marcus Devlin"),
        ("Painting weekends", "May and June 2026", "Marcus Devlin"),
        ("Launch walk", "Saturday 11 July 2026", "Youth club committee"),
        bold_header=True,
    ),
    h1("Outcomes and Evaluation"),
    bullets(
        "At least 150 residents take part in workshops or painting.",
        "Evening use of the path rises, measured by a people counter.",
        "Reports of graffiti on the wall fall by half within a year.",
    ),
    p(
        "An independent evaluator from the university's social research unit will repeat "
        "the household survey one year after the launch and publish a short report."
    ),
    h1("Partners"),
    p(
        "Low Moor Primary School will host the first workshops in its art room and has built "
        "the project into the Year 5 curriculum on local history and the river.",
        "The Canal and River Trust owns the flood wall and has given written permission for "
        "the mural, subject to a method statement agreed with its engineers.",
    ),
    h1("Sustainability and Declaration"),
    p(
        "The anti-graffiti coating lasts about ten years, and the association has agreed with "
        "the council that its parks team will wash the wall twice a year.",
    ),
    rich(
        "I confirm that the information in this application is ",
        underline("true"),
        " and complete to the best of my knowledge and that the association's trustees support it.",
    ),
    rich("Signed: Bethany Okoro, ", italic("3 September 2025")),
    odt=True,
)

_CALL_FOR_PAPERS = template(
    "call_for_papers",
    "A call for papers for an international workshop on historical language change, with "
    "topics, submission types, important dates and the organising committee.",
    heading_font("Liberation Sans"),
    header("HistoLing 2026, Uppsala, 8 to 10 June 2026"),
    footer("Contact the organisers at histoling2026@example.org"),
    title("Call for Papers: HistoLing 2026"),
    p(
        "The Fourth International Workshop on Computational Approaches to Historical Language "
        "Change will be held at Uppsala University from 8 to 10 June 2026.",
        "We welcome work that brings corpora, statistical models or neural methods to bear on "
        "how words, sounds and grammar have changed over the centuries.",
    ),
    h1("Topics of Interest"),
    bullets(
        "Lexical semantic change and its detection in diachronic corpora",
        "Sound change, phylogenetics and the reconstruction of proto-languages",
        "Spelling normalisation and optical character recognition of old prints",
        "Evaluation datasets, benchmarks and annotation guidelines",
        "Interdisciplinary work with historians, philologists and archaeologists",
    ),
    p(
        "Papers on languages with few digitised sources are particularly encouraged, as are "
        "negative results that tell the community which methods do not work."
    ),
    h1("Submission Types"),
    h2("Long Papers"),
    rich(
        "Long papers may have up to ",
        bold("8 pages"),
        " of content plus unlimited references, and should describe substantial, completed "
        "and unpublished research.",
    ),
    h2("Short Papers"),
    rich(
        "Short papers are limited to ",
        bold("4 pages"),
        " and suit focused contributions, such as a new resource, a replication or work in "
        "progress that would benefit from discussion.",
    ),
    p(
        "All submissions must be anonymised and formatted with the ACL style files, and they "
        "will be reviewed double blind by at least three members of the programme committee."
    ),
    h1("Important Dates"),
    table(
        ("Milestone", "Date"),
        ("Paper submission deadline", "20 February 2026"),
        ("Notification of acceptance", "27 March 2026"),
        ("Camera-ready papers due", "17 April 2026"),
        ("Workshop", "8 to 10 June 2026"),
        bold_header=True,
    ),
    rich(
        "All deadlines are at 23:59 ",
        bold("AoE"),
        " (anywhere on Earth), and extensions will not be granted except in the case of a "
        "documented emergency.",
    ),
    h1("Travel and Registration"),
    p(
        "Registration costs 180 euros for faculty and 90 euros for students, which includes "
        "lunches, coffee breaks and the workshop dinner in the old botanical garden.",
        "A limited number of travel bursaries are available for students and for researchers "
        "from institutions in low and middle income countries.",
    ),
    h1("Organising Committee"),
    table(
        ("Name", "Affiliation", "Role"),
        ("Karin Nyberg", "Uppsala University", "General chair"),
        ("Tomas Ferreira", "University of Lisbon", "Programme chair"),
        ("Aisha Bello", "University of Edinburgh", "Publication chair"),
        bold_header=True,
    ),
    odt=True,
)

RESEARCH: tuple[Template, ...] = (_THESIS_CHAPTER, _GRANT_APPLICATION, _CALL_FOR_PAPERS)
