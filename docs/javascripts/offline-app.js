// Registers the site's service worker (hooks/offline_app.py writes it at the site's root), so
// that every page works offline after one visit. hooks/offline_app.py loads this on every page
// of a hosted build where the app is on; never on embed/ (another site's frame) or from disk.
const offlineWorker = new URL("../service-worker.js", document.currentScript.src);

// After the page has loaded, so it costs the page nothing on its way in.
addEventListener("load", () => {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register(offlineWorker)
    // A new version installed while an earlier page was open takes over now, as this page
    // begins, rather than under a page already in use.
    .then((registration) => registration.waiting?.postMessage("take-over"))
    .catch((error) => console.warn(`No offline copy: ${error.message}`));
});
