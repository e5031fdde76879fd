"""What axe cannot see on the site's pages (issue 28): text colour on hover and focus, focus under
the sticky header at 400 % zoom, focus rings, the language a screen reader reads an item in,
and the palette toggle's name against what it does. Measured in Chromium, and read from its
accessibility tree where a screen reader would meet it. The timer's own states are
tests/test_ready_screen.py's and tests/test_follow_along.py's."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TUTORIALS, built_pages, dark_palette, first_visit, transitions_ended
from playwright.sync_api import CDPSession, Page, expect

# The contrast of a colour of an element against what lies behind it, at the end of its
# transitions (Material fades a button's colours on hover and focus), taken there at once.
# Translucent backgrounds are laid over their ancestors' down to the first opaque one.
CONTRAST = """(element, property) => {
  element.getAnimations().filter((animation) => animation instanceof CSSTransition).forEach((animation) => animation.finish());
  const rgba = (text) => {
    const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number);
    return { r, g, b, a };
  };
  const over = (top, below) => {
    const mix = (channel) => top[channel] * top.a + below[channel] * (1 - top.a);
    return { r: mix("r"), g: mix("g"), b: mix("b"), a: 1 };
  };
  const layers = [];
  for (let node = element; node; node = node.parentElement) {
    layers.push(rgba(getComputedStyle(node).backgroundColor));
    if (layers.at(-1).a === 1) break;
  }
  const background = layers.reduceRight((below, top) => over(top, below), { r: 255, g: 255, b: 255, a: 1 });
  const ink = over(rgba(getComputedStyle(element)[property]), background);
  const luminance = (colour) => {
    const linear = (v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b);
  };
  const [light, dark] = [luminance(ink), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}"""

# The focused control's name and whether it is out of sight: off screen, or wholly hidden behind
# something else (no point of a 5x5 grid over its visible part reaches it); null once focus has
# left the page. A palette radio is drawn by its label. Judged at the end of the transitions
# under way (Material's language menu unfolds as focus enters it), taken there at once rather
# than waited for: a quarter of a second a stop, on some 40 stops a walk.
OUT_OF_SIGHT = """() => {
  if (document.activeElement === document.body) return null;
  const transitions = document.getAnimations().filter((animation) => animation instanceof CSSTransition);
  transitions.forEach((transition) => transition.finish());
  const focused = document.activeElement;
  const name = (focused.getAttribute("aria-label") || focused.textContent).trim();
  const element = focused.classList.contains("md-option") ? focused.nextElementSibling : focused;
  const box = element.getBoundingClientRect();
  const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  if (right - left < 1 || bottom - top < 1) return [name, true];
  for (const x of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    for (const y of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const hit = document.elementFromPoint(left + x * (right - left), top + y * (bottom - top));
      if (hit && (element.contains(hit) || hit.contains(element))) return [name, false];
    }
  }
  return [name, true];
}"""

# Each button's words against its background while it has the focus, button by button.
FOCUSED_CONTRASTS = f"""(buttons) => buttons.map((button) => {{
  button.focus();
  const ratio = ({CONTRAST})(button, "color");
  button.blur();
  return ratio;
}})"""

SCHEMES = {"light": "default", "dark": "slate"}


def pages_with_buttons(site_dir: Path) -> list[str]:
    return [url for url, path in built_pages(site_dir).items() if "md-button" in path.read_text(encoding="utf-8")]


def faint_buttons(page: Page, url: str, scheme: str) -> tuple[int, list[str]]:
    """How many of the page's buttons were measured, and each whose words fall under 4.5:1
    hovered or focused."""
    # Buttons shown only later (the habit page's "Stop reminders") take the same rules.
    page.evaluate("document.querySelectorAll('article .md-button[hidden]').forEach((button) => button.hidden = false)")
    buttons = page.locator("article .md-button")
    page.mouse.move(0, 0)  # no button hovered while each is focused in turn
    focused = buttons.evaluate_all(FOCUSED_CONTRASTS)
    hovered = []
    for index in range(len(focused)):
        buttons.nth(index).hover()  # which takes the pointer off the one before
        hovered.append(buttons.nth(index).evaluate(CONTRAST, "color"))
    names = buttons.all_inner_texts()
    faint = [f"{url} ({scheme}) {name!r}: hovered {on_hover:.2f}:1, focused {on_focus:.2f}:1"
             for name, on_hover, on_focus in zip(names, hovered, focused, strict=True) if min(on_hover, on_focus) < 4.5]
    return len(focused), faint


def test_every_button_keeps_its_words_readable_hovered_and_focused(tab: Page, site_dir: Path, site_url: str) -> None:
    measured, faint = 0, []
    for url in pages_with_buttons(site_dir):
        # A first visit each page: Material keeps the toggle's choice for the pages after.
        tab.emulate_media(color_scheme="light")
        first_visit(tab, site_url + url)
        expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        # One load a page: the light palette as loaded, then the dark one in the same load.
        for scheme in ("light", "dark"):
            if scheme == "dark":
                dark_palette(tab)
            count, found = faint_buttons(tab, url, scheme)
            measured, faint = measured + count, faint + found
    assert faint == []
    assert measured >= 40  # in each palette: the home pages' two, the tutorials' guided start and print, the habit pages'


def focus_walk(page: Page, key: str) -> list[str]:
    """Every control reached with `key` from the page's start (Tab) or end (Shift+Tab) that is
    out of sight, by name. A walk ends where focus leaves the page, so the next walk starts
    from outside it, as on a page just opened."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)" if key == "Shift+Tab" else "window.scrollTo(0, 0)")
    hidden, stops = [], 0
    for _ in range(300):
        page.keyboard.press(key)
        focused = page.evaluate(OUT_OF_SIGHT)
        if focused is None:
            break
        stops += 1
        name, out_of_sight = focused
        if out_of_sight:
            hidden.append(name[:40])
    assert stops >= 30, f"the walk ended after {stops} stops"
    return hidden


