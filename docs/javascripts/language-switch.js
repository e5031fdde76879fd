// The header's language switch (English, Español) with Material's instant navigation.
// Instant navigation swaps each page's <link rel="alternate" hreflang> into the head but keeps
// the header of the first page loaded, so each language's link is pointed at this page's twin.
// Following it loads the twin in full, so its header, menu, search and `lang` come in that
// language too, rather than the other language's page inside this one's frame. The address's
// query and fragment go along: a habit link's choices (`?times=…&days=…#calendar`) hold in
// either language.
document$.subscribe(() => {
  for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
    const twin = document.head.querySelector(`link[rel="alternate"][hreflang="${link.hreflang}"]`);
    if (twin) link.href = twin.href;
  }
});

document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest(".md-select__link[hreflang]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    const twin = new URL(link.href);
    twin.search = location.search;
    twin.hash = location.hash;
    location.assign(twin);
  },
  true,
);
