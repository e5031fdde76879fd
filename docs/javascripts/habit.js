// "Make it a habit": twist breaks for the reader's calendar, and reminders while the page is open.
//
// The page (docs/daily-habit.md) holds both forms, hidden until this script runs. The calendar
// file (RFC 5545) is built here from the reader's choices and handed over as a download, so
// nothing is sent anywhere: it works offline, from disk and under a strict CSP.
// Material's instant navigation swaps pages without reloading scripts, so the forms are set up
// on every page Material shows (document$), and reminders end when their page goes.
//
// Everything lives inside one function, so that nothing leaks into the page's globals.
(() => {
  "use strict";

  const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
  const LENGTH = { min: 1, max: 60 };
  const EVERY = { min: 5, max: 240 };
  // What the page and the calendar file say, in the page's language: the words the page carries
  // (hooks/words.yml's `habit`, written into its head by hooks/languages.py); {name} takes a value.
  const pageWords = () => JSON.parse(document.getElementById("page-words").textContent);
  const words = () => pageWords().habit;
  const fill = (text, values) => text.replace(/{(\w+)}/g, (_, name) => values[name]);
  const say = (key, values = {}) => fill(words()[key], values);
  // A word that says a number has a form for each plural category of the language ("1 break",
  // "2 breaks"); `other` serves any category the words leave out.
  function sayCount(key, count, values = {}) {
    const forms = words()[key];
    const form = forms[new Intl.PluralRules(document.documentElement.lang).select(count)] ?? forms.other;
    return fill(form, values);
  }
  const dayNames = () => words().days.split(" ");
  // Clicking a reminder reuses one tab for the chair twist rather than opening a new one each time.
  const TWIST_WINDOW = "unstuck-chair-twist";
  const ICS_LINE_OCTETS = 75;
  // A link fills the form with at most this many breaks: one every hour of the day and more.
  // A link of thousands would freeze the page while it builds their fields.
  const MOST_TIMES = 24;

  // Loaded on this page only, the script runs again on every visit by instant navigation;
  // the first run's subscription to document$ sets up every later visit.
  if (window.habitSetUp) return;
  window.habitSetUp = true;

  let activeReminder = null;

  // The script runs after the page's content, so the forms are there now. Material announces
  // later pages on document$; from disk (the offline build) it never announces the first one.
  setUpPage();
  document$.subscribe(setUpPage);

  function setUpPage() {
    if (activeReminder && !activeReminder.form.isConnected) activeReminder.stop();
    const calendar = document.getElementById("habit-calendar");
    const reminder = document.getElementById("habit-reminder");
    // Each page's forms are set up once: document$ also replays the page already set up.
    if (!calendar || !reminder || calendar.dataset.ready) return;
    calendar.dataset.ready = "true";
    for (const note of document.querySelectorAll(".habit-needs-script")) note.hidden = true;
    setUpCalendar(calendar);
    setUpReminder(reminder);
  }

  // ---- Reading the reader's choices ----

  // "14:00", "9.30", "2:30 pm", "2pm": a time of day as "HH:MM", or null.
  function parseTime(text) {
    const match = /^(\d{1,2})(?:[:.](\d{2}))?(?:\s*([ap])\.?\s*m\.?)?$/i.exec(text.trim());
    if (!match) return null;
    let hours = Number(match[1]);
    const minutes = Number(match[2] ?? 0);
    const half = match[3]?.toLowerCase();
    if (minutes > 59) return null;
    if (half) {
      if (hours < 1 || hours > 12) return null;
      hours = (hours % 12) + (half === "p" ? 12 : 0);
    } else if (hours > 23) {
      return null;
    }
    return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
  }

  // A whole number within range, or null.
  function parseWhole(text, { min, max }) {
    if (!/^\d+$/.test(text.trim())) return null;
    const number = Number(text);
    return number >= min && number <= max ? number : null;
  }

  // "mon", "Monday", "we", or on a Spanish page "mié", "mie", "miércoles": a day's code such
  // as "MO", or null. Accents are optional, as many keyboards make them hard to type.
  function plain(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function parseDay(word) {
    const lower = plain(word.trim());
    if (lower.length < 2) return null;
    const names = [pageWords().address_days.split(" "), dayNames()];
    return DAYS.find((code, day) => names.some((list) => plain(list[day]).startsWith(lower))) ?? null;
  }

  // Choices carried by the page's address: ?times=10:30,15:00&days=mon,wed&length=10
  function choicesFromAddress(search) {
    const query = new URLSearchParams(search);
    const choices = {};
    if (query.has("times")) {
      // Split no further than needed: the rest of a long list is never read.
      const times = query.get("times").split(/[,;]/, MOST_TIMES + 1).map((time) => time.trim()).filter(Boolean);
      if (times.length > MOST_TIMES) {
        console.warn(`Unstuck: the address lists more than ${MOST_TIMES} break times; the first ${MOST_TIMES} are used.`);
      }
      choices.times = times.slice(0, MOST_TIMES);
    }
    if (query.has("days")) {
      // ?days=mon&days=fri is read as ?days=mon,fri.
      const given = query.getAll("days").join(",").split(",", DAYS.length + 1).filter((word) => word.trim());
      choices.days = given.map(parseDay).filter(Boolean);
      // Said beside the days, once, however long the list (fillCalendarForm).
      choices.unknownDays = given.filter((word) => !parseDay(word)).map((word) => word.trim().slice(0, 40));
    }
    if (query.has("length")) choices.length = query.get("length");
    return choices;
  }

  function describeDays(days) {
    const indices = days.map((day) => DAYS.indexOf(day));
    const consecutive = indices.every((index, i) => i === 0 || index === indices[i - 1] + 1);
    const names = days.map((day) => dayNames()[DAYS.indexOf(day)]);
    if (days.length === 7) return say("every_day");
    if (consecutive && days.length >= 3) return say("to", { first: names[0], last: names.at(-1) });
    return listed(names);
  }

  // "10:30, 14:00 and 16:00", in the page's language.
  function listed(items) {
    return items.length === 1 ? items[0] : say("and", { rest: items.slice(0, -1).join(", "), last: items.at(-1) });
  }

  // ---- The calendar file ----

  // Where a calendar may link to: the page's own address when it came from a web server, the
  // site's configured address (the canonical link, only there when the build had one) from
  // anywhere else, and nothing from disk, where an address would mean nothing to a calendar.
  function linkForCalendar(link) {
    if (!link) return null;
    const href = link.getAttribute("href");
    if (location.protocol === "http:" || location.protocol === "https:") return new URL(href, location.href).href;
    if (location.protocol === "file:") return null;
    const canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? new URL(href, canonical.href).href : null;
  }

  function escapeText(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  // Lines longer than 75 octets continue on the next line after a space. Octets, not characters:
  // a UTF-8 character is never split between lines.
  function fold(line) {
    const encoder = new TextEncoder();
    const lines = [];
    let current = "";
    let octets = 0;
    for (const character of line) {
      const size = encoder.encode(character).length;
      if (octets + size > ICS_LINE_OCTETS) {
        lines.push(current);
        current = " ";
        octets = 1;
      }
      current += character;
      octets += size;
    }
    lines.push(current);
    return lines.join("\r\n");
  }

  const pad = (number) => String(number).padStart(2, "0");

  // A date-time with no zone ("floating"): the same clock time wherever the reader is.
  function floating(date) {
    return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}00`;
  }

  function utcStamp(date) {
    return `${floating(date)}Z`;
  }

  // The first of the chosen days, from today on: a repeating event starts on one of its days.
  function firstDay(today, days) {
    for (let ahead = 0; ahead < 7; ahead++) {
      const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() + ahead);
      if (days.includes(DAYS[(day.getDay() + 6) % 7])) return day;
    }
    throw new Error("no day chosen");
  }

  function breakEvent(time, { days, length }, description, address, now) {
    const [hours, minutes] = time.split(":").map(Number);
    const day = firstDay(now, days);
    // Clock arithmetic in UTC fields, so that a break crossing midnight or a clock change ends
    // exactly `length` minutes of clock time later.
    const start = new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes));
    const end = new Date(start.getTime() + length * 60_000);
    return [
      "BEGIN:VEVENT",
      // Same time and days, same UID: importing the same choices again updates those breaks.
      `UID:twist-break-${time.replace(":", "")}-${days.join("-").toLowerCase()}@unstuck`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART:${floating(start)}`,
      `DTEND:${floating(end)}`,
      `RRULE:FREQ=WEEKLY;BYDAY=${days.join(",")}`,
      `SUMMARY:${escapeText(say("title"))}`,
      `DESCRIPTION:${escapeText(description)}`,
      ...(address ? [`URL:${address}`] : []),
      // A break shows as free time, so it never blocks a meeting someone else is booking.
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${escapeText(say("title"))}`,
      "TRIGGER;RELATED=START:PT0S",
      "END:VALARM",
      "END:VEVENT",
    ];
  }

  function calendarFile(choices, address, now) {
    // Who should check first leads: a calendar event is a way in that skips the page above the steps.
    const description = [say("check"), say("cue"), say("stop"), address ? say("steps", { address }) : say("steps_nowhere")].join("\n");
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Unstuck//Twist breaks//EN",
      "CALSCALE:GREGORIAN",
      // No METHOD: this is a calendar to import, not a scheduling message, which needs an organizer.
      ...choices.times.flatMap((time) => breakEvent(time, choices, description, address, now)),
      "END:VCALENDAR",
    ];
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(text, name) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.click();
    // The browser reads the file once the download starts; free it after that.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // ---- Field errors, in words, tied to their fields ----

  function showError(field, errorElement, message) {
    errorElement.textContent = message;
    if (field) field.setAttribute("aria-invalid", String(Boolean(message)));
  }

  function clearErrors(form) {
    for (const element of form.querySelectorAll(".habit-error")) element.textContent = "";
    for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
    form.querySelector(".habit-problems").replaceChildren();
  }

  function showProblems(form, problems) {
    const summary = form.querySelector(".habit-problems");
    const intro = document.createElement("p");
    intro.textContent = say("fix_first");
    const list = document.createElement("ul");
    for (const problem of problems) {
      const item = document.createElement("li");
      item.textContent = problem;
      list.append(item);
    }
    summary.replaceChildren(intro, list);
  }

  // ---- The calendar form ----

  function timeRow(value) {
    const row = document.createElement("li");
    const label = document.createElement("label");
    const input = document.createElement("input");
    const remove = document.createElement("button");
    const error = document.createElement("span");
    input.type = "text";
    input.className = "habit-time";
    input.autocomplete = "off";
    input.value = value;
    remove.type = "button";
    remove.className = "md-button habit-remove-time";
    remove.textContent = say("remove");
    error.className = "habit-error";
    row.append(label, input, remove, error);
    return row;
  }

  // Labels, ids and names follow the rows' order: "Break 1", "Break 2"...
  function numberRows(list) {
    [...list.children].forEach((row, index) => {
      const number = index + 1;
      const [label, input, remove, error] = row.children;
      input.id = `habit-time-${number}`;
      error.id = `habit-time-${number}-error`;
      label.htmlFor = input.id;
      label.textContent = say("break_label", { n: number });
      input.setAttribute("aria-describedby", `habit-times-hint ${error.id}`);
      remove.setAttribute("aria-label", say("remove_break", { n: number }));
    });
  }

  function setTimes(list, times) {
    list.replaceChildren(...times.map(timeRow));
    numberRows(list);
  }

  // `linkLength`: the length the page's address gave, when the form is read for the link.
  function readCalendarForm(form, linkLength) {
    const problems = [];
    const rows = [...form.querySelectorAll(".habit-time-list li")];
    const times = [];
    rows.forEach((row, index) => {
      const input = row.querySelector("input");
      const error = row.querySelector(".habit-error");
      const text = input.value.trim();
      const time = parseTime(text);
      let message = "";
      if (!text) message = say("no_time", { n: index + 1 });
      else if (!time) message = say("not_time", { n: index + 1, text });
      else if (times.includes(time)) message = say("same_time", { n: index + 1, time, other: times.indexOf(time) + 1 });
      showError(input, error, message);
      if (message) problems.push(message);
      times.push(time);
    });
    if (rows.length === 0) {
      const message = say("one_time");
      showError(null, form.querySelector("#habit-times-error"), message);
      problems.push(message);
    }
    const days = [...form.querySelectorAll('input[name="day"]:checked')].map((box) => box.value);
    if (days.length === 0) {
      const message = say("one_day");
      showError(null, form.querySelector("#habit-days-error"), message);
      problems.push(message);
    }
    const lengthField = form.querySelector("#habit-length");
    const length = parseWhole(lengthField.value, LENGTH);
    if (length === null) {
      // A number field empties itself of what it cannot hold (?length=abc, 400 nines): the
      // message quotes the link's value then, cut short like the link's days.
      const given = lengthField.value.trim() || linkLength?.trim().slice(0, 40);
      const range = { min: LENGTH.min, max: LENGTH.max };
      const message = given ? say("length", { ...range, value: given }) : say("no_length", range);
      showError(lengthField, form.querySelector("#habit-length-error"), message);
      problems.push(message);
    }
    return { problems, choices: { times, days, length } };
  }

  // Beside the days, after any error of their own ("Tick at least one day").
  function sayUnknownDays(form, unknown) {
    const error = form.querySelector("#habit-days-error");
    const quoted = unknown.map((word) => `“${word}”`).join(", ");
    const message = sayCount("unknown_days", unknown.length, { days: quoted });
    error.textContent = [error.textContent, message].filter(Boolean).join(" ");
    console.warn(`Unstuck: ?days= ${quoted} left out: not a day of the week.`);
  }

  function fillCalendarForm(form, choices) {
    if (choices.times) setTimes(form.querySelector(".habit-time-list"), choices.times);
    if (choices.days) {
      for (const box of form.querySelectorAll('input[name="day"]')) box.checked = choices.days.includes(box.value);
    }
    if (choices.length !== undefined) form.querySelector("#habit-length").value = choices.length;
  }

  function setUpCalendar(form) {
    const list = form.querySelector(".habit-time-list");
    const status = form.querySelector(".habit-status");
    setTimes(list, list.dataset.defaults.split(" "));
    form.hidden = false;

    form.addEventListener("click", (event) => {
      const remove = event.target.closest(".habit-remove-time");
      if (remove) {
        const row = remove.closest("li");
        const next = row.nextElementSibling ?? row.previousElementSibling;
        row.remove();
        numberRows(list);
        (next?.querySelector("input") ?? form.querySelector(".habit-add-time")).focus();
        status.textContent = sayCount("removed", list.children.length, { left: list.children.length });
      } else if (event.target.closest(".habit-add-time")) {
        list.append(timeRow(""));
        numberRows(list);
        list.lastElementChild.querySelector("input").focus();
        status.textContent = "";
      }
    });

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearErrors(form);
      status.textContent = "";
      const { problems, choices } = readCalendarForm(form);
      if (problems.length) {
        showProblems(form, problems);
        return;
      }
      setTimes(list, choices.times);
      const address = linkForCalendar(document.querySelector(".habit-twist-link"));
      download(calendarFile(choices, address, new Date()), say("file"));
      const breaks = choices.times.length;
      status.textContent = sayCount("downloaded", breaks, {
        file: say("file"),
        count: sayCount("breaks", breaks, { n: breaks }),
        minutes: sayCount("minutes", choices.length, { n: choices.length }),
        days: describeDays(choices.days),
        times: listed(choices.times),
      });
    });

    const fromAddress = choicesFromAddress(location.search);
    if (Object.keys(fromAddress).length) {
      fillCalendarForm(form, fromAddress);
      const { problems } = readCalendarForm(form, fromAddress.length);
      if (problems.length) showProblems(form, problems);
      else status.textContent = say("from_link");
      if (fromAddress.unknownDays?.length) sayUnknownDays(form, fromAddress.unknownDays);
      if (!location.hash) document.getElementById("calendar")?.scrollIntoView();
    }
  }

  // ---- Reminders while the page is open ----

  function setUpReminder(form) {
    const field = form.querySelector("#habit-every");
    const error = form.querySelector("#habit-every-error");
    const start = form.querySelector(".habit-start");
    const stop = form.querySelector(".habit-stop");
    const status = form.querySelector(".habit-status");
    form.hidden = false;

    const offerCalendar = (reason, alternative = say("you_can")) => {
      const link = document.createElement("a");
      link.href = "#calendar";
      link.textContent = say("add_breaks");
      status.replaceChildren(`${reason} ${alternative}`, link, say("instead"));
    };

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const minutes = parseWhole(field.value, EVERY);
      showError(field, error, minutes === null ? say("every", { min: EVERY.min, max: EVERY.max }) : "");
      if (minutes === null) return;
      if (!("Notification" in window)) {
        offerCalendar(say("no_notifications"));
        return;
      }
      const permission = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
      if (permission !== "granted") {
        offerCalendar(
          say("blocked"),
          say("allow"),
        );
        return;
      }
      activeReminder?.stop();
      activeReminder = startReminders(form, minutes, { field, start, stop, status, offerCalendar });
    });

    stop.addEventListener("click", () => activeReminder?.stop());
  }

  function notify(title, body) {
    // One notification at a time, replaced by the next; `renotify` makes the replacement alert again.
    const notification = new Notification(title, { body, tag: "unstuck-twist-break", renotify: true });
    notification.addEventListener("click", () => {
      const chairTwist = document.querySelector(".habit-twist-link");
      const opened = chairTwist && window.open(chairTwist.href, TWIST_WINDOW);
      opened?.focus();
      notification.close();
    });
    return notification;
  }

  // A clock time in the page's language, not the browser's: a Spanish page says 13:00 in an
  // American browser, not 1:00 PM. Where the reader's browser asks for a variety of the page's
  // language (en-GB on an English page), its way of writing times is kept.
  function clockTime(date) {
    const language = document.documentElement.lang;
    const locale = navigator.languages.find((tag) => tag.split("-")[0] === language) ?? language;
    return date.toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
  }

  // Reminders every `minutes` from one start time; each is due at start + n intervals, so a late
  // timer (a background tab) never pushes the ones after it later.
  function startReminders(form, minutes, { field, start, stop, status, offerCalendar }) {
    const interval = minutes * 60_000;
    const startedAt = Date.now();
    let count = 0;
    let timer = null;

    const reminder = {
      form,
      stop() {
        clearTimeout(timer);
        if (activeReminder === reminder) activeReminder = null;
        if (!form.isConnected) return;
        const stopHadFocus = document.activeElement === stop;
        field.readOnly = false;
        stop.hidden = true;
        start.hidden = false;
        if (stopHadFocus) start.focus();
        status.textContent = say("reminders_off");
      },
    };

    const scheduleNext = () => {
      const due = startedAt + (count + 1) * interval;
      timer = setTimeout(() => {
        count += 1;
        notify(say("time_for"), say("click_to"));
        status.textContent = say("reminder", { count, now: clockTime(new Date()), next: clockTime(new Date(due + interval)) });
        scheduleNext();
      }, due - Date.now());
    };

    try {
      notify(say("reminders_on"), say("on_body", { minutes }));
    } catch {
      // Some browsers, such as Chrome on Android, show notifications only from a service worker.
      offerCalendar(say("cannot"));
      return null;
    }
    scheduleNext();
    // The interval holds until the reader stops; a changed number would otherwise do nothing.
    field.readOnly = true;
    start.hidden = true;
    stop.hidden = false;
    stop.focus();
    status.textContent = say("started", { minutes, first: clockTime(new Date(startedAt + interval)) });
    return reminder;
  }
})();
