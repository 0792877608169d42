"""Workplace documents with direct formatting: release notes, a property listing, a job
description and a risk assessment.

Formatted words occur more than once, are short, or sit in list items, table cells or
short lines, so that tasks naming a single word never pick one that is already formatted.
"""

from __future__ import annotations

from openlam.tasks.writer.templates.blocks import (
    Span,
    Template,
    bold,
    bullets,
    footer,
    h1,
    h2,
    header,
    heading_font,
    ink,
    italic,
    marked,
    numbers,
    p,
    rich,
    table,
    template,
    title,
    underline,
)

_CODE = "Liberation Mono"


def _code(text: str) -> Span:
    return Span(text, font=_CODE)


_RELEASE_NOTES = template(
    "release_notes",
    "Software release notes for a version of a desktop mapping application, with highlights, "
    "new features, fixed bugs, breaking changes, upgrade steps and supported platforms.",
    heading_font("Liberation Sans"),
    header("Tessellate documentation"),
    footer("Released 14 May 2025 by the Tessellate maintainers"),
    title("Tessellate 4.2 Release Notes"),
    p(
        "Tessellate 4.2 is a feature release that focuses on faster rendering of large vector "
        "layers, offline basemaps and a more predictable plugin interface.",
        "It is a free upgrade for every user of the 4.x series, and project files saved with "
        "earlier versions open without any conversion step.",
    ),
    h1("Highlights"),
    p(
        "Panning and zooming across a layer of two million polygons is now about three times "
        "quicker, thanks to a rewritten tile cache that keeps geometry on the graphics card.",
        "Basemaps can be downloaded for a chosen region and used in the field without a "
        "network connection, which surveyors and rescue teams asked for repeatedly.",
    ),
    h1("New Features"),
    rich(
        bold("Offline basemaps:"),
        " pick an area and zoom range, then download it.",
        style="List Bullet",
    ),
    rich(
        bold("Measure tool:"),
        " areas and distances now follow the curvature of the Earth.",
        style="List Bullet",
    ),
    rich(
        bold("Style editor:"),
        " rule-based labels can be previewed before applying them.",
        style="List Bullet",
    ),
    h1("Bug Fixes"),
    bullets(
        "Exporting to GeoPackage no longer drops the last feature of a layer.",
        "The attribute table keeps its sort order after an edit.",
        "Printing to A3 landscape no longer cuts off the scale bar.",
        "Searching for an address with accented letters works again.",
    ),
    h1("Breaking Changes"),
    h2("Plugin Interface"),
    rich(
        "Plugins must now declare the permissions they need in their manifest, and the old ",
        _code("register_tool"),
        " call has been replaced by ",
        _code("register_command"),
        ", which was deprecated in version 4.0.",
    ),
    h2("Configuration Files"),
    rich(
        "The settings folder has moved to follow each operating system's conventions, and "
        "settings from 4.1 are copied across ",
        underline("once"),
        " on the first start of 4.2.",
    ),
    h1("Upgrading"),
    numbers(
        "Back up your projects and the settings folder.",
        "Install 4.2 over the previous version; uninstalling first is not needed.",
        "Run tessellate --check-plugins to list plugins that need updating.",
    ),
    p(
        "Organisations that deploy Tessellate centrally can use the new silent installer, "
        "documented in the administrator guide together with its command line switches."
    ),
    h1("Supported Platforms"),
    table(
        ("Platform", "Minimum version", "Notes"),
        ("Windows", "10 (64-bit)", "ARM builds are experimental"),
        ("macOS", "12 Monterey", "Apple silicon and Intel"),
        ("Linux", "Ubuntu 22.04 or Fedora 38", "Also available as a Flatpak"),
        bold_header=True,
    ),
    h1("Known Issues"),
    p(
        "On some laptops with two graphics cards, the new tile cache falls back to the slower "
        "integrated chip; choosing the dedicated card in the system settings avoids this."
    ),
)

