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
        ("2020-07/2020-09", "range", date(2020, 7, 1), date(2020, 9, 30), "between July and September 2020"),
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
    assert value.words() == "Not stated; between July and September 2020 (inferred)"


@pytest.mark.parametrize(
    "edtf, words",
    [
        ("2020-11-26", "26 November 2020"),
        ("2020-03", "March 2020"),
        ("2020-06/2020-09", "between June and September 2020"),
        ("2020-06-03/2020-06-05", "between 3 and 5 June 2020"),
        ("2020-06-03/2020-09-05", "between 3 June and 5 September 2020"),
        ("2019-12/2020-03", "between December 2019 and March 2020"),  # two years: both said
        ("2017/2018", "between 2017 and 2018"),
        ("2020-21/2020-23", "between spring and autumn 2020"),
        ("2020-04~/2020-06", "between about April 2020 and June 2020"),  # an approximate end keeps its year
        ("2019~", "about 2019"),
        ("2020-22", "summer 2020"),
        ("2020-04/..", "from April 2020"),
    ],
)
def test_the_house_style_is_gov_uk_and_never_more_precise_than_the_date(edtf, words):
    assert DateValue(edtf=edtf, note="Worked out.").house() == words


@pytest.mark.parametrize(
    "as_written, edtf, house, differs",
    [
        ("31st January 2021", "2021-01-31", "31 January 2021", True),
        ("26/11/2020", "2020-11-26", "26 November 2020", True),
        ("15 September", "2020-09-15", "15 September 2020", True),
        ("End of March 2020", "2020-03", "March 2020", True),
        ("a year previously", "2019~", "about 2019", True),
        ("March 2020", "2020-03", "March 2020", False),
        ("26 November 2020.", "2020-11-26", "26 November 2020", False),  # a full stop is not a difference
    ],
)
def test_the_source_words_are_kept_beside_the_house_style_when_they_differ(as_written, edtf, house, differs):
    value = DateValue(as_written=as_written, edtf=edtf)
    assert value.house() == house
    assert value.source_differs() is differs


def test_a_condition_keeps_its_own_words_and_a_missing_date_says_so():
    assert DateValue(as_written="When policies are reviewed or new ones are created").house() == \
        "When policies are reviewed or new ones are created"
    assert DateValue(as_written="When policies are reviewed").source_differs() is False
    assert DateValue(edtf="2020-02/2020-03", note="Inferred.").source_differs() is False


def test_condition_without_date_sorts_last():
    condition = DateValue(as_written="When policies are reviewed or new ones are created")
    dated = DateValue(edtf="2031")
    assert condition.precision == "none"
    assert sorted([condition, dated], key=DateValue.sort_key) == [dated, condition]
