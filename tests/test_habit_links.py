"""A habit link's days (`?days=`) in either language: day names the page's language uses are
taken, and a word that is no day is said beside the days, never dropped silently."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize(("address", "checked", "said"), [
    ("daily-habit/?days=mon,wednesday,funday#calendar", ["Monday", "Wednesday"], "The link's “funday” was left out: it is not a day of the week."),
    ("daily-habit/?days=mon&days=fri#calendar", ["Monday", "Friday"], ""),
    ("es/daily-habit/?days=mon,miércoles,vie#calendar", ["Lunes", "Miércoles", "Viernes"], ""),
    ("es/daily-habit/?days=lun,mar,mie,jue,vie#calendar", ["Lunes", "Martes", "Miércoles", "Jueves", "Viernes"], ""),
    ("es/daily-habit/?days=lun,domingos,xx#calendar", ["Lunes"], "Del enlace se han dejado fuera “domingos”, “xx”: no son días de la semana."),
])  # fmt: skip
def test_a_links_days_are_read_in_english_or_the_pages_language_and_the_rest_is_said(
    page: Page, site_url: str, address: str, checked: list[str], said: str
) -> None:
    page.goto(site_url + address)
    days = page.locator(".habit-days input[name=day]")
    expect(days.first).to_be_attached()
    ticked = page.locator(".habit-days label:has(input:checked)")
    expect(ticked).to_have_count(len(checked))
    assert [label.strip() for label in ticked.all_inner_texts()] == checked
    error = page.locator("#habit-days-error")
    if said:
        expect(error).to_have_text(said)
        expect(error).to_be_visible()
    else:
        expect(error).to_have_text("")
