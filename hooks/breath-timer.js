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
  const CUES = {
    prepare: "Get ready",
    inhale: "Breathe in, lengthen",
    exhale: "Breathe out, twist",
    switch: "Change sides",
    done: "Well done",
  };
  const TURNS = ["", "Turn right", "Turn left"];
  const TONES = { prepare: 330, inhale: 523, exhale: 392, switch: 330, done: 262 };
  const STORE = "breath-timer"; // localStorage key of the reader's own pace and sound choices
  const UI = `<div class="bt-ui">
<p class="bt-side"></p><div class="bt-shape" aria-hidden="true"></div>
<p class="bt-cue"></p><p class="bt-count"></p>
<div class="bt-bar" aria-hidden="true"><div></div></div>
<p class="bt-live" role="status"></p>
<p class="bt-buttons"><button type="button" class="bt-toggle"></button> <button type="button" class="bt-reset">Reset</button></p>
<details class="bt-settings"><summary>Pace and sound</summary>
<label>Breaths each side <input name="breaths" type="number" min="1" max="20" step="1"></label>
<label>Seconds breathing in <input name="inhale" type="number" min="1" max="20" step="0.5"></label>
<label>Seconds breathing out <input name="exhale" type="number" min="1" max="20" step="0.5"></label>
<label><input name="sound" type="checkbox"> Tone and vibration on each change</label>
<label><input name="speech" type="checkbox"> Spoken cues</label>
</details></div>`;

  const stylesheet = document.currentScript && new URL("breath-timer.css", document.currentScript.src).href;
  const warned = new Set();

  // Empty and non-numbers become 0 or NaN, which fail the range test too.
  function valid(name, value) {
    const [, min, max, whole] = SETTINGS[name];
    const number = Number(value);
    return number >= min && number <= max && (!whole || Number.isInteger(number));
  }

  // A setting from its attribute, or its default (with one warning) when the attribute is bad.
  function readAttribute(element, name) {
    const value = element.getAttribute(name);
    if (value === null || valid(name, value)) return value === null ? SETTINGS[name][0] : Number(value);
    const [fallback, min, max, whole] = SETTINGS[name];
    if (!warned.has(`${name}=${value}`)) {
      warned.add(`${name}=${value}`);
      console.warn(`<breath-timer> ${name}="${value}" is not ${whole ? "a whole number" : "a number"} from ${min} to ${max}; using ${fallback}.`);
    }
    return fallback;
  }

  function readPreferences() {
    try {
      return JSON.parse(localStorage.getItem(STORE)) || {};
    } catch {
      return {}; // storage blocked (locked-down browser) or garbage: use the attributes
    }
  }

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
        this.insertAdjacentHTML("beforeend", UI);
        this.#ui = this.lastElementChild;
        this.querySelector(".bt-toggle").onclick = () => (this.#state === "running" ? this.pause() : this.start());
        this.querySelector(".bt-reset").onclick = () => this.reset();
        this.querySelector(".bt-settings").onchange = (event) => this.#choose(event.target);
      }
      document.addEventListener("visibilitychange", this);
      this.reset();
    }

    disconnectedCallback() {
      this.#stop();
      document.removeEventListener("visibilitychange", this);
      this.#audio?.close();
      this.#audio = null;
    }

    attributeChangedCallback() {
      if (this.#ui) this.reset();
    }

    // Back in view: jump to the phase the clock is in, and ask for the wake lock again.
    handleEvent() {
      if (document.visibilityState === "visible" && this.#state === "running") {
        this.#tick();
        this.#wake();
      }
    }

    start() {
      if (this.#state === "running") return;
      if (this.#state !== "paused") {
        this.#pausedAt = 0;
        this.#index = -1;
        this.#plan = this.#schedule();
      }
      if (this.#preference("sound")) this.#listen();
      this.#origin = performance.now() - this.#pausedAt;
      this.#state = "running";
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

    #preference(name) {
      const value = readPreferences()[name];
      if (name in SETTINGS) return valid(name, value) ? Number(value) : readAttribute(this, name);
      return value === true;
    }

    #choose(input) {
      const preferences = readPreferences();
      if (input.type === "checkbox") preferences[input.name] = input.checked;
      else if (valid(input.name, input.value)) preferences[input.name] = Number(input.value);
      else return (input.value = this.#preference(input.name));
      try {
        localStorage.setItem(STORE, JSON.stringify(preferences));
      } catch {}
      if (input.name === "sound" && input.checked) this.#listen();
      if (input.type !== "checkbox") this.reset();
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
      let message = CUES[name];
      if (name === "prepare") message += `. ${TURNS[side]} first.`;
      if (name === "switch") message += `. Now ${TURNS[side].toLowerCase()}.`;
      if (name === "inhale" && breath === 1) message = `${TURNS[side]}. ${message}`;
      if (name === "done") {
        this.#stop();
        this.#state = "done";
        message += readAttribute(this, "sides") > 1 ? ". Both sides done." : ".";
      }
      this.#announce(message);
      if (this.#preference("sound")) {
        this.#tone(TONES[name]);
        navigator.vibrate?.(name === "inhale" ? 80 : [60, 60, 60]);
      }
      if (this.#preference("speech") && window.speechSynthesis) {
        speechSynthesis.cancel();
        speechSynthesis.speak(new SpeechSynthesisUtterance(message));
      }
      this.#show();
      this.dispatchEvent(new CustomEvent("breath-timer:phase", { bubbles: true, detail: { phase: name, side, breath, breaths } }));
      if (name === "done") this.dispatchEvent(new CustomEvent("breath-timer:done", { bubbles: true }));
    }

    #show() {
      const phase = this.#plan[this.#index];
      const text = (selector, value) => (this.querySelector(selector).textContent = value);
      const name = phase?.phase;
      text(".bt-side", phase ? (name === "done" ? "" : TURNS[phase.side]) : `${TURNS[1]} first`);
      text(".bt-cue", phase ? CUES[name] : "Press Start");
      text(".bt-count", name === "inhale" || name === "exhale" ? `Breath ${phase.breath} of ${phase.breaths}` : `${this.#preference("breaths")} breaths each side`);
      text(".bt-toggle", { running: "Pause", paused: "Resume", done: "Start again" }[this.#state] || "Start");
      this.dataset.state = this.#state;
      for (const input of this.querySelectorAll(".bt-settings input")) {
        input[input.type === "checkbox" ? "checked" : "value"] = this.#preference(input.name);
      }
    }

    #announce(message) {
      this.querySelector(".bt-live").textContent = message;
    }

    // Browsers let sound start only from a click, so the audio is made there; some have none.
    #listen() {
      if (window.AudioContext) this.#audio ??= new AudioContext();
    }

    #tone(frequency) {
      const audio = this.#audio;
      if (!audio) return;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      const now = audio.currentTime;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.2, now + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now);
      oscillator.stop(now + 0.6);
    }

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
      if (this.#preference("speech")) window.speechSynthesis?.cancel();
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
