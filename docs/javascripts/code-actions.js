// Material wraps each code block's copy button in an unnamed <nav>; several unnamed
// landmarks on one page cannot be told apart by screen reader users, so name each one.
// Loaded on pages with code only, it runs again on every visit by instant navigation:
// subscribe once. Named in the page's language.
if (!window.codeActionsNamed) {
  window.codeActionsNamed = true;
  const CODE_EXAMPLE = { en: "Code example", es: "Ejemplo de código" };
  document$.subscribe(() => {
    const name = CODE_EXAMPLE[document.documentElement.lang] ?? CODE_EXAMPLE.en;
    document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
      nav.setAttribute("aria-label", `${name} ${index + 1}`);
    });
  });
}
