"""Make it a habit: twist breaks downloaded as a calendar file, and reminders while the page is open.

The file is built in Chromium from the reader's choices and parsed here with `icalendar`, as a
calendar would read it. The reminders run under Playwright's clock, with the page's
Notification constructor wrapped so that each notification it shows is counted.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import axe_violations, handler_with_policy, new_context, pdf_text, print_to_pdf, serve
from icalendar import Calendar, Event
from playwright.sync_api import Browser, BrowserContext, Page, expect

HABIT = "daily-habit/"
# Wednesday 25 November 2026, 09:00 in London (UTC in winter).
WEDNESDAY_MORNING = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]
# The same stop signals as every page's, an arm included (the brief's third edition).
STOP_SIGNALS = (
    "Stop if you feel sharp, stabbing or burning pain, pain that shoots down an arm or a leg, "
    "new numbness or tingling, or you feel dizzy or faint."
)
CHECK_FIRST = (
    "Check first: if you have a slipped disc or sciatica that flared up recently, weak bones, a hip replacement or "
    "recent surgery, or you are pregnant, ask a doctor or physiotherapist before you twist."
)
# The tutorial page itself, not its timer: the check comes before the steps (the fourth edition).
CHAIR_TWIST = "chair-twist/"

COUNT_NOTIFICATIONS = """
window.shownNotifications = [];
if (window.Notification) {
  const RealNotification = window.Notification;
  window.Notification = class extends RealNotification {
    constructor(title, options) {
      super(title, options);
      shownNotifications.push({ title, at: Date.now() });
      window.lastNotification = this;
    }
  };
}
"""

WATCH_POLICY = """
window.policyViolations = [];
addEventListener("securitypolicyviolation", (event) => policyViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


@pytest.fixture
def london(browser: Browser) -> Iterator[BrowserContext]:
    context = new_context(browser, timezone_id="Europe/London")
    yield context
    context.close()


@pytest.fixture
def habit(london: BrowserContext, site_url: str) -> Page:
    """The habit page on Wednesday morning, scrolled to the calendar form."""
    page = london.new_page()
    page.clock.install(time=WEDNESDAY_MORNING)
    page.goto(site_url + HABIT + "#calendar")
    return page


def download_calendar(page: Page) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar file").click()
    assert download.value.suggested_filename == "twist-breaks.ics"
    return Path(download.value.path()).read_bytes()


def events_of(data: bytes) -> list[Event]:
    return Calendar.from_ical(data).walk("VEVENT")


def watch_downloads(page: Page) -> list[object]:
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    return downloads


# ---- The calendar file ----


def test_default_choices_give_three_weekday_breaks_of_five_minutes(habit: Page, site_url: str) -> None:
    calendar = Calendar.from_ical(download_calendar(habit))
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert [event.decoded("DTSTART").time() for event in events] == [time(10, 30), time(14, 0), time(16, 0)]
    for event in events:
        start = event.decoded("DTSTART")
        assert start.tzinfo is None, "floating time: the reader's own clock wherever they are"
        assert start.date() == date(2026, 11, 25), "the first chosen day from today on"
        assert event.decoded("DTEND") - start == timedelta(minutes=5)
        assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == WEEKDAYS
        assert str(event["SUMMARY"]) == "Twist break"
        assert event["UID"] and event.decoded("DTSTAMP").tzinfo is not None


def test_each_break_has_an_alarm_at_its_start(habit: Page) -> None:
    for event in events_of(download_calendar(habit)):
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(0)
        assert str(alarm["DESCRIPTION"])


def test_each_break_links_to_the_chair_twist_page_and_says_who_checks_first_and_when_to_stop(habit: Page, site_url: str) -> None:
    for event in events_of(download_calendar(habit)):
        description = str(event["DESCRIPTION"])
        assert description.startswith(CHECK_FIRST)
        assert f"Steps and timer: {site_url + CHAIR_TWIST}\n" in description + "\n"
        assert STOP_SIGNALS in description
        assert "breathe in to lengthen, breathe out to twist" in description
        assert str(event["URL"]) == site_url + CHAIR_TWIST


def test_calendar_file_has_crlf_lines_folded_at_75_octets(habit: Page) -> None:
    data = download_calendar(habit)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the long description is folded"
    # The description holds curly quotes, three octets each: a fold counting characters would
    # run past 75 octets, and one splitting a character would not decode.
    assert "\u201c".encode() in data
    data.decode("utf-8")


def test_description_text_is_escaped(habit: Page) -> None:
    unfolded = download_calendar(habit).decode().replace("\r\n ", "")
    description = re.search(r"^DESCRIPTION:(.*)$", unfolded, re.MULTILINE)[1]
    # Commas, semicolons and line breaks in text are escaped; an unescaped comma separates values.
    assert re.search(r"(?<!\\)[,;]", description) is None, description
    assert "\\, " in description and "\\n" in description


def test_custom_choices_give_the_chosen_times_days_and_length(habit: Page) -> None:
    habit.get_by_role("button", name="Remove break 3").click()
    habit.get_by_label("Break 1", exact=True).fill("9:15")
    habit.get_by_role("button", name="Add a time").click()
    expect(habit.get_by_label("Break 3", exact=True)).to_be_focused()
    habit.get_by_label("Break 3", exact=True).fill("3:45 pm")
    habit.get_by_label("Friday").uncheck()
    habit.get_by_label("Saturday").check()
    habit.get_by_label("Each break lasts").fill("10")
    events = events_of(download_calendar(habit))
    assert [event.decoded("DTSTART").time() for event in events] == [time(9, 15), time(14, 0), time(15, 45)]
    for event in events:
        assert event["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "SA"]
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=10)
    expect(habit.get_by_label("Break 3", exact=True)).to_have_value("15:45")
    expect(habit.locator(".habit-calendar [role=status]")).to_contain_text("3 breaks of 10 minutes")


def test_keyboard_alone_removes_adds_and_downloads(habit: Page) -> None:
    habit.get_by_role("button", name="Remove break 1").focus()
    habit.keyboard.press("Enter")
    expect(habit.get_by_label("Break 1", exact=True)).to_be_focused()
    expect(habit.get_by_label("Break 1", exact=True)).to_have_value("14:00")
    expect(habit.locator(".habit-calendar [role=status]")).to_have_text("Break removed. 2 left.")
    for _ in range(4):
        habit.keyboard.press("Tab")
    expect(habit.get_by_role("button", name="Add a time")).to_be_focused()
    habit.keyboard.press("Enter")
    expect(habit.get_by_label("Break 3", exact=True)).to_be_focused()
    habit.keyboard.type("9:00")
    with habit.expect_download() as download:
        habit.keyboard.press("Enter")
    events = events_of(Path(download.value.path()).read_bytes())
    assert [event.decoded("DTSTART").time() for event in events] == [time(14, 0), time(16, 0), time(9, 0)]


def test_breaks_start_on_the_first_chosen_day(habit: Page) -> None:
    for day in ["Monday", "Tuesday", "Wednesday", "Friday"]:
        habit.get_by_label(day).uncheck()
    [first, *_] = events_of(download_calendar(habit))
    assert first.decoded("DTSTART").date() == date(2026, 11, 26)
    assert first["RRULE"]["BYDAY"] == ["TH"]


def test_same_choices_give_the_same_uids_on_a_second_download(habit: Page) -> None:
    first = [str(event["UID"]) for event in events_of(download_calendar(habit))]
    habit.clock.fast_forward("02:00:00")
    second = [str(event["UID"]) for event in events_of(download_calendar(habit))]
    assert first == second and len(set(first)) == 3
    habit.get_by_label("Break 2", exact=True).fill("14:30")
    changed = [str(event["UID"]) for event in events_of(download_calendar(habit))]
    assert changed[0] == first[0] and changed[2] == first[2]
    assert changed[1] not in first, "a changed time is a new event"


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        (lambda page: [page.get_by_label(day).uncheck() for day in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]], "Tick at least one day.", None),
        (lambda page: page.get_by_label("Break 2", exact=True).fill("25:00"), "25:00 is not a time of day", "Break 2"),
        (lambda page: page.get_by_label("Each break lasts").fill("0"), "1 to 60 whole minutes", "Each break lasts"),
        (lambda page: page.get_by_label("Each break lasts").fill(""), "1 to 60 whole minutes: enter how many.", "Each break lasts"),
    ],
    ids=["no day ticked", "a time like 25:00", "a length of zero", "no length"],
)
def test_bad_choices_get_a_message_and_no_file(
    habit: Page, change: Callable[[Page], object], message: str, field: str | None
) -> None:
    downloads = watch_downloads(habit)
    change(habit)
    habit.get_by_role("button", name="Download calendar file").click()
    expect(habit.get_by_role("alert")).to_contain_text(message)
    if field:
        expect(habit.get_by_label(field, exact=True)).to_have_attribute("aria-invalid", "true")
        expect(habit.get_by_label(field, exact=True)).to_have_accessible_description(re.compile(re.escape(message)))
    else:
        expect(habit.get_by_role("group", name="Days")).to_have_accessible_description(message)
    habit.wait_for_timeout(300)
    assert downloads == []


