// Tar header text: the bytes of a name, link name, owner name or PAX value as a string. UTF-8
// when the bytes are UTF-8; otherwise paths keep every byte (surrogateEscape) and other fields
// are read as latin-1, and a `latin1:<field>` note says so.
import { isUtf8 } from 'node:buffer';

/** NUL-terminated (or field-filling) string; UTF-8 when valid, else latin-1 with a note. */
export function decodeString(buf: Buffer, pos: number, len: number, field: string, notes: string[]): string {
  // One pass finds the NUL and whether every byte is ASCII (the common case), which decodes
  // alike as latin-1 and UTF-8: no views, no UTF-8 check for it.
  const limit = pos + len;
  let end = pos;
  let high = 0;
  for (; end < limit; end++) {
    const c = buf[end]!;
    if (c === 0) break;
    high |= c;
  }
  if (end === pos) return '';
  if (high < 0x80) return buf.toString('latin1', pos, end);
  return decodeBytes(buf.subarray(pos, end), field, notes);
}

/** Header fields that are paths: invalid UTF-8 in them is kept by surrogateescape, not latin-1. */
const PATH_FIELDS = new Set(['name', 'linkname', 'pax:path', 'pax:linkpath']);

export function decodeBytes(bytes: Buffer, field: string, notes: string[]): string {
  // Plain ASCII is by far the common case; isUtf8 is native and fast either way.
  if (isUtf8(bytes)) return bytes.toString('utf8');
  notes.push(`latin1:${field}`);
  return PATH_FIELDS.has(field) ? surrogateEscape(bytes) : bytes.toString('latin1');
}

/**
 * UTF-8 where the bytes are UTF-8; each byte that is not becomes the lone surrogate
 * U+DC00 + byte (PEP 383's "surrogateescape"). Lossless (src/tar/path.ts pathBytes() inverts
 * it), valid UTF-8 stays readable, and the invalid bytes stay visible as what they are: JSON
 * writes them `\udcff`, text output `\xff` (render/escape.ts). Latin-1 would instead show byte
 * 0xff as a plausible `ÿ` and turn every valid multi-byte character around it into mojibake.
 */
export function surrogateEscape(b: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let cp = n === 2 ? c & 0x1f : n === 3 ? c & 0x0f : c & 0x07;
    let ok = n > 0 && i + n <= b.length;
    for (let k = 1; ok && k < n; k++) {
      const cc = b[i + k]!;
      if ((cc & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (ok && ((n === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n === 4 && (cp < 0x10000 || cp > 0x10ffff)))) ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += n;
    } else {
      out += String.fromCharCode(0xdc00 + c);
      i++;
    }
  }
  return out;
}
