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
  // Each phase's big word, and the sentence under it; the cue stays "breathe in to lengthen...".
  const WORDS = {
    idle: ["Press Start", "Breathe in to lengthen, breathe out to twist"],
    prepare: ["Get ready", ""],
    inhale: ["In", "Breathe in to lengthen"],
    exhale: ["Out", "Breathe out to twist"],
    switch: ["Change sides", ""],
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
  const STORE = "breath-timer"; // localStorage key of the reader's own pace and cue choices
  const button = (attributes, label) => `<button type="button" ${attributes}>${label}</button>`;
  const ui = (id) => `<div class="bt-ui">
<div class="bt-face"><p class="bt-side"></p><p class="bt-cue"></p><p class="bt-hint"></p>
<div class="bt-shape" aria-hidden="true"><div></div><span class="bt-countdown"></span></div>
<div class="bt-dots" aria-hidden="true"></div><p class="bt-count"></p>
<div class="bt-bar" aria-hidden="true"><div></div></div></div>
<p class="bt-live" role="status"></p>
<fieldset class="bt-cues"><legend>Cues</legend>${CUE_CHOICES.map((cue) => `<label><input type="radio" name="${id}-cue" value="${cue}"> ${cue[0].toUpperCase() + cue.slice(1)}</label>`).join("")}</fieldset>
<p class="bt-note"></p>
<p class="bt-buttons">${button('class="bt-toggle"', "")} ${button('class="bt-view"', "Full view")} ${button('class="bt-reset"', "Reset")} ${button(`class="bt-open" aria-expanded="false" aria-controls="${id}-pace"`, "Pace")} ${button('class="bt-leave"', "Leave full view")}</p>
<div class="bt-settings" id="${id}-pace" hidden><p class="bt-presets">${Object.keys(PRESETS).map((name) => button(`data-preset="${name}" aria-pressed="false"`, name)).join(" ")}</p>
${FIELDS.map(([name, label, step]) => `<div class="bt-field"><label for="${id}-${name}">${label}</label>${button(`data-step="-${step}" aria-label="${label}: less"`, "−")}<input id="${id}-${name}" name="${name}" inputmode="decimal" autocomplete="off">${button(`data-step="${step}" aria-label="${label}: more"`, "+")}</div>`).join("\n")}
</div>
<p class="bt-end">${button('class="bt-again"', "Again")} ${button('class="bt-done"', "Done")}</p></div>`;

  const stylesheet = document.currentScript && new URL("breath-timer.css", document.currentScript.src).href;
  const warned = new Set();
  let count = 0;

  function valid(name, value) {
    const [, min, max, whole] = SETTINGS[name];
    const text = typeof value === "number" || typeof value === "string" ? String(value) : "";
    return (whole ? WHOLE : DECIMAL).test(text) && Number(text) >= min && Number(text) <= max;
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
      try {
        saved = JSON.parse(localStorage.getItem(STORE));
      } catch {} // storage blocked (a locked-down browser) or not JSON
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
      this.#enterView();
      this.#wake();
      this.#tick();
      this.#show();
    }

    pause() {
      if (this.#state !== "running") return;
      this.#pausedAt = performance.now() - this.#origin;
      this.#stop();
      this.#state = "paused";
      this.#announce("Paused");
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
      if (!target) return;
      const action = (target.classList[0] || "").slice(3); // bt-toggle: toggle
      if (action === "toggle") return this.#state === "running" ? this.pause() : this.start();
      if (action === "reset") return this.reset();
      if (action === "view" || action === "again") return action === "again" ? this.start() : this.#enterView();
      if (action === "leave" || action === "done") return this.#leaveView();
      if (action === "open") {
        const open = target.getAttribute("aria-expanded") !== "true";
        target.setAttribute("aria-expanded", open);
        this.querySelector(".bt-settings").hidden = !open;
        return this.toggleAttribute("data-settings", open);
      }
      const preset = PRESETS[target.dataset.preset];
      if (preset) remember({ breaths: preset.breaths, inhale: preset.inhale, exhale: preset.exhale });
      else {
        const input = target.parentElement.querySelector("input");
        const [, min, max] = SETTINGS[input.name];
        const stepped = Math.round((this.#preference(input.name) + Number(target.dataset.step)) * 2) / 2;
        remember({ [input.name]: Math.min(max, Math.max(min, stepped)) });
      }
      this.#paced();
    }

    #choose(input) {
      if (input.type === "radio") remember({ cue: input.value });
      else if (valid(input.name, input.value)) remember({ [input.name]: Number(input.value) });
      if (input.type === "radio" && this.#cue() === "tones") this.#listen();
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
      const cue = CUE_CHOICES.includes(preferences().cue) ? preferences().cue : "tones";
      return chosen || cue !== "voice" || hasVoice() ? cue : "tones";
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
      add("done", plan.at(-1).side, breaths, 0);
      return plan;
    }

    // State comes from the time since the start, so no tick's lateness adds up.
    #tick() {
      if (this.#state !== "running") return;
      const elapsed = performance.now() - this.#origin;
      const found = this.#plan.findIndex((phase) => elapsed < phase.end);
      const index = found < 0 ? this.#plan.length - 1 : found;
      const phase = this.#plan[index];
      if (index !== this.#index) {
        this.#index = index;
        this.#enter(phase);
      }
      if (phase.phase === "done") return;
      const progress = (elapsed - phase.start) / (phase.end - phase.start);
      const countdown = this.querySelector(".bt-countdown");
      const left = `${Math.ceil((phase.end - elapsed) / 1000)}`;
      if (countdown.textContent !== left) countdown.textContent = left;
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
      let message = WORDS[name][0];
      if (name === "prepare") message += `. ${TURNS[side]} first.`;
      if (name === "switch") message += `. Now ${TURNS[side].toLowerCase()}.`;
      if (name === "inhale" || name === "exhale") message = WORDS[name][1];
      if (name === "inhale" && breath === 1) message = `${TURNS[side]}. ${message}`;
      if (name === "done") {
        this.#stop();
        this.#state = "done";
        message += readAttribute(this, "sides") > 1 ? ". Both sides done." : ".";
      }
      this.#announce(message);
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
      const text = (selector, value) => (this.querySelector(selector).textContent = value);
      const name = phase?.phase || "idle";
      const breaths = phase?.breaths || this.#preference("breaths");
      const breathing = name === "inhale" || name === "exhale";
      const [word, hint] = WORDS[this.#state === "paused" ? "paused" : name];
      this.dataset.state = this.#state;
      this.dataset.side = phase?.side || 1;
      text(".bt-side", name === "done" ? "" : phase ? SIDES[phase.side] : `${TURNS[1]} first`);
      text(".bt-cue", word);
      text(".bt-hint", name === "prepare" || name === "switch" ? `${TURNS[phase.side]}${name === "prepare" ? " first" : ""}` : hint);
      text(".bt-count", breathing ? `Breath ${phase.breath} of ${breaths}` : `${breaths} breaths each side`);
      text(".bt-toggle", { running: "Pause", paused: "Resume", done: "Start again" }[this.#state] || "Start");
      const done = name === "done" ? breaths : breathing ? phase.breath - 1 : 0;
      this.querySelector(".bt-dots").replaceChildren(...Array.from({ length: breaths }, (_, dot) => {
        const span = document.createElement("span");
        span.className = dot < done ? "bt-did" : dot === done && breathing ? "bt-now" : "";
        return span;
      }));
      const chosen = this.#cue(true);
      for (const radio of this.querySelectorAll(".bt-cues input")) radio.checked = radio.value === chosen;
      text(".bt-note", chosen === "voice" && !hasVoice() ? "This browser has no voice, so you will hear tones." : "");
      for (const input of this.querySelectorAll(".bt-field input")) input.value = this.#preference(input.name);
      const pace = FIELDS.map(([field]) => this.#preference(field)).join();
      for (const preset of this.querySelectorAll("[data-preset]")) {
        const values = PRESETS[preset.dataset.preset];
        preset.setAttribute("aria-pressed", pace === FIELDS.map(([field]) => values[field] ?? readAttribute(this, field)).join());
      }
    }

    #announce(message) {
      this.querySelector(".bt-live").textContent = message;
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
      if (this.isConnected) this.querySelector(".bt-toggle").focus();
    }

    #key(event) {
      if (event.key === "Escape") this.#leaveView();
      else if (event.key === " " && !event.target.closest?.("button, input, a, select, textarea")) {
        event.preventDefault();
        if (this.#state === "running") this.pause();
        else if (this.#state === "paused") this.start();
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
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.2, now + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now);
      oscillator.stop(now + 0.6);
    }

    // A lock that arrives after the timer stopped or left the page is let go at once.
    #wake() {
      navigator.wakeLock?.request("screen").then((lock) => {
        if (this.#state === "running" && this.isConnected) this.#lock = lock;
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
