// scanLayer: one pass from stored bytes to digests, compression facts and EntryRecords.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { LayerScan } from '../../src/model/types.js';
import { scanLayer, scanStats } from '../../src/scan/index.js';
import { readRange } from '../../src/io/read.js';
import { indexTarFile } from '../../src/tar/index-file.js';
import { gzipWithHeader, multiMember } from '../helpers/gzip-writer.js';
import { sharedFixtures, SKIP_SHARED } from '../helpers/paths.js';
import { makeTar } from '../helpers/tar-writer.js';
import { split } from '../tar/collect.js';

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const fromBuffer = (b: Buffer, chunk = 65536) => async (): Promise<AsyncIterable<Buffer>> => (async function* () { yield* split(b, chunk); })();
const fromFile = (p: string) => async (): Promise<AsyncIterable<Buffer>> => createReadStream(p);
const scan = (b: Buffer, chunk?: number, entries = true): Promise<LayerScan> => scanLayer(fromBuffer(b, chunk), { limits: DEFAULT_LIMITS, entries });
const shared = (rel: string): string => join(sharedFixtures!, rel);

/** tar-stream as an independent oracle for names and content hashes. */
async function oracle(tar: Buffer): Promise<{ name: string; sha: string | null }[]> {
  const ex = tarStream.extract({ allowUnknownFormat: true } as never);
  const out: { name: string; sha: string | null }[] = [];
  ex.on('entry', (h, s, next) => {
    const parts: Buffer[] = [];
    s.on('data', (c: unknown) => void parts.push(c as Buffer));
    s.on('end', () => {
      out.push({ name: h.name, sha: h.type === 'file' || h.type === 'contiguous-file' ? sha(Buffer.concat(parts)) : null });
      next();
    });
  });
  const done = new Promise<void>((res, rej) => { ex.on('finish', () => res()); ex.on('error', rej); });
  ex.end(tar);
  await done;
  return out;
}

const tar = makeTar([
  { name: './', type: 'dir', mtime: 10 },
  { name: './bin/', type: 'dir' },
  { name: './bin/sh', content: '#!/bin/sh\n', mode: 0o755, uid: 0, gid: 0, uname: 'root', gname: 'root', mtime: 100 },
  { name: './bin/ash', type: 'hardlink', linkname: './bin/sh' },
  { name: 'bin/link', type: 'symlink', linkname: './sh' },
  { name: 'empty' },
  { name: 'x', content: 'xx', pax: { mtime: '1.5', atime: '2', 'SCHILY.xattr.user.b': 'B', 'SCHILY.xattr.user.a': 'A', 'LIBARCHIVE.xattr.user.c': 'Qw==', uid: '7', comment: 'hi' } },
], { padTo: 10240 });

test('EntryRecords: index, canonical and raw path, link targets, folded/residual PAX, xattrs, content sha256', async () => {
  const s = await scan(tar);
  assert.equal(s.compression, 'none');
  assert.equal(s.storedDigest, `sha256:${sha(tar)}`);
  assert.equal(s.diffId, s.storedDigest);
  assert.equal(s.tarSize, tar.length);
  assert.equal(s.storedSize, tar.length);
  assert.equal(s.missingEndMarker, false);
  assert.equal(s.trailingBytes, 0);
  const e = s.entries;
  assert.deepEqual(e.map((r) => [r.index, r.path, r.rawPath, r.type]), [
    [0, '.', './', 'dir'], [1, 'bin', './bin/', 'dir'], [2, 'bin/sh', './bin/sh', 'file'], [3, 'bin/ash', './bin/ash', 'hardlink'],
    [4, 'bin/link', 'bin/link', 'symlink'], [5, 'empty', 'empty', 'file'], [6, 'x', 'x', 'file'],
  ]);
  assert.equal(e[3]!.linkTarget, 'bin/sh'); // hardlink: canonicalised
  assert.equal(e[4]!.linkTarget, './sh'); // symlink: as stored
  assert.equal(e[2]!.linkTarget, null);
  assert.equal(e[2]!.sha256, sha('#!/bin/sh\n'));
  assert.equal(e[2]!.mode, 0o755);
  assert.equal(e[2]!.uname, 'root');
  assert.equal(e[5]!.sha256, sha(''));
  assert.equal(e[0]!.sha256, null);
  assert.equal(e[3]!.sha256, null);
  const x = e[6]!;
  assert.equal(x.mtime, 1.5);
  assert.equal(x.uid, 7);
  assert.equal(x.format, 'pax');
  assert.deepEqual(x.pax, { atime: '2', comment: 'hi' });
  assert.deepEqual(Object.keys(x.pax), ['atime', 'comment']);
  assert.deepEqual(x.xattrs, { 'user.a': 'A', 'user.b': 'B', 'user.c': 'C' });
  assert.deepEqual(Object.keys(x.xattrs), ['user.a', 'user.b', 'user.c']);
  assert.equal(x.sha256, sha('xx'));
});

