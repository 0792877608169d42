"""Solutions of the small sites: e-mail inboxes, social media, flight booking, search
results, menus and trees."""

from __future__ import annotations

import ast
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from openlam.agent.scripted import Rule
from openlam.records import Action, Control, Observation
from openlam.tasks.web import miniwob
from openlam.tasks.web.experts.common import (
    TEXT_TYPES,
    NoTarget,
    Solution,
    act,
    click,
    fill,
    find,
    ordinal,
    page_lines,
    quoted,
)

# A solution that plans each step from the page it sees repeats one rule; the page ends the
# episode when the task is done, so the spare repeats are never played.
MAX_STEPS = 30
MAX_RETRIES = 4


def replan(rule: Rule, steps: int = MAX_STEPS) -> list[Rule]:
    """The same planning rule for every step."""
    return [rule] * steps


# A page read while it changes can lack what it is about to show (the accessibility tree
# trails the DOM on a loaded machine): a solution that finds no target waits a step (a
# scroll up, which moves nothing at the top of a page) and tries again, a few times.
MAX_WAITS = 3


def wait() -> Action:
    """A step that changes nothing but lets the page catch up."""
    return Action(function="scroll", args={"direction": "up", "amount": 1})


def patiently(solve: Solution) -> Solution:
    """The solution, waiting a step where its next rule finds no target yet."""

    def patient_solve(utterance: str) -> list[Rule]:
        rules = solve(utterance)
        state = {"rule": 0, "waits": 0}

        def rule(obs: Observation) -> Action:
            if state["rule"] >= len(rules):
                raise NoTarget("the solution has no step left, and the task is not over")
            try:
                action = rules[state["rule"]](obs)
            except NoTarget:
                if state["waits"] == MAX_WAITS:
                    raise
                state["waits"] += 1
                return wait()
            state["rule"] += 1
            state["waits"] = 0
            return action

        return [rule] * (len(rules) * (MAX_WAITS + 1))

    return patient_solve


# A phase of a solution acts on each observation until it is done (None); then the next
# phase takes the same observation.
Phase = Callable[[Observation], Action | None]


def in_phases(*phases: Phase) -> list[Rule]:
    """Rules that play the phases in turn, as many steps as each takes."""
    position = {"phase": 0}

    def rule(obs: Observation) -> Action:
        while position["phase"] < len(phases):
            action = phases[position["phase"]](obs)
            if action is not None:
                return action
            position["phase"] += 1
        raise NoTarget("every phase of the solution is done, and the task is not over")

    return replan(rule)


def once(rule: Rule) -> Phase:
    """A phase of one step."""
    played = {"done": False}

    def phase(obs: Observation) -> Action | None:
        if played["done"]:
            return None
        action = rule(obs)
        played["done"] = True
        return action

    return phase


# -- menus and trees -----------------------------------------------------------------------


def click_menu(utterance: str) -> list[Rule]:
    """A jQuery UI menu opens a submenu on hover, and a click on a parent item counts as a
    wrong choice; so the keyboard walks to each parent (ArrowDown from the item before,
    ArrowRight to open it) and the leaf is clicked once it shows."""
    path = re.match(r"Select (.*)", utterance).group(1).split(">")
    state = {"level": 0, "moves": 0, "shown": []}

    def step(obs: Observation) -> Action:
        items = [c for c in obs.controls if c.type == "menuitem"]
        level = state["level"]
        # The items of the open level: those that showed when it opened (all, at the top).
        names = [c.name for c in items]
        siblings = [n for n in names if n not in state["shown"]] if level else names
        target = path[level]
        if target not in siblings:
            raise NoTarget(f"no menu item {target!r} among {siblings}")
        control = next(c for c in items if c.name == target)
        if level == len(path) - 1:
            return act("click", control)
        # ArrowDown first picks the top level's first item; a submenu opens on its first.
        wanted = siblings.index(target) + (0 if level else 1)
        if state["moves"] < wanted:
            state["moves"] += 1
            return act("press", control, keys="ArrowDown")
        state["level"], state["moves"], state["shown"] = level + 1, 0, names
        return act("press", control, keys="ArrowRight")

    return replan(step)


