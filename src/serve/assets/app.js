// dossier's one script: stepping from match to match on a document page.
// Everything else works without it; the links it improves jump to #m1 and #mN.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const marks = Array.from(document.querySelectorAll("pre.body mark[id]"));
  const count = document.getElementById("match-count");
  const next = document.getElementById("next-match");
  const prev = document.getElementById("prev-match");
  if (!marks.length || !count || !next || !prev) return;
  let at = -1;
  const go = (step) => {
    if (at >= 0) marks[at].classList.remove("current");
    at = (at + step + marks.length) % marks.length;
    const mark = marks[at];
    mark.classList.add("current");
    mark.scrollIntoView({ block: "center" });
    count.textContent = `match ${at + 1} of ${marks.length}`;
    history.replaceState(null, "", `#${mark.id}`);
  };
  next.addEventListener("click", (e) => { e.preventDefault(); go(1); });
  prev.addEventListener("click", (e) => { e.preventDefault(); go(at < 0 ? 0 : -1); });
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, select, textarea") || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "n") go(1);
    if (e.key === "p" || e.key === "N") go(at < 0 ? 0 : -1);
  });
});
