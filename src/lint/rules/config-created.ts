// The config's `created` is not SOURCE_DATE_EPOCH. Absent is fine (the field is optional);
// a value with nanoseconds is a clock reading whichever side of the epoch it falls (wall-clock);
// `1970-01-01T00:00:00Z` with epoch 0 is equal. See created.ts for the shapes.
import type { Finding } from '../../model/finding.js';
import { Collector } from '../collect.js';
import { configCreated } from '../config.js';
import { classifyCreated } from '../created.js';
import type { LintRule } from '../rule.js';

const ID = 'config-created';

export const rule: LintRule = {
  id: ID,
  kinds: ['config-created'],
  check(ctx): Finding[] {
    if (ctx.epoch === null) return [];
    const raw = configCreated(ctx.image);
    const shape = classifyCreated(raw, ctx.epoch, true);
    if (shape === null) return [];
    const c = new Collector(ID);
    const g = c.group({ kind: 'config-created', layer: null, shape, field: 'config.created' });
    g.add({ field: 'config.created', value: raw });
    g.value = raw;
    return c.findings();
  },
};
