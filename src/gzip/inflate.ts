// Streaming decompression of a whole gzip blob, member by member.
//
// Why not zlib.createGunzip: it inflates concatenated members but hides their boundaries, so
// member count and the headers after the first are lost, and it silently drops trailing zeros.
// Instead each member's header and trailer are parsed here and only the raw deflate data goes
// to a zlib InflateRaw. Node stops an InflateRaw at the end of the deflate stream and counts
// the input it consumed (`bytesWritten`), which is exactly where the 8-byte trailer starts: no
// second pass, no scanning. CRC-32 and ISIZE are checked per member (zlib.crc32 is native, and it
// is the same work Gunzip does internally).
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import { FormatError } from '../errors.js';
import type { GzipHeader, GzipInfo } from '../model/types.js';
import { firstNonZero } from '../io/zero.js';
import { crc32 } from './crc32.js';
import { parseGzipHeader } from './header.js';

/** Headers kept in GzipInfo.headers; memberCount counts them all. */
export const KEEP_HEADERS = 8;

/** Output chunk size: larger chunks mean fewer thread-pool round trips per input chunk. */
const CHUNK = 128 * 1024;

export interface GzipResult {
  info: GzipInfo;
  /** Compressed bytes consumed, trailing zeros included. */
  storedBytes: number;
  /** Zero bytes after the last member (padding some tools write; not an error). */
  trailingZeros: number;
  /** Stream offset of those zero bytes, or null. */
  trailingZerosOffset: number | null;
  /** Decompressed bytes, all members. */
  outBytes: number;
}

export interface GzipInflaterOptions {
  /** Receives decompressed bytes in order. May throw: the error ends the inflater and is rethrown. */
  onData(chunk: Buffer): void;
  /** Longest member header accepted (FNAME/FCOMMENT/FEXTRA), default 1 MiB. */
  maxHeaderBytes?: number;
}

const enum Mode { Header, Body, Trailer, Between, Zeros }

export class GzipInflater {
  private readonly opts: GzipInflaterOptions;
  private mode = Mode.Header;
  /** Stream offset of the next byte handed to write(). */
  private offset = 0;
  private pending: Buffer | null = null;
  private readonly headers: GzipHeader[] = [];
  private members = 0;
  private inf: InflateRaw | null = null;
  /** Bytes written to the current InflateRaw. */
  private fed = 0;
  private memberCrc = 0;
  private memberSize = 0;
  private outBytes = 0;
  private zerosAt = -1;
  private zeros = 0;
  private failed: unknown = null;
  /** end() was called: a codec error now means truncation. */
  private ending = false;
  private rejectWait: ((e: unknown) => void) | null = null;

  constructor(opts: GzipInflaterOptions) {
    this.opts = opts;
  }

  /** Feeds compressed bytes; resolves once they have been inflated and handed to onData. */
  async write(chunk: Buffer): Promise<void> {
    if (this.failed !== null) throw this.failed;
    try {
      let pos = 0;
      while (pos < chunk.length) pos = await this.step(chunk, pos);
    } catch (e) {
      throw this.fail(e);
    }
  }

  private async step(chunk: Buffer, pos: number): Promise<number> {
    switch (this.mode) {
      case Mode.Header: {
        const start = this.offset - (this.pending?.length ?? 0);
        const buf = this.pending ? Buffer.concat([this.pending, chunk.subarray(pos)]) : chunk.subarray(pos);
        const had = this.pending?.length ?? 0;
        let parsed;
        try {
          parsed = parseGzipHeader(buf, start, this.opts.maxHeaderBytes);
        } catch (e) {
          if (this.members > 0 && e instanceof FormatError && /magic/.test(e.reason)) {
            throw new FormatError('trailing garbage after the last gzip member', start);
          }
          throw e;
        }
        if (parsed === null) {
          this.pending = Buffer.from(buf);
          this.offset += chunk.length - pos;
          return chunk.length;
        }
        this.pending = null;
        const used = parsed.length - had;
        this.offset += used;
        this.members++;
        if (this.headers.length < KEEP_HEADERS) this.headers.push(parsed.header);
        this.startMember();
        return pos + used;
      }
      case Mode.Body: {
        const inf = this.inf!;
        const slice = chunk.subarray(pos);
        this.fed += slice.length;
        await this.wait((resolve, reject) => inf.write(slice, (err) => (err ? reject(err) : resolve())));
        const left = this.fed - inf.bytesWritten;
        if (left === 0) {
          this.offset += slice.length;
          return chunk.length;
        }
        // The deflate stream ended inside this slice: wait for its last output, then the trailer.
        const used = slice.length - left;
        this.offset += used;
        await this.finishInflate();
        this.mode = Mode.Trailer;
        return pos + used;
      }
      case Mode.Trailer: {
        const have = this.pending?.length ?? 0;
        const k = Math.min(8 - have, chunk.length - pos);
        const part = chunk.subarray(pos, pos + k);
        this.pending = this.pending ? Buffer.concat([this.pending, part]) : Buffer.from(part);
        this.offset += k;
        if (this.pending.length === 8) {
          this.checkTrailer(this.pending, this.offset - 8);
          this.pending = null;
          this.mode = Mode.Between;
        }
        return pos + k;
      }
      case Mode.Between: {
        // Another member, zero padding, or garbage.
        const b = chunk[pos]!;
        if (b === 0x1f) {
          this.mode = Mode.Header;
        } else if (b === 0) {
          this.mode = Mode.Zeros;
          this.zerosAt = this.offset;
        } else {
          throw new FormatError('trailing garbage after the last gzip member', this.offset);
        }
        return pos;
      }
      case Mode.Zeros: {
        const nz = firstNonZero(chunk, pos, chunk.length);
        if (nz >= 0) throw new FormatError('non-zero data after the zero bytes that follow the last gzip member', this.offset + (nz - pos));
        this.zeros += chunk.length - pos;
        this.offset += chunk.length - pos;
        return chunk.length;
      }
    }
  }

