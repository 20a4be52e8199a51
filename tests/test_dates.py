"""EDTF dates: parsing, precision, bounds and words."""

from datetime import date

import pytest

from tracker import dates
from tracker.model import DateValue


@pytest.mark.parametrize(
    "text, precision, earliest, latest, words",
    [
        ("2020-11-26", "day", date(2020, 11, 26), date(2020, 11, 26), "26 November 2020"),
        ("2020-03", "month", date(2020, 3, 1), date(2020, 3, 31), "March 2020"),
        ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29), "February 2020"),
        ("2019", "year", date(2019, 1, 1), date(2019, 12, 31), "2019"),
        ("2020-04~", "approximate", date(2020, 4, 1), date(2020, 4, 30), "about April 2020"),
        ("2020-07/2020-09", "range", date(2020, 7, 1), date(2020, 9, 30), "between July 2020 and September 2020"),
        ("2020-04/..", "range", date(2020, 4, 1), None, "from April 2020"),
    ],
)
def test_parse_keeps_precision_and_bounds(text, precision, earliest, latest, words):
    parsed = dates.parse(text)
    assert parsed.precision == precision
    assert parsed.earliest == earliest
    assert parsed.latest == latest
    assert parsed.words() == words


@pytest.mark.parametrize(
    "text, message",
    [
        ("2021-02-30", "not a real day: February 2021 has 28 days"),
        ("2020-13", "month 13"),
        ("31/01/2021", "not a date in the form"),
        ("2020-09/2020-07", "ends before it starts"),
        ("../..", "neither a start nor an end"),
    ],
)
def test_bad_dates_are_explained(text, message):
    with pytest.raises(dates.EdtfError, match=message):
        dates.parse(text)


def test_page_shows_source_wording_not_machine_precision():
    assert DateValue(as_written="End of March 2020", edtf="2020-03").words() == "End of March 2020"


def test_unstated_date_says_so_and_is_marked_inferred():
    value = DateValue(edtf="2020-07/2020-09", note="The minutes never state the date.")
    assert value.words() == "Not stated; between July 2020 and September 2020 (inferred)"


def test_condition_without_date_sorts_last():
    condition = DateValue(as_written="When policies are reviewed or new ones are created")
    dated = DateValue(edtf="2031")
    assert condition.precision == "none"
    assert sorted([condition, dated], key=DateValue.sort_key) == [dated, condition]