@pytest.mark.parametrize("url", [*TUTORIALS, *("es/" + url for url in TUTORIALS)])
def test_no_focused_control_hides_under_the_header_or_off_screen_at_400_percent(page: Page, site_url: str, url: str) -> None:
    # 1280x1024 at 400 %: the sticky header covers a fifth of the screen, the menu is a drawer.
    page.set_viewport_size({"width": 320, "height": 256})
    page.goto(site_url + url)
    hidden = {key: focus_walk(page, key) for key in ("Tab", "Shift+Tab")}
    assert hidden == {"Tab": [], "Shift+Tab": []}


def test_headings_reached_by_address_stay_clear_of_the_header(page: Page, site_url: str) -> None:
    # The room kept for focus under the header is not added twice to Material's own for a heading.
    page.goto(site_url + "chair-twist/#steps")
    header = page.locator(".md-header").bounding_box()
    heading = page.locator("#steps").bounding_box()
    assert header and heading
    assert header["height"] <= heading["y"] <= header["height"] + 30


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_stop_in_the_header_and_menus_shows_where_focus_is(page: Page, site_url: str, scheme: str) -> None:
    # A stop with no box (Material's search results' scroll box, 0 px while search is closed)
    # or a palette radio whose own icon is hidden leaves nothing on screen to follow.
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "chair-twist/")
    unseen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        seen = page.evaluate("""() => {
          const element = document.activeElement;
          const shown = element.classList.contains("md-option") ? element.nextElementSibling : element;
          const box = shown.getBoundingClientRect();
          return !shown.hidden && box.width > 0 && box.height > 0;
        }""")
        if not seen:
            unseen.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    assert unseen == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_language_item_shows_a_ring_when_focused(page: Page, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "chair-twist/")
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-select__link')"):
            break
    item = page.evaluate_handle("document.activeElement")
    style, width = item.evaluate(
        "item => [getComputedStyle(item).outlineStyle, parseFloat(getComputedStyle(item).outlineWidth)]"
    )
    assert style == "solid" and width >= 2
    assert item.evaluate(CONTRAST, "outlineColor") >= 3


def language_of_links(cdp: CDPSession, names: set[str]) -> dict[str, str]:
    """The language each link named in `names` is read in: the nodes from Chromium's
    accessibility tree, each one's language from the nearest `lang` around its element."""
    found = {}
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        name = node.get("name", {}).get("value")
        if node.get("role", {}).get("value") == "link" and name in names:
            element = cdp.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})["object"]
            language = cdp.send(
                "Runtime.callFunctionOn",
                {
                    "objectId": element["objectId"],
                    "functionDeclaration": "function () { return this.closest('[lang]').lang }",
                },
            )
            found[name] = language["result"]["value"]
    return found


