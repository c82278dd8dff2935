// Properties of the small codecs repcheck implements itself (fixed seed, REPCHECK_PROPERTY_RUNS):
// XXH64 (WebAssembly and JS loops) against an independent BigInt oracle, under any chunking;
// zstd frames with content checksums round-trip; the two escapers agree on any string.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Xxh64, xxh64UsesWasm } from '../../src/gzip/xxh64.js';
import { ZstdInflater } from '../../src/gzip/zstd.js';
import { printable } from '../../src/io/printable.js';
import { safeText } from '../../src/render/escape.js';
import { surrogateEscape } from '../../src/tar/text.js';
import { pathBytes } from '../../src/tar/path.js';
import { xxh64Reference, zstdFrame } from '../bad-input/build.js';
import { RUNS, SEED } from './properties.js';

const opts = { seed: SEED, numRuns: RUNS };

/** `data` cut at the given points (any chunking a stream could produce). */
function chunks(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const c of [...at, data.length]) {
    out.push(data.subarray(prev, c));
    prev = c;
  }
  return out;
}

describe(`property: codecs (seed ${SEED}, ${RUNS} runs)`, () => {
  it('XXH64: WebAssembly loop, JS loop and the BigInt oracle agree, any chunking', () => {
    assert.ok(xxh64UsesWasm, 'Node has WebAssembly');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 8 }), (data, cuts) => {
      const want = xxh64Reference(Buffer.from(data));
      for (const wasm of [true, false]) {
        const h = new Xxh64({ wasm });
        for (const c of chunks(data, cuts)) h.update(c);
        assert.equal(h.digest(), want, `wasm=${wasm}`);
      }
    }), opts);
  });

  it('XXH64: known answers', () => {
    const h = new Xxh64();
    assert.equal(h.digest(), 0xef46db3751d8e999n); // XXH64("", 0), the spec's test vector
    h.update(Buffer.from('a'));
    assert.equal(h.digest(), xxh64Reference(Buffer.from('a')));
  });

  it('zstd: frames with a content checksum round-trip; any flipped content byte is caught', () => {
    fc.assert(fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 4000 }), fc.integer({ min: 1, max: 2000 }), fc.array(fc.nat(), { maxLength: 6 }), fc.nat(),
      (data, blockSize, cuts, flipAt) => {
        const frame = zstdFrame(Buffer.from(data), { checksum: true, blockSize });
        const out: Buffer[] = [];
        const z = new ZstdInflater({ onData: (c) => out.push(Buffer.from(c)) });
        for (const c of chunks(frame, cuts)) z.write(Buffer.from(c));
        z.end();
        assert.deepEqual(Buffer.concat(out), Buffer.from(data));
        // Raw blocks store content as is: flip one content byte (skip the 6-byte frame header,
        // block headers are every blockSize + 3 bytes after it).
        const i = flipAt % data.length;
        const pos = 6 + Math.floor(i / blockSize) * (blockSize + 3) + 3 + (i % blockSize);
        const bad = Buffer.from(frame);
        bad[pos] = bad[pos]! ^ 0x01;
        const z2 = new ZstdInflater({ onData: () => {} });
        assert.throws(() => {
          z2.write(bad);
          z2.end();
        }, /zstd frame content checksum mismatch/);
      },
    ), opts);
  });

  it('escapers: io/printable equals render/escape safeText on any string, and is idempotent', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()), (s) => {
      assert.equal(printable(s), safeText(s));
      assert.equal(printable(printable(s)), printable(s));
      assert.doesNotMatch(printable(s), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u);
    }), opts);
  });

  it('surrogateEscape: lossless for any bytes (pathBytes inverts it); UTF-8 stays UTF-8', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.string().map((s) => new Uint8Array(Buffer.from(s)))), (b) => {
      const s = surrogateEscape(b);
      assert.deepEqual(pathBytes(s), Buffer.from(b));
    }), opts);
  });
});
