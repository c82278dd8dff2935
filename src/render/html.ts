// One self-contained HTML page for a person debugging why two builds differ: the verdict, the
// inputs, findings grouped by root cause with their fixes and unified diffs, and per image pair
// the layer alignment table and a filterable entry table. Inline CSS and JS only, and a CSP that
// forbids every fetch, so it opens offline and from a CI artifact. Every untrusted name goes
// through escape.ts (escapeHtml here; safeText for the data the script shows via textContent).
import type { Report, ReportFinding } from '../model/report.js';
import { escapeHtml, escapeHtmlBlock, jsonForScript, safeText } from './escape.js';
import { byKind, causeOf, exampleText, shownExamples, gateLine, grouped, plural, severityCounts, SEVERITIES, suppressedList, valueLine, verdictPhrase, whereOf } from './describe.js';
import { HTML_CSS, HTML_JS } from './html-assets.js';
import { entryData, entryShell, layerTable } from './html-tables.js';
import { formatValue } from './values.js';

export interface HtmlOptions {
  verbose: boolean;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** Catalog prose marks flags with backticks: shown as <code> (the text is escaped first). */
function prose(s: string): string {
  return escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function diffHtml(detail: string): string {
  const lines = detail.replace(/\n$/, '').split('\n');
  const cls = (l: string) =>
    l.startsWith('+++ ') || l.startsWith('--- ') ? 'hd' : l.startsWith('@@') ? 'hk' : l.startsWith('+') ? 'ad' : l.startsWith('-') ? 'dl' : '';
  return `<pre class="diff">${lines.map((l) => (cls(l) ? `<span class="${cls(l)}">${escapeHtmlBlock(l)}</span>` : `${escapeHtmlBlock(l)}\n`)).join('')}</pre>`;
}

function finding(f: ReportFinding, hasEntries: boolean): string {
  const out: string[] = ['<div class="finding">'];
  const where = whereOf(f);
  out.push(`<p><span class="badge ${f.severity}">${f.severity}</span> ${escapeHtml(where || 'whole image')}${f.shape ? ` <span class="muted">shape ${escapeHtml(f.shape)}</span>` : ''}</p>`);
  if (f.path !== null && f.count <= 1) out.push(`<p class="mono">${escapeHtml(f.path)}</p>`);
  const value = valueLine(f);
  if (value) out.push(`<p class="mono">${escapeHtml(value)}</p>`);
  const ex = shownExamples(f);
  if (ex.length) {
    out.push('<ul class="examples">');
    for (const e of ex) out.push(`<li>${escapeHtml(exampleText(e, f.field, 400))}</li>`);
    if (f.count > ex.length) out.push(`<li class="muted">… ${grouped(f.count - ex.length)} more${hasEntries ? ' (see the entry table)' : ''}</li>`);
    out.push('</ul>');
  }
  if (f.detail) {
    const label = f.path ?? ex.find((e) => e.path !== undefined)?.path ?? 'content';
    out.push(`<details open><summary>unified diff of <code>${escapeHtml(label)}</code></summary>${diffHtml(f.detail)}</details>`);
  }
  out.push(`<p class="fix"><b>Fix:</b> ${prose(f.hint)}</p>`, '</div>');
  return out.join('\n');
}

function findingsSection(r: Report): string {
  const out = ['<section id="findings">', '<h2>Findings by cause</h2>'];
  if (!r.findings.length) out.push('<p>No findings.</p>');
  for (const [kind, fs] of byKind(r.findings)) {
    const sev = SEVERITIES.find((s) => fs.some((f) => f.severity === s))!;
    const count = fs.reduce((n, f) => n + f.count, 0);
    const cause = causeOf(kind);
    out.push(
      `<article class="cause ${sev}" id="kind-${escapeHtml(kind)}">`,
      `<h3>${escapeHtml(fs[0]!.title)} <code>${escapeHtml(kind)}</code> <span class="muted">${plural(count, 'occurrence')}</span></h3>`,
      ...(cause ? [`<p class="muted">${prose(cause)}</p>`] : []),
      ...fs.map((f) => finding(f, (r.pairs ?? []).some((p) => p.entries.length > 0))),
      '</article>',
    );
  }
  const sup = suppressedList(r, true);
  if (sup.length)
    out.push(`<p>Ignored or waived: ${sup.map(([k, n]) => `<code>${escapeHtml(k)}</code> (${grouped(n)})`).join(', ')}</p>`);
  out.push('</section>');
  return out.join('\n');
}

function summarySection(r: Report): string {
  const out = ['<section id="summary">', '<h2>Summary</h2>'];
  const c = severityCounts(r);
  out.push(`<p>${SEVERITIES.map((s) => `<span class="badge ${s}">${plural(c[s], s)}</span>`).join(' ')}</p>`);
  out.push('<table><thead><tr><th>input</th><th>flavour</th><th>images</th></tr></thead><tbody>');
  for (const i of r.inputs) {
    const imgs = i.images
      .map((im) =>
        escapeHtml(
          [`#${im.id}`, im.refs.join(', '), im.platform ?? '', plural(im.layers, 'layer'), im.configDigest ? `config ${im.configDigest.slice(0, 19)}…` : '']
            .filter(Boolean)
            .join(' · '),
        ),
      )
      .join('<br>');
    const flavour = `${i.flavour}${i.wrapper !== 'none' ? `, ${i.wrapper}-compressed` : ''}`;
    out.push(`<tr><td class="mono">${escapeHtml(i.label)}</td><td>${escapeHtml(flavour)}</td><td>${imgs}</td></tr>`);
  }
  out.push('</tbody></table>');
  if (r.epoch) out.push(`<p>SOURCE_DATE_EPOCH: <code>${r.epoch.value === null ? 'unknown' : escapeHtml(formatValue('mtime', r.epoch.value))}</code> (${escapeHtml(r.epoch.source)})</p>`);
  for (const [i, p] of (r.pairs ?? []).entries())
    out.push(
      `<p>Pair ${i}: <code>${escapeHtml(p.a.input)}</code> image ${escapeHtml(p.a.image)} vs <code>${escapeHtml(p.b.input)}</code> image ${escapeHtml(p.b.image)}: ` +
        `<b>${escapeHtml(p.verdict)}</b> (${escapeHtml(p.level)}), ${plural(p.layers.length, 'aligned layer')}, ${plural(p.entries.length, 'differing entry', 'differing entries')}</p>`,
    );
  if (r.build) out.push(buildSummary(r));
  out.push('</section>');
  return out.join('\n');
}

function buildSummary(r: Report): string {
  const b = r.build!;
  const out = ['<h3>Build</h3>', `<p class="mono">${escapeHtml(b.command.join(' '))}</p>`];
  out.push(`<p>${plural(b.builds, 'build')} run${b.intrinsic ? '; the control pair already differs: nondeterminism within the build itself' : ''}${b.searchStopped ? `; search stopped: ${escapeHtml(b.searchStopped)}` : ''}</p>`);
  if (b.causes.length) out.push(`<p>Causes: ${b.causes.map((c) => c.map((v) => `<code>${escapeHtml(v)}</code>`).join(' + ')).join('; ')}</p>`);
  out.push('<table><thead><tr><th>variation</th><th>applied</th><th>detail</th></tr></thead><tbody>');
  for (const v of b.variations)
    out.push(`<tr${b.culprits.includes(v.id) ? ' class="d"' : ''}><td><code>${escapeHtml(v.id)}</code></td><td>${v.applied ? 'yes' : 'no'}</td><td>${escapeHtml(v.reason ?? v.detail ?? '')}</td></tr>`);
  out.push('</tbody></table>');
  return out.join('\n');
}

function notesSection(r: Report): string {
  if (!r.notes.length) return '';
  const items = r.notes.map((n) => {
    const where = [n.input ?? '', n.image !== undefined ? `image ${n.image}` : '', n.layer !== undefined ? `layer ${n.layer}` : ''].filter(Boolean).join(' ');
    return `<li><code>${escapeHtml(n.code)}</code>${where ? ` <span class="muted">(${escapeHtml(where)})</span>` : ''}: ${escapeHtml(n.message)}</li>`;
  });
  return ['<section id="notes">', '<h2>Notes</h2>', '<ul>', ...items, '</ul>', '</section>'].join('\n');
}

export function renderHtml(report: Report, _opts: HtmlOptions = { verbose: false }): string {
  const pairs = report.pairs ?? [];
  const failed = report.gate.failed;
  const verdict = verdictPhrase(report);
  const subject = report.inputs.map((i) => safeText(i.label)).join(report.mode === 'lint' ? ', ' : ' vs ');
  const nav = [
    '<a href="#summary">summary</a>',
    '<a href="#findings">findings</a>',
    ...pairs.flatMap((_, i) => [`<a href="#pair-${i}-layers">layers${pairs.length > 1 ? ` ${i}` : ''}</a>`, `<a href="#pair-${i}-entries">entries${pairs.length > 1 ? ` ${i}` : ''}</a>`]),
    ...(report.notes.length ? ['<a href="#notes">notes</a>'] : []),
  ];
  const pairSections = pairs.map((p, i) =>
    [
      `<section id="pair-${i}-layers">`,
      `<h2>Layer alignment${pairs.length > 1 ? ` (pair ${i})` : ''}</h2>`,
      `<p class="muted">Each row pairs a layer of a (top line) with one of b (bottom line); highlighted cells differ.</p>`,
      layerTable(p),
      '</section>',
      `<section id="pair-${i}-entries">`,
      `<h2>Entries that differ${pairs.length > 1 ? ` (pair ${i})` : ''}</h2>`,
      entryShell(p, i),
      '</section>',
    ].join('\n'),
  );
  const data = pairs.length ? `<script type="application/json" id="repcheck-data">${jsonForScript(entryData(pairs))}</script>\n<script>${HTML_JS}</script>` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(`repcheck ${report.mode}: ${failed ? 'FAIL' : 'PASS'} — ${subject}`)}</title>`,
    `<style>${HTML_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="top">',
    `<h1>repcheck ${escapeHtml(report.mode)} <span class="badge ${failed ? 'fail' : 'pass'}">${failed ? 'FAIL' : 'PASS'}</span></h1>`,
    `<div class="verdict">${escapeHtml(subject)}${verdict ? ` — <b>${escapeHtml(verdict)}</b>` : ''}</div>`,
    `<div class="muted">${escapeHtml(gateLine(report))} · ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}</div>`,
    `<nav>${nav.join('')}</nav>`,
    '</header>',
    '<main>',
    summarySection(report),
    findingsSection(report),
    ...pairSections,
    notesSection(report),
    pairs.some((p) => p.entries.length) ? '<noscript><p>The entry tables need JavaScript; report.json has every entry.</p></noscript>' : '',
    '</main>',
    data,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
