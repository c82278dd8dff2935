// Streaming zstd decompression with fzstd (pure JS, vendored with fixes: fzstd-stream.ts), plus
// a frame walker over the compressed bytes (RFC 8878 §3.1) that counts frames, notices
// truncation and checks frame and block headers before the decoder sees them: frame and block
// headers carry their sizes, so the walk skips block contents.
//
// Checked here, with the offset of the offending field:
//   - the window a frame declares (the decoder keeps that much history in memory) against
//     maxWindowBytes, 128 MiB by default: the reference decoder's own default limit
//     (ZSTD_WINDOWLOG_LIMIT_DEFAULT = 27; `zstd -d` refuses more without --long/--memory);
//   - dictionary frames (no dictionary is ever available: refused, not mis-decoded);
//   - Block_Size against Block_Maximum_Size = min(window, 128 KiB);
//   - the XXH64 content checksum of every frame that declares one (fzstd skipped it).
import { FormatError } from '../errors.js';
import { Decompress } from './fzstd-stream.js';
import { Xxh64 } from './xxh64.js';

/** Default for ZstdInflaterOptions.maxWindowBytes: 2^27, zstd's default decoder limit. */
export const ZSTD_MAX_WINDOW = 128 * 1024 * 1024;

/** RFC 8878 §3.1.1.2: Block_Maximum_Size is min(Window_Size, 128 KiB). */
const BLOCK_MAX = 128 * 1024;

export interface ZstdResult {
  /** zstd frames (skippable frames not included). */
  frames: number;
  skippableFrames: number;
  storedBytes: number;
  outBytes: number;
}

const enum W { Magic, SkipSize, Skip, Fhd, HeaderRest, BlockHeader, BlockBody, Checksum }

/** A frame's stored content checksum and where it is. */
export interface StoredChecksum {
  value: number;
  offset: number;
}

/** Walks frame structure; feed() throws FormatError on bad magic, reserved bits, limits. */
export class ZstdFrameWalker {
  private state = W.Magic;
  private need = 4;
  private small = Buffer.alloc(16);
  private fill = 0;
  private skip = 0;
  private checksum = false;
  private frameStart = 0;
  /** The current frame's header fields, read in HeaderRest. */
  private single = false;
  private fcsBytes = 0;
  private didBytes = 0;
  private blockMax = BLOCK_MAX;
  offset = 0;
  frames = 0;
  skippableFrames = 0;
  /** Content checksums read but not yet compared (the inflater takes them). */
  readonly checksums: StoredChecksum[] = [];

  constructor(private readonly maxWindowBytes = ZSTD_MAX_WINDOW) {}

  feed(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.state === W.Skip || this.state === W.BlockBody) {
        const k = Math.min(this.skip, chunk.length - pos);
        this.skip -= k;
        pos += k;
        this.offset += k;
        if (this.skip === 0) this.enter(this.state === W.Skip ? W.Magic : this.afterBlock);
        continue;
      }
      const k = Math.min(this.need - this.fill, chunk.length - pos);
      chunk.copy(this.small, this.fill, pos, pos + k);
      this.fill += k;
      pos += k;
      this.offset += k;
      if (this.fill === this.need) {
        this.fill = 0;
        this.field();
      }
    }
  }

  private enter(state: W): void {
    this.state = state;
    this.need = state === W.BlockHeader ? 3 : 4;
  }

  /** State after the current block body: another block header, the checksum, or the next frame. */
  private afterBlock: W = W.BlockHeader;

  private field(): void {
    const b = this.small;
    const at = this.offset - this.need;
    switch (this.state) {
      case W.Magic: {
        const m = b.readUInt32LE(0);
        this.frameStart = at;
        if (m === 0xfd2fb528) {
          this.frames++;
          this.state = W.Fhd;
          this.need = 1;
        } else if ((m & 0xfffffff0) === 0x184d2a50) {
          this.skippableFrames++;
          this.state = W.SkipSize;
          this.need = 4;
        } else {
          throw new FormatError(this.frames + this.skippableFrames > 0 ? 'trailing garbage after the last zstd frame' : 'not a zstd frame (bad magic)', at);
        }
        return;
      }
      case W.SkipSize:
        this.skip = b.readUInt32LE(0);
        this.state = this.skip > 0 ? W.Skip : W.Magic;
        this.need = 4;
        return;
      case W.Fhd: {
        const fhd = b[0]!;
        if (fhd & 0x08) throw new FormatError('reserved bit set in zstd frame header', at);
        const fcsFlag = fhd >> 6;
        const single = (fhd & 0x20) !== 0;
        this.checksum = (fhd & 0x04) !== 0;
        const did = [0, 1, 2, 4][fhd & 3]!;
        const fcs = [single ? 1 : 0, 2, 4, 8][fcsFlag]!;
        this.single = single;
        this.didBytes = did;
        this.fcsBytes = fcs;
        // Single_Segment_Flag without a content size cannot happen (fcs is then >= 1 byte).
        const rest = (single ? 0 : 1) + did + fcs;
        this.state = W.HeaderRest;
        this.need = rest;
        return;
      }
      case W.HeaderRest: {
        this.frameHeader(b, at);
        this.state = W.BlockHeader;
        this.need = 3;
        return;
      }
      case W.BlockHeader: {
        const h = b[0]! | (b[1]! << 8) | (b[2]! << 16);
        const last = (h & 1) !== 0;
        const type = (h >> 1) & 3;
        const size = h >>> 3;
        if (type === 3) throw new FormatError('reserved zstd block type', at);
        if (size > this.blockMax) {
          throw new FormatError(`zstd block of ${size} bytes exceeds the frame's block maximum of ${this.blockMax}`, at);
        }
        this.skip = type === 1 ? 1 : size;
        this.afterBlock = last ? (this.checksum ? W.Checksum : W.Magic) : W.BlockHeader;
        if (this.skip > 0) this.state = W.BlockBody;
        else this.enter(this.afterBlock);
        return;
      }
      case W.Checksum:
        this.checksums.push({ value: b.readUInt32LE(0), offset: at });
        this.state = W.Magic;
        this.need = 4;
        return;
    }
  }

  /** Window descriptor, dictionary id and content size (RFC 8878 §3.1.1.1), at offset `at`. */
  private frameHeader(b: Buffer, at: number): void {
    let p = 0;
    let window: number;
    let windowAt = at;
    if (!this.single) {
      const wd = b[p++]!;
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    } else {
      window = 0; // the content size, below
    }
    if (this.didBytes > 0) {
      const did = b.readUIntLE(p, this.didBytes);
      if (did !== 0) throw new FormatError(`zstd frame needs dictionary ${did}, which is not available`, at + p);
      p += this.didBytes;
    }
    if (this.single) {
      windowAt = at + p;
      const n = this.fcsBytes;
      window = n === 8 ? Number(b.readBigUInt64LE(p)) : b.readUIntLE(p, n) + (n === 2 ? 256 : 0);
    }
    if (window > this.maxWindowBytes) {
      throw new FormatError(`zstd frame window of ${window} bytes exceeds the ${this.maxWindowBytes}-byte limit of the decoder`, windowAt);
    }
    this.blockMax = Math.min(window, BLOCK_MAX);
  }

  /** Throws when the input stopped inside a frame. */
  finish(): void {
    if (this.state === W.Magic && this.fill === 0) {
      if (this.frames + this.skippableFrames === 0) throw new FormatError('empty zstd stream', 0);
      return;
    }
    throw new FormatError(`zstd truncated inside the frame starting at ${this.frameStart}`, this.offset);
  }
}

