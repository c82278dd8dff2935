// One 512-byte tar header block, decoded field by field (POSIX ustar layout, GNU and v7 dialects).
// Numbers are parsed by hand: octal with space/NUL terminators, or GNU base-256.
import { FormatError } from '../errors.js';
import { printable } from '../io/printable.js';
import type { EntryType, TarFormat } from '../model/types.js';
import { decodeString } from './text.js';

export const BLOCK = 512;

/** One tar entry as the header walkers report it (after PAX / GNU long-name resolution). */
export interface TarHeader {
  /** Offset of the first header block of this entry, including PAX / GNU long-name blocks. */
  offset: number;
  name: string;
  linkname: string;
  type: EntryType;
  /** The raw typeflag character (`'\0'` for v7 regular files). */
  typeflag: string;
  /** mode & 0o7777 */
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  /** Seconds; fractional when it came from a PAX record. */
  mtime: number;
  /** The size as stored (PAX `size` wins). Header-only types carry no data whatever this says. */
  size: number;
  devmajor: number;
  devminor: number;
  format: TarFormat;
  /** Every PAX record in effect: global records, then this entry's records on top. */
  pax: Record<string, string>;
  /**
   * Coded anomalies that did not stop the walk: `latin1:<field>` (a field that is not valid
   * UTF-8: a path (name, linkname, PAX path/linkpath) keeps its invalid bytes as lone surrogates
   * U+DC80..U+DCFF (surrogateEscape); a user/group name or other PAX value is decoded as
   * latin-1, byte for byte), `size-on-header-only-type` (a link/dir/device with size > 0: no
   * data is read for it), `path-traversal` (a `..` climbs above the root), `absolute-path`
   * (a leading `/`), `hardlink-outside` (a hardlink target that climbs or is absolute),
   * `repeated-long-name` / `repeated-pax-header` (two GNU L/K or PAX x headers for one entry:
   * the last wins).
   */
  notes: string[];
}

/** How a tar stream ended. */
export interface TarEnd {
  /** Two consecutive zero blocks were seen. */
  endMarker: boolean;
  /** Offset just after the end marker (or the end of the last entry when there is none). */
  endOffset: number;
  /**
   * Bytes after the end marker that are not zero padding up to the next 10240-byte record
   * boundary (GNU tar pads to records; Go's archive/tar does not).
   */
  trailingBytes: number;
  /** Some byte after the end marker is not zero. */
  trailingNonZero: boolean;
  /** Every byte of the tar stream, trailing ones included. */
  totalBytes: number;
  /**
   * The input stopped inside the zero padding after the last entry's data: the data is
   * complete, the padding and end marker are not (umoci 0.4.7 `insert` writes such layers).
   */
  truncatedPadding?: boolean;
}

/** The fields of one header block, before PAX / long-name resolution. */
export interface RawHeader {
  name: string;
  linkname: string;
  typeflag: number;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  size: number;
  devmajor: number;
  devminor: number;
  magic: 'ustar' | 'gnu' | 'v7';
  notes: string[];
}

const ZERO_BLOCK = Buffer.alloc(BLOCK);

export function isZeroBlock(buf: Buffer, pos: number): boolean {
  // A header's name (or, for an empty name, its mode) is not zero: most calls end here.
  if (buf[pos] !== 0 || buf[pos + 100] !== 0) return false;
  return buf.compare(ZERO_BLOCK, 0, BLOCK, pos, pos + BLOCK) === 0;
}

/** The unsigned header sum with the checksum field counted as spaces (8 × 0x20 = 256). */
function unsignedSum(buf: Buffer, pos: number): number {
  // Four bytes at a time into two 16-bit lanes (128 words × 2 × 255 < 2^16: no carry between
  // lanes), then the checksum field's own bytes taken out again. Read through a DataView:
  // Buffer#readUInt32LE is a JS function with bounds checks and float arithmetic, ~2× slower
  // than a byte loop; DataView#getUint32 is inlined, ~4× faster than one (this runs for every
  // header of every layer).
  const v = viewOf(buf);
  let acc = 0;
  for (let i = pos, end = pos + BLOCK; i < end; i += 4) {
    const w = v.getUint32(i, true);
    acc += (w & 0x00ff00ff) + ((w >>> 8) & 0x00ff00ff);
  }
  let u = (acc & 0xffff) + (acc >>> 16);
  for (let i = pos + 148; i < pos + 156; i++) u -= buf[i]!;
  return u + 256;
}

/** The last buffer's DataView: the parser decodes many headers from one input chunk. */
let lastBuf: Buffer | null = null;
let lastView: DataView | null = null;

function viewOf(buf: Buffer): DataView {
  if (buf !== lastBuf) {
    lastView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    lastBuf = buf;
  }
  return lastView!;
}

/**
 * Whether `stored` is the block's checksum: the unsigned sum every tar writes, or the historic
 * signed one (only worked out when the unsigned one does not match).
 */
export function checksumMatches(buf: Buffer, pos: number, stored: number): boolean {
  const u = unsignedSum(buf, pos);
  return stored === u || stored === signedSum(buf, pos, u);
}

/** The historic signed sum (some old tars): the unsigned one less 256 for every byte ≥ 128. */
function signedSum(buf: Buffer, pos: number, unsigned: number): number {
  let high = 0;
  for (let i = pos, end = pos + BLOCK; i < end; i++) if (i - pos < 148 || i - pos >= 156) high += buf[i]! >> 7;
  return unsigned - 256 * high;
}

