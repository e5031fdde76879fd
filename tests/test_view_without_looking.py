"""The follow-along view for someone turned away from the screen: cues told apart by ear, the
side told at a glance, an in-breath that shows, every screen, a modal view, and a timer that
works wherever it is put (a shadow root, a same-origin frame).

Sounds are recorded from the real Web Audio calls; brightness is measured from screenshots.
"""

from __future__ import annotations

import base64

import pytest
from helpers import transitions_ended
from playwright.sync_api import Page, expect
from timer_pages import BUTTONS, CONTRAST, begin, events

# Every oscillator the timer makes, with its notes (the frequency's set-and-ramp pairs, in
# seconds from the moment it was made) and its loudness envelope; every vibration pattern.
RECORD_CUES = """
window.sounds = [];
window.vibrations = [];
navigator.vibrate = (pattern) => vibrations.push({ at: performance.now(), pattern }) > 0;
const createOscillator = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  const oscillator = createOscillator.call(this);
  const sound = { at: performance.now(), notes: [] };
  const made = this.currentTime;
  sounds.push(sound);
  const { frequency } = oscillator;
  const set = frequency.setValueAtTime, ramp = frequency.linearRampToValueAtTime;
  frequency.setValueAtTime = function (hz, time) { sound.notes.push({ from: hz, start: time - made }); return set.call(this, hz, time); };
  frequency.linearRampToValueAtTime = function (hz, time) { Object.assign(sound.notes.at(-1), { to: hz, end: time - made }); return ramp.call(this, hz, time); };
  return oscillator;
};
const createGain = AudioContext.prototype.createGain;
AudioContext.prototype.createGain = function () {
  const node = createGain.call(this);
  const curve = node.gain.setValueCurveAtTime;
  node.gain.setValueCurveAtTime = function (values, time, duration) { sounds.at(-1).envelope = [...values]; return curve.call(this, values, time, duration); };
  return node;
};
"""

# Where the browser refuses full screen: an iPhone, a frame without allow="fullscreen".
REFUSE_FULLSCREEN = "Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Full screen is not allowed here'));"

# Whether the page's first link takes focus: the page behind a modal view is inert, and does not.
LINK_TAKES_FOCUS = "() => { const link = document.querySelector('a[href]'); link.focus(); return document.activeElement === link; }"

# Mean WCAG relative luminance of each PNG (base 64), decoded and read in the browser.
MEAN_LUMINANCE = """async (images) => {
  const linear = (v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const means = [];
  for (const image of images) {
    const bytes = Uint8Array.from(atob(image), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += 0.2126 * linear(data[i] / 255) + 0.7152 * linear(data[i + 1] / 255) + 0.0722 * linear(data[i + 2] / 255);
    means.push(sum / (data.length / 4));
  }
  return means;
}"""

# How many lines an element's text takes.
LINES = """(selector) => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector(selector));
  return new Set([...range.getClientRects()].map((rect) => Math.round(rect.bottom))).size;
}"""

SCREENS = {"small phone": (320, 568), "phone": (360, 640), "tall phone": (390, 844), "phone on its side": (844, 390), "laptop": (1280, 800)}
RIGHT, LEFT = 4_000, 40_000  # moments of the default session on each side