_PROPERTY_LISTING = template(
    "property_listing",
    "An estate agent's sales listing for a three bedroom Victorian terraced house, with a "
    "guide price, a room by room description, a table of room sizes and features.",
    heading_font("Liberation Sans"),
    header("Hartley and Moss Estate Agents, York"),
    footer("These particulars are a guide only and do not form part of any contract."),
    title("18 Albany Street, York YO23 1BN"),
    rich(Span("Guide price 325,000 pounds", bold=True, size=14)),
    p(
        "A beautifully kept three bedroom Victorian terrace on a quiet tree-lined street, a "
        "short walk from the railway station, the city walls and Rowntree Park.",
        "The house keeps many period features, including ceiling roses, sash windows and "
        "original pine floorboards, while a new kitchen and bathroom were fitted in 2022.",
    ),
    h1("Key Features"),
    bullets(
        "Three bedrooms, two of them doubles",
        "Open plan kitchen and dining room with garden views",
        "South facing walled garden with a brick-built store",
        "Gas central heating and double glazing to the rear",
        "No onward chain",
    ),
    h1("Accommodation"),
    h2("Ground Floor"),
    p(
        "The front door opens into a welcoming hallway with a tiled floor and stairs rising "
        "to the first floor, and a door to a useful cellar for storage.",
        "The sitting room at the front has a bay window and a cast iron fireplace with a "
        "working gas fire, and it is separated from the dining area by double doors.",
    ),
    rich(
        "Across the back of the house, the kitchen has oak worktops, a range cooker and space "
        "for a dishwasher, with ",
        bold("French doors"),
        " opening straight onto the garden; the other French doors lead from the dining area.",
    ),
    h2("First Floor"),
    p(
        "Upstairs there are two generous double bedrooms, a smaller third bedroom that works "
        "well as a study or nursery, and a bathroom with a roll top bath and separate shower."
    ),
    table(
        ("Room", "Size in metres", "Aspect"),
        ("Sitting room", "4.5 x 3.8", "Front, bay window"),
        ("Kitchen and dining", "6.2 x 3.4", "Rear, garden views"),
        ("Bedroom one", "4.5 x 3.4", "Front"),
        ("Bedroom two", "3.6 x 3.1", "Rear"),
        ("Bedroom three", "2.7 x 2.2", "Rear"),
        bold_header=True,
    ),
    h1("Outside"),
    p(
        "The walled garden is mostly laid to lawn with raised beds of herbs and roses, and a "
        "gate opens onto a shared back lane where bins are collected."
    ),
    h1("Viewing"),
    rich(
        "Viewings are strictly by appointment with the York office, and the sellers ask that "
        "offers are made ",
        italic("in writing"),
        " and supported by proof of funding in writing from a lender.",
    ),
    rich("Council tax band C. Energy rating ", marked("D"), "."),
)

_JOB_DESCRIPTION = template(
    "job_description",
    "A hospital job description for a senior staff nurse with key facts, the purpose of the "
    "role, main duties and a person specification table.",
    heading_font("Liberation Sans"),
    footer("Westmoor Hospitals NHS Trust, job reference WH-2025-3318"),
    title("Job Description: Senior Staff Nurse, Acute Medical Unit"),
    table(
        ("Detail", "Information"),
        ("Pay band", "Band 6, 37,338 to 44,962 pounds"),
        ("Hours", "37.5 hours a week, including nights and weekends"),
        ("Reports to", "Ward manager, Acute Medical Unit"),
        ("Base", "Westmoor General Hospital"),
        bold_header=True,
    ),
    h1("Purpose of the Role"),
    p(
        "The senior staff nurse leads the nursing team on a busy thirty bed unit where "
        "patients stay for up to three days while their illness is diagnosed and treated.",
        "You will take charge of the ward in the absence of the manager, making sure that care "
        "is safe, kind and delivered on time by a team of nurses and healthcare assistants.",
    ),
    h1("Main Duties"),
    h2("Clinical Care"),
    numbers(
        "Assess, plan and evaluate the care of acutely unwell adults.",
        "Recognise deterioration early and escalate using the NEWS2 score.",
        "Administer medicines, including intravenous drugs, safely and accurately.",
    ),
    h2("Leadership and Teaching"),
    numbers(
        "Coordinate the shift, allocating patients according to skill and workload.",
        "Support student nurses and newly qualified staff through their preceptorship.",
        "Lead the monthly audit of falls, pressure ulcers and medication errors.",
    ),
    rich(
        "Every senior staff nurse ",
        bold("must"),
        " complete the trust's leadership programme within the first year and keep their "
        "life support training up to date.",
    ),
    h1("Person Specification"),
    table(
        ("Area", "Essential", "Desirable"),
        ("Qualifications", "Registered adult nurse", "Mentorship or teaching award"),
        ("Experience", "Two years in acute medicine", "Experience in charge of a ward"),
        ("Skills", "Cannulation and venepuncture", "Non-medical prescribing"),
        bold_header=True,
    ),
    h1("Working Here"),
    p(
        "Westmoor offers flexible rostering, a staff nursery on site, free parking at night "
        "and a cycle to work scheme, together with generous pension contributions.",
        "We particularly welcome applications from people of all backgrounds who are under "
        "represented in senior nursing roles within the region.",
    ),
    rich(
        "Informal enquiries are welcome: please call the ward manager, Grace Mbeki, on "
        "01632 960 455 on weekdays, ",
        underline("9 am to 5 pm"),
        ".",
    ),
)

