// The kiosk's touch report and layout fit (ui.kiosk.touch_script fills in `cfg`):
// - any touch, click, key or wheel on the page clicks the hidden touch button (`cfg.selector`), at most once per
//   `cfg.throttle` ms; a touch on a button is left to the button (it reports itself);
// - the card list takes the height left above the footer, and the map what the text leaves, so the page itself
//   never scrolls. `cfg.zoom` is the layout's CSS zoom (2 at 큰 글씨): the screen's pixels are divided by it.
// The listener is installed once per tab and replaced on a later run.
(function (cfg) {
  var doc = document; var win = window;
  var events = ['pointerdown', 'touchstart', 'keydown', 'wheel'];
  if (win.__kioskTouch) { events.forEach(function (e) { doc.removeEventListener(e, win.__kioskTouch, true); }); }
  var last = 0;
  win.__kioskTouch = function (event) {
    var target = event.target;
    if (target && target.closest && target.closest('button')) return;
    var now = Date.now(); if (now - last < cfg.throttle) return; last = now;
    var button = doc.querySelector(cfg.selector); if (button) button.click();
  };
  events.forEach(function (e) { doc.addEventListener(e, win.__kioskTouch, {capture: true, passive: true}); });
  // The map's height is set on the frame and on Streamlit's boxes around it (they have their own).
  // (Streamlit fixes its element's flex basis at the frame's first height: set it too, or a map that gives
  // room to the text keeps its old box.)
  function mapHeight(frame, px) {
    for (var el = frame; el; el = el.parentElement) {
      el.style.height = px + 'px'; el.style.flexBasis = px + 'px';
      if (el.classList.contains('st-key-kiosk_map')) break;
    }
  }
  function fit() {
    var footer = doc.querySelector('.kiosk-footer');
    var below = footer ? footer.getBoundingClientRect().height + 28 : 64;
    var frame = doc.querySelector('.st-key-kiosk_map iframe');
    if (frame) {
      frame.dataset.base = frame.dataset.base || String(frame.offsetHeight);
      mapHeight(frame, Number(frame.dataset.base));
    }
    var lists = doc.querySelectorAll('.kiosk-list');
    function roomForLists() {
      var short = 0;
      lists.forEach(function (list) {
        var room = Math.floor((win.innerHeight - list.getBoundingClientRect().top - below) / cfg.zoom);
        if (room > 160) { list.style.maxHeight = room + 'px'; }
        short = Math.max(short, list.scrollHeight - list.clientHeight);
      });
      return short;
    }
    var short = roomForLists();
    // A screen with little text gives what is left to the map, so the screen is used to its foot (the map
    // grows by at most what was left: the page never scrolls); in portrait a screen with more text than
    // room takes it from the map.
    if (frame && footer) {
      var slack = Math.floor((win.innerHeight - footer.getBoundingClientRect().bottom - 12) / cfg.zoom);
      // The page's own overflow too: Streamlit's padding under the footer could still make the page scroll by a
      // pixel or two when the footer stood just inside the margin (English portrait's first screen did).
      var main = doc.querySelector('[data-testid="stMain"]');
      var over = main ? Math.ceil((main.scrollHeight - main.clientHeight) / cfg.zoom) : 0;
      if (over > 0) slack = Math.min(slack, -over - 2);
      var portrait = win.innerHeight > win.innerWidth;
      // In portrait the text stands under the map: when it needs more room than is left (a list of cards
      // longer than its room, or text past the foot), the map gives it.
      if (portrait && short > 0) {
        mapHeight(frame, Math.max(320, Number(frame.dataset.base) - short)); roomForLists();
      } else if (slack > 24) {
        mapHeight(frame, Number(frame.dataset.base) + slack);
      } else if (slack < 0 && portrait) {
        mapHeight(frame, Math.max(320, Number(frame.dataset.base) + slack));
      }
    }
  }
  if (!win.__kioskFit) {
    win.__kioskFit = new MutationObserver(fit);
    win.__kioskFit.observe(doc.body, {childList: true, subtree: true});
    // Text that settles after the last change to the page (fonts, wrapping) is measured again.
    new ResizeObserver(fit).observe(doc.querySelector('[data-testid="stMainBlockContainer"]') || doc.body);
    win.addEventListener('resize', fit);
  }
  fit();
})(__CONFIG__);
