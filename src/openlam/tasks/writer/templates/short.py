"""The first templates: short, plain documents (no direct formatting, no header or footer).

Other code and tests rely on their text; keep it word for word.
"""

from __future__ import annotations

from docx.document import Document

from openlam.tasks.writer.templates.blocks import (
    Template,
    bullets,
    h1,
    h2,
    numbers,
    p,
    table,
    template,
    title,
)


def _letter(doc: Document) -> None:
    doc.add_paragraph("Harbour Lane Bakery", style="Title")
    doc.add_paragraph("14 Harbour Lane, Portsmouth PO1 3AX")
    doc.add_paragraph("3 March 2025")
    doc.add_paragraph("Dear Ms Okafor,")
    doc.add_paragraph(
        "Thank you for choosing us to cater your daughter's wedding in June. We have "
        "reserved the morning of the fourteenth for baking and delivery."
    )
    doc.add_paragraph(
        "Our pastry chef suggests a three tier lemon sponge with elderflower cream, which "
        "serves about one hundred and twenty guests."
    )
    doc.add_paragraph(
        "Please confirm the final guest count by the end of April so that we can order "
        "fresh fruit from our regular supplier."
    )
    doc.add_paragraph("Kind regards,")
    doc.add_paragraph("Daniel Reyes, Head Baker")


_QUARTERLY_REPORT = template(
    "quarterly_report",
    "A quarterly business report for an outdoor gear retailer with revenue by region, "
    "online sales tables and priorities for the next quarter.",
    title("Northwind Outdoor Gear: Third Quarter Report 2024"),
    p("Prepared by the finance team for the board meeting of 18 October 2024."),
    h1("Summary"),
    p(
        "Revenue for the quarter reached 14.2 million dollars, an increase of nine percent "
        "over the same period last year, driven mainly by strong sales of lightweight tents.",
        "Gross margin fell slightly to 41 percent because freight costs from our Vietnamese "
        "suppliers rose sharply during the summer shipping season.",
    ),
    h1("Revenue by Region"),
    table(
        ("Region", "Revenue", "Growth", "Stores"),
        ("Pacific Northwest", "4.8 million", "12%", "23"),
        ("Mountain West", "3.9 million", "7%", "18"),
        ("Great Lakes", "2.6 million", "4%", "11"),
        ("New England", "2.9 million", "10%", "14"),
    ),
    p(
        "The Pacific Northwest remains our largest market, and the new Spokane store exceeded "
        "its opening forecast by almost a third in its first ten weeks."
    ),
    h1("Online Sales"),
    p(
        "Online orders grew to 31 percent of total revenue after the website relaunch in July, "
        "although the average order value dropped from 118 to 104 dollars."
    ),
    table(
        ("Channel", "Orders", "Returns"),
        ("Website", "41,300", "6.1%"),
        ("Mobile app", "18,750", "4.8%"),
        ("Marketplace partners", "9,420", "8.3%"),
    ),
    h1("Priorities for the Fourth Quarter"),
    bullets(
        "Renegotiate freight contracts before the holiday peak.",
        "Open the Boise store on 9 November as planned.",
        "Reduce marketplace returns with better product photos and size charts.",
    ),
    p(
        "The board is asked to approve an additional marketing budget of 350,000 dollars for "
        "the winter campaign, which begins on the first of December."
    ),
)

