"""A bare page holding <breath-timer> markup and just the timer's script, and helpers to drive it.

Shared by the timer's browser tests. Every breath-timer event is logged with its
performance.now(), whether or not the element is still in the page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

FRAME_MS = 1000 / 60

RECORD_EVENTS = """
window.timerEvents = [];
const dispatch = EventTarget.prototype.dispatchEvent;
EventTarget.prototype.dispatchEvent = function (event) {
  if (event.type.startsWith("breath-timer:")) {
    timerEvents.push({ type: event.type, at: performance.now(), detail: event.detail, connected: this.isConnected, id: this.id });
  }
  return dispatch.call(this, event);
};
"""

# Cues under test: each tone records its pitch from and to, speech what it would say.
FAKE_CUES = """
window.cues = { tones: [], spoken: [], vibrations: 0 };
// What speech was cut short: the line being said when the page cancelled it.
window.cutShort = [];
window.AudioContext = class {
  constructor() { this.currentTime = 0; this.destination = {}; }
  createOscillator() {
    const tone = {};
    cues.tones.push(tone);
    return { frequency: { setValueAtTime: (hz) => (tone.from = hz), linearRampToValueAtTime: (hz) => (tone.to = hz) },
             connect: (gain) => gain, start() {}, stop() {} };
  }
  createGain() { return { gain: { setValueCurveAtTime() {} }, connect: (to) => to }; }
  close() {}
};
speechSynthesis.speak = (utterance) => cues.spoken.push(utterance.text);
speechSynthesis.cancel = () => cutShort.push(cues.spoken.at(-1));
navigator.vibrate = () => ++cues.vibrations > 0;
"""

# Headless Chromium has no voices; a browser that has one.
ONE_VOICE = "speechSynthesis.getVoices = () => [{ name: 'Test voice', lang: 'en-GB' }];"

# A locked-down browser, or a cross-origin frame under strict settings: storage throws.
BLOCKED_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, { get() { throw new DOMException("The access is denied for this document.", "SecurityError"); } });
}
"""

# A wake lock that records its requests and releases.
FAKE_WAKE_LOCK = """
window.wakeLocks = { held: 0, requested: 0 };
Object.defineProperty(navigator, "wakeLock", { value: { request: async () => {
  wakeLocks.held++; wakeLocks.requested++;
  return { release: async () => { wakeLocks.held--; } };
} } });
"""


def expected_schedule(breaths: int = 5, inhale: float = 2.5, exhale: float = 3.5, sides: int = 2, prepare: float = 3, switch: float = 5) -> list[tuple[str, int, int, float]]:
    """(phase, side, breath, start in ms) for every phase, as a person would count them."""
    schedule = [("prepare", 1, 0, 0.0)]
    time = prepare * 1000
    for side in range(1, sides + 1):
        if side > 1:
            schedule.append(("switch", side, 0, time))
            time += switch * 1000
        for breath in range(1, breaths + 1):
            schedule.append(("inhale", side, breath, time))
            time += inhale * 1000
            schedule.append(("exhale", side, breath, time))
            time += exhale * 1000
    schedule.append(("done", sides, breaths, time))
    return schedule


@pytest.fixture
def timer_page(page: Page, site_url: str):
    """Open a bare page (no Material) holding the given markup and just the timer's script."""

    def open_page(body: str, clock: bool = True) -> Page:
        html = (
            '<!doctype html><html lang="en"><head><title>Timer</title>'
            '<script src="/assets/breath-timer.js" defer></script></head>'
            f"<body><main>{body}</main></body></html>"
        )
        page.route(site_url + "timer.html", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.add_init_script(RECORD_EVENTS)
        page.add_init_script(FAKE_WAKE_LOCK)
        if clock:
            page.clock.install(time=0)
        page.goto(site_url + "timer.html")
        page.wait_for_function("() => !!customElements.get('breath-timer')")
        if clock:
            page.clock.pause_at(60_000)  # from here on, time moves only when a test says so
        return page

    return open_page


# The timer's Start and Pause, as a reader finds them in each language.
BUTTONS = {"en": {"start": "Start", "pause": "Pause"}, "es": {"start": "Empezar", "pause": "Pausa"}}


@pytest.fixture
def tutorial(page: Page, site_url: str):
    """The chair twist page at a screen size (width, height), in English or Spanish, its timer
    started from its own Start button and its ready screen's on the test clock, with its events
    recorded."""

    def open_tutorial(size: tuple[int, int] = (1280, 800), scheme: str = "light", language: str = "en") -> Page:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.emulate_media(color_scheme=scheme)
        page.add_init_script(RECORD_EVENTS)
        page.clock.install(time=0)
        page.goto(site_url + ("" if language == "en" else f"{language}/") + "chair-twist/")
        page.wait_for_function("() => !!customElements.get('breath-timer')")
        page.clock.pause_at(60_000)
        begin(page.locator("breath-timer"), BUTTONS[language]["start"])
        return page

    return open_tutorial


def begin(timer: Locator, start: str = "Start") -> None:
    """A session as a reader begins one: the timer's Start, then its ready screen's Start."""
    timer.get_by_role("button", name=start, exact=True).click()
    expect(timer).to_have_attribute("data-state", "ready")
    timer.get_by_role("button", name=start, exact=True).click()


def start(page: Page, selector: str = "breath-timer") -> float:
    """Start a timer; return the page's clock at that moment."""
    return page.evaluate(f"() => {{ const t = performance.now(); document.querySelector('{selector}').start(); return t; }}")


def events(page: Page, kind: str = "breath-timer:phase") -> list[dict]:
    return [event for event in page.evaluate("timerEvents") if event["type"] == kind]


# The contrast ratio (WCAG) of an element's colour against a background, in the page.
CONTRAST = """([selector, property, background]) => {
  const rgb = (css) => { const c = document.createElement('canvas').getContext('2d'); c.fillStyle = css; c.fillRect(0, 0, 1, 1); return [...c.getImageData(0, 0, 1, 1).data].slice(0, 3); };
  const luminance = (css) => rgb(css).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const element = document.querySelector(selector);
  const [a, b] = [luminance(getComputedStyle(element)[property]), luminance(background || getComputedStyle(document.querySelector('breath-timer .bt-ui')).backgroundColor)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""
