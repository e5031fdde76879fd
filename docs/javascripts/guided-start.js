// A tutorial's "Start the guided twist" link: without a script it scrolls to the timer;
// with one it also starts the timer, which opens its follow-along view.
// Listening on the document keeps working across Material's instant navigation.
document.addEventListener("click", (event) => {
  const timer = document.querySelector("breath-timer");
  if (event.target.closest(".guided-start") && timer?.start) timer.start();
});
