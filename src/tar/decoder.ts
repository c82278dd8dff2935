// The tar header state machine shared by the two walkers (the push parser and the on-disk
// indexer): PAX x/g and GNU L/K meta entries, the end-of-archive marker, limits. The walkers
// only move bytes; every decision about what a header means is made here.
import { FormatError } from '../errors.js';
import { FormatLimitError } from '../io/limit-error.js';
import { printable } from '../io/printable.js';
import type { Limits } from '../model/limits.js';
import {
  BLOCK, decodeBlock, entryType, isHeaderOnly, isZeroBlock, type TarEnd, type TarHeader,
} from './header.js';
import { decodeBytes } from './text.js';
import { applyPax, parsePaxRecords } from './pax.js';

export type BlockResult =
  /** The first of two zero blocks: the next block must be zero too. */
  | { kind: 'zero' }
  /** The second zero block: the archive ends here. */
  | { kind: 'end' }
  /** A PAX or GNU long-name header: `size` body bytes (then padding) must be passed to meta(). */
  | { kind: 'meta'; size: number }
  /** A real entry with `dataSize` bytes of data (then padding). */
  | { kind: 'entry'; header: TarHeader; dataSize: number };

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function paxInt(v: string, key: string, abs: number): number {
  if (!/^[0-9]+$/.test(v)) throw new FormatError(`PAX ${key} is not a decimal integer: ${printable(JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v))}`, abs);
  const n = Number(v);
  if (n > MAX_SAFE) throw new FormatError(`PAX ${printable(key)} too large`, abs);
  return n;
}

function paxTime(v: string, key: string, abs: number): number {
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(v)) throw new FormatError(`PAX ${key} is not a decimal time: ${printable(JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v))}`, abs);
  return Number(v);
}

export class TarHeaderDecoder {
  private readonly limits: Limits;
  private readonly global: Record<string, string> = {};
  private pendingPax: Record<string, string> | null = null;
  private longName: string | null = null;
  private longLink: string | null = null;
  private pendingType = 0;
  private pendingNotes: string[] = [];
  /** Offset of the first meta block of the entry being assembled, or -1. */
  private firstOffset = -1;
  private metaOffset = 0;
  /** Body bytes of the meta headers of the entry being assembled (bounded by maxHeaderBytes). */
  private metaBytes = 0;
  /** Meta typeflags seen for the entry being assembled (a repeat is noted). */
  private metaTypes = 0;
  private sawZero = false;
  /** Real entries seen so far. */
  entries = 0;

  constructor(limits: Limits) {
    this.limits = limits;
  }

  /** Meta headers were read but their entry has not arrived. */
  get pending(): boolean {
    return this.firstOffset >= 0;
  }

  /** Decodes the block at buf[pos..pos+512), which starts at stream offset `abs`. */
  block(buf: Buffer, pos: number, abs: number): BlockResult {
    if (isZeroBlock(buf, pos)) {
      if (this.pending) throw new FormatError('zero block where the entry of an extended header should be', abs);
      if (this.sawZero) return { kind: 'end' };
      this.sawZero = true;
      return { kind: 'zero' };
    }
    if (this.sawZero) {
      throw new FormatError('lone zero block followed by a header (a tar end marker needs two)', abs - BLOCK);
    }
    const raw = decodeBlock(buf, pos, abs);
    const tf = raw.typeflag;
    // x, g: PAX; L, K: GNU long name / long link.
    if (tf === 0x78 || tf === 0x67 || tf === 0x4c || tf === 0x4b) {
      if (raw.size > this.limits.maxHeaderBytes) {
        throw new FormatLimitError('maxHeaderBytes', this.limits.maxHeaderBytes, abs);
      }
      // Each meta header is bounded, and so is their sum for one entry: a chain of GNU long
      // names (L after L after L...) is legal (the last one wins, as in GNU tar and Go) but
      // must not be an unbounded amount of work for a single entry.
      this.metaBytes += raw.size;
      if (this.metaBytes > this.limits.maxHeaderBytes) {
        throw new FormatLimitError('maxHeaderBytes', this.limits.maxHeaderBytes, abs);
      }
      const bit = META_BIT[tf]!;
      if (this.metaTypes & bit) {
        const note = tf === 0x4c || tf === 0x4b ? 'repeated-long-name' : 'repeated-pax-header';
        if (!this.pendingNotes.includes(note)) raw.notes.push(note);
      }
      // A global header belongs to no entry: it does not count toward the next one's repeats.
      if (tf !== 0x67) this.metaTypes |= bit;
      if (this.firstOffset < 0) this.firstOffset = abs;
      this.pendingType = tf;
      this.metaOffset = abs + BLOCK;
      this.pendingNotes.push(...raw.notes);
      return { kind: 'meta', size: raw.size };
    }
    if (tf === 0x53 /* S */ && raw.magic === 'gnu' && buf[pos + 482] !== 0) {
      throw new FormatError('GNU old-style sparse file with extension headers is not supported', abs);
    }

    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      throw new FormatLimitError('maxEntries', this.limits.maxEntries, abs);
    }
    const notes = this.pendingNotes.length > 0 ? [...this.pendingNotes, ...raw.notes] : raw.notes;
    const offset = this.firstOffset >= 0 ? this.firstOffset : abs;
    const pax = this.pendingPax ?? (hasKeys(this.global) ? { ...this.global } : NO_PAX);
    const hadPax = this.pendingPax !== null;

