// Structural JSON comparison for configs and manifests: every differing leaf as a path in
// the notation users know from jq and the issue (`config.Env[2]`,
// `annotations["org.opencontainers.image.created"]`), with both values. Arrays of the same
// length compare element by element; arrays of different lengths are one change (the whole
// array), since element positions no longer correspond.
import { canon } from './classify.js';

export interface JsonChange {
  path: string;
  /** undefined = absent on that side. */
  a: unknown;
  b: unknown;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENT.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Appends the differences between a and b below `path` to out. `skip(path)` prunes a subtree
 * (differences that are consequences, or that another comparator reports).
 */
export function jsonDiff(
  a: unknown,
  b: unknown,
  path: string,
  out: JsonChange[],
  skip: (path: string) => boolean = () => false,
): JsonChange[] {
  if (path !== '' && skip(path)) return out;
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) jsonDiff(a[k], b[k], childPath(path, k), out, skip);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) jsonDiff(a[i], b[i], childPath(path, i), out, skip);
    return out;
  }
  if (a === b) return out;
  if (typeof a === 'object' && typeof b === 'object' && canon(a) === canon(b)) return out;
  out.push({ path, a, b });
  return out;
}

/** `layers[3].annotations["x"]` → `layers[].annotations["x"]`: one group for every layer. */
export function genericPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

export function changeShape(c: JsonChange): 'added' | 'removed' | 'changed' {
  return c.a === undefined ? 'added' : c.b === undefined ? 'removed' : 'changed';
}

/** null, false, '', 0, [] or {}: what Go's `omitempty` leaves out. */
function isZero(v: unknown): boolean {
  if (v === null || v === false || v === '' || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

/**
 * Both sides absent or a zero value: writers that differ only in `omitempty` (docker vs OCI
 * config schema, Go vs other serialisers). Grouped as one shape rather than a row per field.
 */
export function zeroOnly(c: JsonChange): boolean {
  return (c.a === undefined || isZero(c.a)) && (c.b === undefined || isZero(c.b));
}
