"""The timer's cues and the reader's own settings: the cue choice on its face, tones, voice and
vibration, the pace panel, and choices that hold where storage is blocked or holds junk."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from timer_pages import BLOCKED_STORAGE, FAKE_CUES, FRAME_MS, ONE_VOICE, begin, events, start

SHORT = '<breath-timer breaths="1" sides="2" prepare="1" switch="1"></breath-timer>'


def test_cue_choice_is_a_radio_group_named_sound_with_tones_on_a_first_visit(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    choice = page.get_by_role("radiogroup", name="Sound").or_(page.get_by_role("group", name="Sound"))
    expect(choice).to_be_visible()
    assert [choice.get_by_role("radio", name=name).is_visible() for name in ("Silent", "Tones", "Voice")] == [True] * 3
    expect(choice.get_by_role("radio", name="Tones")).to_be_checked()
    # One choice of three: the arrow keys move it, as in any radio group.
    choice.get_by_role("radio", name="Tones").focus()
    page.keyboard.press("ArrowRight")
    expect(choice.get_by_role("radio", name="Voice")).to_be_checked()
    expect(choice.get_by_role("radio", checked=True)).to_have_count(1)


def test_tones_rise_for_in_fall_for_out_and_vibrate(page: Page, timer_page) -> None:
    page.add_init_script(FAKE_CUES)
    timer_page(SHORT)
    begin(page.locator("breath-timer"))
    page.clock.run_for(20_000)
    tones = page.evaluate("cues.tones")
    phases = [event["detail"]["phase"] for event in events(page)]
    assert len(tones) == len(phases) == 7
    for phase, tone in zip(phases, tones):
        if phase == "inhale":
            assert tone["to"] > tone["from"], tone
        if phase == "exhale":
            assert tone["to"] < tone["from"], tone
    assert page.evaluate("cues.vibrations") == 7
    assert page.evaluate("cues.spoken") == []


def test_silent_makes_no_sound_and_no_vibration(page: Page, timer_page) -> None:
    page.add_init_script(FAKE_CUES)
    timer_page(SHORT)
    page.get_by_role("radio", name="Silent").check()
    begin(page.locator("breath-timer"))
    page.clock.run_for(20_000)
    assert page.evaluate("cues") == {"tones": [], "spoken": [], "vibrations": 0}
    assert len(events(page, "breath-timer:done")) == 1


def test_voice_says_each_cue_and_the_side_at_each_change(page: Page, timer_page) -> None:
    page.add_init_script(FAKE_CUES)
    page.add_init_script(ONE_VOICE)
    timer_page(SHORT)
    page.get_by_role("radio", name="Voice").check()
    expect(page.locator("breath-timer .bt-note")).to_be_hidden()
    begin(page.locator("breath-timer"))
    page.clock.run_for(20_000)
    assert page.evaluate("cues.spoken") == [
        "Get ready. Turn right first, only as far as is comfortable.",
        "Breathe in to lengthen",
        "Breathe out to twist",
        "Change sides. Now turn left, only as far as is comfortable.",
        "Breathe in to lengthen",
        "Breathe out to twist",
        "Well done. Both sides done.",
    ]
    assert page.evaluate("cues.tones") == []
    assert page.evaluate("cues.vibrations") == 7


def test_voice_without_voices_falls_back_to_tones_and_says_so(page: Page, timer_page) -> None:
    page.add_init_script(FAKE_CUES)
    timer_page(SHORT)
    page.get_by_role("radio", name="Voice").check()
    note = page.locator("breath-timer .bt-note")
    expect(note).to_have_text("This browser has no voice, so you will hear tones.")
    # Said as it appears, in a live region.
    expect(page.get_by_role("status").filter(has_text="This browser has no voice")).to_have_count(1)
    begin(page.locator("breath-timer"))
    page.clock.run_for(20_000)
    assert page.evaluate("cues.spoken") == []
    assert len(page.evaluate("cues.tones")) == 7


def test_cue_choice_is_remembered_on_the_device(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.get_by_role("radio", name="Silent").check()
    page.reload()
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    expect(page.get_by_role("radio", name="Silent")).to_be_checked()


def test_presets_set_the_pace_and_standard_returns_to_the_pages_own(timer_page) -> None:
    page = timer_page('<breath-timer breaths="7"></breath-timer>')
    page.get_by_role("button", name="Pace").click()
    page.get_by_role("button", name="Slow").click()
    expect(page.get_by_label("Breaths each side", exact=True)).to_have_value("7")
    expect(page.get_by_label("Seconds breathing out", exact=True)).to_have_value("4.5")
    page.get_by_role("button", name="Standard").click()
    expect(page.get_by_label("Breaths each side", exact=True)).to_have_value("7")
    expect(page.get_by_label("Seconds breathing out", exact=True)).to_have_value("3.5")


def test_plus_and_minus_buttons_step_the_pace_within_its_range(timer_page) -> None:
    page = timer_page('<breath-timer breaths="9" inhale="1.5"></breath-timer>')
    page.get_by_role("button", name="Pace").click()
    for _ in range(3):
        page.get_by_role("button", name="Breaths each side: more").click()
    expect(page.get_by_label("Breaths each side", exact=True)).to_have_value("10")
    for _ in range(2):
        page.get_by_role("button", name="Seconds breathing in: less").click()
    expect(page.get_by_label("Seconds breathing in", exact=True)).to_have_value("1")
    # Each step is said in the pace panel's live region.
    expect(page.get_by_role("status").filter(has_text="Seconds breathing in: 1")).to_have_count(1)
    page.get_by_role("button", name="Pace").click()
    expect(page.locator("breath-timer .bt-count")).to_have_text("10 breaths each side")


def test_number_fields_have_a_visible_border(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.get_by_role("button", name="Pace").click()
    field = page.get_by_label("Breaths each side", exact=True)
    assert float(field.evaluate("(input) => parseFloat(getComputedStyle(input).borderTopWidth)")) >= 1
    assert field.evaluate("(input) => getComputedStyle(input).borderTopStyle") == "solid"


@pytest.mark.parametrize("state", ["idle with the pace panel open", "running in the view"])
def test_every_control_is_at_least_44_pixels_square(timer_page, state: str) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    if state.startswith("idle"):
        page.get_by_role("button", name="Pace").click()
    else:
        start(page)
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('breath-timer button, breath-timer input[inputmode], breath-timer .bt-cues label')]
          .filter((control) => control.getClientRects().length)
          .map((control) => [control.textContent || control.getAttribute('aria-label') || control.name,
                             control.getBoundingClientRect().width, control.getBoundingClientRect().height])"""
    )
    assert len(sizes) >= (10 if state.startswith("idle") else 2)
    assert [size for size in sizes if size[1] < 44 or size[2] < 44] == []