test('gzip layer: blob digest of the stored bytes, diffID of the tar, header facts, same entries', async () => {
  const gz = multiMember(gzipWithHeader(tar.subarray(0, 3000), { mtime: 99, name: 'layer.tar', os: 255 }), gzipWithHeader(tar.subarray(3000)), Buffer.alloc(4));
  const before = scanStats.decompressions;
  const s = await scan(gz, 100);
  assert.equal(scanStats.decompressions, before + 1);
  assert.equal(s.compression, 'gzip');
  assert.equal(s.storedDigest, `sha256:${sha(gz)}`);
  assert.equal(s.storedSize, gz.length);
  assert.equal(s.diffId, `sha256:${sha(tar)}`);
  assert.equal(s.gzip!.memberCount, 2);
  assert.equal(s.gzip!.headers[0]!.mtime, 99);
  assert.equal(s.gzip!.headers[0]!.name, 'layer.tar');
  assert.equal(s.gzip!.headers[1]!.offset, gzipWithHeader(tar.subarray(0, 3000), { mtime: 99, name: 'layer.tar', os: 255 }).length);
  assert.deepEqual(s.notes.map((n) => n.code), ['gzip-trailing-zeros']);
  assert.deepEqual(s.entries, (await scan(tar)).entries);
});

test('sniffing works however the source chunks the first bytes (1-byte chunks)', async () => {
  const gz = gzipSync(tar);
  const s = await scan(gz, 1);
  assert.equal(s.compression, 'gzip');
  assert.equal(s.diffId, `sha256:${sha(tar)}`);
});

test('entries:false hashes the stored bytes only: no decompression, no tar walk', async () => {
  const gz = gzipSync(tar);
  const before = { ...scanStats };
  const s = await scan(gz, 1000, false);
  assert.deepEqual(scanStats, before);
  assert.equal(s.storedDigest, `sha256:${sha(gz)}`);
  assert.equal(s.storedSize, gz.length);
  assert.equal(s.compression, 'gzip');
  assert.deepEqual([s.diffId, s.tarSize, s.gzip, s.entries.length], [null, null, null, 0]);
  // Even a corrupt blob is only hashed.
  const corrupt = Buffer.concat([gz.subarray(0, 20), Buffer.alloc(100, 0xff)]);
  assert.equal((await scan(corrupt, 7, false)).storedDigest, `sha256:${sha(corrupt)}`);
  await assert.rejects(scan(corrupt, 7, true));
});

test('missing end marker and trailing bytes are reported, not thrown', async () => {
  const noEnd = await scan(makeTar([{ name: 'a', content: 'x' }], { endBlocks: 0 }));
  assert.equal(noEnd.missingEndMarker, true);
  assert.equal(noEnd.entries.length, 1);
  const trailing = await scan(Buffer.concat([makeTar([{ name: 'a' }]), Buffer.from('xyz')]));
  assert.equal(trailing.trailingBytes, 3);
  assert.ok(trailing.notes.some((n) => n.code === 'tar-trailing-garbage'));
  const empty = await scan(Buffer.alloc(0));
  assert.deepEqual([empty.compression, empty.entries.length, empty.missingEndMarker, empty.tarSize], ['none', 0, true, 0]);
});

