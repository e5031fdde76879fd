// embed/: settings come from the query string, with the attributes' names
// (?breaths=8&inhale=3&exhale=4&sides=1). The names are the element's own (its observed
// attributes), and the timer itself checks the values and falls back.
const settings = new URLSearchParams(location.search);
const timers = document.querySelectorAll("breath-timer");

// The timer's words, every column, written into this page by the hook.
const pageWords = JSON.parse(document.getElementById("breath-timer-words").textContent);

// ?lang=es: the page in that language, whole (its heading, title and paper pacer too), where
// the site has it: the twin its hreflang link names, with the same settings. Else the timer
// takes its language from its closest `lang`, so each timer takes the address's, where this
// page has the timer's words in it. Any other tag is said, and the timer keeps the page's
// language, rather than marking English words as French.
const language = settings.get("lang");
const twin = [...document.querySelectorAll("link[rel=alternate][hreflang]")].find((link) => link.hreflang === language);
if (language !== null && language !== document.documentElement.lang) {
  const carried = Object.keys(pageWords);
  if (twin) {
    location.replace(twin.href.split(/[?#]/)[0] + location.search + location.hash);
  } else if (carried.includes(language)) {
    for (const timer of timers) timer.lang = language;
  } else {
    console.warn(`embed: ?lang=${language.slice(0, 40)} is not one of this page's languages (${carried.join(", ")}); the timer keeps ${document.documentElement.lang}.`);
  }
}

// The paper pacer says what the timer will do, in the timer's words, which the hook writes
// into this page for every language (tests/test_embed.py checks the page's and the built
// pacer's agree). It is rewritten once the element is defined, so it reads the settings as
// the element does.
function rewriteFallback(timer, words) {
  const fallback = timer.querySelector(".breath-timer-fallback");
  if (!fallback) return;
  const fill = (text, values) => text.replace(/{(\w+)}/g, (_, name) => values[name]);
  // In the timer's language's own decimals: "2,5 segundos".
  const count = (key, n) => fill(words[key][Number(n !== 1)], { n: n.toLocaleString(timer.closest("[lang]").lang) });
  fallback.querySelector("p").textContent = fill(words.paper.fallback, {
    breaths: count("breaths", timer.breaths),
    inhale: count("seconds", timer.inhale),
    exhale: count("seconds", timer.exhale),
  });
  const sides = timer.sides === 1 ? words.paper.ticks.slice(0, 1) : words.paper.ticks.slice(1);
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

customElements.whenDefined("breath-timer").then(() => {
  const Timer = customElements.get("breath-timer");
  for (const timer of timers) {
    for (const name of Timer.observedAttributes) {
      if (settings.has(name)) timer.setAttribute(name, settings.get(name));
    }
    // The element's language, as it finds it: English where the page has no words for it.
    const lang = timer.closest("[lang]").lang.split("-")[0].toLowerCase();
    rewriteFallback(timer, pageWords[lang] || pageWords.en);
  }
});