/**
 * Octal number: optional leading spaces, octal digits, then only NULs/spaces. An all-blank field
 * is 0. Or GNU base-256 (first byte has bit 7 set: 0x80 positive, 0xff negative, big-endian).
 */
export function parseNumeric(buf: Buffer, pos: number, len: number, field: string, abs: number, allowNegative = false): number {
  const first = buf[pos]!;
  if (first & 0x80) return parseBase256(buf, pos, len, field, abs, allowNegative);
  const end = pos + len;
  let i = pos;
  while (i < end && buf[i] === 0x20) i++;
  let v = 0;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x37) break;
    v = v * 8 + (c - 0x30);
  }
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c !== 0 && c !== 0x20) throw new FormatError(`invalid octal number in tar header field ${field}`, abs + (i - pos));
  }
  return v;
}

function parseBase256(buf: Buffer, pos: number, len: number, field: string, abs: number, allowNegative: boolean): number {
  const negative = (buf[pos]! & 0x40) !== 0;
  if (negative && !allowNegative) throw new FormatError(`negative base-256 number in tar header field ${field}`, abs);
  let v = BigInt(buf[pos]! & 0x7f) - (negative ? 0x80n : 0n);
  for (let i = 1; i < len; i++) v = (v << 8n) | BigInt(buf[pos + i]!);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new FormatError(`base-256 number too large in tar header field ${field}`, abs);
  }
  return Number(v);
}

function magicOf(buf: Buffer, pos: number, abs: number): RawHeader['magic'] {
  const m = buf.toString('latin1', pos + 257, pos + 265);
  if (m === 'ustar\x0000') return 'ustar';
  if (m === 'ustar  \x00') return 'gnu';
  if (m === '\x00\x00\x00\x00\x00\x00\x00\x00') return 'v7';
  throw new FormatError(`unknown tar header magic ${printable(JSON.stringify(m))}`, abs + 257);
}

/**
 * Decodes one non-zero header block at buf[pos..pos+512), whose stream offset is `abs`.
 * Verifies the checksum first: a block that fails it is not a header.
 */
export function decodeBlock(buf: Buffer, pos: number, abs: number): RawHeader {
  const stored = parseNumeric(buf, pos + 148, 8, 'chksum', abs + 148);
  if (!checksumMatches(buf, pos, stored)) {
    throw new FormatError(`tar header checksum mismatch (stored ${stored}, computed ${unsignedSum(buf, pos)})`, abs);
  }
  const magic = magicOf(buf, pos, abs);
  const notes: string[] = [];
  let name = decodeString(buf, pos, 100, 'name', notes);
  if (magic === 'ustar') {
    // GNU headers reuse the prefix area for atime/ctime/sparse data, so only ustar has a prefix.
    const prefix = decodeString(buf, pos + 345, 155, 'name', notes);
    if (prefix !== '') name = prefix + '/' + name;
  }
  const hasOwnerNames = magic !== 'v7';
  return {
    name,
    linkname: decodeString(buf, pos + 157, 100, 'linkname', notes),
    typeflag: buf[pos + 156]!,
    mode: parseNumeric(buf, pos + 100, 8, 'mode', abs + 100) & 0o7777,
    uid: parseNumeric(buf, pos + 108, 8, 'uid', abs + 108),
    gid: parseNumeric(buf, pos + 116, 8, 'gid', abs + 116),
    size: parseNumeric(buf, pos + 124, 12, 'size', abs + 124),
    mtime: parseNumeric(buf, pos + 136, 12, 'mtime', abs + 136, true),
    uname: hasOwnerNames ? decodeString(buf, pos + 265, 32, 'uname', notes) : '',
    gname: hasOwnerNames ? decodeString(buf, pos + 297, 32, 'gname', notes) : '',
    devmajor: hasOwnerNames ? parseNumeric(buf, pos + 329, 8, 'devmajor', abs + 329) : 0,
    devminor: hasOwnerNames ? parseNumeric(buf, pos + 337, 8, 'devminor', abs + 337) : 0,
    magic,
    notes,
  };
}

/** Entry type for a typeflag byte; `name` decides legacy directories (trailing `/`). */
export function entryType(typeflag: number, name: string, magic: RawHeader['magic']): EntryType {
  switch (typeflag) {
    case 0: // v7 regular file; old tars mark directories by a trailing slash instead of '5'
      return name.endsWith('/') ? 'dir' : 'file';
    case 0x30: // '0'
      return magic === 'v7' && name.endsWith('/') ? 'dir' : 'file';
    case 0x31: return 'hardlink';
    case 0x32: return 'symlink';
    case 0x33: return 'char';
    case 0x34: return 'block';
    case 0x35: return 'dir';
    case 0x36: return 'fifo';
    case 0x37: return 'contiguous';
    default: return 'other';
  }
}

/**
 * Types whose size field does not announce data (Go archive/tar and Docker agree; POSIX says such
 * entries have size 0 anyway).
 */
export function isHeaderOnly(type: EntryType): boolean {
  return type === 'hardlink' || type === 'symlink' || type === 'char' || type === 'block' ||
    type === 'dir' || type === 'fifo';
}

/** Bytes of padding after `size` bytes of data to reach a block boundary. */
export function padding(size: number): number {
  const r = size % BLOCK;
  return r === 0 ? 0 : BLOCK - r;
}
