// Time values as images write them: RFC 3339 strings in configs (Go's time.Time JSON form,
// nanoseconds and offsets included) and seconds in tar and gzip headers.

/** Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds: kaniko and others write it as "unset". */
export const GO_ZERO_TIME = -62135596800;

/**
 * Go's zero time truncated to the 32-bit gzip MTIME field: uint32(-62135596800) = 2288912640.
 * Go compress/gzip skips times before 1970, but writers without that check (older Go, some
 * forks) store this constant. It reads as 2042-07-14 but is the same in every build.
 */
export const GO_ZERO_TIME_GZIP = 2288912640;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp to Unix seconds (fraction kept), or null when malformed. */
export function parseRfc3339(s: string): number | null {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999, and Go writes year 1.
  const t = new Date(0);
  t.setUTCFullYear(Number(y), month - 1, day);
  if (t.getUTCDate() !== day) return null; // 2023-02-30
  t.setUTCHours(hour, minute, second, 0);
  let secs = t.getTime() / 1000;
  if (frac) secs += Number(`0${frac}`);
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    secs -= sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  return secs;
}

/** Seconds as an ISO date (UTC), for values shown to people. */
export function isoDate(sec: number): string {
  const ms = sec * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(sec);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
