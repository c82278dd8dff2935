import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/duplicate-entry.js';
import { ctx, entry, layer, run } from '../build.js';

describe('duplicate-entry', () => {
  it('flags a path written twice with different content, naming both positions', () => {
    const [f] = run(rule, ctx([layer(['a', 'b', entry('a', { sha256: 'ff'.repeat(32) })])]));
    assert.equal(f!.shape, 'different');
    assert.equal(f!.severity, 'warning');
    assert.deepEqual(f!.examples[0]!.value, [0, 2]);
  });

  it('says when the copies are identical (info)', () => {
    const [f] = run(rule, ctx([layer(['a', 'b', 'a'])]));
    assert.equal(f!.shape, 'identical');
    assert.equal(f!.severity, 'info');
  });

  it('is silent for distinct paths, and for the same path in different layers', () => {
    assert.deepEqual(run(rule, ctx([layer(['a', 'b']), layer(['a'])])), []);
  });
});
