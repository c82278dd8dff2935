import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/digest-mismatch.js';
import type { BlobCheck } from '../../../src/model/types.js';
import { ctx, layer, run, sha } from '../build.js';

const config = (over: Partial<BlobCheck> = {}): BlobCheck => ({
  role: 'config',
  location: 'blobs/sha256/aaaa',
  nameDigest: sha('cfg'),
  declaredDigest: sha('cfg'),
  declaredSize: 10,
  actualDigest: sha('cfg'),
  actualSize: 10,
  ...over,
});

describe('digest-mismatch', () => {
  it('flags a config whose file name is not its digest, as an error', () => {
    const [f, ...rest] = run(rule, ctx([layer(['a'])], { blobs: [config({ nameDigest: sha('other') })] }));
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(f!.shape, 'name');
    assert.equal(f!.layer, null);
    assert.equal(f!.path, 'blobs/sha256/aaaa');
    assert.deepEqual([f!.examples[0]!.a, f!.examples[0]!.b], [sha('other'), sha('cfg')]);
  });

  it('flags a layer blob whose scanned digest or size differs from its descriptor', () => {
    const scans = [layer(['a'])];
    const out = run(rule, ctx(scans, { layerPatch: () => ({ blob: { declaredDigest: sha('x'), declaredSize: 1 } }) }));
    assert.deepEqual(out.map((f) => [f.layer, f.shape]), [[0, 'declared'], [0, 'size']]);
  });

  it("flags a layer whose tar is not the config's diff_id (mutated without a new hash)", () => {
    const [f] = run(rule, ctx([layer(['a'])], { layerPatch: () => ({ diffId: sha('stale') }) }));
    assert.equal(f!.shape, 'diff-id');
    assert.equal(f!.field, 'diffID');
  });

  it('does not compare a descriptor of another representation (LayerSources gzip blob vs stored layer.tar)', () => {
    const scans = [layer(['a'], { compression: 'none', gzip: null })];
    const c = ctx(scans, { layerPatch: () => ({ blob: { declaredDigest: sha('gz'), declaredSize: 165 } }) });
    c.image.layers[0]!.mediaType = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
    assert.deepEqual(run(rule, c), []);
  });

  it('is silent when every witness agrees, and where a witness is missing', () => {
    assert.deepEqual(run(rule, ctx([layer(['a'])], { blobs: [config()] })), []);
    const c = ctx([layer(['a'], { diffId: null })], { blobs: [config({ nameDigest: null, declaredSize: null, actualDigest: null })], layerPatch: () => ({ diffId: null }) });
    assert.deepEqual(run(rule, c), []);
  });
});