test('format errors surface as FormatError with offsets; xz is refused by name', async () => {
  const bad = Buffer.from(tar);
  bad[1024 + 5] ^= 1;
  await assert.rejects(scan(bad), (e: Error & { offset?: number }) => e.name === 'FormatError' && e.offset === 1024);
  await assert.rejects(scan(gzipSync(tar).subarray(0, 200)), (e: Error) => e.name === 'FormatError' && /truncated/.test(e.message));
  await assert.rejects(scan(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0, 0, 4, 0xe6, 0xd6])), /xz-compressed input is not supported; decompress it first/);
});

test('limits: maxLayerBytes on decompressed bytes; maxRatio only past 64 MiB', async () => {
  await assert.rejects(scanLayer(fromBuffer(tar), { limits: { ...DEFAULT_LIMITS, maxLayerBytes: 5000 } }),
    (e: Error & { limit?: string }) => e.name === 'FormatLimitError' && e.limit === 'maxLayerBytes');
  // A small bomb stays under the 64 MiB floor: ratio not enforced.
  const small = gzipSync(makeTar([{ name: 'z', content: Buffer.alloc(1 << 20) }]));
  assert.equal((await scanLayer(fromBuffer(small), { limits: { ...DEFAULT_LIMITS, maxRatio: 2 } })).entries.length, 1);
  const bomb = gzipSync(makeTar([{ name: 'z', content: Buffer.alloc(65 << 20) }]), { level: 1 });
  await assert.rejects(scanLayer(fromBuffer(bomb), { limits: { ...DEFAULT_LIMITS, maxRatio: 50 } }),
    (e: Error & { limit?: string }) => e.name === 'FormatLimitError' && e.limit === 'maxRatio');
});

test('shared: container-diff la-croix tars (PAX, fractional mtimes, atime kept)', { skip: SKIP_SHARED }, async () => {
  const dir = 'container-diff/util/testTars';
  const upd = await scanLayer(fromFile(shared(`${dir}/la-croix-update.tar`)), { limits: DEFAULT_LIMITS });
  const lime = upd.entries[0]!;
  assert.equal(lime.path, 'lime.txt');
  assert.equal(lime.format, 'pax');
  assert.equal(lime.mtime, 1502124232.168352);
  assert.deepEqual(Object.keys(lime.pax), ['atime']);
  assert.equal(lime.size, 13);
  for (const f of ['la-croix1.tar', 'la-croix3.tar', 'la-croix-update.tar', 'la-croix-wh.tar']) {
    const buf = readFileSync(shared(`${dir}/${f}`));
    const s = await scan(buf, 333);
    assert.equal(s.diffId, `sha256:${sha(buf)}`);
    assert.deepEqual(s.entries.map((e) => ({ name: e.rawPath, sha: e.sha256 })), await oracle(buf), f);
    if (f === 'la-croix3.tar' || f === 'la-croix-update.tar') {
      assert.ok(s.entries.some((e) => !Number.isInteger(e.mtime)), `${f} has a fractional mtime`);
    }
  }
  const wh = await scan(readFileSync(shared(`${dir}/la-croix-wh.tar`)));
  assert.ok(wh.entries.some((e) => e.path === '.wh.lime.txt'));
});

