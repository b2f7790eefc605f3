// Streamlit's English widget text becomes Korean as it is drawn (ui.widget_text.korean_widget_script fills in `cfg`):
// only text nodes and button labels inside cfg.selector change, never an element, so the widgets work as before.
// A change is looked at when it lies in (or brings) one of the widgets; those touched are translated once per
// animation frame, however many changes a redraw makes. Installed once per tab; a later run replaces the watcher.
(function (cfg) {
  var doc = window.parent && window.parent.document ? window.parent.document : document;
  var win = doc.defaultView || window;

  function say(text) {
    var key = text.trim();
    if (!key) return null;
    if (Object.prototype.hasOwnProperty.call(cfg.words, key)) return cfg.words[key];
    var m = key.match(/^([A-Z][a-z]+) (\d{4})$/);
    if (m && cfg.months[m[1]]) return cfg.yearMonth.replace("{year}", m[2]).replace("{n}", cfg.months[m[1]]);
    m = key.match(/^Choose date, (.+)$/);
    if (m) return cfg.choose.replace("{date}", say(m[1]) || m[1]);
    m = key.match(/^(?:Limit )?(\S+) per file(.*)$/);
    if (m) return cfg.limit.replace("{size}", m[1]) + m[2];
    // A toolbar button's label may carry the element's name after a colon ("Search: 결과").
    m = key.match(/^([A-Z][A-Za-z ]+): (.+)$/);
    if (m && Object.prototype.hasOwnProperty.call(cfg.words, m[1])) return cfg.words[m[1]] + ": " + m[2];
    return null;
  }

  function translate(root) {
    var walker = doc.createTreeWalker(root, 4);
    var node;
    while ((node = walker.nextNode())) {
      var said = say(node.nodeValue);
      if (said !== null && said !== node.nodeValue) node.nodeValue = said;
    }
    root.querySelectorAll("button[aria-label]").forEach(function (button) {
      var said = say(button.getAttribute("aria-label"));
      if (said !== null) button.setAttribute("aria-label", said);
    });
  }

  // The calendar's day headers are one letter (S M T W T F S): said by their column.
  function days(root) {
    root.querySelectorAll("thead th").forEach(function (th, i) {
      var node = doc.createTreeWalker(th, 4).nextNode();
      if (node && cfg.weekdays[i] && node.nodeValue !== cfg.weekdays[i]) node.nodeValue = cfg.weekdays[i];
    });
  }

  var pending = new Set();
  var frame = 0;

  function flush() {
    frame = 0;
    var roots = Array.from(pending);
    pending.clear();
    roots.forEach(function (root) {
      if (root.isConnected) {
        translate(root);
        days(root);
      }
    });
  }

  function queue(root) {
    pending.add(root);
    if (!frame) frame = win.requestAnimationFrame(flush);
  }

  function consider(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    if (!element) return;
    var root = element.closest(cfg.selector);
    if (root) {
      queue(root);
      return;
    }
    if (node.nodeType === 1 && node.firstElementChild) node.querySelectorAll(cfg.selector).forEach(queue);
  }

  function changed(records) {
    for (var i = 0; i < records.length; i++) {
      var record = records[i];
      if (record.type === "characterData") {
        consider(record.target);
        continue;
      }
      for (var j = 0; j < record.addedNodes.length; j++) consider(record.addedNodes[j]);
    }
  }

  if (win.__koreanWidgets) {
    win.__koreanWidgets.disconnect();
  }
  win.__koreanWidgets = new win.MutationObserver(changed);
  win.__koreanWidgets.observe(doc.body, { childList: true, subtree: true, characterData: true });
  doc.querySelectorAll(cfg.selector).forEach(queue);
})(__CONFIG__);
