// The kiosk's controls in the browser (ui.kiosk_access.controls_script fills in `cfg`):
// - the arrow keys step the rotation (← previous, → next), as the on-screen buttons do;
// - the idle warning counts down each second from the seconds the server said were left;
// - the page's language is the screen's (screen readers pick their voice by it).
// Installed once per tab; a later run replaces the configuration, not the listeners.
(function (cfg) {
  var win = window;
  var doc = document;
  win.__kioskControlsCfg = cfg;
  doc.documentElement.lang = cfg.lang;
  if (win.__kioskControls) return;
  win.__kioskControls = true;

  function click(key) {
    var button = doc.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) button.click();
  }

  doc.addEventListener(
    "keydown",
    function (event) {
      var c = win.__kioskControlsCfg;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "ArrowLeft") click(c.previous);
      else if (event.key === "ArrowRight") click(c.next);
      else return;
      event.preventDefault();
    },
    true
  );

  // The countdown: each server run writes the seconds left (data-left) with a new stamp; between runs the
  // browser counts down itself, so the number moves every second whatever the server's tick.
  var seen = { stamp: null, at: 0, left: 0 };
  function countdown() {
    var box = doc.querySelector(".kiosk-countdown");
    if (!box) return;
    if (box.dataset.stamp !== seen.stamp) {
      seen = { stamp: box.dataset.stamp, at: Date.now(), left: Number(box.dataset.left) };
    }
    var left = Math.max(0, Math.ceil(seen.left - (Date.now() - seen.at) / 1000));
    var text = String(left);
    if (box.textContent !== text) box.textContent = text;
  }
  setInterval(countdown, 250);
})(__CONFIG__);