def ratio(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def luminance(page: Page, *images: bytes) -> list[float]:
    return page.evaluate(MEAN_LUMINANCE, [base64.b64encode(image).decode() for image in images])


def box(page: Page, selector: str) -> dict:
    return page.locator("breath-timer " + selector).first.bounding_box()



def note_shape(sound: dict) -> tuple:
    """What an ear tells apart without perfect pitch: how many notes, and which way each one
    and the figure as a whole go."""
    way = lambda a, b: "up" if b > a else "down" if b < a else "level"  # noqa: E731
    notes = sound["notes"]
    return len(notes), tuple(way(n["from"], n["to"]) for n in notes), tuple(way(a["from"], b["from"]) for a, b in zip(notes, notes[1:]))


def test_the_five_sounds_differ_by_note_count_or_pitch_direction(page: Page, timer_page) -> None:
    page.add_init_script(RECORD_CUES)
    timer_page('<breath-timer breaths="1" sides="2" prepare="1" switch="1" inhale="2" exhale="2"></breath-timer>')
    begin(page.locator("breath-timer"))
    page.clock.run_for(1_500)
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(1_000)
    page.get_by_role("button", name="Resume").click()
    resumed = page.evaluate("performance.now()")
    page.clock.run_for(20_000)
    sounds = page.evaluate("sounds")
    at = {round(sound["at"]): sound for sound in sounds}
    heard = {event["detail"]["phase"]: at[round(event["at"])] for event in events(page)}
    heard["resume"] = at[round(resumed)]
    assert len(sounds) == 8  # seven phases and the resume
    shapes = {name: note_shape(heard[name]) for name in ("inhale", "exhale", "switch", "done", "resume")}
    assert shapes == {
        "inhale": (1, ("up",), ()),
        "exhale": (1, ("down",), ()),
        "switch": (3, ("level",) * 3, ("level", "level")),
        "done": (3, ("level",) * 3, ("down", "down")),
        "resume": (2, ("level", "level"), ("up",)),
    }
    assert len(set(shapes.values())) == 5
    for sound in sounds:
        # Each note fades in and out on its own, so three notes are heard as three.
        envelope = sound["envelope"]
        assert sum(1 for a, b in zip(envelope, envelope[1:]) if a == 0 and b > 0) == len(sound["notes"]), sound
        assert sound["notes"][-1]["end"] - sound["notes"][0]["start"] <= 0.61  # a cue lasts 0.6 s


def test_changing_sides_vibrates_in_its_own_pattern(page: Page, timer_page) -> None:
    page.add_init_script(RECORD_CUES)
    timer_page('<breath-timer breaths="1" sides="2" prepare="1" switch="1"></breath-timer>')
    begin(page.locator("breath-timer"))
    page.clock.run_for(20_000)
    felt = {event["detail"]["phase"]: vibration["pattern"] for event, vibration in zip(events(page), page.evaluate("vibrations"))}
    assert felt["switch"] not in (felt["inhale"], felt["exhale"])
    assert felt["inhale"] != felt["exhale"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_start_of_every_in_breath_shows_as_a_step_in_brightness(tutorial, scheme: str) -> None:
    page = tutorial((390, 844), scheme)
    steps = {}
    elapsed = 0
    # The default pace: 3 s to get ready, then 2.5 s in and 3.5 s out.
    for name, moment in (("first in", 3_000), ("out", 5_500), ("second in", 9_000)):
        page.clock.run_for(moment - 30 - elapsed)
        before = page.locator("breath-timer .bt-shape").screenshot(animations="disabled")
        page.clock.run_for(60)
        after = page.locator("breath-timer .bt-shape").screenshot(animations="disabled")
        elapsed = moment + 30
        steps[name] = ratio(*luminance(page, before, after))
    assert steps["first in"] >= 1.5, steps
    assert steps["second in"] >= 1.5, steps
    assert steps["out"] >= 1.5, steps


# What a reader's system may ask for. Material picks its palette at load; forced colours and
# reduced motion apply at once when a reader's system switches them on.
CONDITIONS = {
    "light": {"color_scheme": "light"},
    "dark": {"color_scheme": "dark"},
    "forced colours": {"forced_colors": "active"},
    "forced colours, dark": {"forced_colors": "active", "color_scheme": "dark"},
    "reduced motion": {"reduced_motion": "reduce"},
}


def palette_of(condition: str) -> str:
    return CONDITIONS[condition].get("color_scheme", "light")


@pytest.mark.parametrize("screen", ["small phone", "phone on its side", "laptop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_right_and_left_differ_at_a_glance_not_by_hue_alone(page: Page, tutorial, scheme: str, screen: str) -> None:
    """The screen's edge on the side to turn to differs from the other edge by 3:1 or more in
    brightness, and on a wide screen the shape stands on that side too: in each condition of the
    palette, one session a palette, the conditions switched on in turn at each side."""
    conditions = [condition for condition in CONDITIONS if palette_of(condition) == scheme]
    width, height = SCREENS[screen]
    tutorial((width, height), scheme)
    edges = {}
    for side, moment in (("right", RIGHT), ("left", LEFT - RIGHT)):
        page.clock.run_for(moment)
        for condition in conditions:
            page.emulate_media(**{"forced_colors": "none", "reduced_motion": "no-preference"} | CONDITIONS[condition])
            transitions_ended(page.locator("breath-timer"))
            strip = round(width * 0.08)
            left_edge = page.screenshot(clip={"x": 0, "y": 0, "width": strip, "height": height})
            right_edge = page.screenshot(clip={"x": width - strip, "y": 0, "width": strip, "height": height})
            edges[condition, side] = luminance(page, left_edge, right_edge)
            assert ratio(*edges[condition, side]) >= 3, (condition, side, edges)
            if width > height:
                shape = box(page, ".bt-shape")
                centre = shape["x"] + shape["width"] / 2
                assert (centre > width / 2) == (side == "right"), (condition, side, shape)
    for condition in conditions:
        # The band changes edge: the edge that stood out on the right is plain on the left.
        right, left = edges[condition, "right"], edges[condition, "left"]
        assert (right[1] > right[0]) != (left[1] > left[0]), (condition, edges)


PARTS = (".bt-side", ".bt-cue", ".bt-hint", ".bt-shape", ".bt-dots", ".bt-count", ".bt-bar", ".bt-toggle", ".bt-leave")


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_whole_running_view_fits_every_screen(tutorial, screen: str, language: str) -> None:
    width, height = SCREENS[screen]
    page = tutorial((width, height), language=language)
    elapsed = 0
    for moment in (1_000, 4_990, 34_000, "paused"):
        if moment == "paused":
            page.get_by_role("button", name=BUTTONS[language]["pause"]).click()
        else:
            page.clock.run_for(moment - elapsed)
            elapsed = moment
        if moment == 34_000:  # changing sides: its countdown as large as the side's word must be
            expect(page.locator("breath-timer .bt-countdown")).to_be_visible()
            assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('breath-timer .bt-countdown')).fontSize)") >= 0.05 * height
        boxes = {part: box(page, part) for part in PARTS}
        for part in (".bt-side", ".bt-cue"):  # each on one line, however long its words
            assert page.evaluate(LINES, "breath-timer " + part) == 1, (moment, part)
        for part, found in boxes.items():
            assert found and found["x"] >= 0 and found["y"] >= 0, (moment, part, found)
            assert found["x"] + found["width"] <= width and found["y"] + found["height"] <= height, (moment, part, found)
        for i, part in enumerate(PARTS):
            for other in PARTS[i + 1 :]:
                assert not overlap(boxes[part], boxes[other]), (moment, part, other)


def test_where_fullscreen_is_refused_the_view_is_modal(page: Page, tutorial) -> None:
    page.add_init_script(REFUSE_FULLSCREEN)
    tutorial((390, 844))
    page.clock.run_for(4_000)
    assert page.evaluate("document.fullscreenElement") is None
    inside = "() => !!document.activeElement.closest('breath-timer')"
    # Past the view's last button focus leaves the page for the browser's own controls (the
    # body, headless), as from a native modal dialog, and comes back into the view.
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.closest('breath-timer') ? 'view' : document.activeElement.localName"))
    assert set(reached) == {"view", "body"}, reached
    assert not page.evaluate(LINK_TAKES_FOCUS)
    page.keyboard.press("Escape")
    expect(page.locator("breath-timer")).not_to_have_attribute("data-view", "")
    for _ in range(12):  # on past the timer's own controls, into the page again
        page.keyboard.press("Tab")
        if not page.evaluate(inside):
            break
    assert page.evaluate("document.activeElement.localName") == "a"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_rings_in_the_view_hold_three_to_one_on_both_sides(tutorial, scheme: str) -> None:
    page = tutorial((390, 844), scheme)
    for moment in (RIGHT, LEFT - RIGHT):
        page.clock.run_for(moment)
        for button in (".bt-toggle", ".bt-leave"):
            page.keyboard.press("Tab")
            while not page.evaluate(f"document.activeElement.matches('breath-timer {button}')"):
                page.keyboard.press("Tab")
            assert page.evaluate(f"getComputedStyle(document.querySelector('breath-timer {button}')).outlineStyle") == "solid"
            assert page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('breath-timer {button}')).outlineWidth)") >= 2
            assert page.evaluate(CONTRAST, ["breath-timer " + button, "outlineColor", None]) >= 3, (scheme, moment, button)


