import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/shadowed-path.js';
import { ctx, entry, layer, run } from '../build.js';

describe('shadowed-path', () => {
  it('tells identical copies (wasted bytes) from real overwrites, per later layer', () => {
    const scans = [
      layer(['etc/', 'etc/os-release', entry('var/lib/dpkg/status', { size: 1000 })]),
      layer(['etc/', 'etc/os-release', entry('var/lib/dpkg/status', { sha256: 'ee'.repeat(32), size: 1200 })]),
    ];
    const out = run(rule, ctx(scans));
    assert.deepEqual(out.map((f) => [f.layer, f.shape, f.count, f.severity, f.value]), [
      [1, 'identical', 1, 'info', 5],
      [1, 'overwritten', 1, 'info', 1000],
    ]);
    assert.deepEqual(out[1]!.examples[0], { path: 'var/lib/dpkg/status', field: 'lowerLayer', value: 0 });
  });

  it('does not count a path deleted by a whiteout and written again', () => {
    const scans = [layer(['a/', 'a/x', 'b/', 'b/y']), layer(['a/.wh.x', 'b/.wh..wh..opq']), layer(['a/x', 'b/y'])];
    assert.deepEqual(run(rule, ctx(scans)), []);
  });

  it('applies a directory whiteout to everything below it, wherever it sits in the tar', () => {
    const scans = [layer(['d/', 'd/e/', 'd/e/f']), layer(['d/', 'd/e/', 'd/e/f', '.wh.d'])];
    assert.deepEqual(run(rule, ctx(scans)), []);
  });

  it('flags a file replaced by a directory, and ignores directories present in many layers', () => {
    const out = run(rule, ctx([layer(['x', 'dir/']), layer(['x/', 'dir/'])]));
    assert.deepEqual(out.map((f) => [f.shape, f.examples[0]!.path]), [['overwritten', 'x']]);
  });

  it('is silent when each file is written once', () => {
    assert.deepEqual(run(rule, ctx([layer(['a/', 'a/1']), layer(['a/', 'a/2'])])), []);
  });
});
