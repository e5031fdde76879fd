// A tutorial's "Start the guided twist" link: without a script it scrolls to the timer;
// with one it scrolls there and opens the timer's follow-along view on its ready screen
// (who should check first, the stop signals, the cue), where the reader presses Start.
// Material's instant navigation would render the page afresh for the link, and a new idle
// timer with it, so the click is taken first, in the capture phase on the document (which
// also keeps working across instant navigation), and goes no further.
// Loaded on tutorials only, it runs again on every visit by instant navigation: listen once.
if (!window.guidedStartListens) {
  window.guidedStartListens = true;
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest(".guided-start");
      const timer = document.querySelector("breath-timer");
      if (!link || !timer?.ready) return;
      event.preventDefault();
      event.stopPropagation();
      document.querySelector(link.hash)?.scrollIntoView();
      timer.ready();
    },
    true,
  );
  // A button takes Space as well as Enter; a link would scroll the page instead.
  document.addEventListener("keydown", (event) => {
    if (event.key !== " " || !event.target.closest?.('.guided-start[role="button"]')) return;
    event.preventDefault();
    event.target.click();
  });
}

// Once the timer runs, the link opens its dialog rather than going somewhere: a screen reader
// hears a button that opens a dialog (this visit's link is new after instant navigation).
customElements.whenDefined("breath-timer").then(() => {
  for (const link of document.querySelectorAll(".guided-start")) {
    link.setAttribute("role", "button");
    link.setAttribute("aria-haspopup", "dialog");
  }
});
