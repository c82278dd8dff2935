// Streams a whole compressed input file (a `.tar.gz` / `.tar.zst` image archive or layer)
// decompressed. Used by the compressed-tar container, which re-runs it for every member it opens.
//
// The same strict decoders as the layer scanner (gzip/inflate.ts, gzip/zstd.ts), not
// zlib.createGunzip: Gunzip silently ignores garbage after the last member, and every error
// here names its offset. Output is bounded by limits.maxLayerBytes and, past 64 MiB, by
// limits.maxRatio (a gzip bomb as input).
import { createReadStream } from 'node:fs';
import { InputError, LimitError } from '../errors.js';
import { GzipInflater } from '../gzip/inflate.js';
import { ZstdInflater } from '../gzip/zstd.js';
import { LIMIT_FLAGS, type Limits } from '../model/limits.js';
import { asInputError } from './container.js';

export type Wrapper = 'gzip' | 'zstd';

/** Past this many output bytes the ratio guard applies (the Limits doc says 64 MiB). */
const RATIO_FLOOR = 64 * 1024 * 1024;

/**
 * Compressed bytes handed to the decoder at once. Deflate expands at most ~1032:1, so what one
 * piece can produce before the generator yields it is bounded (~16 MiB), whatever the data.
 */
const PIECE = 16 * 1024;

/** Counters for tests: passes started over a compressed input file (a peek at its head included). */
export const decompressStats = { passes: 0 };

/** Decompressed bytes of `path`. `label` names errors. */
export async function* decompressFile(
  path: string,
  wrapper: Wrapper,
  label: string,
  limits: Limits,
): AsyncGenerator<Buffer> {
  decompressStats.passes++;
  let inBytes = 0;
  let outBytes = 0;
  const out: Buffer[] = [];
  const onData = (chunk: Buffer): void => {
    outBytes += chunk.length;
    if (outBytes > limits.maxLayerBytes) {
      const f = LIMIT_FLAGS.maxLayerBytes;
      throw new LimitError(label, f.name, f.flag, limits.maxLayerBytes);
    }
    if (outBytes > RATIO_FLOOR && outBytes > inBytes * limits.maxRatio) {
      const f = LIMIT_FLAGS.maxRatio;
      throw new LimitError(label, f.name, f.flag, limits.maxRatio);
    }
    out.push(chunk);
  };
  const gz = wrapper === 'gzip' ? new GzipInflater({ onData, maxHeaderBytes: limits.maxHeaderBytes }) : null;
  const zs = wrapper === 'zstd' ? new ZstdInflater({ onData }) : null;
  const src = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of src as AsyncIterable<Buffer>) {
      for (let p = 0; p < chunk.length; p += PIECE) {
        const piece = chunk.subarray(p, p + PIECE);
        inBytes += piece.length;
        if (gz) await gz.write(piece);
        else zs!.write(piece);
        for (let i = 0; i < out.length; i++) yield out[i]!;
        out.length = 0;
      }
    }
    if (gz) await gz.end();
    else zs!.end();
    for (let i = 0; i < out.length; i++) yield out[i]!;
    out.length = 0;
  } catch (err) {
    throw wrapError(label, err);
  } finally {
    src.destroy();
    gz?.abort();
  }
}

function wrapError(label: string, err: unknown): unknown {
  if (err instanceof InputError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && e.code.startsWith('E') && e.syscall) {
    return new InputError(label, `cannot read: ${e.code}`);
  }
  return asInputError(label, err);
}
