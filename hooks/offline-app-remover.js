// The site's service worker where the host has turned the offline app off
// (`extra.offline_app: false`): a reader who had the app gets this at the next visit, and it
// removes itself and what the app had saved, so no old copy of a page outlives the change.
// It answers no request: pages come from the network as on any site.

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("unstuck-offline-")).map((name) => caches.delete(name))))
      .then(() => self.registration.unregister()),
  );
});