_RISK_ASSESSMENT = template(
    "risk_assessment",
    "A school trip risk assessment for a geography field visit to limestone country, with a "
    "hazards and controls table, emergency arrangements and sign-off.",
    heading_font("Liberation Sans"),
    header("Holmfirth Academy, educational visits"),
    title("Risk Assessment: Year 8 Geography Trip to Malham Cove"),
    p(
        "This assessment covers a day visit on Thursday 26 June 2025 for sixty pupils and "
        "six staff to study limestone scenery at Malham Cove, Gordale Scar and Janet's Foss.",
        "The coach leaves school at 8.15 am and returns by 4.30 pm, and pupils will walk "
        "about eight kilometres on footpaths and rough ground during the day.",
    ),
    h1("Hazards and Controls"),
    table(
        ("Hazard", "Who is at risk", "Control measures", "Residual risk"),
        ("Falls from the top of the cove", "Pupils", "Stay two metres from the edge", "Medium"),
        ("Slips on limestone pavement", "Everyone", "Walking boots checked at school", "Low"),
        ("Getting separated from the group", "Pupils", "Buddy pairs and headcounts", "Low"),
        ("Sudden bad weather", "Everyone", "Forecast checked; waterproofs", "Low"),
        ("Allergic reaction or asthma", "Pupils with conditions", "Medicines carried", "Medium"),
        bold_header=True,
    ),
    rich(
        "The highest risk is near the top of the cove, where the limestone pavement ends in "
        "a sheer drop, and pupils will ",
        bold("not"),
        " be allowed beyond the wall at any time.",
    ),
    h1("Staffing and Supervision"),
    p(
        "Each member of staff leads a group of ten, and Mr Okonkwo, who holds a mountain "
        "leader award, walks at the front and decides the route on the day.",
        "A first aider accompanies every group, and the lead teacher carries a list of "
        "medical needs and parental contact numbers in a sealed envelope.",
    ),
    h1("Emergency Procedures"),
    numbers(
        "Make the area safe and give first aid.",
        "Call 999 and ask for the police and mountain rescue if anyone is lost or hurt.",
        "Inform the school emergency contact, who will contact parents.",
    ),
    rich(
        "Mobile signal is poor at Gordale Scar, so staff must agree a meeting point at the "
        "Malham National Park Centre before setting off, where a landline is available.",
    ),
    rich("Overall residual risk: ", ink("Low", "2E7D32"), ", subject to the weather."),
    h1("Sign-off"),
    p(
        "This assessment will be reviewed the day before the visit in the light of the "
        "weather forecast, and again after the trip with notes for next year's staff."
    ),
)

OFFICE: tuple[Template, ...] = (
    _RELEASE_NOTES,
    _PROPERTY_LISTING,
    _JOB_DESCRIPTION,
    _RISK_ASSESSMENT,
)
