// The briefing's clicker and keyboard keys (ui.briefing.keyboard_script fills in `cfg`):
// - a key of cfg.keys clicks the briefing's (hidden) button of that action; keys typed into an input are left alone;
// - "b" or "." lays a black screen over everything (or lifts it); while it is down any other key only lifts it;
// - in presentation mode the slide is scaled down to fit the window, never cut.
// The listener is installed once per tab and replaced on a later run (each slide's script is new).
(function (cfg) {
  var doc = window.parent && window.parent.document ? window.parent.document : document;
  var win = doc.defaultView || window;
  if (win.__briefingKeys) {
    doc.removeEventListener("keydown", win.__briefingKeys, true);
  }

  function blank() {
    return doc.getElementById("briefing-blank");
  }

  function click(action) {
    var button = doc.querySelector(cfg.buttons[action]);
    if (button && !button.disabled) {
      button.click();
      return true;
    }
    return false;
  }

  win.__briefingKeys = function (event) {
    var el = event.target;
    var tag = el && el.tagName ? el.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (el && el.isContentEditable)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (cfg.blank.indexOf(event.key) >= 0 || (blank() && event.key !== "Shift")) {
      event.preventDefault();
      if (blank()) {
        blank().remove();
        return;
      }
      var layer = doc.createElement("div");
      layer.id = "briefing-blank";
      layer.style.cssText = "position:fixed;inset:0;background:#000;z-index:2147483647;cursor:none";
      doc.body.appendChild(layer);
      return;
    }
    var action = null;
    Object.keys(cfg.keys).forEach(function (name) {
      if (!action && cfg.keys[name].indexOf(event.key) >= 0) action = name;
    });
    if (!action) return;
    if (tag === "button" && (event.key === " " || event.key === "Enter")) return;
    event.preventDefault();
    click(action === "leave" ? "present" : action);
  };
  doc.addEventListener("keydown", win.__briefingKeys, true);

  // Presentation mode: fit the slide into the window by scaling it down, never by cutting it.
  var slide = doc.querySelector(".st-key-briefing_slide");
  if (win.__briefingFit) {
    win.__briefingFit.disconnect();
    win.__briefingFit = null;
  }
  if (slide) {
    slide.style.zoom = "";
  }
  if (cfg.presenting && slide && win.ResizeObserver) {
    var fit = function () {
      slide.style.zoom = "";
      var top = slide.getBoundingClientRect().top;
      var room = win.innerHeight - top - 8;
      var need = slide.scrollHeight;
      if (need > room && room > 200) {
        slide.style.zoom = String(Math.floor((room / need) * 1000) / 1000);
      }
    };
    win.__briefingFit = new win.ResizeObserver(function () {
      win.requestAnimationFrame(fit);
    });
    Array.prototype.forEach.call(slide.children, function (child) {
      win.__briefingFit.observe(child);
    });
    fit();
  }
})(__CONFIG__);