_MEETING_MINUTES = template(
    "meeting_minutes",
    "Minutes of an allotment society committee meeting with attendance, numbered matters "
    "arising, a treasurer's report and a table of action points.",
    title("Minutes of the Riverside Allotment Society Committee Meeting"),
    p(
        "Held on Tuesday 11 February 2025 at 7 pm in the back room of the Ferry Inn, "
        "Riverside Road."
    ),
    h1("Attendance"),
    p(
        "Present were Margaret Doyle (chair), Tom Achebe (treasurer), Priya Raman (secretary), "
        "Colin Hargreaves and Elena Novak.",
        "Apologies were received from Fergus Lindqvist, who is recovering from knee surgery "
        "and hopes to return in April.",
    ),
    h1("Matters Arising"),
    numbers(
        "The water trough on plot 27 has been repaired by volunteers at no cost.",
        "The council has confirmed that the boundary fence will be replaced in March.",
        "Eleven new members have joined from the waiting list since the last meeting.",
    ),
    h1("Treasurer's Report"),
    p(
        "Tom reported a balance of 2,846 pounds in the current account, with rent still "
        "outstanding from four plot holders who have been sent reminders.",
        "The committee agreed to raise the annual plot rent from 45 to 50 pounds from October, "
        "the first increase in six years.",
    ),
    h1("Any Other Business"),
    p(
        "Priya proposed a seed swap on the last Saturday of March, and Elena offered to bring "
        "trestle tables and a gazebo from her church hall."
    ),
    h1("Action Points"),
    table(
        ("Action", "Owner", "Deadline"),
        ("Chase outstanding rent payments", "Tom Achebe", "28 February"),
        ("Book the Ferry Inn for the annual meeting", "Priya Raman", "14 March"),
        ("Order compost for the communal beds", "Colin Hargreaves", "21 March"),
    ),
    p(
        "The meeting closed at 8.40 pm, and the next committee meeting will be held on "
        "Tuesday 11 March at the same venue."
    ),
)

_CV = template(
    "cv",
    "A CV or resume of a senior data analyst with a profile, work experience with bulleted "
    "achievements, education and skills.",
    title("Sofia Marchetti"),
    p("Senior data analyst, Leeds, United Kingdom, sofia.marchetti@example.com, 07700 900482"),
    h1("Profile"),
    p(
        "Data analyst with eight years of experience turning messy hospital and retail data "
        "into clear dashboards that managers actually use every week.",
        "Comfortable leading small teams, explaining statistics to non-specialists and "
        "building reliable reporting pipelines in Python, SQL and Power BI.",
    ),
    h1("Experience"),
    h2("Senior Data Analyst, Yorkshire Community Health Trust, 2020 to present"),
    bullets(
        "Built a bed occupancy forecast that cut weekend agency staffing costs by 14 percent.",
        "Led a team of three analysts producing monthly board reports.",
        "Moved forty legacy spreadsheets into a tested SQL reporting database.",
    ),
    h2("Data Analyst, Brightwell Supermarkets, 2016 to 2020"),
    bullets(
        "Analysed loyalty card data for 230 stores to plan seasonal ranges.",
        "Designed an A/B testing process for promotional leaflets.",
    ),
    h1("Education"),
    p(
        "MSc in Statistics, University of Sheffield, 2016, with a dissertation on forecasting "
        "emergency admissions from weather and school holiday data.",
        "BSc in Mathematics, University of Bologna, 2015, graduating with first class honours "
        "after a final year exchange in Edinburgh.",
    ),
    h1("Skills and Interests"),
    p(
        "Fluent in Italian and English, intermediate Spanish, and a keen fell runner who has "
        "completed the Three Peaks race twice."
    ),
)

_RECIPE = template(
    "recipe",
    "A recipe for a black bean and sweet potato chilli with a bulleted ingredient list, "
    "numbered method steps, serving suggestions and storage advice.",
    title("Smoky Black Bean and Sweet Potato Chilli"),
    p(
        "A warming weeknight chilli that serves six, freezes well and takes about fifty "
        "minutes from chopping board to table.",
        "Preparation time is 15 minutes, cooking time is 35 minutes, and each portion "
        "contains roughly 410 calories.",
    ),
    h1("Ingredients"),
    bullets(
        "2 medium sweet potatoes, peeled and cut into 2 cm cubes",
        "1 large red onion, finely chopped",
        "3 cloves of garlic, crushed",
        "2 teaspoons smoked paprika",
        "1 teaspoon ground cumin",
        "2 tins of black beans, drained and rinsed",
        "1 tin of chopped tomatoes",
        "1 lime, juiced",
        "A small bunch of fresh coriander",
    ),
    h1("Method"),
    numbers(
        "Heat two tablespoons of olive oil in a large pan and soften the onion for eight minutes.",
        "Add the garlic, paprika and cumin and stir for one minute until fragrant.",
        "Tip in the sweet potato, tomatoes and 300 ml of water, then cover and simmer for "
        "twenty minutes.",
        "Stir in the black beans and cook uncovered for ten minutes until the sauce thickens.",
        "Finish with the lime juice, season to taste and scatter over the chopped coriander.",
    ),
    h1("Serving Suggestions"),
    p(
        "Serve with brown rice or warm tortillas, a spoonful of soured cream and a few slices "
        "of ripe avocado on the side.",
        "For a milder version suitable for young children, halve the smoked paprika and stir "
        "in a spoonful of honey at the end.",
    ),
    h1("Storage"),
    p(
        "Leftovers keep for three days in a covered container in the fridge or for up to "
        "three months in the freezer."
    ),
)

