"""Words clerks write for each vocabulary's values: one table per vocabulary, used only to suggest the right word.

A synonym is never accepted in place of the value (the JSON Schema, the editor and the build must agree on the
exact words); it only lets a message say which value the clerk most likely meant. Keys are written folded:
lower case, with single spaces in place of hyphens, underscores and runs of spaces.
"""

from __future__ import annotations

from typing import Any

from .model import AddressedTo, GlossaryBasis, Outcome, ProgressState, ResponseDecision

RESPONSE_DECISION: dict[str, str] = {
    "yes": "agreed",
    "agree": "agreed",
    "accepted": "agreed",
    "accept": "agreed",
    "approved": "agreed",
    "supported": "agreed",
    "agreed in full": "agreed",
    "fully agreed": "agreed",
    "in part": "partially agreed",
    "part": "partially agreed",
    "partly": "partially agreed",
    "partial": "partially agreed",
    "partly agreed": "partially agreed",
    "part agreed": "partially agreed",
    "agreed in part": "partially agreed",
    "partially accepted": "partially agreed",
    "accepted in part": "partially agreed",
    "yes in part": "partially agreed",
    "in principle": "accepted in principle",
    "agreed in principle": "accepted in principle",
    "supported in principle": "accepted in principle",
    "no": "not agreed",
    "rejected": "not agreed",
    "declined": "not agreed",
    "disagreed": "not agreed",
    "not accepted": "not agreed",
    "not supported": "not agreed",
    "refused": "not agreed",
}
"""What an executive writes for its decision on a recommendation."""

PROGRESS_STATE: dict[str, str] = {
    "completed": "complete",
    "done": "complete",
    "finished": "complete",
    "achieved": "complete",
    "implemented": "complete",
    "delivered": "complete",
    "met": "complete",
    "ongoing": "in progress",
    "on going": "in progress",
    "underway": "in progress",
    "under way": "in progress",
    "started": "in progress",
    "in hand": "in progress",
    "progressing": "in progress",
    "in train": "in progress",
    "partially complete": "in progress",
    "partly complete": "in progress",
    "partially completed": "in progress",
    "not begun": "not started",
    "not yet started": "not started",
    "not commenced": "not started",
    "not yet begun": "not started",
}
"""What a progress report writes for how an action stands."""

ADDRESSED_TO: dict[str, str] = {
    "cabinet": "executive",
    "the cabinet": "executive",
    "the executive": "executive",
    "cabinet member": "executive",
    "executive member": "executive",
    "leader": "executive",
    "the leader": "executive",
    "mayor": "executive",
    "officers": "executive",
    "scrutiny": "committee",
    "the committee": "committee",
    "scrutiny committee": "committee",
    "the scrutiny committee": "committee",
    "overview and scrutiny": "committee",
    "full council": "council",
    "the council": "council",
    "the full council": "council",
    "council meeting": "council",
}
"""Whom a recommendation is addressed to, as reports name them."""

OUTCOME: dict[str, str] = {
    "signed": "signed off",
    "sign off": "signed off",
    "approved": "signed off",
    "accepted": "signed off",
    "complete": "signed off",
    "completed": "signed off",
    "achieved": "signed off",
    "not implemented": "closed not implemented",
    "closed unimplemented": "closed not implemented",
    "closed without implementation": "closed not implemented",
    "abandoned": "closed not implemented",
    "dropped": "closed not implemented",
    "withdrawn": "closed not implemented",
}
"""What a committee writes when it assesses an item."""

GLOSSARY_BASIS: dict[str, str] = {
    "given": "stated",
    "spelt out": "stated",
    "spelled out": "stated",
    "defined": "stated",
    "obvious": "unambiguous",
    "clear": "unambiguous",
    "not known": "unknown",
    "unclear": "unknown",
}
"""How an abbreviation's expansion is known."""

TABLES: dict[Any, dict[str, str]] = {
    ResponseDecision: RESPONSE_DECISION,
    ProgressState: PROGRESS_STATE,
    AddressedTo: ADDRESSED_TO,
    Outcome: OUTCOME,
    GlossaryBasis: GLOSSARY_BASIS,
}
"""Each vocabulary (the model's Literal type) and its synonyms."""


def fold(text: str) -> str:
    """A word as the tables key it: lower case, hyphens and underscores as spaces, one space between words."""
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def meant(vocabulary: Any, text: str) -> str | None:
    """The value of ``vocabulary`` that ``text`` is a synonym of, if it is one."""
    table = TABLES.get(vocabulary, {})
    folded = fold(text).rstrip(".")
    return table.get(folded) or table.get(folded.removeprefix("the ").strip())
