"""Derived statuses: what was answered, and how the actions stand on the 'as at' date.

Two separate things, never typed by hand: the response badge comes from the
response's decision; the progress badge is worked out from the actions, their
due dates, the progress recorded and the 'as at' date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Action, Recommendation, Response


@dataclass(frozen=True)
class Tone:
    """One colour family, and the one thing it means wherever a badge uses it."""

    key: str
    colour: str
    meaning: str


TONES = {
    t.key: t
    for t in (
        Tone("good", "Green", "Done or agreed: the thing asked for was agreed, completed, or answered in time."),
        Tone("warn", "Amber", "Only in part, or late: partly agreed, agreed only in principle, completed or answered late, or slipped."),
        Tone("bad", "Red", "Not done as asked: not agreed, past its due date with no completion, overdue, or judged not achieved."),
        Tone("info", "Blue", "Under way: work is reported or judged to be going on, and its date has not passed."),
        Tone("neutral", "Grey", "Nothing to judge: not yet due, no date, not recorded, or not applicable."),
    )
}
"""The site's one colour rule: each tone means one thing across every family of badge. The words on a badge
always say the status; the colour only repeats it."""


@dataclass(frozen=True)
class Status:
    """One badge: its key (for filters and CSS), its label, and what it means."""

    key: str
    label: str
    meaning: str
    tone: str
    """The one colour family this status always uses: good, warn, bad, info or neutral."""


RESPONSES = {
    s.key: s
    for s in (
        Status("agreed", "Agreed", "The executive agreed to the recommendation.", "good"),
        Status("partially-agreed", "Partially agreed", "The executive agreed to part of the recommendation; the response says which part.", "warn"),
        Status("accepted-in-principle", "Accepted in principle", "The executive accepted the recommendation in principle; the response says what that commits it to.", "warn"),
        Status("not-agreed", "Not agreed", "The executive did not agree to the recommendation; the response says why.", "bad"),
        Status("committee-action", "Committee's own action", "The recommendation asked the scrutiny committee itself to act, and the committee responded.", "neutral"),
        Status("no-decision", "No decision recorded", "The response does not state whether the recommendation was agreed.", "neutral"),
        Status("not-in-sources", "Response text not in the sources", "A response was given (and, where the page says so, approved), but its words are not among the documents this record is taken from.", "neutral"),
        Status("no-response", "No response recorded", "The record holds no response to this.", "neutral"),
    )
}

PROGRESS = {
    s.key: s
    for s in (
        Status("complete", "Complete", "Every action has a recorded completion.", "good"),
        Status("complete-late", "Completed late", "Every action has a recorded completion, at least one of them after its due date.", "warn"),
        Status("in-progress", "In progress", "Progress has been recorded and the due date has not passed (or no date was set).", "info"),
        Status("not-started", "Not started", "A progress report says the work has not begun, and its due date (if it has one) has not passed.", "neutral"),
        Status("not-yet-due", "Not yet due", "No progress recorded yet, and the due date is still to come.", "neutral"),
        Status("past-due", "Past due", "The due date has passed and no completion has been recorded.", "bad"),
        Status("no-fixed-date", "No fixed date", "The action has no fixed due date (it is on-going, or waits on a condition) and no completion or progress has been recorded.", "neutral"),
        Status("no-action", "No action planned", "The response sets out no actions.", "neutral"),
        Status("not-recorded", "No follow-up recorded", "The record holds no actions or progress for this.", "neutral"),
    )
}


CLOCKS = {
    s.key: s
    for s in (
        Status("response-due", "Response due", "No response is recorded yet, and the date it is due has not passed.", "neutral"),
        Status("response-overdue", "Response overdue", "No response is recorded, and the date it was due has passed.", "bad"),
        Status("responded", "Responded in time", "The response is recorded, and came on or before the date it was due.", "good"),
        Status("responded-late", "Responded late", "The response came after the date it was due.", "warn"),
        Status("responded-timing-unclear", "Responded; timing unclear", "The response is recorded, but the dates known do not show whether it came in time.", "neutral"),
        Status("not-required", "No response required", "It asks the scrutiny committee itself to act: the executive's response clock does not apply.", "neutral"),
    )
}
"""The response clock (clocks.ResponseClock.key): whether the executive answered within its response period."""


@dataclass(frozen=True)
class Verdict:
    """A status with the reason for it, in words."""

    status: Status
    reason: str


def response_status(response: Response | None, addressed_to: str | None) -> Status:
    if response is not None and response.decision:
        return RESPONSES[response.decision.replace(" ", "-")]
    if addressed_to == "committee":
        return RESPONSES["committee-action"]
    if response is None:
        return RESPONSES["no-response"]
    if response.text is None:
        return RESPONSES["not-in-sources"]
    return RESPONSES["no-decision"]


_LEADING_WORDS = {"end", "after", "when", "by", "before", "within", "once", "following", "mid", "early", "late",
                  "beginning", "start", "not", "between", "from", "about"}


def _lower_first(text: str) -> str:
    """'End of March 2020' reads 'due end of March 2020'; a month or a name keeps its capital."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _LEADING_WORDS else text


