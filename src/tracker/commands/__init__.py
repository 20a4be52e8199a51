"""The `tracker` commands for routine jobs, one small module each; `tracker.cli` only dispatches to them."""

from __future__ import annotations

import argparse
from typing import Callable

from . import action, as_at, assess, deadline, edit_source, init, meeting, owner, response, review, source, update

DataOption = Callable[[argparse.ArgumentParser], None]


def register(commands, new_kinds, data_option: DataOption) -> None:
    """Add every routine job's sub-command: top-level ones to ``commands``, `tracker new ...` ones to ``new_kinds``."""
    init.register(commands)
    review.register(new_kinds, data_option)
    source.register(new_kinds, data_option)
    meeting.register(new_kinds, data_option)
    owner.register_new(new_kinds, data_option)
    adding = commands.add_parser("add", help="add a progress update, or an action to a response",
                                 description="Add something to a record that exists.")
    add_kinds = adding.add_subparsers(title="what to add", metavar="KIND")
    adding.set_defaults(run=lambda args: (adding.print_help(), 2)[1])
    update.register(add_kinds, data_option)
    action.register(add_kinds, data_option)
    owner.register_alias(add_kinds, data_option)
    editing = commands.add_parser("edit", help="correct a source document's fields",
                                  description="Correct a record's fields by command, keeping the rest of its file.")
    edit_kinds = editing.add_subparsers(title="what to correct", metavar="KIND")
    editing.set_defaults(run=lambda args: (editing.print_help(), 2)[1])
    edit_source.register(edit_kinds, data_option)
    recording = commands.add_parser("record", help="record the executive's (or committee's) response",
                                    description="Record something a source states about a record.")
    record_kinds = recording.add_subparsers(title="what to record", metavar="KIND")
    recording.set_defaults(run=lambda args: (recording.print_help(), 2)[1])
    response.register(record_kinds, data_option)
    moving = commands.add_parser("move", help="record that a deadline moved",
                                 description="Record that a due date changed, keeping the original.")
    move_kinds = moving.add_subparsers(title="what moved", metavar="KIND")
    moving.set_defaults(run=lambda args: (moving.print_help(), 2)[1])
    deadline.register(move_kinds, data_option)
    assess.register(commands, data_option)
    as_at.register(commands, data_option)
