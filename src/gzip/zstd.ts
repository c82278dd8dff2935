// Streaming zstd decompression with fzstd (pure JS), plus a frame walker over the compressed
// bytes (RFC 8878 §3.1) that counts frames and notices truncation without decompressing:
// frame and block headers carry their sizes, so the walk skips block contents.
// fzstd does not verify the optional XXH64 content checksum; the walker only skips it.
import { Decompress } from 'fzstd';
import { FormatError } from '../errors.js';

export interface ZstdResult {
  /** zstd frames (skippable frames not included). */
  frames: number;
  skippableFrames: number;
  storedBytes: number;
  outBytes: number;
}

const enum W { Magic, SkipSize, Skip, Fhd, HeaderRest, BlockHeader, BlockBody, Checksum }

/** Walks frame structure; feed() throws FormatError on bad magic / reserved bits. */
export class ZstdFrameWalker {
  private state = W.Magic;
  private need = 4;
  private small = Buffer.alloc(16);
  private fill = 0;
  private skip = 0;
  private checksum = false;
  private frameStart = 0;
  offset = 0;
  frames = 0;
  skippableFrames = 0;

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
        const rest = (single ? 0 : 1) + did + fcs;
        if (rest > 0) {
          this.state = W.HeaderRest;
          this.need = rest;
        } else {
          this.state = W.BlockHeader;
          this.need = 3;
        }
        return;
      }
      case W.HeaderRest:
        this.state = W.BlockHeader;
        this.need = 3;
        return;
      case W.BlockHeader: {
        const h = b[0]! | (b[1]! << 8) | (b[2]! << 16);
        const last = (h & 1) !== 0;
        const type = (h >> 1) & 3;
        const size = h >>> 3;
        if (type === 3) throw new FormatError('reserved zstd block type', at);
        this.skip = type === 1 ? 1 : size;
        this.afterBlock = last ? (this.checksum ? W.Checksum : W.Magic) : W.BlockHeader;
        if (this.skip > 0) this.state = W.BlockBody;
        else this.enter(this.afterBlock);
        return;
      }
      case W.Checksum:
        this.state = W.Magic;
        this.need = 4;
        return;
    }
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
  /** Decompressed bytes; the buffer may alias fzstd's window: use it before returning. */
  onData(chunk: Buffer): void;
}

/** Synchronous push decompressor for a whole zstd blob (all frames). */
export class ZstdInflater {
  private readonly walker = new ZstdFrameWalker();
  private readonly z: Decompress;
  private outBytes = 0;
  private failed: unknown = null;

  constructor(opts: ZstdInflaterOptions) {
    this.z = new Decompress((data) => {
      if (data.length === 0) return;
      this.outBytes += data.length;
      opts.onData(Buffer.from(data.buffer, data.byteOffset, data.length));
    });
  }

  write(chunk: Buffer): void {
    if (this.failed !== null) throw this.failed;
    try {
      // Walk first: a bad frame header gets a precise offset before fzstd sees it.
      const at = this.walker.offset;
      this.walker.feed(chunk);
      this.decode(chunk, false, at);
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
