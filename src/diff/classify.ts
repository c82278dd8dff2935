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
  // Runs of deltas share their group (20,000 mtime deltas are one group): the key is only
  // built and looked up when kind, shape or field changes.
  let last: Group | null = null;
  for (const d of deltas) {
    let g: Group | null = last;
    if (g === null || g.first.kind !== d.kind || g.first.shape !== d.shape || g.first.field !== d.field) {
      const key = d.kind + '\0' + d.shape + '\0' + (d.field ?? '\u0001');
      g = groups.get(key) ?? null;
      if (g === null) {
        g = { first: d, count: 0, top: [], layer: d.layer, path: d.path, aUniform: true, bUniform: true, value: undefined };
        groups.set(key, g);
      }
      last = g;
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
  return shapeOf(items.map((t) => t.a), items.map((t) => t.b), null);
}

/** timeShape() of the pairs (a[i], b[i]) for the positions i in `only` (all when null). */
function shapeOf(a: ArrayLike<number>, b: ArrayLike<number>, only: readonly number[] | null): TimeShape {
  const n = only === null ? a.length : only.length;
  if (n === 0) return { shape: 'scattered', value: {} };
  const at0 = only === null ? 0 : only[0]!;
  const offset = micro(b[at0]! - a[at0]!);
  let constant = true;
  let minA = Infinity, maxA = -Infinity, minB = Infinity, maxB = -Infinity;
  let minOff = Infinity, maxOff = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = only === null ? k : only[k]!;
    const ta = a[i]!;
    const tb = b[i]!;
    const off = micro(tb - ta);
    if (off !== offset) constant = false;
    if (off < minOff) minOff = off;
    if (off > maxOff) maxOff = off;
    if (ta < minA) minA = ta;
    if (ta > maxA) maxA = ta;
    if (tb < minB) minB = tb;
    if (tb > maxB) maxB = tb;
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

/** The shape given to a set of entry time deltas, and which of them (positions) take it. */
export interface EntryTimeGroup {
  shape: string;
  value: unknown;
  /** Positions into the time arrays, ascending; null: all of them. */
  members: number[] | null;
}

/**
 * Shapes entry time deltas given as parallel arrays (a, b, directory or not), giving at most
 * two groups: all in one shape when they share one; `directories-only` when only directories
 * differ; else files and directories shaped apart when that explains the files (`directories`
 * for the rest, after the files), else `scattered`. Arrays rather than one object per delta:
 * a 20,000-entry mtime difference would otherwise keep 40,000 objects alive through the diff.
 */
export function shapeEntryTimes(a: ArrayLike<number>, b: ArrayLike<number>, dir: ArrayLike<number | boolean>): EntryTimeGroup[] {
  const n = a.length;
  if (n === 0) return [];
  const dirs: number[] = [];
  const files: number[] = [];
  for (let i = 0; i < n; i++) (dir[i] ? dirs : files).push(i);
  if (dirs.length === n) {
    const p = shapeOf(a, b, null);
    return [{ shape: 'directories-only', value: { pattern: p.shape, ...p.value }, members: null }];
  }
  const whole = shapeOf(a, b, null);
  if (whole.shape !== 'scattered' || dirs.length === 0) return [{ shape: whole.shape, value: whole.value, members: null }];
  const f = shapeOf(a, b, files);
  if (f.shape === 'scattered') return [{ shape: whole.shape, value: whole.value, members: null }];
  const d = shapeOf(a, b, dirs);
  return [
    { shape: f.shape, value: f.value, members: files },
    { shape: 'directories', value: { pattern: d.shape, ...d.value }, members: dirs },
  ];
}
