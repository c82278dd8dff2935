// A compressed tar given directly is scanned as a layer in the same pass that finds out whether
// it is an image archive (src/sources/open.ts): a bare `layer.tar.gz` is decompressed once, and
// an image archive is still recognised, whether its archive-only names come first or last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { diffPaths } from '../../src/run/diff.js';
import { lintPaths } from '../../src/run/lint.js';
import { openInput } from '../../src/sources/index.js';
import { decompressStats } from '../../src/sources/decompress.js';
import { isArchiveMemberName } from '../../src/sources/archive-names.js';
import { scanStats } from '../../src/scan/index.js';
import { buildImage, gzip, packTar, sampleLayer, tempDir, writeDockerArchive, type TarEntry } from '../helpers/images.js';

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
  const passes = decompressStats.passes;
  const report = await lintPaths([p], { limits: DEFAULT_LIMITS, epoch: null, owner: { uid: 0, gid: 0 }, ignore: [], failOn: 'warning' });
  assert.equal(scanStats.decompressions - before, 1, 'one scan');
  assert.equal(decompressStats.passes - passes, 1, 'a peek at its head, no pass to learn it is not an image archive');
  assert.equal(report.inputs[0]!.flavour, 'layer');
}));

test('diff of two gzip bare layers decompresses each once and finds the mtime shift', () => withDir(async (dir) => {
  const a = join(dir, 'a.tar.gz');
  const b = join(dir, 'b.tar.gz');
  await writeFile(a, gzip(await packTar(files(50, T))));
  await writeFile(b, gzip(await packTar(files(50, T + 86400))));
  const before = scanStats.decompressions;
  const passes = decompressStats.passes;
  const report = await diffPaths(a, b, { limits: DEFAULT_LIMITS, ignore: [], failOn: 'warning' });
  assert.equal(scanStats.decompressions - before, 2);
  assert.equal(decompressStats.passes - passes, 2, 'a peek at each head');
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
  // Its layer was scanned in the indexing pass, not as a bare layer.
  assert.equal(input.images[0]!.layers[0]!.prescan?.entries.length, sampleLayer('app').entries.length);
}));

test('a gzip-wrapped docker archive is decompressed once however many layers it has, with the plain tar\'s findings', () => withDir(async (dir) => {
  const layers = [0, 1, 2, 3].map((i) => ({
    compression: (i % 2 === 0 ? 'gzip' : 'none') as 'gzip' | 'none',
    entries: [{ name: `l${i}/`, type: 'directory' as const, mtime: T + i }, ...files(10, T + 100 * i).slice(1).map((e) => ({ ...e, name: `l${i}/${e.name}` }))],
  }));
  const plain = await writeDockerArchive(dir, 'image.tar', [{ layers, tags: ['t/app:1'] }], { style: 'docker' });
  const gz = join(dir, 'image.tar.gz');
  await writeFile(gz, gzip(await readFile(plain)));
  const opts = { limits: DEFAULT_LIMITS, epoch: null, owner: { uid: 0, gid: 0 }, ignore: [], failOn: 'warning' as const };
  const passes = decompressStats.passes;
  const before = scanStats.decompressions;
  const r = await lintPaths([gz], opts);
  assert.equal(decompressStats.passes - passes, 2, 'a peek at its head, then one pass (it was one more per layer)');
  // Each gzip layer inflated once, in that pass; the third is the speculative bare-layer scan of
  // the archive itself, given up at its first member name.
  assert.equal(scanStats.decompressions - before, 3);
  const p = await lintPaths([plain], opts);
  const strip = (x: typeof r) => x.findings.map((f) => JSON.stringify({ ...f, input: undefined }));
  assert.deepEqual(strip(r), strip(p));
  assert.ok(r.findings.length > 0, 'the images have findings to compare');
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

test('a corrupt layer inside a gzip-wrapped archive fails as it does in the plain archive', () => withDir(async (dir) => {
  // The inline scan of the bad layer fails and is forgotten; the layer is then read with
  // open(), which reports the error exactly as for the uncompressed archive.
  const layers = [{ compression: 'gzip' as const, entries: files(20, T) }];
  const plain = await writeDockerArchive(dir, 'image.tar', [{ layers, tags: ['t/app:1'] }], { style: 'docker' });
  const bytes = await readFile(plain);
  const gzAt = bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08]));
  assert.ok(gzAt > 0);
  bytes[gzAt + 40] ^= 0xff; // inside the layer's deflate data
  await writeFile(plain, bytes);
  const gz = join(dir, 'image.tar.gz');
  await writeFile(gz, gzip(bytes));
  const opts = { limits: DEFAULT_LIMITS, epoch: null, owner: { uid: 0, gid: 0 }, ignore: [], failOn: 'warning' as const };
  const plainErr = await lintPaths([plain], opts).then(() => null, (e: Error) => e);
  const gzErr = await lintPaths([gz], opts).then(() => null, (e: Error) => e);
  assert.ok(plainErr instanceof Error, 'the corruption is caught');
  assert.ok(gzErr instanceof Error);
  assert.equal(gzErr.constructor, plainErr.constructor);
  assert.equal(gzErr.message.replace(gz, 'X'), plainErr.message.replace(plain, 'X'));
}));
