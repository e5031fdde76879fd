// embed/: settings come from the query string, with the attributes' names
// (?breaths=8&inhale=3&exhale=4&sides=1). The timer itself checks them and falls back.
const settings = new URLSearchParams(location.search);
const timers = document.querySelectorAll("breath-timer");
for (const timer of timers) {
  for (const name of ["breaths", "inhale", "exhale", "sides", "prepare", "switch"]) {
    if (settings.has(name)) timer.setAttribute(name, settings.get(name));
  }
}

// The paper pacer says what the timer will do, in the hook's words (fallback_instruction and
// render_timer in hooks/breath_timer.py; tests/test_embed.py checks the two agree). It is
// rewritten once the element is defined, so it reads the settings as the element does.
const seconds = (value) => (value === 1 ? "1 second" : `${value} seconds`);
const breaths = (value) => (value === 1 ? "1 breath" : `${value} breaths`);
function rewriteFallback(timer) {
  const fallback = timer.querySelector(".breath-timer-fallback");
  if (!fallback) return;
  fallback.querySelector("p").textContent =
    `Hold each side for ${breaths(timer.breaths)}. Breathe in for ${seconds(timer.inhale)} to lengthen, ` +
    `then breathe out for ${seconds(timer.exhale)} to twist. Turn only as far as is comfortable.`;
  const sides = timer.sides === 1 ? ["Turn right"] : ["Turn right first", "Then turn left"];
  const boxes = Array(timer.breaths).fill("\u2610").join(" ");
  fallback.querySelector("ul").replaceChildren(
    ...sides.map((side) => {
      const item = document.createElement("li");
      const span = Object.assign(document.createElement("span"), { className: "breath-timer-boxes", textContent: boxes });
      span.setAttribute("aria-hidden", "true");
      item.append(`${side}: `, span);
      return item;
    }),
  );
}
customElements.whenDefined("breath-timer").then(() => timers.forEach(rewriteFallback));
