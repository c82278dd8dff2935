// PAX extended header records (POSIX.1-2001 pax, "%d %s=%s\n"): the length counts the whole
// record including its own digits and the newline.
import { isUtf8 } from 'node:buffer';
import { FormatError } from '../errors.js';
import { decodeBytes } from './text.js';

/** One record; an empty value means "delete this keyword" (POSIX pax, extended header rules). */
export interface PaxRecord {
  key: string;
  value: string;
}

/** Parses a whole PAX body; `abs` is its stream offset (errors name the offending record). */
export function parsePaxRecords(body: Buffer, abs: number, notes: string[]): PaxRecord[] {
  const out: PaxRecord[] = [];
  let i = 0;
  while (i < body.length) {
    const start = i;
    let len = 0;
    let digits = 0;
    while (i < body.length && body[i]! >= 0x30 && body[i]! <= 0x39) {
      len = len * 10 + (body[i]! - 0x30);
      digits++;
      i++;
    }
    if (digits === 0 || body[i] !== 0x20) throw new FormatError('malformed PAX record length', abs + start);
    const end = start + len;
    if (len <= digits + 1 || end > body.length || body[end - 1] !== 0x0a) {
      throw new FormatError(`PAX record length ${len} does not match its content`, abs + start);
    }
    const eq = body.indexOf(0x3d /* = */, i + 1);
    if (eq < 0 || eq >= end - 1 || eq === i + 1) throw new FormatError('malformed PAX record (no keyword=value)', abs + start);
    const keyBytes = body.subarray(i + 1, eq);
    if (!isUtf8(keyBytes) || keyBytes.includes(0)) throw new FormatError('PAX keyword is not valid UTF-8', abs + start);
    const key = keyBytes.toString('utf8');
    // Values are UTF-8 by default, but xattr values are raw bytes and hdrcharset=BINARY paths
    // exist: keep such values byte for byte as latin-1 and note it.
    const value = decodeBytes(body.subarray(eq + 1, end - 1), `pax:${key}`, notes);
    out.push({ key, value });
    i = end;
  }
  return out;
}

/** Applies records on top of `into` (empty value deletes). */
export function applyPax(into: Record<string, string>, records: PaxRecord[]): void {
  for (const r of records) {
    if (r.value === '') delete into[r.key];
    else into[r.key] = r.value;
  }
}