def navigate_tree(utterance: str) -> list[Rule]:
    """Click the file or folder once it shows, opening the next closed folder until then."""
    target = quoted(utterance)[0]

    def step(obs: Observation) -> Action:
        for kind in ("clickable", "listitem"):  # a folder's name, else a file
            shown = [c for c in obs.controls if c.type == kind and c.name == target]
            if shown:
                return act("click", shown[0])
        closed = [c for c in obs.controls if "expandable-hitarea" in c.name]
        if not closed:
            raise NoTarget(f"{target!r} is in no folder of the tree")
        return act("click", closed[0])

    return replan(step)


# -- search results and directories --------------------------------------------------------


def next_page(obs: Observation) -> Action:
    """The pager's next-page link."""
    return act("click", find(obs, name=">", types=("link",)))


def phone_book(utterance: str) -> list[Rule]:
    """Page through the contacts to the person, then click the asked detail's link."""
    match = re.match(r"Find (.*) in the contact book and click on their (\w+)", utterance)
    person, detail = match.groups()
    heading = {"phone": "Phone", "email": "Email", "address": "Address"}[detail]

    def step(obs: Observation) -> Action:
        lines = page_lines(obs)
        if person not in lines[1:]:
            return next_page(obs)
        values = [line.split(":", 1)[1].strip() for line in lines if line.startswith(heading)]
        if not values:
            raise NoTarget(f"no {heading} line for {person}")
        return act("click", find(obs, name=values[0], types=("link",)))

    return replan(step)


def search_engine(utterance: str) -> list[Rule]:
    """Search, open the result's page of three, and click the result there."""
    word = quoted(utterance)[0]
    position = ordinal(re.search(r"click the (\d+\w\w) search result", utterance).group(1))
    page, row = divmod(position, 3)

    def result(obs: Observation) -> Action:
        links = [c for c in obs.controls if c.type == "link" and c.name not in PAGER_LINKS]
        if len(links) <= row:
            raise NoTarget(f"no search result #{position + 1} on page {page + 1}")
        return act("click", links[row])

    rules = [fill(word, types=("textbox",)), click(name="Search", types=("button",))]
    if page:
        rules.append(click(name=str(page + 1), types=("link",)))
    return [*rules, result]


PAGER_LINKS = {"<", ">", "1", "2", "3", "4", "5"}


# -- social media ----------------------------------------------------------------------------

# The icons under a post are named by their class ("[like]", "[like active]" once on).
POST_ICONS = {"Reply": "reply", "Retweet": "retweet", "Like": "like", "Share": "share"}


def post_authors(obs: Observation) -> list[str]:
    """The username of each post, in page order (the line "Name @user[  3h ago]")."""
    # An open "more" menu has lines like "Mute @user" too; those are its items (controls).
    items = {c.name for c in obs.controls}
    lines = [line for line in page_lines(obs) if line not in items]
    return [m.group(1) for line in lines if (m := POST_HEADER.match(line))]


POST_HEADER = re.compile(r"^[^@]+ (@[^\s,]+)(\s+\d+h ago)?$")


def post_icons(obs: Observation, icon: str) -> list[Control]:
    """The icons of one kind, a post's each, in page order."""
    return [c for c in obs.controls if c.name.strip("[]").split(" ")[0] == icon]


def post_icon(obs: Observation, icon: str, post: int) -> Action:
    """Click one icon of the post at this position."""
    icons = post_icons(obs, icon)
    if len(icons) <= post:
        raise NoTarget(f"no [{icon}] icon for post #{post + 1}")
    return act("click", icons[post])


# An icon swaps its picture on hover, and the first click lands while the hover picture is
# still loading, on the post behind it; so each step looks at the page again and clicks once
# more what did not take.