_INVOICE = template(
    "invoice",
    "An invoice from a web design studio to a veterinary practice with a table of billed "
    "items, a totals table and payment terms.",
    title("Invoice INV-2025-0417"),
    p(
        "Kestrel Web Studio, Unit 6, Canal Wharf, Bristol BS1 6XL",
        "Billed to: Greenfield Veterinary Practice, 22 Orchard Street, Bath BA1 1LP",
        "Invoice date 2 April 2025, payment due within thirty days, by 2 May 2025, quoting "
        "the invoice number.",
        "This invoice covers the redesign of the practice website and the first quarter of "
        "hosting and support, as agreed in our proposal of January.",
    ),
    table(
        ("Description", "Quantity", "Price", "Amount"),
        ("Website design and build", "12 days", "200.00", "2,400.00"),
        ("Online appointment booking module", "5 days", "130.00", "650.00"),
        ("Photography session at the practice", "4 hours", "75.00", "300.00"),
        ("Hosting and support, January to March", "3 months", "40.00", "120.00"),
        ("Additional content pages", "6 pages", "35.00", "210.00"),
    ),
    p("All amounts are in pounds sterling."),
    table(
        ("Summary", "Total"),
        ("Subtotal", "3,680.00"),
        ("VAT at 20%", "736.00"),
        ("Total due", "4,416.00"),
    ),
    p(
        "Please pay by bank transfer to Kestrel Web Studio, sort code 20-45-77, account number "
        "31926480, using the invoice number as the reference.",
        "Late payments may incur interest at four percent above the Bank of England base rate, "
        "as set out in our standard terms of business.",
        "Thank you for your business; we look forward to supporting the practice through the "
        "spring vaccination campaign.",
    ),
)

_NEWSLETTER = template(
    "newsletter",
    "A neighbourhood newsletter with articles about a new playground, profiles of local "
    "residents and a bulleted list of upcoming events.",
    title("The Elmwood Street Gazette"),
    p(
        "Spring 2025 edition, delivered free to every household between the railway bridge "
        "and Carver Park."
    ),
    h1("New Playground Opens in Carver Park"),
    p(
        "After two years of fundraising, the new adventure playground finally opened on "
        "22 March with a rope bridge, a sand pit and a wheelchair accessible roundabout.",
        "Residents raised 18,000 pounds through cake sales and a sponsored walk, and the "
        "council matched every pound with money from its community fund.",
    ),
    h1("Meet Your Neighbours"),
    h2("The Kowalski Family at Number 48"),
    p(
        "Marek and Agnieszka Kowalski moved from Gdansk last autumn and now run the tiny "
        "bakery on the corner, famous for its poppy seed rolls."
    ),
    h2("Mr Bernard Osei, Our Oldest Resident"),
    p(
        "Bernard celebrated his ninety-eighth birthday in February and still tends the roses "
        "in front of number 3 every single morning before breakfast."
    ),
    h1("Dates for Your Diary"),
    bullets(
        "Street litter pick, Saturday 12 April, meet at the bus shelter at 10 am",
        "Plant and book sale, Sunday 4 May, Elmwood Methodist Church hall",
        "Summer street party, Saturday 21 June, road closed from noon",
    ),
    p(
        "If you would like to contribute a story or photograph to the summer edition, please "
        "drop a note through the door of number 17."
    ),
)

