// Transient reads (src/io/read.ts): chunks that are views of two buffers used in turn, and the
// layer scan that must copy whatever it keeps across chunks (sniffed bytes, fzstd's input).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { READ_CHUNK, readRange, readWhole } from '../../src/io/read.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { scanLayer } from '../../src/scan/index.js';
import { zstdFrame } from '../bad-input/build.js';
import { makeTar } from '../helpers/tar-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'repcheck-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes that differ from chunk to chunk (a chunk mixed up with another shows). */
function pattern(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + (i >> 11)) & 0xff;
  return b;
}

function file(name: string, data: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

async function copyAll(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

test('transient reads give the bytes plain reads give: whole files and ranges across chunks', async () => {
  const data = pattern(3 * READ_CHUNK + 1234);
  const p = file('whole', data);
  assert.ok((await copyAll(readWhole(p, { transient: true }))).equals(data));
  for (const [start, length] of [[0, data.length], [5, READ_CHUNK], [READ_CHUNK - 3, 2 * READ_CHUNK + 10], [100, 0], [data.length - 1, 1]] as const) {
    const got = await copyAll(readRange(p, start, length, { transient: true }));
    assert.ok(got.equals(data.subarray(start, start + length)), `range ${start}+${length}`);
    assert.ok(got.equals(await copyAll(readRange(p, start, length))), `range ${start}+${length}, plain`);
  }
});

test('transient chunks are views of two buffers used in turn', async () => {
  const data = pattern(4 * READ_CHUNK);
  const buffers = new Set<ArrayBufferLike>();
  let first: Buffer | null = null;
  let n = 0;
  for await (const c of readWhole(file('turns', data), { transient: true })) {
    buffers.add(c.buffer);
    first ??= c;
    n++;
    // The third chunk went into the first chunk's buffer.
    if (n === 3) assert.ok(first.equals(data.subarray(2 * READ_CHUNK, 3 * READ_CHUNK)));
  }
  assert.equal(n, 4);
  assert.equal(buffers.size, 2);
});

test('a reader that stops early leaves no file open', async () => {
  const p = file('early', pattern(3 * READ_CHUNK));
  const fds = () => readdirSync('/proc/self/fd').length;
  const before = fds();
  for (let i = 0; i < 5; i++) for await (const _ of readWhole(p, { transient: true })) break;
  assert.equal(fds(), before);
});

/** A source harsher than the file reader: every chunk is a view of one and the same buffer. */
function oneBuffer(data: Buffer, size: number): () => Promise<AsyncIterable<Buffer>> {
  return async () => (async function* () {
    const buf = Buffer.alloc(size);
    for (let at = 0; at < data.length; at += size) {
      const n = data.copy(buf, 0, at, Math.min(data.length, at + size));
      yield buf.subarray(0, n);
      buf.fill(0xee);
    }
  })();
}

test('a layer scan of transient chunks equals a scan of fresh ones: tar, gzip, zstd, tiny chunks', async () => {
  const entries = [];
  for (let i = 0; i < 40; i++) entries.push({ name: `d/f${i}`, content: pattern(20_000 + i * 997).subarray(i) });
  const tar = makeTar(entries);
  const blobs = { tar, gzip: gzipSync(tar), zstd: zstdFrame(tar, { checksum: true }) };
  for (const [what, blob] of Object.entries(blobs)) {
    const want = await scanLayer(async () => (async function* () { yield Buffer.from(blob); })(), { limits: DEFAULT_LIMITS });
    const p = file(`layer-${what}`, blob);
    for (const [how, open] of [
      ['file reader', async () => readWhole(p, { transient: true })],
      ['one buffer, 3-byte chunks', oneBuffer(blob, 3)],
      ['one buffer, 70,001-byte chunks', oneBuffer(blob, 70_001)],
    ] as const) {
      const got = await scanLayer(open, { limits: DEFAULT_LIMITS });
      assert.equal(got.storedDigest, want.storedDigest, `${what}, ${how}: stored digest`);
      assert.equal(got.diffId, want.diffId, `${what}, ${how}: diffID`);
      assert.deepEqual(got.entries, want.entries, `${what}, ${how}: entries`);
    }
  }
});