def social_media(utterance: str) -> list[Rule]:
    """Click the button under the user's first post; the other buttons are in its "more"
    menu."""
    match = re.match(r'For the user (@\S+), click on the "(.*)" button', utterance)
    user, button = match.groups()

    def step(obs: Observation) -> Action:
        items = [c for c in obs.controls if c.name.startswith(button)]
        if items:  # the post's "more" menu is open
            return act("click", items[0])
        authors = post_authors(obs)
        if user not in authors:
            raise NoTarget(f"no post by {user}")
        return post_icon(obs, POST_ICONS.get(button, "more"), authors.index(user))

    return replan(step, 6)


def social_media_all(utterance: str) -> list[Rule]:
    """Turn the button on under each post by the user (or as many as asked), then submit."""
    match = re.match(
        r'Click the "(.*)" button on (all|\d+) posts? by (@\S+) and then click Submit', utterance
    )
    button, amount, user = match.groups()
    icon = POST_ICONS[button]

    def step(obs: Observation) -> Action:
        posts = [i for i, author in enumerate(post_authors(obs)) if author == user]
        posts = posts if amount == "all" else posts[: int(amount)]
        icons = post_icons(obs, icon)
        if len(icons) <= max(posts, default=-1):
            raise NoTarget(f"fewer [{icon}] icons than posts")
        off = [i for i in posts if "active" not in icons[i].name]
        if off:
            return act("click", icons[off[0]])
        return act("click", find(obs, name="Submit", types=("button",)))

    return replan(step)


# -- e-mail inboxes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailRequest:
    """What to do with the e-mail from `sender`: reply with `text`, forward to `text`,
    delete it, or star it (important)."""

    action: str
    sender: str
    text: str = ""


def email_request(utterance: str) -> EmailRequest:
    """The request of the plain e-mail tasks, phrased one way per action."""
    sender = re.match(r"Find the email by (\S+) and", utterance).group(1)
    if "reply to them" in utterance:
        return EmailRequest("reply", sender, quoted(utterance)[0])
    if "forward that email" in utterance:
        return EmailRequest("forward", sender, re.search(r"email to (\S+)\.$", utterance)[1])
    return EmailRequest("delete" if "trash icon" in utterance else "important", sender)


def email_inbox(utterance: str) -> list[Rule]:
    return email_rules(lambda obs: email_request(utterance))


def email_inbox_nl(utterance: str) -> list[Rule]:
    """The natural-language e-mail tasks phrase the request with one of their templates;
    where several templates fit, the one that names a sender of the inbox is meant."""

    def request(obs: Observation) -> EmailRequest:
        senders = {c.name.split(" ")[0] for c in obs.controls if c.type == "clickable"}
        readings = nl_readings(utterance)
        if not readings:
            raise NoTarget(f"no request template fits {utterance!r}")
        return next((r for r in readings if r.sender in senders), readings[0])

    return email_rules(request)


def email_rules(request: Callable[[Observation], EmailRequest]) -> list[Rule]:
    """The steps of a request, read once from the utterance and the inbox."""
    known: list[EmailRequest] = []

    def ask(obs: Observation) -> EmailRequest:
        if not known:
            known.append(request(obs))
        return known[0]

    def on_row(icon: str) -> Rule:
        return lambda obs: act(
            "click", find(obs, name=icon, types=("image",), after=ask(obs).sender + " ")
        )

    def open_email(obs: Observation) -> Action:
        sender = ask(obs).sender
        rows = [c for c in obs.controls if c.name.startswith(sender + " ")]
        if not rows:
            raise NoTarget(f"no e-mail from {sender} in the inbox")
        return act("click", rows[0])

    def step(obs: Observation) -> Action:
        """The next step of a reply or a forward, from the view that is open."""
        wanted = ask(obs)
        names = {c.name for c in obs.controls}
        if wanted.action == "reply" and "[send-reply]" in names:
            box = find(obs, types=("textbox",))
            if box.value != wanted.text:
                return act("set_edit_text", box, text=wanted.text)
            return act("click", find(obs, name="[send-reply]"))
        if wanted.action == "forward" and "[send-forward]" in names:
            box = find(obs, types=("textbox",), near="to")
            if box.value != wanted.text:
                return act("set_edit_text", box, text=wanted.text)
            return act("click", find(obs, name="[send-forward]"))
        if "[close-email]" in names:
            return act("click", find(obs, name=wanted.action.capitalize(), types=("clickable",)))
        return open_email(obs)

    def first(obs: Observation) -> Action:
        wanted = ask(obs)
        if wanted.action in ("delete", "important"):
            return on_row("[trash]" if wanted.action == "delete" else "[star]")(obs)
        return step(obs)

    return [first, *replan(step, 5)]


