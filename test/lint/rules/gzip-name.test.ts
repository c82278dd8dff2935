import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/gzip-name.js';
import { ctx, gzipHeader, layer, run } from '../build.js';

describe('gzip-name', () => {
  it('flags FNAME with the stored name', () => {
    const scans = [layer(['a'], { gzip: { memberCount: 1, headers: [gzipHeader({ name: 'layer-naive.tar', flags: 8 })] } })];
    const [f] = run(rule, ctx(scans));
    assert.equal(f!.kind, 'gzip-name');
    assert.equal(f!.value, 'layer-naive.tar');
    assert.equal(f!.layer, 0);
  });

  it('is silent without FNAME', () => {
    assert.deepEqual(run(rule, ctx([layer(['a'])])), []);
  });
});
