// <breath-timer>: paces a seated twist by the breath, for a set number of breaths a side.
// Attributes in, events out (breath-timer:phase, breath-timer:done), nothing global.
(() => {
  // The one table of settings: name: [default, minimum, maximum, whole number?].
  // Written as JSON, because the hook (breath_timer.py) reads it from this file too.
  const SETTINGS = {
    "breaths": [6, 1, 20, true],
    "inhale": [2, 1, 20, false],
    "exhale": [3, 1, 20, false],
    "sides": [2, 1, 2, true],
    "prepare": [3, 1, 20, false],
    "switch": [5, 1, 20, false]
  };
  // The one number grammar, the hook's too: ASCII digits, and for seconds a dot and more digits.
  const WHOLE = /^[0-9]+$/;
  const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
  // Each phase's big word, and the line under it; the cue stays "breathe in to lengthen...".
  // The live region and the voice say both, or the line alone while breathing.
  const WORDS = {
    idle: ["Press Start", "Breathe in to lengthen, breathe out to twist"],
    prepare: ["Get ready", "Turn right first"],
    inhale: ["In", "Breathe in to lengthen"],
    exhale: ["Out", "Breathe out to twist"],
    switch: ["Change sides", "Now turn left"],
    done: ["Well done", "Both sides done"],
    paused: ["Paused", "Press Resume or Space to go on"],
  };
  const TURNS = ["", "Turn right", "Turn left"];
  const SIDES = ["", "→ Right", "← Left"];
  // Tones rise for the in-breath and fall for the out-breath: [from, to] in hertz.
  const TONES = { prepare: [330, 330], inhale: [392, 587], exhale: [587, 392], switch: [330, 440], done: [392, 262] };
  const CUE_CHOICES = ["silent", "tones", "voice"];
  // Ready-made paces; Standard clears the reader's own, so the page's attributes apply.
  const PRESETS = { Quick: { breaths: 5, inhale: 2, exhale: 2 }, Standard: {}, Slow: { breaths: 5, inhale: 3, exhale: 3 } };
  const FIELDS = [["breaths", "Breaths each side", 1], ["inhale", "Seconds breathing in", 0.5], ["exhale", "Seconds breathing out", 0.5]];
  // The localStorage key of the reader's own pace and cue choices.
  const STORE = "breath-timer";
  const button = (attributes, label) => `<button type="button" ${attributes}>${label}</button>`;
  const ui = (id) => `<div class="bt-ui">
<div class="bt-face"><p class="bt-side"></p><p class="bt-cue"></p><p class="bt-hint"></p>
<div class="bt-shape" aria-hidden="true"><div></div><span class="bt-countdown"></span></div>
<div class="bt-dots" aria-hidden="true"></div><p class="bt-count"></p>
<div class="bt-bar" aria-hidden="true"><div></div></div></div>
<p class="bt-live" role="status"></p>
<fieldset class="bt-cues"><legend>Cues</legend>${CUE_CHOICES.map((cue) => button(`data-cue="${cue}"`, cue)).join(" ")}</fieldset>
<p class="bt-note"></p>
<p class="bt-buttons">${button('class="bt-toggle"', "")} ${button('class="bt-view"', "Full view")} ${button('class="bt-reset"', "Reset")} ${button('class="bt-open" aria-expanded="false"', "Pace")} ${button('class="bt-leave"', "Leave full view")}</p>
<div class="bt-settings"><p class="bt-presets">${Object.keys(PRESETS).map((name) => button(`data-preset="${name}"`, name)).join(" ")}</p>
${FIELDS.map(([name, label, step]) => `<div class="bt-field"><label for="${id}-${name}">${label}</label>${button(`data-step="-${step}" aria-label="${label}: less"`, "−")}<input id="${id}-${name}" name="${name}" inputmode="decimal" autocomplete="off">${button(`data-step="${step}" aria-label="${label}: more"`, "+")}</div>`).join("\n")}
</div>
<p class="bt-end">${button('class="bt-toggle"', "Again")} ${button('class="bt-leave"', "Done")}</p></div>`;

  const stylesheet = document.currentScript && new URL("breath-timer.css", document.currentScript.src).href;
  const warned = new Set();
  let count = 0;

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
    if (value === null || valid(name, value)) return value === null ? SETTINGS[name][0] : Number(value);
    const [fallback, min, max, whole] = SETTINGS[name];
    if (!warned.has(`${name}=${value}`)) {
      warned.add(`${name}=${value}`);
      console.warn(`<breath-timer> ${name}="${value}" is not ${whole ? "a whole number" : "a plain decimal number"} from ${min} to ${max}; using ${fallback}.`);
    }
    return fallback;
  }

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

  class BreathTimer extends HTMLElement {
    static observedAttributes = Object.keys(SETTINGS);
    #state = "idle";
    #plan = [];
    #index = -1;
    #origin = 0;
    #pausedAt = 0;
    #timeout;
    #frame;
    #lock;
    #audio;
    #ui;

    connectedCallback() {
      if (stylesheet && !document.querySelector(`link[href="${stylesheet}"]`)) {
        document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: stylesheet }));
      }
      if (!this.#ui) {
        this.insertAdjacentHTML("beforeend", ui(`bt${++count}`));
        this.#ui = this.lastElementChild;
        this.#ui.addEventListener("click", (event) => this.#press(event.target.closest("button")));
        this.#ui.addEventListener("change", (event) => this.#choose(event.target));
      }
      document.addEventListener("visibilitychange", this);
      window.speechSynthesis?.addEventListener("voiceschanged", this);
      this.reset();
    }

    disconnectedCallback() {
      this.#leaveView();
      this.#stop();
      this.#state = "idle";
      document.removeEventListener("visibilitychange", this);
      window.speechSynthesis?.removeEventListener("voiceschanged", this);
      this.#audio?.close();
      this.#audio = null;
    }

    // Settings changed during a session apply at the next start; the same value changes nothing.
    attributeChangedCallback(name, old, value) {
      if (old !== value && this.#ui && this.#state === "idle") this.reset();
    }

    handleEvent(event) {
      if (event.type === "keydown") return this.#key(event);
      if (event.type === "fullscreenchange") return document.fullscreenElement !== this && this.#leaveView();
      if (event.type === "voiceschanged") return this.#show();
      // Back in view: jump to the phase the clock is in, and ask for the wake lock again.
      if (document.visibilityState === "visible" && this.#state === "running") {
        this.#tick();
        this.#wake();
      }
    }

    // Starts, or resumes, and opens the follow-along view. A timer outside a page does nothing.
    start() {
      if (!this.isConnected || this.#state === "running") return;
      if (this.#state !== "paused") {
        this.#pausedAt = 0;
        this.#index = -1;
        this.#plan = this.#schedule();
      }
      if (this.#cue() === "tones") this.#listen();
      this.#origin = performance.now() - this.#pausedAt;
      this.#state = "running";
      this.#tick();
      this.#show();
      this.#enterView();
      this.#wake();
    }

    pause() {
      if (this.#state !== "running") return;
      this.#pausedAt = performance.now() - this.#origin;
      this.#stop();
      this.#state = "paused";
      this.#text(".bt-live", "Paused");
      this.#show();
    }

    reset() {
      this.#leaveView();
      this.#stop();
      this.#state = "idle";
      this.#index = -1;
      this.#pausedAt = 0;
      this.#plan = this.#schedule();
      delete this.dataset.phase;
      this.#set("--breath", 0);
      this.#set("--progress", 0);
      this.#show();
    }

    #press(target) {
      // Named by the first class: bt-toggle is "toggle".
      const action = target?.classList[0]?.slice(3);
      if (!target) return;
      if (action === "toggle") return this.#state === "running" ? this.pause() : this.start();
      if (action === "reset") return this.reset();
      if (action === "view") return this.#enterView();
      if (action === "leave") return this.#leaveView();
      if (action === "open") {
        const open = target.getAttribute("aria-expanded") !== "true";
        target.setAttribute("aria-expanded", open);
        return this.toggleAttribute("data-settings", open);
      }
      const { cue, preset } = target.dataset;
      if (cue) {
        remember({ cue });
        if (this.#cue() === "tones") this.#listen();
      } else if (PRESETS[preset]) remember({ breaths: null, inhale: null, exhale: null, ...PRESETS[preset] });
      else {
        const input = target.parentElement.querySelector("input");
        const [, min, max] = SETTINGS[input.name];
        const stepped = Math.round((this.#preference(input.name) + Number(target.dataset.step)) * 2) / 2;
        remember({ [input.name]: Math.min(max, Math.max(min, stepped)) });
      }
      this.#paced();
    }

    #choose(input) {
      if (valid(input.name, input.value)) remember({ [input.name]: Number(input.value) });
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
      const [word, line] = WORDS[name];
      let message = name === "inhale" || name === "exhale" ? line : `${word}. ${line}.`;
      if (name === "inhale" && breath === 1) message = `${TURNS[side]}. ${message}`;
      if (name === "done") {
        this.#stop();
        this.#state = "done";
        if (side === 1) message = `${word}.`;
      }
      this.#text(".bt-live", message);
      const cue = this.#cue();
      if (cue !== "silent") navigator.vibrate?.(name === "inhale" ? 80 : [60, 60, 60]);
      if (cue === "tones") this.#tone(TONES[name]);
      if (cue === "voice") {
        speechSynthesis.cancel();
        speechSynthesis.speak(new SpeechSynthesisUtterance(message));
      }
      this.#show();
      this.dispatchEvent(new CustomEvent("breath-timer:phase", { bubbles: true, detail: { phase: name, side, breath, breaths } }));
      if (name === "done") this.dispatchEvent(new CustomEvent("breath-timer:done", { bubbles: true }));
    }

    #show() {
      if (!this.#ui) return;
      const phase = this.#plan[this.#index];
      const name = phase?.phase || "idle";
      const breaths = phase?.breaths || this.#preference("breaths");
      const breathing = name === "inhale" || name === "exhale";
      const [word, hint] = WORDS[this.#state === "paused" ? "paused" : name];
      this.dataset.state = this.#state;
      this.dataset.side = phase?.side || 1;
      this.#text(".bt-side", name === "done" ? "" : phase ? SIDES[phase.side] : WORDS.prepare[1]);
      this.#text(".bt-cue", word);
      this.#text(".bt-hint", name === "done" && phase.side === 1 ? "" : hint);
      this.#text(".bt-count", breathing ? `Breath ${phase.breath} of ${breaths}` : `${breaths} breaths each side`);
      this.#text(".bt-toggle", { running: "Pause", paused: "Resume", done: "Start again" }[this.#state] || "Start");
      const done = name === "done" ? breaths : breathing ? phase.breath - 1 : 0;
      this.querySelector(".bt-dots").replaceChildren(...Array.from({ length: breaths }, (_, dot) => {
        const span = document.createElement("span");
        span.className = dot < done ? "bt-did" : dot === done && breathing ? "bt-now" : "";
        return span;
      }));
      const chosen = this.#cue(true);
      for (const choice of this.querySelectorAll("[data-cue]")) choice.setAttribute("aria-pressed", choice.dataset.cue === chosen);
      this.#text(".bt-note", chosen === "voice" && !hasVoice() ? "This browser has no voice, so you will hear tones." : "");
      for (const input of this.querySelectorAll(".bt-field input")) input.value = this.#preference(input.name);
    }

    #text(selector, value) {
      this.querySelector(selector).textContent = value;
    }

    // The view fills the screen where the browser allows it, and the page or frame otherwise.
    #enterView() {
      if (this.hasAttribute("data-view")) return;
      this.toggleAttribute("data-view", true);
      document.addEventListener("keydown", this);
      document.addEventListener("fullscreenchange", this);
      if (document.fullscreenEnabled) this.requestFullscreen().catch(() => {});
      this.querySelector(".bt-toggle").focus();
    }

    // Leaving keeps the session's place: the timer runs on in the page.
    #leaveView() {
      if (!this.hasAttribute("data-view")) return;
      this.removeAttribute("data-view");
      document.removeEventListener("keydown", this);
      document.removeEventListener("fullscreenchange", this);
      if (document.fullscreenElement === this) document.exitFullscreen().catch(() => {});
      this.querySelector(".bt-toggle").focus();
    }

    #key(event) {
      if (event.key === "Escape") this.#leaveView();
      else if (event.key === " " && !event.target.closest?.("button, input, a")) {
        event.preventDefault();
        this.#press(this.querySelector(".bt-toggle"));
      }
    }

    // Browsers let sound start only from a click, so the audio is made there; some have none.
    #listen() {
      if (window.AudioContext) this.#audio ??= new AudioContext();
    }

    #tone([from, to]) {
      const audio = this.#audio;
      if (!audio) return;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      const now = audio.currentTime;
      oscillator.frequency.setValueAtTime(from, now);
      oscillator.frequency.linearRampToValueAtTime(to, now + 0.5);
      // Fades in and out, so the tone starts and stops without a click.
      gain.gain.setValueCurveAtTime([0, 0.2, 0.1, 0], now, 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now);
      oscillator.stop(now + 0.6);
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
