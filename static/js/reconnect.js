// The calm "reconnecting" notice (ui.reconnect.reconnect_script fills in `cfg`):
// - the server's health is polled every cfg.poll ms; after cfg.failAfter misses the notice covers the screen;
// - Streamlit's own connection dialog is hidden the moment it is added, so it never flashes over the notice;
// - when the server answers again the page reloads: a fresh session on whichever instance answers.
// Installed once per tab; a later run replaces the earlier copy (its timer and observer).
(function (cfg) {
  var win = window;
  var doc = document;
  if (win.__kioskReconnect) {
    clearInterval(win.__kioskReconnect.timer);
    if (win.__kioskReconnect.observer) win.__kioskReconnect.observer.disconnect();
  }
  var state = { down: false, fails: 0, timer: null, observer: null };
  win.__kioskReconnect = state;
  var pattern = new RegExp(cfg.dialog, "i");

  function hideDialogs() {
    var found = false;
    doc.querySelectorAll('[role="dialog"]').forEach(function (d) {
      if (!pattern.test(d.textContent || "")) return;
      found = true;
      var box = d.closest('[data-baseweb="modal"]') || d.closest('[data-testid="stDialog"]') || d;
      box.style.setProperty("display", "none", "important");
    });
    return found;
  }

  function overlay(show) {
    var el = doc.getElementById(cfg.id);
    if (!el) {
      el = doc.createElement("div");
      el.id = cfg.id;
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      el.innerHTML = cfg.html;
      doc.body.appendChild(el);
    }
    el.style.display = show ? "flex" : "none";
  }

  function check() {
    var ctl = new AbortController();
    var timer = setTimeout(function () {
      ctl.abort();
    }, cfg.timeout);
    fetch(cfg.health + "?t=" + Date.now(), { cache: "no-store", signal: ctl.signal })
      .then(
        function (r) {
          return r.ok;
        },
        function () {
          return false;
        }
      )
      .then(function (ok) {
        clearTimeout(timer);
        var lost = hideDialogs() || !ok;
        state.fails = lost ? state.fails + 1 : 0;
        if (!state.down && state.fails >= cfg.failAfter) {
          state.down = true;
          overlay(true);
        } else if (state.down && ok) {
          win.location.reload();
        }
      });
  }

  state.observer = new MutationObserver(hideDialogs);
  state.observer.observe(doc.body, { childList: true, subtree: true });
  overlay(false);
  state.timer = setInterval(check, cfg.poll);
})(__CONFIG__);