_USER_MANUAL = template(
    "user_manual",
    "A user manual for a countertop water filter with safety warnings, numbered setup "
    "instructions, daily use, a troubleshooting table and warranty terms.",
    title("AquaPure 300 Countertop Water Filter: User Manual"),
    p(
        "Thank you for buying the AquaPure 300, which removes chlorine, lead and most sediment "
        "from ordinary tap water without any plumbing or installation.",
        "Please read this manual carefully before first use and keep it somewhere safe for "
        "future reference, together with your proof of purchase.",
    ),
    h1("Safety Information"),
    bullets(
        "Use only cold drinking water from a mains supply.",
        "Do not place the unit in a dishwasher or microwave.",
        "Keep the filter cartridge away from direct sunlight and frost.",
        "Replace the cartridge at once if the water tastes or smells unusual.",
    ),
    h1("Getting Started"),
    h2("Installing the Filter Cartridge"),
    numbers(
        "Remove the lid and lift out the upper reservoir.",
        "Soak the new cartridge in cold water for fifteen minutes.",
        "Push the cartridge firmly into the socket until it clicks.",
        "Refit the reservoir and lid, then fill and discard the first two batches of water.",
    ),
    h2("Daily Use"),
    p(
        "Fill the upper reservoir from the tap and wait about four minutes while the water "
        "passes through the cartridge into the lower tank.",
        "The indicator on the lid counts the days since the last cartridge change and shows "
        "a red light after sixty days of use.",
    ),
    h1("Troubleshooting"),
    table(
        ("Problem", "Cause", "Remedy"),
        (
            "Water filters very slowly",
            "Air trapped in the cartridge",
            "Soak the cartridge again for ten minutes",
        ),
        (
            "Black particles in the water",
            "Carbon dust from a new cartridge",
            "Discard two more batches of filtered water",
        ),
        (
            "Indicator stays dark",
            "Battery in the lid is flat",
            "Replace the CR2032 coin cell",
        ),
    ),
    p(
        "If the problem persists, contact our support team on 0800 612 4490, Monday to Friday "
        "between 8 am and 6 pm."
    ),
    h1("Warranty"),
    p(
        "The AquaPure 300 is guaranteed against manufacturing faults for two years from the "
        "date of purchase, excluding filter cartridges and accidental damage."
    ),
)

_PROJECT_PROPOSAL = template(
    "project_proposal",
    "A project proposal for solar panels on a primary school roof with background, "
    "objectives, a budget table, a timeline table and expected benefits.",
    title("Proposal: Solar Panels for Hillcrest Primary School"),
    p(
        "Submitted to the Westbrook Community Energy Fund by the Hillcrest Parent Teacher "
        "Association, September 2024."
    ),
    h1("Background"),
    p(
        "Hillcrest Primary School spends around 19,000 pounds a year on electricity, money "
        "that could otherwise pay for books, trips and a part-time music teacher.",
        "The main building has a large south facing roof that a structural survey in June "
        "found suitable for a solar array of up to 60 kilowatts.",
    ),
    h1("Objectives"),
    bullets(
        "Cut the school's electricity bill by at least 40 percent.",
        "Reduce carbon emissions by about 14 tonnes a year.",
        "Use live generation data in science lessons for pupils aged seven to eleven.",
    ),
    h1("Budget"),
    table(
        ("Item", "Supplier", "Cost"),
        ("Solar panels and inverters", "Helios Renewables", "48,500"),
        ("Scaffolding and installation", "Brookside Electrical", "11,200"),
        ("Classroom display screen", "Westbrook Computers", "1,900"),
        ("Monitoring software for five years", "SunTrack Ltd", "1,400"),
        ("Total requested", "Community Energy Fund", "63,000"),
    ),
    h1("Timeline"),
    table(
        ("Phase", "Dates", "Lead"),
        ("Final design and planning consent", "October to December 2024", "Jane Whitaker"),
        ("Installation during the spring half term", "17 to 21 February 2025", "Paul Grady"),
        ("Science lessons and community open day", "March 2025", "Leah Mensah"),
    ),
    h1("Expected Benefits"),
    p(
        "We estimate that the panels will pay for themselves within nine years and continue "
        "to produce electricity for at least twenty five years.",
        "Surplus power generated during the school holidays will be sold back to the grid, "
        "with the income set aside for environmental projects.",
    ),
)

