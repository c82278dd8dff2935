// The progress bar's one line (the CLI decides whether to show it: stderr a TTY, no --quiet, no
// machine format on a terminal stdout; it writes `\r` + line and clears to the end of the line).
// Pure: the same inputs give the same string, and it never exceeds `width` columns.
import { shortText } from './escape.js';

export interface Progress {
  /** The input's label (what the user typed). */
  label: string;
  /** Bytes read so far. */
  done: number;
  /** Bytes to read in all, or null/0 when unknown (a stream). */
  total: number | null;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → `1.5 KiB`; one decimal from KiB on. */
export function formatBytes(n: number): string {
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${UNITS[u]}`;
}

function bar(fraction: number, cells: number): string {
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * cells);
  return '█'.repeat(full) + '░'.repeat(cells - full);
}

function one(p: Progress, width: number): string {
  const known = p.total !== null && p.total > 0;
  const pct = known ? Math.min(100, Math.floor((p.done / p.total!) * 100)) : null;
  const amount = known ? `${formatBytes(p.done)}/${formatBytes(p.total!)}` : formatBytes(p.done);
  const tail = `${pct === null ? '' : `${String(pct).padStart(3)}% `}${amount}`;
  // label, bar and tail share the width; the bar gets what is left, between 5 and 30 cells.
  let label = shortText(p.label, Math.max(8, Math.min(40, width - tail.length - 10)));
  const room = width - label.length - tail.length - 4;
  const cells = known ? Math.max(0, Math.min(30, room)) : 0;
  let s = cells >= 5 ? `${label} [${bar(p.done / p.total!, cells)}] ${tail}` : `${label} ${tail}`;
  if (s.length > width) {
    label = shortText(p.label, Math.max(3, width - tail.length - 1));
    s = `${label} ${tail}`;
  }
  return s.length > width ? s.slice(0, width) : s;
}

/**
 * One line for all inputs: `a.tar [████░░░░]  40% 1.2/3.0 MiB  b.tar [██░░░░░░]  20% …`, fitting
 * in `width` columns (each input gets an equal share; at least one character).
 */
export function progressLine(items: readonly Progress[], width: number): string {
  const w = Math.max(1, Math.floor(width));
  if (items.length === 0) return '';
  const sep = '  ';
  const share = Math.floor((w - sep.length * (items.length - 1)) / items.length);
  if (share < 12) {
    // Too narrow for each: the total alone.
    const done = items.reduce((n, p) => n + p.done, 0);
    const totals = items.every((p) => p.total !== null && p.total > 0) ? items.reduce((n, p) => n + p.total!, 0) : null;
    return one({ label: `${items.length} inputs`, done, total: totals }, w);
  }
  return items.map((p) => one(p, share)).join(sep);
}
