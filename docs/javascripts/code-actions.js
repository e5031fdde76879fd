// Material wraps each code block's copy button in an unnamed <nav>; several unnamed
// landmarks on one page cannot be told apart by screen reader users, so name each one.
// Named in the page's language.
const CODE_EXAMPLE = { en: "Code example", es: "Ejemplo de código" };
document$.subscribe(() => {
  const name = CODE_EXAMPLE[document.documentElement.lang] ?? CODE_EXAMPLE.en;
  document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
    nav.setAttribute("aria-label", `${name} ${index + 1}`);
  });
});