def test_fixing_a_bad_choice_clears_its_message(habit: Page) -> None:
    habit.get_by_label("Break 2", exact=True).fill("25:00")
    habit.get_by_role("button", name="Download calendar file").click()
    habit.get_by_label("Break 2", exact=True).fill("15:00")
    download_calendar(habit)
    expect(habit.locator(".habit-problems")).to_be_empty()
    expect(habit.get_by_label("Break 2", exact=True)).not_to_have_attribute("aria-invalid", "true")


# ---- A link with choices ----


def test_link_with_choices_fills_the_form_and_scrolls_to_it(london: BrowserContext, site_url: str) -> None:
    page = london.new_page()
    page.clock.install(time=WEDNESDAY_MORNING)
    downloads = watch_downloads(page)
    page.goto(site_url + HABIT + "?times=10:30,15:00&days=mon,wed&length=10#calendar")
    expect(page.get_by_label("Break 1", exact=True)).to_have_value("10:30")
    expect(page.get_by_label("Break 2", exact=True)).to_have_value("15:00")
    expect(page.get_by_label("Break 3", exact=True)).to_have_count(0)
    expect(page.get_by_label("Monday")).to_be_checked()
    expect(page.get_by_label("Tuesday")).not_to_be_checked()
    expect(page.get_by_label("Each break lasts")).to_have_value("10")
    expect(page.get_by_role("heading", name="Add twist breaks to your calendar")).to_be_in_viewport()
    page.wait_for_timeout(300)
    assert downloads == [], "the file waits for the reader's click"
    events = events_of(download_calendar(page))
    assert [event["RRULE"]["BYDAY"] for event in events] == [["MO", "WE"]] * 2
    assert events[1].decoded("DTEND") - events[1].decoded("DTSTART") == timedelta(minutes=10)


