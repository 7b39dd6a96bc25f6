"""Dates as pages write them, read into ISO form."""

from __future__ import annotations

import pytest

from companyscout.extract.dates import date_from_url, find_date, numeric_order, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2018-10-03", "2018-10-03"),
        ("2026-04-18T15:08:04+02:00", "2026-04-18"),
        ("October 3, 2018", "2018-10-03"),
        ("Oct. 3 2018", "2018-10-03"),
        ("March 10th, 2006", "2006-03-10"),
        ("21 Jun, 2026", "2026-06-21"),
        ("Released: 01 June 2005", "2005-06-01"),
        ("News Release: May 11, 2021", "2021-05-11"),
        ("LYON, France — January 23, 2006 — Acme today", "2006-01-23"),
        ("3. März 2021", "2021-03-03"),
        ("3 MÄRZ 2021", "2021-03-03"),
        ("OCTOBER 3, 2018", "2018-10-03"),
        ("1er janvier 2020", "2020-01-01"),
        ("5 de mayo de 2020", "2020-05-05"),
        ("12.03.2021", "2021-03-12"),
        ("2025年11月3日", "2025-11-03"),
        ("2025년 11월 3일", "2025-11-03"),
        ("May 2021", "2021-05"),
    ],
)
def test_written_dates_read_to_their_precision(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["", "since 2020", "03/04/2021", "February 30, 2021", "version 2.4.0", "call 555-1234", "3 March", "May 21"],
)
def test_no_date_is_guessed(text: str) -> None:
    assert parse_date(text) is None


def test_find_date_reports_where_the_date_stands() -> None:
    found = find_date("Trade Weekly: March 22, 2021")
    assert found is not None
    assert (found.iso, found.start) == ("2021-03-22", 14)
    # A dotted capital I lower-cases to two characters: the place is still the text's own.
    found = find_date("İSTANBUL — 3 MARCH 2021: the office opens")
    assert found is not None
    assert (found.iso, found.start, found.end) == ("2021-03-03", 11, 23)


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://acme.com/2023/08/02/launch/", "2023-08-02"),
        ("https://acme.com/news/2018/5/31/advisory-board", "2018-05-31"),
        ("https://acme.com/posts/2026/04/new-species/", "2026-04"),
        ("https://acme.com/press/2021-05-11-contract-award", "2021-05-11"),
        ("https://acme.com/archive/2005/07/18/index.html", "2005-07-18"),
        ("https://acme.com/about/team/", None),
        ("https://acme.com/products/model-2023x/", None),
    ],
)
def test_dates_in_url_paths(url: str, iso: str | None) -> None:
    assert date_from_url(url) == iso


@pytest.mark.parametrize(
    ("text", "day_first", "iso"),
    [
        ("Publié le 03/11/2025", True, "2025-11-03"),
        ("11/03/2025", False, "2025-11-03"),
        ("25/11/2025", None, "2025-11-25"),  # a day above 12 says the order itself
        ("11/25/2025", True, "2025-11-25"),
        ("07/07/2025", None, "2025-07-07"),
        ("03/11/2025", None, None),  # ambiguous, and the page does not say
    ],
)
def test_numeric_dates_read_in_the_page_s_order(text: str, day_first: bool | None, iso: str | None) -> None:
    assert parse_date(text, day_first=day_first) == iso


def test_a_page_s_numeric_order_comes_from_its_dates_then_its_language() -> None:
    assert numeric_order(["Posted 09/18/2025", "Posted 03/11/2025"], "de") is False
    assert numeric_order(["18/09/2025"], "en-us") is True
    assert numeric_order(["03/11/2025"], "fr") is True
    assert numeric_order(["03/11/2025"], "en-us") is False
    assert numeric_order(["03/11/2025"], None) is None


@pytest.mark.parametrize("text", ["2 days ago", "3 weeks ago", "last year", "il y a 2 jours", "vor 3 Tagen"])
def test_relative_dates_are_not_dates(text: str) -> None:
    assert parse_date(text) is None
