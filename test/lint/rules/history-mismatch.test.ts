import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/history-mismatch.js';
import { ctx, EPOCH_ISO, layer, run } from '../build.js';

describe('history-mismatch', () => {
  it('flags a config without history', () => {
    const [f] = run(rule, ctx([layer(['a'])], { config: { architecture: 'amd64', os: 'linux' } }));
    assert.equal(f!.shape, 'missing');
    assert.equal(f!.severity, 'error');
  });

  it('flags a count of non-empty_layer entries that differs from the layers', () => {
    const history = [{ created: EPOCH_ISO }, { created: EPOCH_ISO }, { created: EPOCH_ISO, empty_layer: true }];
    const [f] = run(rule, ctx([layer(['a'])], { configPatch: { history } }));
    assert.equal(f!.shape, 'count');
    assert.deepEqual(f!.value, { nonEmpty: 2, layers: 1 });
  });

  it('is silent when empty_layer entries are accounted for, and for a bare layer (no config)', () => {
    const history = [{ created: EPOCH_ISO, empty_layer: true }, { created: EPOCH_ISO }, { created: EPOCH_ISO, empty_layer: true }];
    assert.deepEqual(run(rule, ctx([layer(['a'])], { configPatch: { history } })), []);
    assert.deepEqual(run(rule, ctx([layer(['a'])], { config: null })), []);
  });
});
