// Material wraps each code block's copy button in an unnamed <nav>; several unnamed
// landmarks on one page cannot be told apart by screen reader users, so name each one.
// Loaded on pages with code only, it runs again on every visit by instant navigation:
// subscribe once. Named in the page's language, with the words the page carries
// (hooks/words.yml, written into its head by hooks/languages.py).
if (!window.codeActionsNamed) {
  window.codeActionsNamed = true;
  document$.subscribe(() => {
    const words = document.getElementById("page-words");
    if (!words) return;
    const name = JSON.parse(words.textContent).code_example;
    document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
      nav.setAttribute("aria-label", `${name} ${index + 1}`);
    });
  });
}