def test_link_without_a_fragment_still_scrolls_to_the_form(page: Page, site_url: str) -> None:
    page.goto(site_url + HABIT + "?times=8:00")
    expect(page.get_by_label("Break 1", exact=True)).to_have_value("8:00")
    expect(page.get_by_role("heading", name="Add twist breaks to your calendar")).to_be_in_viewport()


def test_a_link_of_thousands_of_times_fills_twenty_four_with_one_message(page: Page, site_url: str) -> None:
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    # As long as a test server takes (64 KB): 20,000 times, 6,000 words that are no day.
    times = ",".join(["9"] * 20_000)
    days = ",".join(["xx"] * 6_000)
    page.goto(site_url + HABIT + f"?times={times}&days={days}#calendar")
    expect(page.get_by_label("Break 24", exact=True)).to_have_value("9")
    expect(page.get_by_label("Break 25", exact=True)).to_have_count(0)
    assert [text for text in warnings if "break times" in text] == [
        "Unstuck: the address lists more than 24 break times; the first 24 are used."
    ]
    assert len([text for text in warnings if "days=" in text]) == 1


def test_link_with_a_bad_choice_says_what_is_wrong_at_once(page: Page, site_url: str) -> None:
    page.goto(site_url + HABIT + "?times=10:30,25:00#calendar")
    expect(page.get_by_role("alert")).to_contain_text("Break 2: 25:00 is not a time of day")


