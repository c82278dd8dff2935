// TarHeader → EntryRecord: fields the walker folded in are dropped from `pax`; xattr records
// move to `xattrs`. Keys are sorted so records compare and serialise stably.
import { isUtf8 } from 'node:buffer';
import type { EntryRecord } from '../model/types.js';
import type { TarHeader } from '../tar/header.js';
import { canonicalPath } from '../tar/path.js';

/** PAX keywords whose values became EntryRecord fields. */
const FOLDED = new Set(['path', 'linkpath', 'size', 'uid', 'gid', 'uname', 'gname', 'mtime']);
const SCHILY = 'SCHILY.xattr.';
const LIBARCHIVE = 'LIBARCHIVE.xattr.';

export function entryRecord(h: TarHeader, index: number): EntryRecord {
  const r = sharedRecord(h, index);
  if (r.pax === EMPTY) r.pax = {};
  if (r.xattrs === EMPTY) r.xattrs = {};
  return r;
}

/**
 * entryRecord() for a reader that only reads it (the scanner, which copies it into columns):
 * no pax or xattrs records share one frozen empty object instead of two fresh ones per entry.
 */
export function sharedRecord(h: TarHeader, index: number): EntryRecord {
  let pax: Record<string, string> = EMPTY;
  let xattrs: Record<string, string> = EMPTY;
  const keys = Object.keys(h.pax);
  if (keys.length > 0) {
    keys.sort();
    const p: Record<string, string> = {};
    const schily: Record<string, string> = {};
    const libarchive: Record<string, string> = {};
    for (const k of keys) {
      const v = h.pax[k]!;
      if (k.startsWith(SCHILY)) schily[k.slice(SCHILY.length)] = v;
      else if (k.startsWith(LIBARCHIVE)) libarchive[libarchiveName(k.slice(LIBARCHIVE.length))] = libarchiveValue(v);
      else if (!FOLDED.has(k)) p[k] = v;
    }
    // bsdtar writes both forms for one attribute; the SCHILY (raw) one wins when both exist.
    const merged = { ...libarchive, ...schily };
    const names = Object.keys(merged).sort();
    if (names.length > 0) {
      xattrs = {};
      for (const n of names) xattrs[n] = merged[n]!;
    }
    if (Object.keys(p).length > 0) pax = p;
  }
  return {
    index,
    path: canonicalPath(h.name),
    rawPath: h.name,
    type: h.type,
    linkTarget: h.type === 'hardlink' ? canonicalPath(h.linkname) : h.type === 'symlink' ? h.linkname : null,
    mode: h.mode,
    uid: h.uid,
    gid: h.gid,
    uname: h.uname,
    gname: h.gname,
    mtime: h.mtime,
    size: h.size,
    pax,
    xattrs,
    format: h.format,
    sha256: null,
  };
}

const EMPTY: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** libarchive %-encodes xattr names in the keyword. */
function libarchiveName(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** libarchive base64-encodes xattr values; decode to the same form SCHILY values take. */
function libarchiveValue(v: string): string {
  const bytes = Buffer.from(v, 'base64');
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}
