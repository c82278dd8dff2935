// EntryRecords kept in columns while layers are being scanned, turned into objects when first
// read.
//
// Why: inflating a layer allocates a fresh Buffer per zlib output chunk and per read, and V8
// answers that external-memory churn with a major GC every ~64 MB, ~40 of them on the 500 MB
// benchmark pair. Each one marks every live object, and 80,000 EntryRecords are ~500,000 of
// them (record, path, digest string, owner names, pax and xattrs objects). Measured on that
// pair: keeping no records at all cut the scan's CPU from 8.1 s to 6.4–7.1 s and its wall
// time by ~20%; the GC threads alone went from 0.7–1.4 s to 0.3 s. In columns a layer's
// records are a handful of objects (typed arrays, one UTF-16 buffer of paths, a small string
// table), so marking them costs nothing; the objects are built once, after the scans.
//
// Paths travel as UTF-16 code units, so lone surrogates (tar/text.ts's escape for bytes that are
// not UTF-8) survive byte for byte.
import type { EntryRecord, EntryType, LayerScan, TarFormat } from '../model/types.js';

/** Numbers per entry: index, mode, uid, gid, mtime, size. */
const NUM = 6;
/** String-table ids per entry: type, uname, gname, format, linkTarget (-1: null). */
const IDS = 5;
const SHA = 32;
/** Entries whose paths and digests records() decodes as one string each. */
const RECORD_BLOCK = 4096;

/**
 * The pax and xattrs of the (almost all) entries that have none: one shared frozen object
 * instead of two fresh ones per record (~110 of ~600 bytes per record). Nothing writes to a
 * record's pax or xattrs; freezing makes sure nothing starts to.
 */
const NONE: Record<string, string> = Object.freeze({}) as Record<string, string>;

export class EntryColumns {
  private n = 0;
  private cap = 0;
  private num = new Float64Array(0);
  private ids = new Int32Array(0);
  private sha = Buffer.alloc(0);
  private hasSha = new Uint8Array(0);
  /** End offset (bytes) of each entry's path in `paths`. */
  private pathEnd = new Float64Array(0);
  private paths = Buffer.alloc(0);
  private pathLen = 0;
  private readonly strings: string[] = [];
  private readonly table = new Map<string, number>();
  /** Entries whose rawPath differs from the path or that carry PAX records or xattrs. */
  private readonly extra: [number, string, Record<string, string>, Record<string, string>][] = [];

  get length(): number {
    return this.n;
  }

