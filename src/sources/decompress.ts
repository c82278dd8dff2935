// Streams a whole compressed input file (a `.tar.gz` / `.tar.zst` image archive or layer)
// decompressed. Used by the compressed-tar container, which re-runs it for every member it opens.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { InputError, LimitError } from '../errors.js';
import { LIMIT_FLAGS, type Limits } from '../model/limits.js';

export type Wrapper = 'gzip' | 'zstd';

/** Past this many output bytes the ratio guard applies (the Limits doc says 64 MiB). */
const RATIO_FLOOR = 64 * 1024 * 1024;

/**
 * Decompressed bytes of `path`. `label` names errors. The output is bounded by
 * `limits.maxLayerBytes` and, past 64 MiB, by `limits.maxRatio` (a gzip bomb as input).
 */
export async function* decompressFile(
  path: string,
  wrapper: Wrapper,
  label: string,
  limits: Limits,
): AsyncGenerator<Buffer> {
  let inBytes = 0;
  let outBytes = 0;
  const check = (n: number): void => {
    outBytes += n;
    if (outBytes > limits.maxLayerBytes) {
      const f = LIMIT_FLAGS.maxLayerBytes;
      throw new LimitError(label, f.name, f.flag, limits.maxLayerBytes);
    }
    if (outBytes > RATIO_FLOOR && outBytes > inBytes * limits.maxRatio) {
      const f = LIMIT_FLAGS.maxRatio;
      throw new LimitError(label, f.name, f.flag, limits.maxRatio);
    }
  };
  const src = createReadStream(path);
  if (wrapper === 'gzip') {
    const gz = createGunzip();
    src.on('data', (c: Buffer | string) => (inBytes += c.length));
    src.on('error', (e) => gz.destroy(e));
    src.pipe(gz);
    try {
      for await (const chunk of gz as AsyncIterable<Buffer>) {
        check(chunk.length);
        yield chunk;
      }
    } catch (err) {
      throw wrapCodecError(label, 'gzip', err);
    } finally {
      src.destroy();
      gz.destroy();
    }
    return;
  }
  // zstd: fzstd is a push decoder; its output chunks may alias its window, so copy them.
  const out: Buffer[] = [];
  const z = new Decompress((data) => {
    out.push(Buffer.from(data));
  });
  try {
    for await (const chunk of src as AsyncIterable<Buffer>) {
      inBytes += chunk.length;
      z.push(chunk);
      while (out.length) {
        const b = out.shift()!;
        check(b.length);
        yield b;
      }
    }
    z.push(new Uint8Array(0), true);
    while (out.length) {
      const b = out.shift()!;
      check(b.length);
      yield b;
    }
  } catch (err) {
    throw wrapCodecError(label, 'zstd', err);
  } finally {
    src.destroy();
  }
}

function wrapCodecError(label: string, codec: Wrapper, err: unknown): unknown {
  if (err instanceof InputError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && e.code.startsWith('E') && e.syscall) {
    return new InputError(label, `cannot read: ${e.code}`);
  }
  const msg = e instanceof Error ? e.message : String(err);
  return new InputError(label, `corrupt ${codec} data (${msg})`);
}
