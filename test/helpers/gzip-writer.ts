// Builds gzip members byte by byte (RFC 1952) so tests choose every header field; the deflate
// data comes from zlib. CRC-32 here is an independent bitwise implementation, not the one under test.
import { deflateRawSync } from 'node:zlib';

export interface GzipHeaderSpec {
  mtime?: number;
  xfl?: number;
  os?: number;
  name?: string;
  comment?: string;
  extra?: Buffer;
  /** Write FHCRC (CRC16 of the header). */
  hcrc?: boolean;
  ftext?: boolean;
  level?: number;
  /** Raw FLG bits OR-ed in (e.g. reserved bits). */
  extraFlags?: number;
  /** CM byte (default 8). */
  cm?: number;
}

export function crc32Bitwise(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) {
    c ^= data[i]!;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

export function gzipHeaderBytes(o: GzipHeaderSpec = {}): Buffer {
  let flg = o.extraFlags ?? 0;
  if (o.ftext) flg |= 1;
  if (o.hcrc) flg |= 2;
  if (o.extra) flg |= 4;
  if (o.name !== undefined) flg |= 8;
  if (o.comment !== undefined) flg |= 16;
  const fixed = Buffer.alloc(10);
  fixed[0] = 0x1f;
  fixed[1] = 0x8b;
  fixed[2] = o.cm ?? 8;
  fixed[3] = flg;
  fixed.writeUInt32LE(o.mtime ?? 0, 4);
  fixed[8] = o.xfl ?? 0;
  fixed[9] = o.os ?? 3;
  const parts: Buffer[] = [fixed];
  if (o.extra) {
    const xlen = Buffer.alloc(2);
    xlen.writeUInt16LE(o.extra.length);
    parts.push(xlen, o.extra);
  }
  if (o.name !== undefined) parts.push(Buffer.from(o.name, 'latin1'), Buffer.alloc(1));
  if (o.comment !== undefined) parts.push(Buffer.from(o.comment, 'latin1'), Buffer.alloc(1));
  let h = Buffer.concat(parts);
  if (o.hcrc) {
    const c = Buffer.alloc(2);
    c.writeUInt16LE(crc32Bitwise(h) & 0xffff);
    h = Buffer.concat([h, c]);
  }
  return h;
}

/** One complete gzip member around `data`. */
export function gzipWithHeader(data: Buffer | string, o: GzipHeaderSpec = {}): Buffer {
  const d = typeof data === 'string' ? Buffer.from(data) : data;
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32Bitwise(d), 0);
  trailer.writeUInt32LE(d.length % 0x100000000, 4);
  return Buffer.concat([gzipHeaderBytes(o), deflateRawSync(d, { level: o.level ?? 6 }), trailer]);
}

export function multiMember(...members: Buffer[]): Buffer {
  return Buffer.concat(members);
}
