// The site's service worker: every page of both languages, the timer and what Material needs,
// kept after one visit. hooks/offline_app.py puts APP above this: the files to keep (`kept`,
// relative to the site's root), those whose address changes with their content (`versioned`)
// and a hash of them all (`version`), so any change to the site is a new worker.
//
// Never stale: a page, and any file whose address stays the same across versions, comes from
// the network first; the saved copy serves only when the network fails, or is still silent
// after NETWORK_WAIT_MS, and a page served so says on it that it is a saved copy, and from when.

const CACHE_PREFIX = "unstuck-offline-";
const CACHE = CACHE_PREFIX + APP.version;
const NETWORK_WAIT_MS = 3000;

const address = (path) => new URL(path, self.registration.scope).href;
const KEPT = new Set(APP.kept.map(address));
const VERSIONED = new Set(APP.versioned.map(address));

self.addEventListener("install", (event) => {
  // `reload`: the files as the server has them now, not as the browser's HTTP cache kept them.
  const requests = APP.kept.map((path) => new Request(address(path), { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  const older = (name) => name.startsWith(CACHE_PREFIX) && name !== CACHE;
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter(older).map((name) => caches.delete(name))))
      // On a first visit, the page that installed the worker gets it too, for its next request.
      .then(() => self.clients.claim()),
  );
});

// A new worker waits while a page of the old one is open, so nothing changes under a reader
// mid-session; the next page loaded asks it to take over (docs/javascripts/offline-app.js).
self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const url = new URL(event.request.url);
  const key = url.origin + url.pathname;
  if (VERSIONED.has(key)) event.respondWith(savedFirst(event, key));
  else if (KEPT.has(key)) event.respondWith(networkFirst(event, key));
});

async function savedFirst(event, key) {
  return (await caches.match(key)) || fetchAndKeep(event, key);
}

// `no-cache`: network first means the server's answer, never the browser's HTTP cache, which
// would keep serving an old page where a server sends no Cache-Control.
function fetchAndKeep(event, key) {
  const fromNetwork = fetch(event.request, { cache: "no-cache" });
  event.waitUntil(fromNetwork.then((response) => keep(key, response.clone())).catch(() => {}));
  return fromNetwork;
}

// A redirected or failed answer is not kept: a page asked for by address must be the page.
async function keep(key, response) {
  if (response.ok && response.type === "basic" && !response.redirected) {
    await (await caches.open(CACHE)).put(key, response);
  }
}

async function networkFirst(event, key) {
  const fromNetwork = fetchAndKeep(event, key);
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, "slow"));
  const first = await Promise.race([fromNetwork, slow]).catch(() => "failed");
  if (first instanceof Response) return first;
  return (await savedCopy(key)) || fromNetwork;
}

async function savedCopy(key) {
  const saved = await caches.match(key);
  if (!saved || !saved.headers.get("Content-Type")?.startsWith("text/html")) return saved;
  const page = markedAsSaved(await saved.text(), new Date(saved.headers.get("Date")));
  return new Response(page, { status: saved.status, statusText: saved.statusText, headers: saved.headers });
}

// overrides/main.html writes the note hidden, in the page's language, with an empty span where
// the moment the server sent this copy (its Date header) goes.
function markedAsSaved(page, savedAt) {
  return page.replace(
    /(<aside [^>]*data-saved-copy="([^"]*)")\s+hidden>([\s\S]*?)<span data-saved-at><\/span>/,
    (note, opening, locale, before) => {
      const when = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(savedAt);
      return `${opening}>${before}<time datetime="${savedAt.toISOString()}">${when}</time>`;
    },
  );
}