_PRESS_RELEASE = template(
    "press_release",
    "A press release announcing a fruit picking robot for small orchards, with trial "
    "results, a quote from the chief executive, key facts and company background.",
    title("Lumen Robotics Unveils Fruit Picking Robot for Small Orchards"),
    p(
        "FOR IMMEDIATE RELEASE",
        "Cambridge, 6 May 2025. Lumen Robotics today announced Pippa, a compact robot that "
        "picks apples and pears gently enough to sell as premium fresh fruit.",
        "Designed for family orchards of fewer than twenty hectares, Pippa uses soft silicone "
        "grippers and a camera system trained on two million photographs of fruit.",
        "In trials at three farms in Kent and Herefordshire last autumn, the robot picked an "
        "average of 1,100 apples per hour with less than one percent bruising.",
        '"Growers have told us for years that they cannot find enough seasonal pickers," said '
        'Dr Hannah Olufemi, chief executive of Lumen Robotics. "Pippa works through the night '
        'and never needs a day off."',
    ),
    h2("Key Facts"),
    bullets(
        "Price from 38,000 pounds, or leasing from 900 pounds per month",
        "Battery lasts ten hours and recharges in three",
        "First deliveries expected in August 2025",
    ),
    h2("About Lumen Robotics"),
    p(
        "Lumen Robotics was founded in 2019 by engineers from the University of Cambridge and "
        "employs 64 people at its workshop in Milton.",
        "Media contact: Tom Barker, press office, telephone 01223 496220.",
    ),
)

_LAB_REPORT = template(
    "lab_report",
    "A school biology lab report on how temperature affects catalase activity, with aim, "
    "hypothesis, numbered method, a results table, discussion and conclusion.",
    title("The Effect of Temperature on the Rate of Catalase Activity"),
    p("Year 12 Biology practical report by Kwame Asante, lab group C, submitted 19 November 2024."),
    h1("Aim"),
    p(
        "To measure how the rate at which catalase from potato breaks down hydrogen peroxide "
        "changes between 10 and 60 degrees Celsius."
    ),
    h1("Hypothesis"),
    p(
        "The reaction rate will rise with temperature up to an optimum of about 40 degrees "
        "Celsius and then fall sharply as the enzyme denatures."
    ),
    h1("Method"),
    numbers(
        "Cut ten discs of potato of equal thickness using a cork borer and scalpel.",
        "Place 5 ml of 3 percent hydrogen peroxide in a boiling tube in a water bath.",
        "Leave the tube for five minutes to reach the temperature of the bath.",
        "Add the potato discs and collect the oxygen in an upturned measuring cylinder.",
        "Record the volume of gas after two minutes and repeat three times at each temperature.",
    ),
    h1("Results"),
    table(
        ("Temperature (C)", "Trial 1 (ml)", "Trial 2 (ml)", "Trial 3 (ml)", "Mean (ml)"),
        ("10", "4.2", "4.6", "4.1", "4.3"),
        ("20", "7.9", "8.3", "8.4", "8.2"),
        ("30", "12.5", "13.1", "12.7", "12.8"),
        ("40", "16.9", "17.6", "17.0", "17.2"),
        ("50", "11.2", "10.4", "10.9", "10.8"),
        ("60", "3.3", "2.7", "3.5", "3.2"),
    ),
    p(
        "The mean volume of oxygen rose steadily from 4.3 ml at 10 degrees to a peak of "
        "17.2 ml at 40 degrees before falling to only 3.2 ml at 60 degrees."
    ),
    h1("Discussion"),
    p(
        "The results support the hypothesis, although the true optimum could lie anywhere "
        "between 35 and 45 degrees because we only tested at ten degree intervals.",
        "The largest source of error was the time taken to fit the bung after adding the "
        "discs, which let some oxygen escape at higher temperatures.",
    ),
    h1("Conclusion"),
    p(
        "Catalase activity increases with temperature up to about 40 degrees, above which the "
        "enzyme loses its shape and the reaction slows dramatically."
    ),
)