@pytest.mark.parametrize("url", ["chair-twist/", "es/chair-twist/"])
def test_the_language_items_are_read_in_their_own_language(page: Page, site_url: str, url: str) -> None:
    page.goto(site_url + url)
    cdp = page.context.new_cdp_session(page)
    assert language_of_links(cdp, {"English", "Español"}) == {"English": "en", "Español": "es"}


# What each name of the palette toggle promises, in mkdocs.yml's words for both languages.
PROMISES = {
    "Switch to dark mode": "slate",
    "Switch to light mode": "default",
    "Cambiar al modo oscuro": "slate",
    "Cambiar al modo claro": "default",
}


def focused_ax_name(cdp: CDPSession) -> str:
    """The focused node's name, as Chromium's accessibility tree gives it to a screen reader."""
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        focused = any(prop["name"] == "focused" and prop["value"]["value"] for prop in node.get("properties", []))
        if focused and node["role"]["value"] != "RootWebArea":  # the document, focused as a whole
            return node["name"]["value"]
    raise AssertionError("nothing has focus in the accessibility tree")


@pytest.mark.parametrize("url", ["chair-twist/", "es/chair-twist/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_palette_toggle_does_what_its_name_says(page: Page, site_url: str, scheme: str, url: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + url)
    cdp = page.context.new_cdp_session(page)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === '__palette'"):
            break
    current = SCHEMES[scheme]
    for key in (" ", " ", "Enter", "Enter"):  # there and back with Space, then with Enter
        name = focused_ax_name(cdp)
        assert PROMISES[name] != current, f"in the {current} palette the toggle is named {name!r}"
        # The icon in view, with its tooltip, is the focused control's own.
        assert page.evaluate("document.activeElement.nextElementSibling.title") == name
        page.keyboard.press(key)
        page.wait_for_function(f"document.body.dataset.mdColorScheme === {PROMISES[name]!r}", timeout=3_000)
        current = PROMISES[name]


@pytest.mark.parametrize(
    ("url", "name"), [("chair-twist/", "Link to this section"), ("es/chair-twist/", "Enlace a esta sección")]
)
def test_a_headings_permanent_link_is_named_in_the_pages_language_not_pilcrow(
    page: Page, site_url: str, url: str, name: str
) -> None:
    page.goto(site_url + url)
    cdp = page.context.new_cdp_session(page)
    links = [
        node["name"]["value"]
        for node in cdp.send("Accessibility.getFullAXTree")["nodes"]
        if node.get("role", {}).get("value") == "link"
    ]
    assert "¶" not in links
    assert links.count(name) >= 5  # one a heading


# WCAG 2.5.8's spacing test for targets under 24×24 px: a 24 px circle on the centre of each
# line of a link meets no other link, nor another's circle (its centre 24 px away or more).
CROWDED_LINKS = """(links) => {
  const lines = links.flatMap((link, index) => [...link.getClientRects()].map((box) => ({ index, box, text: link.textContent.trim() })));
  const small = ({ box }) => box.width < 24 || box.height < 24;
  const centre = ({ box }) => [box.x + box.width / 2, box.y + box.height / 2];
  const reach = ([x, y], { box }) => Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
  const crowded = [];
  for (const one of lines.filter(small)) {
    for (const other of lines.filter((line) => line.index !== one.index)) {
      const [x, y] = centre(one), [u, v] = centre(other);
      if (reach([x, y], other) < 12 || (small(other) && Math.hypot(x - u, y - v) < 24)) crowded.push([one.text, other.text]);
    }
  }
  return crowded;
}"""


@pytest.mark.parametrize("language", ["", "es/"])
def test_the_footer_links_leave_a_finger_room_on_a_phone(page: Page, site_url: str, language: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + language)
    assert page.locator(".md-copyright a").evaluate_all(CROWDED_LINKS) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_search_clear_button_is_a_finger_wide(page: Page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url)
    page.keyboard.press("s")  # Material's key for search
    page.keyboard.type("chair")
    clear = page.get_by_role("button", name="Clear")
    # Material grows it from three quarters as the query appears: measured once it has grown.
    transitions_ended(clear)
    box = clear.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24, box
