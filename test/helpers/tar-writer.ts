// A small tar WRITER for tests, with control over the raw header bytes (format, magic, numeric
// encodings, checksum), so the walkers can be fed exactly the dialect a test needs.
// tar-stream stays available for "a normal tar"; this one is for the corners.

export type TarFormatSpec = 'ustar' | 'gnu' | 'v7' | 'pax';

export interface TarEntrySpec {
  name: string;
  /** file (default), dir, symlink, hardlink, char, block, fifo, contiguous; or a raw typeflag via `typeflag`. */
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'contiguous';
  /** A raw typeflag character, overriding `type`. */
  typeflag?: string;
  content?: Buffer | string;
  mode?: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  mtime?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /** PAX records written in an `x` header before this entry (values: string or raw bytes). */
  pax?: Record<string, string | Buffer>;
  format?: TarFormatSpec;
  /** Size field override (the data written is still `content`). */
  size?: number;
  /** Write numeric fields in GNU base-256 (forced for values too large for octal anyway). */
  base256?: boolean;
}

export interface MakeTarOptions {
  /** Zero blocks written at the end (default 2). */
  endBlocks?: number;
  /** Pad the whole archive with zeros to a multiple of this many bytes (e.g. 10240). */
  padTo?: number;
  /** PAX global (`g`) records written first. */
  global?: Record<string, string | Buffer>;
  /** Default format of entries (default ustar). */
  format?: TarFormatSpec;
}

const TYPEFLAG: Record<NonNullable<TarEntrySpec['type']>, string> = {
  file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6', contiguous: '7',
};

/** "%d %s=%s\n" with the self-referential length. */
export function paxRecord(key: string, value: string | Buffer): Buffer {
  const v = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const base = Buffer.byteLength(key) + v.length + 3;
  let len = base + String(base).length;
  if (String(len).length !== String(base).length) len = base + String(len).length;
  return Buffer.concat([Buffer.from(`${len} ${key}=`), v, Buffer.from('\n')]);
}

export function paxBody(records: Record<string, string | Buffer>): Buffer {
  return Buffer.concat(Object.entries(records).map(([k, v]) => paxRecord(k, v)));
}

/** Octal, `len - 1` digits and a NUL; or base-256 when asked or when it does not fit. */
function writeNumber(block: Buffer, off: number, len: number, value: number, base256 = false): void {
  const digits = len - 1;
  if (!base256 && value >= 0 && value < 8 ** digits) {
    block.write(value.toString(8).padStart(digits, '0'), off, 'latin1');
    block[off + digits] = 0;
    return;
  }
  let v = BigInt(value);
  if (v < 0n) v = (1n << BigInt(len * 8)) + v; // two's complement over the whole field
  for (let i = len - 1; i >= 0; i--) {
    block[off + i] = Number(v & 0xffn);
    v >>= 8n;
  }
  block[off] = value < 0 ? 0xff : 0x80 | (block[off]! & 0x7f);
}

function writeString(block: Buffer, off: number, len: number, s: string): void {
  const b = Buffer.from(s, 'utf8');
  if (b.length > len) throw new Error(`tar-writer: ${JSON.stringify(s)} does not fit in ${len} bytes`);
  b.copy(block, off);
}

/** Computes and stores the header checksum (unsigned sum, 6 octal digits, NUL, space). */
export function fixChecksum(block: Buffer): Buffer {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += block[i]!;
  block.write(sum.toString(8).padStart(6, '0'), 148, 'latin1');
  block[154] = 0;
  block[155] = 0x20;
  return block;
}

export interface HeaderFields {
  name: string;
  typeflag: string;
  size: number;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  linkname?: string;
  uname?: string;
  gname?: string;
  devmajor?: number;
  devminor?: number;
  prefix?: string;
  format: TarFormatSpec;
  base256?: boolean;
}

