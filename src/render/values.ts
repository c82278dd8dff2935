// How values read in human formats: times as epoch seconds plus UTC date, the rest as JSON.
import { safeText } from './escape.js';

const TIME_FIELD = /mtime|created|atime|ctime|time/i;

export function isoTime(sec: number): string {
  const ms = sec * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(sec);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function formatValue(field: string | null | undefined, v: unknown): string {
  if (v === undefined) return '(absent)';
  if (v === null) return 'null';
  if (typeof v === 'number' && field && TIME_FIELD.test(field)) return `${v} (${isoTime(v)})`;
  if (typeof v === 'string') return safeText(v.length > 200 ? v.slice(0, 199) + '…' : v);
  if (typeof v === 'number' && field && /mode/.test(field)) return '0' + v.toString(8).padStart(3, '0');
  return safeText(JSON.stringify(v));
}
