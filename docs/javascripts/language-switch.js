// The header's language switch (English, Español) with Material's instant navigation.
// Instant navigation swaps each page's <link rel="alternate" hreflang> into the head but keeps
// the header of the first page loaded, so each language's link is pointed at this page's twin.
// Following it loads the twin in full, so its header, menu, search and `lang` come in that
// language too, rather than the other language's page inside this one's frame.
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
    location.assign(link.href);
  },
  true,
);
