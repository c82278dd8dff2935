// History entries whose `created` is not SOURCE_DATE_EPOCH, aggregated per shape: entries
// inherited from a base image are earlier (info), the build's own steps carry its clock.
import type { Finding } from '../../model/finding.js';
import { Collector } from '../collect.js';
import { configHistory } from '../config.js';
import { classifyCreated } from '../created.js';
import type { LintRule } from '../rule.js';

const ID = 'history-created';

export const rule: LintRule = {
  id: ID,
  kinds: ['history-created'],
  check(ctx): Finding[] {
    if (ctx.epoch === null) return [];
    const history = configHistory(ctx.image);
    if (!Array.isArray(history)) return [];
    const c = new Collector(ID);
    history.forEach((h, i) => {
      const shape = classifyCreated(h.created, ctx.epoch!);
      if (shape === null) return;
      const g = c.group({ kind: 'history-created', layer: null, shape, field: 'history.created' });
      g.add({ field: `history[${i}].created`, value: h.created });
      g.value ??= h.created;
    });
    return c.findings();
  },
};
