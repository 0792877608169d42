"""Multi-page office documents: a tenancy agreement, a staff handbook section and a policy.

They carry what real documents do: headings in another typeface than the body, a header
and a footer, bold table headers and some direct formatting inside paragraphs. Formatted
words are ones that occur more than once (or are short), so that tasks which name a single
word never pick one that is already formatted.
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
    rich,
    table,
    template,
    title,
    underline,
)

_TENANCY_AGREEMENT = template(
    "tenancy_agreement",
    "A residential tenancy agreement for a ground floor flat with numbered clauses on rent, "
    "deposit, the duties of landlord and tenant, ending the tenancy and signatures.",
    heading_font("Liberation Sans"),
    header("Tenancy agreement for 27 Marlowe Road, Bristol BS6 5AT"),
    footer("Landlord initials ______    Tenant initials ______"),
    title("Assured Shorthold Tenancy Agreement"),
    p(
        "This agreement is made on 1 August 2025 between the parties named below and is "
        "governed by the Housing Act 1988 as amended by later legislation."
    ),
    h1("1. Parties and Property"),
    rich(
        "The ",
        bold("Landlord"),
        " is Mrs Philippa Chandler of 4 Cotham Vale, Bristol, who may be contacted by post "
        "at that address or by email at any reasonable hour.",
    ),
    rich(
        "The ",
        bold("Tenant"),
        " is Mr Samuel Adeyemi, currently of 12 Gloucester Street, Cheltenham, who will "
        "occupy the property as his only or principal home.",
    ),
    p(
        "The property is the ground floor flat at 27 Marlowe Road, including the rear garden, "
        "one allocated parking space and the furniture listed in the inventory."
    ),
    h1("2. Term of the Tenancy"),
    rich(
        "The tenancy is granted for a fixed term of ",
        bold("12 months"),
        " starting on 1 September 2025 and ending on 31 August 2026.",
    ),
    p(
        "If nobody ends the agreement when the fixed term expires, it will continue as a "
        "periodic tenancy from month to month on exactly the same conditions."
    ),
    h1("3. Rent and Payment"),
    rich(
        "The rent is ",
        bold("1,150 pounds"),
        " per calendar month, payable ",
        underline("in advance"),
        " on the first day of each month by standing order to the account in the schedule.",
    ),
    numbers(
        "The first payment covers the period from 1 to 30 September 2025.",
        "Rent paid more than fourteen days late carries interest at three percent above base rate.",
        "The rent may be reviewed once a year with two months' written notice.",
    ),
    table(
        ("Payment", "Amount", "When due"),
        ("Monthly rent", "1,150.00", "1st of each month"),
        ("Tenancy deposit", "1,325.00", "On signing"),
        ("Rent for September", "1,150.00", "Paid in advance on signing"),
        bold_header=True,
    ),
    h1("4. Deposit"),
    p(
        "A deposit of 1,325 pounds is payable on signing and will be protected with the "
        "Deposit Protection Service within thirty days of receipt.",
        "At the end of the tenancy the money will be returned within ten days of agreement "
        "on any deductions for damage, cleaning or unpaid rent.",
    ),
    h1("5. Obligations of the Tenant"),
    h2("Use and Occupation"),
    numbers(
        "Keep the property clean and in good decorative order, fair wear and tear excepted.",
        "Not sublet, assign or part with possession of any part of the property.",
        "Not keep any pet without consent in writing, which will not be unreasonably refused.",
        "Not smoke inside the flat or allow visitors to do so.",
    ),
    h2("Repairs and Reporting"),
    rich(
        "Any damage, leak or fault must be reported to the Landlord ",
        bold("within 48 hours"),
        " of the Tenant becoming aware of it, so that it can be put right before it spreads.",
    ),
    p(
        "Replacing light bulbs, smoke alarm batteries and fuses is the tenant's job, as is "
        "clearing any blockage caused by misuse of sinks, toilets or drains.",
        "During cold weather the heating should stay on a low setting whenever the flat is "
        "left empty for more than three days, to prevent frozen pipes.",
    ),
    h1("6. Obligations of the Landlord"),
    p(
        "Mrs Chandler will keep in repair the structure and exterior of the building, the "
        "gutters and drainage, and the installations for water, gas, electricity and heating.",
        "A gas safety check will be carried out every year by a registered engineer, and a "
        "copy of the certificate will be handed over within 28 days.",
    ),
    rich(
        "Except in an emergency, she or her agents will give at least ",
        bold("24 hours"),
        " written notice before visiting to inspect the flat or carry out repairs.",
    ),
    h1("7. Ending the Tenancy"),
    p(
        "After the first six months either party may end the tenancy early by giving two "
        "months' written notice expiring on the last day of a rental period.",
        "On leaving, all keys must be returned, personal belongings removed and the rooms "
        "left in the condition recorded in the check-in inventory.",
    ),
    rich(
        "Notices under this agreement are valid only if given ",
        italic("in writing"),
        " and delivered by hand, by first class post or by email to the addresses above.",
    ),
    h1("8. Signatures"),
    p(
        "By signing below, both parties confirm that they have read and understood this "
        "agreement and received a copy of the government's How to Rent guide."
    ),
    table(
        ("Party", "Name", "Signature", "Date"),
        ("Landlord", "Philippa Chandler", "P. Chandler", "1 August 2025"),
        ("Tenant", "Samuel Adeyemi", "S. Adeyemi", "1 August 2025"),
        bold_header=True,
    ),
)

_EMPLOYEE_HANDBOOK = template(
    "employee_handbook",
    "A section of a company employee handbook on annual leave, sickness absence and family "
    "leave, with entitlement tables, booking steps and contacts.",
    heading_font("Liberation Sans"),
    header("Harrow and Finch Ltd, Employee Handbook"),
    footer("Section 4, version 3.1, issued January 2025"),
    title("Section 4: Leave and Absence"),
    p(
        "This section explains how holiday, sickness absence and family leave work at Harrow "
        "and Finch, and what managers and employees are each expected to do.",
        "It applies to everyone on a permanent or fixed term contract, whatever their hours, "
        "and should be read alongside your own contract of employment.",
    ),
    h1("Annual Leave"),
    rich(
        "Full-time employees receive ",
        bold("25 days"),
        " of paid holiday a year plus the eight public holidays, and part-time colleagues "
        "receive a pro rata amount.",
    ),
    p(
        "The holiday year runs from 1 January to 31 December, and up to five unused days may "
        "be carried into the first quarter of the following year with approval."
    ),
    h2("Booking Holiday"),
    numbers(
        "Check the team calendar for clashes before you make a request.",
        "Submit the request through the PeopleHub portal at least two weeks ahead.",
        "Wait for approval before booking any travel or accommodation.",
    ),
    rich(
        "Requests for more than ten consecutive working days ",
        underline("must"),
        " be made at least two months beforehand and are granted on a first come, first "
        "served basis.",
    ),
    table(
        ("Length of service", "Extra days", "Total entitlement"),
        ("Under 2 years", "0", "25 days"),
        ("2 to 5 years", "2", "27 days"),
        ("Over 5 years", "4", "29 days"),
        bold_header=True,
    ),
    h1("Sickness Absence"),
    rich(
        "If you are too ill to work, telephone your line manager ",
        bold("before 9.30 am"),
        " on the first day of absence, explaining the reason and when you expect to return.",
    ),
    p(
        "Text messages and emails are not acceptable on that first morning, unless a medical "
        "condition makes speaking on the telephone difficult for you."
    ),
    h2("Fit Notes and Return to Work"),
    p(
        "For absences of more than seven calendar days, including weekends, you must obtain "
        "a fit note from your doctor and send a copy to the people team.",
        "After every spell of illness your manager will hold a short, informal conversation "
        "to check that you are well enough and to agree any support you need.",
    ),
    bullets(
        "Phased returns can be arranged after a long illness.",
        "Occupational health referrals are confidential.",
        "Company sick pay is described in your contract.",
    ),
    h1("Family Leave"),
    p(
        "Employees who have worked here for at least twenty six weeks are entitled to "
        "enhanced maternity, paternity, adoption and shared parental pay."
    ),
    table(
        ("Type of leave", "Weeks at full pay", "Further weeks"),
        ("Maternity or adoption", "16", "23 at the statutory rate"),
        ("Paternity", "4", "None"),
        ("Shared parental", "Up to 16", "Statutory rate only"),
        bold_header=True,
    ),
    rich(
        "Please tell the people team about a pregnancy by the ",
        bold("15th week"),
        " before the expected week of childbirth, so that a workplace risk assessment can "
        "be carried out.",
    ),
    h1("Flexible Working"),
    p(
        "Every employee may ask to change their working hours, days or place of work from "
        "the first day of employment, and may make up to two such requests a year.",
        "Managers meet the employee within four weeks to discuss the request, consider "
        "whether a trial period would help, and confirm the outcome within two months.",
        "A request can only be refused for one of the business reasons set out in law, such "
        "as an inability to reorganise work among existing staff or a detrimental effect on "
        "the quality of service.",
    ),
    h1("Other Kinds of Absence"),
    p(
        "Up to five days of paid compassionate leave are available on the death of a close "
        "relative, and managers may grant more in difficult circumstances.",
        "Volunteering days let each person spend two working days a year helping a "
        "registered charity of their choice, arranged with a fortnight's notice.",
        "Jury service, reserve forces training and public duties such as sitting as a "
        "magistrate are covered by separate guidance on the intranet.",
    ),
    rich("Questions: ", underline("people@harrowfinch.example"), " or extension 4410."),
)

_DATA_PROTECTION_POLICY = template(
    "data_protection_policy",
    "A data protection and records retention policy for a dental practice with principles, "
    "roles, subject access steps, breach reporting and a retention schedule.",
    heading_font("Liberation Sans"),
    header("Policy DP-03, Kingsmead Dental Practice"),
    footer("Uncontrolled when printed. Next review due March 2026."),
    title("Data Protection and Records Retention Policy"),
    p(
        "Kingsmead Dental Practice holds sensitive information about its patients and staff, "
        "and this policy sets out how that information is collected, kept and destroyed."
    ),
    rich("Data protection officer: ", marked("to be appointed"), "."),
    h1("Purpose and Scope"),
    p(
        "The policy applies to every dentist, hygienist, nurse, receptionist and contractor "
        "who handles personal data on behalf of the practice, on paper or on screen.",
        "It covers clinical notes, radiographs, appointment books, payment records, emails, "
        "recorded telephone calls and the images from the security camera in reception.",
    ),
    h1("Principles"),
    rich(
        "All personal data ",
        bold("must"),
        " be handled in line with the six principles of the UK General Data Protection "
        "Regulation, which require it to be:",
    ),
    numbers(
        "processed lawfully, fairly and in a transparent manner;",
        "collected for specified, explicit and legitimate purposes;",
        "adequate, relevant and limited to what is necessary;",
        "accurate and, where necessary, kept up to date;",
        "kept no longer than is necessary for those purposes;",
        "protected against unauthorised processing, loss or damage.",
    ),
    h1("Roles and Responsibilities"),
    table(
        ("Role", "Holder", "Responsibility"),
        ("Data controller", "Dr Anita Sharma", "Overall accountability for compliance"),
        ("Practice manager", "Lewis Baptiste", "Training, audits and breach log"),
        ("Clinical staff", "All dentists and nurses", "Accurate and secure clinical notes"),
        ("Reception team", "Front desk staff", "Checking identity before sharing data"),
        bold_header=True,
    ),
    h1("Handling Personal Data"),
    h2("Collecting Information"),
    p(
        "Patients are given the privacy notice when they register, and it is displayed on "
        "the waiting room wall and published on the practice website.",
        "Only the details needed to provide safe dental care and to take payment are "
        "requested, and reception staff never ask for information just in case.",
    ),
    h2("Storing and Sharing Records"),
    p(
        "Electronic records are kept in the Dentalink system, which is backed up every night "
        "to an encrypted server in a separate building.",
        "Paper correspondence is scanned within a week of arrival and then shredded on site "
        "by an approved contractor who issues a certificate of destruction.",
    ),
    rich(
        "Records may be shared with hospitals, laboratories and other dentists ",
        underline("only"),
        " when this is needed for treatment or required by law, and always by secure email.",
    ),
    h2("Portable Devices and Home Working"),
    p(
        "Practice laptops are encrypted and protected by a password and a second factor, and "
        "patient records are never copied onto memory sticks or personal phones.",
        "Staff who write referral letters at home use the remote desktop service, print "
        "nothing there, and keep their screens out of view of other members of the household.",
    ),
    h1("Subject Access Requests"),
    p(
        "Anyone may ask for a copy of the information the practice holds about them, free "
        "of charge, and the request does not need to be made on a particular form."
    ),
    numbers(
        "Record the request in the access log within 24 hours of its arrival.",
        "Confirm the identity of the person making it.",
        "Gather the records and remove details about other people.",
        "Send the copy securely within one calendar month.",
    ),
    h1("Breaches"),
    rich(
        "A suspected breach, such as a lost laptop or a letter sent to the wrong address, "
        "must be reported to the practice manager at once, and serious ones to the "
        "Information Commissioner within ",
        bold("72 hours"),
        ".",
    ),
    h1("Retention Schedule"),
    table(
        ("Record", "Keep for", "Then"),
        ("Adult dental records", "11 years after last visit", "Secure shredding"),
        ("Records of children", "Until the age of 25", "Secure shredding"),
        ("Radiographs", "Same as the dental record", "Deleted from Dentalink"),
        ("Security camera footage", "31 days", "Overwritten automatically"),
        bold_header=True,
    ),
    h1("Training and Review"),
    p(
        "New starters complete data protection training during their induction week, and "
        "everyone repeats a shorter refresher online each spring before the annual audit.",
        "Temporary staff from agencies sign a confidentiality agreement on their first shift "
        "and are shown how to lock the screens at the reception desk and in the surgeries.",
        "This policy is reviewed every year by the practice manager and whenever the law or "
        "our ways of working change in a way that affects personal data.",
    ),
)

LONG: tuple[Template, ...] = (
    _TENANCY_AGREEMENT,
    _EMPLOYEE_HANDBOOK,
    _DATA_PROTECTION_POLICY,
)
