// The book's own script (no library, no request): hover values on charts, and filterable lists.
// Hover values: the arrow keys, Home and End move between a figure's marks;
// the mark in focus or under the pointer is read out in the line under the figure.
document.addEventListener("DOMContentLoaded", () => {
  for (const group of document.querySelectorAll(".figure-marks")) {
    const marks = [...group.querySelectorAll(".figure-mark")];
    const frame = group.closest(".figure-frame");
    const readout = frame && frame.nextElementSibling && frame.nextElementSibling.classList.contains("figure-readout")
      ? frame.nextElementSibling : null;
    const show = (mark) => { if (readout) readout.textContent = mark.dataset.tip; };
    marks.forEach((mark, i) => {
      mark.addEventListener("focus", () => show(mark));
      mark.addEventListener("mouseenter", () => show(mark));
      mark.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
        let j = step ? i + step : event.key === "Home" ? 0 : event.key === "End" ? marks.length - 1 : null;
        if (j === null) return;
        event.preventDefault();
        j = (j + marks.length) % marks.length;
        mark.tabIndex = -1;
        marks[j].tabIndex = 0;
        marks[j].focus();
      });
    });
  }
});

// Filterable lists (a country profile's events): typing in the box keeps the rows that contain every word typed.
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("input.list-filter")) {
    const rows = [...document.querySelectorAll(`#${box.dataset.filter} tbody tr`)];
    box.addEventListener("input", () => {
      const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const row of rows) {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every((w) => text.includes(w));
      }
    });
  }
});