# A link's length that a number field cannot hold reads back as an empty field: the message
# quotes the link's value, cut short, never "nothing".
@pytest.mark.parametrize(("language", "length", "said"), [
    ("en", "abc", "Each break lasts 1 to 60 whole minutes: abc will not do."),
    ("en", "9" * 400, f"Each break lasts 1 to 60 whole minutes: {'9' * 40} will not do."),
    ("es", "abc", "Cada pausa dura de 1 a 60 minutos enteros: abc no sirve."),
])  # fmt: skip
def test_a_links_length_the_field_cannot_hold_is_quoted_in_its_message(page: Page, site_url: str, language: str, length: str, said: str) -> None:
    page.goto(site_url + ("es/" if language == "es" else "") + HABIT + f"?length={length}#calendar")
    expect(page.locator("#habit-length-error")).to_have_text(said)


# One break, one minute: the words' singular forms, in each language, chosen by Intl.PluralRules.
@pytest.mark.parametrize(("language", "left", "downloaded"), [
    ("en", "Break removed. 1 left.",
     "Downloaded twist-breaks.ics: 1 break of 1 minute, Monday to Friday, at 16:00. Open the file to add it to your calendar."),
    ("es", "Pausa quitada. Queda 1.",
     "Descargado pausas-para-girar.ics: 1 pausa de 1 minuto, de lunes a viernes, a las 16:00. Abra el archivo para añadirla a su calendario."),
])  # fmt: skip
def test_one_break_of_one_minute_is_said_in_the_singular(page: Page, site_url: str, language: str, left: str, downloaded: str) -> None:
    page.goto(site_url + ("es/" if language == "es" else "") + HABIT + "#calendar")
    status = page.locator(".habit-calendar [role=status]")
    for _ in range(2):
        page.locator(".habit-remove-time").first.click()
    expect(status).to_have_text(left)
    page.locator("#habit-length").fill("1")
    with page.expect_download():
        page.locator(".habit-calendar [type=submit]").click()
    expect(status).to_have_text(downloaded)


# ---- Reminders while the page is open ----