test('shared: dive test-docker-image layers (392 hardlinks in busybox), read as archive members', { skip: SKIP_SHARED }, async () => {
  const archive = shared('dive/data/test-docker-image.tar');
  const { members } = await indexTarFile(archive, DEFAULT_LIMITS);
  const layers = members.filter((m) => m.header.name.endsWith('/layer.tar'));
  assert.equal(layers.length, 14);
  let hardlinks = 0;
  for (const m of layers) {
    const s = await scanLayer(async () => readRange(archive, m.dataOffset, m.header.size), { limits: DEFAULT_LIMITS });
    const bytes: Buffer[] = [];
    for await (const c of readRange(archive, m.dataOffset, m.header.size)) bytes.push(c);
    const buf = Buffer.concat(bytes);
    assert.equal(s.diffId, `sha256:${sha(buf)}`);
    assert.deepEqual(s.entries.map((e) => ({ name: e.rawPath, sha: e.sha256 })), await oracle(buf), m.header.name);
    for (const e of s.entries) {
      if (e.type !== 'hardlink') continue;
      hardlinks++;
      assert.equal(e.sha256, null);
      assert.ok(e.linkTarget && !e.linkTarget.startsWith('/') && !e.linkTarget.startsWith('./'));
      assert.ok(s.entries.some((t) => t.path === e.linkTarget && t.index < e.index), `target of ${e.path} precedes it`);
    }
  }
  assert.equal(hardlinks, 392);
});

test('shared: regclient layer-wh.tar (GNU, whiteouts, owner 1000)', { skip: SKIP_SHARED }, async () => {
  const s = await scanLayer(fromFile(shared('regclient/testdata/layer-wh.tar')), { limits: DEFAULT_LIMITS });
  assert.deepEqual(s.entries.map((e) => e.path), ['layer1.txt', '.wh.layer2.txt', 'layer3.txt', 'exdir', 'exdir/.wh..wh..opq']);
  assert.ok(s.entries.every((e) => e.format === 'gnu' && e.uid === 1000 && e.uname === 'bmitch'));
  assert.equal(s.entries[3]!.rawPath, 'exdir/');
});

test('shared: zstd layer content.tar.zst has the diffID of content.tar', { skip: SKIP_SHARED }, async () => {
  const s = await scanLayer(fromFile(shared('go-containerregistry/pkg/crane/testdata/content.tar.zst')), { limits: DEFAULT_LIMITS });
  assert.equal(s.compression, 'zstd');
  assert.equal(s.zstdFrames, 1);
  assert.ok(s.diffId!.startsWith('sha256:3610aa52'));
  assert.deepEqual(s.entries.map((e) => e.path), ['.', 'bat', 'baz']);
});

test('shared: kaniko gzip layers (MTIME 0, OS 255) and an estargz layer (many members, data after the marker)', { skip: SKIP_SHARED }, async () => {
  const kaniko = shared('dive/data/test-kaniko-image.tar');
  const { members } = await indexTarFile(kaniko, DEFAULT_LIMITS);
  const gzLayers = members.filter((m) => m.header.name.endsWith('.tar.gz'));
  assert.equal(gzLayers.length, 14);
  for (const m of gzLayers) {
    const s = await scanLayer(async () => readRange(kaniko, m.dataOffset, m.header.size), { limits: DEFAULT_LIMITS });
    assert.equal(s.compression, 'gzip');
    assert.equal(s.storedDigest, `sha256:${m.header.name.replace('.tar.gz', '')}`);
    assert.equal(s.gzip!.headers[0]!.mtime, 0);
    assert.equal(s.gzip!.headers[0]!.os, 255);
  }
  const estargz = shared('dive/data/test-oci-estargz-image.tar');
  const blob = (await indexTarFile(estargz, DEFAULT_LIMITS)).members.find((m) => m.header.name.endsWith('faae588a698ab938e22085e54a6ee1dcab88eca70618c8cca18cd1169ce7cb5a'))!;
  const s = await scanLayer(async () => readRange(estargz, blob.dataOffset, blob.header.size), { limits: DEFAULT_LIMITS });
  assert.ok(s.gzip!.memberCount > 2, `members ${s.gzip!.memberCount}`);
  assert.ok(s.trailingBytes > 0); // the estargz TOC entry follows the tar end marker
  assert.ok(s.notes.some((n) => n.code === 'tar-trailing-garbage'));
});