    let name = this.longName ?? raw.name;
    let linkname = this.longLink ?? raw.linkname;
    let { size, uid, gid, uname, gname, mtime } = raw;
    if (pax.path !== undefined) {
      if (pax.path.includes('\0')) throw new FormatError('NUL inside a PAX path', offset);
      name = pax.path;
    }
    if (pax.linkpath !== undefined) {
      if (pax.linkpath.includes('\0')) throw new FormatError('NUL inside a PAX linkpath', offset);
      linkname = pax.linkpath;
    }
    if (pax.size !== undefined) size = paxInt(pax.size, 'size', offset);
    if (pax.uid !== undefined) uid = paxInt(pax.uid, 'uid', offset);
    if (pax.gid !== undefined) gid = paxInt(pax.gid, 'gid', offset);
    if (pax.uname !== undefined) uname = pax.uname;
    if (pax.gname !== undefined) gname = pax.gname;
    if (pax.mtime !== undefined) mtime = paxTime(pax.mtime, 'mtime', offset);

    const type = entryType(tf, name, raw.magic);
    // Names that would land outside the extraction root are data to report, never to follow.
    if (climbs(name)) notes.push('path-traversal');
    // The root itself as `/` (kaniko writes it) names nothing outside: not noted.
    else if (name.startsWith('/') && !/^\/+(\.\/?)?$/.test(name)) notes.push('absolute-path');
    if (type === 'hardlink' && (climbs(linkname) || linkname.startsWith('/'))) notes.push('hardlink-outside');
    let dataSize = size;
    if (isHeaderOnly(type)) {
      if (size > 0) notes.push('size-on-header-only-type');
      dataSize = 0;
    }
    this.pendingPax = null;
    this.longName = null;
    this.longLink = null;
    this.firstOffset = -1;
    this.pendingNotes = [];
    this.metaBytes = 0;
    this.metaTypes = 0;
    return {
      kind: 'entry',
      dataSize,
      header: {
        offset, name, linkname, type, typeflag: String.fromCharCode(tf), mode: raw.mode,
        uid, gid, uname, gname, mtime, size, devmajor: raw.devmajor, devminor: raw.devminor,
        format: hadPax ? 'pax' : raw.magic, pax, notes,
      },
    };
  }

  /** The body of the meta header last returned by block(). */
  meta(body: Buffer): void {
    const abs = this.metaOffset;
    switch (this.pendingType) {
      case 0x78: { // x: this entry only, on top of the global records
        const recs = parsePaxRecords(body, abs, this.pendingNotes);
        if (this.pendingPax === null) this.pendingPax = { ...this.global };
        applyPax(this.pendingPax, recs);
        return;
      }
      case 0x67: { // g: every following entry. A global header is not an entry's header.
        applyPax(this.global, parsePaxRecords(body, abs, this.pendingNotes));
        // Every later entry carries a copy of the global records, so their number multiplies
        // the memory of the whole walk: bounded by a constant no real archiver comes near
        // (git archive writes one record, GNU tar --posix a handful).
        if (Object.keys(this.global).length > MAX_GLOBAL_RECORDS) {
          throw new FormatError(`global PAX headers set more than ${MAX_GLOBAL_RECORDS} records (each would apply to every later entry)`, abs);
        }
        if (this.pendingPax === null && this.longName === null && this.longLink === null) {
          this.firstOffset = -1;
        }
        return;
      }
      case 0x4c: // L
        this.longName = gnuLongString(body, abs, 'name', this.pendingNotes);
        return;
      case 0x4b: // K
        this.longLink = gnuLongString(body, abs, 'linkname', this.pendingNotes);
        return;
    }
  }

  /** Checks the state at end of input; `abs` is the total byte count. */
  finish(abs: number): void {
    if (this.pending) throw new FormatError('tar ends after an extended header, before its entry', abs);
  }
}

/** The records of the (most) entries that have none: shared, so frozen. */
const NO_PAX: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Most records global PAX headers may hold at once (see meta(), case g). */
export const MAX_GLOBAL_RECORDS = 64;

const META_BIT: Record<number, number> = { 0x78: 1, 0x67: 2, 0x4c: 4, 0x4b: 8 };

/** A `..` segment that climbs above the root (`a/../b` does not; `a/../../b` does). */
export function climbs(p: string): boolean {
  if (!p.includes('..')) return false;
  let depth = 0;
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (--depth < 0) return true;
    } else depth++;
  }
  return false;
}

function hasKeys(o: Record<string, string>): boolean {
  for (const _ in o) return true;
  return false;
}

/** A GNU long name body: the string, then NULs only (a NUL inside the name is an error). */
function gnuLongString(body: Buffer, abs: number, field: string, notes: string[]): string {
  let end = body.indexOf(0);
  if (end < 0) end = body.length;
  for (let i = end; i < body.length; i++) {
    if (body[i] !== 0) throw new FormatError('NUL inside a GNU long name', abs + end);
  }
  return end === 0 ? '' : decodeBytes(body.subarray(0, end), field, notes);
}

/**
 * Computes TarEnd. `firstNonZero` is the stream offset of the first non-zero byte after the
 * marker, or -1. Zero bytes up to the next 10240-byte record boundary are padding, not trailing.
 */
export function tarEnd(endMarker: boolean, endOffset: number, totalBytes: number, firstNonZero: number): TarEnd {
  if (!endMarker) return { endMarker, endOffset, trailingBytes: 0, trailingNonZero: false, totalBytes };
  const recordEnd = Math.ceil(endOffset / 10240) * 10240;
  const trailingBytes = firstNonZero >= 0 && firstNonZero < recordEnd
    ? totalBytes - endOffset
    : Math.max(0, totalBytes - recordEnd);
  return { endMarker, endOffset, trailingBytes, trailingNonZero: firstNonZero >= 0, totalBytes };
}
