// RFC 3339 timestamps in configs and history, as seconds (fractions kept), or null.
export function parseTime(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  // Date.parse keeps milliseconds; finer fractions are rare and do not change a shape.
  return ms / 1000;
}
