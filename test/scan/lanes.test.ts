// Scans on the scan thread (src/scan/lanes.ts) must be indistinguishable from scans here: the
// same LayerScan field for field and entry for entry, the same error for bad bytes, and every
// byte counted for the progress bar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { LayerScan } from '../../src/model/types.js';
import { laneStats, scanLayer, scanOnLane, setScanThreads, type LaneJob } from '../../src/scan/index.js';
import { gzip, packTar, tempDir, zstdStored, type TarEntry } from '../helpers/images.js';

const T = 1_700_000_000;
const entries: TarEntry[] = [
  { name: 'app/', type: 'directory', mtime: T },
  ...Array.from({ length: 300 }, (_, i): TarEntry => ({
    name: `app/f${i}.txt`, content: `line ${i}\n`.repeat(i % 7 === 0 ? 3000 : 5), mtime: T + i, uid: i % 3, uname: `u${i % 3}`,
  })),
  { name: 'app/link', type: 'symlink', linkname: 'f1.txt', mtime: T },
  { name: 'app/hard', type: 'link', linkname: 'app/f2.txt', mtime: T },
  { name: 'app/\u00e9t\u00e9.txt', content: 'unicode\n', mtime: T },
];

function job(path: string, extra: Partial<LaneJob> = {}): LaneJob {
  return {
    open: async () => createReadStream(path),
    range: { path, start: 0, length: null },
    limits: DEFAULT_LIMITS,
    entries: true,
    ...extra,
  };
}

/** A plain object of everything a scan says, entries included. */
const plain = (s: LayerScan | null) => (s === null ? null : { ...s, entries: s.entries.map((e) => ({ ...e })) });

async function withFiles<R>(fn: (paths: Record<string, string>) => Promise<R>): Promise<R> {
  const t = await tempDir();
  try {
    const tar = await packTar(entries);
    const paths = { plain: join(t.dir, 'l.tar'), gzip: join(t.dir, 'l.tar.gz'), zstd: join(t.dir, 'l.tar.zst') };
    await writeFile(paths.plain, tar);
    await writeFile(paths.gzip, gzip(tar));
    await writeFile(paths.zstd, zstdStored(tar));
    return await fn(paths);
  } finally {
    await t.cleanup();
  }
}

test('a scan on the thread equals the scan here, for plain, gzip and zstd layers', () => withFiles(async (paths) => {
  for (const [name, p] of Object.entries(paths)) {
    const here = await scanLayer(async () => createReadStream(p), { limits: DEFAULT_LIMITS });
    for (const full of [true, false]) {
      const before = { ...laneStats };
      // Two at once: the first takes this thread, the second the scan thread.
      const [a, b] = await Promise.all([scanOnLane(job(p, { entries: full })), scanOnLane(job(p, { entries: full }))]);
      assert.equal(laneStats.thread - before.thread, 1, `${name}: one job ran on the thread`);
      const expect = full ? plain(here) : plain(await scanLayer(async () => createReadStream(p), { limits: DEFAULT_LIMITS, entries: false }));
      assert.deepEqual(plain(a), expect, `${name}, entries ${full}: here`);
      assert.deepEqual(plain(b), expect, `${name}, entries ${full}: thread`);
      assert.deepEqual(Object.keys(b!), Object.keys(here), 'same key order');
    }
  }
}));

test('the thread counts every byte it reads', () => withFiles(async (paths) => {
  const counts = [0, 0];
  const [a, b] = await Promise.all([
    scanOnLane(job(paths.gzip, { onRead: (n) => { counts[0]! += n; } })),
    scanOnLane(job(paths.gzip, { onRead: (n) => { counts[1]! += n; } })),
  ]);
  // The job here reads through open() (which the progress tracker wraps), the thread's reports.
  assert.deepEqual(counts, [0, b!.storedSize]);
  assert.equal(a!.storedSize, b!.storedSize);
}));

test('a speculative scan gives up at an image-archive name on either lane', () => withFiles(async (paths) => {
  const t = await tempDir();
  try {
    const p = join(t.dir, 'archive.tar.gz');
    await writeFile(p, gzip(await packTar([...entries.slice(0, 5), { name: 'manifest.json', content: '[]' }])));
    const r = await Promise.all([scanOnLane(job(p, { speculative: true })), scanOnLane(job(p, { speculative: true }))]);
    assert.deepEqual(r, [null, null]);
    const layer = await Promise.all([scanOnLane(job(paths.gzip, { speculative: true })), scanOnLane(job(paths.gzip, { speculative: true }))]);
    assert.equal(layer[0]!.entries.length, entries.length);
    assert.deepEqual(plain(layer[1]), plain(layer[0]));
  } finally {
    await t.cleanup();
  }
}));

test('bad bytes on the thread fail with the same error as here', () => withFiles(async (paths) => {
  const t = await tempDir();
  try {
    const gz = gzip(await packTar(entries));
    gz[gz.length - 8] ^= 0xff;
    const p = join(t.dir, 'bad.tar.gz');
    await writeFile(p, gz);
    const here = await scanLayer(async () => createReadStream(p), { limits: DEFAULT_LIMITS }).then(() => null, (e: Error) => e);
    assert.ok(here instanceof Error);
    const r = await Promise.allSettled([scanOnLane(job(p)), scanOnLane(job(p))]);
    for (const x of r) {
      assert.equal(x.status, 'rejected');
      const e = (x as PromiseRejectedResult).reason as Error;
      assert.equal(e.constructor, here.constructor);
      assert.equal(e.message, here.message);
    }
    void paths;
  } finally {
    await t.cleanup();
  }
}));

test('setScanThreads(0) keeps every scan on this thread; a job without a range never leaves it', () => withFiles(async (paths) => {
  setScanThreads(0);
  try {
    const before = { ...laneStats };
    await Promise.all([scanOnLane(job(paths.plain)), scanOnLane(job(paths.gzip))]);
    assert.deepEqual([laneStats.here - before.here, laneStats.thread - before.thread], [2, 0]);
  } finally {
    setScanThreads(1);
  }
  const before = { ...laneStats };
  const { range: _r, ...noRange } = job(paths.gzip);
  await Promise.all([scanOnLane(noRange), scanOnLane({ ...noRange })]);
  assert.deepEqual([laneStats.here - before.here, laneStats.thread - before.thread], [2, 0]);
}));
