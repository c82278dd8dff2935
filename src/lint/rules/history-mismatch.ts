// The config's history does not describe the layers: it is missing, not a list, or its
// entries without `empty_layer: true` do not number one per layer. Tools pair history with
// layers by that count (docker history, registries validating a push).
import type { Finding } from '../../model/finding.js';
import { Collector } from '../collect.js';
import { configHistory, configOf } from '../config.js';
import type { LintRule } from '../rule.js';

const ID = 'history-mismatch';

export const rule: LintRule = {
  id: ID,
  kinds: ['history-mismatch'],
  check(ctx): Finding[] {
    // A bare layer tar has no config to check.
    if (configOf(ctx.image) === null) return [];
    const history = configHistory(ctx.image);
    const layers = ctx.image.layers.length;
    const c = new Collector(ID);
    if (history === 'absent' || history === 'invalid') {
      const g = c.group({ kind: 'history-mismatch', layer: null, shape: history === 'absent' ? 'missing' : 'invalid', field: 'history' });
      g.add({ field: 'history', value: history === 'absent' ? null : 'not a list of objects' });
      g.value = { history: null, layers };
      return c.findings();
    }
    const nonEmpty = history.filter((h) => h.empty_layer !== true).length;
    if (nonEmpty === layers) return [];
    const g = c.group({ kind: 'history-mismatch', layer: null, shape: 'count', field: 'history' });
    g.add({ field: 'history', value: { entries: history.length, nonEmpty, layers } });
    g.value = { nonEmpty, layers };
    return c.findings();
  },
};