SHADOW_TIMER = """() => {
  const root = document.querySelector('#host').attachShadow({ mode: 'open' });
  root.innerHTML = '<p>Around the timer</p><breath-timer breaths="2" prepare="1"></breath-timer>';
}"""
TEAL = "rgb(0, 105, 92)"


def test_a_timer_in_a_shadow_root_is_styled_and_its_view_stays_open(page: Page, timer_page) -> None:
    timer_page('<a href="#">A link on the page</a><div id="host"></div>')
    page.evaluate(SHADOW_TIMER)
    timer = page.locator("#host breath-timer")
    expect(timer.locator(".bt-toggle").first).to_have_css("background-color", TEAL)
    # Start opens the ready screen, in the view; its own Start starts.
    timer.get_by_role("button", name="Start").click()
    expect(timer.locator(".bt-ready")).to_be_visible()
    timer.get_by_role("button", name="Start").click()
    page.clock.run_for(4_000)
    expect(timer).to_have_attribute("data-view", "")
    assert page.evaluate("document.querySelector('#host').shadowRoot.fullscreenElement.localName") == "breath-timer"
    expect(timer.locator(".bt-ui")).to_have_css("position", "fixed")
    # Space on the focused Pause presses it once: the key handler sees the button through the root.
    page.keyboard.press("Space")
    expect(timer).to_have_attribute("data-state", "paused")
    assert not page.evaluate(LINK_TAKES_FOCUS)


def test_a_timer_moved_into_a_same_origin_frame_is_styled_and_works(page: Page, timer_page) -> None:
    timer_page('<breath-timer breaths="2" prepare="1"></breath-timer><iframe title="Frame"></iframe>')
    page.evaluate("document.querySelector('iframe').contentDocument.body.append(document.querySelector('breath-timer'))")
    frame = page.frame_locator("iframe")
    expect(frame.locator("breath-timer .bt-toggle").first).to_have_css("background-color", TEAL)
    frame.get_by_role("button", name="Start").click()
    expect(frame.locator("breath-timer .bt-ready")).to_be_visible()
    frame.get_by_role("button", name="Start").click()
    page.clock.run_for(2_000)
    expect(frame.locator("breath-timer")).to_have_attribute("data-view", "")
    frame.locator("breath-timer .bt-cue").click()
    page.keyboard.press("Space")
    expect(frame.locator("breath-timer")).to_have_attribute("data-state", "paused")
    page.keyboard.press("Escape")
    expect(frame.locator("breath-timer")).not_to_have_attribute("data-view", "")