def _due_words(value) -> str:
    """A due date in the site's one style ("March 2020", "15 September 2020"): the record page keeps the
    source's own words beside it."""
    return value.house()


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def action_progress(action: Action, as_at: date) -> Verdict:
    """How one action stands on the 'as at' date."""
    due = action.current_due
    due_words = f"due {_lower_first(_due_words(due))}" if due else "no due date given"
    latest_state = next((u.state for u in reversed(action.progress) if u.state), None)
    parsed = due.parsed if due else None
    latest = parsed.latest if parsed else None
    if latest_state == "complete":
        done = next(u for u in reversed(action.progress) if u.state == "complete")
        when = f" ({done.date.house()})" if done.date else ""
        finished = done.date.parsed.earliest if done.date and done.date.parsed else None
        if latest is not None and finished is not None and finished > latest:
            return Verdict(PROGRESS["complete-late"], f"Completion recorded{when}, after it was {due_words}")
        return Verdict(PROGRESS["complete"], f"Completion recorded{when}")
    if latest is not None and latest < as_at:
        return Verdict(PROGRESS["past-due"], f"{_upper_first(due_words)} — no completion recorded")
    if action.progress and latest_state != "not started":
        return Verdict(PROGRESS["in-progress"], f"Progress recorded; {due_words}")
    if latest is None and latest_state != "not started":
        # "On-going", a condition, or an open-ended range: nothing has fallen due, and nothing says it has not begun.
        return Verdict(PROGRESS["no-fixed-date"], f"No progress recorded; {due_words}")
    if latest_state == "not started" or latest is None:
        return Verdict(PROGRESS["not-started"], f"No progress recorded; {due_words}")
    return Verdict(PROGRESS["not-yet-due"], _upper_first(due_words))


def recommendation_progress(actions: list[Action], as_at: date) -> Verdict:
    """How a recommendation's actions stand together."""
    if not actions:
        return Verdict(PROGRESS["no-action"], "The response sets out no actions")
    verdicts = [action_progress(a, as_at) for a in actions]
    keys = [v.status.key for v in verdicts]
    count = len(verdicts)
    if count == 1:
        return verdicts[0]
    if "past-due" in keys:
        first = verdicts[keys.index("past-due")]
        return Verdict(PROGRESS["past-due"], f"{keys.count('past-due')} of {count} actions past due. {first.reason}")
    if all(k in ("complete", "complete-late") for k in keys):
        key = "complete-late" if "complete-late" in keys else "complete"
        return Verdict(PROGRESS[key], f"All {count} actions have a recorded completion")
    for key in ("in-progress", "not-yet-due", "not-started", "no-fixed-date"):
        if key in keys:
            done = keys.count("complete") + keys.count("complete-late")
            return Verdict(PROGRESS[key], f"{done} of {count} actions complete. {verdicts[keys.index(key)].reason}")
    raise AssertionError(keys)  # every action has one of the statuses above


def actions_of(rec: Recommendation, by_id: dict[str, Recommendation]) -> list[Action]:
    """The actions answering a recommendation, following a shared response."""
    response = rec.response or (by_id[rec.shares_response_with].response if rec.shares_response_with else None)
    return response.actions if response else []