def test_choices_hold_for_the_visit_where_storage_is_blocked(page: Page, timer_page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(BLOCKED_STORAGE)
    page.add_init_script(FAKE_CUES)
    timer_page('<breath-timer breaths="1" sides="1" prepare="1"></breath-timer>')
    page.get_by_role("button", name="Pace").click()
    page.get_by_role("button", name="Breaths each side: more").click()
    page.get_by_role("button", name="Pace").click()
    page.get_by_role("radio", name="Silent").check()
    page.get_by_role("radio", name="Tones").check()
    expect(page.locator("breath-timer .bt-count")).to_have_text("2 breaths each side")
    expect(page.get_by_role("radio", name="Tones")).to_be_checked()
    begin(page.locator("breath-timer"))
    page.clock.run_for(20_000)
    assert [event["detail"]["phase"] for event in events(page)] == ["prepare"] + ["inhale", "exhale"] * 2 + ["done"]
    assert len(page.evaluate("cues.tones")) == 6, "tones must play with storage blocked"
    assert errors == []


@pytest.mark.parametrize("junk", ["5", '"text"', "true", "[1, 2]", "null", "{not json", '{"breaths": "lots", "cue": 3}'])
def test_stored_junk_is_ignored_and_new_choices_stick(page: Page, timer_page, junk: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(f"localStorage.setItem('breath-timer', {json.dumps(junk)})")
    timer_page("<breath-timer></breath-timer>")
    expect(page.locator("breath-timer .bt-count")).to_have_text("5 breaths each side")
    expect(page.get_by_role("radio", name="Tones")).to_be_checked()
    page.get_by_role("button", name="Pace").click()
    page.get_by_label("Breaths each side", exact=True).fill("4")
    page.get_by_label("Breaths each side", exact=True).press("Tab")
    page.get_by_role("radio", name="Voice").check()
    expect(page.get_by_label("Breaths each side", exact=True)).to_have_value("4")
    expect(page.get_by_role("radio", name="Voice")).to_be_checked()
    assert json.loads(page.evaluate("localStorage.getItem('breath-timer')")) == {"breaths": 4, "cue": "voice"}
    assert errors == []


def test_storage_is_read_once_for_every_timer_on_the_page(page: Page, timer_page) -> None:
    page.add_init_script(
        """window.storageReads = 0;
        const getItem = Storage.prototype.getItem;
        Storage.prototype.getItem = function (key) { if (key === 'breath-timer') storageReads++; return getItem.call(this, key); };
        localStorage.setItem('breath-timer', JSON.stringify({ breaths: 4, notes: 'x'.repeat(100000) }));"""
    )
    timer_page("<breath-timer></breath-timer>" * 20)
    page.evaluate("document.querySelectorAll('breath-timer').forEach((timer) => timer.reset())")
    start(page)
    page.clock.run_for(30_000)
    assert page.evaluate("storageReads") == 1
    expect(page.locator("breath-timer .bt-count").nth(19)).to_have_text("4 breaths each side")


def test_a_pace_changed_mid_session_applies_at_the_next_start(timer_page) -> None:
    page = timer_page('<breath-timer breaths="1" sides="1" prepare="1"></breath-timer>')
    started = start(page)
    page.clock.run_for(2_000)
    page.get_by_role("button", name="Leave full view").click()  # which pauses
    page.get_by_role("button", name="Pace").click()
    page.get_by_role("button", name="Breaths each side: more").click()
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(10_000)
    (done,) = events(page, "breath-timer:done")
    assert abs(done["at"] - started - 7_000) <= FRAME_MS
    again = start(page)
    page.clock.run_for(20_000)
    assert abs(events(page, "breath-timer:done")[1]["at"] - again - 13_000) <= FRAME_MS
