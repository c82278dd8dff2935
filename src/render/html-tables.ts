// The per-pair parts of the HTML report: the layer alignment table (both sides of each aligned
// layer in one row, differing cells marked) and the entry table's shell and data. The entry rows
// themselves are drawn by the page script from an inline JSON block, a page at a time.
import type { DiffPair, EntryFacts, LayerAlignmentRow, LayerSideFacts } from '../model/report.js';
import { escapeHtml, safeText } from './escape.js';
import { grouped } from './describe.js';
import { isoTime } from './values.js';

type Cell = { text: string; title?: string } | null;

function td2(a: Cell, b: Cell, mono = false): string {
  const differs = a !== null && b !== null && a.text !== b.text;
  const span = (side: 'a' | 'b', c: Cell) =>
    `<span class="${side}"${c?.title ? ` title="${escapeHtml(c.title)}"` : ''}>${c === null ? '—' : escapeHtml(c.text)}</span>`;
  return `<td class="two${differs ? ' d' : ''}${mono ? ' mono' : ''}">${span('a', a)}${span('b', b)}</td>`;
}

const digest = (d: string | null): Cell => (d === null ? { text: '(unknown)' } : { text: d.length > 19 ? `${d.slice(0, 19)}…` : d, title: d });

function cells(s: LayerSideFacts | null, row: LayerAlignmentRow, f: (s: LayerSideFacts) => Cell): Cell {
  if (s === null) return row.a === null || row.b === null ? null : { text: '' };
  return f(s);
}

/** `application/vnd.oci.image.layer.v1.tar+gzip` → `oci layer.v1.tar+gzip` (full type in the title). */
function mediaType(m: string | null): Cell {
  if (m === null) return { text: '(none)' };
  const short = m
    .replace(/^application\/vnd\.oci\.image\./, 'oci ')
    .replace(/^application\/vnd\.docker\.image\.rootfs\./, 'docker ');
  return short === m ? { text: safeText(m) } : { text: safeText(short), title: m };
}

const COLUMNS: [string, (s: LayerSideFacts) => Cell, boolean][] = [
  ['stored digest', (s) => digest(s.storedDigest), true],
  ['diffID', (s) => digest(s.diffId), true],
  ['size', (s) => ({ text: s.size === null ? '?' : grouped(s.size) }), false],
  ['media type', (s) => mediaType(s.mediaType), false],
  ['compression', (s) => ({ text: s.compression ?? '?' }), false],
  ['gzip MTIME', (s) => ({ text: s.gzip ? (s.gzip.mtime === 0 ? '0' : `${s.gzip.mtime} (${isoTime(s.gzip.mtime)})`) : '' }), false],
  ['XFL', (s) => ({ text: s.gzip ? String(s.gzip.xfl) : '' }), false],
  ['OS', (s) => ({ text: s.gzip ? String(s.gzip.os) : '' }), false],
  ['FLG', (s) => ({ text: s.gzip ? `0x${s.gzip.flags.toString(16).padStart(2, '0')}` : '' }), false],
  ['FNAME', (s) => ({ text: s.gzip ? (s.gzip.name === null ? '(none)' : safeText(s.gzip.name)) : '' }), true],
  ['members', (s) => ({ text: s.gzip ? String(s.gzip.memberCount) : s.zstdFrames !== null ? `${s.zstdFrames} zstd frames` : '' }), false],
];

const SAME: Record<string, string> = { stored: 'same bytes', content: 'same tar, other bytes', differs: 'differs' };

export function layerTable(pair: DiffPair): string {
  const head = `<tr><th>layer</th><th>aligned by</th><th>match</th>${COLUMNS.map(([h]) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = pair.layers.map((row) => {
    const idx = td2(row.a ? { text: String(row.a.index) } : null, row.b ? { text: String(row.b.index) } : null);
    const same = row.same === null ? (row.how === 'only-a' ? 'only in a' : 'only in b') : SAME[row.same]!;
    const cls = row.same === 'differs' || row.same === null ? ' class="d"' : '';
    const cols = COLUMNS.map(([, f, mono]) => td2(cells(row.a, row, f), cells(row.b, row, f), mono)).join('');
    return `<tr>${idx}<td>${escapeHtml(row.how)}</td><td${cls}>${escapeHtml(same)}</td>${cols}</tr>`;
  });
  return `<div class="scroll"><table class="layers">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

export function entryShell(pair: DiffPair, pi: number): string {
  const head = ['layer', 'path', 'kinds', 'type', 'mode', 'owner', 'mtime', 'size', 'sha256', 'link', 'format', 'tar index'];
  return [
    `<div class="entries" id="entries-${pi}">`,
    '<div class="controls">',
    `<label>path contains <input type="search" class="path" placeholder="e.g. usr/lib" aria-label="filter by path"></label>`,
    '<label>kind <select class="kind"><option value="">all kinds</option></select></label>',
    '<label>layer <select class="layer"><option value="">all layers</option></select></label>',
    '<span class="pager"><button type="button" class="prev">◀ previous</button><button type="button" class="next">next ▶</button></span>',
    `<span class="count muted">${pair.entries.length ? 'loading…' : 'no entry differs'}</span>`,
    '</div>',
    `<div class="scroll"><table class="entries"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody></tbody></table></div>`,
    '</div>',
  ].join('\n');
}

function facts(f: EntryFacts | null): unknown[] | null {
  if (f === null) return null;
  return [f.index, f.type, f.mode, f.uid, f.gid, safeText(f.uname), safeText(f.gname), f.mtime, f.size, f.sha256, f.linkTarget === null ? null : safeText(f.linkTarget), f.format];
}

/** The entry data of every pair, compact (arrays, kinds by index); names already through safeText. */
export function entryData(pairs: readonly DiffPair[]): { pairs: { kinds: string[]; layers: number[]; rows: unknown[][] }[] } {
  return {
    pairs: pairs.map((p) => {
      const kinds = [...new Set(p.entries.flatMap((e) => e.kinds))].sort();
      const kindIndex = new Map(kinds.map((k, i) => [k, i]));
      const layers = [...new Set(p.entries.map((e) => e.layer))].sort((x, y) => x - y);
      const rows = p.entries.map((e) => [e.layer, safeText(e.path), e.kinds.map((k) => kindIndex.get(k)!), facts(e.a), facts(e.b)]);
      return { kinds, layers, rows };
    }),
  };
}
