// The streaming tar walker: a push parser fed chunks of any size (one byte at a time works).
// Entry data is passed on as slices of the input chunks, never copied or buffered; only header
// blocks split across chunks and PAX / long-name bodies are copied.
import { FormatError } from '../errors.js';
import type { Limits } from '../model/limits.js';
import { BLOCK, padding, type TarEnd, type TarHeader } from './header.js';
import { TarHeaderDecoder, tarEnd, type BlockResult } from './decoder.js';
import { firstNonZero } from '../io/zero.js';

export type { TarEnd, TarHeader } from './header.js';

export interface TarParserOptions {
  limits: Limits;
  onEntry(h: TarHeader): void;
  onData(chunk: Buffer): void;
  onEntryEnd(): void;
}

const enum Mode { Header, Meta, Data, Pad, Trailing }

export class TarParser {
  private readonly opts: TarParserOptions;
  private readonly decoder: TarHeaderDecoder;
  private mode = Mode.Header;
  /** Stream offset of the next byte to be consumed. */
  private offset = 0;
  private readonly hdr = Buffer.alloc(BLOCK);
  private hdrFill = 0;
  private remaining = 0;
  private pad = 0;
  /** The padding being skipped follows entry data (not an extended header). */
  private padAfterData = false;
  private metaBuf: Buffer = Buffer.alloc(0);
  private metaFill = 0;
  private endOffset = 0;
  private trailingFirstNonZero = -1;
  private failed: unknown = null;

  constructor(opts: TarParserOptions) {
    this.opts = opts;
    this.decoder = new TarHeaderDecoder(opts.limits);
  }

  /** Real entries seen so far. */
  get entries(): number {
    return this.decoder.entries;
  }

  write(chunk: Buffer): void {
    if (this.failed !== null) throw this.failed;
    try {
      this.consume(chunk);
    } catch (e) {
      this.failed = e;
      throw e;
    }
  }

  private consume(chunk: Buffer): void {
    const n = chunk.length;
    let pos = 0;
    while (pos < n) {
      switch (this.mode) {
        case Mode.Data: {
          const k = Math.min(this.remaining, n - pos);
          // Advance before calling out, so a throwing callback leaves a consistent offset.
          this.remaining -= k;
          this.offset += k;
          this.opts.onData(pos === 0 && k === n ? chunk : chunk.subarray(pos, pos + k));
          pos += k;
          if (this.remaining === 0) {
            this.mode = this.pad > 0 ? Mode.Pad : Mode.Header;
            this.opts.onEntryEnd();
          }
          break;
        }
        case Mode.Header: {
          if (this.hdrFill === 0 && n - pos >= BLOCK) {
            const at = this.offset;
            this.offset += BLOCK;
            pos += BLOCK;
            this.onBlock(chunk, pos - BLOCK, at);
          } else {
            const k = Math.min(BLOCK - this.hdrFill, n - pos);
            chunk.copy(this.hdr, this.hdrFill, pos, pos + k);
            this.hdrFill += k;
            this.offset += k;
            pos += k;
            if (this.hdrFill === BLOCK) {
              this.hdrFill = 0;
              this.onBlock(this.hdr, 0, this.offset - BLOCK);
            }
          }
          break;
        }
        case Mode.Pad: {
          const k = Math.min(this.pad, n - pos);
          this.pad -= k;
          this.offset += k;
          pos += k;
          if (this.pad === 0) this.mode = Mode.Header;
          break;
        }
        case Mode.Meta: {
          const k = Math.min(this.metaBuf.length - this.metaFill, n - pos);
          chunk.copy(this.metaBuf, this.metaFill, pos, pos + k);
          this.metaFill += k;
          this.offset += k;
          pos += k;
          if (this.metaFill === this.metaBuf.length) this.metaDone();
          break;
        }
        case Mode.Trailing: {
          if (this.trailingFirstNonZero < 0) {
            const i = firstNonZero(chunk, pos, n);
            if (i >= 0) this.trailingFirstNonZero = this.offset + (i - pos);
          }
          this.offset += n - pos;
          pos = n;
          break;
        }
      }
    }
  }

  private onBlock(buf: Buffer, pos: number, at: number): void {
    const r: BlockResult = this.decoder.block(buf, pos, at);
    switch (r.kind) {
      case 'zero':
        return;
      case 'end':
        this.mode = Mode.Trailing;
        this.endOffset = at + BLOCK;
        return;
      case 'meta':
        this.padAfterData = false;
        this.metaBuf = Buffer.allocUnsafe(r.size);
        this.metaFill = 0;
        this.pad = padding(r.size);
        this.mode = Mode.Meta;
        if (r.size === 0) this.metaDone();
        return;
      case 'entry':
        this.opts.onEntry(r.header);
        if (r.dataSize > 0) {
          this.remaining = r.dataSize;
          this.pad = padding(r.dataSize);
          this.padAfterData = true;
          this.mode = Mode.Data;
        } else {
          this.opts.onEntryEnd();
        }
        return;
    }
  }

  private metaDone(): void {
    const body = this.metaBuf;
    this.metaBuf = Buffer.alloc(0);
    this.mode = this.pad > 0 ? Mode.Pad : Mode.Header;
    this.decoder.meta(body);
  }

  /**
   * Declares the end of input. A missing end marker is not an error (`endMarker: false`);
   * input that stops inside a header, an extended header or entry data is.
   */
  end(): TarEnd {
    if (this.failed !== null) throw this.failed;
    const at = this.offset;
    switch (this.mode) {
      case Mode.Trailing:
        return tarEnd(true, this.endOffset, at, this.trailingFirstNonZero);
      case Mode.Header:
        if (this.hdrFill > 0) throw this.fail(new FormatError('tar truncated inside a header block', at - this.hdrFill));
        try {
          this.decoder.finish(at);
        } catch (e) {
          throw this.fail(e);
        }
        return tarEnd(false, at, at, -1);
      case Mode.Data:
        throw this.fail(new FormatError(`tar truncated inside entry data (${this.remaining} bytes missing)`, at));
      case Mode.Meta:
        throw this.fail(new FormatError('tar truncated inside an extended header', at));
      case Mode.Pad:
        // After an extended header the entry it announces is missing: truncated. After entry
        // data, every byte of content is there; only padding and end marker are missing.
        if (!this.padAfterData) throw this.fail(new FormatError('tar truncated inside the padding after an extended header', at));
        return { ...tarEnd(false, at, at, -1), truncatedPadding: true };
    }
  }

  private fail(e: unknown): unknown {
    this.failed = e;
    return e;
  }
}
