import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/config-created.js';
import { ctx, layer, run } from '../build.js';

describe('config-created', () => {
  it('flags a created later than the epoch as a warning', () => {
    const [f] = run(rule, ctx([layer(['a'])], { configPatch: { created: '2026-01-02T03:04:05Z' } }));
    assert.equal(f!.shape, 'after-epoch');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.value, '2026-01-02T03:04:05Z');
  });

  it('calls a created with sub-second precision a wall clock, on either side of the epoch', () => {
    for (const created of ['2026-01-02T03:04:05.123456789Z', '2023-11-14T22:13:19.5Z']) {
      const [f] = run(rule, ctx([layer(['a'])], { configPatch: { created } }));
      assert.equal(f!.shape, 'wall-clock', created);
      assert.equal(f!.severity, 'warning');
    }
  });

  it("keeps Go's zero time and earlier dates at info", () => {
    assert.equal(run(rule, ctx([layer(['a'])], { configPatch: { created: '0001-01-01T00:00:00Z' } }))[0]!.shape, 'zero-time');
    const [f] = run(rule, ctx([layer(['a'])], { configPatch: { created: '2020-01-01T00:00:00Z' } }));
    assert.equal(f!.shape, 'before-epoch');
    assert.equal(f!.severity, 'info');
  });

  it('is silent when created equals the epoch (any offset), is absent, or epoch 0 meets 1970', () => {
    assert.deepEqual(run(rule, ctx([layer(['a'])])), []);
    assert.deepEqual(run(rule, ctx([layer(['a'])], { configPatch: { created: '2023-11-15T00:13:20+02:00' } })), []);
    assert.deepEqual(run(rule, ctx([layer(['a'])], { configPatch: { created: undefined } })), []);
    assert.deepEqual(run(rule, ctx([layer(['a'])], { epoch: 0, configPatch: { created: '1970-01-01T00:00:00Z' } })), []);
    assert.deepEqual(run(rule, ctx([layer(['a'])], { epoch: 0, configPatch: { created: '1969-12-31T19:00:00-05:00' } })), []);
  });
});
