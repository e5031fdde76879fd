// Material wraps each code block's copy button in an unnamed <nav>; several unnamed
// landmarks on one page cannot be told apart by screen reader users, so name each one.
// Loaded on pages with code only, it runs again on every visit by instant navigation:
// subscribe once.
if (!window.codeActionsNamed) {
  window.codeActionsNamed = true;
  document$.subscribe(() => {
    document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
      nav.setAttribute("aria-label", `Code example ${index + 1}`);
    });
  });
}
