// presswatch HTML report: layer toggles, details on hover/focus, flash on evidence links.
// Reads only the page itself; tooltips are copies of server-escaped elements.
(function () {
  "use strict";
  var tip = document.getElementById("pw-tip");
  var current = null;

  function markOf(node) {
    return node && node.closest ? node.closest(".pw-text [data-s]") : null;
  }

  function hide() {
    tip.hidden = true;
    current = null;
  }

  function show(mark, x, y) {
    var sec = mark.closest(".pw-analysis");
    var items = [];
    for (var m = mark; m && !m.classList.contains("pw-text"); m = m.parentElement) {
      var s = m.getAttribute("data-s");
      if (s === null || sec.classList.contains("off-" + m.getAttribute("data-l"))) continue;
      var t = document.getElementById(sec.id + "-t" + s);
      if (t && t.firstElementChild) items.push(t.firstElementChild.cloneNode(true));
    }
    if (!items.length) { hide(); return; }
    tip.replaceChildren.apply(tip, items);
    tip.hidden = false;
    var r = mark.getClientRects()[0] || mark.getBoundingClientRect();
    var left = x === undefined ? r.left : x + 12, top = y === undefined ? r.bottom + 8 : y + 16;
    left = Math.max(8, Math.min(left, window.innerWidth - tip.offsetWidth - 8));
    if (top + tip.offsetHeight > window.innerHeight - 8) {
      top = Math.max(8, (y === undefined ? r.top : y) - tip.offsetHeight - 10);
    }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
    current = mark;
  }

  document.querySelectorAll(".pw-toggle input").forEach(function (box) {
    box.addEventListener("change", function () {
      var sec = document.getElementById(box.getAttribute("data-section"));
      if (!sec) return;
      sec.classList.toggle("off-" + box.value, !box.checked);
      sec.querySelectorAll('.pw-text [data-l="' + box.value + '"][tabindex]').forEach(function (m) {
        m.tabIndex = box.checked ? 0 : -1;
      });
      hide();
    });
  });

  // The legend starts folded on phones, where it would push the text down a screen.
  if (window.matchMedia && window.matchMedia("(max-width: 600px)").matches) {
    document.querySelectorAll(".pw-legend").forEach(function (d) { d.open = false; });
  }

  document.addEventListener("mouseover", function (e) {
    var m = markOf(e.target);
    if (m) show(m, e.clientX, e.clientY);
    else if (current && current !== document.activeElement) hide();
  });
  document.addEventListener("focusin", function (e) {
    var m = markOf(e.target);
    if (m && m.hasAttribute("tabindex")) show(m); else hide();
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  window.addEventListener("scroll", function () { if (current && current !== document.activeElement) hide(); }, { passive: true });

  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
    if (!a) return;
    var el = document.getElementById(a.getAttribute("href").slice(1));
    if (!el || !el.hasAttribute("data-s")) return;
    var sec = el.closest(".pw-analysis");
    sec.querySelectorAll('.pw-text [data-s="' + el.getAttribute("data-s") + '"]').forEach(function (m) {
      m.classList.remove("pw-flash");
      void m.offsetWidth; // restart the animation
      m.classList.add("pw-flash");
    });
  });
})();