@pytest.fixture
def reminding(full_chromium: Browser, site_url: str) -> Iterator[Page]:
    """The habit page where the reader has allowed notifications, its clock under test control.
    In the whole Chromium: its headless shell refuses notifications whatever is granted."""
    context = new_context(full_chromium)
    context.grant_permissions(["notifications"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.add_init_script(COUNT_NOTIFICATIONS)
    page.clock.install(time=WEDNESDAY_MORNING)
    page.goto(site_url + HABIT + "#reminder")
    yield page
    context.close()


def reminder_times(page: Page) -> list[int]:
    return page.evaluate("shownNotifications.filter((n) => n.title === 'Time for a twist break').map((n) => n.at)")


def test_reminder_fires_at_the_chosen_interval_and_stops_when_asked(reminding: Page) -> None:
    reminding.clock.pause_at(WEDNESDAY_MORNING + timedelta(minutes=1))
    reminding.get_by_label("Remind me every").fill("20")
    reminding.get_by_role("button", name="Start reminders").click()
    expect(reminding.get_by_role("button", name="Stop reminders")).to_be_focused()
    expect(reminding.locator(".habit-reminder [role=status]")).to_contain_text("every 20 minutes")
    expect(reminding.get_by_label("Remind me every")).not_to_be_editable()
    started = reminding.evaluate("Date.now()")
    reminding.clock.run_for("19:59")
    assert reminder_times(reminding) == []
    reminding.clock.run_for("00:01")
    reminding.clock.run_for("40:00")
    assert [at - started for at in reminder_times(reminding)] == [20 * 60_000, 40 * 60_000, 60 * 60_000]
    reminding.get_by_role("button", name="Stop reminders").click()
    expect(reminding.locator(".habit-reminder [role=status]")).to_have_text("Reminders are off.")
    expect(reminding.get_by_role("button", name="Start reminders")).to_be_focused()
    expect(reminding.get_by_label("Remind me every")).to_be_editable()
    reminding.clock.run_for("03:00:00")
    assert len(reminder_times(reminding)) == 3


@pytest.mark.parametrize(("address", "browser_language", "first"), [
    ("es/" + HABIT, "en-US", "El primero es a las 13:20."),
    (HABIT, "es-ES", "The first is at 1:20\u202fPM."),
    (HABIT, "en-GB", "The first is at 13:20."),
], ids=["Spanish page, American browser", "English page, Spanish browser", "English page, British browser"])  # fmt: skip
def test_reminder_times_are_written_in_the_pages_language(
    full_chromium: Browser, site_url: str, address: str, browser_language: str, first: str
) -> None:
    """The page's language, not the browser's; a British browser keeps its 24-hour clock on an English page."""
    context = new_context(full_chromium, locale=browser_language, timezone_id="Europe/London")
    context.grant_permissions(["notifications"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.clock.install(time=datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
    page.goto(site_url + address + "#reminder")
    page.locator("#habit-every").fill("20")
    page.locator(".habit-start").click()
    expect(page.locator(".habit-reminder [role=status]")).to_contain_text(first)
    context.close()


def test_reminders_end_when_the_reader_leaves_the_page(reminding: Page) -> None:
    reminding.get_by_label("Remind me every").fill("10")
    reminding.get_by_role("button", name="Start reminders").click()
    reminding.get_by_role("navigation", name="Navigation").get_by_role("link", name="Safety").first.click()
    expect(reminding).to_have_title(re.compile("Safety"))
    assert reminding.evaluate("shownNotifications.length") > 0, "instant navigation kept the page's scripts"
    reminding.clock.run_for("01:00:00")
    assert reminder_times(reminding) == []


def test_clicking_a_reminder_opens_the_chair_twist_page_at_its_top(reminding: Page, site_url: str) -> None:
    reminding.get_by_role("button", name="Start reminders").click()
    reminding.clock.run_for("50:00")
    with reminding.context.expect_page() as opened:
        reminding.evaluate("lastNotification.dispatchEvent(new Event('click'))")
    expect(opened.value).to_have_url(site_url + CHAIR_TWIST)
    expect(opened.value.get_by_role("link", name="if this twist is right for you")).to_be_in_viewport()


def test_refused_notifications_are_explained_and_the_calendar_offered(page: Page, site_url: str) -> None:
    page.add_init_script(COUNT_NOTIFICATIONS)
    page.goto(site_url + HABIT + "#reminder")
    page.get_by_role("button", name="Start reminders").click()
    status = page.locator(".habit-reminder [role=status]")
    expect(status).to_contain_text("does not allow this page to show notifications")
    expect(status.get_by_role("link", name="add twist breaks to your calendar")).to_have_attribute("href", "#calendar")
    expect(page.get_by_role("button", name="Start reminders")).to_be_visible()
    assert page.evaluate("shownNotifications") == []


def test_browser_without_notifications_is_told_and_offered_the_calendar(page: Page, site_url: str) -> None:
    page.add_init_script("delete window.Notification;")
    page.goto(site_url + HABIT + "#reminder")
    page.get_by_role("button", name="Start reminders").click()
    status = page.locator(".habit-reminder [role=status]")
    expect(status).to_contain_text("cannot show notifications")
    expect(status.get_by_role("link", name="add twist breaks to your calendar")).to_be_visible()


def test_bad_reminder_interval_gets_a_message(reminding: Page) -> None:
    reminding.get_by_label("Remind me every").fill("0")
    reminding.get_by_role("button", name="Start reminders").click()
    field = reminding.get_by_label("Remind me every")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("from 5 to 240"))
    assert reminding.evaluate("shownNotifications") == []


# ---- Everywhere the page is read ----


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_habit_page_with_its_messages_shown_has_no_axe_violation(page: Page, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + HABIT)
    page.get_by_label("Break 2", exact=True).fill("25:00")
    page.get_by_label("Each break lasts").fill("0")
    page.get_by_role("button", name="Download calendar file").click()
    page.get_by_role("button", name="Start reminders").click()
    expect(page.locator(".habit-reminder [role=status]")).not_to_be_empty()
    assert axe_violations(page) == []


def test_form_works_after_instant_navigation_from_another_page(habit: Page, site_url: str) -> None:
    habit.goto(site_url + "safety/")
    habit.evaluate("window.sameDocument = true")
    habit.get_by_role("navigation", name="Navigation").get_by_role("link", name="Make it a habit").first.click()
    expect(habit.get_by_label("Break 1", exact=True)).to_have_value("10:30")
    assert habit.evaluate("window.sameDocument") is True
    assert len(events_of(download_calendar(habit))) == 3


def test_without_javascript_the_page_says_the_form_needs_it(browser: Browser, site_url: str) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + HABIT)
    expect(page.get_by_text("This form needs JavaScript")).to_be_visible()
    expect(page.get_by_role("button", name="Download calendar file")).to_be_hidden()
    context.close()


def test_printed_page_has_a_note_instead_of_the_forms(page: Page, site_url: str, tmp_path: Path) -> None:
    text = pdf_text(print_to_pdf(page, site_url + HABIT, "A4", tmp_path / "habit.pdf"))
    assert "Add twist breaks to your calendar" in text
    assert "open this page online" in text
    assert "Download calendar file" not in text and "Remind me every" not in text



def test_offline_build_makes_the_file_from_disk_without_a_link(page: Page, offline_site: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_site / "daily-habit.html").as_uri() + "#calendar")
    events = events_of(download_calendar(page))
    assert len(events) == 3
    description = str(events[0]["DESCRIPTION"])
    assert "file:" not in description and "http" not in description and "URL" not in events[0]
    assert STOP_SIGNALS in description
    assert all(url.startswith("file://") for url in requests), requests


def inline_hashes(soup: BeautifulSoup, tag: str) -> str:
    """CSP sources for a page's inline scripts or styles, by their SHA-256."""
    sources = []
    for element in soup.find_all(tag):
        if element.get("src") or element.get("type") == "application/json":
            continue
        digest = hashlib.sha256(element.string.encode()).digest()
        sources.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return " ".join(sources)


@pytest.fixture(scope="module")
def strict_habit_site(site_dir: Path) -> Iterator[str]:
    """The site under a strict policy that allows only Material's own inline scripts, by hash."""
    soup = BeautifulSoup((site_dir / HABIT / "index.html").read_text(encoding="utf-8"), "html.parser")
    policy = f"default-src 'self'; script-src 'self' {inline_hashes(soup, 'script')}; img-src 'self' data:"
    url, stop = serve(site_dir, handler=handler_with_policy(policy))
    yield url
    stop()


def test_calendar_and_reminders_work_under_a_strict_policy(full_chromium: Browser, strict_habit_site: str) -> None:
    context = new_context(full_chromium)
    context.grant_permissions(["notifications"], origin=strict_habit_site.rstrip("/"))
    page = context.new_page()
    page.add_init_script(WATCH_POLICY + COUNT_NOTIFICATIONS)
    page.goto(strict_habit_site + HABIT + "?times=9:00,25:00#calendar")
    expect(page.get_by_role("alert")).to_contain_text("25:00")
    page.get_by_label("Break 2", exact=True).fill("13:00")
    assert len(events_of(download_calendar(page))) == 2
    page.get_by_role("button", name="Start reminders").click()
    expect(page.get_by_role("button", name="Stop reminders")).to_be_visible()
    assert page.evaluate("policyViolations") == []
    context.close()
