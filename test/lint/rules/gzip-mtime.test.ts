import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/gzip-mtime.js';
import { ctx, gzipHeader, layer, run } from '../build.js';

describe('gzip-mtime', () => {
  it('flags a real timestamp as a warning with an ISO date', () => {
    const scans = [layer(['a'], { gzip: { memberCount: 1, headers: [gzipHeader({ mtime: 1767323045 })] } })];
    const [f] = run(rule, ctx(scans));
    assert.equal(f!.shape, 'timestamp');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.value, '2026-01-02T03:04:05Z');
  });

  it("treats Go's zero time cut to 32 bits (2288912640) as a constant at info", () => {
    const scans = [layer(['a'], { gzip: { memberCount: 1, headers: [gzipHeader({ mtime: 2288912640 })] } })];
    const [f] = run(rule, ctx(scans));
    assert.equal(f!.shape, 'constant');
    assert.equal(f!.severity, 'info');
  });

  it('is silent for MTIME 0 and for uncompressed layers', () => {
    assert.deepEqual(run(rule, ctx([layer(['a']), layer(['b'], { compression: 'none', gzip: null })])), []);
  });
});
