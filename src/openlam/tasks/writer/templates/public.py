"""Documents written for the public: a medicine leaflet, a school newsletter, a museum guide
(opened as .odt) and the rules of a sports club.

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
    quote,
    rich,
    table,
    template,
    title,
    underline,
)

_MEDICINE_LEAFLET = template(
    "medicine_leaflet",
    "A patient information leaflet for paracetamol tablets explaining what they are for, "
    "warnings, a dosage table by age, side effects and storage.",
    heading_font("Liberation Sans"),
    header("Calmadol 500 mg film-coated tablets"),
    footer("This leaflet was last revised in February 2025."),
    title("Package Leaflet: Information for the Patient"),
    rich(Span("Calmadol 500 mg tablets (paracetamol)", bold=True, size=13)),
    p(
        "Read all of this leaflet carefully before you start taking this medicine, because "
        "it contains important information for you, and keep it in case you need it again.",
        "If you have any further questions, ask your pharmacist, and talk to a doctor if you "
        "do not feel better or if you feel worse after three days.",
    ),
    h1("What Calmadol Is and What It Is Used For"),
    p(
        "Calmadol contains paracetamol, which relieves pain and reduces fever, and it can be "
        "used for headaches, toothache, period pain, colds and flu."
    ),
    h1("Before You Take Calmadol"),
    rich(
        bold("Do not"),
        " take this medicine if you are allergic to paracetamol or to any of the other "
        "ingredients listed at the end of this leaflet.",
    ),
    h2("Warnings and Precautions"),
    bullets(
        "Talk to your doctor if you have liver or kidney problems.",
        "Ask first if you regularly drink more than the recommended amount of alcohol.",
        "Do not take other products that contain paracetamol at the same time.",
    ),
    p(
        "Pregnant or breastfeeding women may use Calmadol for short periods if needed, but "
        "should take the lowest dose that works for the shortest possible time."
    ),
    h1("How to Take Calmadol"),
    table(
        ("Age", "Dose", "How often", "Maximum in 24 hours"),
        ("Adults and children over 16", "1 or 2 tablets", "Every 4 to 6 hours", "8 tablets"),
        ("Children aged 12 to 15", "1 tablet", "Every 4 to 6 hours", "4 tablets"),
        ("Children under 12", "Not suitable", "Not applicable", "Use a liquid form"),
        bold_header=True,
    ),
    rich(
        "Swallow the tablets whole with water, and leave ",
        bold("4 hours"),
        " between doses, even if the pain returns sooner than you expect.",
    ),
    rich(
        ink("If you take too many tablets", "C00000"),
        ", go to hospital at once, even if you feel well, because of the risk of delayed, "
        "serious liver damage.",
    ),
    h1("Possible Side Effects"),
    p(
        "Like all medicines, this product can cause side effects, although not everybody gets "
        "them, and serious ones are very rare at the recommended dose."
    ),
    bullets(
        "Skin rash, itching or swelling of the face",
        "Unusual bruising or bleeding",
        "Yellowing of the skin or the whites of the eyes",
    ),
    rich(
        "Stop taking the medicine and tell a doctor ",
        underline("straight away"),
        " if you notice any of these effects; reporting them helps improve the safety of "
        "medicines, and a doctor can report them for you straight away.",
    ),
    h1("How to Store Calmadol"),
    p(
        "Keep this medicine out of the sight and reach of children, below 25 degrees, and do "
        "not use it after the expiry date printed on the carton and the blister strip."
    ),
)

_SCHOOL_NEWSLETTER = template(
    "school_newsletter",
    "A primary school newsletter with a message from the headteacher, class news, sports "
    "results, a table of term dates and reminders for parents.",
    heading_font("Liberation Sans"),
    footer("School office: 01632 960 118, open 8.15 am to 4 pm"),
    title("Brookfield Bulletin, Issue 31"),
    rich(italic("Friday 16 May 2025")),
    h1("A Message from Mrs Adebayo"),
    p(
        "What a busy half term it has been, with a wonderful Year 4 assembly about the Romans, "
        "a visiting author and the opening of our new reading garden.",
        "Thank you to every family who came to the spring fair, which raised an impressive "
        "2,140 pounds towards new playground markings and outdoor musical instruments.",
    ),
    rich(
        "Please remember that the school gates now open at ",
        bold("8.40 am"),
        " and close at 8.55 am, so that the playground is safe before lessons begin.",
    ),
    h1("News from the Classes"),
    h2("Reception"),
    p(
        "Our youngest pupils have been watching caterpillars turn into butterflies, and they "
        "released them in the reading garden with a little ceremony last Tuesday."
    ),
    h2("Year 6"),
    p(
        "After finishing their tests, Year 6 are rehearsing a leavers' production of Treasure "
        "Island, and costume volunteers would be very welcome in the school hall."
    ),
    h1("Sports Results"),
    rich(
        ink("Congratulations", "2E7D32"),
        " to the netball team, who won the district tournament without losing a single "
        "match; congratulations also to our cross country runners.",
    ),
    table(
        ("Event", "Result", "Team captain"),
        ("District netball tournament", "Winners", "Amira Hussain"),
        ("Cross country relay", "Third place", "Oliver Kent"),
        ("Tag rugby festival", "Quarter finalists", "Jayden Price"),
        bold_header=True,
    ),
    h1("Dates for the Diary"),
    table(
        ("Date", "Event"),
        ("Monday 26 May", "Half term holiday begins"),
        ("Monday 2 June", "School reopens"),
        ("Wednesday 18 June", "Sports day on the field"),
        ("Friday 18 July", "Last day of term, early finish at 1.30 pm"),
        bold_header=True,
    ),
    h1("Reminders"),
    bullets(
        "Label every item of uniform with your child's name.",
        "Send a named water bottle in hot weather.",
        "Sun cream should be applied before school.",
    ),
    rich(
        "Dinner money for the second half of term is due by ",
        marked("Friday 6 June"),
        ", and can be paid through the ParentPay app or at the office in an envelope.",
    ),
)

_MUSEUM_GUIDE = template(
    "museum_guide",
    "A visitor guide to a regional art gallery describing each room and its key works, with "
    "a table of highlights, an artist's quotation and visitor information.",
    heading_font("Liberation Sans"),
    header("Ashworth Gallery visitor guide"),
    footer("Free entry, open Tuesday to Sunday from 10 am to 5 pm"),
    title("Ashworth Gallery of Northern Art: A Guide to the Collection"),
    p(
        "Welcome to the Ashworth Gallery, founded in 1889 by the mill owner Eliza Ashworth to "
        "show working people the best painting of their own region.",
        "This guide follows the rooms in order, starting on the ground floor and ending in the "
        "modern extension overlooking the canal basin.",
    ),
    h1("Highlights of the Collection"),
    table(
        ("Room", "Work", "Artist", "Year"),
        ("1", "Evening at Calder Wharf", "Thomas Bramley", "1874"),
        ("2", "The Weavers' Outing", "Hannah Sowerby", "1902"),
        ("3", "Moorland After Rain", "Arthur Kettlewell", "1931"),
        ("4", "Red Terrace", "Nadia Quereshi", "1988"),
        bold_header=True,
    ),
    h1("Ground Floor"),
    h2("Room 1: Industry and Light"),
    rich(
        "The first room shows how Victorian painters found beauty in smoke and water, above "
        "all in ",
        italic("Evening at Calder Wharf"),
        ", where barges glow against a copper sky.",
    ),
    h2("Room 2: Working Lives"),
    rich(
        "Portraits of mill workers, miners and fishwives fill the second room, and children "
        "love spotting the dog hidden in ",
        italic("The Weavers' Outing"),
        ", a picnic scene bought by public subscription.",
    ),
    h1("First Floor"),
    h2("Room 3: Landscape"),
    p(
        "Wide windows in this gallery echo the open views of the paintings, most of which were "
        "made outdoors on the moors above Hebden Bridge and Haworth."
    ),
    quote(
        "I paint the moor in rain because that is how it is most of the year, and most honest.",
        "Liberation Sans Narrow",
    ),
    h2("Room 4: Modern and Contemporary"),
    rich(
        "Bold colour takes over in the last room, which is dominated by ",
        italic("Red Terrace"),
        ", a large canvas of a Bradford street that caused a stir when it was first shown.",
    ),
    h1("Visitor Information"),
    p(
        "Lockers for bags and coats are beside the shop, and wheelchairs can be borrowed from "
        "the front desk free of charge on presentation of any form of identification.",
        "Our cafe serves hot lunches until half past two, using bread from a local bakery and "
        "vegetables from the allotments behind the gallery.",
    ),
    bullets(
        "Photography without flash is allowed in every room.",
        "Guided tours start at 2 pm on Saturdays.",
        "Large print labels are available at the entrance.",
    ),
    odt=True,
)

_CLUB_RULES = template(
    "club_rules",
    "The rules of a lawn tennis club covering membership, subscriptions, court booking, "
    "dress and conduct, guests and junior members, with a fees table.",
    heading_font("Liberation Sans"),
    header("Meadowbank Lawn Tennis Club"),
    footer("Adopted at the annual general meeting, 9 March 2025"),
    title("Meadowbank Lawn Tennis Club: Club Rules"),
    p(
        "These rules apply to all members and their guests, and the committee may suspend "
        "anyone who breaks them after giving that person a chance to explain."
    ),
    h1("Membership"),
    numbers(
        "Membership is open to anyone who supports the aims of the club.",
        "New applications are approved by the committee at its monthly meeting.",
        "A member who moves away may rejoin within two years without a joining fee.",
    ),
    h1("Subscriptions"),
    table(
        ("Category", "Annual fee", "Joining fee"),
        ("Adult", "210 pounds", "40 pounds"),
        ("Student or over 65", "120 pounds", "20 pounds"),
        ("Junior under 18", "60 pounds", "None"),
        ("Family", "450 pounds", "60 pounds"),
        bold_header=True,
    ),
    rich(
        "Subscriptions are due on ",
        bold("1 April"),
        " each year, and members who have not paid by the end of April may not book courts "
        "until they do.",
    ),
    h1("Booking Courts"),
    p(
        "Courts are booked through the club app up to seven days ahead, for one hour of "
        "singles or ninety minutes of doubles, and unused bookings should be cancelled.",
        "Courts one and two are kept free for club sessions on Tuesday and Thursday evenings "
        "and on Sunday mornings, when members of every standard are welcome to join in.",
    ),
    rich(
        "Members ",
        underline("must"),
        " not book more than one peak time slot, between 5 pm and 9 pm on weekdays, in the "
        "same day.",
    ),
    h1("Dress and Conduct"),
    p(
        "Proper tennis shoes with non-marking soles must be worn on the artificial clay, and "
        "players are asked to brush the courts at the end of each session."
    ),
    bullets(
        "No glass bottles on the courts.",
        "Dogs are welcome in the car park only.",
        "The last person to leave locks the clubhouse.",
    ),
    h1("Guests and Juniors"),
    p(
        "A guest may play up to six times a year on payment of five pounds per visit, "
        "recorded in the guest book beside the clubhouse door before play begins.",
        "Juniors under twelve must be accompanied by an adult unless they are taking part in "
        "a coaching session run by the head coach or one of her assistants.",
    ),
    rich(ink("Safeguarding lead: Rachel Imrie, 07700 900 623", "1F4E79")),
)

PUBLIC: tuple[Template, ...] = (
    _MEDICINE_LEAFLET,
    _SCHOOL_NEWSLETTER,
    _MUSEUM_GUIDE,
    _CLUB_RULES,
)
