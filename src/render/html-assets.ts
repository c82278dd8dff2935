// The HTML report's inline stylesheet and script. Kept here, apart from the markup, so html.ts
// stays about structure. No network: system fonts only, no images, no external anything (the
// page's CSP forbids it anyway). The script is plain ES2017, reads the entry data from an inline
// JSON block and renders the entry tables a page at a time, so 50,000 rows open fast.

export const HTML_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --err: #cf222e; --warn: #9a6700; --info: #0969da; --ok: #1a7f37; --add: #dafbe1; --del: #ffebe9; --chg: #fff8c5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --soft: #151b23;
  --add: #12361f; --del: #3d1418; --chg: #3b2e00; --info: #4493f8; --warn: #d29922; --err: #f85149; --ok: #3fb950; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
main { padding: 0 24px 48px; max-width: 1600px; margin: 0 auto; }
header.top { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top h1 { margin: 0 0 4px; font-size: 20px; }
nav { font-size: 13px; } nav a { margin-right: 14px; }
a { color: var(--info); }
h2 { margin: 28px 0 10px; font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin: 18px 0 6px; font-size: 15px; }
code, pre, .mono, td.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
code { background: var(--soft); padding: 0 3px; border-radius: 4px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; color: #fff; vertical-align: 1px; }
.badge.pass { background: var(--ok); } .badge.fail { background: var(--err); }
.badge.error { background: var(--err); } .badge.warning { background: var(--warn); } .badge.info { background: var(--info); }
.verdict { font-size: 16px; margin: 8px 0; }
.muted { color: var(--muted); }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; position: sticky; top: 0; }
td.num { text-align: right; }
td.d, td .d { background: var(--chg); }
.two > span { display: block; white-space: nowrap; }
.two > span.a::before { content: "a "; color: var(--muted); } .two > span.b::before { content: "b "; color: var(--muted); }
.two.d > span.a { background: var(--del); } .two.d > span.b { background: var(--add); }
.scroll { overflow-x: auto; }
article.cause { border: 1px solid var(--line); border-left: 4px solid var(--info); border-radius: 6px; padding: 8px 14px; margin: 10px 0; }
article.cause.error { border-left-color: var(--err); } article.cause.warning { border-left-color: var(--warn); }
article.cause h3 { margin-top: 4px; }
.finding { border-top: 1px dashed var(--line); padding: 6px 0; }
.finding:first-of-type { border-top: 0; }
.fix { margin: 6px 0 2px; } .fix b { color: var(--ok); }
ul.examples { margin: 4px 0; padding-left: 20px; } ul.examples li { font-family: ui-monospace, monospace; font-size: 12.5px; word-break: break-all; }
pre.diff { background: var(--soft); padding: 8px; overflow-x: auto; border-radius: 6px; margin: 6px 0; tab-size: 8; }
pre.diff .ad { background: var(--add); display: block; } pre.diff .dl { background: var(--del); display: block; }
pre.diff .hk { color: var(--info); display: block; } pre.diff .hd { font-weight: 600; display: block; }
.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 8px 0; }
.controls input[type=search] { min-width: 280px; padding: 4px 6px; }
.controls select, .controls button, .controls input { font: inherit; }
table.entries td { white-space: nowrap; } table.entries td.path { white-space: normal; word-break: break-all; min-width: 240px; max-width: 560px; }
.pager { display: flex; gap: 8px; align-items: center; }
`;

/** The entry-table script. No `${`, no backticks: it lives in a template literal. */
export const HTML_JS = `
(function () {
  'use strict';
  var PAGE = 200;
  var el = document.getElementById('repcheck-data');
  if (!el) return;
  var data = JSON.parse(el.textContent);
  // Fact arrays: [index, type, mode, uid, gid, uname, gname, mtime, size, sha256, linkTarget, format].
  function group(n) { return String(n).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ','); }
  function mode(m) { var s = m.toString(8); while (s.length < 4) s = '0' + s; return s; }
  function time(t) {
    var ms = t * 1000;
    if (!isFinite(ms) || Math.abs(ms) > 8.64e15) return String(t);
    return String(t) + ' (' + new Date(ms).toISOString().replace('.000Z', 'Z') + ')';
  }
  function owner(f) { return f[3] + ':' + f[4] + (f[5] || f[6] ? ' ' + f[5] + '/' + f[6] : ''); }
  function sha(f) { return f[9] === null ? '' : f[9].slice(0, 12) + '\\u2026'; }
  var COLS = [
    ['Type', function (f) { return f[1]; }],
    ['Mode', function (f) { return mode(f[2]); }],
    ['Owner', owner],
    ['Mtime', function (f) { return time(f[7]); }],
    ['Size', function (f) { return group(f[8]); }],
    ['SHA-256', sha, function (f) { return f[9] || ''; }],
    ['Link', function (f) { return f[10] === null ? '' : f[10]; }],
    ['Format', function (f) { return f[11]; }],
    ['Index', function (f) { return String(f[0]); }]
  ];
  function cell(tr, a, b, col) {
    var td = document.createElement('td');
    var va = a ? col[1](a) : null, vb = b ? col[1](b) : null;
    if (va !== null && vb !== null && va === vb) {
      td.textContent = va;
      if (col[2]) td.title = col[2](a);
    } else {
      td.className = 'two' + (va !== null && vb !== null ? ' d' : '');
      var sa = document.createElement('span'); sa.className = 'a'; sa.textContent = va === null ? '\\u2014' : va;
      var sb = document.createElement('span'); sb.className = 'b'; sb.textContent = vb === null ? '\\u2014' : vb;
      if (col[2]) { if (a) sa.title = col[2](a); if (b) sb.title = col[2](b); }
      td.appendChild(sa); td.appendChild(sb);
    }
    tr.appendChild(td);
  }
  function setup(p, pi) {
    var root = document.getElementById('entries-' + pi);
    if (!root) return;
    var kindSel = root.querySelector('select.kind');
    var layerSel = root.querySelector('select.layer');
    var pathIn = root.querySelector('input.path');
    var tbody = root.querySelector('tbody');
    var count = root.querySelector('.count');
    var prev = root.querySelector('button.prev');
    var next = root.querySelector('button.next');
    var perKind = p.kinds.map(function () { return 0; });
    var perLayer = {};
    var lower = new Array(p.rows.length);
    for (var i = 0; i < p.rows.length; i++) {
      var r = p.rows[i];
      lower[i] = r[1].toLowerCase();
      for (var k = 0; k < r[2].length; k++) perKind[r[2][k]]++;
      perLayer[r[0]] = (perLayer[r[0]] || 0) + 1;
    }
    p.kinds.forEach(function (name, ki) {
      var o = document.createElement('option'); o.value = String(ki); o.textContent = name + ' (' + group(perKind[ki]) + ')'; kindSel.appendChild(o);
    });
    p.layers.forEach(function (l) {
      var o = document.createElement('option'); o.value = String(l); o.textContent = 'layer ' + l + ' (' + group(perLayer[l] || 0) + ')'; layerSel.appendChild(o);
    });
    var matches = [], page = 0;
    function filter() {
      var kv = kindSel.value === '' ? -1 : Number(kindSel.value);
      var lv = layerSel.value === '' ? null : Number(layerSel.value);
      var q = pathIn.value.toLowerCase();
      matches = [];
      for (var i = 0; i < p.rows.length; i++) {
        var r = p.rows[i];
        if (lv !== null && r[0] !== lv) continue;
        if (kv >= 0 && r[2].indexOf(kv) < 0) continue;
        if (q && lower[i].indexOf(q) < 0) continue;
        matches.push(i);
      }
      page = 0;
      draw();
    }
    function draw() {
      var pages = Math.max(1, Math.ceil(matches.length / PAGE));
      if (page >= pages) page = pages - 1;
      var start = page * PAGE, end = Math.min(matches.length, start + PAGE);
      var frag = document.createDocumentFragment();
      for (var i = start; i < end; i++) {
        var r = p.rows[matches[i]];
        var tr = document.createElement('tr');
        var td = document.createElement('td'); td.className = 'num'; td.textContent = String(r[0]); tr.appendChild(td);
        td = document.createElement('td'); td.className = 'path mono'; td.textContent = r[1]; tr.appendChild(td);
        td = document.createElement('td'); td.textContent = r[2].map(function (k) { return p.kinds[k]; }).join(' '); tr.appendChild(td);
        for (var c = 0; c < COLS.length; c++) cell(tr, r[3], r[4], COLS[c]);
        frag.appendChild(tr);
      }
      tbody.textContent = '';
      tbody.appendChild(frag);
      count.textContent = matches.length === 0 ? 'no entries match (' + group(p.rows.length) + ' in all)'
        : 'rows ' + group(start + 1) + '\\u2013' + group(end) + ' of ' + group(matches.length) + ' matching (' + group(p.rows.length) + ' in all), page ' + (page + 1) + ' of ' + pages;
      root.setAttribute('data-matches', String(matches.length));
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    var timer = 0;
    pathIn.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(filter, 60); });
    kindSel.addEventListener('change', filter);
    layerSel.addEventListener('change', filter);
    prev.addEventListener('click', function () { page--; draw(); });
    next.addEventListener('click', function () { page++; draw(); });
    filter();
  }
  data.pairs.forEach(setup);
  document.documentElement.setAttribute('data-ready', '1');
})();
`;