  /**
   * Appends a finished record; `sha` is its content digest (32 bytes, or a string of 32 latin1
   * characters, one per byte) or null.
   */
  push(r: EntryRecord, sha: Uint8Array | string | null): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    const o = i * NUM;
    this.num[o] = r.index;
    this.num[o + 1] = r.mode;
    this.num[o + 2] = r.uid;
    this.num[o + 3] = r.gid;
    this.num[o + 4] = r.mtime;
    this.num[o + 5] = r.size;
    const k = i * IDS;
    this.ids[k] = this.sid(r.type);
    this.ids[k + 1] = this.sid(r.uname);
    this.ids[k + 2] = this.sid(r.gname);
    this.ids[k + 3] = this.sid(r.format);
    this.ids[k + 4] = r.linkTarget === null ? -1 : this.sid(r.linkTarget);
    if (sha !== null) {
      this.hasSha[i] = 1;
      if (typeof sha === 'string') this.sha.write(sha, i * SHA, SHA, 'latin1');
      else this.sha.set(sha, i * SHA);
    }
    const need = this.pathLen + r.path.length * 2;
    if (need > this.paths.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.paths.length * 2, 64 * 1024));
      this.paths.copy(next, 0, 0, this.pathLen);
      this.paths = next;
    }
    this.pathLen += this.paths.write(r.path, this.pathLen, 'utf16le');
    this.pathEnd[i] = this.pathLen;
    if (r.rawPath !== r.path || hasKeys(r.pax) || hasKeys(r.xattrs)) this.extra.push([i, r.rawPath, r.pax, r.xattrs]);
  }

  private sid(s: string): number {
    let i = this.table.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.table.set(s, i);
    }
    return i;
  }

  private grow(): void {
    const cap = Math.max(1024, this.cap * 2);
    const num = new Float64Array(cap * NUM);
    num.set(this.num);
    this.num = num;
    const ids = new Int32Array(cap * IDS);
    ids.set(this.ids);
    this.ids = ids;
    const sha = Buffer.alloc(cap * SHA);
    this.sha.copy(sha);
    this.sha = sha;
    const hasSha = new Uint8Array(cap);
    hasSha.set(this.hasSha);
    this.hasSha = hasSha;
    const pathEnd = new Float64Array(cap);
    pathEnd.set(this.pathEnd);
    this.pathEnd = pathEnd;
    this.cap = cap;
  }

  /** The records, in push order; the same keys in the same order as entryRecord() makes. */
  records(): EntryRecord[] {
    const { n, num, ids, strings, hasSha, sha, pathEnd, paths } = this;
    const out: EntryRecord[] = new Array(n);
    // Paths and hex digests are decoded a block of entries at a time and each record's string is
    // a slice of the block's: V8 makes a slice of 13 or more characters a 32-byte view of its
    // parent, where a string of its own per record is a copy. These strings live as long as
    // the records, so every young-generation collection of the diff copied them (measured on
    // a 40,000-entry pair: -20 ms of 530). Blocks keep each parent far below V8's string limit.
    let start = 0;
    for (let b = 0; b < n; b += RECORD_BLOCK) {
      const bEnd = Math.min(n, b + RECORD_BLOCK);
      const base = start;
      const pathText = paths.toString('utf16le', base, pathEnd[bEnd - 1]!);
      const hex = sha.toString('hex', b * SHA, bEnd * SHA);
      for (let i = b; i < bEnd; i++) {
        const o = i * NUM;
        const k = i * IDS;
        const end = pathEnd[i]!;
        const path = pathText.slice((start - base) / 2, (end - base) / 2);
        start = end;
        const link = ids[k + 4]!;
        const h = (i - b) * SHA * 2;
        out[i] = {
          index: num[o]!,
          path,
          rawPath: path,
          type: strings[ids[k]!] as EntryType,
          linkTarget: link < 0 ? null : strings[link]!,
          mode: num[o + 1]!,
          uid: num[o + 2]!,
          gid: num[o + 3]!,
          uname: strings[ids[k + 1]!]!,
          gname: strings[ids[k + 2]!]!,
          mtime: num[o + 4]!,
          size: num[o + 5]!,
          pax: NONE,
          xattrs: NONE,
          format: strings[ids[k + 3]!] as TarFormat,
          sha256: hasSha[i] ? hex.slice(h, h + SHA * 2) : null,
        };
      }
    }
    for (const [i, raw, pax, xattrs] of this.extra) {
      const r = out[i]!;
      r.rawPath = raw;
      r.pax = pax;
      r.xattrs = xattrs;
    }
    return out;
  }
}

/**
 * Makes `scan.entries` build the records from `cols` on first read (then a plain property).
 * Nothing reads entries while other layers are still being scanned, so the objects appear
 * only once the inflating (and its garbage collections) is over.
 */
export function lazyEntries(scan: LayerScan, cols: EntryColumns): void {
  let from: EntryColumns | null = cols;
  const set = (value: EntryRecord[]) => {
    from = null;
    Object.defineProperty(scan, 'entries', { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(scan, 'entries', {
    get(): EntryRecord[] {
      const value = from!.records();
      set(value);
      return value;
    },
    set,
    enumerable: true,
    configurable: true,
  });
}

function hasKeys(o: Record<string, string>): boolean {
  for (const _ in o) return true;
  return false;
}
