import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffImages } from '../../src/diff/index.js';
import { dir, file, side, type LayerSpec } from './build.js';
import { kindsOf, one } from './helpers.js';

const entries = () => [dir('app'), file('app/main', { content: 'binary' }), file('app/conf')];
const ENTRY_KINDS = /^(entry-|tar-format)/;

function pair(a: Partial<LayerSpec>, b: Partial<LayerSpec>) {
  return diffImages(side('a', [{ entries: entries(), ...a }]), side('b', [{ entries: entries(), ...b }]));
}

const CASES: { kind: string; a: Partial<LayerSpec>; b: Partial<LayerSpec>; field: string; shape?: string }[] = [
  { kind: 'gzip-mtime', a: { gzip: { mtime: 0 } }, b: { gzip: { mtime: 1_700_000_000 } }, field: 'MTIME', shape: 'unset-vs-set' },
  { kind: 'gzip-name', a: { gzip: { flags: 8, name: 'layer.tar' } }, b: { gzip: { flags: 8, name: 'tmp.XyZ12.tar' } }, field: 'FNAME', shape: 'changed' },
  { kind: 'gzip-os', a: { gzip: { os: 3 } }, b: { gzip: { os: 255 } }, field: 'OS' },
  { kind: 'gzip-header', a: { gzip: {} }, b: { gzip: { flags: 16, comment: 'hi' } }, field: 'FCOMMENT', shape: 'added' },
  { kind: 'gzip-header', a: { memberCount: 1 }, b: { memberCount: 4 }, field: 'members' },
  { kind: 'compression-level', a: { gzip: { xfl: 0 } }, b: { gzip: { xfl: 2 } }, field: 'XFL' },
  { kind: 'compression-level', a: { compression: 'zstd', zstdFrames: 1 }, b: { compression: 'zstd', zstdFrames: 3 }, field: 'frames' },
  { kind: 'compressor', a: { stream: 'gzip' }, b: { stream: 'pigz' }, field: 'deflate', shape: 'same-header' },
  { kind: 'compressor', a: { compression: 'zstd', stream: 'x' }, b: { compression: 'zstd', stream: 'y' }, field: 'zstd' },
  { kind: 'layer-compression', a: { compression: 'gzip' }, b: { compression: 'zstd' }, field: 'compression', shape: 'algorithm' },
  { kind: 'layer-compression', a: { compression: 'gzip' }, b: { compression: 'none' }, field: 'compression', shape: 'algorithm' },
];

for (const c of CASES) {
  test(`${c.kind} (${c.field}): compression-only pair gives it and no entry kinds`, () => {
    const r = pair(c.a, c.b);
    assert.deepEqual(kindsOf(r), [c.kind]);
    assert.ok(!r.findings.some((f) => ENTRY_KINDS.test(f.kind)));
    const f = one(r, c.kind);
    assert.equal(f.field, c.field);
    if (c.shape) assert.equal(f.shape, c.shape);
    assert.equal(r.level, 'compression');
    assert.deepEqual(r.alignment.map((row) => row.same), ['content']);
  });
  test(`${c.kind} (${c.field}) stays silent on identical layers`, () => {
    const r = pair(c.a, c.a);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.alignment.map((row) => row.same), ['stored']);
  });
}

test('layer-compression: media type only (same blob)', () => {
  const r = pair({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' }, {});
  const f = one(r, 'layer-compression');
  assert.equal(f.shape, 'media-type');
  assert.deepEqual(kindsOf(r), ['layer-compression']);
});

test('compressor stays silent when a header field explains the bytes', () => {
  const r = pair({ gzip: { xfl: 4 }, stream: 's1' }, { gzip: { xfl: 2 }, stream: 's2' });
  assert.deepEqual(kindsOf(r), ['compression-level']);
});

test('gzip-os carries a compressor hint for each side', () => {
  const r = pair({ gzip: { os: 3, flags: 8, name: 'l.tar', mtime: 5 } }, { gzip: { os: 255 } });
  const f = one(r, 'gzip-os');
  const hint = (f.value as { hint: { a: string; b: string } }).hint;
  assert.match(hint.a, /GNU gzip/);
  assert.match(hint.b, /Go compress\/gzip/);
});

test('gzip-mtime shapes across layers: constant shift', () => {
  const layers = (t: number): LayerSpec[] => [0, 1, 2].map((i) => ({ entries: [file(`f${i}`)], gzip: { mtime: t + i * 10 } }));
  const r = diffImages(side('a', layers(1000)), side('b', layers(5000)));
  const f = one(r, 'gzip-mtime');
  assert.equal(f.shape, 'constant-shift');
  assert.equal(f.count, 3);
  assert.equal(f.layer, null);
});

test('content change plus gzip mtime: both causes, no compressor', () => {
  const a = side('a', [{ entries: entries(), gzip: { mtime: 1 } }]);
  const b = side('b', [{ entries: [...entries(), file('new')], gzip: { mtime: 2 } }]);
  const r = diffImages(a, b);
  assert.deepEqual(kindsOf(r), ['entry-set', 'gzip-mtime']);
});

test('identical layers need no decompression: digest-only scans give no findings and no notes', () => {
  const a = side('a', [{ entries: entries(), digestOnly: true }]);
  const b = side('b', [{ entries: entries(), digestOnly: true }]);
  const r = diffImages(a, b);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.notes, []);
  assert.equal(r.level, 'same');
});

test('a differing layer that was not walked is a note, not a crash', () => {
  const a = side('a', [{ entries: entries(), digestOnly: true }]);
  const b = side('b', [{ entries: [file('other')], digestOnly: true }]);
  const r = diffImages(a, b);
  assert.deepEqual(r.notes.map((n) => n.code), ['diff-layer-not-scanned', 'diff-layer-not-scanned']);
});