def nl_readings(utterance: str) -> list[EmailRequest]:
    """Every reading of the utterance by a template of the natural-language tasks, the one
    more templates give first (a template and its swapped twin can read the same words)."""
    readings = []
    for action, pattern in nl_templates():
        match = pattern.fullmatch(utterance)
        if match:
            slots = match.groupdict()
            text = slots.get("msg") or slots.get("dest") or ""
            readings.append(EmailRequest(action, slots["name"], text))
    return sorted(set(readings), key=lambda r: (-readings.count(r), readings.index(r)))


@functools.cache
def nl_templates() -> list[tuple[str, re.Pattern[str]]]:
    """(action, pattern) of each request template of the natural-language e-mail tasks, read
    from the task pages' own sources: their phrasings are too free, and a few swap the roles of
    the two names (DEST is always the recipient, even in "Find the email from DEST and forward
    it to NAME"), for anything but the templates themselves to read them right."""
    root = miniwob.html_root()
    source = (root / "common/special/email-inbox-nl/templates.js").read_text()
    table = json.loads(source[source.index("{") : source.rindex("}") + 1])
    found = [(action, t) for action, split in table.items() for ts in split.values() for t in ts]
    page = (root / "miniwob/email-inbox-forward-nl.html").read_text()
    for array in re.findall(r"NL_TEMPLATES = (\[.*?\]);", page, re.DOTALL):
        found += [("forward", t) for t in ast.literal_eval(array)]
    return [(action, template_pattern(t)) for action, t in found]


PERSON = r"[^\s.,;:!?\"]+?"


