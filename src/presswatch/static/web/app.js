// presswatch web UI: layer toggles, highlight details on click or Enter, jump links, delete.
// The details box shows copies of server-rendered (escaped) elements; no HTML is built from strings.
(function () {
  "use strict";
  var text = document.getElementById("art-text");
  var box = document.getElementById("details");
  var body = document.getElementById("details-body");
  var active = [];

  var bar = document.querySelector(".topbar");
  if (bar) document.documentElement.style.setProperty("--bar", bar.offsetHeight + "px");

  function clearActive() {
    active.forEach(function (m) { m.classList.remove("active"); });
    active = [];
  }

  function hideDetails() {
    if (!box) return;
    box.hidden = true;
    clearActive();
  }

  // Every highlight covering the clicked piece, innermost first, skipping layers switched off.
  function showDetails(mark) {
    var article = document.getElementById("article");
    var items = [];
    clearActive();
    for (var m = mark; m && m !== text; m = m.parentElement) {
      var s = m.getAttribute("data-s");
      if (s === null || article.classList.contains("off-" + m.getAttribute("data-l"))) continue;
      var tip = document.getElementById("a-t" + s);
      if (!tip || !tip.firstElementChild) continue;
      items.push(tip.firstElementChild.cloneNode(true));
      document.querySelectorAll('#art-text [data-s="' + s + '"]').forEach(function (piece) {
        piece.classList.add("active");
        active.push(piece);
      });
    }
    if (!items.length) { hideDetails(); return; }
    body.replaceChildren.apply(body, items);
    box.hidden = false;
    if (window.matchMedia("(min-width: 1024px)").matches) {
      var r = box.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) box.scrollIntoView({ block: "nearest" });
    }
  }

  if (text && box) {
    text.addEventListener("click", function (e) {
      var mark = e.target.closest("[data-s]");
      if (mark) showDetails(mark);
    });
    text.addEventListener("keydown", function (e) {
      if ((e.key === "Enter" || e.key === " ") && e.target.hasAttribute("data-s")) {
        e.preventDefault();
        showDetails(e.target);
      }
    });
    box.querySelector("[data-close]").addEventListener("click", hideDetails);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideDetails(); });
  }

  document.querySelectorAll("[data-toggle]").forEach(function (input) {
    input.addEventListener("change", function () {
      var article = document.getElementById("article");
      article.classList.toggle("off-" + input.value, !input.checked);
      // A hidden layer's marks leave the tab order too.
      document.querySelectorAll('#art-text [data-l="' + input.value + '"][tabindex]').forEach(function (m) {
        m.tabIndex = input.checked ? 0 : -1;
      });
      hideDetails();
    });
  });

  // Panel links jump to the highlight and flash every piece of it.
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("[data-jump]") : null;
    if (!link) return;
    var target = document.getElementById(link.getAttribute("data-jump"));
    if (!target) return;
    document.querySelectorAll('#art-text [data-s="' + target.getAttribute("data-s") + '"]').forEach(function (m) {
      m.classList.remove("flash");
      void m.offsetWidth; // restart the animation
      m.classList.add("flash");
    });
    if (target.hasAttribute("tabindex")) {
      e.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
      showDetails(target);
    }
  });

  if (window.matchMedia && window.matchMedia("(max-width: 640px)").matches) {
    document.querySelectorAll(".legend").forEach(function (d) { d.open = false; });
  }

  document.querySelectorAll("[data-delete]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!window.confirm("Delete this article and its analysis from the corpus?")) return;
      fetch("/api/v1/articles/" + encodeURIComponent(button.getAttribute("data-delete")),
            { method: "DELETE", credentials: "same-origin" })
        .then(function (r) {
          if (r.ok) { window.location.assign("/articles"); return; }
          return r.json().then(function (j) { window.alert(j.error ? j.error.message : "Delete failed"); });
        })
        .catch(function () { window.alert("Delete failed: the server did not answer"); });
    });
  });
})();
