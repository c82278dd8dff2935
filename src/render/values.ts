// How values read in human formats: times as epoch seconds plus UTC date, owners as
// uid:gid (user:group), objects as `key value` pairs, the rest as JSON.
import { safeText } from './escape.js';

const TIME_FIELD = /mtime|created|atime|ctime|time|^from$|^to$/i;

export function isoTime(sec: number): string {
  const ms = sec * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(sec);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function isOwner(v: object): v is { uid?: number; gid?: number; uname?: string; gname?: string } {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k === 'uid' || k === 'gid' || k === 'uname' || k === 'gname');
}

function owner(v: { uid?: number; gid?: number; uname?: string; gname?: string }): string {
  const ids = v.uid !== undefined || v.gid !== undefined ? `${v.uid ?? '?'}:${v.gid ?? '?'}` : '';
  const names = v.uname !== undefined || v.gname !== undefined ? `${v.uname || '""'}:${v.gname || '""'}` : '';
  return ids && names ? `${ids} (${names})` : ids || names;
}

function seconds(n: number): string {
  return `${n > 0 ? '+' : ''}${Number.isInteger(n) ? n : n.toFixed(3)} s`;
}

export function formatValue(field: string | null | undefined, v: unknown): string {
  if (v === undefined) return '(absent)';
  if (v === null) return 'null';
  if (typeof v === 'number' && field && TIME_FIELD.test(field)) return `${v} (${isoTime(v)})`;
  if (typeof v === 'string') return safeText(v.length > 200 ? v.slice(0, 199) + '…' : v);
  if (typeof v === 'number' && field && /mode/.test(field)) return '0' + v.toString(8).padStart(3, '0');
  if (typeof v === 'object' && !Array.isArray(v)) {
    if (isOwner(v)) return safeText(owner(v));
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => {
      if (k === 'offset' && typeof x === 'number') return `shifted ${seconds(x)}`;
      return `${k} ${formatValue(TIME_FIELD.test(k) ? k : field, x)}`;
    });
    return parts.join(', ');
  }
  return safeText(JSON.stringify(v));
}