def template_pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern; the page fills in only the first NAME (JS replace). A name
    is one word without punctuation, so a template without the final period does not read
    "Malanie." for the name."""
    pattern = re.escape(" ".join(template.split()))
    for slot, group in (("NAME", rf"(?P<name>{PERSON})"), ("DEST", rf"(?P<dest>{PERSON})")):
        pattern = pattern.replace(slot, group, 1)
    return re.compile(pattern.replace("MSG", r"(?P<msg>.*?)", 1))


# -- flight booking ----------------------------------------------------------------------------

MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
# The picker's header ("December 2016") has a no-break space, which \s matches.
MONTH_HEADER = re.compile(rf"({'|'.join(MONTHS)})\s(\d{{4}})")
MAX_SUGGESTIONS = 30


def autocomplete(text: str, near: str, pick: str | None = None) -> Phase:
    """Type into a jQuery UI autocomplete field, wait for its suggestions, then walk them
    with ArrowDown (each one shows in the field) to the one that holds `pick`, and take it
    with Enter. The suggestions are one list to the observation, not a control each. The
    field searches a moment after typing, for what it holds then: a walk begun before
    that would have the search narrow the list to the suggestion it reached."""
    pick = pick or text
    state = {"typed": False, "waits": 0, "downs": 0, "taken": False}

    def phase(obs: Observation) -> Action | None:
        if state["taken"]:
            return None
        box = find(obs, near=near, types=TEXT_TYPES)
        if not state["typed"]:
            state["typed"] = True
            return act("set_edit_text", box, text=text)
        listed = any(c.type == "list" for c in obs.controls)
        if not listed and not state["downs"] and state["waits"] < MAX_RETRIES:
            state["waits"] += 1
            return wait()
        if box.value and pick in box.value and box.value != text:
            state["taken"] = True
            return act("press", box, keys="Enter")
        if state["downs"] == MAX_SUGGESTIONS:
            raise NoTarget(f"no suggestion for {text!r} holds {pick!r}")
        state["downs"] += 1
        return act("press", box, keys="ArrowDown")

    return phase


def pick_date(near: str, date: str) -> Phase:
    """Set a jQuery UI date picker's field to `date` (MM/DD/YYYY): open the picker, page to
    the month, click the day."""
    month, day, year = (int(n) for n in date.split("/"))

    def phase(obs: Observation) -> Action | None:
        box = find(obs, near=near, types=TEXT_TYPES)
        if box.value == date:
            return None
        lines = page_lines(obs)
        shown = next((m for line in lines if (m := MONTH_HEADER.fullmatch(line))), None)
        if shown is None:
            return act("click", box)
        months_ahead = (year - int(shown[2])) * 12 + month - 1 - MONTHS.index(shown[1])
        if months_ahead:
            return act("click", find(obs, name="Next" if months_ahead > 0 else "Prev"))
        return act("click", find(obs, name=str(day), types=("link",)))

    return phase


def best_offer(obs: Observation, button: str, goal: str) -> Action:
    """Click the button (named `button` and a price) of the cheapest, most expensive,
    shortest or longest offer; each offer's duration is a line "3h 12m" of the page."""
    buttons = [c for c in obs.controls if c.name.startswith(button)]
    if not buttons:
        raise NoTarget(f"no {button!r} button")
    if goal in ("cheapest", "most expensive"):
        values = [int(c.name.rsplit("$", 1)[1]) for c in buttons]
    else:
        lines = page_lines(obs)
        values = [int(m[1]) * 60 + int(m[2]) for ln in lines if (m := DURATION.fullmatch(ln))]
        if len(values) != len(buttons):
            raise NoTarget(f"{len(values)} durations for {len(buttons)} offers")
    best = min(values) if goal in ("cheapest", "shortest") else max(values)
    return act("click", buttons[values.index(best)])


DURATION = re.compile(r"(\d+)h (\d+)m")


def buy_ticket(utterance: str) -> list[Rule]:
    goal = re.match(r"Buy the ticket with the (.*) (?:cost|duration)\.", utterance).group(1)
    return [lambda obs: best_offer(obs, "Book for $", goal)]


def book_flight(utterance: str) -> list[Rule]:
    """Fill the search form (cities through their suggestions, the date through its
    picker), search, and book the cheapest or shortest of the flights found."""
    match = re.match(
        r"Book the (cheapest|shortest) one-way flight from: (.*) to: (.*) on "
        r"(\d\d/\d\d/\d{4})\.",
        utterance,
    )
    goal, origin, destination, date = match.groups()

    return in_phases(
        autocomplete(origin, "From:"),
        autocomplete(destination, "To:"),
        pick_date("Departure Date", date),
        once(click(name="Search", types=("button",))),
        once(lambda obs: best_offer(obs, "Book flight for $", goal)),
    )


def alaska_auto(utterance: str) -> list[Rule]:
    """Fill Alaska's search form from the request's fields (JSON) and find flights: the
    trip type, both cities through their suggestions, the days in March 2017 through the
    calendar, the passengers with "+", the cabin under "More search options"."""
    fields = json.loads(utterance)
    one_way = fields["Ticket Type"] == "One-way"
    phases: list[Phase] = []
    if one_way:
        phases.append(once(click(name="One-way", types=("LabelText",))))
    for near, key in (("From", "Departure City"), ("To", "Destination City")):
        phases.append(suggested_city(near, fields[key]))
    phases.append(calendar_day("Depart", "Select departure date", fields["Departure Day"]))
    if not one_way:
        phases.append(calendar_day("Return", "Select return date", fields["Returning Day"]))
    phases.append(passengers(fields["Passengers"]))
    if fields["Seat type"] == "First":
        phases.append(once(click(name="More search options")))
        phases.append(once(click(name="First", types=("radio",))))
    phases.append(once(click(name="Find Flights", types=("button",))))
    return in_phases(*phases)