_TRAVEL_ITINERARY = template(
    "travel_itinerary",
    "A travel itinerary for ten days in northern Portugal with a flights table, a "
    "day by day table of places and hotels, and practical tips.",
    title("Itinerary: Ten Days in Northern Portugal"),
    p(
        "Prepared for Mr and Mrs Hendricks by Atlantic Coast Travel, booking reference "
        "ACT-58213, departing Saturday 7 June 2025."
    ),
    h1("Flights"),
    table(
        ("Date", "Flight", "Route", "Departs", "Arrives"),
        ("7 June", "TP1363", "Amsterdam to Porto", "09:25", "11:10"),
        ("17 June", "TP1368", "Porto to Amsterdam", "18:40", "22:15"),
    ),
    h1("Day by Day"),
    table(
        ("Nights", "Place", "Hotel", "Highlights"),
        (
            "7 to 10 June",
            "Porto",
            "Casa da Ribeira",
            "Port cellars in Gaia and a river cruise under six bridges",
        ),
        (
            "10 to 13 June",
            "Douro Valley",
            "Quinta do Vale Verde",
            "Vineyard walks, wine tasting and the scenic train to Pinhao",
        ),
        (
            "13 to 15 June",
            "Braga",
            "Hotel Bom Jesus",
            "Baroque stairway, cathedral and the old Roman baths",
        ),
        (
            "15 to 17 June",
            "Peneda-Geres National Park",
            "Pousada do Geres",
            "Waterfall hikes and wild horses near the Spanish border",
        ),
    ),
    h1("Practical Information"),
    p(
        "A rental car will be waiting for you at Porto airport on 10 June and must be "
        "returned there by 3 pm on the day of your flight home.",
        "Early June is usually warm and dry, but pack a light rain jacket and sturdy shoes "
        "for the walks in the national park.",
        "Most restaurants in the Douro Valley close between lunch and dinner, so we recommend "
        "booking a table for the evening before you set out.",
    ),
    bullets(
        "Passports must be valid for the whole stay.",
        "Euro cash is useful in small villages.",
        "The emergency number in Portugal is 112.",
    ),
    p(
        "Our local representative, Ines Carvalho, can be reached on +351 912 448 317 at any "
        "time during your holiday if plans need to change."
    ),
)

_COURSE_SYLLABUS = template(
    "course_syllabus",
    "A university history course syllabus on the Silk Roads with a course description, "
    "numbered learning outcomes, a weekly schedule table, an assessment table and policies.",
    title("HIST 214: The Silk Roads, 200 BCE to 1400 CE"),
    p(
        "Spring semester 2025, Tuesdays and Thursdays 10:30 to 11:45, Harlan Hall room 305, "
        "taught by Professor Mei-Ling Zhou."
    ),
    h1("Course Description"),
    p(
        "This course follows merchants, monks, soldiers and diplomats across the overland and "
        "maritime routes that connected China, Persia, India and the Mediterranean.",
        "We will read primary sources in translation, examine archaeological finds such as the "
        "Dunhuang manuscripts, and question the romantic image of a single road.",
    ),
    h1("Learning Outcomes"),
    numbers(
        "Describe the main routes and the goods, ideas and diseases that travelled along them.",
        "Analyse primary sources critically, paying attention to author, audience and purpose.",
        "Write a well argued research essay using scholarly secondary literature.",
    ),
    h1("Weekly Schedule"),
    table(
        ("Week", "Topic", "Reading"),
        ("1", "Inventing the Silk Road", "Frankopan, The Silk Roads, chapter 1"),
        ("2", "Han China and the Xiongnu", "Sima Qian, selected chapters"),
        ("3", "Sogdian merchants", "de la Vaissiere, Sogdian Traders, chapter 2"),
        ("4", "Buddhism on the move", "Faxian, A Record of Buddhist Kingdoms"),
        ("5", "The Tang capital at Chang'an", "Schafer, The Golden Peaches of Samarkand"),
        ("6", "Midterm examination", "No reading this week"),
        ("7", "The Abbasid caliphate and Baghdad", "Al-Muqaddasi, selected passages"),
        ("8", "The Mongol empire", "Marco Polo, The Description of the World"),
        ("9", "Ibn Battuta and the Indian Ocean", "Ibn Battuta, The Travels, volume 4"),
        ("10", "The Black Death", "Essay drafts due in class"),
    ),
    h1("Assessment"),
    table(
        ("Component", "Weight", "Due"),
        ("Weekly reading responses", "20%", "Every Thursday"),
        ("Map and source exercise", "15%", "28 February"),
        ("Midterm exam", "25%", "4 March"),
        ("Research essay of 4,000 words", "30%", "25 April"),
        ("Seminar participation", "10%", "Throughout the semester"),
    ),
    h1("Policies"),
    p(
        "Late essays lose five percentage points per day unless an extension has been agreed "
        "with the professor at least two days before the deadline.",
        "Office hours are on Wednesdays from 2 to 4 pm in Harlan Hall room 412, or by "
        "appointment through the department office.",
    ),
)

