// Printing: the tutorials' "Print this page" button, and closed <details> opened for paper.
// Listening on the document keeps working across Material's instant navigation.
document.addEventListener("click", (event) => {
  if (event.target.closest(".print-button")) window.print();
});

let closedForScreen = [];
addEventListener("beforeprint", () => {
  // The timer's own settings stay shut: its controls do not print.
  closedForScreen = [...document.querySelectorAll("article details:not([open]):not(breath-timer details)")];
  for (const details of closedForScreen) details.open = true;
});
addEventListener("afterprint", () => {
  for (const details of closedForScreen) details.open = false;
});