/** One 512-byte header block with a valid checksum. */
export function rawHeader(f: HeaderFields): Buffer {
  const b = Buffer.alloc(512);
  writeString(b, 0, 100, f.name);
  writeNumber(b, 100, 8, f.mode ?? 0o644);
  writeNumber(b, 108, 8, f.uid ?? 0, f.base256);
  writeNumber(b, 116, 8, f.gid ?? 0, f.base256);
  writeNumber(b, 124, 12, f.size, f.base256);
  writeNumber(b, 136, 12, f.mtime ?? 0, f.base256);
  b.write(f.typeflag, 156, 'latin1');
  writeString(b, 157, 100, f.linkname ?? '');
  if (f.format !== 'v7') {
    b.write(f.format === 'gnu' ? 'ustar  \0' : 'ustar\x0000', 257, 'latin1');
    writeString(b, 265, 32, f.uname ?? '');
    writeString(b, 297, 32, f.gname ?? '');
    writeNumber(b, 329, 8, f.devmajor ?? 0);
    writeNumber(b, 337, 8, f.devminor ?? 0);
    if (f.format !== 'gnu' && f.prefix) writeString(b, 345, 155, f.prefix);
  }
  return fixChecksum(b);
}

function pad(n: number): Buffer {
  return Buffer.alloc((512 - (n % 512)) % 512);
}

/** A meta entry (x, g, L, K) with its body. */
export function metaEntry(typeflag: string, body: Buffer, format: TarFormatSpec, name = '././@LongLink'): Buffer {
  return Buffer.concat([rawHeader({ name, typeflag, size: body.length, format: format === 'pax' ? 'ustar' : format }), body, pad(body.length)]);
}

/** Splits a long ustar name into prefix (<= 155) and name (<= 100) at a slash. */
function splitUstar(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const p = name.slice(0, i);
    const n = name.slice(i + 1);
    if (Buffer.byteLength(p) <= 155 && Buffer.byteLength(n) <= 100 && n.length > 0) return { prefix: p, name: n };
  }
  throw new Error(`tar-writer: ${name} cannot be split into ustar prefix/name`);
}

export function makeTar(entries: TarEntrySpec[], opts: MakeTarOptions = {}): Buffer {
  const parts: Buffer[] = [];
  if (opts.global) parts.push(metaEntry('g', paxBody(opts.global), 'ustar', 'pax_global_header'));
  for (const e of entries) {
    const format = e.format ?? opts.format ?? 'ustar';
    const content = e.content === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content);
    let typeflag = e.typeflag ?? TYPEFLAG[e.type ?? 'file'];
    if (format === 'v7' && typeflag === '0' && e.typeflag === undefined) typeflag = '\0';
    let name = e.name;
    let prefix = '';
    let linkname = e.linkname ?? '';
    const pax: Record<string, string | Buffer> = { ...(e.pax ?? {}) };
    if (format === 'gnu') {
      if (Buffer.byteLength(linkname) > 100) {
        parts.push(metaEntry('K', Buffer.concat([Buffer.from(linkname), Buffer.alloc(1)]), 'gnu'));
        linkname = linkname.slice(0, 100);
      }
      if (Buffer.byteLength(name) > 100) {
        parts.push(metaEntry('L', Buffer.concat([Buffer.from(name), Buffer.alloc(1)]), 'gnu'));
        name = name.slice(0, 100);
      }
    } else if (format === 'pax') {
      if (Buffer.byteLength(name) > 100 && pax.path === undefined) pax.path = name;
      if (Buffer.byteLength(linkname) > 100 && pax.linkpath === undefined) pax.linkpath = linkname;
      if (pax.path !== undefined) name = Buffer.from(name).subarray(0, 100).toString('latin1');
      if (pax.linkpath !== undefined) linkname = Buffer.from(linkname).subarray(0, 100).toString('latin1');
    } else if (format === 'ustar') {
      ({ prefix, name } = splitUstar(name));
    }
    if (format === 'pax' || Object.keys(pax).length > 0) {
      parts.push(metaEntry('x', paxBody(pax), 'ustar', `PaxHeaders.0/${e.name.split('/').pop()}`.slice(0, 100)));
    }
    parts.push(rawHeader({
      name, typeflag, prefix, linkname,
      size: e.size ?? content.length,
      mode: e.mode ?? (e.type === 'dir' ? 0o755 : 0o644),
      uid: e.uid, gid: e.gid, mtime: e.mtime, uname: e.uname, gname: e.gname,
      devmajor: e.devmajor, devminor: e.devminor,
      format: format === 'pax' ? 'ustar' : format,
      base256: e.base256,
    }));
    parts.push(content, pad(content.length));
  }
  parts.push(Buffer.alloc(512 * (opts.endBlocks ?? 2)));
  let out = Buffer.concat(parts);
  if (opts.padTo && out.length % opts.padTo !== 0) out = Buffer.concat([out, Buffer.alloc(opts.padTo - (out.length % opts.padTo))]);
  return out;
}
