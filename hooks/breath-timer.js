// <breath-timer>: paces a seated twist by the breath, for a set number of breaths a side.
// Attributes in, events out (breath-timer:phase, breath-timer:done), nothing global.
(() => {
  // --- Data
  // scripts/minify-timer writes each file named below in its place, as the element ships; the
  // hook (hooks/timer_settings.py) reads the same files, so the two cannot disagree.
  // The settings: name: [default, minimum, maximum, whole number?].
  const SETTINGS = "breath-timer.settings.json";
  // The one number grammar, the hook's too: ASCII digits, and for seconds a dot and more digits.
  const WHOLE = /^[0-9]+$/;
  const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
  // The timer's words, a column a language: the element ships with English alone, less "paper"
  // (the paper pacer's, which only the hook writes); pages carry the other columns. {name} takes
  // a value. A phase has its big word and the line under it; the cue stays "breathe in to
  // lengthen...". Paused has its line for a screen with no keyboard too.
  const WORDS = "breath-timer.words.json";

  // --- Words
  // The language of the page around the element (its closest `lang`) and its words. English is
  // built in; a page carries other columns as JSON in <script type="application/json"
  // id="breath-timer-words">: the hook writes it into the site's pages, and an intranet can write
  // its own. A column is laid over English key by key, so a word it lacks (or gives in another
  // shape) is said in English, with a warning, and a language with no column speaks English.
  // The columns are kept: Material's instant navigation may bring a timer in before its page's
  // words reach the head.
  const pageWords = {};
  function language(element) {
    let lang = (element.closest("[lang]")?.lang || "en").split("-")[0].toLowerCase();
    try {
      Object.assign(pageWords, JSON.parse(document.getElementById("breath-timer-words").textContent));
    } catch {}
    const column = pageWords[lang];
    if (!column && lang !== "en") {
      warn(`<breath-timer>: no words for lang="${lang}", so it speaks English.`);
      lang = "en";
    }
    const words = {};
    for (const [key, english] of Object.entries(WORDS.en)) {
      const fit = fits(column?.[key], english);
      if (column && !fit) warn(`<breath-timer>: no "${key}" in the words for lang="${lang}", so it says that in English.`);
      words[key] = fit ? column[key] : english;
    }
    return [lang, words];
  }
  // A word fits where English's does: a text for a text, as many texts for a list of them.
  const fits = (given, english) =>
    typeof english === "string" ? typeof given === "string" : Array.isArray(given) && given.length === english.length && given.every((text) => fits(text, ""));
  const fill = (text, values) => text.replace(/{(\w+)}/g, (_, name) => values[name]);
  // "1 second", "2.5 seconds"; "1 breath", "5 breaths"; in the language's own decimals ("2,5
  // segundos"), where a language is given.
  const plural = (forms, n, lang) => fill(forms[+(n != 1)], { n: n.toLocaleString(lang) });
  // Each cue's notes, [from, to] in hertz, told apart by count and direction, not pitch alone:
  // one glide up to breathe in, one down to breathe out, three level notes to change sides,
  // three falling to end, two rising to begin and to go on after a pause.
  const TONES = { prepare: [[392, 392], [523, 523]], inhale: [[392, 587]], exhale: [[587, 392]], switch: [[523, 523], [523, 523], [523, 523]], done: [[523, 523], [392, 392], [262, 262]] };
  const CUE_CHOICES = ["silent", "tones", "voice"];
  // Ready-made paces, none faster than the default; Standard clears the reader's own, so the
  // page's attributes apply.
  const PRESETS = { Standard: {}, Slow: { inhale: 3.5, exhale: 4.5 } };
  const FIELDS = [["breaths", 1], ["inhale", 0.5], ["exhale", 0.5]];
  // The localStorage key of the reader's own pace and cue choices.
  const STORE = "breath-timer";

  // --- Markup
  // The words as the markup takes them, as text, never markup: a page's words are data,
  // whoever wrote them.
  const escaped = (words) =>
    JSON.parse(JSON.stringify(words), (_, value) => (typeof value === "string" ? value.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt()};`) : value));
  // Each button names what it does in data-action, which #press dispatches on, and takes it as
  // its class (bt-toggle) for the style.
  const button = (action, label, attributes = "") => `<button type="button" class="bt-${action}" data-action="${action}" ${attributes}>${label}</button>`;
  // The markup, one string (the minifier joins the lines), with an id for each part a label or
  // description points to.
  const ui = (id, T) => `<div class="bt-ui">` +
    `<div class="bt-face"><p class="bt-side"></p><p class="bt-cue"></p><p class="bt-hint"></p>` +
    `<div class="bt-shape" aria-hidden="true"><div></div><span class="bt-countdown"></span></div>` +
    `<div class="bt-dots" aria-hidden="true"></div><p class="bt-count"></p>` +
    `<div class="bt-bar" aria-hidden="true"><div></div></div></div>` +
    `<div class="bt-ready"><h2 class="bt-title" id="${id}-title" tabindex="-1">${T.title}</h2><p id="${id}-check">${T.check} <span class="bt-floor">${T.floor}</span></p><p><a class="bt-check">${T.link}</a></p>` +
    `<div id="${id}-stop"><p><b>${T.stop}</b></p><ul>${T.signals.map((signal) => `<li>${signal}</li>`).join("")}</ul><p class="bt-emergency"><b>${T.emergency[0]}</b> ${T.emergency[1]}</p></div><p class="bt-pace"></p></div>` +
    `<p class="bt-live" role="status"></p>` +
    `<fieldset class="bt-cues"><legend>${T.legend}</legend>${CUE_CHOICES.map((cue, i) => `<label><input type="radio" name="${id}-cue" value="${cue}">${T.cues[i]}</label>`).join(" ")}</fieldset>` +
    `<p class="bt-note" role="status"></p>` +
    `<p class="bt-buttons">${button("toggle", "")} ${button("reset", T.buttons[0])} ${button("open", T.buttons[1], 'aria-expanded="false"')} ${button("leave", T.buttons[2])}</p>` +
    `<div class="bt-settings"><p class="bt-presets">${Object.keys(PRESETS).map((name, i) => button("preset", T.presets[i], `data-preset="${name}"`)).join(" ")}</p>` +
    `${FIELDS.map(([name, step], i) => `<div class="bt-field"><label for="${id}-${name}">${T.fields[i]}</label>${button("step", "−", `data-step="-${step}" aria-label="${T.fields[i]}: ${T.steps[0]}"`)}<input id="${id}-${name}" name="${name}" inputmode="decimal" autocomplete="off">${button("step", "+", `data-step="${step}" aria-label="${T.fields[i]}: ${T.steps[1]}"`)}</div>`).join("")}` +
    `<p class="bt-out" role="status"></p></div>` +
    `<p class="bt-end">${button("toggle", T.buttons[3])} ${button("leave", T.buttons[4])}</p></div>`;

  // --- Style
  // The element's style: scripts/minify-timer writes hooks/breath-timer.css in here, minified,
  // in place of its name. One file to ship and to copy, whose sheet the document, shadow root or
  // frame the element lives in adopts, which a strict Content-Security-Policy allows.
  const STYLE = "breath-timer.css";
  // A sheet for each window: a document adopts only sheets its own window made.
  const sheets = new WeakMap();
  // Each warning once a page, however many timers it has.
  const warned = new Set();
  function warn(message) {
    if (!warned.has(message)) console.warn(message);
    warned.add(message);
  }
  let timers = 0; // numbers each timer's field ids

  // --- Settings
  function valid(name, value) {
    const [, min, max, whole] = SETTINGS[name];
    // Not String([6]), which reads "6": a stored array is junk.
    const text = typeof value === "object" ? "" : String(value);
    // Compared as written, as the hook does: Number("20.0000000000000000001") rounds to 20. The
    // bounds are whole, so any fraction above zero compares like .5.
    const [units, fraction] = text.split(".");
    const number = Number(units) + (/[1-9]/.test(fraction) ? 0.5 : 0);
    return (whole ? WHOLE : DECIMAL).test(text) && number >= min && number <= max;
  }

  // A setting from its attribute, or its default (with one warning) when the attribute is bad.
  function readAttribute(element, name) {
    const value = element.getAttribute(name);
    const fallback = SETTINGS[name][0];
    if (value === null) return fallback;
    if (valid(name, value)) return Number(value);
    warn(refusal(WORDS.en, `<breath-timer> ${name}="${value}"`, name, fallback));
    return fallback;
  }

  // Said of a value outside its setting's limits, in the console or the pace panel.
  function refusal(T, label, name, value) {
    const [, min, max, whole] = SETTINGS[name];
    return fill(T.outside, { label, kind: T.kinds[+whole], min, max, value });
  }

  // --- The reader's choices
  // The reader's choices, read from storage once for every timer on the page. They live here
  // too, so they hold for the visit where storage is blocked or holds something else.
  let saved;
  function preferences() {
    if (!saved) {
      // Storage may be blocked (a locked-down browser) or hold anything.
      try {
        saved = JSON.parse(localStorage.getItem(STORE));
      } catch {}
      if (!saved || typeof saved !== "object" || Array.isArray(saved)) saved = {};
    }
    return saved;
  }

  function remember(choices) {
    Object.assign(preferences(), choices);
    try {
      localStorage.setItem(STORE, JSON.stringify(saved));
    } catch {}
  }

  const hasVoice = () => window.speechSynthesis?.getVoices().length > 0;

  // --- The element
  class BreathTimer extends HTMLElement {
    static observedAttributes = Object.keys(SETTINGS);
    #lang = "en";
    #t = WORDS.en;
    // The window it listens on, so it stops listening there, wherever it has moved since.
    #window;
    #state = "idle";
    #plan = [];
    #index = -1;
    #origin = 0;
    #pausedAt = 0;
    #timeout;
    #frame;
    #lock;
    #audio;
    // Where leaving the view put the focus: Chromium takes it from the page as full screen comes.
    #focusBack;
    // Esc closes the view's dialog, wherever focus is; its own close and show again are not a leave.
    #dialog = Object.assign(document.createElement("dialog"), { onclose: () => this.#dialog.open || this.#leaveView() });
    #ui;

    // --- Life cycle
    connectedCallback() {
      // Its style goes where it lives: the document, a shadow root, a frame it was moved to.
      const root = this.getRootNode();
      const window = (this.#window = this.ownerDocument.defaultView);
      if (!sheets.has(window)) {
        sheets.set(window, new window.CSSStyleSheet());
        sheets.get(window).replaceSync(STYLE);
      }
      const sheet = sheets.get(window);
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets.push(sheet);
      if (!this.#ui) {
        [this.#lang, this.#t] = language(this);
        const id = `bt${++timers}`;
        this.insertAdjacentHTML("beforeend", ui(id, escaped(this.#t)));
        this.#ui = this.lastElementChild;
        // A screen reader meets the view by its title, then the check and the stop signals.
        this.#dialog.setAttribute("aria-labelledby", `${id}-title`);
        this.#dialog.setAttribute("aria-describedby", `${id}-check ${id}-stop`);
        // The ready screen links the page's full check where the page names one, else the
        // safety page its words name (the embed page's, in each language); an <a> with no
        // address would be no link at all. A check on another page opens outside the view and
        // any frame (the safety page refuses framing); away from a page's own check, the ready
        // screen says when to call for help (the style hides it beside one).
        const check = this.getAttribute("check") || this.#t.safety;
        const link = this.querySelector(".bt-check");
        if (check) link.href = check;
        else link.parentElement.remove();
        if (check?.[0] !== "#") link.target = "_blank"; // which browsers open with noopener
        this.#ui.addEventListener("click", (event) => {
          const link = event.target.closest("a");
          if (!link) this.#press(event.target.closest("button"));
          else if (!link.target) this.#showCheck(event, document.querySelector(link.hash));
        });
        this.#ui.addEventListener("change", ({ target }) => (target.type === "radio" ? this.#chooseCue(target.value) : this.#choose(target)));
      }
      document.addEventListener("visibilitychange", this);
      // Fired at the element itself as it goes into full screen and out by any way.
      this.addEventListener("fullscreenchange", this);
      // Keys reach it in its own tree, document, shadow root or frame: in the view, focus is in
      // its modal dialog, on a button or, after a click elsewhere in it, the dialog itself.
      this.addEventListener("keydown", this);
      window.speechSynthesis?.addEventListener("voiceschanged", this);
      this.reset();
    }

    disconnectedCallback() {
      this.#leaveView();
      this.#stop();
      this.#state = "idle";
      document.removeEventListener("visibilitychange", this);
      this.#window.speechSynthesis?.removeEventListener("voiceschanged", this);
      this.#audio?.close();
      this.#audio = null;
    }

    // Settings changed during a session apply at the next start; the same value changes nothing.
    attributeChangedCallback(name, old, value) {
      if (old !== value && this.#ui && this.#state === "idle") this.reset();
    }

    handleEvent(event) {
      if (event.type === "keydown") return this.#key(event);
      if (event.type === "fullscreenchange") return this.matches(":fullscreen") ? this.#fullScreen() : this.#leaveView();
      if (event.type === "voiceschanged") return this.#show();
      // Back in view: jump to the phase the clock is in, and ask for the wake lock again.
      if (document.visibilityState === "visible" && this.#state === "running") {
        this.#tick();
        this.#wake();
      }
    }

    // --- Methods
    // Opens the follow-along view on the ready screen: who should check first, the stop signals,
    // the cue and the pace. Nothing plays until its Start, the press that lets sound play.
    ready() {
      if (!this.isConnected) return;
      if (!/running|paused/.test(this.#state)) {
        this.#rewind();
        this.#state = "ready";
        this.#show();
        this.#text(".bt-live", ""); // read in order on the ready screen: nothing from before
      }
      // The title first, above the check and the Start, so focus and what shows agree.
      this.#enterView();
      this.querySelector(".bt-title").focus();
    }

    // Starts, or resumes, and opens the follow-along view. A timer outside a page does nothing.
    start() {
      if (!this.isConnected || this.#state === "running") return;
      const resumed = this.#state === "paused";
      if (!resumed) {
        this.#pausedAt = 0;
        this.#index = -1;
        this.#plan = this.#schedule();
      }
      if (this.#cue() === "tones") {
        this.#listen();
        if (resumed) this.#tone(TONES.prepare);
      }
      this.#origin = performance.now() - this.#pausedAt;
      this.#state = "running";
      // The view first, its live region in place, so what is said next is not lost in the move;
      // from its top, the side and the cue, however far a zoomed ready screen had scrolled.
      this.#enterView();
      this.#ui.scrollTop = 0;
      this.#tick();
      // Said a frame after the view opens, as the reader's focus settles in it.
      if (resumed) requestAnimationFrame(() => this.#say(this.#t.going));
      this.#show();
      this.#wake();
    }

    pause() {
      if (this.#state !== "running") return;
      this.#pausedAt = performance.now() - this.#origin;
      this.#stop();
      this.#state = "paused";
      this.#say(this.#t.paused[0]);
      this.#show();
    }

    reset() {
      this.#leaveView();
      this.#rewind();
      this.#show();
    }

    // Back to before the first breath.
    #rewind() {
      this.#stop();
      this.#state = "idle";
      this.#index = -1;
      this.#pausedAt = 0;
      this.#plan = this.#schedule();
      delete this.dataset.phase;
      this.#set("--breath", 0);
      this.#set("--progress", 0);
    }

    // --- Controls
    #press(target) {
      if (!target) return;
      const { action, preset, step } = target.dataset;
      // Every session begins on the ready screen, however the reader came to the timer.
      if (action === "toggle") return this.#state === "running" ? this.pause() : /paused|ready/.test(this.#state) ? this.start() : this.ready();
      if (action === "reset") return this.reset();
      if (action === "leave") return this.#leaveView();
      if (action === "open") {
        const open = target.getAttribute("aria-expanded") !== "true";
        target.setAttribute("aria-expanded", open);
        return this.toggleAttribute("data-settings", open);
      }
      this.#text(".bt-out", "");
      if (action === "preset") remember({ breaths: null, inhale: null, exhale: null, ...PRESETS[preset] });
      else {
        const input = target.parentElement.querySelector("input");
        const [, min, max] = SETTINGS[input.name];
        const stepped = Math.round((this.#preference(input.name) + Number(step)) * 2) / 2;
        remember({ [input.name]: Math.min(max, Math.max(min, stepped)) });
        // The live region says the new value: "Seconds breathing in: 3".
        this.#text(".bt-out", `${input.labels[0].textContent}: ${this.#preference(input.name)}`);
      }
      this.#paced();
    }

    #chooseCue(cue) {
      remember({ cue });
      if (this.#cue() === "tones") this.#listen();
      this.#show();
    }

    // A typed pace outside the limits keeps the one before, and says so.
    #choose({ name, value, labels }) {
      if (valid(name, value)) remember({ [name]: Number(value) });
      this.#text(".bt-out", valid(name, value) ? "" : refusal(this.#t, labels[0].textContent, name, this.#preference(name)));
      this.#paced();
    }

    // A new pace shows at once when idle; during a session it waits for the next start.
    #paced() {
      if (this.#state === "idle") this.reset();
      else this.#show();
    }

    #preference(name) {
      const value = preferences()[name];
      return valid(name, value) ? Number(value) : readAttribute(this, name);
    }

    // The cue the reader chose, first-visit tones; voice falls back to tones without a voice.
    #cue(chosen) {
      const cue = preferences().cue;
      if (!CUE_CHOICES.includes(cue) || (!chosen && cue === "voice" && !hasVoice())) return "tones";
      return cue;
    }

    // --- Schedule and clock
    // Every phase with its start and end in milliseconds from the start.
    #schedule() {
      const seconds = (name) => this.#preference(name) * 1000;
      const breaths = this.#preference("breaths");
      const plan = [];
      let time = 0;
      const add = (phase, side, breath, length) => plan.push({ phase, side, breath, breaths, start: time, end: (time += length) });
      add("prepare", 1, 0, seconds("prepare"));
      for (let side = 1; side <= readAttribute(this, "sides"); side++) {
        if (side > 1) add("switch", side, 0, seconds("switch"));
        for (let breath = 1; breath <= breaths; breath++) {
          add("inhale", side, breath, seconds("inhale"));
          add("exhale", side, breath, seconds("exhale"));
        }
      }
      // Done lasts for ever, so the clock always finds its phase.
      add("done", plan.at(-1).side, breaths, Infinity);
      return plan;
    }

    // State comes from the time since the start, so no tick's lateness adds up.
    #tick() {
      if (this.#state !== "running") return;
      const elapsed = performance.now() - this.#origin;
      const index = this.#plan.findIndex((phase) => elapsed < phase.end);
      const phase = this.#plan[index];
      if (index !== this.#index) {
        this.#index = index;
        this.#enter(phase);
      }
      if (phase.phase === "done") return;
      const progress = (elapsed - phase.start) / (phase.end - phase.start);
      this.#text(".bt-countdown", Math.ceil((phase.end - elapsed) / 1000));
      this.#set("--progress", progress);
      this.#set("--breath", phase.phase === "inhale" ? progress : phase.phase === "exhale" ? 1 - progress : 0);
      clearTimeout(this.#timeout);
      cancelAnimationFrame(this.#frame);
      this.#timeout = setTimeout(() => this.#tick(), phase.end - elapsed);
      this.#frame = requestAnimationFrame(() => this.#tick());
    }

    #enter(phase) {
      const { phase: name, side, breath, breaths } = phase;
      this.dataset.phase = name;
      const T = this.#t;
      const [word, line] = T[name];
      let message = name === "inhale" || name === "exhale" ? line : `${word}. ${line}.`;
      if (name === "done") {
        this.#stop();
        this.#state = "done";
        if (side === 1) message = `${word}.`;
      }
      // A screen reader hears each breath once, with its count, and every other phase whole.
      if (name !== "exhale") this.#say(name === "inhale" ? fill(T.count, phase) : message);
      const cue = this.#cue();
      if (cue !== "silent") navigator.vibrate?.({ inhale: 80, switch: [300, 150, 300] }[name] || [60, 60, 60]);
      if (cue === "tones") this.#tone(TONES[name]);
      if (cue === "voice") {
        // A breath's words give way to the next cue. Get ready and change sides carry the comfort
        // limit, so they are said to the end, and the breath after them waits its turn.
        if (/inhale|exhale/.test(this.#plan[this.#index - 1]?.phase)) speechSynthesis.cancel();
        speechSynthesis.speak(Object.assign(new SpeechSynthesisUtterance(message), { lang: this.#lang }));
      }
      this.#show();
      // The view's Pause gives way to Again and Done: focus goes with it, not to the page.
      if (name === "done") this.querySelector(".bt-end .bt-toggle").focus();
      this.dispatchEvent(new CustomEvent("breath-timer:phase", { bubbles: true, detail: { phase: name, side, breath, breaths } }));
      if (name === "done") this.dispatchEvent(new CustomEvent("breath-timer:done", { bubbles: true }));
    }

    // --- Display
    #show() {
      if (!this.#ui) return;
      const phase = this.#plan[this.#index];
      const name = phase?.phase || "idle";
      const breaths = phase?.breaths || this.#preference("breaths");
      const breathing = name === "inhale" || name === "exhale";
      const T = this.#t;
      let [word, hint, tap] = T[this.#state === "paused" ? "paused" : name];
      // Where there is no keyboard, a tap.
      if (tap && matchMedia("(hover: none) and (pointer: coarse)").matches) hint = tap;
      this.dataset.state = this.#state;
      this.dataset.side = phase?.side || 1;
      const side = name === "done" ? "" : T.sides[phase?.side || 0];
      this.#text(".bt-side", side);
      this.#set("--bt-side-letters", side.length);
      this.#text(".bt-cue", word);
      this.#set("--bt-letters", word.length);
      this.#text(".bt-hint", name === "done" && phase.side === 1 ? "" : hint);
      const each = plural(T.breaths, breaths);
      this.#text(".bt-count", breathing ? fill(T.breath, { breaths, breath: phase.breath }) : fill(T.each, { breaths: each }));
      this.#text(".bt-pace", fill(T.pace, { breaths: each, inhale: plural(T.seconds, this.#preference("inhale"), this.#lang), exhale: plural(T.seconds, this.#preference("exhale"), this.#lang) }));
      const [start, pause, resume, again] = T.toggle;
      this.#text(".bt-toggle", { running: pause, paused: resume, done: again }[this.#state] || start);
      const done = name === "done" ? breaths : breathing ? phase.breath - 1 : 0;
      this.querySelector(".bt-dots").innerHTML = Array.from({ length: breaths }, (_, dot) =>
        `<span class="${dot < done ? "bt-did" : dot === done && breathing ? "bt-now" : ""}"></span>`).join("");
      const chosen = this.#cue(true);
      this.querySelector(`[value=${chosen}]`).checked = true;
      this.#text(".bt-note", chosen === "voice" && !hasVoice() ? T.voiceless : "");
      for (const input of this.querySelectorAll(".bt-field input")) input.value = this.#preference(input.name);
    }

    #text(selector, value) {
      this.querySelector(selector).textContent = value;
    }

    // The live region; quiet under the Voice cue, which says it all aloud.
    #say(message) {
      this.#text(".bt-live", this.#cue() === "voice" ? "" : message);
    }

    // --- The follow-along view
    // The view fills the screen where the browser allows it, and the page or frame otherwise.
    #enterView() {
      if (this.hasAttribute("data-view")) return;
      this.toggleAttribute("data-view", true);
      // Shown in a modal dialog, so even where full screen is refused, focus and a screen reader
      // stay in the view, and all around it, beyond any shadow root, is inert.
      this.append(this.#dialog);
      this.#dialog.append(this.#ui);
      this.#modal();
      // Asked only where allowed, so a frame without allow="fullscreen" logs nothing on its
      // host's console; missing on an iPhone.
      if (document.fullscreenEnabled) this.requestFullscreen().catch(() => {});
    }

    // Gone full screen, the element stands over its dialog, which shows again on top. Full
    // screen that comes after the reader has left the view goes again, and gives back the
    // focus it took from the page (all around it was inert).
    #fullScreen() {
      if (this.hasAttribute("data-view")) return this.#modal();
      document.exitFullscreen().then(() => this.#focusBack?.focus());
    }

    // Shown again, the dialog is the top layer's last, over the element gone full screen.
    // Focus stays where the reader has moved it in the view (full screen may come a moment
    // after a keyboard's Tab); else it goes to the ready screen's title, above what it asks the
    // reader to read, or Pause.
    #modal() {
      const focused = this.#dialog.contains(document.activeElement) && document.activeElement;
      this.#dialog.close();
      this.#dialog.showModal();
      (focused || this.querySelector(this.#state === "ready" ? ".bt-title" : ".bt-toggle")).focus();
    }

    // Leaving pauses: a reader who leaves because it hurts expects it to stop. Resume goes on
    // from the same place.
    #leaveView() {
      if (!this.hasAttribute("data-view")) return;
      this.pause();
      this.removeAttribute("data-view");
      if (this.#state === "ready") {
        this.#state = "idle";
        this.#show();
      }
      this.#dialog.close();
      this.append(this.#ui);
      (this.#focusBack = this.querySelector(".bt-toggle")).focus();
      return this.matches(":fullscreen") ? document.exitFullscreen().catch(() => {}) : Promise.resolve();
    }

    // The ready screen's link to the page's own check: the view gives way to the check, which
    // takes the focus, and the link goes no further (Material would render the page afresh).
    // Full screen keeps the rest of the page inert until it has gone.
    #showCheck(event, check) {
      event.preventDefault();
      event.stopPropagation();
      check.tabIndex = -1;
      this.#leaveView().then(() => (this.#focusBack = check).focus());
    }

    #key(event) {
      if (event.key === " " && !event.target.closest?.("button, input, a")) {
        event.preventDefault();
        this.#press(this.querySelector(".bt-toggle"));
      }
    }

    // --- Sound and wake lock
    // Browsers let sound start only from a click, so the audio is made there; some have none.
    #listen() {
      if (window.AudioContext) this.#audio ??= new AudioContext();
    }

    // A cue lasts 0.6 s, one oscillator gliding through its notes; each note fades in and out,
    // so it starts and stops without a click and apart from the next.
    #tone(notes) {
      const audio = this.#audio;
      if (!audio) return;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      let time = audio.currentTime;
      gain.gain.setValueCurveAtTime(notes.flatMap(() => [0, 0.2, 0.1, 0]), time, 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(time);
      oscillator.stop(time + 0.6);
      for (const [from, to] of notes) {
        oscillator.frequency.setValueAtTime(from, time);
        oscillator.frequency.linearRampToValueAtTime(to, (time += 0.6 / notes.length));
      }
    }

    // A lock that arrives after the timer stopped or left the page (which stops it) is let go.
    #wake() {
      navigator.wakeLock?.request("screen").then((lock) => {
        if (this.#state === "running") this.#lock = lock;
        else lock.release();
      }, () => {});
    }

    #stop() {
      clearTimeout(this.#timeout);
      cancelAnimationFrame(this.#frame);
      this.#lock?.release();
      this.#lock = null;
      if (this.#cue() === "voice") window.speechSynthesis?.cancel();
    }

    // CSSOM, not a style attribute, so a strict Content-Security-Policy allows it.
    #set(property, value) {
      this.style.setProperty(property, value);
    }
  }

  // --- Settings as properties: timer.breaths = 8
  for (const name of Object.keys(SETTINGS)) {
    Object.defineProperty(BreathTimer.prototype, name, {
      get() {
        return readAttribute(this, name);
      },
      set(value) {
        this.setAttribute(name, value);
      },
    });
  }

  if (!customElements.get("breath-timer")) customElements.define("breath-timer", BreathTimer);
})();