def suggested_city(near: str, city: str) -> Phase:
    """Type the city, let the site suggest airports (it listens for key presses, which
    `set_edit_text` does not make, so a harmless End key follows, again while the list is
    late), and click the site's airport of that city."""
    airport = alaska_airports()[city]
    state = {"typed": False, "presses": 0, "picked": False}

    def phase(obs: Observation) -> Action | None:
        if state["picked"]:
            return None
        box = find(obs, name=near, types=TEXT_TYPES)
        if not state["typed"]:
            state["typed"] = True
            return act("set_edit_text", box, text=city)
        shown = [c for c in obs.controls if c.name == airport and c.type == "listitem"]
        if shown:
            state["picked"] = True
            return act("click", shown[0])
        if state["presses"] == MAX_RETRIES:
            raise NoTarget(f"the site suggests no {airport!r}")
        state["presses"] += 1
        return act("press", box, keys="End")

    return phase


@functools.cache
def alaska_airports() -> dict[str, str]:
    """City -> the airport the Alaska task means by it ("Portland" is in Oregon, "New York"
    is all its airports), from the task page's own table."""
    page = (miniwob.html_root() / "flight/Alaska-auto/wrapper.html").read_text()
    return dict(re.findall(r"\[\s*[\"']([^\"']+)[\"'],\s*[\"']([^\"']+)[\"']\s*\]", page))


def calendar_day(near: str, title: str, day: int) -> Phase:
    """Open a date field's calendar (the current month, March 2017), click the day, and
    close the calendar."""
    state = {"step": 0}

    def next_action(obs: Observation) -> Action | None:
        step = state["step"]
        if step == 0:
            return act("click", find(obs, name=near, types=TEXT_TYPES))
        if step == 1:
            if title not in page_lines(obs):
                raise NoTarget(f"the calendar {title!r} did not open")
            return act("click", find(obs, name=str(day), types=("link",)))
        if step == 2:  # the calendar stays open over the form until closed
            return act("click", find(obs, name="DONE", types=("clickable",)))
        return None

    def phase(obs: Observation) -> Action | None:
        action = next_action(obs)
        state["step"] += 1
        return action

    return phase


def passengers(count: int) -> Phase:
    """Click "+" until the passenger count (the line between "-" and "+") is `count`."""

    def phase(obs: Observation) -> Action | None:
        lines = page_lines(obs)
        if "Number of passengers" not in lines:
            raise NoTarget("no passenger count on the page")
        shown = int(lines[lines.index("Number of passengers") + 2])
        if shown == count:
            return None
        return act("click", find(obs, name="+" if shown < count else "-", types=("clickable",)))

    return phase


SOLUTIONS: dict[str, Solution] = {
    name: patiently(solve)
    for name, solve in {
        "click-menu": click_menu,
        "navigate-tree": navigate_tree,
        "phone-book": phone_book,
        "search-engine": search_engine,
        "social-media": social_media,
        "social-media-all": social_media_all,
        "social-media-some": social_media_all,
        "email-inbox": email_inbox,
        "email-inbox-noscroll": email_inbox,
        "email-inbox-important": email_inbox,
        "email-inbox-reply": email_inbox,
        "email-inbox-star-reply": email_inbox,
        "email-inbox-forward": email_inbox,
        "email-inbox-forward-nl": email_inbox_nl,
        "email-inbox-forward-nl-turk": email_inbox_nl,
        "email-inbox-nl-turk": email_inbox_nl,
        "book-flight": book_flight,
        "book-flight-nodelay": book_flight,
        "buy-ticket": buy_ticket,
        "flight.Alaska-auto": alaska_auto,
    }.items()
}
