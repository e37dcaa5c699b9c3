// The UI's one script, served at /_static/ui.js (CSP `script-src 'self'`, nothing inline).
// It only improves a page that works without it: local times, select-all, keyboard shortcuts.
export const UI_JS = `(function () {
  'use strict';
  var fmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
  // Times in the browser's time zone; relative ones keep their text and get the local time on hover.
  document.querySelectorAll('time[datetime]').forEach(function (el) {
    var d = new Date(el.getAttribute('datetime'));
    if (isNaN(d.getTime())) return;
    var local = fmt.format(d);
    if (el.hasAttribute('data-relative')) el.title = local;
    else el.textContent = local;
  });

  // Bulk selection: the header checkbox toggles every row; bulk buttons need a selection.
  var all = document.getElementById('select-all');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="id"]'));
  var bulk = Array.prototype.slice.call(document.querySelectorAll('button[data-bulk]'));
  function sync() {
    var n = boxes.filter(function (b) { return b.checked; }).length;
    bulk.forEach(function (b) { b.disabled = n === 0; });
    if (all) { all.checked = n > 0 && n === boxes.length; all.indeterminate = n > 0 && n < boxes.length; }
  }
  if (all) all.addEventListener('change', function () { boxes.forEach(function (b) { b.checked = all.checked; }); sync(); });
  boxes.forEach(function (b) { b.addEventListener('change', sync); });
  sync();

  // Keyboard: / search, j/k move between issues, x selects, o or Enter opens; on an issue page
  // [ and ] go to the older and newer event.
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.issue'));
  var current = -1;
  function focusRow(i) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, j) { r.classList.toggle('focused', j === current); });
    var link = rows[current].querySelector('a.issue-link');
    if (link) link.focus();
  }
  function click(selector) { var el = document.querySelector(selector); if (el && el.href) location.href = el.href; }
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    if (e.key === '/') { var s = document.querySelector('input[type="search"]'); if (s) { e.preventDefault(); s.focus(); } }
    else if (e.key === 'j') focusRow(current + 1);
    else if (e.key === 'k') focusRow(current - 1);
    else if (e.key === 'x' && current >= 0) { var b = rows[current].querySelector('input[name="id"]'); if (b) { b.checked = !b.checked; sync(); } }
    else if (e.key === 'o' && current >= 0) { var a = rows[current].querySelector('a.issue-link'); if (a) location.href = a.href; }
    else if (e.key === '[') click('a[rel="prev"]');
    else if (e.key === ']') click('a[rel="next"]');
  });
})();
`;
