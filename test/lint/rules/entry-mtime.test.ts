import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/entry-mtime.js';
import { ctx, entry, EPOCH, layer, run } from '../build.js';

describe('entry-mtime', () => {
  it('fires once per layer for entries newer than the epoch, with examples in tar order', () => {
    const scans = [
      layer([entry('app/'), entry('app/a', { mtime: EPOCH + 10 }), entry('app/b', { mtime: EPOCH + 99 }), entry('app/c', { mtime: EPOCH - 5 })]),
    ];
    const [f, ...rest] = run(rule, ctx(scans));
    assert.equal(rest.length, 0);
    assert.equal(f!.kind, 'entry-mtime');
    assert.equal(f!.layer, 0);
    assert.equal(f!.count, 2);
    assert.equal(f!.shape, 'after-epoch');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.value, EPOCH + 99);
    assert.deepEqual(f!.examples.map((e) => e.path), ['app/a', 'app/b']);
  });

  it('says when only directories are newer', () => {
    const [f] = run(rule, ctx([layer([entry('app/', { mtime: EPOCH + 1 }), 'app/a'])]));
    assert.equal(f!.shape, 'directories-only');
  });

  it('flags a fractional PAX mtime just above the epoch', () => {
    assert.equal(run(rule, ctx([layer([entry('a', { mtime: EPOCH + 0.5 })])])).length, 1);
  });

  it('is silent for clamped entries and for kaniko-style mtime-0 whiteouts', () => {
    const scans = [layer(['app/', 'app/a', entry('app/.wh.old', { mtime: 0, mode: 0 })])];
    assert.deepEqual(run(rule, ctx(scans)), []);
  });

  it('flags nothing when no epoch is known', () => {
    assert.deepEqual(run(rule, ctx([layer([entry('a', { mtime: 2e9 })])], { epoch: null })), []);
  });

  it('aggregates thousands of entries into one finding with at most 5 examples', () => {
    const many = Array.from({ length: 3000 }, (_, i) => entry(`f${String(i).padStart(5, '0')}`, { mtime: EPOCH + i + 1 }));
    const out = run(rule, ctx([layer(many)]));
    assert.equal(out.length, 1);
    assert.equal(out[0]!.count, 3000);
    assert.equal(out[0]!.examples.length, 5);
    assert.equal(out[0]!.examples[0]!.path, 'f00000');
  });
});
