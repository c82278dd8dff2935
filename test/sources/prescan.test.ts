// A compressed tar given directly is scanned as a layer in the same pass that finds out whether
// it is an image archive (src/sources/open.ts): a bare `layer.tar.gz` is decompressed once, and
// an image archive is still recognised, whether its archive-only names come first or last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { diffPaths } from '../../src/run/diff.js';
import { lintPaths } from '../../src/run/lint.js';
import { openInput } from '../../src/sources/index.js';
import { decompressStats } from '../../src/sources/decompress.js';
import { isArchiveMemberName } from '../../src/sources/archive-names.js';
import { scanStats } from '../../src/scan/index.js';
import { buildImage, gzip, packTar, sampleLayer, tempDir, type TarEntry } from '../helpers/images.js';

const T = 1_700_000_000;
const files = (n: number, mtime: number): TarEntry[] => [
  { name: 'srv/', type: 'directory', mtime },
  ...Array.from({ length: n }, (_, i): TarEntry => ({ name: `srv/f${i}.txt`, content: `file ${i}\n`.repeat(30), mtime })),
];

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const t = await tempDir();
  try {
    return await fn(t.dir);
  } finally {
    await t.cleanup();
  }
}

test('lint of a gzip bare layer decompresses it once', () => withDir(async (dir) => {
  const p = join(dir, 'layer.tar.gz');
  await writeFile(p, gzip(await packTar(files(50, T))));
  const before = scanStats.decompressions;
  const whole = decompressStats.wholePasses;
  const report = await lintPaths([p], { limits: DEFAULT_LIMITS, epoch: null, owner: { uid: 0, gid: 0 }, ignore: [], failOn: 'warning' });
  assert.equal(scanStats.decompressions - before, 1, 'one scan');
  assert.equal(decompressStats.wholePasses - whole, 0, 'no separate pass to learn it is not an image archive');
  assert.equal(report.inputs[0]!.flavour, 'layer');
}));

test('diff of two gzip bare layers decompresses each once and finds the mtime shift', () => withDir(async (dir) => {
  const a = join(dir, 'a.tar.gz');
  const b = join(dir, 'b.tar.gz');
  await writeFile(a, gzip(await packTar(files(50, T))));
  await writeFile(b, gzip(await packTar(files(50, T + 86400))));
  const before = scanStats.decompressions;
  const whole = decompressStats.wholePasses;
  const report = await diffPaths(a, b, { limits: DEFAULT_LIMITS, ignore: [], failOn: 'warning' });
  assert.equal(scanStats.decompressions - before, 2);
  assert.equal(decompressStats.wholePasses - whole, 0);
  assert.deepEqual(report.findings.map((f) => [f.kind, f.count]), [['entry-mtime', 51]]);
}));

test('a gzip docker-archive whose manifest.json comes last, after ordinary names, is an image', () => withDir(async (dir) => {
  // Nothing hex-shaped up front: the speculative layer scan only gives up at manifest.json.
  const im = await buildImage({ layers: [sampleLayer('app')] });
  const manifest = JSON.stringify([{ Config: 'config/image.json', RepoTags: ['t/app:1'], Layers: ['layers/app.tar'] }]);
  const tar = await packTar([
    { name: 'layers/', type: 'directory' },
    { name: 'layers/app.tar', content: im.layers[0]!.blob },
    { name: 'config/', type: 'directory' },
    { name: 'config/image.json', content: im.config },
    { name: 'manifest.json', content: manifest },
  ]);
  const p = join(dir, 'image.tar.gz');
  await writeFile(p, gzip(tar));
  const input = await openInput(p, { limits: DEFAULT_LIMITS });
  assert.equal(input.flavour, 'docker-archive');
  assert.equal(input.wrapper, 'gzip');
  assert.equal(input.images[0]!.layers.length, 1);
  assert.equal(input.images[0]!.layers[0]!.prescan, undefined);
}));

test('a corrupt gzip bare layer still fails with the indexing pass\'s message', () => withDir(async (dir) => {
  const gz = gzip(await packTar(files(20, T)));
  gz[gz.length - 8] ^= 0xff; // the CRC-32 in the trailer
  const p = join(dir, 'bad.tar.gz');
  await writeFile(p, gz);
  await assert.rejects(openInput(p, { limits: DEFAULT_LIMITS }), /CRC-32 mismatch/);
}));

test('archive member names end the speculative scan; layer paths do not', () => {
  for (const n of ['manifest.json', 'repositories', 'index.json', 'oci-layout', 'blobs', 'blobs/sha256/ab',
    `${'a'.repeat(64)}`, `${'0'.repeat(64)}/layer.tar`, `${'f'.repeat(64)}.json`]) assert.ok(isArchiveMemberName(n), n);
  for (const n of ['etc', 'srv/www/manifest.json', 'blobsy', `${'a'.repeat(63)}/layer.tar`, `${'A'.repeat(64)}/x`, 'usr/lib/index.json']) {
    assert.ok(!isArchiveMemberName(n), n);
  }
});