_PRODUCT_DATASHEET = template(
    "product_datasheet",
    "A product datasheet for an industrial temperature sensor with an overview, bulleted "
    "key features, a specification table and an ordering codes table.",
    title("Vireo VX-40 Industrial Temperature Sensor"),
    p("Datasheet revision C, March 2025, published by Vireo Instruments GmbH, Freiburg, Germany."),
    h1("Overview"),
    p(
        "The VX-40 is a rugged platinum resistance sensor designed for food processing lines, "
        "pharmaceutical cold rooms and industrial ovens.",
        "Its stainless steel probe and sealed connector head allow it to be washed down with "
        "high pressure water without any loss of accuracy.",
    ),
    h1("Key Features"),
    bullets(
        "Class A accuracy to IEC 60751",
        "Digital Modbus output or an analogue 4 to 20 mA current loop",
        "Self diagnostics that report a broken wire within one second",
        "Field replaceable probe tip",
    ),
    h1("Specifications"),
    table(
        ("Parameter", "Value"),
        ("Measuring range", "-50 to 400 degrees Celsius"),
        ("Accuracy", "plus or minus 0.15 degrees at 0 degrees"),
        ("Response time", "under 3 seconds in moving water"),
        ("Supply voltage", "10 to 30 V DC"),
        ("Protection rating", "IP69K"),
        ("Probe length", "100, 150 or 250 mm"),
        ("Housing material", "316L stainless steel"),
        ("Operating humidity", "0 to 100 percent, condensing"),
    ),
    h1("Ordering Information"),
    table(
        ("Code", "Probe", "Output"),
        ("VX40-100M", "100 mm probe", "Modbus RTU"),
        ("VX40-150A", "150 mm probe", "4 to 20 mA"),
        ("VX40-250M", "250 mm probe", "Modbus RTU with 10 m cable"),
    ),
    p(
        "All versions are supplied with a calibration certificate traceable to national "
        "standards and a two metre shielded connecting cable.",
        "For custom probe lengths, hazardous area approvals or volume pricing, please contact "
        "our sales office in Freiburg on +49 761 555 0190.",
    ),
)

_COVER_LETTER = template(
    "cover_letter",
    "A cover letter applying for a junior landscape architect job, describing the "
    "applicant's studies, placement experience and software skills.",
    title("Application for the Junior Landscape Architect Position"),
    p(
        "Lucia Fernandez, 9 Willow Crescent, Norwich NR2 4QT",
        "18 July 2025",
        "Ms Rachel Ambrose, Hiring Manager, Greenline Landscape Design, Norwich NR1 3DD",
        "Dear Ms Ambrose,",
        "I am writing to apply for the junior landscape architect position advertised on your "
        "website, which my tutor at Edinburgh College of Art recommended to me.",
        "During my master's degree I redesigned a neglected hospital courtyard as a sensory "
        "garden, working closely with nurses, patients and the estates team for eight months.",
        "Last summer I completed a placement with the city council's parks department, where "
        "I produced planting plans and cost estimates for three pocket parks.",
        "I admire the way Greenline combines native planting with sustainable drainage, "
        "especially in your award winning scheme for the Riverside housing development.",
        "I am confident with AutoCAD, Vectorworks and hand sketching, and I would welcome the "
        "chance to discuss how I could contribute to your studio.",
        "Yours sincerely,",
        "Lucia Fernandez",
    ),
)

