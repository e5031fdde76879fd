// embed/: settings come from the query string, with the attributes' names
// (?breaths=8&inhale=3&exhale=4&sides=1). The timer itself checks them and falls back.
const settings = new URLSearchParams(location.search);
for (const timer of document.querySelectorAll("breath-timer")) {
  for (const name of ["breaths", "inhale", "exhale", "sides", "prepare", "switch"]) {
    if (settings.has(name)) timer.setAttribute(name, settings.get(name));
  }
}
