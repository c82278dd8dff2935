// From raw deltas to root causes. Comparators emit one Delta per raw difference (an entry's
// mtime, a layer's gzip OS byte, a config path); grouping by (kind, shape, field) turns a
// 20,000-row wall into one finding with a count and the first few examples in (layer, tar
// index) order. Time deltas are given a shape first (constant shift, clamp, clock, …) because
// the shape is the diagnosis.
import { MAX_EXAMPLES, type Example, type Finding } from '../model/finding.js';
import type { Kind } from '../model/kinds.js';
import { diffSeverity } from './severity.js';

export interface Delta {
  kind: Kind;
  /** Shape of the change within its kind; deltas group by (kind, shape, field). */
  shape: string;
  field: string | null;
  /** Layer index (a's when the pair has one), or null for image-level deltas. */
  layer: number | null;
  path: string | null;
  /** Tar index (or another sequence number): examples are the first by (layer, order). */
  order: number;
  /** The example's own field when more specific than the group's (`history[3].created`). */
  exField?: string;
  a?: unknown;
  b?: unknown;
  /** Summary value for the finding: the first delta of a group that carries one sets it. */
  value?: unknown;
}

/** Stable JSON: object keys sorted, so equal values give equal strings. */
export function canon(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(canon).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + canon(o[k])).join(',') + '}';
}

function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  return canon(x) === canon(y);
}

interface Group {
  first: Delta;
  count: number;
  top: Delta[];
  layer: number | null | 'mixed';
  path: string | null | 'mixed';
  aUniform: boolean;
  bUniform: boolean;
  value: unknown;
}

const before = (x: Delta, y: Delta): boolean => {
  const lx = x.layer ?? -1;
  const ly = y.layer ?? -1;
  return lx < ly || (lx === ly && x.order < y.order);
};

export function groupDeltas(origin: string, deltas: Iterable<Delta>): Finding[] {
  const groups = new Map<string, Group>();
  for (const d of deltas) {
    const key = d.kind + '\0' + d.shape + '\0' + (d.field ?? '\u0001');
    let g = groups.get(key);
    if (!g) {
      g = { first: d, count: 0, top: [], layer: d.layer, path: d.path, aUniform: true, bUniform: true, value: undefined };
      groups.set(key, g);
    }
    g.count++;
    if (g.layer !== 'mixed' && g.layer !== d.layer) g.layer = 'mixed';
    if (g.path !== 'mixed' && g.path !== d.path) g.path = 'mixed';
    if (g.aUniform && !same(g.first.a, d.a)) g.aUniform = false;
    if (g.bUniform && !same(g.first.b, d.b)) g.bUniform = false;
    if (g.value === undefined && d.value !== undefined) g.value = d.value;
    // Keep the MAX_EXAMPLES first by (layer, order): insertion into a tiny sorted array.
    if (g.top.length < MAX_EXAMPLES || before(d, g.top[g.top.length - 1]!)) {
      let i = g.top.length;
      while (i > 0 && before(d, g.top[i - 1]!)) i--;
      g.top.splice(i, 0, d);
      if (g.top.length > MAX_EXAMPLES) g.top.pop();
    }
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const { kind, shape, field } = g.first;
    const layer = g.layer === 'mixed' ? null : g.layer;
    const examples: Example[] = g.top.map((d) => {
      const e: Example = {};
      if (d.layer !== null && layer === null) e.layer = d.layer;
      if (d.path !== null) e.path = d.path;
      if (d.exField !== undefined) e.field = d.exField;
      if (d.a !== undefined) e.a = d.a;
      if (d.b !== undefined) e.b = d.b;
      return e;
    });
    const f: Finding = {
      kind,
      severity: diffSeverity(kind, shape),
      layer,
      path: g.path === 'mixed' ? null : g.path,
      field,
      count: g.count,
      examples,
      shape,
      origin,
    };
    if (g.aUniform && g.first.a !== undefined) f.a = g.first.a;
    if (g.bUniform && g.first.b !== undefined) f.b = g.first.b;
    if (g.value !== undefined) f.value = g.value;
    out.push(f);
  }
  return out;
}

// ---- time shapes -------------------------------------------------------------------------

/** A build's wall-clock times fall within this many seconds of each other. */
export const CLOCK_WINDOW = 6 * 3600;

export interface TimeShape {
  shape: 'constant-shift' | 'clamped' | 'clock' | 'scattered';
  value: Record<string, unknown>;
}

/** Offsets are compared to the microsecond: PAX fractions do not survive float subtraction exactly. */
const micro = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The shape of a set of (a, b) times that differ:
 * - constant-shift: b − a is the same everywhere (another SOURCE_DATE_EPOCH); value.offset;
 * - clamped: one side holds one single time, the other varies (only one build clamped);
 * - clock: one side's (or each side's) times fall in a narrow window (the build's wall clock);
 * - scattered: none of these.
 */
export function timeShape(items: readonly { a: number; b: number }[]): TimeShape {
  if (items.length === 0) return { shape: 'scattered', value: {} };
  const offset = micro(items[0]!.b - items[0]!.a);
  let constant = true;
  let minA = Infinity, maxA = -Infinity, minB = Infinity, maxB = -Infinity;
  let minOff = Infinity, maxOff = -Infinity;
  for (const { a, b } of items) {
    const off = micro(b - a);
    if (off !== offset) constant = false;
    if (off < minOff) minOff = off;
    if (off > maxOff) maxOff = off;
    if (a < minA) minA = a;
    if (a > maxA) maxA = a;
    if (b < minB) minB = b;
    if (b > maxB) maxB = b;
  }
  if (constant) return { shape: 'constant-shift', value: { offset } };
  if (minB === maxB) return { shape: 'clamped', value: { side: 'b', time: minB } };
  if (minA === maxA) return { shape: 'clamped', value: { side: 'a', time: minA } };
  const value: Record<string, unknown> = {};
  if (maxA - minA <= CLOCK_WINDOW) value['a'] = { from: minA, to: maxA };
  if (maxB - minB <= CLOCK_WINDOW) value['b'] = { from: minB, to: maxB };
  if (Object.keys(value).length > 0) return { shape: 'clock', value };
  return { shape: 'scattered', value: { minOffset: minOff, maxOffset: maxOff } };
}

export interface TimeItem {
  a: number;
  b: number;
  /** A directory entry (directories are often left unclamped on their own). */
  dir: boolean;
  delta: Delta;
}

/**
 * Assigns shapes to entry time deltas (in place), giving at most two groups: all in one shape when they
 * share one; `directories-only` when only directories differ; else files and directories
 * shaped apart when that explains the files (`directories` for the rest), else `scattered`.
 */
export function shapeEntryTimes(items: readonly TimeItem[]): Delta[] {
  const apply = (list: readonly TimeItem[], shape: string, value: unknown): Delta[] =>
    list.map((it) => {
      it.delta.shape = shape;
      it.delta.value = value;
      return it.delta;
    });
  if (items.length === 0) return [];
  const dirs = items.filter((i) => i.dir);
  if (dirs.length === items.length) {
    const p = timeShape(items);
    return apply(items, 'directories-only', { pattern: p.shape, ...p.value });
  }
  const whole = timeShape(items);
  if (whole.shape !== 'scattered' || dirs.length === 0) return apply(items, whole.shape, whole.value);
  const files = items.filter((i) => !i.dir);
  const f = timeShape(files);
  if (f.shape === 'scattered') return apply(items, whole.shape, whole.value);
  const d = timeShape(dirs);
  return [...apply(files, f.shape, f.value), ...apply(dirs, 'directories', { pattern: d.shape, ...d.value })];
}