_EVENT_PROGRAMME = template(
    "event_programme",
    "An event programme or agenda for a three day coastal heritage festival with a timetable "
    "table of talks, workshops and concerts, and ticket information.",
    title("Programme: Coastal Heritage Festival 2025"),
    p(
        "Three days of talks, boat trips, music and workshops celebrating the fishing history "
        "of St Ives, from Friday 5 to Sunday 7 September."
    ),
    h1("Friday 5 September"),
    p(
        "The festival opens at six in the evening with a reception in the Guildhall, followed "
        "by a screening of the restored 1962 documentary The Last Pilchard Boats."
    ),
    h1("Saturday 6 September"),
    table(
        ("Time", "Event", "Venue"),
        ("09:30", "Harbour walk with the lifeboat crew", "West Pier"),
        ("11:00", "Talk on net making through the centuries", "Guildhall main hall"),
        ("13:00", "Crab sandwich lunch", "Sloop Inn garden"),
        ("14:30", "Knot tying workshop for families", "Harbour Sail Loft"),
        ("16:00", "Boat trip to Seal Island", "Lifeboat slipway"),
        ("20:00", "Sea shanty concert with the Cape Singers", "Parish Church"),
    ),
    h1("Sunday 7 September"),
    bullets(
        "10:00 Blessing of the boats on the harbour beach",
        "12:00 Gig rowing race between St Ives and Newlyn",
        "15:00 Closing ceremony and lantern procession",
    ),
    h1("Tickets and Access"),
    p(
        "Day passes cost 12 pounds for adults and are free for children under sixteen, while "
        "the Seal Island boat trip must be booked separately.",
        "All indoor venues are accessible by wheelchair except the Sail Loft, and a quiet room "
        "is available in the library throughout the weekend.",
        "Parking in the town centre is very limited, so please use the park and ride from "
        "Lelant station, which runs every twenty minutes.",
    ),
)

_MEMO = template(
    "memo",
    "An internal office memo telling staff of a law firm about an office move, with a "
    "numbered list of what to do before moving day.",
    title("Memo: Office Move to Albion House"),
    p(
        "To all staff at Carrick and Dunne Solicitors, from Helen Carrick, managing partner, "
        "3 October 2025.",
        "As many of you know, our lease at Mercer Street ends in December, and we will move to "
        "the third floor of Albion House on 24 November.",
        "The new office has a proper kitchen, two extra meeting rooms and bicycle storage, and "
        "it is only five minutes walk from the tram stop.",
    ),
    numbers(
        "Pack your desk into the labelled crates by 5 pm on Friday 21 November.",
        "Take home any personal items you do not want the removal firm to handle.",
        "Collect your new security pass from reception at Albion House on 24 November.",
    ),
    p(
        "The IT team will move computers over the weekend, so please shut down your machine "
        "completely and leave all cables plugged in.",
        "Clients will be told about the new address in a letter next week, and our telephone "
        "numbers and email addresses will not change.",
        "If you have any concerns about the move, particularly about accessibility or parking, "
        "please speak to Gareth in the facilities team.",
    ),
)

_SHORT_STORY = template(
    "short_story",
    "A short story in plain prose paragraphs about a lighthouse keeper's daughter who keeps "
    "the lamp turning alone through a storm.",
    title("The Lighthouse Keeper's Daughter"),
    p(
        "On the night the storm took out the telephone line, Marguerite was eleven years old "
        "and alone in the lighthouse on Carrow Rock.",
        "Her father had rowed to the mainland that afternoon for paraffin and flour, promising "
        "to be back before the tide turned at six.",
        "By eight o'clock the waves were breaking over the lower gallery, and she could no "
        "longer see the lights of the harbour across the sound.",
        "She remembered what he had told her a hundred times: the lamp must turn, whatever "
        "happens, because somewhere out there a ship is counting on it.",
        "So she climbed the hundred and twelve steps every hour to wind the clockwork, singing "
        "hymns to keep herself awake and her fear at bay.",
        "At dawn a fishing boat brought her father home, soaked and silent, and he held her "
        "for a long time before he said anything at all.",
    ),
)

SHORT: tuple[Template, ...] = (
    Template(
        "letter",
        "A business letter from a bakery to a customer about a wedding cake order.",
        _letter,
    ),
    _QUARTERLY_REPORT,
    _MEETING_MINUTES,
    _CV,
    _RECIPE,
    _INVOICE,
    _NEWSLETTER,
    _USER_MANUAL,
    _PROJECT_PROPOSAL,
    _PRESS_RELEASE,
    _LAB_REPORT,
    _TRAVEL_ITINERARY,
    _COURSE_SYLLABUS,
    _PRODUCT_DATASHEET,
    _COVER_LETTER,
    _EVENT_PROGRAMME,
    _MEMO,
    _SHORT_STORY,
)