  private startMember(): void {
    this.memberCrc = 0;
    this.memberSize = 0;
    this.fed = 0;
    const inf = createInflateRaw({ chunkSize: CHUNK });
    inf.on('data', (out: Buffer) => {
      if (this.failed !== null) return;
      this.memberCrc = crc32(out, this.memberCrc);
      this.memberSize += out.length;
      this.outBytes += out.length;
      // Hand the output on in a microtask: zlib queues its next inflate step right after this
      // 'data' event returns, so the consumer (hashing, tar walk) runs while the thread pool
      // inflates the next piece instead of before it. Zlib never reuses an emitted buffer.
      this.queue.push(out);
      if (this.queue.length === 1) queueMicrotask(this.drain);
    });
    inf.on('error', (e) => this.fail(this.codecError(e)));
    this.inf = inf;
    this.mode = Mode.Body;
  }

  private readonly queue: Buffer[] = [];
  private readonly drain = (): void => {
    const q = this.queue;
    try {
      for (let i = 0; i < q.length; i++) {
        if (this.failed !== null) break;
        this.opts.onData(q[i]!);
      }
    } catch (e) {
      this.fail(e);
    }
    q.length = 0;
  };

  /** Waits for the current InflateRaw to deliver its last output ('end'), then drops it. */
  private async finishInflate(): Promise<void> {
    const inf = this.inf!;
    if (!inf.readableEnded) await this.wait((resolve) => inf.once('end', () => resolve()));
    inf.destroy();
    this.inf = null;
    this.drain();
  }

  private checkTrailer(t: Buffer, at: number): void {
    const crc = t.readUInt32LE(0);
    const isize = t.readUInt32LE(4);
    if (crc !== this.memberCrc >>> 0) {
      throw new FormatError(`gzip member CRC-32 mismatch (stored ${hex8(crc)}, computed ${hex8(this.memberCrc)})`, at);
    }
    // ISIZE is the length modulo 2^32 (RFC 1952 §2.3.1).
    if (isize !== this.memberSize % 0x100000000) {
      throw new FormatError(`gzip member ISIZE mismatch (stored ${isize}, actual ${this.memberSize % 0x100000000})`, at + 4);
    }
  }

  /** Ends the input: checks the last member is complete and returns what was seen. */
  async end(): Promise<GzipResult> {
    if (this.failed !== null) throw this.failed;
    try {
      switch (this.mode) {
        case Mode.Header:
          if (this.members === 0) {
            throw new FormatError(this.offset === 0 ? 'empty gzip stream' : 'gzip truncated inside the member header', 0);
          }
          throw new FormatError('gzip truncated inside a member header', this.offset - (this.pending?.length ?? 0));
        case Mode.Body: {
          // Either the deflate data stops early, or it ended exactly at the input's end; both lack
          // the trailer.
          const inf = this.inf!;
          this.ending = true;
          await this.wait((resolve, reject) => {
            inf.once('end', () => resolve());
            inf.once('error', reject);
            inf.end();
          });
          throw new FormatError('gzip truncated: member trailer (CRC-32, ISIZE) missing', this.offset);
        }
        case Mode.Trailer:
          throw new FormatError('gzip truncated inside a member trailer', this.offset);
        case Mode.Between:
        case Mode.Zeros:
          break;
      }
    } catch (e) {
      throw this.fail(e);
    }
    return {
      info: { memberCount: this.members, headers: this.headers },
      storedBytes: this.offset,
      trailingZeros: this.zeros,
      trailingZerosOffset: this.zerosAt >= 0 ? this.zerosAt : null,
      outBytes: this.outBytes,
    };
  }

  /** Stops early (the caller read what it needed): frees the current zlib stream. */
  abort(): void {
    if (this.failed === null) this.failed = new FormatError('gzip inflater aborted');
    this.inf?.destroy();
    this.inf = null;
  }

  /** A promise that a failure (codec error, onData throwing) rejects early. */
  private wait(fn: (resolve: () => void, reject: (e: unknown) => void) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.rejectWait = reject;
      fn(resolve, (e) => reject(this.codecError(e)));
    }).finally(() => {
      this.rejectWait = null;
    });
  }

  private codecError(e: unknown): unknown {
    if (e instanceof FormatError || this.failed !== null) return this.failed ?? e;
    if (this.ending) return new FormatError(`gzip truncated inside member data (${errMessage(e)})`, this.offset);
    return new FormatError(`corrupt deflate data in gzip member ${this.members} (${errMessage(e)})`, this.offset);
  }

  private fail(e: unknown): unknown {
    if (this.failed === null) {
      this.failed = e;
      this.inf?.destroy();
      this.inf = null;
      this.rejectWait?.(e);
    }
    return this.failed;
  }
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** Convenience: inflate a whole gzip blob from an async source, yielding decompressed chunks. */
export async function* gunzip(source: AsyncIterable<Buffer>, opts: { maxHeaderBytes?: number } = {}): AsyncGenerator<Buffer, GzipResult> {
  let out: Buffer[] = [];
  const g = new GzipInflater({ onData: (b) => void out.push(b), maxHeaderBytes: opts.maxHeaderBytes });
  for await (const chunk of source) {
    await g.write(chunk);
    if (out.length) {
      const o = out;
      out = [];
      yield* o;
    }
  }
  const r = await g.end();
  yield* out;
  return r;
}
