"""Dates typed on the command line: a machine date and the source's words, never one made up for the clerk."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import cli, dates
from ..validate import suggest_edtf

Stop = cli.Stop

NOT_STATED = "not stated"
"""What a clerk types for a date the source does not give (the field is then left out, never filled in)."""


def date_value(option: str, given: str | None, words: str | None, words_option: str, *,
               latest: date | None = None, words_only: bool = False) -> Any:
    """A date as the data writes it, ``{as_written: ..., edtf: "..."}``, from a machine date (``given``) and
    the source's words (``words``); None if neither was typed or the clerk typed "not stated". ``latest``:
    the date cannot be after it (something that has already happened). ``words_only``: words that give no
    machine date ("On-going", "When policies are reviewed") are kept as they are, with none."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from ._edit import scalar

    if given is not None and given.strip().lower() == NOT_STATED:
        if words:
            raise Stop(f"{option} says \"not stated\", so {words_option} has nothing to describe: leave it out.")
        return None
    if given is None and not words:
        return None
    if given is None and words_only and _no_date_in(words or ""):
        value = CommentedMap()
        value["as_written"] = scalar(words or "")
        value.fa.set_flow_style()
        print(f"Kept {words_option} '{value['as_written']}' with no machine date: the words give none "
              f"(give {option} if they do).")
        return value
    edtf = given.strip() if given else _from_words(words or "", option, words_option)
    try:
        parsed = dates.parse(edtf)
    except dates.EdtfError as error:
        guess = suggest_edtf(edtf)
        raise Stop(f"{option}: {error}" + (f"\nDid you mean '{guess}'?" if guess else "")
                   + f"\nGive the date as YYYY-MM-DD (or YYYY-MM for a month); the source's words go in {words_option}."
                   ) from None
    if latest is not None and parsed.earliest and parsed.earliest > latest:
        raise Stop(f"{option}: {edtf} is after the 'as at' date ({latest.day} {latest:%B %Y}), so it cannot have "
                   "happened yet.\nCheck the year, or set a later 'as at' date: tracker as-at YYYY-MM-DD.")
    value = CommentedMap()
    # The clerk states the date, so it is shown as stated: in the source's words, or in plain words.
    value["as_written"] = scalar(words) if words else parsed.words()
    value["edtf"] = DoubleQuotedScalarString(edtf)
    value.fa.set_flow_style()
    return value


def _no_date_in(words: str) -> bool:
    try:
        dates.parse(words.strip())
        return False
    except dates.EdtfError:
        return suggest_edtf(words) is None


def _from_words(words: str, option: str, words_option: str) -> str:
    """The machine date the source's words give, when they make it plain; said aloud, never silently."""
    try:
        dates.parse(words.strip())
        return words.strip()
    except dates.EdtfError:
        pass
    guess = suggest_edtf(words)
    if guess is None:
        raise Stop(f"Give {option} as well: '{words}' does not say which day or month it means "
                   f"(for example {option} 2021-03-31 or {option} 2021-03).")
    print(f"Read {words_option} '{words.strip()}' as {guess} ({dates.parse(guess).words()}); "
          f"give {option} to say otherwise.")
    return guess


def as_at(data_dir) -> date:
    """The day the data is checked against: nothing reported can be later."""
    return cli._as_at(data_dir)
