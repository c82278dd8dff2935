import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/history-created.js';
import { ctx, EPOCH_ISO, layer, run } from '../build.js';

describe('history-created', () => {
  it('aggregates entries per shape: build steps after the epoch, base entries before it', () => {
    const history = [
      { created: '2019-05-01T00:00:00Z', created_by: 'base' },
      { created: '2026-01-02T03:04:05Z', created_by: 'RUN a' },
      { created: '2026-01-02T03:04:09Z', created_by: 'RUN b', empty_layer: true },
    ];
    const out = run(rule, ctx([layer(['a']), layer(['b'])], { configPatch: { history } }));
    assert.deepEqual(out.map((f) => [f.shape, f.count, f.severity]), [['before-epoch', 1, 'info'], ['after-epoch', 2, 'warning']]);
    assert.deepEqual(out[1]!.examples.map((e) => e.field), ['history[1].created', 'history[2].created']);
  });

  it('is silent when every entry is at the epoch or has no created', () => {
    const history = [{ created: EPOCH_ISO }, { created_by: 'no time' }];
    assert.deepEqual(run(rule, ctx([layer(['a'])], { configPatch: { history } })), []);
  });
});
