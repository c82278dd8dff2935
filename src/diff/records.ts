// Key/value records attached to entries (PAX records, xattrs): one delta per differing key.
import type { Kind } from '../model/kinds.js';
import type { EntryRecord } from '../model/types.js';
import type { Delta } from './classify.js';

const EMPTY = (r: Record<string, string>): boolean => {
  for (const _ in r) return false;
  return true;
};

/** Deltas for the keys of x[field] and y[field] that differ; field names the key. */
export function recordDeltas(
  kind: Kind,
  field: 'pax' | 'xattrs',
  layer: number,
  x: EntryRecord,
  y: EntryRecord,
  out: Delta[],
): void {
  const ra = x[field];
  const rb = y[field];
  if (EMPTY(ra) && EMPTY(rb)) return;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  for (const k of keys) {
    const va = Object.prototype.hasOwnProperty.call(ra, k) ? ra[k] : undefined;
    const vb = Object.prototype.hasOwnProperty.call(rb, k) ? rb[k] : undefined;
    if (va === vb) continue;
    const shape = va === undefined ? 'only-b' : vb === undefined ? 'only-a' : 'changed';
    out.push({ kind, shape, field: k, layer, path: x.path, order: x.index, a: va, b: vb });
  }
}
