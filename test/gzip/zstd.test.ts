import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZstdFrameWalker, ZstdInflater } from '../../src/gzip/zstd.js';
import { sharedFixtures, SKIP_SHARED } from '../helpers/paths.js';
import { split } from '../tar/collect.js';

const zst = (): Buffer => readFileSync(join(sharedFixtures!, 'go-containerregistry/pkg/crane/testdata/content.tar.zst'));

function run(buf: Buffer, chunks: number): { sha: string; frames: number; out: number } {
  const h = createHash('sha256');
  const z = new ZstdInflater({ onData: (c) => h.update(c) });
  for (const c of split(buf, chunks)) z.write(c);
  const r = z.end();
  return { sha: h.digest('hex'), frames: r.frames, out: r.outBytes };
}

test('content.tar.zst decompresses to content.tar (sha256 3610aa52…), any chunking', { skip: SKIP_SHARED }, () => {
  const want = createHash('sha256').update(readFileSync(join(sharedFixtures!, 'go-containerregistry/pkg/v1/tarball/testdata/content.tar'))).digest('hex');
  assert.ok(want.startsWith('3610aa52'));
  for (const n of [1, 5, 64, 1 << 20]) assert.deepEqual(run(zst(), n), { sha: want, frames: 1, out: 10240 });
});

test('frames are counted across concatenated frames and skippable frames', { skip: SKIP_SHARED }, () => {
  const skippable = Buffer.concat([Buffer.from([0x50, 0x2a, 0x4d, 0x18]), Buffer.from([3, 0, 0, 0]), Buffer.from('abc')]);
  const blob = Buffer.concat([zst(), skippable, zst()]);
  const w = new ZstdFrameWalker();
  for (const c of split(blob, 3)) w.feed(c);
  w.finish();
  assert.equal(w.frames, 2);
  assert.equal(w.skippableFrames, 1);
  assert.equal(run(blob, 100).frames, 2);
  assert.equal(run(blob, 100).out, 20480);
});

test('truncated zstd input is a FormatError; garbage after the frame too', { skip: SKIP_SHARED }, () => {
  const b = zst();
  for (const cut of [2, 10, b.length - 1]) {
    assert.throws(() => run(b.subarray(0, cut), 7), (e: Error) => e.name === 'FormatError' && /truncated/.test(e.message), `cut ${cut}`);
  }
  assert.throws(() => run(Buffer.concat([b, Buffer.from('junk')]), 50), /trailing garbage after the last zstd frame/);
  assert.throws(() => run(Buffer.alloc(0), 1), /empty zstd stream/);
});
