import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignLayers, diffImages } from '../../src/diff/index.js';
import { file, side, type LayerSpec } from './build.js';
import { kindsOf, one, only } from './helpers.js';

const L = (name: string, n = 3, variant = ''): LayerSpec => ({
  entries: Array.from({ length: n }, (_, i) => file(`${name}/f${i}`, { content: `${name}${i}${variant}` })),
});

const rows = (pairs: { a: number | null; b: number | null; how: string }[]) => pairs.map((p) => `${p.a}:${p.b}:${p.how}`);

function align(a: LayerSpec[], b: LayerSpec[]) {
  const sa = side('a', a);
  const sb = side('b', b);
  return rows(alignLayers(sa.image, sa.scans, sb.image, sb.scans));
}

test('alignLayers: identical images pair every layer by diffID', () => {
  assert.deepEqual(align([L('x'), L('y')], [L('x'), L('y')]), ['0:0:diffid', '1:1:diffid']);
});

test('alignLayers: an inserted layer', () => {
  assert.deepEqual(align([L('a'), L('b'), L('c')], [L('a'), L('n'), L('b'), L('c')]), [
    '0:0:diffid', 'null:1:only-b', '1:2:diffid', '2:3:diffid',
  ]);
});

test('alignLayers: a removed layer', () => {
  assert.deepEqual(align([L('a'), L('b'), L('c')], [L('a'), L('c')]), ['0:0:diffid', '1:null:only-a', '2:1:diffid']);
});

test('alignLayers: reordered layers stay paired by diffID', () => {
  assert.deepEqual(align([L('a'), L('b'), L('c'), L('d')], [L('a'), L('c'), L('d'), L('b')]), [
    '0:0:diffid', '1:3:diffid', '2:1:diffid', '3:2:diffid',
  ]);
});

test('alignLayers: rebuilt layers (new content, same count) pair by position', () => {
  assert.deepEqual(align([L('a'), L('b'), L('c')], [L('a'), L('b', 3, "'"), L('c', 3, "'")]), [
    '0:0:diffid', '1:1:position', '2:2:position',
  ]);
});

test('alignLayers: inserted layer among rebuilt ones pairs by shared paths', () => {
  assert.deepEqual(align([L('a'), L('b'), L('c')], [L('a'), L('n'), L('b', 3, "'"), L('c', 3, "'")]), [
    '0:0:diffid', 'null:1:only-b', '1:2:position', '2:3:position',
  ]);
});

test('alignLayers: with digest-only scans pairs by the config diffIDs and position', () => {
  const d = (s: LayerSpec): LayerSpec => ({ ...s, digestOnly: true });
  assert.deepEqual(align([d(L('a')), d(L('b'))], [d(L('a')), d(L('b', 3, '!')), d(L('c'))]), [
    '0:0:diffid', '1:1:position', 'null:2:only-b',
  ]);
});

test('layer-set fires for added and removed layers and says which', () => {
  const r = diffImages(side('a', [L('a'), L('b'), L('c')]), side('b', [L('a'), L('n'), L('c')]));
  assert.deepEqual(kindsOf(r).filter((k) => k.startsWith('layer')), []);
  // b replaced b by n at the same position: rebuilt, not added (entries tell the story).
  assert.deepEqual(kindsOf(r), ['entry-set']);
  const r2 = diffImages(side('a', [L('a'), L('c')]), side('b', [L('a'), L('n'), L('c')]));
  const f = one(r2, 'layer-set');
  assert.equal(f.shape, 'added');
  assert.equal(f.layer, 1);
  const r3 = diffImages(side('a', [L('a'), L('b'), L('c')]), side('b', [L('a'), L('c')]));
  assert.equal(one(r3, 'layer-set').shape, 'removed');
});

test('layer-set stays silent when the layers only changed content', () => {
  const r = diffImages(side('a', [L('a'), L('b')]), side('b', [L('a'), L('b', 3, 'x')]));
  assert.equal(only(r, 'layer-set').length, 0);
  assert.deepEqual(kindsOf(r), ['entry-content']);
});

test('layer-order reports the minimal set of moved layers', () => {
  const r = diffImages(side('a', [L('a'), L('b'), L('c'), L('d')]), side('b', [L('a'), L('c'), L('d'), L('b')]));
  assert.deepEqual(kindsOf(r), ['layer-order']);
  const f = one(r, 'layer-order');
  assert.equal(f.count, 1);
  assert.deepEqual([f.a, f.b], [1, 3]);
});

test('layer-order stays silent when order is kept and a layer is added', () => {
  const r = diffImages(side('a', [L('a'), L('b')]), side('b', [L('a'), L('b'), L('c')]));
  assert.equal(only(r, 'layer-order').length, 0);
  // The added layer's history step is reported with it.
  assert.deepEqual(kindsOf(r), ['history-other', 'layer-set']);
});

test('alignment rows carry facts for both sides', () => {
  const r = diffImages(side('a', [L('a'), { ...L('b'), gzip: { mtime: 9 } }]), side('b', [L('a'), L('b')]));
  assert.deepEqual(r.alignment.map((x) => x.same), ['stored', 'content']);
  assert.equal(r.alignment[1]!.a!.gzip!.mtime, 9);
  assert.equal(r.alignment[1]!.b!.gzip!.mtime, 0);
  assert.equal(r.alignment[1]!.a!.diffId, r.alignment[1]!.b!.diffId);
});

test('property: alignLayers covers every layer once; same-tar pairs share a diffID; rebuilt pairs keep order', async () => {
  const fc = (await import('fast-check')).default;
  const names = ['a', 'b', 'c', 'd', 'e'];
  const layerArb = fc.record({ name: fc.constantFrom(...names), v: fc.constantFrom('', "'"), n: fc.integer({ min: 1, max: 3 }) });
  fc.assert(
    fc.property(fc.array(layerArb, { maxLength: 7 }), fc.array(layerArb, { maxLength: 7 }), fc.boolean(), (xa, xb, digestOnly) => {
      const mk = (xs: typeof xa) => xs.map((x) => ({ ...L(x.name, x.n, x.v), digestOnly }));
      const sa = side('a', mk(xa));
      const sb = side('b', mk(xb));
      const pairs = alignLayers(sa.image, sa.scans, sb.image, sb.scans);
      const as = pairs.filter((p) => p.a !== null).map((p) => p.a).sort((x, y) => x! - y!);
      const bs = pairs.filter((p) => p.b !== null).map((p) => p.b).sort((x, y) => x! - y!);
      assert.deepEqual(as, xa.map((_, i) => i));
      assert.deepEqual(bs, xb.map((_, i) => i));
      for (const p of pairs) {
        if (p.how === 'diffid') assert.equal(sa.image.layers[p.a!]!.diffId, sb.image.layers[p.b!]!.diffId);
        if (p.how === 'position') assert.notEqual(sa.image.layers[p.a!]!.diffId, sb.image.layers[p.b!]!.diffId);
        assert.equal(p.a === null, p.how === 'only-b');
        assert.equal(p.b === null, p.how === 'only-a');
      }
      const pos = pairs.filter((p) => p.how === 'position');
      for (let i = 1; i < pos.length; i++) assert.ok(pos[i - 1]!.a! < pos[i]!.a! && pos[i - 1]!.b! < pos[i]!.b!);
      // Output is in a's order.
      const order = pairs.filter((p) => p.a !== null).map((p) => p.a!);
      assert.deepEqual(order, [...order].sort((x, y) => x - y));
    }),
  );
});
