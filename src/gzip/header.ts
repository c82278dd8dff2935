// RFC 1952 §2.3 member header, decoded field by field:
//   ID1 ID2 CM FLG MTIME(4, LE) XFL OS [XLEN(2) extra] [name\0] [comment\0] [CRC16]
import { FormatError } from '../errors.js';
import { FormatLimitError } from '../io/limit-error.js';
import type { GzipHeader } from '../model/types.js';
import { crc32 } from './crc32.js';

export const FTEXT = 1;
export const FHCRC = 2;
export const FEXTRA = 4;
export const FNAME = 8;
export const FCOMMENT = 16;
const RESERVED = 0xe0;

export interface ParsedGzipHeader {
  header: GzipHeader;
  /** Header length in bytes (the deflate data starts right after). */
  length: number;
}

/**
 * Parses the member header at the start of `buf`, whose stream offset is `offset`.
 * Returns null when `buf` ends before the header does (feed more bytes and call again).
 * A header longer than `maxBytes` (an unterminated name) is a FormatLimitError.
 */
export function parseGzipHeader(buf: Buffer, offset: number, maxBytes = 1024 * 1024): ParsedGzipHeader | null {
  if (buf.length >= 1 && buf[0] !== 0x1f) throw new FormatError('not a gzip member (bad magic)', offset);
  if (buf.length >= 2 && buf[1] !== 0x8b) throw new FormatError('not a gzip member (bad magic)', offset);
  if (buf.length >= 3 && buf[2] !== 8) throw new FormatError(`unsupported gzip compression method ${buf[2]}`, offset + 2);
  if (buf.length >= 4 && (buf[3]! & RESERVED) !== 0) {
    throw new FormatError(`reserved gzip FLG bits set (0x${buf[3]!.toString(16)})`, offset + 3);
  }
  if (buf.length < 10) return need(buf, offset, maxBytes);
  const flags = buf[3]!;
  const mtime = buf.readUInt32LE(4);
  const xfl = buf[8]!;
  const os = buf[9]!;
  let p = 10;
  let extra: string | null = null;
  if (flags & FEXTRA) {
    if (buf.length < p + 2) return need(buf, offset, maxBytes);
    const xlen = buf.readUInt16LE(p);
    if (buf.length < p + 2 + xlen) return need(buf, offset, maxBytes);
    extra = buf.toString('hex', p + 2, p + 2 + xlen);
    p += 2 + xlen;
  }
  let name: string | null = null;
  if (flags & FNAME) {
    const z = buf.indexOf(0, p);
    if (z < 0) return need(buf, offset, maxBytes);
    name = buf.toString('latin1', p, z);
    p = z + 1;
  }
  let comment: string | null = null;
  if (flags & FCOMMENT) {
    const z = buf.indexOf(0, p);
    if (z < 0) return need(buf, offset, maxBytes);
    comment = buf.toString('latin1', p, z);
    p = z + 1;
  }
  const headerCrc = (flags & FHCRC) !== 0;
  if (headerCrc) {
    if (buf.length < p + 2) return need(buf, offset, maxBytes);
    const stored = buf.readUInt16LE(p);
    const actual = crc32(buf.subarray(0, p)) & 0xffff;
    if (stored !== actual) {
      throw new FormatError(`gzip header CRC16 mismatch (stored ${hex4(stored)}, computed ${hex4(actual)})`, offset + p);
    }
    p += 2;
  }
  if (p > maxBytes) throw new FormatLimitError('maxHeaderBytes', maxBytes, offset);
  return { header: { offset, mtime, xfl, os, flags, name, comment, extra, headerCrc }, length: p };
}

function need(buf: Buffer, offset: number, maxBytes: number): null {
  if (buf.length > maxBytes) throw new FormatLimitError('maxHeaderBytes', maxBytes, offset);
  return null;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