export interface ZstdInflaterOptions {
  /** Decompressed bytes; a fresh buffer per block, never reused by the decoder. */
  onData(chunk: Buffer): void;
  /** Largest frame window accepted (default ZSTD_MAX_WINDOW). */
  maxWindowBytes?: number;
}

interface StreamDecoder {
  push(chunk: Uint8Array, final?: boolean): void;
}
type StreamDecoderClass = new (
  ondata: (data: Uint8Array, final: boolean, checksummed: number) => void,
  onframe: (checksummed: number) => void,
) => StreamDecoder;

/** Synchronous push decompressor for a whole zstd blob (all frames). */
export class ZstdInflater {
  private readonly walker: ZstdFrameWalker;
  private readonly z: StreamDecoder;
  private readonly hash = new Xxh64();
  /** Checksums of finished frames not yet compared with the stored ones. */
  private readonly computed: number[] = [];
  private outBytes = 0;
  private failed: unknown = null;

  constructor(opts: ZstdInflaterOptions) {
    this.walker = new ZstdFrameWalker(opts.maxWindowBytes);
    this.z = new (Decompress as unknown as StreamDecoderClass)(
      (data, _final, checksummed) => {
        if (data.length === 0) return;
        this.outBytes += data.length;
        if (checksummed) this.hash.update(data);
        opts.onData(Buffer.from(data.buffer, data.byteOffset, data.length));
      },
      (checksummed) => {
        if (checksummed) this.computed.push(this.hash.low32());
        this.hash.reset();
      },
    );
  }

  /** Compares every frame checksum both sides have. */
  private verify(): void {
    const stored = this.walker.checksums;
    while (stored.length > 0 && this.computed.length > 0) {
      const s = stored.shift()!;
      const c = this.computed.shift()!;
      if (s.value !== c) {
        throw new FormatError(`zstd frame content checksum mismatch (stored ${hex8(s.value)}, computed ${hex8(c)})`, s.offset);
      }
    }
  }

  write(chunk: Buffer): void {
    if (this.failed !== null) throw this.failed;
    try {
      // Walk first: a bad frame header gets a precise offset before fzstd sees it.
      const at = this.walker.offset;
      this.walker.feed(chunk);
      // fzstd copies what it keeps for the next push (fzstd-stream.ts): chunks are transient.
      this.decode(chunk, false, at);
      this.verify();
    } catch (e) {
      this.failed = e;
      throw e;
    }
  }

  end(): ZstdResult {
    if (this.failed !== null) throw this.failed;
    try {
      this.walker.finish();
      this.decode(new Uint8Array(0), true, this.walker.offset);
      this.verify();
      if (this.walker.checksums.length + this.computed.length > 0) {
        throw new FormatError('zstd frame content checksums do not pair up with the frames', this.walker.offset);
      }
    } catch (e) {
      this.failed = e;
      throw e;
    }
    return {
      frames: this.walker.frames,
      skippableFrames: this.walker.skippableFrames,
      storedBytes: this.walker.offset,
      outBytes: this.outBytes,
    };
  }

  private decode(chunk: Uint8Array, final: boolean, at: number): void {
    try {
      this.z.push(chunk, final);
    } catch (e) {
      if (e instanceof FormatError) throw e;
      throw new FormatError(`corrupt zstd data (${e instanceof Error ? e.message : String(e)})`, at);
    }
  }
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
